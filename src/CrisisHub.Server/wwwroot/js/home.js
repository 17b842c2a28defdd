// The start page: the sign-in form, or once signed in the pages this person may use (the server decides which).
import { api, ApiError } from './api.js';
import { boot } from './app.js';
import { config, loadConfig } from './config.js';
import { el } from './dom.js';
import { onSubmit } from './forms.js';
import { drawHotlineBar, fromEntry } from './hotlines.js';
import { language, otherLanguage, setLanguage, t, translate } from './i18n.js';
import { safeNext } from './next.js';
import './strings/common.js';

const form = document.getElementById('sign-in');
const next = new URLSearchParams(location.search).get('next');
const destination = safeNext(next);

async function start() {
  try {
    await api('/api/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return showSignIn();
    throw error;
  }
  const me = await boot();
  if (next !== null) return location.replace(destination);
  await showHome(me);
}

// Before sign-in nobody's district is known: the bar shows the national lines every district starts with.
async function showSignIn() {
  await loadConfig();
  translate();
  drawHotlineBar(config().defaultHotlines.map(fromEntry));
  form.classList.remove('hidden');
  document.getElementById('lang-before').addEventListener('click', () => {
    setLanguage(otherLanguage());
    translate();
    drawHotlineBar(config().defaultHotlines.map(fromEntry));
  });
  onSubmit(form, f => api('/api/auth/login', { method: 'POST', body: { userName: f.userName.value.trim(), password: f.password.value } }), {
    then: () => location.replace(destination),
    failure: signInError,
  });
  form.userName.focus();
}

// A refusal never says which of the two was wrong; a lock says until when, and the demo password says why.
function signInError(error) {
  if (!(error instanceof ApiError)) return t('error.network');
  if (error.status === 423 && error.problem?.lockedUntil) {
    const until = new Date(error.problem.lockedUntil).toLocaleTimeString(language(), { hour: '2-digit', minute: '2-digit' });
    return t('signin.locked', { time: until });
  }
  if (error.status === 401) return error.problem?.detail?.includes('demo password') ? error.message : t('signin.failed');
  return t('error.network');
}

async function showHome(me) {
  document.getElementById('welcome').textContent = t('home.title', { name: me.displayName });
  const links = (await api('/api/home')).data;
  document.getElementById('destinations').replaceChildren(...links.map(link =>
    el('li', { class: 'card' }, el('a', { href: link.href, class: 'destination' }, t(`home.${link.key}`)))));
  document.getElementById('home').classList.remove('hidden');
}

start();
