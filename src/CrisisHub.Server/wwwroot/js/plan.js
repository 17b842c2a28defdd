// A student's plan (一生一策): the current version as it prints for the re-entry meeting, the psychology centre's form for
// a new version, and the version history. Without ?student= the page lists the overdue reviews the person owns. Whether
// the review is overdue, and what day it is, are the server's answers (its clock), never the phone's.
import { api, ApiError } from './api.js';
import { boot } from './app.js';
import { el } from './dom.js';
import { field, onSubmit, put } from './forms.js';
import { hotlineList } from './hotlines.js';
import { formatTime, t } from './i18n.js';
import './strings/plan.js';

const SafetyPlanParts = [
  ['warningSigns', 'plan.sp.warningSigns'], ['internalCoping', 'plan.sp.internalCoping'],
  ['peopleAndPlacesForDistraction', 'plan.sp.peopleAndPlacesForDistraction'], ['peopleToAskForHelp', 'plan.sp.peopleToAskForHelp'],
  ['professionalsAndHotlines', 'plan.sp.professionalsAndHotlines'], ['makingTheEnvironmentSafe', 'plan.sp.makingTheEnvironmentSafe'],
];
const LevelKeys = ['plan.level0', 'plan.level1', 'plan.level2', 'plan.level3', 'plan.level4'];

const me = await boot();
const studentId = new URLSearchParams(location.search).get('student');
const path = `/api/students/${encodeURIComponent(studentId ?? '')}/plan`;
const refused = document.getElementById('refused');

function refuse(error) {
  if (!(error instanceof ApiError)) throw error;
  refused.textContent = error.message;
  refused.classList.remove('hidden');
}

/**
 * The district's lines for students, shown read-only beside the plan's own "professionals and hotlines": the plan keeps
 * only what was agreed with the student, while the numbers always come from the directory as it is now (a version saved
 * last year never prints a number the district has since replaced).
 */
const districtLines = (lines, id) => lines.length === 0 ? [] : [el('dt', { class: 'muted' }, t('plan.districtHotlines')),
  el('dd', {}, hotlineList(lines, { id }))];

const pair = (key, value, extra = {}) => [el('dt', {}, t(key)), el('dd', extra, value || '—')];
const levelLabel = level => t(LevelKeys[level] ?? 'plan.none.short');

/** The current version, as the meeting reads it on paper. */
function drawCurrent(page) {
  const p = page.plan;
  const current = p.current ?? p;
  const plan = p.current?.plan ?? p;
  const version = current.version;
  return el('section', { class: 'card plan-sheet' },
    el('p', { class: 'muted' }, t('plan.version', { version, at: formatTime(current.savedAt), by: current.savedBy ?? plan.ownerUserName })),
    p.reviewOverdue ? el('p', { class: 'badge escalated', id: 'review-overdue', role: 'status' }, t('plan.overdue')) : null,
    el('dl', {}, ...pair('plan.level', levelLabel(plan.level)), ...pair('plan.nextReviewOn', plan.nextReviewOn), ...pair('plan.owner', plan.ownerUserName),
      ...(page.shape === 'Clinical' ? pair('plan.triggers', plan.triggers, { class: 'note' }) : []),
      ...pair('plan.warningSigns', plan.warningSigns, { class: 'note' }), ...pair('plan.agreedSupport', plan.agreedSupport, { class: 'note' })),
    el('h3', {}, t('plan.safetyPlan')),
    el('dl', { id: 'safety-plan' }, ...SafetyPlanParts.flatMap(([part, key]) => [...pair(key, plan.safetyPlan[part], { class: 'note' }),
      ...(part === 'professionalsAndHotlines' ? districtLines(page.hotlines, 'plan-hotlines') : [])])),
    el('h3', {}, t('plan.adults')),
    el('table', { id: 'adults' }, el('tbody', {}, ...plan.responsibleAdults.map(a => el('tr', {}, el('td', {}, a.name), el('td', {}, a.role), el('td', {}, a.phone ?? ''))))),
    page.shape === 'Clinical' ? null : el('p', { class: 'muted no-print' }, t('plan.withheld')));
}

/** One editable row of a responsible adult; its fields carry the API's error keys. */
function adultRow(adult, index) {
  const input = (name, key, value, type = 'text') => el('input', { name, type, value: value ?? '', 'aria-label': t(key), placeholder: t(key),
    'data-field': `responsibleAdults[${index}].${name}` });
  const row = el('div', { class: 'row adult' }, input('name', 'plan.adultName', adult.name), input('role', 'plan.adultRole', adult.role),
    input('phone', 'plan.adultPhone', adult.phone, 'tel'),
    el('button', { type: 'button', onclick: () => row.remove() }, t('plan.removeAdult')));
  return row;
}

function drawForm(page, then) {
  const plan = page.plan?.current?.plan;
  const adults = el('div', { id: 'adult-rows' }, ...(plan?.responsibleAdults ?? []).map(adultRow));
  const area = (key, name, value, dataField = name) => {
    const [label, control] = field(key, name, { multiline: true, dataField });
    control.value = value ?? '';
    return [label, control];
  };
  const form = el('form', { class: 'card work', id: 'plan-form', novalidate: true },
    el('h3', {}, t(plan ? 'plan.editTitle' : 'plan.startTitle')),
    ...field('plan.level', 'level', { options: [1, 2, 3, 4, ...(plan ? [0] : [])].map(l => [String(l), levelLabel(l)]), value: String(plan?.level ?? 3) }),
    ...field('plan.nextReviewOn', 'nextReviewOn', { type: 'date', value: plan?.nextReviewOn ?? page.today }),
    ...field('plan.owner', 'ownerUserName', { value: plan?.ownerUserName ?? me.userName }),
    ...area('plan.triggers', 'triggers', plan?.triggers), ...area('plan.warningSigns', 'warningSigns', plan?.warningSigns),
    el('fieldset', {}, el('legend', {}, t('plan.safetyPlan')),
      ...SafetyPlanParts.flatMap(([part, key]) => [...area(key, `sp-${part}`, plan?.safetyPlan[part], `safetyPlan.${part}`),
        ...(part === 'professionalsAndHotlines' && page.hotlines.length
          ? [el('div', { class: 'muted' }, el('p', {}, t('plan.districtHotlines')), hotlineList(page.hotlines, { id: 'form-hotlines' }))] : [])])),
    el('fieldset', { 'data-field': 'responsibleAdults' }, el('legend', {}, t('plan.adults')), adults,
      el('button', { type: 'button', id: 'add-adult', onclick: () => adults.append(adultRow({}, adults.children.length)) }, t('plan.addAdult'))),
    ...area('plan.agreedSupport', 'agreedSupport', plan?.agreedSupport),
    ...field('plan.changeNote', 'changeNote', { dataField: 'changeNote' }),
    el('p', {}, el('button', { type: 'submit', class: 'primary' }, t('plan.edit'))));
  form.querySelector('[name="nextReviewOn"]').min = page.today;
  // Rows removed and added since the form was drawn: the API's error keys follow the order sent.
  const renumber = () => [...adults.querySelectorAll('.adult')].forEach((row, i) =>
    row.querySelectorAll('input').forEach(input => input.setAttribute('data-field', `responsibleAdults[${i}].${input.name}`)));
  return onSubmit(form, f => renumber() ?? put(path, {
    plan: {
      level: Number(f.level.value), nextReviewOn: f.nextReviewOn.value || null, ownerUserName: f.ownerUserName.value.trim(),
      triggers: f.triggers.value.trim(), warningSigns: f.warningSigns.value.trim(), agreedSupport: f.agreedSupport.value.trim(),
      safetyPlan: Object.fromEntries(SafetyPlanParts.map(([part]) => [part, f[`sp-${part}`].value.trim()])),
      responsibleAdults: [...adults.querySelectorAll('.adult')].map(row => ({
        name: row.querySelector('[name="name"]').value.trim(), role: row.querySelector('[name="role"]').value.trim(),
        phone: row.querySelector('[name="phone"]').value.trim() || null,
      })),
    },
    expectedVersion: page.plan?.current?.version ?? 0,
    changeNote: f.changeNote.value.trim() || null,
  }), { then });
}

async function drawHistory() {
  const versions = (await api(`${path}/versions`)).data;
  document.getElementById('versions').replaceChildren(...versions.slice().reverse().map(v => el('li', { class: 'card', 'data-version': v.version },
    el('strong', {}, t('plan.version', { version: v.version, at: formatTime(v.savedAt), by: v.savedBy })),
    ` · ${levelLabel(v.plan.level)} · ${t('plan.nextReviewOn')} ${v.plan.nextReviewOn}`,
    v.changeNote ? el('p', { class: 'note' }, v.changeNote) : null)));
  document.getElementById('plan-history').classList.remove('hidden');
}

async function showPlan() {
  const page = (await api(path)).data;
  document.getElementById('plan-title').textContent = t('plan.title', { name: page.studentName, classId: page.classId });
  document.getElementById('plan-current').replaceChildren(page.plan ? drawCurrent(page) : el('p', { class: 'muted', id: 'no-plan' }, t('plan.none')));
  document.getElementById('plan-edit').replaceChildren(page.mayEdit ? drawForm(page, showPlan) : '');
  document.getElementById('plan').classList.remove('hidden');
  if (page.mayEdit && page.plan) await drawHistory();
}

async function showReviewsDue() {
  const due = (await api('/api/plans/reviews-due')).data;
  document.getElementById('reviews-empty').classList.toggle('hidden', due.length > 0);
  document.getElementById('reviews-due').replaceChildren(...due.map(d => el('li', { class: 'card escalated' },
    t('plan.reviewDueItem', { date: d.nextReviewOn }), ' · ', el('a', { href: `/plan.html?student=${encodeURIComponent(d.studentId)}` }, t('plan.open')))));
  document.getElementById('lookup').classList.remove('hidden');
}

document.getElementById('print').addEventListener('click', () => window.print());
document.getElementById('open-form').addEventListener('submit', event => {
  event.preventDefault();
  const id = event.target.student.value.trim();
  if (id) location.href = `/plan.html?student=${encodeURIComponent(id)}`;
});

try {
  await (studentId ? showPlan() : showReviewsDue());
} catch (error) {
  refuse(error);
}
