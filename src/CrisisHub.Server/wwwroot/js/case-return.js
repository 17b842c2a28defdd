// The return to school on the case page, once the hospital lets go: the caring contact after discharge, the re-entry
// meeting that completes the referral, and the follow-up check-ins. The referral view says which the school may
// record now; the page only draws them.
import { serverNow } from './clock.js';
import { el } from './dom.js';
import { cardForm, field, onSubmit } from './forms.js';
import { formatTime, t } from './i18n.js';
import './strings/referral.js';

/** The check-ins and the forms the school may fill in now; post(route, body) posts to the referral. */
export function returnToSchool(r, post, refresh) {
  const form = (id, title, fields, submit, call) =>
    onSubmit(cardForm({ id, title, fields, submit }), call, { reset: true, then: refresh });
  return [
    r.return.checkIns.length ? el('ul', { class: 'steps' }, ...r.return.checkIns.map(c => el('li', {},
      c.doneAt ? t('ref.checkInDone', { n: c.number, time: formatTime(c.doneAt) })
        : c.missed ? t('ref.checkInMissed', { n: c.number }) : t('ref.checkInDue', { n: c.number, time: formatTime(c.dueAt) })))) : null,
    r.schoolCanRecordCaringContact ? form('caring-form', 'ref.caringContact',
      [el('p', { class: 'muted' }, t('ref.caringDue', { time: formatTime(r.return.caringContactDueAt) })), ...field('ref.note', 'note', { multiline: true })],
      'ref.save', f => post('caring-contact', { note: f.note.value.trim() })) : null,
    r.schoolCanRecordReEntry ? form('reentry-form', 'ref.reEntry', [
      ...field('ref.returnDate', 'returnDate', { type: 'date', value: new Date(serverNow()).toISOString().slice(0, 10) }),
      ...field('ref.reEntryPlan', 'safetyPlan', { multiline: true }), ...field('ref.triggers', 'triggers', { multiline: true }),
      ...field('ref.academic', 'academicAdjustments', { multiline: true }), ...field('ref.classmates', 'whatClassmatesAreTold', { multiline: true }),
    ], 'ref.save', f => post('re-entry', {
      returnDate: new Date(`${f.returnDate.value}T08:00:00`).toISOString(), safetyPlan: f.safetyPlan.value.trim(), triggers: f.triggers.value.trim(),
      academicAdjustments: f.academicAdjustments.value.trim(), whatClassmatesAreTold: f.whatClassmatesAreTold.value.trim(),
    })) : null,
    r.schoolCanRecordCheckIn ? form('checkin-form', 'ref.checkIn', [...field('ref.note', 'note', { multiline: true })], 'ref.save',
      f => post('check-ins', { note: f.note.value.trim() || null })) : null,
  ];
}
