// The district view for the joint conference: schools side by side (coverage, open cases by grade, on-time rates,
// overdue referrals) and the district's month. Small counts arrive suppressed; each school links to its row of the month
// (the school's own report, unsuppressed, stays with the school), never to a student.
import { api, ApiError } from './api.js';
import { boot } from './app.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { monthPicker, percent } from './report-month.js';
import './strings/report.js';

await boot();
const districtId = new URLSearchParams(location.search).get('district') ?? '';
const base = `/api/reports/districts/${encodeURIComponent(districtId)}`;
const pathOf = month => `${base}/monthly?month=${encodeURIComponent(month)}`;
const refused = document.getElementById('refused');

/** A figure as the conference reads it: "<5" when suppressed, a share as a percentage. */
const shown = (figure, share = false) => (!figure ? '—' : figure.suppressed ? '<5' : figure.value === null ? '—' : share ? percent(figure.value) : String(figure.value));
const head = (...keys) => el('thead', {}, el('tr', {}, ...keys.map(k => el('th', {}, typeof k === 'string' ? t(k) : k))));
const schoolCell = s => el('th', {}, s.reportLink ? el('a', { href: s.reportLink, class: 'school-report' }, s.schoolName) : s.schoolName);

function renderOverview(view) {
  const grades = Object.keys(view.schools[0]?.openCasesByGrade ?? {});
  document.getElementById('overview').replaceChildren(el('table', { class: 'figures', id: 'overview-table' },
    head('district.school', 'district.coverage', ...grades.map(g => `${t('district.open')} · ${t(`grade.${g}`)}`), 'district.open', 'district.overdue',
      'district.ackInTime', 'district.greenOnTime', 'district.followUpOnTime'),
    el('tbody', {}, ...view.schools.map(s => el('tr', {}, schoolCell(s), el('td', {}, shown(s.screeningCoverageShare, true)),
      ...grades.map(g => el('td', {}, shown(s.openCasesByGrade[g]))), el('td', {}, shown(s.openCases)), el('td', {}, shown(s.overdueReferrals)),
      el('td', {}, shown(s.acknowledgedInTimeShare, true)), el('td', {}, shown(s.greenChannelOnTimeShare, true)),
      el('td', {}, shown(s.followUpOnTimeShare, true)))))));
}

function renderMonth(report) {
  const line = s => el('tr', s.schoolId && s.reportLink ? { id: `school-${s.schoolId}` } : {}, schoolCell(s), el('td', {}, shown(s.flags)), el('td', {}, shown(s.alertsRaised)),
    el('td', {}, shown(s.medianMinutesToAcknowledge)), el('td', {}, shown(s.acknowledgedInTimeShare, true)), el('td', {}, shown(s.referralsRequested)),
    el('td', {}, shown(s.greenChannelOnTimeShare, true)), el('td', {}, shown(s.checkInsOnTimeShare, true)), el('td', {}, shown(s.breakGlassUses)),
    el('td', {}, shown(s.screeningCoverageShare, true)));
  document.getElementById('monthly').replaceChildren(el('table', { class: 'figures', id: 'monthly-table' },
    head('district.school', 'district.flags', 'report.raised', 'report.median', 'district.ackInTime', 'district.referrals', 'district.greenOnTime',
      'report.checkIns', 'district.breakGlass', 'district.coverageMonth'),
    el('tbody', {}, ...report.schools.map(line), line({ ...report.district, schoolName: t('district.whole'), reportLink: '' }))));
}

async function attempt(work) {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    refused.textContent = error.message;
    refused.classList.remove('hidden');
  }
}

const showMonth = month => attempt(async () => renderMonth((await api(pathOf(month))).data));
await attempt(async () => renderOverview((await api(`${base}/overview`)).data));
await showMonth(monthPicker(pathOf, showMonth));
