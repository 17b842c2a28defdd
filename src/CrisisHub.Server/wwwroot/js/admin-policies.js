// A school's escalation policies, one form per crisis grade. The server refuses a step that would alert
// nobody; the reason shows next to the step.
import { api } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import './strings/admin.js';
import { field, onSubmit, put } from './forms.js';

const Levels = ['Dormitory', 'Class', 'Grade', 'School', 'Family', 'District'];

// .NET TimeSpan text ("[d.]hh:mm:ss") <-> minutes
const toMinutes = span => {
  const [dayPart, rest] = span.includes('.') && span.indexOf('.') < span.indexOf(':') ? span.split(/\.(.*)/s) : ['0', span];
  const [h, m, s] = rest.split(':').map(Number);
  return Number(dayPart) * 1440 + h * 60 + m + Math.round((s || 0) / 60 * 100) / 100;
};
const toSpan = minutes => {
  const total = Math.round(minutes * 60);
  const d = Math.floor(total / 86400), h = Math.floor(total / 3600) % 24, m = Math.floor(total / 60) % 60, s = total % 60;
  const pad = n => String(n).padStart(2, '0');
  return `${d ? `${d}.` : ''}${pad(h)}:${pad(m)}:${pad(s)}`;
};

export async function drawPolicies(schoolId) {
  const policies = (await api(`/api/admin/schools/${encodeURIComponent(schoolId)}/policies`)).data;
  return el('section', { class: 'card' }, el('h2', {}, t('admin.policies')),
    ...policies.filter(p => p.grade !== 'Watch').map(p => policyForm(schoolId, p)));
}

function policyForm(schoolId, policy) {
  const steps = el('div');
  const addStep = (step = { levels: ['Class'], channels: ['WebPush'], acknowledgeWithin: '00:15:00' }) => {
    const i = steps.childElementCount;
    steps.append(el('fieldset', { class: 'step', 'data-field': `steps[${i}]` },
      el('legend', {}, t('admin.stepLevels', { n: i + 1 })),
      el('div', { class: 'row', 'data-field': `steps[${i}].levels` }, ...Levels.map(level => el('label', { class: 'choice' },
        el('input', { type: 'checkbox', name: 'level', value: level, checked: step.levels.includes(level) }), t(`level.${level}`)))),
      el('label', { class: 'choice' }, el('input', { type: 'checkbox', name: 'sms', checked: step.channels.includes('Sms') }), t('admin.sms')),
      ...field('admin.minutes', 'minutes', { type: 'number', value: String(toMinutes(step.acknowledgeWithin)), dataField: `steps[${i}].acknowledgeWithin` }),
      el('button', { type: 'button', class: 'secondary', onclick: e => e.target.closest('fieldset').remove() }, t('admin.remove'))));
  };
  policy.steps.forEach(addStep);
  return onSubmit(el('form', { novalidate: true, 'data-grade': policy.grade },
    el('h2', {}, el('span', { class: `grade ${policy.grade}` }, t(`grade.${policy.grade}`))),
    steps,
    el('p', {}, el('button', { type: 'button', class: 'secondary', onclick: () => addStep() }, t('admin.addStep'))),
    ...field('admin.repeats', 'repeats', { type: 'number', value: String(policy.repeats) }),
    ...field('admin.actionHours', 'actionHours', { type: 'number', value: String(toMinutes(policy.actionWithin) / 60), dataField: 'actionWithin' }),
    el('p', {}, el('button', { class: 'primary', type: 'submit' }, t('admin.save')))),
  f => put(`/api/admin/schools/${encodeURIComponent(schoolId)}/policies/${policy.grade}`, {
    steps: [...f.querySelectorAll('fieldset.step')].map(s => ({
      levels: [...s.querySelectorAll('input[name=level]:checked')].map(i => i.value),
      channels: s.querySelector('input[name=sms]').checked ? ['WebPush', 'Sms'] : ['WebPush'],
      acknowledgeWithin: toSpan(Number(s.querySelector('input[name=minutes]').value || 0)),
    })),
    repeats: Number(f.repeats.value || 0),
    actionWithin: toSpan(Number(f.actionHours.value || 0) * 60),
  }), { confirm: true });
}
