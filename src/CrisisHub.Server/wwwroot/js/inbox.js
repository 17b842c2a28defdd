// The head teacher's inbox: the open alerts of their nodes, live. Every hub event and every reconnect
// re-reads the list from the server, so nothing missed while offline stays missing.
import { api } from './api.js';
import { alertFacts, isRed } from './alerts.js';
import { tick } from './countdown.js';
import { boot } from './app.js';
import { el } from './dom.js';
import { connectLive, ring } from './live.js';
import { t } from './i18n.js';

await boot();
const list = document.getElementById('alerts');
const offline = document.getElementById('offline');

async function refresh() {
  const alerts = (await api('/api/alerts')).data;
  document.getElementById('empty').classList.toggle('hidden', alerts.length > 0);
  list.replaceChildren(...alerts.map(alert => el('li', { class: `card${isRed(alert) ? ' escalated' : ''}`, 'data-case': alert.caseId },
    ...alertFacts(alert),
    el('div', { class: 'row', style: 'margin-top:.5rem' },
      alert.alertState === 'Triggered'
        ? el('button', { type: 'button', class: 'primary ack', onclick: () => acknowledge(alert.caseId) }, t('inbox.ack'))
        : el('span', { class: 'muted' }, t('inbox.acked')),
      el('a', { href: `/case.html?id=${encodeURIComponent(alert.caseId)}` }, t('inbox.open'))))));
}

async function acknowledge(caseId) {
  await api(`/api/cases/${encodeURIComponent(caseId)}/ack`, { method: 'POST' });
  // Only the countdown texts change every second, so the buttons stay put under the finger.
setInterval(() => list.querySelectorAll('.countdown').forEach(tick), 1000);
await refresh();
}

connectLive({
  onAlert: notification => {
    if (['Raised', 'Escalated', 'Retriggered'].includes(notification.kind)) ring();
    refresh();
  },
  onOnline: () => { offline.classList.add('hidden'); refresh(); },
  onOffline: () => offline.classList.remove('hidden'),
});
await refresh();
