// Report a missing student (失联): who, when and where last seen, by whom, the warning signs seen before, and a
// description without a photo. The report raises the alarm and tells the school's police contact; one idempotency key
// per report, so a retried send raises nothing twice.
import { api } from './api.js';
import { boot } from './app.js';
import { config } from './config.js';
import { el } from './dom.js';
import { invalid, limitTextareas, onSubmit } from './forms.js';
import { t } from './i18n.js';
import { serverNow } from './clock.js';
import './strings/common.js';
import './strings/flag.js';
import './strings/missing.js';

await boot();
const form = document.getElementById('missing-form');
let students = [];
let key = crypto.randomUUID();

/** "yyyy-MM-ddTHH:mm" in the phone's zone for a datetime-local input, from the server's clock. */
const localInputValue = ms => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
};

function drawStudents(filter = '') {
  const needle = filter.trim().toLowerCase();
  const preset = new URLSearchParams(location.search).get('student');
  const shown = students.filter(s => !needle || s.name.toLowerCase().includes(needle) || s.studentNumber.toLowerCase().includes(needle));
  document.getElementById('students').replaceChildren(...shown.map(s => el('label', { class: 'choice' },
    el('input', { type: 'radio', name: 'studentId', value: s.studentId, checked: s.studentId === preset }),
    el('span', {}, s.name), el('span', { class: 'muted' }, s.studentNumber))));
}

function drawSigns() {
  document.getElementById('warning-signs').replaceChildren(...config().missingWarningSigns.map(sign => el('label', { class: 'choice' },
    el('input', { type: 'checkbox', name: 'warningSigns', value: sign }), el('span', {}, t(`sign.${sign}`)))));
}

onSubmit(form, async f => {
  const studentId = f.querySelector('input[name=studentId]:checked')?.value;
  if (!studentId) throw invalid({ studentId: [t('flag.needStudent')] });
  const lastSeen = f.lastSeenAt.value ? new Date(f.lastSeenAt.value) : null;
  const body = {
    lastSeenAt: lastSeen ? lastSeen.toISOString() : null,
    lastSeenPlace: f.lastSeenPlace.value.trim(),
    lastSeenBy: f.lastSeenBy.value.trim(),
    warningSigns: [...f.querySelectorAll('input[name=warningSigns]:checked')].map(i => i.value),
    description: f.description.value.trim() || null,
  };
  const { data } = await api(`/api/students/${encodeURIComponent(studentId)}/missing`,
    { method: 'POST', body, headers: { 'Idempotency-Key': key } });
  key = crypto.randomUUID();
  return data;
}, { then: showResult });

function showResult(receipt) {
  const result = document.getElementById('result');
  result.replaceChildren(
    el('p', {}, t('missing.received', { grade: t(`grade.${receipt.grade}`) })),
    receipt.caseId ? el('p', {}, el('a', { href: `/case.html?id=${encodeURIComponent(receipt.caseId)}` }, t('missing.openCase'))) : null);
  form.classList.add('hidden');
  result.classList.remove('hidden');
  result.focus();
}

document.getElementById('student-search').addEventListener('input', e => drawStudents(e.target.value));
limitTextareas(form);
form.lastSeenAt.value = localInputValue(serverNow());
students = (await api('/api/students/mine')).data
  .sort((a, b) => a.studentNumber.localeCompare(b.studentNumber, undefined, { numeric: true }));
drawStudents();
drawSigns();
