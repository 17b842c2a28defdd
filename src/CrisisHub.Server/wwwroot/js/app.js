// Shared page frame: who is signed in, the header with language switch and sign-out, the hotline bar (the district's lines). Every page
// calls boot() first; it also loads the server's configuration (limits, languages) the forms are built from.
import { api, ApiError } from './api.js';
import { loadConfig } from './config.js';
import { el } from './dom.js';
import { limitTextareas } from './forms.js';
import { stopLive } from './live.js';
import { drawHotlineBar } from './hotlines.js';
import { otherLanguage, setLanguage, t, translate } from './i18n.js';
import { forgetOnSignOut, startInstalledApp } from './installed-app.js';
import { flush } from './outbox.js';
import { unsubscribeOnSignOut } from './web-push.js';
import './strings/common.js';

/** Loads the signed-in person or sends them to the sign-in page; draws the frame. */
export async function boot() {
  let me;
  try {
    [me] = await Promise.all([api('/api/auth/me').then(r => r.data), loadConfig()]);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      location.replace(`/?next=${encodeURIComponent(location.pathname + location.search)}`);
      return new Promise(() => {});
    }
    throw error;
  }
  setLanguage(me.language);
  startInstalledApp(me.userName);
  drawFrame(me);
  translate();
  limitTextareas();
  return me;
}

function drawFrame(me) {
  const header = document.querySelector('header.bar');
  header.replaceChildren(
    el('h1', {}, el('a', { href: '/', class: 'home-link' }, t('app.name'))),
    el('span', {}, me.displayName),
    el('button', { type: 'button', id: 'lang-switch', onclick: switchLanguage }, t('lang.switch')),
    el('button', { type: 'button', id: 'sign-out', onclick: () => signOut(me) }, t('signout')));
  drawHotlineBar(me.hotlines);
}

async function switchLanguage() {
  const next = otherLanguage();
  await api('/api/auth/me/language', { method: 'PUT', body: { language: next } });
  setLanguage(next);
  location.reload();
}

async function signOut(me) {
  // Flags still unsent go while the session can send them; any the server cannot take now stay on the phone for this
  // account's next sign-in here (outbox.js), while the inbox kept for offline and the sent flags are forgotten.
  await flush(me.userName).catch(() => {});
  stopLive();
  await api('/api/auth/logout', { method: 'POST' });
  await Promise.all([forgetOnSignOut(), unsubscribeOnSignOut()]);
  location.href = '/';
}
