// The head teacher's inbox: the open alerts of their nodes, live. Every hub event and every reconnect
// re-reads the list from the server, so nothing missed while offline stays missing; what a push said and the
// board does not show yet is kept until it does (see board.js).
import { api } from './api.js';
import { pushedAlerts } from './board.js';
import { alertFacts, isRed } from './alerts.js';
import { tick } from './countdown.js';
import { boot } from './app.js';
import { el } from './dom.js';
import { connectLive, notificationOrder, ring } from './live.js';
import { t } from './i18n.js';
import './strings/common.js';
import './strings/alerts.js';
import './strings/plan.js';

await boot();
const list = document.getElementById('alerts');
const offline = document.getElementById('offline');
const order = notificationOrder();
let shown = new Set();
const pushed = pushedAlerts();

async function refresh() {
  const alerts = pushed.merge((await api('/api/alerts')).data);
  shown = new Set(alerts.map(a => a.caseId));
  document.getElementById('empty').classList.toggle('hidden', alerts.length > 0);
  list.replaceChildren(...alerts.map(alert => el('li', { class: `card${isRed(alert) ? ' escalated' : ''}`, 'data-case': alert.caseId },
    ...alertFacts(alert),
    el('div', { class: 'row spaced-small' },
      alert.alertState === 'Triggered'
        ? el('button', { type: 'button', class: 'primary ack', onclick: () => acknowledge(alert.caseId) }, t('inbox.ack'))
        : el('span', { class: 'muted' }, t('inbox.acked')),
      el('a', { href: `/case.html?id=${encodeURIComponent(alert.caseId)}` }, t('inbox.open'))))));
}

/** The plans this person owns whose review is overdue: a General alert of theirs, naming no one (the link opens the plan). */
async function refreshPlanReviews() {
  const due = (await api('/api/plans/reviews-due')).data;
  document.getElementById('plan-reviews').classList.toggle('hidden', due.length === 0);
  document.getElementById('plan-reviews-due').replaceChildren(...due.map(d => el('li', { class: 'card', 'data-plan': d.studentId },
    el('strong', {}, t('grade.General')), ' · ', t('plan.reviewDueItem', { date: d.nextReviewOn }), ' ',
    el('a', { href: `/plan.html?student=${encodeURIComponent(d.studentId)}` }, t('plan.open')))));
}

async function acknowledge(caseId) {
  await api(`/api/cases/${encodeURIComponent(caseId)}/ack`, { method: 'POST' });
  await refresh();
}

connectLive({
  onAlert: async notification => {
    // A repeat changes nothing; a gap needs no more than the full re-read every event makes anyway.
    if (order(notification) === 'repeat') return;
    pushed.note(notification);
    // Plan reviews are not case alerts: their list is read when the page opens, on their own push and after a reconnect
    // (each read is recorded in the students' read logs, so not on every alert).
    await refresh();
    // Ring only for an alert this inbox now lists.
    if (['Raised', 'Escalated', 'Retriggered'].includes(notification.kind) && shown.has(notification.alert.caseId)) ring();
  },
  onPlanReview: async () => { await refreshPlanReviews(); ring(); },
  onOnline: () => { offline.classList.add('hidden'); refresh(); refreshPlanReviews(); },
  onOffline: () => offline.classList.remove('hidden'),
});
// Only the countdown texts change every second, so the buttons stay put under the finger.
setInterval(() => list.querySelectorAll('.countdown').forEach(tick), 1000);
await Promise.all([refresh(), refreshPlanReviews()]);
