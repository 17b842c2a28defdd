// Flag a concern in three taps: a student, a sign, send. A submission that cannot reach the server is kept
// on the phone and sent again, with the same idempotency key, as soon as the network is back.
import { api, ApiError, NetworkError } from './api.js';
import { boot } from './app.js';
import { config } from './config.js';
import { el } from './dom.js';
import { invalid, onSubmit } from './forms.js';
import { forStudents, hotlineList } from './hotlines.js';
import { formatTime, t } from './i18n.js';
import { serverNow } from './clock.js';
import './strings/common.js';
import './strings/flag.js';
import './strings/missing.js';

const me = await boot();
// A student who went missing has a form of its own (last seen, by whom): for those who may report it.
if (config().missingReporterRoles.includes(me.role)) document.getElementById('missing-link').classList.remove('hidden');
// The server lists the grades lowest first and says which grade each sign suggests; the form shows the gravest first.
const GradeOrder = config().grades;
const signGroups = [...GradeOrder].reverse()
  .map(grade => [grade, config().signs.filter(s => s.grade === grade).map(s => s.sign)])
  .filter(([, signs]) => signs.length > 0);
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
  document.getElementById('signs').replaceChildren(...signGroups.map(([grade, signs]) =>
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
    // 503: the server cannot store anything now (its data store is being restored): keep the flag and send it again
    // later with the same key; the reason is shown now.
    if (error instanceof ApiError && error.status === 503) throw error;
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

onSubmit(form, async f => {
  const studentId = f.querySelector('input[name=studentId]:checked')?.value;
  const signs = [...f.querySelectorAll('input[name=signs]:checked')].map(i => i.value);
  if (!studentId || signs.length === 0) {
    throw invalid({ ...(studentId ? {} : { studentId: [t('flag.needStudent')] }), ...(signs.length ? {} : { signs: [t('flag.needSign')] }) });
  }
  const student = students.find(s => s.studentId === studentId);
  const flag = { key: crypto.randomUUID(), studentName: student.name, submittedAt: new Date(serverNow()).toISOString(), pending: true,
    body: { studentId, signs, note: f.note.value.trim() || null } };
  store([flag, ...load()]);
  const button = document.getElementById('send');
  button.disabled = true;
  button.textContent = t('flag.sending');
  try {
    return await send(flag);
  } finally {
    button.disabled = false;
    button.textContent = t('flag.send');
    await drawMine();
  }
}, { then: delivered => showResult(delivered ? t('flag.received') : t('flag.queued')) });

function showResult(message) {
  form.reset();
  drawSuggestion();
  const result = document.getElementById('result');
  // The reporter may be shaken too: the receipt gives them the lines for students of their district.
  const lines = forStudents(me.hotlines);
  result.replaceChildren(el('p', {}, message),
    lines.length ? el('section', { id: 'receipt-hotlines' }, el('p', {}, t('flag.receiptHotlines')), hotlineList(lines)) : null,
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
