// The installable app's service worker (registered as /sw.js, which the server writes with the shell's version and
// files). What it keeps on the phone, exactly:
//  - the shell (pages, styles, modules, strings, icons: public files, no one's data), cache-first, one cache per version;
//  - the signed-in person's own inbox as it was last seen: GET /api/alerts and what the inbox page needs to draw its
//    frame (/api/auth/me, /api/home), network-first, the cached answer only when the network fails;
//  - the public page configuration (/api/config: languages, limits; no one's data), network-first, in a cache of its own
//    that outlives sign-out;
//  - unsent flags, in IndexedDB (see outbox.js).
// Every other /api answer (cases, students, plans, flags, …) goes to the network and is never stored. Signing out
// (installed-app.js) or any 401 (the session is gone) deletes the inbox cache. An alert's Web Push is shown and answered
// by push-notifications.js.
import { flush } from './outbox.js';
import { onAlertNotificationClick, showAlertPush } from './push-notifications.js';

const ShellPrefix = 'crisishub-shell-';
export const InboxCache = 'crisishub-inbox';
const PublicCache = 'crisishub-public';
/** The answers the inbox page draws offline, and the cache each is kept in. Nothing else under /api is kept. */
const KeptAnswers = new Map([['/api/alerts', InboxCache], ['/api/auth/me', InboxCache], ['/api/home', InboxCache], ['/api/config', PublicCache]]);
/** Marks an answer that came from this phone's cache, not the server (the page must not take its clock from it). */
export const FromDeviceCacheHeader = 'X-From-Device-Cache';

export function startServiceWorker({ version, shell }) {
  const shellCache = ShellPrefix + version;
  const shellPaths = new Set(shell);

  self.addEventListener('install', event => event.waitUntil((async () => {
    const cache = await caches.open(shellCache);
    // 'reload': past the browser's HTTP cache, so the shell is the version this worker names.
    await cache.addAll(shell.map(path => new Request(path, { cache: 'reload', credentials: 'same-origin' })));
    await self.skipWaiting();
  })()));

  self.addEventListener('activate', event => event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(ShellPrefix) && name !== shellCache) await caches.delete(name);
    }
    await self.clients.claim();
    // The next start of the app: flags left unsent by a closed page go now if the network allows.
    await flushForSession().catch(() => {});
  })()));

  self.addEventListener('fetch', event => {
    const request = event.request;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin || request.method !== 'GET') return;
    if (url.pathname.startsWith('/api/')) {
      if (url.search === '' && KeptAnswers.has(url.pathname)) event.respondWith(networkFirst(KeptAnswers.get(url.pathname), request));
      return;
    }
    // A page with a query (case.html?id=…) is the same file: its data comes from the API, never from here.
    if (shellPaths.has(url.pathname)) event.respondWith(cacheFirst(shellCache, url.pathname, request));
  });

  // Background Sync where the browser has it: fires when the network is back, even with every page closed.
  self.addEventListener('sync', event => {
    if (event.tag === 'flags') event.waitUntil(flushForSession().then(done => { if (!done) throw new Error('flags still unsent'); }));
  });

  // Web Push: an alert step that notifies this person, with the page closed or the phone locked.
  self.addEventListener('push', event => {
    let push = null;
    try {
      push = event.data?.json() ?? null;
    } catch {
      // Not an alert's JSON: nothing to show.
    }
    event.waitUntil(showAlertPush(self.registration, push));
  });

  self.addEventListener('notificationclick', event =>
    event.waitUntil(onAlertNotificationClick(self.registration, self.clients, event.notification, event.action)));

  self.addEventListener('message', event => {
    const { type } = event.data ?? {};
    const answer = result => event.ports[0]?.postMessage(result);
    if (type === 'flush') event.waitUntil(flushForSession().then(answer, () => answer(false)));
  });
}

async function cacheFirst(shellCache, path, request) {
  const cached = await (await caches.open(shellCache)).match(path);
  return cached ?? fetch(request);
}

async function networkFirst(cacheName, request) {
  const cache = await caches.open(cacheName);
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const cached = await cache.match(request);
    if (!cached) throw error;
    const headers = new Headers(cached.headers);
    headers.set(FromDeviceCacheHeader, '1');
    return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
  }
  if (response.status === 401) await caches.delete(InboxCache);
  else if (response.ok) await cache.put(request, response.clone());
  return response;
}

/**
 * Sends the pending flags of whoever is signed in now (asked of the server, not the cache); true when none is left.
 * Without a session nothing is sent: the flags wait for their account to sign in again on this phone.
 */
async function flushForSession() {
  let response;
  try {
    response = await fetch('/api/auth/me', { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return false;
  }
  if (!response.ok) return false;
  const me = await response.json();
  const done = await flush(me.userName);
  // An open flag page redraws its list (a flag it showed as not yet sent may be sent now).
  for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage({ type: 'flags-changed' });
  return done;
}
