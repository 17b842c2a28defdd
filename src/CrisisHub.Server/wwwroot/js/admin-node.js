// The selected node: rename it, add a node below, edit its responders, and for classes its students,
// for schools its escalation policies.
import { api } from './api.js';
import { el } from './dom.js';
import { config } from './config.js';
import { t } from './i18n.js';
import { field, onSubmit, put } from './forms.js';
import './strings/admin.js';
import { drawPolicies } from './admin-policies.js';

const ChildLevel = { District: ['School'], School: ['Grade'], Grade: ['Class'], Class: ['Dormitory'] };
const base = id => `/api/admin/nodes/${encodeURIComponent(id)}`;

export async function drawNode(host, nodeId, onTreeChanged) {
  const node = (await api(base(nodeId))).data;
  const rename = onSubmit(el('form', { class: 'card', novalidate: true },
    el('h2', {}, `${t(`level.${node.level}`)} · ${node.nodeId}`),
    ...field('admin.rename', 'name', { value: node.name }),
    el('p', {}, el('button', { class: 'primary', type: 'submit' }, t('admin.save')))),
  f => put(base(nodeId), { level: node.level, name: f.name.value, parentId: node.parentId }), { confirm: true, then: onTreeChanged });

  const sections = [rename, respondersForm(node)];
  const childLevels = ChildLevel[node.level] ?? [];
  if (childLevels.length) {
    sections.push(onSubmit(el('form', { class: 'card', novalidate: true },
      el('h2', {}, t('admin.addChild')),
      ...field('admin.nodeId', 'nodeId', { dataField: 'nodeId' }),
      ...field('admin.level', 'level', { value: childLevels[0], options: childLevels.map(l => [l, t(`level.${l}`)]) }),
      ...field('admin.rename', 'name'),
      el('p', {}, el('button', { class: 'primary', type: 'submit' }, t('admin.save')))),
    f => put(base(f.nodeId.value.trim()), { level: f.level.value, name: f.name.value, parentId: node.nodeId }), { confirm: true, then: onTreeChanged }));
  }
  if (node.level === 'Class') sections.push(await studentsSection(node));
  if (node.level === 'School') sections.push(await drawPolicies(node.nodeId));
  host.replaceChildren(...sections);
}

function respondersForm(node) {
  const rows = el('tbody');
  const addRow = (r = { responderId: '', name: '', role: 'HeadTeacher', phone: '', onDuty: true }) => {
    const i = rows.childElementCount;
    const cell = (name, input) => el('td', {}, input);
    const input = (name, value, label) => el('input', { name, value, 'aria-label': label, 'data-field': `responders[${i}].${name}` });
    rows.append(el('tr', {},
      cell('id', input('responderId', r.responderId, t('admin.id'))),
      cell('name', input('name', r.name, t('admin.name'))),
      cell('role', el('select', { name: 'role', 'aria-label': t('admin.role'), 'data-field': `responders[${i}].role` },
        ...config().responderRoles.map(role => el('option', { value: role, selected: role === r.role }, t(`role.${role}`))))),
      cell('phone', el('input', { name: 'phone', type: 'tel', value: r.phone, 'aria-label': t('admin.phone'), 'data-field': `responders[${i}].phone` })),
      cell('duty', el('input', { name: 'onDuty', type: 'checkbox', checked: r.onDuty, 'aria-label': t('admin.onDuty') })),
      el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: e => e.target.closest('tr').remove() }, t('admin.remove')))));
  };
  node.responders.forEach(addRow);
  return onSubmit(el('form', { class: 'card', novalidate: true },
    el('h2', {}, t('admin.responders')),
    el('table', {}, el('thead', {}, el('tr', {}, ...['admin.id', 'admin.name', 'admin.role', 'admin.phone', 'admin.onDuty', 'admin.remove'].map(k => el('th', {}, t(k))))), rows),
    el('p', { class: 'row' },
      el('button', { type: 'button', class: 'secondary', onclick: () => addRow() }, t('admin.addResponder')),
      el('button', { type: 'submit', class: 'primary' }, t('admin.save')))),
  () => put(`${base(node.nodeId)}/responders`, [...rows.querySelectorAll('tr')].map(tr => ({
    responderId: tr.querySelector('[name=responderId]').value.trim(),
    name: tr.querySelector('[name=name]').value.trim(),
    role: tr.querySelector('[name=role]').value,
    phone: tr.querySelector('[name=phone]').value.trim(),
    onDuty: tr.querySelector('[name=onDuty]').checked,
    accountId: null,
  }))), { confirm: true });
}

async function studentsSection(node) {
  const students = (await api(`${base(node.nodeId)}/students`)).data;
  const list = el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, t('admin.studentNumber')), el('th', {}, t('admin.name')), el('th', {}, t('level.Dormitory')))),
    el('tbody', {}, ...students.map(s => el('tr', {}, el('td', {}, s.studentNumber), el('td', {}, s.name), el('td', {}, s.dormitoryId ?? '')))));
  const form = onSubmit(el('form', { novalidate: true },
    el('h2', {}, t('admin.student')),
    ...field('admin.id', 'studentId', { dataField: 'studentId' }),
    ...field('admin.name', 'name'),
    ...field('admin.studentNumber', 'studentNumber'),
    ...field('admin.age', 'age', { type: 'number', value: '15' }),
    ...field('admin.room', 'dormitoryId'),
    ...field('admin.guardianName', 'guardianName', { dataField: 'guardians[0].name' }),
    ...field('admin.guardianPhone', 'guardianPhone', { type: 'tel', dataField: 'guardians[0].phone' }),
    el('p', {}, el('button', { class: 'primary', type: 'submit' }, t('admin.save')))),
  f => put(`/api/admin/students/${encodeURIComponent(f.studentId.value.trim())}`, {
    name: f.name.value.trim(), studentNumber: f.studentNumber.value.trim(), age: Number(f.age.value), classId: node.nodeId,
    dormitoryId: f.dormitoryId.value.trim() || null,
    guardians: f.guardianName.value.trim() ? [{ name: f.guardianName.value.trim(), relationship: 'guardian', phone: f.guardianPhone.value.trim() }] : [],
  }), { confirm: true });
  return el('section', { class: 'card' }, el('h2', {}, t('admin.students')), list, form);
}
