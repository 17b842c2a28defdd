// The month picker the report pages share: the month in the address, else the current one in China time (the schools'
// months), read from the server's clock rather than the phone's.
import { serverNow } from './clock.js';

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

export function currentMonth() {
  return new Date(serverNow() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

/** Wires the form: the month input, the export links for <pathOf(month)>, and <show(month)> on submit. */
export function monthPicker(pathOf, show) {
  const params = new URLSearchParams(location.search);
  const input = document.getElementById('month');
  input.value = params.get('month') || currentMonth();
  const links = () => {
    document.getElementById('csv').href = `${pathOf(input.value)}&format=csv`;
    document.getElementById('xlsx').href = `${pathOf(input.value)}&format=xlsx`;
  };
  document.getElementById('pick').addEventListener('submit', event => {
    event.preventDefault();
    params.set('month', input.value);
    history.replaceState(null, '', `?${params}`);
    links();
    show(input.value);
  });
  links();
  return input.value;
}

/** A share as a percentage, or a dash when nothing was due. */
export const percent = share => (share === null || share === undefined ? '—' : `${Math.round(share * 1000) / 10}%`);
