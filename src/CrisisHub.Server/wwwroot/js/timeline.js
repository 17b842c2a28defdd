// The case's audit trail as sentences a head teacher reads: what happened, which escalation step it concerns
// (from the record's structured step, counted from 0 and shown from 1) and what status or grade it changed.
// Internal ids and the system's own English notes stay off the screen.
import { el } from './dom.js';
import { formatDeadline, formatTime, t } from './i18n.js';
import { deadlineLabel } from './referral-events.js';
import './strings/common.js';
import './strings/case.js';

/** "a=1; b=2" → { a: '1', b: '2' }; text without "=" is the system's note, which the action's label already says. */
function fields(text) {
  const map = {};
  for (const part of (text ?? '').split('; ')) {
    const at = part.indexOf('=');
    if (at > 0) map[part.slice(0, at)] = part.slice(at + 1);
  }
  return map;
}

/** The record's step; records written before steps were structured said "step=2/4; round=1", counted from 1. */
function stepOf(r, before, after) {
  if (r.step) return r.step;
  const text = after.step ?? before.step;
  if (!text) return null;
  const round = after.round ?? before.round;
  return {
    stepIndex: Number(text.split('/')[0]) - 1, round: round ? Number(round) - 1 : 0,
    levels: (after.levels ?? '').split('+').filter(Boolean), deadline: after.deadline ?? null,
  };
}

function stepSentence(action, step, at) {
  const words = {
    step: step.round > 0 ? t('timeline.roundStep', { round: step.round + 1, step: step.stepIndex + 1 }) : t('timeline.step', { step: step.stepIndex + 1 }),
    levels: step.levels.length ? t('timeline.levels', { levels: step.levels.map(l => t(`level.${l}`)).join(' + ') }) : '',
  };
  const time = formatDeadline(step.deadline, at);
  switch (action) {
    case 'AlertRaised': case 'AlertEscalated': case 'AlertRenotified':
      return t('timeline.fired', words) + (time ? t('timeline.ackBy', { time }) : '');
    case 'EscalationExhausted': return t('timeline.exhausted', words) + (time ? t('timeline.missed', { time }) : '');
    case 'AlertAcknowledged': return t('timeline.ackAt', words) + (time ? t('timeline.ackBefore', { time }) : '');
    case 'StepUnreachable': return t('timeline.unreachable', words);
    default: return null;
  }
}

/** The changes a record names, each in words; unknown fields (ids, hashes) are left out. */
function changes(action, before, after) {
  if (action === 'TextUndeliverable') {
    return after.status ? [t('timeline.text', { status: t(`sms.${after.status}`) + (after.code ? ` (${after.code})` : '') })] : [];
  }
  const lines = [];
  // Referral events name the case's status before as "case".
  const from = before.status ?? before.case;
  if (after.status && from && from !== after.status) lines.push(t('timeline.status', { from: t(`status.${from}`), to: t(`status.${after.status}`) }));
  else if (after.status && !from) lines.push(t('timeline.statusNow', { to: t(`status.${after.status}`) }));
  if (after.grade && before.grade) lines.push(t('timeline.grade', { from: t(`grade.${before.grade}`), to: t(`grade.${after.grade}`) }));
  else if (after.grade) lines.push(t('timeline.gradeNow', { to: t(`grade.${after.grade}`) }));
  if (after.action) lines.push(t('timeline.action', { action: t(`action.${after.action}`) }));
  if (after.source) lines.push(t('timeline.source', { source: t(`source.${after.source}`) }));
  if (after.flags) lines.push(t('timeline.flags', { n: after.flags }));
  if (after.suggested) lines.push(t('timeline.suggested', { grade: t(`grade.${after.suggested}`) }));
  if (after.guardian) lines.push(t('timeline.guardian', { who: after.guardian }));
  // A missed deadline or a check-in is named by the deadline; any other reason is what a person typed.
  if (after.reason) lines.push(/Missed$|CheckIn$/.test(action) ? deadlineLabel(after.reason) : t('timeline.reason', { reason: after.reason }));
  return lines;
}

function actor(r) {
  return r.actorRole === 'System' ? t('timeline.system') : `${t(`role.${r.actorRole}`)} ${r.actorId}`;
}

export function timelineEntry(r) {
  const before = fields(r.before);
  const after = fields(r.after);
  const step = stepOf(r, before, after);
  const lines = [step ? stepSentence(r.action, step, r.at) : null, ...changes(r.action, before, after)].filter(Boolean);
  return el('li', {}, el('strong', {}, t(`audit.${r.action}`)), ` · ${actor(r)} · ${formatTime(r.at)}`,
    ...lines.map(line => el('div', { class: 'muted' }, line)));
}
