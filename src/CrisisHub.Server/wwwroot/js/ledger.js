// A school's graded attention ledger (分级台账): the students in focus by level, each with why, who answers for them and
// when they are next reviewed, and the monthly meeting's review of each. The server derives the levels and decides who
// sees names; a district officer gets the counts only.
import { api, ApiError } from './api.js';
import { boot } from './app.js';
import { el } from './dom.js';
import { cardForm, field, onSubmit, post } from './forms.js';
import { formatTime, t } from './i18n.js';
import './strings/ledger.js';

await boot();
const schoolId = new URLSearchParams(location.search).get('school') ?? '';
const base = `/api/schools/${encodeURIComponent(schoolId)}`;

/** The level a movement leads to: raising moves towards 1, lowering past 4 takes the student off the ledger (0). */
const target = (level, movement) => movement === 'Raised' ? Math.max(1, level - 1)
  : movement === 'Lowered' ? (level >= 4 ? 0 : level + 1) : level;

const levelName = (view, level) => level === 0 ? t('ledger.off') : `${level} ${view.levels.find(l => l.level === level).label}`;

function review(view, r) {
  if (r.thisMonthsReview) {
    const done = r.thisMonthsReview;
    return el('p', { class: 'reviewed' }, el('strong', {}, t(`ledger.move.${done.movement}`)), ` → ${levelName(view, done.toLevel)}`,
      done.note ? ` · ${done.note}` : '');
  }
  const movements = ['Unchanged', 'Raised', 'Lowered'].filter(m => m !== 'Raised' || r.level > 1);
  return onSubmit(cardForm({ id: `review-${r.studentId}`, title: 'ledger.review', submit: 'ledger.save', fields: [
    ...field('ledger.movement', 'movement', { value: 'Unchanged',
      options: movements.map(m => [m, `${t(`ledger.move.${m}`)} → ${levelName(view, target(r.level, m))}`]) }),
    ...field('ledger.note', 'note', { multiline: true }),
  ] }), f => post(`${base}/ledger/reviews`, { studentId: r.studentId, month: view.month, toLevel: target(r.level, f.movement.value),
    note: f.note.value.trim() || null }), { then: draw });
}

const row = (view, r) => el('li', { class: 'card ledger-row', 'data-student': r.studentId },
  el('div', { class: 'row' },
    view.canOpenArchive ? el('a', { href: `/archive.html?student=${encodeURIComponent(r.studentId)}`, class: 'student' }, r.name)
      : el('strong', { class: 'student' }, r.name),
    el('span', { class: 'muted' }, `${r.gradeName} · ${r.className}`)),
  el('div', {}, t('ledger.why'), ': ', r.reasons.map(reason => t(`ledger.reason.${reason}`)).join('、')),
  el('div', {}, t('ledger.adult'), ': ', r.responsibleAdult ?? '—'),
  el('div', {}, t('ledger.next'), ': ', r.nextReviewOn ?? (r.nextDeadline ? formatTime(r.nextDeadline) : '—')),
  r.lastReview && r.lastReview !== r.thisMonthsReview && r.lastReview.month !== view.month
    ? el('div', { class: 'muted' }, t('ledger.last', { month: r.lastReview.month, move: t(`ledger.move.${r.lastReview.movement}`) })) : null,
  review(view, r));

async function draw() {
  let view;
  try {
    view = (await api(`${base}/ledger`)).data;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const refused = document.getElementById('refused');
    refused.textContent = t('ledger.refused');
    refused.classList.remove('hidden');
    return;
  }
  document.getElementById('school-name').textContent = view.schoolName;
  document.getElementById('month').textContent = t('ledger.month', { month: view.month });
  const exportLink = document.getElementById('export');
  exportLink.href = `${base}/ledger.xlsx`;
  exportLink.classList.toggle('hidden', !view.namesShown);
  document.getElementById('counts-only').classList.toggle('hidden', view.namesShown);
  document.getElementById('levels').replaceChildren(...view.levels.map(level => el('section', { class: 'ledger-level', id: `level-${level.level}` },
    el('h3', {}, `${level.level} · ${level.label} (${level.suppressed ? '<5' : level.count})`),
    view.namesShown && level.count === 0 ? el('p', { class: 'muted' }, t('ledger.empty')) : null,
    el('ul', { class: 'cards' }, ...view.rows.filter(r => r.level === level.level).map(r => row(view, r))))));
  document.getElementById('ledger').classList.remove('hidden');
}

await draw();
