// Time left to a deadline, or how far past it: the same words on the desk, the case page and the wallboard.
import { t } from './i18n.js';

const pad = n => String(n).padStart(2, '0');

export function span(ms) {
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  return `${h >= 48 ? `${Math.floor(h / 24)}d ` : ''}${h ? `${h % (h >= 48 ? 24 : Infinity)}:` : ''}${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** "12:34 left" or "Overdue 03:10" for an ISO deadline. */
export function timeLeft(deadline) {
  const left = new Date(deadline) - Date.now();
  return { overdue: left < 0, text: left < 0 ? t('wallboard.overdue', { time: span(left) }) : t('wallboard.left', { time: span(left) }) };
}
