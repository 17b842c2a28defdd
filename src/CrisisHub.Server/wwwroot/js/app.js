// Shared page frame: who is signed in, the header with language switch and sign-out, the hotline bar.
import { api, ApiError } from './api.js';
import { el } from './dom.js';
import { setLanguage, t, translate } from './i18n.js';

export const CaseRoles = ['HeadTeacher', 'DormitorySupervisor', 'GradeDirector', 'SchoolPsychologist', 'SchoolLeader', 'DutyOfficer', 'DistrictOfficer'];
export const WatchRoles = ['DutyOfficer', 'SchoolLeader', 'SchoolPsychologist', 'DistrictOfficer'];
export const FlagRoles = ['Monitor', 'DormitoryInformant', ...CaseRoles];

/** Loads the signed-in person or sends them to the sign-in page; draws the frame. */
export async function boot() {
  let me;
  try {
    me = (await api('/api/auth/me')).data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      location.replace(`/?next=${encodeURIComponent(location.pathname + location.search)}`);
      return new Promise(() => {});
    }
    throw error;
  }
  setLanguage(me.language);
  drawFrame(me);
  translate();
  return me;
}

function drawFrame(me) {
  const header = document.querySelector('header.bar');
  header.replaceChildren(
    el('h1', {}, el('a', { href: '/', class: 'home-link' }, t('app.name'))),
    el('span', {}, me.displayName),
    el('button', { type: 'button', id: 'lang-switch', onclick: () => switchLanguage(me) }, t('lang.switch')),
    el('button', { type: 'button', id: 'sign-out', onclick: signOut }, t('signout')));
  const hotlines = document.querySelector('nav.hotlines');
  if (hotlines) {
    hotlines.setAttribute('aria-label', t('hotlines'));
    hotlines.replaceChildren(...me.hotlines.map(h => el('a', { href: `tel:${h.number}` }, `☎ ${h.label === h.number ? h.number : `${h.label} ${h.number}`}`)));
  }
}

async function switchLanguage(me) {
  const next = me.language === 'en' ? 'zh-CN' : 'en';
  await api('/api/auth/me/language', { method: 'PUT', body: { language: next } });
  setLanguage(next);
  location.reload();
}

async function signOut() {
  await api('/api/auth/logout', { method: 'POST' });
  location.href = '/';
}
