// The printable subject export: everything held about one student, for a guardian's request. The same document as
// the JSON download, laid out to be read on paper. Opening it is recorded as an export.
import { api, ApiError } from './api.js';
import { boot } from './app.js';
import { el } from './dom.js';
import { formatTime, t } from './i18n.js';
import './strings/alerts.js';
import './strings/case.js';
import './strings/referral.js';
import './strings/privacy.js';

await boot();
const studentId = new URLSearchParams(location.search).get('student') ?? '';
const path = `/api/students/${encodeURIComponent(studentId)}/export`;
document.getElementById('print').addEventListener('click', () => window.print());
const json = document.getElementById('json');
json.href = path;
json.download = `${studentId}.export.json`;

const list = (items, render) => items.length ? el('ul', {}, ...items.map(i => el('li', {}, ...render(i)))) : el('p', { class: 'muted' }, t('export.none'));
const pair = (key, value) => [el('dt', {}, t(key)), el('dd', {}, value ?? '—')];
const when = at => (at ? formatTime(at) : '—');

function caseSection({ case: c, trail, referrals }) {
  return el('section', { class: 'card' },
    el('h3', {}, `${c.caseId} · ${t(`grade.${c.grade}`)} · ${t(`status.${c.status}`)}`),
    el('dl', {}, ...pair('export.opened', when(c.openedAt)), ...pair('export.closed', when(c.closedAt)), ...pair('case.disposition', c.disposition)),
    el('h4', {}, t('case.flags')),
    list(c.flags, f => [`${when(f.submittedAt)} · ${t(`source.${f.source}`)} · ${f.signs.map(s => t(`sign.${s}`)).join('、')}`, f.note ? el('p', { class: 'note' }, f.note) : '']),
    el('h4', {}, t('case.actions')),
    list(c.actions, a => [`${when(a.at)} · ${t(`action.${a.kind}`)} · ${a.actorName}`, a.note ? el('p', { class: 'note' }, a.note) : '']),
    el('h4', {}, t('export.gradeChanges')),
    list(c.gradeChanges, g => [`${when(g.at)} · ${t(`grade.${g.from}`)} → ${t(`grade.${g.to}`)} · ${g.reason}`]),
    el('h4', {}, t('ref.title')),
    list(referrals, r => [`${r.referralId} · ${r.hospitalName} · ${t(`referral.${r.status}`)} · ${when(r.requestedAt)}`,
      el('p', { class: 'note' }, Object.entries(r.packet.safetyPlan).map(([k, v]) => `${t(`ref.sp.${k}`)}：${v}`).join('\n'))]),
    el('h4', {}, t('case.timeline')),
    el('p', { class: trail.verification.intact ? 'ok' : 'error' }, t(trail.verification.intact ? 'privacy.intact' : 'privacy.broken', { n: trail.records.length })),
    el('table', {}, el('tbody', {}, ...trail.records.map(r => el('tr', {}, el('td', {}, r.sequence), el('td', {}, when(r.at)), el('td', {}, r.actorId),
      el('td', {}, t(`audit.${r.action}`)))))));
}

try {
  const doc = (await api(path)).data;
  const s = doc.student.record;
  document.getElementById('export').replaceChildren(
    el('h2', {}, t('export.title', { name: s.name })),
    el('p', { class: 'muted' }, t('export.made', { at: when(doc.exportedAt), by: doc.exportedBy, format: doc.format })),
    el('dl', {}, ...pair('export.studentNumber', s.studentNumber), ...pair('export.age', String(s.age)), ...pair('export.class', s.classId),
      ...pair('export.room', s.dormitoryId)),
    el('h3', {}, t('export.guardians')),
    list(s.guardians, g => [`${g.name}（${g.relationship}）${g.phone}`]),
    el('h3', {}, t('export.cases')),
    ...(doc.cases.length ? doc.cases.map(caseSection) : [el('p', { class: 'muted' }, t('export.none'))]),
    el('h3', {}, t('export.screenings')),
    list(doc.screenings ?? [], x => [`${x.result.date} · ${x.result.instrumentId} · ${t('export.screeningTotal', { total: x.result.total })} · `
      + `${t(`outcome.${x.result.outcome}`)} · ${t('export.screeningItems', { items: x.result.items.join(' ') })}`]),
    el('h3', {}, t('export.plan')),
    list(doc.planVersions ?? [], v => [`${t('export.planVersion', { version: v.version, at: when(v.savedAt), by: v.savedBy })} · `
      + `${t('export.planLevel', { level: v.plan.level })} · ${t('export.planReview', { date: v.plan.nextReviewOn })}`,
      el('p', {}, [v.plan.triggers, v.plan.warningSigns, v.plan.agreedSupport].filter(Boolean).join(' · '))]),
    el('h3', {}, t('export.ledgerReviews')),
    list(doc.ledgerReviews ?? [], r => [`${r.month} · ${r.fromLevel} → ${r.toLevel} · ${r.reviewedBy}${r.note ? ` · ${r.note}` : ''}`]),
    el('h3', {}, t('export.corrections')),
    list(doc.corrections, c => [`${when(c.receivedAt)} · ${c.requestedBy}：${c.what} → ${c.requested}`,
      c.decision ? el('p', {}, `${t(`correction.${c.decision.outcome}`)} · ${c.decision.response}`) : el('p', { class: 'muted' }, t('correction.open'))]),
    el('h3', {}, t('privacy.reads')),
    el('table', {}, el('tbody', {}, ...doc.reads.reads.map(r => el('tr', {}, el('td', {}, when(r.at)), el('td', {}, `${r.readerId} (${t(`role.${r.readerRole}`)})`),
      el('td', {}, t(`reads.${r.kind}`)), el('td', {}, r.target))))));
  document.getElementById('export').classList.remove('hidden');
} catch (error) {
  if (!(error instanceof ApiError)) throw error;
  const refused = document.getElementById('refused');
  refused.textContent = error.message;
  refused.classList.remove('hidden');
}
