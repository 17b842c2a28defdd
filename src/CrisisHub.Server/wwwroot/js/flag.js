// Flag a concern in three taps: a student, a sign, send. A submission that cannot reach the server is kept
// on the phone and sent again, with the same idempotency key, as soon as the network is back.
import { api, ApiError, NetworkError } from './api.js';
import { boot } from './app.js';
import { clearErrors, el, showErrors } from './dom.js';
import { formatTime, t } from './i18n.js';
import { serverNow } from './clock.js';

const SignGroups = {
  Major: ['SaidTheyIntendToAct', 'AttemptOrPreparation', 'ThinkingOfKillingThemselvesNow', 'MissingWithWarningSigns'],
  Severe: ['ThinkingAboutHow', 'TalkedAboutSuicide', 'SelfHarm', 'PsychoticSymptoms', 'GivingAwayBelongings', 'Missing'],
  General: ['WishToBeDead', 'SuddenWithdrawal', 'Distress', 'Bullying', 'FamilyCrisis'],
};
const GradeOrder = ['Watch', 'General', 'Severe', 'Major'];

const me = await boot();
const form = document.getElementById('flag-form');
const storageKey = `crisishub.flags.${me.userName}`;
let students = [];

const load = () => JSON.parse(localStorage.getItem(storageKey) ?? '[]');
const store = flags => localStorage.setItem(storageKey, JSON.stringify(flags.slice(0, 30)));

function drawStudents(filter = '') {
  const needle = filter.trim().toLowerCase();
  const shown = students.filter(s => !needle || s.name.toLowerCase().includes(needle) || s.studentNumber.toLowerCase().includes(needle));
  document.getElementById('students').replaceChildren(...shown.map(s => el('label', { class: 'choice' },
    el('input', { type: 'radio', name: 'studentId', value: s.studentId }),
    el('span', {}, s.name), el('span', { class: 'muted' }, s.studentNumber))));
}

function drawSigns() {
  document.getElementById('signs').replaceChildren(...Object.entries(SignGroups).map(([grade, signs]) =>
    el('fieldset', {}, el('legend', {}, el('span', { class: `grade ${grade}` }, t(`group.${grade}`))),
      ...signs.map(sign => el('label', { class: 'choice' },
        el('input', { type: 'checkbox', name: 'signs', value: sign, 'data-grade': grade, onchange: drawSuggestion }),
        el('span', {}, t(`sign.${sign}`)))))));
}

function drawSuggestion() {
  const grades = [...form.querySelectorAll('input[name=signs]:checked')].map(i => i.dataset.grade);
  const top = grades.sort((a, b) => GradeOrder.indexOf(b) - GradeOrder.indexOf(a))[0];
  document.getElementById('suggested').textContent = top ? t('flag.suggested', { grade: t(`grade.${top}`) }) : '';
}

async function drawMine() {
  const flags = load();
  const items = await Promise.all(flags.map(async flag => {
    let status = 'Pending';
    if (!flag.pending) {
      try { status = (await api(`/api/flags/${encodeURIComponent(flag.key)}`)).data.status; } catch { status = 'Received'; }
    }
    return el('li', { class: 'card', 'data-status': status },
      el('strong', {}, flag.studentName), ' — ', el('span', { class: 'receipt-status' }, t(`receipt.${status}`)),
      el('div', { class: 'muted' }, formatTime(flag.submittedAt)));
  }));
  document.getElementById('mine').replaceChildren(...items);
}

/** Sends one stored flag; true when the server has it (new or replayed). */
async function send(flag) {
  try {
    await api('/api/flags', { method: 'POST', body: flag.body, headers: { 'Idempotency-Key': flag.key } });
    store(load().map(f => (f.key === flag.key ? { ...f, pending: false } : f)));
    return true;
  } catch (error) {
    if (error instanceof NetworkError) return false;
    store(load().filter(f => f.key !== flag.key));
    throw error;
  }
}

async function resendPending() {
  for (const flag of load().filter(f => f.pending)) {
    try { await send(flag); } catch { /* refused flags were dropped with their reason shown at the time */ }
  }
  await drawMine();
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  clearErrors(form);
  const studentId = form.querySelector('input[name=studentId]:checked')?.value;
  const signs = [...form.querySelectorAll('input[name=signs]:checked')].map(i => i.value);
  if (!studentId || signs.length === 0) {
    return showErrors(form, { errors: { ...(studentId ? {} : { studentId: [t('flag.needStudent')] }), ...(signs.length ? {} : { signs: [t('flag.needSign')] }) } });
  }
  const student = students.find(s => s.studentId === studentId);
  const flag = { key: crypto.randomUUID(), studentName: student.name, submittedAt: new Date(serverNow()).toISOString(), pending: true,
    body: { studentId, signs, note: form.note.value.trim() || null } };
  store([flag, ...load()]);
  const button = document.getElementById('send');
  button.disabled = true;
  button.textContent = t('flag.sending');
  try {
    const delivered = await send(flag);
    showResult(delivered ? t('flag.received') : t('flag.queued'));
  } catch (error) {
    showErrors(form, error instanceof ApiError ? error : null, t('error.network'));
  } finally {
    button.disabled = false;
    button.textContent = t('flag.send');
    await drawMine();
  }
});

function showResult(message) {
  form.reset();
  drawSuggestion();
  const result = document.getElementById('result');
  result.replaceChildren(el('p', {}, message),
    el('button', { type: 'button', class: 'secondary', onclick: () => { result.classList.add('hidden'); form.classList.remove('hidden'); } }, t('flag.another')));
  form.classList.add('hidden');
  result.classList.remove('hidden');
  result.focus();
}

document.getElementById('student-search').addEventListener('input', e => drawStudents(e.target.value));
window.addEventListener('online', resendPending);
students = (await api('/api/students/mine')).data
  .sort((a, b) => a.studentNumber.localeCompare(b.studentNumber, undefined, { numeric: true }));
drawStudents();
drawSigns();
await resendPending();
