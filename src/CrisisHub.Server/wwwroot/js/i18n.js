// Turning keys into words. The strings live in per-feature modules under strings/, each of which registers its
// entries here when a page imports it; an entry is [words in the first language, words in the second …], in the
// order the server's GET /api/config lists its languages.

const strings = {};
let languages = [];
let current = localStorage.getItem('crisishub.lang') ?? '';

/** Called by each strings module as it loads. */
export function addStrings(more) {
  Object.assign(strings, more);
}

/** The languages the server speaks, in the order the string entries are written; the first is the default. */
export function useLanguages(list) {
  languages = list;
  if (!languages.includes(current)) current = languages[0];
}

export function language() { return current; }

/** The language after the current one, for the switch button. */
export function otherLanguage() {
  return languages[(languages.indexOf(current) + 1) % languages.length];
}

export function setLanguage(lang) {
  current = languages.includes(lang) ? lang : languages[0];
  localStorage.setItem('crisishub.lang', current);
  document.documentElement.lang = current;
}

export function t(key, vars = {}) {
  const entry = strings[key];
  let text = entry ? entry[Math.max(0, languages.indexOf(current))] : key;
  for (const [name, value] of Object.entries(vars)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

/** Fills every element carrying data-i18n (text) or data-i18n-placeholder. */
export function translate(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
}

export function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString(current, { hour12: false }) : '';
}

/** A deadline as people say it: the clock time alone on the day of <since>, else date and time. */
export function formatDeadline(iso, since) {
  if (!iso) return '';
  const at = new Date(iso);
  const sameDay = since && at.toDateString() === new Date(since).toDateString();
  return sameDay ? at.toLocaleTimeString(current, { hour12: false, hour: '2-digit', minute: '2-digit' }) : formatTime(iso);
}
