// The hospital liaison desk: the live queue of referrals addressed to this hospital, with countdowns,
// the handoff packet of the chosen one, and a button for each step the hospital may take next.
import { api, ApiError } from './api.js';
import { boot } from './app.js';
import { el } from './dom.js';
import { onSubmit, post, textarea } from './forms.js';
import { connectLive, ring } from './live.js';
import { formatTime, t } from './i18n.js';
import { tick } from './countdown.js';
import { deadlineLabel, eventList } from './referral-events.js';
import './strings/common.js';
import './strings/referral.js';
import './strings/desk.js';

await boot();
const queue = document.getElementById('queue');
const detail = document.getElementById('detail');
let referrals = [];
let selected = new URLSearchParams(location.search).get('id');

function countdown(r) {
  if (!r.currentDeadline) return null;
  return tick(el('div', { class: 'countdown', 'data-deadline': r.currentDeadline, 'data-label': deadlineLabel(r.currentDeadlineName) }));
}

function drawQueue() {
  document.getElementById('queue-empty').classList.toggle('hidden', referrals.length > 0);
  queue.replaceChildren(...referrals.map(r => el('li', { class: `card${r.overdue ? ' escalated' : ''}`, 'data-referral': r.referralId },
    el('button', { type: 'button', class: 'secondary queue-choice', 'aria-current': r.referralId === selected, onclick: () => chooseAndShow(r.referralId) },
      el('div', { class: 'row' }, el('span', { class: `grade ${r.grade}` }, t(`grade.${r.grade}`)), el('strong', {}, r.maskedName),
        el('span', {}, t('desk.age', { n: r.age })), el('span', { class: 'muted' }, r.schoolName)),
      el('div', {}, el('strong', { class: 'referral-status' }, t(`referral.${r.status}`)), ` · ${formatTime(r.requestedAt)}`),
      countdown(r)))));
}

async function refreshQueue() {
  try {
    referrals = (await api('/api/hospital/queue')).data.referrals;
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      const refused = document.getElementById('refused');
      refused.textContent = t('desk.forbidden');
      refused.classList.remove('hidden');
      document.getElementById('desk').classList.add('hidden');
      return;
    }
    throw error;
  }
  drawQueue();
}

async function choose(id) {
  selected = id;
  history.replaceState(null, '', `?id=${encodeURIComponent(id)}`);
  drawQueue();
  const view = (await api(`/api/referrals/${encodeURIComponent(id)}`)).data;
  drawDetail(view);
}

// On a phone the chosen referral is drawn above the queue (app.css): the tap takes the reader up to it.
async function chooseAndShow(id) {
  await choose(id);
  if (matchMedia('(max-width: 40rem)').matches) detail.scrollIntoView({ block: 'start' });
}

const packetRow = (labelKey, value) => [el('dt', {}, t(labelKey)), el('dd', {}, value)];

function drawDetail(r) {
  const p = r.packet;
  const plan = Object.entries(p.safetyPlan).map(([k, v]) => el('li', {}, el('strong', {}, `${t(`ref.sp.${k}`)}：`), v));
  detail.replaceChildren(
    el('h2', {}, el('span', { class: `grade ${r.grade}` }, t(`grade.${r.grade}`)), ' ', p.studentName, ' ', el('span', { class: 'muted' }, r.referralId)),
    el('p', {}, el('strong', { id: 'referral-status' }, t(`referral.${r.status}`)),
      r.currentDeadline ? ` · ${t('ref.deadline', { name: deadlineLabel(r.deadlines.find(d => d.dueAt === r.currentDeadline && !d.metAt)?.name), time: formatTime(r.currentDeadline) })}` : '',
      r.overdue ? el('strong', { class: 'form-error' }, ` · ${t('ref.overdue')}`) : ''),
    stepForm(r),
    noteForm(r),
    el('h2', {}, t('desk.packet')),
    el('dl', {}, ...packetRow('desk.student', `${p.studentName} · ${t('desk.age', { n: p.age })} · ${p.schoolName}`),
      ...packetRow('desk.schoolContact', el('a', { href: `tel:${p.schoolContactPhone}` }, `${p.schoolContactName} ${p.schoolContactPhone}`)),
      ...packetRow('ref.reason', p.reason),
      ...packetRow('ref.meansAccess', p.meansAccess),
      ...packetRow('ref.protectiveFactors', p.protectiveFactors)),
    el('h3', {}, t('desk.signs')),
    el('ul', {}, ...p.signs.map(s => el('li', {}, `${t(`sign.${s.sign}`)} · ${formatTime(s.firstReported)} – ${formatTime(s.lastReported)}`))),
    el('h3', {}, t('desk.actions')),
    el('ul', {}, ...p.actionsSoFar.map(a => el('li', {}, `${t(`action.${a.kind}`)} · ${formatTime(a.at)}`, a.note ? el('div', { class: 'note' }, a.note) : null))),
    el('h3', {}, t('ref.safetyPlan')), el('ul', {}, ...plan),
    el('h3', {}, t('desk.guardians')),
    el('ul', {}, ...p.guardians.map(g => el('li', {}, `${g.name}（${g.relationship}）`, el('a', { href: `tel:${g.phone}` }, ` ${g.phone}`))),
      el('li', {}, t('desk.consent', { decision: t(`ref.${p.consent.decision}`), name: p.consent.guardianName }))),
    el('h3', {}, t('ref.events')),
    eventList(r.events));
}

const referralPath = (r, route) => `/api/referrals/${encodeURIComponent(r.referralId)}/${route}`;

/** The hospital's next steps as buttons of one form; the view says which end the referral and which need admission consent. */
function stepForm(r) {
  const next = r.hospitalCanMoveTo;
  if (next.length === 0) return null;
  const form = el('form', { class: 'card work', id: 'step-form', novalidate: true },
    el('h3', {}, t('desk.next')),
    el('label', { for: 'step-reason' }, t('desk.reason')), textarea({ id: 'step-reason', name: 'reason', 'data-field': 'reason' }),
    el('label', { for: 'step-note' }, t('desk.note')), textarea({ id: 'step-note', name: 'note', 'data-field': 'note' }),
    r.hospitalStepNeedsAdmissionConsent
      ? el('label', { class: 'choice' }, el('input', { type: 'checkbox', name: 'admission', 'data-field': 'admissionConsented' }), t('desk.admission')) : null,
    el('p', { class: 'row' }, ...next.map(status => el('button', {
      type: 'submit', value: status, class: r.hospitalStepsThatEnd.includes(status) ? 'danger' : 'primary',
    }, t(`desk.move.${status}`)))));
  return onSubmit(form, (f, event) => post(referralPath(r, 'status'), {
    status: event.submitter?.value, reason: f.reason.value.trim() || null, note: f.note.value.trim() || null, admissionConsented: f.admission?.checked ?? null,
  }), { then: async view => { drawDetail(view); await refreshQueue(); } });
}

function noteForm(r) {
  const form = el('form', { class: 'card work', id: 'note-form', novalidate: true },
    el('label', { for: 'desk-note' }, t('ref.noteForSchool')), textarea({ id: 'desk-note', name: 'note', 'data-field': 'note' }),
    el('p', {}, el('button', { type: 'submit', class: 'secondary' }, t('desk.addNote'))));
  return onSubmit(form, f => post(referralPath(r, 'notes'), { note: f.note.value.trim() }), { then: drawDetail });
}

const offline = document.getElementById('offline');
connectLive({
  onReferral: n => {
    if (n.kind === 'Requested') ring();
    refreshQueue();
    // The open referral is re-read only when it changed, so typing in its forms is not interrupted by others.
    if (n.referral.referralId === selected && !detail.contains(document.activeElement)) choose(selected);
  },
  onOnline: () => { offline.classList.add('hidden'); refreshQueue(); },
  onOffline: () => offline.classList.remove('hidden'),
});
// Only the countdown texts change every second; the cards (and their buttons) stay put under the pointer.
setInterval(() => queue.querySelectorAll('.countdown').forEach(tick), 1000);
await refreshQueue();
if (selected) await choose(selected);
