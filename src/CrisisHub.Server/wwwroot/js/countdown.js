// Time left to a deadline, or how far past it: the same words on the desk, the case page and the wallboard.
import { serverNow } from './clock.js';
import { t } from './i18n.js';
import './strings/common.js';

const pad = n => String(n).padStart(2, '0');

/** 04:07, 1:04:07, or beyond two days 3d 4:04:07 (check-ins are a week apart). */
export function span(ms) {
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const days = h >= 48 ? `${Math.floor(h / 24)}d ` : '';
  const hours = h >= 48 ? `${h % 24}:` : h ? `${h}:` : '';
  return `${days}${hours}${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** "12:34 left" or "Overdue 03:10" for an ISO deadline, on the server's clock. */
export function timeLeft(deadline) {
  const left = Date.parse(deadline) - serverNow();
  return { overdue: left < 0, text: left < 0 ? t('countdown.overdue', { time: span(left) }) : t('countdown.left', { time: span(left) }) };
}

/** Sets a countdown's text (after its data-label, if any) from its deadline on the server's clock; pages call it every second. */
export function tick(node) {
  const { overdue, text } = timeLeft(node.dataset.deadline);
  node.textContent = node.dataset.label ? `${node.dataset.label} · ${text}` : text;
  node.classList.toggle('overdue', overdue);
  return node;
}
