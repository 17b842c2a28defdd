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

async function acknowledge(caseId) {
  await api(`/api/cases/${encodeURIComponent(caseId)}/ack`, { method: 'POST' });
  await refresh();
}

connectLive({
  onAlert: async notification => {
    // A repeat changes nothing; a gap needs no more than the full re-read every event makes anyway.
    if (order(notification) === 'repeat') return;
    pushed.note(notification);
    await refresh();
    // Ring only for an alert this inbox now lists.
    if (['Raised', 'Escalated', 'Retriggered'].includes(notification.kind) && shown.has(notification.alert.caseId)) ring();
  },
  onOnline: () => { offline.classList.add('hidden'); refresh(); },
  onOffline: () => offline.classList.remove('hidden'),
});
// Only the countdown texts change every second, so the buttons stay put under the finger.
setInterval(() => list.querySelectorAll('.countdown').forEach(tick), 1000);
await refresh();
