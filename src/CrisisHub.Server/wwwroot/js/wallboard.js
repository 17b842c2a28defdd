// The duty officer's wallboard. It runs for days: each update replaces the board from a fresh read (no
// history piles up in memory), the live connection reconnects forever, a full re-read runs every minute
// as a safety net, and the "last update" clock shows that the picture is current. The server sends one page
// (the most severe, oldest first) with exact counts of the whole board; pushes update the cards at once and
// bring a re-read of the counts at most once a second.
import { api, ApiError } from './api.js';
import { pushedAlerts } from './board.js';
import { isRed } from './alerts.js';
import { boot } from './app.js';
import { el } from './dom.js';
import { connectLive } from './live.js';
import { t } from './i18n.js';
import { span, timeLeft } from './countdown.js';
import { serverNow } from './clock.js';
import './strings/common.js';
import './strings/alerts.js';
import './strings/referral.js';
import './strings/wallboard.js';
import './strings/missing.js';
import './strings/push.js';

await boot();
const scope = new URLSearchParams(location.search).get('scope') ?? '';
const board = document.getElementById('board');
let alerts = [];
let schools = [];
let counts = { total: 0, byGrade: [], bySchool: [] };
let refreshing = null;
let rereadSoon = null;
const pageSize = 200;
const pushed = pushedAlerts();

function countdown(alert) {
  if (alert.exhausted) return el('div', { class: 'countdown overdue' }, t('alert.exhausted'));
  if (alert.alertState !== 'Triggered' || !alert.stepDeadline) return el('div', { class: 'countdown' }, t(`state.${alert.alertState}`));
  const { overdue, text } = timeLeft(alert.stepDeadline);
  return el('div', { class: `countdown${overdue ? ' overdue' : ''}` }, text);
}

/** Missing students (失联) in a strip of their own, longest missing first, with the time since last seen on the server's clock. */
function drawMissing() {
  const missing = alerts.filter(a => a.missingSince).sort((a, b) => Date.parse(a.missingSince) - Date.parse(b.missingSince));
  document.getElementById('missing-strip').classList.toggle('hidden', missing.length === 0);
  document.getElementById('missing-list').replaceChildren(...missing.map(a => el('li', { 'data-case': a.caseId },
    el('span', { class: `grade ${a.grade}` }, t(`grade.${a.grade}`)), ' ', el('span', { class: 'code' }, a.caseId), ' ', el('span', {}, a.maskedName), ' ',
    el('span', { class: 'since' }, t('missing.since', { elapsed: span(serverNow() - Date.parse(a.missingSince)) })))));
}

function draw() {
  drawMissing();
  document.getElementById('none').classList.toggle('hidden', alerts.length > 0);
  const count = (list, key) => list.find(c => c.key === key)?.count ?? 0;
  const byGrade = ['Major', 'Severe', 'General'].map(g => el('span', {}, el('span', { class: `grade ${g}` }, t(`grade.${g}`)), ` ${count(counts.byGrade, g)}`));
  const bySchool = schools.length > 1 ? schools.map(s => el('span', {}, `${s.name} ${count(counts.bySchool, s.schoolId)}`)) : [];
  const more = counts.total > alerts.length ? [el('span', { class: 'muted' }, t('wallboard.more', { shown: alerts.length, n: counts.total }))] : [];
  document.getElementById('counts').replaceChildren(el('span', {}, t('wallboard.total', { n: counts.total })), ...byGrade, ...bySchool, ...more);
  board.replaceChildren(...alerts.map(a => el('li', { class: `wb-card${isRed(a) || a.referral?.overdue || (a.stepDeadline && Date.parse(a.stepDeadline) < serverNow() && a.alertState === 'Triggered') ? ' red' : ''}`, 'data-case': a.caseId },
    el('div', { class: 'row' }, el('span', { class: `grade ${a.grade}` }, t(`grade.${a.grade}`)), el('span', { class: 'code' }, a.caseId), el('span', {}, a.maskedName)),
    el('div', { class: 'muted' }, `${t('alert.step', { step: a.stepIndex + 1 })} · ${a.currentLevels.map(l => t(`level.${l}`)).join(' + ')} · ${t(`status.${a.status}`)}`),
    countdown(a),
    a.undeliveredTexts ? el('div', { class: 'countdown overdue' }, t('alert.undelivered', { n: a.undeliveredTexts })) : null,
    a.referral ? el('div', { class: a.referral.overdue ? 'countdown overdue referral' : 'muted referral' },
      a.referral.overdue ? `${t('wallboard.referralOverdue')} · ${a.referral.hospitalName}` : t('wallboard.referral', { status: t(`referral.${a.referral.status}`) })) : null)));
}

// A read asked for while one is on its way runs again when it returns: the one on its way may predate the push.
let again = false;
async function refresh() {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    try {
      const view = (await api(`/api/wallboards/${encodeURIComponent(scope)}?take=${pageSize}`)).data;
      document.getElementById('scope-name').textContent = `${t('wallboard.title')} · ${view.scopeName}`;
      alerts = pushed.merge(view.alerts).slice(0, pageSize);
      counts = view;
      schools = view.schools;
      showUnreviewedAccess(view.emergencyAccessesUnreviewed);
      showUnmatchedSignals(view.signalsUnmatched);
      document.getElementById('updated').textContent = t('wallboard.updated', { time: new Date(serverNow()).toLocaleTimeString(undefined, { hour12: false }) });
      draw();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
        const refused = document.getElementById('refused');
        refused.textContent = error.message;
        refused.classList.remove('hidden');
      }
    } finally {
      refreshing = null;
      if (again) {
        again = false;
        refresh();
      }
    }
  })();
  return refreshing;
}

const offline = document.getElementById('offline');
const smsBanner = document.getElementById('sms-degraded');
const showSmsHealth = health => smsBanner.classList.toggle('hidden', !health.degraded);
const pushBanner = document.getElementById('push-degraded');
const showPushHealth = health => pushBanner.classList.toggle('hidden', !health.degraded);
// Emergency accesses: the district's board shows those still unreviewed after the review was due, and any board of the
// school or district says at once when one is opened (case code and time only).
const unreviewedBanner = document.getElementById('break-glass-unreviewed');
const showUnreviewedAccess = n => {
  unreviewedBanner.textContent = n ? t('wallboard.accessUnreviewed', { n }) : '';
  unreviewedBanner.classList.toggle('hidden', !n);
};
// Outside signals that named no student: counted once one has waited 30 minutes for the psychology centre to match it.
const unmatchedBanner = document.getElementById('signals-unmatched');
const showUnmatchedSignals = n => {
  unmatchedBanner.textContent = n ? t('wallboard.signalsUnmatched', { n }) : '';
  unmatchedBanner.classList.toggle('hidden', !n);
};
const openedBanner = document.getElementById('break-glass-opened');
const showAccessOpened = notice => {
  openedBanner.textContent = t('wallboard.accessOpened', { case: notice.caseId, until: new Date(notice.expiresAt).toLocaleTimeString(undefined, { hour12: false }) });
  openedBanner.classList.remove('hidden');
};
const dataLostBanner = document.getElementById('cluster-data-lost');
const showClusterData = view => dataLostBanner.classList.toggle('hidden', !view?.dataLost);
// The operator alert: while any node's latest canary run failed, the alert path itself may be broken.
const canaryBanner = document.getElementById('canary-failing');
const canaryReports = new Map();
// A node's newest report wins, whichever way it came: a read that left before a push and answers after it must not put
// the older state back (a reload's first read and the reconnect's read can also answer out of order).
const showCanaryHealth = reports => {
  for (const report of reports) {
    const held = canaryReports.get(report.node);
    if (!held || Date.parse(report.at) >= Date.parse(held.at)) canaryReports.set(report.node, report);
  }
  const failing = [...canaryReports.values()].filter(r => !r.succeeded).map(r => r.node);
  canaryBanner.textContent = failing.length ? t('canary.failing', { nodes: failing.join(', ') }) : '';
  canaryBanner.classList.toggle('hidden', failing.length === 0);
};
connectLive({
  watch: scope,
  onAlert: notification => {
    pushed.note(notification);
    alerts = pushed.merge(alerts, false).slice(0, pageSize);
    draw();
    rereadSoon ??= setTimeout(() => { rereadSoon = null; refresh(); }, 1000);
  },
  onSmsHealth: showSmsHealth,
  onPushHealth: showPushHealth,
  onCanaryHealth: report => showCanaryHealth([report]),
  onClusterData: showClusterData,
  onBreakGlass: showAccessOpened,
  // The queue changed (a signal matched or dismissed): read the count again rather than wait for the minute's refresh.
  onSignalQueue: () => refresh(),
  // (Re)connected: what was pushed while the connection was down (or not yet up) is read again.
  onOnline: () => { offline.classList.add('hidden'); refresh(); readOperatorState(); },
  onOffline: () => offline.classList.remove('hidden'),
});
setInterval(draw, 1000);
setInterval(refresh, 60000);
showSmsHealth((await api('/api/sms/health')).data);
showPushHealth((await api('/api/push/health')).data);
async function readOperatorState() {
  try {
    const canary = (await api('/api/operations/canary')).data;
    if (Array.isArray(canary)) showCanaryHealth(canary);
  } catch { /* the live connection brings the next report */ }
  try {
    showClusterData((await api('/api/operations/cluster')).data);
  } catch { /* the live connection brings the next change */ }
}

// The board comes first: an operator banner that cannot be read must not keep the alerts from showing.
const refreshed = refresh();
await readOperatorState();
await refreshed;
