// The district's admin audit log: the newest changes and whether the hash chain verifies. District administrators
// only; anyone else is told so instead of seeing an error.
import { api } from './api.js';
import { el } from './dom.js';
import { formatTime, t } from './i18n.js';
import './strings/admin.js';

export async function drawAudit(host) {
  let log;
  try {
    log = (await api('/api/admin/audit?take=50')).data;
  } catch (error) {
    host.replaceChildren(el('p', {}, t(error.status === 403 ? 'adminAudit.districtOnly' : 'adminAudit.unavailable')));
    return;
  }
  const v = log.verification;
  const status = v.intact
    ? el('p', { class: 'ok' }, t('adminAudit.intact', { n: v.recordCount }))
    : el('p', { class: 'error', role: 'alert' }, t('adminAudit.broken', { n: v.firstBrokenSequence, problem: v.problem ?? '' }));
  const table = el('table', {},
    el('thead', {}, el('tr', {}, ...['adminAudit.sequence', 'adminAudit.at', 'adminAudit.actor', 'adminAudit.action', 'adminAudit.target',
      'adminAudit.before', 'adminAudit.after'].map(k => el('th', {}, t(k))))),
    el('tbody', {}, ...log.records.map(r => el('tr', {},
      el('td', {}, r.sequence), el('td', {}, formatTime(r.at)), el('td', {}, `${r.actorId} (${t(`role.${r.actorRole}`)})`),
      el('td', {}, t(`adminaudit.${r.action}`)), el('td', {}, r.target),
      el('td', {}, el('code', {}, r.before ?? '—')), el('td', {}, el('code', {}, r.after ?? '—'))))));
  host.replaceChildren(status, table);
}
