// The page's side of the installable app: registers the service worker (/sw.js, see service-worker.js) and talks to it.
// Where service workers are missing (an old browser, plain HTTP off localhost) the pages work as before, online.
import { flush, forgetAllButPending } from './outbox.js';
import { InboxCache } from './service-worker.js';

const supported = 'serviceWorker' in navigator;

/**
 * Registers the worker; on every start of the app it also sends whatever flags a closed page left unsent: the worker
 * does, or this page where there is no worker (the idempotency key makes a second try harmless).
 */
export function startInstalledApp(account) {
  const flushHere = () => flush(account).catch(() => {});
  if (!supported) return void flushHere();
  // 'none': the browser checks /sw.js and its modules against the server, never its HTTP cache, for an update.
  navigator.serviceWorker.register('/sw.js', { type: 'module', scope: '/', updateViaCache: 'none' })
    .then(() => ask('flush'))
    .then(done => { if (!done) flushHere(); }, flushHere);
}

/** Asks the active worker to do something and waits for its answer (false when there is no worker). */
export async function ask(type, timeoutMs = 10000) {
  if (!supported) return false;
  const registration = await Promise.race([navigator.serviceWorker.ready, new Promise(resolve => setTimeout(resolve, timeoutMs))]);
  if (!registration?.active) return false;
  const channel = new MessageChannel();
  const answer = new Promise(resolve => { channel.port1.onmessage = e => resolve(e.data); });
  registration.active.postMessage({ type }, [channel.port2]);
  return Promise.race([answer, new Promise(resolve => setTimeout(() => resolve(false), timeoutMs))]);
}

/**
 * Asks for a Background Sync of the unsent flags: the worker sends them when the network is back, page or no page.
 * Never waits for a worker that is still installing (offline its install cannot finish): without one, the next start sends them.
 */
export async function syncFlagsLater() {
  if (!supported) return;
  try {
    const registration = await navigator.serviceWorker.getRegistration('/');
    if (registration?.active) await registration.sync?.register('flags');
  } catch {
    // No Background Sync (or not allowed): the next start of the app sends them.
  }
}

/**
 * After sign-out: the phone forgets the inbox it kept and the flags the server has. Caches and IndexedDB belong to
 * the origin, so the page clears them itself, worker or no worker.
 */
export async function forgetOnSignOut() {
  if ('caches' in window) await caches.delete(InboxCache);
  await forgetAllButPending();
}
