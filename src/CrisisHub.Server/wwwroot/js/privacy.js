// The privacy overseer's page (the school's psychology centre, the district's administrators): emergency accesses to
// review, and who read a student's data. Every list comes from the server already cut to what this person oversees.
import { api, ApiError } from './api.js';
import { boot } from './app.js';
import { el } from './dom.js';
import { cardForm, field, onSubmit, post } from './forms.js';
import { formatTime, t } from './i18n.js';
import { connectLive } from './live.js';
import './strings/privacy.js';

const me = await boot();
// The psychology centre reads cases and exports records; a district administrator reviews and lists, but reads no case.
const clinical = me.role === 'SchoolPsychologist';

const use = u => [
  el('div', { class: 'row' }, clinical ? el('a', { href: `/case.html?id=${encodeURIComponent(u.caseId)}` }, u.caseId) : el('span', {}, u.caseId), el('span', { class: `grade ${u.grade}` }, t(`grade.${u.grade}`))),
  el('div', {}, t('privacy.by', { who: `${u.displayName} (${t(`role.${u.role}`)})`, at: formatTime(u.openedAt), until: formatTime(u.expiresAt) })),
  el('p', { class: 'note' }, u.reason),
];

async function drawUses() {
  let list;
  try {
    list = (await api('/api/break-glass')).data;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const refused = document.getElementById('refused');
    refused.textContent = t('privacy.forbidden');
    refused.classList.remove('hidden');
    return;
  }
  document.getElementById('awaiting-empty').classList.toggle('hidden', list.awaitingReview.length > 0);
  document.getElementById('awaiting').replaceChildren(...list.awaitingReview.map(u => el('li', { class: 'card escalated' }, ...use(u),
    onSubmit(cardForm({ id: `review-${u.useId}`, title: 'privacy.review', submit: 'privacy.save', fields: [
      ...field('privacy.outcome', 'outcome', { value: 'Justified', options: ['Justified', 'NotJustified'].map(o => [o, t(`privacy.${o}`)]) }),
      ...field('privacy.comment', 'comment', { multiline: true }),
    ] }), f => post(`/api/districts/${encodeURIComponent(u.districtId)}/break-glass/${encodeURIComponent(u.useId)}/review`,
      { outcome: f.outcome.value, comment: f.comment.value.trim() }), { then: drawUses }))));
  document.getElementById('reviewed').replaceChildren(...list.recentlyReviewed.map(u => el('li', { class: 'card' }, ...use(u),
    el('p', {}, el('strong', {}, t(`privacy.${u.review.outcome}`)), ` · ${u.review.reviewerId} · ${formatTime(u.review.at)}`),
    el('p', { class: 'note' }, u.review.comment))));
}

async function drawReads(studentId) {
  const base = `/api/students/${encodeURIComponent(studentId)}`;
  const [log, corrections] = await Promise.all([api(`${base}/reads`).then(r => r.data), api(`${base}/corrections`).then(r => r.data)]);
  const v = log.verification;
  const again = () => drawReads(studentId);
  document.getElementById('reads').replaceChildren(
    clinical ? el('p', {}, el('a', { href: `/export.html?student=${encodeURIComponent(studentId)}`, id: 'export-link' }, t('export.open'))) : null,
    el('h3', {}, t('export.corrections')),
    el('ul', { class: 'cards', id: 'corrections' }, ...corrections.map(c => el('li', { class: 'card' },
      el('div', {}, `${formatTime(c.receivedAt)} · ${c.requestedBy}`), el('p', { class: 'note' }, `${c.what} → ${c.requested}`),
      c.decision
        ? el('p', {}, el('strong', {}, t(`correction.${c.decision.outcome}`)), ` · ${c.decision.response}`)
        : onSubmit(cardForm({ id: `decide-${c.requestId}`, title: 'correction.decide', submit: 'privacy.save', fields: [
          ...field('correction.decide', 'outcome', { value: 'Corrected', options: ['Corrected', 'PartlyCorrected', 'Declined'].map(o => [o, t(`correction.${o}`)]) }),
          ...field('correction.response', 'response', { multiline: true }),
        ] }), f => post(`${base}/corrections/${encodeURIComponent(c.requestId)}/decision`, { outcome: f.outcome.value, response: f.response.value.trim() }),
        { then: again })))),
    onSubmit(cardForm({ id: 'correction-form', title: 'correction.title', submit: 'correction.save', fields: [
      ...field('correction.requestedBy', 'requestedBy'), ...field('correction.what', 'what', { multiline: true }),
      ...field('correction.requested', 'requested', { multiline: true }),
    ] }), f => post(`${base}/corrections`, { requestedBy: f.requestedBy.value.trim(), what: f.what.value.trim(), requested: f.requested.value.trim() }),
    { then: again }),
    el('h3', {}, t('privacy.reads')),
    el('p', { class: v.intact ? 'ok' : 'error' }, t(v.intact ? 'privacy.intact' : 'privacy.broken', { n: log.total })),
    el('table', {},
      el('thead', {}, el('tr', {}, ...['privacy.at', 'privacy.reader', 'privacy.kind', 'privacy.target'].map(k => el('th', {}, t(k))))),
      el('tbody', {}, ...log.reads.map(r => el('tr', {}, el('td', {}, formatTime(r.at)), el('td', {}, `${r.readerId} (${t(`role.${r.readerRole}`)})`),
        el('td', {}, t(`reads.${r.kind}`)), el('td', {}, r.target))))));
}

const form = document.getElementById('reads-form');
onSubmit(form, f => drawReads(f.studentId.value.trim()));
const asked = new URLSearchParams(location.search).get('student');
if (asked) {
  form.studentId.value = asked;
  form.requestSubmit();
}
await drawUses();
// An emergency access opened anywhere this person oversees: said at once, and the list read again — unless a review
// is being typed, which a redraw would wipe (the banner still says it; the next save redraws).
const opened = document.getElementById('access-opened');
const redraw = () => { if (!document.getElementById('awaiting').contains(document.activeElement)) drawUses(); };
let connectedBefore = false;
connectLive({
  privacy: true,
  onBreakGlass: notice => {
    opened.textContent = t('privacy.opened', { case: notice.caseId, at: formatTime(notice.openedAt) });
    opened.classList.remove('hidden');
    redraw();
  },
  // Back after a drop: what was opened meanwhile is read again (the first connection follows the first read).
  onOnline: () => { if (connectedBefore) redraw(); connectedBefore = true; },
});
