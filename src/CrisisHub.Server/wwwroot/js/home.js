import { api, ApiError } from './api.js';
import { CaseRoles, FlagRoles, WatchRoles, boot } from './app.js';
import { el, showErrors } from './dom.js';
import { language, setLanguage, t, translate } from './i18n.js';
import { safeNext } from './next.js';
import './referral-strings.js';

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
  showHome(me);
}

function showSignIn() {
  translate();
  form.classList.remove('hidden');
  document.getElementById('lang-before').addEventListener('click', () => {
    setLanguage(language() === 'en' ? 'zh-CN' : 'en');
    translate();
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = { userName: form.userName.value.trim(), password: form.password.value };
    try {
      await api('/api/auth/login', { method: 'POST', body });
      location.replace(destination);
    } catch (error) {
      showErrors(form, null, signInError(error));
    }
  });
  form.userName.focus();
}

function signInError(error) {
  if (error.status === 423 && error.problem?.lockedUntil) {
    const until = new Date(error.problem.lockedUntil).toLocaleTimeString(language(), { hour: '2-digit', minute: '2-digit' });
    return t('signin.locked', { time: until });
  }
  if (error.status === 401) return error.problem?.detail?.includes('demo password') ? error.message : t('signin.failed');
  return t('error.network');
}

function showHome(me) {
  document.getElementById('welcome').textContent = t('home.title', { name: me.displayName });
  const links = [];
  if (FlagRoles.includes(me.role)) links.push(['/flag.html', 'home.flag']);
  if (CaseRoles.includes(me.role)) links.push(['/inbox.html', 'home.inbox']);
  if (WatchRoles.includes(me.role)) for (const node of me.nodeIds) links.push([`/wallboard.html?scope=${encodeURIComponent(node)}`, 'home.wallboard']);
  if (me.role === 'HospitalLiaison') links.push(['/hospital.html', 'home.hospital']);
  if (me.role === 'Admin') links.push(['/admin.html', 'home.admin']);
  document.getElementById('destinations').replaceChildren(...links.map(([href, key]) =>
    el('li', { class: 'card' }, el('a', { href, class: 'destination' }, t(key)))));
  document.getElementById('home').classList.remove('hidden');
}

start();
