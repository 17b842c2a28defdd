// Integration clients of the administrator's district: register one (its key and signing secret are shown once, here,
// with a copy button), rotate its key, revoke it, and see when it was last used and its newest calls.
// District administrators only; anyone else is told so.
import { api } from './api.js';
import { config } from './config.js';
import { el } from './dom.js';
import { formatTime, t } from './i18n.js';
import { field, onSubmit, post } from './forms.js';
import './strings/admin.js';

/** The district the administrator holds (the first), or null for a school administrator. */
async function districtOf(me) {
  for (const id of me.nodeIds) {
    const node = (await api(`/api/admin/nodes/${encodeURIComponent(id)}`).catch(() => null))?.data;
    if (node?.level === 'District') return node;
  }
  return null;
}

function checkboxes(name, legendKey, values, label) {
  return el('fieldset', { 'data-field': name }, el('legend', {}, t(legendKey)),
    ...values.map(([value, text]) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name, value }), ' ', label ? label(text) : text)));
}

/** A button's action; a refusal (problem details) is said in a dialog rather than lost. */
const act = work => async event => {
  try {
    await work(event);
  } catch (error) {
    alert(error.message);
  }
};

const checked = (form, name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map(i => i.value);

/** The key and secret, once: a warning, each in a code box with a copy button. Replaced by the next redraw. */
function shownOnce(credentials) {
  const copy = value => el('button', { type: 'button', class: 'secondary', onclick: async event => {
    await navigator.clipboard.writeText(value);
    event.target.textContent = t('integrations.copied');
  } }, t('integrations.copy'));
  return el('div', { class: 'receipt', role: 'alert' },
    el('p', {}, el('strong', {}, t('integrations.shownOnce'))),
    el('p', {}, t('integrations.apiKey'), ' ', el('code', {}, credentials.apiKey), ' ', copy(credentials.apiKey)),
    el('p', {}, t('integrations.signingSecret'), ' ', el('code', {}, credentials.signingSecret), ' ', copy(credentials.signingSecret)),
    credentials.previousKeyExpiresAt ? el('p', {}, t('integrations.previousUntil', { at: formatTime(credentials.previousKeyExpiresAt) })) : null);
}

async function drawCalls(host, base, client) {
  const log = (await api(`${base}/${encodeURIComponent(client.clientId)}/calls`)).data;
  host.replaceChildren(el('h4', {}, t('integrations.callsOf', { name: client.name, n: log.total })),
    el('table', {},
      el('thead', {}, el('tr', {}, ...['integrations.at', 'integrations.call', 'integrations.status', 'integrations.idempotencyKey']
        .map(k => el('th', {}, t(k))))),
      el('tbody', {}, ...log.calls.map(c => el('tr', {},
        el('td', {}, formatTime(c.at)), el('td', {}, `${c.method} ${c.route}`),
        el('td', {}, c.refusal ? `${c.status} (${t(`integrations.refusal.${c.refusal}`)})` : String(c.status)),
        el('td', {}, c.idempotencyKey ?? '—'))))));
}

export async function drawIntegrations(host, me, shown = null) {
  const district = await districtOf(me);
  if (!district) {
    host.replaceChildren(el('p', {}, t('integrations.districtOnly')));
    return;
  }
  const base = `/api/admin/districts/${encodeURIComponent(district.nodeId)}/integrations`;
  const [clients, children] = await Promise.all([api(base).then(r => r.data),
    api(`/api/admin/nodes/${encodeURIComponent(district.nodeId)}/children`).then(r => r.data)]);
  const schools = children.filter(c => c.level === 'School');
  const calls = el('div', { 'aria-live': 'polite' });
  const kinds = config().integrationKinds;
  const redraw = credentials => drawIntegrations(host, me, credentials);

  const rows = clients.map(c => el('tr', {},
    el('td', {}, c.name, el('br'), el('small', {}, c.clientId)),
    el('td', {}, t(`integrations.kind.${c.kind}`)),
    el('td', {}, c.schoolIds.join(', ')),
    el('td', {}, c.permissions.map(p => t(`integrations.permission.${p}`)).join('、')),
    el('td', {}, String(c.rateLimitPerMinute), c.signatureRequired ? el('div', {}, t('integrations.signed')) : null),
    el('td', {}, c.lastUsedAt ? formatTime(c.lastUsedAt) : t('integrations.never')),
    el('td', {}, ...c.keys.map(k => el('div', {}, k.expiresAt ? t('integrations.keyUntil', { id: k.keyId, at: formatTime(k.expiresAt) }) : k.keyId))),
    el('td', {}, c.revokedAt
      ? el('strong', {}, t('integrations.revokedAt', { at: formatTime(c.revokedAt) }))
      : [
        el('button', { type: 'button', class: 'secondary', onclick: act(async () => {
          const hours = prompt(t('integrations.overlapPrompt'), '24');
          if (hours === null) return;
          redraw((await post(`${base}/${encodeURIComponent(c.clientId)}/rotate`, { overlapHours: Number(hours) })).credentials);
        }) }, t('integrations.rotate')),
        ' ',
        el('button', { type: 'button', class: 'danger', onclick: act(async () => {
          if (!confirm(t('integrations.revokeConfirm', { name: c.name }))) return;
          await post(`${base}/${encodeURIComponent(c.clientId)}/revoke`);
          redraw(null);
        }) }, t('integrations.revoke')),
      ],
      ' ',
      el('button', { type: 'button', class: 'secondary', onclick: act(() => drawCalls(calls, base, c)) }, t('integrations.calls')))));

  const table = el('table', {},
    el('thead', {}, el('tr', {}, ...['integrations.name', 'integrations.kindLabel', 'integrations.schools', 'integrations.permissions',
      'integrations.rateLimit', 'integrations.lastUsed', 'integrations.keys', ''].map(k => el('th', {}, k ? t(k) : '')))),
    el('tbody', {}, ...rows));

  const form = onSubmit(el('form', { novalidate: true },
    el('h3', {}, t('integrations.register')),
    ...field('integrations.name', 'name'),
    ...field('integrations.kindLabel', 'kind', { value: kinds[0], options: kinds.map(k => [k, t(`integrations.kind.${k}`)]) }),
    checkboxes('schoolIds', 'integrations.schools', schools.map(s => [s.nodeId, `${s.name} (${s.nodeId})`])),
    checkboxes('permissions', 'integrations.permissions', config().integrationPermissions.map(p => [p, p]), p => t(`integrations.permission.${p}`)),
    ...field('integrations.rateLimit', 'rateLimitPerMinute', { type: 'number', value: '60' }),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'signatureRequired', 'data-field': 'signatureRequired' }), ' ',
      t('integrations.signatureRequired')),
    el('p', {}, el('button', { class: 'primary', type: 'submit' }, t('integrations.registerButton')))),
  f => post(base, {
    name: f.name.value.trim(), kind: f.kind.value, schoolIds: checked(f, 'schoolIds'), permissions: checked(f, 'permissions'),
    rateLimitPerMinute: Number(f.rateLimitPerMinute.value) || null, signatureRequired: f.signatureRequired.checked,
  }), { then: issued => redraw(issued.credentials) });

  host.replaceChildren(...[shown ? shownOnce(shown) : null, clients.length ? table : el('p', {}, t('integrations.none')), calls, form].filter(Boolean));
}
