// The server's rules and lists the pages build their forms from (GET /api/config): text limits, languages, grades,
// signs, action kinds, roles. Read once per page, before anything is drawn, so no page keeps its own copy.
import { api } from './api.js';
import { useLanguages } from './i18n.js';

let loaded = null;
let current = null;

export function loadConfig() {
  loaded ??= api('/api/config').then(r => {
    current = r.data;
    useLanguages(current.languages);
    return current;
  });
  return loaded;
}

/** The configuration; pages call it after boot() (or loadConfig()) has resolved. */
export function config() {
  if (!current) throw new Error('loadConfig() has not finished');
  return current;
}
