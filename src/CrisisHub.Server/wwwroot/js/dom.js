// Builds DOM from data. Text always goes in as text nodes: nothing a user typed is ever parsed as HTML.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Shows problem-details validation errors next to the fields whose data-field matches the error key. */
export function showErrors(form, error, fallback) {
  for (const old of form.querySelectorAll('.field-error, .form-error')) old.remove();
  const errors = error?.errors ?? {};
  let placed = false;
  for (const [field, reasons] of Object.entries(errors)) {
    const target = form.querySelector(`[data-field="${CSS.escape(field)}"]`)
      ?? form.querySelector(`[data-field="${CSS.escape(field.split('.').pop())}"]`);
    if (!target) continue;
    const id = `err-${Math.random().toString(36).slice(2)}`;
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', id);
    target.after(el('p', { class: 'field-error', id, role: 'alert' }, reasons.join(' ')));
    placed = true;
  }
  if (!placed && (error || fallback)) form.prepend(el('p', { class: 'form-error', role: 'alert' }, error?.message ?? fallback));
}

export function clearErrors(form) {
  for (const old of form.querySelectorAll('.field-error, .form-error')) old.remove();
  for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
}
