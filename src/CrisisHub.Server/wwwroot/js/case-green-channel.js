// The green channel on the case page: the guardian's decision, the referral request (which becomes the hospital's
// handoff packet), and the current referral's steps, deadline and cancellation. The return to school is its own
// module. Whether a referral may be asked for is the case view's answer (canRefer), not the page's.
import { api, ApiError } from './api.js';
import { config } from './config.js';
import { el } from './dom.js';
import { cardForm, field, onSubmit, post } from './forms.js';
import { formatTime, t } from './i18n.js';
import { tick } from './countdown.js';
import { returnToSchool } from './case-return.js';
import { deadlineLabel, eventList } from './referral-events.js';
import './strings/common.js';
import './strings/referral.js';

const SafetyPlanParts = ['warningSigns', 'internalCoping', 'peopleAndPlacesForDistraction', 'peopleToAskForHelp', 'professionalsAndHotlines', 'makingTheEnvironmentSafe'];

export function createGreenChannelSection(caseId, refresh, role) {
  const casePath = `/api/cases/${encodeURIComponent(caseId)}`;
  const section = document.getElementById('referrals');
  const consents = el('ul', { class: 'cards', id: 'consents' });
  const current = el('div', { id: 'referral-current' });
  const history = el('ul', { class: 'cards', id: 'referral-history' });
  const hospitalSelect = el('select', { id: 'ref-hospital', name: 'hospitalId', 'data-field': 'hospitalId' });
  const then = { reset: true, then: refresh };
  const consentForm = onSubmit(cardForm({ id: 'consent-form', title: 'ref.consent', submit: 'ref.recordConsent', fields: [
    ...field('ref.decision', 'decision', { options: [['Consented', t('ref.Consented')], ['Refused', t('ref.Refused')]] }),
    ...field('ref.guardianName', 'guardianName'), ...field('ref.relationship', 'relationship'), ...field('ref.note', 'note', { multiline: true }),
  ] }), f => post(`${casePath}/consent`, {
    decision: f.decision.value, guardianName: f.guardianName.value.trim(), relationship: f.relationship.value.trim(), note: f.note.value.trim() || null,
  }), then);
  const requestForm = onSubmit(cardForm({ id: 'referral-form', title: 'ref.request', submit: 'ref.send', fields: [
    el('label', { for: 'ref-hospital' }, t('ref.hospital')), hospitalSelect,
    ...field('ref.reason', 'reason', { multiline: true }),
    el('fieldset', {}, el('legend', {}, t('ref.safetyPlan')),
      ...SafetyPlanParts.flatMap(p => field(`ref.sp.${p}`, `sp-${p}`, { multiline: true, dataField: `safetyPlan.${p}` }))),
    ...field('ref.meansAccess', 'meansAccess', { multiline: true }), ...field('ref.protectiveFactors', 'protectiveFactors', { multiline: true }),
    ...field('ref.contactName', 'schoolContactName'), ...field('ref.contactPhone', 'schoolContactPhone', { type: 'tel' }),
  ] }), f => post(`${casePath}/referrals`, {
    hospitalId: f.hospitalId.value, reason: f.reason.value.trim(),
    safetyPlan: Object.fromEntries(SafetyPlanParts.map(p => [p, f[`sp-${p}`].value.trim()])),
    meansAccess: f.meansAccess.value.trim(), protectiveFactors: f.protectiveFactors.value.trim(),
    schoolContactName: f.schoolContactName.value.trim(), schoolContactPhone: f.schoolContactPhone.value.trim(),
  }), then);
  const gradeTooLow = el('p', { class: 'muted' }, t('ref.onlySevere'));
  section.append(current, history, consents, consentForm, gradeTooLow, requestForm);
  let shownReferral = null;
  let hospitalsLoaded = false;

  async function loadHospitals(grade) {
    if (hospitalsLoaded) return;
    const hospitals = (await api(`${casePath}/hospitals`)).data;
    hospitalSelect.replaceChildren(...hospitals.filter(h => h.acceptedGrades.includes(grade)).map(h =>
      el('option', { value: h.hospitalId }, `${h.name} · ${t('ref.hours', { hours: h.hours })}`)));
    hospitalsLoaded = true;
  }

  let manage = true;
  let planAsked = false;

  /**
   * The student has one safety plan: the request starts from their plan's (一生一策), and the server makes what is sent
   * the plan's next version. Asked once per page, only of a role that reads plans; a field already typed in is kept.
   */
  async function startFromPlan(studentId) {
    if (planAsked || !config().planReaderRoles.includes(role)) return;
    planAsked = true;
    let plan;
    try {
      plan = (await api(`/api/students/${encodeURIComponent(studentId)}/plan`)).data.plan;
    } catch (error) {
      if (error instanceof ApiError) return;
      throw error;
    }
    const safetyPlan = plan?.current?.plan.safetyPlan ?? plan?.safetyPlan;
    if (!safetyPlan) return;
    for (const part of SafetyPlanParts) {
      const control = requestForm.querySelector(`[name="sp-${part}"]`);
      if (control && !control.value) control.value = safetyPlan[part] ?? '';
    }
    requestForm.querySelector('[data-field="safetyPlan.warningSigns"]')?.closest('fieldset')?.append(el('p', { class: 'muted', id: 'from-plan' }, t('ref.fromPlan')));
  }

  async function drawCurrent(summary) {
    // Typing in one of its forms is not interrupted by another person's change.
    if (current.contains(document.activeElement)) return;
    if (!summary) { current.replaceChildren(); shownReferral = null; return; }
    const path = `/api/referrals/${encodeURIComponent(summary.referralId)}`;
    if (shownReferral === `${summary.referralId}@${summary.version}`) return;
    const r = (await api(path)).data;
    shownReferral = `${summary.referralId}@${summary.version}`;
    const postToReferral = (route, body) => post(`${path}/${route}`, body);
    const deadline = r.deadlines.find(d => d.dueAt === r.currentDeadline && !d.metAt);
    const [checkIns, ...returnForms] = returnToSchool(r, postToReferral, refresh);
    current.replaceChildren(el('article', { class: `card${r.overdue ? ' escalated' : ''}`, id: 'referral' },
      el('div', { class: 'row' }, el('strong', {}, r.hospitalName), el('a', { href: `tel:${r.hospitalPhone}` }, r.hospitalPhone),
        el('span', { class: 'muted' }, r.referralId)),
      el('p', {}, el('strong', { id: 'referral-status' }, t(`referral.${r.status}`)),
        deadline ? ` · ${t('ref.deadline', { name: deadlineLabel(deadline.name), time: formatTime(r.currentDeadline) })} · ` : null,
        deadline ? tick(el('span', { class: 'countdown', 'data-deadline': r.currentDeadline })) : null),
      checkIns,
      el('h3', {}, t('ref.events')),
      eventList(r.events),
      el('p', {}, el('a', { href: `${path}/fhir`, download: `${r.referralId}.fhir.json` }, t('ref.fhir'))),
      ...(manage ? returnForms : []),
      manage && r.schoolCanCancel ? onSubmit(cardForm({ id: 'cancel-referral-form', title: 'ref.cancel', submit: 'ref.cancel', danger: true,
        fields: [...field('ref.cancelReason', 'reason', { multiline: true })] }),
      f => postToReferral('status', { status: 'Cancelled', reason: f.reason.value.trim() }), then) : null));
  }

  /** manage: false for a reader admitted by an emergency access, who reads the referral and takes none of its steps. */
  return async function draw(view, { manage: mayManage = true } = {}) {
    if (mayManage !== manage) shownReferral = null;
    manage = mayManage;
    consents.replaceChildren(...view.consents.map(c => el('li', { class: 'card' },
      el('strong', {}, t(`ref.${c.decision}`)), c.guardianName ? ` · ${c.guardianName}（${c.relationship}）` : '', ` · ${formatTime(c.recordedAt)}`, c.note ? el('p', { class: 'note' }, c.note) : null)));
    history.replaceChildren(...view.referrals.slice(0, -1).reverse().map(r => el('li', { class: 'card' },
      `${r.hospitalName} · ${t(`referral.${r.status}`)} · ${formatTime(r.requestedAt)}`)));
    consentForm.classList.toggle('hidden', !view.isOpen || !manage);
    gradeTooLow.classList.toggle('hidden', !view.gradeTooLowToRefer);
    requestForm.classList.toggle('hidden', !view.canRefer || !manage);
    if (view.canRefer && manage) await Promise.all([loadHospitals(view.grade), startFromPlan(view.studentId)]);
    await drawCurrent(view.referrals.at(-1));
  };
}
