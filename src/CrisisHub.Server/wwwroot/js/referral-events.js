// A referral's deadlines and events in words, as the case page, the desk and the case's trail show them.
import { el } from './dom.js';
import { formatTime, t } from './i18n.js';
import './strings/referral.js';

/** The words for a deadline name the API uses: Accepted, Arrived, Evaluated, CaringContact, CheckIn1… */
export function deadlineLabel(name) {
  const checkIn = /^CheckIn(\d+)$/.exec(name ?? '');
  return checkIn ? t('deadline.CheckIn', { n: checkIn[1] }) : t(`deadline.${name}`);
}

/** Kinds whose note the system writes in English for the record (due times, plan counts): the page says it otherwise. */
const SystemNotes = ['DeadlineMissed', 'CheckInMissed', 'FollowUpEnded', 'Completed'];

/** What a referral event adds under its label: a deadline's name in words and what people typed, never internal text. */
export function eventDetailLines(e) {
  const reason = e.reason && (/Missed$|^CheckIn$/.test(e.kind) ? deadlineLabel(e.reason) : e.reason);
  const note = SystemNotes.includes(e.kind) ? null : e.note;
  return [reason ? el('div', { class: 'muted' }, reason) : null, note ? el('div', { class: 'note' }, note) : null];
}

/** A referral's events, newest first. */
export function eventList(events) {
  return el('ol', { class: 'timeline', id: 'referral-events' }, ...events.slice().reverse().map(e => el('li', {},
    el('strong', {}, t(`audit.Referral${e.kind}`)), ` · ${e.actorName} · ${formatTime(e.at)}`, ...eventDetailLines(e))));
}
