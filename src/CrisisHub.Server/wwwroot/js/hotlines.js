// Hotline numbers as every page shows them: tel: links (a tap dials), with the line's name and, on lists, its hours.
// The lines come from the server (the district's directory in /api/auth/me, or the defaults in /api/config).
import { el } from './dom.js';
import { language, t } from './i18n.js';
import './strings/common.js';

/** One tappable number: "☎ name number". */
export function hotlineLink(line) {
  return el('a', { href: `tel:${line.number}`, class: 'hotline' }, `☎ ${line.label === line.number ? line.number : `${line.label} ${line.number}`}`);
}

/** The lines as a list with their hours and audience (the flag receipt, the safety plan). */
export function hotlineList(lines, attributes = {}) {
  return el('ul', { class: 'hotline-list', ...attributes }, ...lines.map(line => el('li', { 'data-number': line.number },
    hotlineLink(line),
    line.hours ? el('span', { class: 'muted' }, ` · ${t('hotline.hours', { hours: line.hours })}`) : null,
    line.audience?.length ? el('span', { class: 'muted' }, ` · ${line.audience.map(a => t(`hotline.audience.${a}`)).join(' / ')}`) : null)));
}

/** The lines for students among those a page was given. */
export const forStudents = lines => lines.filter(line => !line.audience || line.audience.includes('Students'));

/** A directory entry (name, nameEn, number …) as a page line, in the page's language. */
export const fromEntry = entry => ({ label: language() === 'en' && entry.nameEn ? entry.nameEn : entry.name, number: entry.number,
  hours: entry.hours, audience: entry.audience });

/** Fills the page's hotline bar. */
export function drawHotlineBar(lines) {
  const bar = document.querySelector('nav.hotlines');
  if (!bar) return;
  bar.setAttribute('aria-label', t('hotlines'));
  bar.replaceChildren(...lines.map(hotlineLink));
}
