// The page's side of Web Push: the inbox offers to send this phone's alerts by push (a third channel beside the live page
// and SMS); the browser's subscription goes to the server (POST /api/push/devices), which sends each alert step that
// notifies this person to it. Signing out unsubscribes the phone; the server revokes every device of the account then too.
import { api, ApiError } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import './strings/push.js';

const supported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

async function registration() {
  return navigator.serviceWorker.getRegistration('/');
}

/** "Android · Chrome": what the person's list of devices calls this one (no identifier of the phone). */
function deviceLabel() {
  const ua = navigator.userAgent;
  const system = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : '';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : '';
  return [system, browser].filter(Boolean).join(' · ').slice(0, 60);
}

const fromBase64Url = text => {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), c => c.charCodeAt(0));
};

/** Draws the offer (or its state) into the element, on a browser that has Web Push (the inbox's people get alerts). */
export async function drawPushOffer(container) {
  if (!supported()) return;
  const key = (await api('/api/push/key')).data;
  if (!key.enabled) return;
  const status = el('p', { class: 'muted', role: 'status' });
  const button = el('button', { type: 'button', id: 'push-toggle' });
  container.replaceChildren(status, button);
  container.classList.remove('hidden');

  const draw = async () => {
    const subscription = await (await registration())?.pushManager.getSubscription();
    const known = subscription ? (await api('/api/push/devices')).data.some(d => d.endpoint === subscription.endpoint) : false;
    const blocked = Notification.permission === 'denied';
    status.textContent = blocked ? t('push.blocked') : known ? t('push.on') : t('push.offer');
    button.textContent = known ? t('push.turnOff') : t('push.turnOn');
    button.hidden = blocked;
    button.onclick = () => (known ? turnOff(subscription) : turnOn(key.publicKey)).then(draw, error => {
      status.textContent = error instanceof ApiError ? error.message : t('push.failed');
    });
  };
  await draw();
}

async function turnOn(publicKey) {
  if (await Notification.requestPermission() !== 'granted') return;
  const reg = await navigator.serviceWorker.ready;
  // Always a fresh subscription: one left from an earlier sign-in here (someone else's, or made with another server key)
  // must not carry this person's alerts; its push service then answers "gone" and the server drops it.
  const existing = await reg.pushManager.getSubscription();
  if (existing) {
    await api('/api/push/devices/remove', { method: 'POST', body: { endpoint: existing.endpoint } }).catch(() => {});
    await existing.unsubscribe();
  }
  const subscription = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(publicKey) });
  const json = subscription.toJSON();
  await api('/api/push/devices', { method: 'POST', body: { endpoint: json.endpoint, keys: json.keys, label: deviceLabel() } });
}

async function turnOff(subscription) {
  await api('/api/push/devices/remove', { method: 'POST', body: { endpoint: subscription.endpoint } });
  await subscription.unsubscribe();
}

/** At sign-out: this phone stops taking pushes (the server has revoked the account's devices by then as well). */
export async function unsubscribeOnSignOut() {
  if (!supported()) return;
  try {
    await (await (await registration())?.pushManager.getSubscription())?.unsubscribe();
  } catch {
    // Nothing subscribed, or the push service unreachable: the server no longer sends to this phone either way.
  }
}
