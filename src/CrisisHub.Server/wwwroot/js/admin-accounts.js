// Accounts in the administrator's scope, and a form to create or change one.
import { api } from './api.js';
import { el } from './dom.js';
import { config } from './config.js';
import { t } from './i18n.js';
import { field, onSubmit, put } from './forms.js';
import './strings/admin.js';

export async function drawAccounts(host) {
  const accounts = (await api('/api/admin/accounts')).data;
  const table = el('table', {},
    el('thead', {}, el('tr', {}, ...['admin.userName', 'admin.name', 'admin.role', 'admin.nodes'].map(k => el('th', {}, t(k))))),
    el('tbody', {}, ...accounts.map(a => el('tr', {}, el('td', {}, a.userName), el('td', {}, a.displayName), el('td', {}, t(`role.${a.role}`)), el('td', {}, a.nodeIds.join(', '))))));
  const form = onSubmit(el('form', { novalidate: true },
    ...field('admin.userName', 'userName'),
    ...field('admin.name', 'displayName'),
    ...field('admin.role', 'role', { value: 'HeadTeacher', options: config().accountRoles.map(r => [r, t(`role.${r}`)]) }),
    ...field('admin.nodes', 'nodeIds'),
    ...field('admin.password', 'password', { type: 'password' }),
    el('p', {}, el('button', { class: 'primary', type: 'submit' }, t('admin.save')))),
  f => put(`/api/admin/accounts/${encodeURIComponent(f.userName.value.trim().toLowerCase())}`, {
    displayName: f.displayName.value.trim(), role: f.role.value,
    nodeIds: f.nodeIds.value.split(',').map(s => s.trim()).filter(Boolean),
    password: f.password.value || null, preferredLanguage: config().defaultLanguage, disabled: false,
  }), { confirm: true, then: () => drawAccounts(host) });
  host.replaceChildren(table, form);
}
