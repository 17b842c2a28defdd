// How an alert summary reads on an inbox card.
import { el } from './dom.js';
import { formatTime, t } from './i18n.js';
import { tick } from './countdown.js';
import './strings/common.js';
import './strings/alerts.js';

export function alertFacts(alert) {
  return [
    el('span', { class: `grade ${alert.grade}` }, t(`grade.${alert.grade}`)), ' ',
    el('strong', { class: 'case-code' }, alert.caseId), ' ', el('span', {}, alert.maskedName), ' ',
    el('span', { class: 'alert-state' }, alert.exhausted ? t('alert.exhausted') : t(`state.${alert.alertState}`)),
    el('div', { class: 'muted' },
      t('alert.step', { step: alert.stepIndex + 1 }), ' · ',
      alert.currentLevels.map(l => t(`level.${l}`)).join(' + '),
      counting(alert) ? ` · ${t('alert.deadline', { time: formatTime(alert.stepDeadline) })} · ` : '',
      counting(alert) ? tick(el('span', { class: 'countdown', 'data-deadline': alert.stepDeadline })) : '',
      ' · ', t('alert.flags', { n: alert.flagCount }),
      alert.undeliveredTexts ? ` · ${t('alert.undelivered', { n: alert.undeliveredTexts })}` : ''),
  ];
}

export const isRed = alert => alert.exhausted || alert.undeliveredTexts > 0
  || (alert.alertState === 'Triggered' && (alert.stepIndex > 0 || alert.round > 0));

const counting = alert => alert.stepDeadline && alert.alertState === 'Triggered' && !alert.exhausted;
