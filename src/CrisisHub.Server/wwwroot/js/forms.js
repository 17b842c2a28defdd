// Small builders for the admin forms: a labelled input whose data-field matches the API's error keys.
import { api, ApiError } from './api.js';
import { clearErrors, el, showErrors } from './dom.js';
import { t } from './i18n.js';

let sequence = 0;

export function field(labelKey, name, { type = 'text', value = '', dataField = name, options } = {}) {
  const id = `f-${++sequence}`;
  const input = options
    ? el('select', { id, name, 'data-field': dataField }, ...options.map(([v, label]) => el('option', { value: v, selected: v === value }, label)))
    : el('input', { id, name, type, value, 'data-field': dataField });
  return [el('label', { for: id }, t(labelKey)), input];
}

/** Wires a form to an API call; problem details land next to their fields, success shows "Saved". */
export function onSubmit(form, call, after) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    form.querySelector('.saved')?.remove();
    try {
      const result = await call(form);
      form.append(el('p', { class: 'saved', role: 'status' }, t('admin.saved')));
      await after?.(result);
    } catch (error) {
      showErrors(form, error instanceof ApiError ? error : null, t('error.network'));
    }
  });
  return form;
}

export const put = (path, body) => api(path, { method: 'PUT', body }).then(r => r.data);

export const Roles = ['HeadTeacher', 'DormitorySupervisor', 'GradeDirector', 'SchoolPsychologist', 'SchoolLeader', 'DutyOfficer',
  'DistrictOfficer', 'Monitor', 'DormitoryInformant', 'HospitalLiaison', 'Admin'];
