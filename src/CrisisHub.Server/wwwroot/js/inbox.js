// The head teacher's inbox: the open alerts of their nodes, live. Every hub event and every reconnect
// re-reads the list from the server, so nothing missed while offline stays missing; what a push said and the
// board does not show yet is kept until it does (see board.js). Offline, the service worker answers with the inbox as
// last read (service-worker.js) and the banner says when that was, on the server's clock.
import { api, NetworkError } from './api.js';
import { pushedAlerts } from './board.js';
import { alertFacts, isRed } from './alerts.js';
import { tick } from './countdown.js';
import { boot } from './app.js';
import { el } from './dom.js';
import { connectLive, notificationOrder, ring } from './live.js';
import { formatDeadline, t } from './i18n.js';
import { serverNow } from './clock.js';
import { drawPushOffer } from './web-push.js';
import './strings/common.js';
import './strings/alerts.js';
import './strings/plan.js';

await boot();
const list = document.getElementById('alerts');
const offline = document.getElementById('offline');
const order = notificationOrder();
let shown = new Set();
const pushed = pushedAlerts();
let connected = true;
/** When the server wrote the list shown, if it came from the phone's cache (its X-Server-Time), else null. */
let lastUpdated = null;

function drawOffline() {
  offline.classList.toggle('hidden', connected && lastUpdated === null);
  offline.textContent = lastUpdated === null ? t('offline') : t('inbox.offlineSince', { time: formatDeadline(lastUpdated, serverNow()) });
}

async function refresh() {
  const answer = await api('/api/alerts');
  lastUpdated = answer.fromDeviceCache ? answer.headers.get('x-server-time') : null;
  drawOffline();
  const alerts = pushed.merge(answer.data);
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
  let due;
  try {
    due = (await api('/api/plans/reviews-due')).data;
  } catch (error) {
    // Offline: plan reviews are not kept on the phone (they name students); the list comes back with the network.
    if (error instanceof NetworkError) return;
    throw error;
  }
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
  onOnline: () => { connected = true; drawOffline(); refresh(); refreshPlanReviews(); },
  onOffline: () => { connected = false; drawOffline(); },
});
// Only the countdown texts change every second, so the buttons stay put under the finger.
setInterval(() => list.querySelectorAll('.countdown').forEach(tick), 1000);
await Promise.all([refresh(), refreshPlanReviews()]);
// After the list: the offer is no reason to keep the alerts waiting, and offline it is simply not drawn.
drawPushOffer(document.getElementById('push')).catch(() => {});
