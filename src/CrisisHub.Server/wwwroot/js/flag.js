// Flag a concern in three taps: a student, a sign, send. A submission that cannot reach the server is kept on the
// phone (outbox.js: IndexedDB, shared with the service worker) and shown as not yet sent; it is sent again with the
// same idempotency key when the network is back: by this page if it is open, else by the service worker's Background
// Sync or at the app's next start. The key makes it one flag however many of those try.
import { api, ApiError } from './api.js';
import { boot } from './app.js';
import { config } from './config.js';
import { el } from './dom.js';
import { invalid, onSubmit } from './forms.js';
import { forStudents, hotlineList } from './hotlines.js';
import { formatTime, t } from './i18n.js';
import { serverNow } from './clock.js';
import { syncFlagsLater } from './installed-app.js';
import { deliver, flagsOf, flush, forget, keep } from './outbox.js';
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
let students = [];

/** Flags an earlier version of this page kept in localStorage move to the outbox once. */
async function moveOldFlags() {
  const storageKey = `crisishub.flags.${me.userName}`;
  for (const old of JSON.parse(localStorage.getItem(storageKey) ?? '[]')) {
    await keep({ key: old.key, account: me.userName, body: old.body, studentName: old.studentName, submittedAt: old.submittedAt,
      state: old.pending ? 'pending' : 'sent' });
  }
  localStorage.removeItem(storageKey);
}

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

let drawing = Promise.resolve();
/** Draws the list after whatever drawing is under way, so two redraws never interleave their cards. */
const drawMine = () => (drawing = drawing.then(drawMineNow, drawMineNow));

async function drawMineNow() {
  const items = await Promise.all((await flagsOf(me.userName)).map(async flag => {
    // Not yet sent until the server has answered for it; a refusal the worker met while no page was open shows its reason.
    let status = flag.state === 'pending' ? 'Pending' : flag.state === 'refused' ? 'Refused' : 'Received';
    if (flag.state === 'sent') {
      try { status = (await api(`/api/flags/${encodeURIComponent(flag.key)}`)).data.status; } catch { status = 'Received'; }
    }
    return el('li', { class: 'card', 'data-status': status, 'data-key': flag.key },
      el('strong', {}, flag.studentName), ' — ', el('span', { class: 'receipt-status' }, t(`receipt.${status}`)),
      flag.state === 'refused' ? el('div', {}, flag.problem?.detail || flag.problem?.title || '') : null,
      el('div', { class: 'muted' }, formatTime(flag.submittedAt)));
  }));
  document.getElementById('mine').replaceChildren(...items);
}

/** Sends one stored flag; true when the server has it (new or replayed), false when it stays for later. */
async function send(flag) {
  const { outcome, status, problem } = await deliver(flag);
  if (outcome === 'sent') return true;
  if (outcome === 'refused') {
    // Refused while the reporter is here: the form shows why and they correct it; the refused copy is not kept.
    await forget(flag.key);
    throw new ApiError(status, problem);
  }
  await syncFlagsLater();
  // 503: the server cannot store anything now (its data store is being restored): the flag stays, the reason shows now.
  if (status === 503) throw new ApiError(status, problem);
  return false;
}

async function resendPending() {
  await flush(me.userName);
  await drawMine();
}

onSubmit(form, async f => {
  const studentId = f.querySelector('input[name=studentId]:checked')?.value;
  const signs = [...f.querySelectorAll('input[name=signs]:checked')].map(i => i.value);
  if (!studentId || signs.length === 0) {
    throw invalid({ ...(studentId ? {} : { studentId: [t('flag.needStudent')] }), ...(signs.length ? {} : { signs: [t('flag.needSign')] }) });
  }
  const student = students.find(s => s.studentId === studentId);
  const flag = { key: crypto.randomUUID(), account: me.userName, studentName: student.name, submittedAt: new Date(serverNow()).toISOString(),
    state: 'pending', body: { studentId, signs, note: f.note.value.trim() || null } };
  await keep(flag);
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
// The service worker may send a flag while this page is open (Background Sync, another page's start).
navigator.serviceWorker?.addEventListener('message', event => { if (event.data?.type === 'flags-changed') drawMine(); });
students = (await api('/api/students/mine')).data
  .sort((a, b) => a.studentNumber.localeCompare(b.studentNumber, undefined, { numeric: true }));
drawStudents();
drawSigns();
await moveOldFlags();
await resendPending();
