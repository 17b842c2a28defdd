// The hotline directory of each district the administrator holds: name (Chinese, English), number, hours and whom each
// line serves. Pages, the flag receipt, safety plans and guardians' texts show what is saved here; every save is in the
// district's admin audit log. School administrators are told the directory is the district's.
import { api } from './api.js';
import { config } from './config.js';
import { el } from './dom.js';
import { onSubmit, put } from './forms.js';
import { t } from './i18n.js';
import './strings/admin.js';

const Audiences = ['Students', 'Parents'];

export async function drawHotlines(host, me) {
  const nodes = await Promise.all(me.nodeIds.map(id => api(`/api/admin/nodes/${encodeURIComponent(id)}`).then(r => r.data).catch(() => null)));
  const districts = nodes.filter(n => n?.level === 'District');
  if (districts.length === 0) {
    host.replaceChildren(el('p', {}, t('admin.hotlines.districtOnly')));
    return;
  }
  host.replaceChildren(...await Promise.all(districts.map(async d => {
    const directory = (await api(`/api/admin/districts/${encodeURIComponent(d.nodeId)}/hotlines`)).data;
    return editor(d, directory, () => drawHotlines(host, me));
  })));
}

/** One editable line; its inputs carry the API's error keys (entries[i].field), renumbered before each save. */
function row(entry) {
  const input = (name, key, type = 'text') => el('input', { name, type, value: entry[name] ?? '', 'aria-label': t(key), placeholder: t(key) });
  const line = el('fieldset', { class: 'row hotline-row' },
    input('name', 'admin.hotlines.name'), input('nameEn', 'admin.hotlines.nameEn'), input('number', 'admin.hotlines.number', 'tel'),
    input('hours', 'admin.hotlines.hours'),
    el('span', { 'data-name': 'audience' }, ...Audiences.map(a => el('label', { class: 'choice' },
      el('input', { type: 'checkbox', name: 'audience', value: a, checked: (entry.audience ?? []).includes(a) }), t(`hotline.audience.${a}`)))),
    el('button', { type: 'button', onclick: () => line.remove() }, t('admin.remove')));
  return line;
}

function editor(district, directory, then) {
  const rows = el('div', { class: 'hotline-rows' }, ...directory.entries.map(row));
  const renumber = () => [...rows.querySelectorAll('.hotline-row')].forEach((line, i) => {
    for (const name of ['name', 'nameEn', 'number', 'hours']) line.querySelector(`[name="${name}"]`).setAttribute('data-field', `entries[${i}].${name}`);
    line.querySelector('[data-name="audience"]').setAttribute('data-field', `entries[${i}].audience`);
  });
  renumber();
  const form = el('form', { class: 'card work', id: `hotlines-${district.nodeId}`, 'data-district': district.nodeId, novalidate: true },
    el('h3', {}, t('admin.hotlines.of', { district: district.name })),
    el('p', { class: 'muted', 'data-field': 'entries' }, t(directory.isDefault ? 'admin.hotlines.isDefault' : 'admin.hotlines.isOwn')),
    rows,
    el('p', {},
      el('button', { type: 'button', class: 'add-hotline', onclick: () => { rows.append(row({ audience: Audiences })); renumber(); } }, t('admin.hotlines.add')),
      ' ',
      el('button', { type: 'button', onclick: () => { rows.replaceChildren(...config().defaultHotlines.map(row)); renumber(); } }, t('admin.hotlines.defaults'))),
    el('p', {}, el('button', { type: 'submit', class: 'primary' }, t('admin.hotlines.save'))));
  return onSubmit(form, () => {
    renumber();
    return put(`/api/admin/districts/${encodeURIComponent(district.nodeId)}/hotlines`, {
      entries: [...rows.querySelectorAll('.hotline-row')].map(line => ({
        name: line.querySelector('[name="name"]').value.trim(), nameEn: line.querySelector('[name="nameEn"]').value.trim(),
        number: line.querySelector('[name="number"]').value.trim(), hours: line.querySelector('[name="hours"]').value.trim(),
        audience: [...line.querySelectorAll('[name="audience"]:checked')].map(c => c.value),
      })),
    });
  }, { confirm: true, then: () => then() });
}
