// A school's monthly closed-loop report: counts, times and shares only (the API sends no names), with SVG charts and
// CSV/XLSX export of the same figures.
import { api, ApiError } from './api.js';
import { boot } from './app.js';
import { barChart } from './chart.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { monthPicker, percent } from './report-month.js';
import './strings/referral.js';
import './strings/report.js';

await boot();
const schoolId = new URLSearchParams(location.search).get('school') ?? '';
const pathOf = month => `/api/reports/schools/${encodeURIComponent(schoolId)}/monthly?month=${encodeURIComponent(month)}`;
const minutes = m => (m === null || m === undefined ? '—' : String(Math.round(m * 10) / 10));
const onTime = o => (o.due === 0 ? t('report.nothingDue') : t('report.onTime', { done: o.inTime, due: o.due, share: percent(o.share) }));
const levelName = key => (key === 'None' ? t('report.levelNone') : key.split('+').map(l => t(`level.${l}`)).join(' + '));
const row = (label, ...cells) => el('tr', {}, el('th', {}, label), ...cells.map(c => el('td', {}, c)));
const section = (id, title, ...children) => el('section', { class: 'card', id }, el('h3', {}, title), ...children);
const chartBox = (id, chart) => el('figure', { id }, chart);

function alertsTable(alerts) {
  const columns = [...alerts.byGrade, alerts.all];
  const head = el('tr', {}, el('th', {}, t('report.grade')), ...columns.map(a => el('th', {}, a.grade ? t(`grade.${a.grade}`) : t('report.all'))));
  const line = (key, value) => row(t(key), ...columns.map(value));
  return el('table', { class: 'figures' }, el('thead', {}, head), el('tbody', {},
    line('report.raised', a => a.raised),
    line('report.acknowledged', a => a.acknowledged),
    line('report.median', a => minutes(a.medianMinutesToAcknowledge)),
    line('report.p90', a => minutes(a.p90MinutesToAcknowledge)),
    line('report.inTime', a => onTime(a.acknowledgedInTime)),
    line('report.escalations', a => a.escalations),
    line('report.escalated', a => a.escalatedAlerts),
    line('report.exhausted', a => a.exhausted)));
}

function render(f) {
  document.getElementById('report').replaceChildren(
    el('h3', {}, `${f.schoolName} · ${f.month}`),
    section('flags', t('report.flags'), el('p', {}, t('report.flagsTotal', { n: f.flags.total })),
      chartBox('chart-sources', barChart(t('report.bySource'), f.flags.bySource.map(s => ({ label: t(`source.${s.key}`), value: s.count })))),
      chartBox('chart-grades', barChart(t('report.byGrade'), f.flags.byGrade.map(g => ({ label: t(`grade.${g.key}`), value: g.count }))))),
    section('alerts', t('report.alerts'), alertsTable(f.alerts),
      chartBox('chart-ack', barChart(t('report.medianChart'), f.alerts.byGrade.map(a =>
        ({ label: t(`grade.${a.grade}`), value: a.medianMinutesToAcknowledge, text: minutes(a.medianMinutesToAcknowledge) })))),
      el('h4', {}, t('report.atLevel')),
      el('table', { class: 'figures' }, el('tbody', {}, ...f.alerts.acknowledgedAtLevel.map(l => row(levelName(l.key), l.count))))),
    section('referrals', t('report.referrals'), el('p', {}, t('report.requested', { n: f.referrals.requested })),
      el('table', { class: 'figures' }, el('tbody', {},
        ...f.referrals.byOutcome.map(o => row(t(`referral.${o.key}`), o.count)),
        row(t('report.greenSteps'), onTime(f.referrals.greenChannelSteps))))),
    section('follow-up', t('report.followUp'), el('table', { class: 'figures' }, el('tbody', {},
      row(t('report.caring'), onTime(f.followUp.caringContacts)),
      row(t('report.checkIns'), onTime(f.followUp.checkIns))))),
    section('ledger', t('report.ledger'), f.ledger
      ? el('table', { class: 'figures' }, el('tbody', {}, row(t('report.reviews'), f.ledger.reviews), row(t('report.ledgerRaised'), f.ledger.raised),
        row(t('report.ledgerLowered'), f.ledger.lowered), row(t('report.ledgerUnchanged'), f.ledger.unchanged)))
      : el('p', { class: 'muted' }, t('report.ledgerNotKept'))),
    section('break-glass', t('report.breakGlass'), el('table', { class: 'figures' }, el('tbody', {},
      row(t('report.uses'), f.breakGlass.uses), row(t('report.reviewed'), f.breakGlass.reviewed), row(t('report.justified'), f.breakGlass.justified),
      row(t('report.notJustified'), f.breakGlass.notJustified), row(t('report.awaiting'), f.breakGlass.awaitingReview)))),
    section('coverage', t('report.coverage'),
      chartBox('chart-coverage', barChart(t('report.coverageChart'), f.coverage.byGrade.map(g =>
        ({ label: g.gradeName, value: g.share ?? 0, text: `${g.screened} / ${g.enrolled} (${percent(g.share)})` })), { max: 1 })),
      el('p', {}, `${t('report.all')}: ${f.coverage.screened} / ${f.coverage.enrolled} (${percent(f.coverage.share)})`)));
}

async function show(month) {
  const refused = document.getElementById('refused');
  try {
    render((await api(pathOf(month))).data);
    refused.classList.add('hidden');
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    refused.textContent = error.message;
    refused.classList.remove('hidden');
  }
}

await show(monthPicker(pathOf, show));
