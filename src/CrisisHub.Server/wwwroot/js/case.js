// One case: facts, flags, actions, the audit timeline, and the forms that change it. Live events about
// this case re-read it.
import { api, ApiError } from './api.js';
import { boot } from './app.js';
import { config } from './config.js';
import { el } from './dom.js';
import { onSubmit, post } from './forms.js';
import { connectLive } from './live.js';
import { formatTime, t } from './i18n.js';
import { createGreenChannelSection } from './case-green-channel.js';
import { tick } from './countdown.js';
import { timelineEntry } from './timeline.js';
import './strings/common.js';
import './strings/alerts.js';
import './strings/case.js';
import './strings/plan.js';
import './strings/missing.js';
import { serverNow } from './clock.js';

const me = await boot();
const caseId = new URLSearchParams(location.search).get('id') ?? '';
const path = `/api/cases/${encodeURIComponent(caseId)}`;
const drawGreenChannel = createGreenChannelSection(caseId, () => refresh(), me.role);
document.getElementById('action-kind').replaceChildren(...config().actionKinds.map(k => el('option', { value: k }, t(`action.${k}`))));
document.getElementById('found-condition').replaceChildren(...config().foundConditions.map(c => el('option', { value: c }, t(`condition.${c}`))));
document.getElementById('new-grade').replaceChildren(...config().grades.map(g => el('option', { value: g }, t(`grade.${g}`))));

async function refresh() {
  let view, audit, emergency;
  try {
    const [read, trail] = await Promise.all([api(path), api(`${path}/audit`)]);
    [view, audit] = [read.data, trail.data];
    // Opened by an emergency access: read, acknowledge and record actions; the rest stays with the case's responders.
    emergency = read.headers.get('x-crisishub-access') === 'emergency';
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const refused = document.getElementById('refused');
    refused.textContent = error.status === 403 ? t('case.forbidden') : t('case.notFound');
    refused.classList.remove('hidden');
    // Not theirs (or no such case): staff of the school may still open a Severe or Major case in an emergency.
    if (error.status === 404 && mayBreakGlass()) document.getElementById('break-glass-form').classList.remove('hidden');
    return;
  }
  document.getElementById('refused').classList.add('hidden');
  document.getElementById('break-glass-form').classList.add('hidden');
  draw(view, audit);
  document.getElementById('emergency-access').classList.toggle('hidden', !emergency);
  for (const id of ['grade-form', 'close-form', 'found-form']) if (emergency) document.getElementById(id).classList.add('hidden');
  document.getElementById('referrals').classList.toggle('hidden', emergency && view.referrals.length === 0);
  await drawGreenChannel(view, { manage: !emergency });
}

const mayBreakGlass = () => config().breakGlassRoles.includes(me.role);

function draw(view, audit) {
  document.getElementById('case').classList.remove('hidden');
  document.getElementById('case-title').replaceChildren(
    el('span', { class: `grade ${view.grade}` }, t(`grade.${view.grade}`)), ' ', view.studentName ?? view.maskedName, ' ', el('span', { class: 'muted' }, view.caseId));
  const e = view.escalation;
  document.getElementById('facts').replaceChildren(
    el('dt', {}, t('case.status')), el('dd', { id: 'case-status' }, t(`status.${view.status}`)),
    el('dt', {}, t('case.escalation')), el('dd', { id: 'alert-state' },
      e.exhausted ? t('alert.exhausted') : t(`state.${e.state}`),
      e.stepCount ? ` · ${t('alert.step', { step: e.stepIndex + 1 })} · ${e.currentLevels.map(l => t(`level.${l}`)).join(' + ')}` : '',
      e.stepDeadline ? ` · ${t('alert.deadline', { time: formatTime(e.stepDeadline) })} · ` : '',
      e.stepDeadline ? tick(el('span', { class: 'countdown', 'data-deadline': e.stepDeadline })) : ''));
  document.getElementById('ack').classList.toggle('hidden', e.state !== 'Triggered');
  document.getElementById('flags').replaceChildren(...view.flags.map(f => el('li', { class: 'card' },
    el('div', {}, f.source === 'Screening' && !(f.signs ?? []).length ? t('case.screeningFollowUp') : (f.signs ?? []).map(s => t(`sign.${s}`)).join('、')),
    el('div', { class: 'muted' }, t('timeline.source', { source: t(`source.${f.source}`) })),
    f.note ? el('p', { class: 'note' }, f.note) : null,
    el('div', { class: 'muted' }, formatTime(f.submittedAt)))));
  document.getElementById('texts').replaceChildren(
    ...view.texts.map(x => el('li', { class: `card${x.unreachable ? ' escalated' : ''}` },
      `${x.recipientName ?? t(`role.${x.role}`)} · ${t(`alert.step`, { step: x.step + 1 })} · `, el('strong', {}, t(`sms.${x.status}`)), x.errorCode ? ` (${x.errorCode})` : '')),
    ...(view.unsubscribedRecipients ?? []).map(r => el('li', { class: 'card escalated' }, `${r} · ${t('case.unsubscribed')}`)),
    // A reply confirms receipt; who replied (a guardian, or the police contact about a missing student) is the role of the text.
    ...(view.guardianConfirmations ?? []).map(c => el('li', { class: 'card' },
      `${c.name} · ${t(view.texts.find(x => x.messageId === c.messageId)?.role === 'Police' ? 'case.policeConfirmed' : 'case.confirmed')} · ${formatTime(c.at)}`)));
  document.getElementById('actions').replaceChildren(...view.actions.map(a => el('li', { class: 'card' },
    el('strong', {}, t(`action.${a.kind}`)), ` — ${a.actorName ?? a.actorId} · ${formatTime(a.at)}`,
    a.note ? el('p', { class: 'note' }, a.note) : a.noteWithheld ? el('p', { class: 'muted' }, t('case.noteWithheld')) : null)));
  drawMissing(view);
  document.getElementById('timeline').replaceChildren(...audit.records.filter(r => !r.action.endsWith('Read')).reverse().map(timelineEntry));
  for (const form of document.querySelectorAll('form.work')) form.classList.toggle('hidden', !view.isOpen);
  // The psychology centre and district administrators answer for the student's privacy: who read their data.
  const reads = document.getElementById('reads-link');
  reads.classList.toggle('hidden', !config().privacyOverseerRoles.includes(me.role));
  reads.querySelector('a').href = `/privacy.html?student=${encodeURIComponent(view.studentId)}`;
  // The psychology centre reads the student's archive (一生一档): every screening, case, referral and plan over the years.
  const archive = document.getElementById('archive-link');
  archive.classList.toggle('hidden', me.role !== 'SchoolPsychologist');
  archive.querySelector('a').href = `/archive.html?student=${encodeURIComponent(view.studentId)}`;
  // The student's plan (一生一策), for the psychology centre and the adults who carry it out.
  const plan = document.getElementById('plan-link');
  plan.classList.toggle('hidden', !config().planReaderRoles.includes(me.role));
  plan.querySelector('a').href = `/plan.html?student=${encodeURIComponent(view.studentId)}`;
}

/** The missing episodes (失联): last seen, and found once recorded; the "found" form while the student is missing. */
function drawMissing(view) {
  const episodes = view.missingEpisodes ?? [];
  document.getElementById('missing').classList.toggle('hidden', episodes.length === 0);
  // Those who act on the alert read the report; oversight reads only its times.
  document.getElementById('missing-episodes').replaceChildren(...episodes.map(m => el('li', { class: `card${m.found || m.foundAt ? '' : ' escalated'}` },
    el('strong', {}, t('missing.episode', { n: m.number })),
    el('div', {}, m.report
      ? t('missing.lastSeen', { at: formatTime(m.report.lastSeenAt), place: m.report.lastSeenPlace, by: m.report.lastSeenBy })
      : t('missing.lastSeenTime', { at: formatTime(m.lastSeenAt) })),
    m.report?.description ? el('p', { class: 'note' }, m.report.description) : null,
    el('div', {}, m.found
      ? t('missing.found', { at: formatTime(m.found.foundAt), place: m.found.foundPlace, by: m.found.foundBy })
      : m.foundAt ? t('missing.foundTime', { at: formatTime(m.foundAt) }) : el('strong', {}, t('missing.stillMissing'))),
    (m.found?.condition ?? m.condition) ? el('div', {}, t('missing.condition', { condition: t(`condition.${m.found?.condition ?? m.condition}`) }),
      (m.found?.hospitalNeeded ?? m.hospitalNeeded) ? ` · ${t('missing.hospital')}` : '') : null,
    m.found?.note ? el('p', { class: 'note' }, m.found.note) : null)));
  const form = document.getElementById('found-form');
  form.classList.toggle('hidden', !view.studentMissing);
  if (view.studentMissing && !form.foundAt.value) form.foundAt.value = localInputValue(serverNow());
}

/** "yyyy-MM-ddTHH:mm" in the phone's zone for a datetime-local input (the time is the server's). */
const localInputValue = ms => new Date(ms - new Date(ms).getTimezoneOffset() * 60000).toISOString().slice(0, 16);

onSubmit(document.getElementById('found-form'), f => post(`${path}/found`, {
  foundAt: f.foundAt.value ? new Date(f.foundAt.value).toISOString() : null,
  foundPlace: f.foundPlace.value.trim(), foundBy: f.foundBy.value.trim(), condition: f.condition.value,
  hospitalNeeded: f.hospitalNeeded.checked, note: f.note.value.trim() || null,
}), { reset: true, then: refresh });

onSubmit(document.getElementById('break-glass-form'), f => post(`${path}/break-glass`, { reason: f.reason.value.trim() }), { then: () => refresh() });

const submitter = (id, route, body) =>
  onSubmit(document.getElementById(id), f => post(`${path}/${route}`, body(f)), { reset: true, then: refresh });

submitter('action-form', 'actions', f => ({ kind: f.kind.value, note: f.note.value.trim() || null }));
submitter('grade-form', 'grade', f => ({ grade: f.grade.value, reason: f.reason.value.trim() }));
submitter('close-form', 'close', f => ({ disposition: f.disposition.value.trim() }));
document.getElementById('ack').addEventListener('click', async () => {
  await api(`${path}/ack`, { method: 'POST' });
  await refresh();
});

await refresh();
if (!document.getElementById('case').classList.contains('hidden')) {
  const offline = document.getElementById('offline');
  connectLive({
    caseId,
    onAlert: n => { if (n.alert.caseId === caseId) refresh(); },
    onOnline: () => { offline.classList.add('hidden'); refresh(); },
    onOffline: () => offline.classList.remove('hidden'),
  });
}
// Only the countdown texts change every second; forms being filled in stay as they are.
setInterval(() => document.querySelectorAll('.countdown[data-deadline]').forEach(tick), 1000);
