// The one way every page builds and submits a form: labelled fields whose data-field matches the API's error keys,
// and a submit handler that shows RFC 7807 problem details next to those fields (or above the form).
import { api, ApiError } from './api.js';
import { config } from './config.js';
import { clearErrors, el, showErrors } from './dom.js';
import { t } from './i18n.js';
import './strings/common.js';

let sequence = 0;

/** A textarea for free text, as long as the API accepts and no longer. */
export function textarea(attributes) {
  return el('textarea', { maxlength: config().maxTextLength, ...attributes });
}

/** Free-text fields written in a page's HTML get the API's limit too. */
export function limitTextareas(root = document) {
  for (const area of root.querySelectorAll('textarea')) area.maxLength = config().maxTextLength;
}

/** [label, control]: an input, a textarea (multiline) or a select (options: [value, label] pairs). */
export function field(labelKey, name, { type = 'text', value = '', dataField = name, options, multiline = false } = {}) {
  const id = `f-${name.replace(/\W/g, '-')}-${++sequence}`;
  const control = options
    ? el('select', { id, name, 'data-field': dataField }, ...options.map(([v, label]) => el('option', { value: v, selected: v === value }, label)))
    : multiline
      ? textarea({ id, name, 'data-field': dataField })
      : el('input', { id, name, type, value, 'data-field': dataField });
  return [el('label', { for: id }, t(labelKey)), control];
}

/** A titled card form with a submit button (danger: the button asks for care). */
export function cardForm({ id, title, fields, submit, danger = false }) {
  return el('form', { class: 'card work', id, novalidate: true }, title ? el('h3', {}, t(title)) : null, ...fields,
    el('p', {}, el('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, t(submit))));
}

/**
 * Wires a form to a call. call(form, event) returns what then(result, form) receives; reset clears the form after
 * success and confirm says "Saved". A thrown ApiError shows its problem details next to the fields; failure(error)
 * may put a message of its own instead; anything else (the network) says so above the form.
 */
export function onSubmit(form, call, { then, reset = false, confirm = false, failure } = {}) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    form.querySelector('.saved')?.remove();
    try {
      const result = await call(form, event);
      if (reset) form.reset();
      if (confirm) form.append(el('p', { class: 'saved', role: 'status' }, t('form.saved')));
      await then?.(result, form);
    } catch (error) {
      const message = failure?.(error);
      showErrors(form, error instanceof ApiError && !message ? error : null, message ?? t('error.network'));
    }
  });
  return form;
}

/** A problem the page finds itself, shaped like the API's validation problem so it lands next to the same fields. */
export const invalid = errors => new ApiError(400, { title: t('error.invalid'), errors });

export const put = (path, body) => api(path, { method: 'PUT', body }).then(r => r.data);
export const post = (path, body) => api(path, { method: 'POST', body }).then(r => r.data);
