// The green channel on the case page: the guardian's decision, the referral request (which becomes the
// hospital's handoff packet), the current referral's steps and deadline, and the return to school.
import { api, ApiError } from './api.js';
import { clearErrors, el, showErrors } from './dom.js';
import { formatTime, t } from './i18n.js';
import { tick } from './countdown.js';
import { serverNow } from './clock.js';
import { deadlineLabel, eventDetailLines } from './referral-strings.js';

const Ended = ['Completed', 'Declined', 'Cancelled', 'Failed'];
const SafetyPlanParts = ['warningSigns', 'internalCoping', 'peopleAndPlacesForDistraction', 'peopleToAskForHelp', 'professionalsAndHotlines', 'makingTheEnvironmentSafe'];
let sequence = 0;

function input(labelKey, name, { type = 'text', multiline = false, dataField = name, value } = {}) {
  const id = `ref-${name.replace('.', '-')}-${++sequence}`;
  const control = multiline
    ? el('textarea', { id, name, 'data-field': dataField, maxlength: 4096 })
    : el('input', { id, name, type, 'data-field': dataField, value });
  return [el('label', { for: id }, t(labelKey)), control];
}

/** A form that posts to the API and refreshes the case; problem details land next to their fields. */
function form(id, titleKey, fields, submitKey, post, refresh, { danger = false } = {}) {
  const node = el('form', { class: 'card work', id, novalidate: true }, el('h3', {}, t(titleKey)), ...fields,
    el('p', {}, el('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, t(submitKey))));
  node.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(node);
    try {
      await post(node);
      node.reset();
      await refresh();
    } catch (error) {
      showErrors(node, error instanceof ApiError ? error : null, t('error.network'));
    }
  });
  return node;
}

export function createReferralSection(caseId, refresh) {
  const casePath = `/api/cases/${encodeURIComponent(caseId)}`;
  const section = document.getElementById('referrals');
  const consents = el('ul', { class: 'cards', id: 'consents' });
  const current = el('div', { id: 'referral-current' });
  const history = el('ul', { class: 'cards', id: 'referral-history' });
  const hospitalSelect = el('select', { id: 'ref-hospital', name: 'hospitalId', 'data-field': 'hospitalId' });
  const consentForm = form('consent-form', 'ref.consent', [
    el('label', { for: 'ref-decision' }, t('ref.decision')),
    el('select', { id: 'ref-decision', name: 'decision', 'data-field': 'decision' },
      el('option', { value: 'Consented' }, t('ref.Consented')), el('option', { value: 'Refused' }, t('ref.Refused'))),
    ...input('ref.guardianName', 'guardianName'), ...input('ref.relationship', 'relationship'), ...input('ref.note', 'note', { multiline: true }),
  ], 'ref.recordConsent', f => api(`${casePath}/consent`, { method: 'POST', body: {
    decision: f.decision.value, guardianName: f.guardianName.value.trim(), relationship: f.relationship.value.trim(), note: f.note.value.trim() || null,
  } }), refresh);
  const requestForm = form('referral-form', 'ref.request', [
    el('label', { for: 'ref-hospital' }, t('ref.hospital')), hospitalSelect,
    ...input('ref.reason', 'reason', { multiline: true }),
    el('fieldset', {}, el('legend', {}, t('ref.safetyPlan')),
      ...SafetyPlanParts.flatMap(p => input(`ref.sp.${p}`, `sp-${p}`, { multiline: true, dataField: `safetyPlan.${p}` }))),
    ...input('ref.meansAccess', 'meansAccess', { multiline: true }), ...input('ref.protectiveFactors', 'protectiveFactors', { multiline: true }),
    ...input('ref.contactName', 'schoolContactName'), ...input('ref.contactPhone', 'schoolContactPhone', { type: 'tel' }),
  ], 'ref.send', f => api(`${casePath}/referrals`, { method: 'POST', body: {
    hospitalId: f.hospitalId.value, reason: f.reason.value.trim(),
    safetyPlan: Object.fromEntries(SafetyPlanParts.map(p => [p, f[`sp-${p}`].value.trim()])),
    meansAccess: f.meansAccess.value.trim(), protectiveFactors: f.protectiveFactors.value.trim(),
    schoolContactName: f.schoolContactName.value.trim(), schoolContactPhone: f.schoolContactPhone.value.trim(),
  } }), refresh);
  const onlySevere = el('p', { class: 'muted' }, t('ref.onlySevere'));
  section.append(current, history, consents, consentForm, onlySevere, requestForm);
  let shownReferral = null;
  let hospitalsLoaded = false;

  async function loadHospitals(grade) {
    if (hospitalsLoaded) return;
    const hospitals = (await api(`${casePath}/hospitals`)).data;
    hospitalSelect.replaceChildren(...hospitals.filter(h => h.acceptedGrades.includes(grade)).map(h =>
      el('option', { value: h.hospitalId }, `${h.name} · ${t('ref.hours', { hours: h.hours })}`)));
    hospitalsLoaded = true;
  }

  async function drawCurrent(summary) {
    // Typing in one of its forms is not interrupted by another person's change.
    if (current.contains(document.activeElement)) return;
    if (!summary) { current.replaceChildren(); shownReferral = null; return; }
    const path = `/api/referrals/${encodeURIComponent(summary.referralId)}`;
    if (shownReferral === `${summary.referralId}@${summary.version}`) return;
    const r = (await api(path)).data;
    shownReferral = `${summary.referralId}@${summary.version}`;
    const post = (route, body) => api(`${path}/${route}`, { method: 'POST', body });
    const pendingCheckIn = r.return.checkIns.find(c => !c.doneAt && !c.missed);
    const deadline = r.deadlines.find(d => d.dueAt === r.currentDeadline && !d.metAt);
    current.replaceChildren(el('article', { class: `card${r.overdue ? ' escalated' : ''}`, id: 'referral' },
      el('div', { class: 'row' }, el('strong', {}, r.hospitalName), el('a', { href: `tel:${r.hospitalPhone}` }, r.hospitalPhone),
        el('span', { class: 'muted' }, r.referralId)),
      el('p', {}, el('strong', { id: 'referral-status' }, t(`referral.${r.status}`)),
        deadline ? ` · ${t('ref.deadline', { name: deadlineLabel(deadline.name), time: formatTime(r.currentDeadline) })} · ` : null,
        deadline ? tick(el('span', { class: 'countdown', 'data-deadline': r.currentDeadline })) : null),
      r.return.checkIns.length ? el('ul', { class: 'steps' }, ...r.return.checkIns.map(c => el('li', {},
        c.doneAt ? t('ref.checkInDone', { n: c.number, time: formatTime(c.doneAt) })
          : c.missed ? t('ref.checkInMissed', { n: c.number }) : t('ref.checkInDue', { n: c.number, time: formatTime(c.dueAt) })))) : null,
      el('h3', {}, t('ref.events')),
      el('ol', { class: 'timeline', id: 'referral-events' }, ...r.events.slice().reverse().map(e => el('li', {},
        el('strong', {}, t(`audit.Referral${e.kind}`)), ` · ${e.actorName} · ${formatTime(e.at)}`,
        ...eventDetailLines(e)))),
      el('p', {}, el('a', { href: `${path}/fhir`, download: `${r.referralId}.fhir.json` }, t('ref.fhir'))),
      r.return.dischargedAt && !r.return.caringContactAt ? form('caring-form', 'ref.caringContact',
        [el('p', { class: 'muted' }, t('ref.caringDue', { time: formatTime(r.return.caringContactDueAt) })), ...input('ref.note', 'note', { multiline: true })],
        'ref.save', f => post('caring-contact', { note: f.note.value.trim() }), refresh) : null,
      r.status === 'ReturnClearance' ? form('reentry-form', 'ref.reEntry', [
        ...input('ref.returnDate', 'returnDate', { type: 'date', value: new Date(serverNow()).toISOString().slice(0, 10) }),
        ...input('ref.reEntryPlan', 'safetyPlan', { multiline: true }), ...input('ref.triggers', 'triggers', { multiline: true }),
        ...input('ref.academic', 'academicAdjustments', { multiline: true }), ...input('ref.classmates', 'whatClassmatesAreTold', { multiline: true }),
      ], 'ref.save', f => post('re-entry', {
        returnDate: new Date(`${f.returnDate.value}T08:00:00`).toISOString(), safetyPlan: f.safetyPlan.value.trim(), triggers: f.triggers.value.trim(),
        academicAdjustments: f.academicAdjustments.value.trim(), whatClassmatesAreTold: f.whatClassmatesAreTold.value.trim(),
      }), refresh) : null,
      pendingCheckIn ? form('checkin-form', 'ref.checkIn', [...input('ref.note', 'note', { multiline: true })], 'ref.save',
        f => post('check-ins', { note: f.note.value.trim() || null }), refresh) : null,
      r.schoolCanMoveTo.includes('Cancelled') ? form('cancel-referral-form', 'ref.cancel', [...input('ref.cancelReason', 'reason', { multiline: true })],
        'ref.cancel', f => post('status', { status: 'Cancelled', reason: f.reason.value.trim() }), refresh, { danger: true }) : null));
  }

  return async function draw(view) {
    const closed = view.status === 'Closed';
    consents.replaceChildren(...view.consents.map(c => el('li', { class: 'card' },
      el('strong', {}, t(`ref.${c.decision}`)), ` · ${c.guardianName}（${c.relationship}）· ${formatTime(c.recordedAt)}`, c.note ? el('p', { class: 'note' }, c.note) : null)));
    const latest = view.referrals.at(-1);
    history.replaceChildren(...view.referrals.slice(0, -1).reverse().map(r => el('li', { class: 'card' },
      `${r.hospitalName} · ${t(`referral.${r.status}`)} · ${formatTime(r.requestedAt)}`)));
    const canRefer = !closed && ['Severe', 'Major'].includes(view.grade) && !view.referrals.some(r => !Ended.includes(r.status));
    consentForm.classList.toggle('hidden', closed);
    onlySevere.classList.toggle('hidden', closed || ['Severe', 'Major'].includes(view.grade));
    requestForm.classList.toggle('hidden', !canRefer);
    if (canRefer) await loadHospitals(view.grade);
    await drawCurrent(latest);
  };
}
