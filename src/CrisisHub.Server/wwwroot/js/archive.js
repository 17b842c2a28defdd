// A student's archive (一生一档): every screening, case, referral, return to school and plan version the district
// holds, newest first, each where it was made (school and grade), and a small chart of screening totals per instrument.
import { api, ApiError } from './api.js';
import { boot } from './app.js';
import { el } from './dom.js';
import { formatTime, t } from './i18n.js';
import './strings/ledger.js';
import './strings/referral.js';

await boot();
const studentId = new URLSearchParams(location.search).get('student') ?? '';
const colours = ['#0b5cad', '#b3261e', '#2e7d32', '#8e24aa', '#ef6c00', '#00838f'];
const svgNs = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

/** One line per instrument: dates along, totals up, each instrument on its own scale is not needed (totals share an axis). */
function chart(screenings) {
  const [width, height, pad] = [480, 200, 32];
  const days = screenings.map(s => Date.parse(s.date));
  const [first, last] = [Math.min(...days), Math.max(...days)];
  const top = Math.max(...screenings.map(s => s.total), 1);
  const x = day => pad + (last === first ? (width - 2 * pad) / 2 : (day - first) / (last - first) * (width - 2 * pad));
  const y = total => height - pad - total / top * (height - 2 * pad);
  const instruments = [...new Set(screenings.map(s => s.instrumentId))];
  const lines = instruments.map((instrument, i) => {
    const points = screenings.filter(s => s.instrumentId === instrument).map(s => [x(Date.parse(s.date)), y(s.total), s]);
    const colour = colours[i % colours.length];
    return svg('g', { 'data-instrument': instrument },
      svg('polyline', { points: points.map(([px, py]) => `${px},${py}`).join(' '), fill: 'none', stroke: colour, 'stroke-width': 2 }),
      ...points.map(([px, py, s]) => svg('circle', { cx: px, cy: py, r: 4, fill: colour }, svg('title', {}, `${instrument} ${s.date}: ${s.total}`))));
  });
  return [
    svg('svg', { class: 'trend', id: 'trend', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': t('archive.trend') },
      svg('line', { class: 'axis', x1: pad, y1: height - pad, x2: width - pad, y2: height - pad }),
      svg('line', { class: 'axis', x1: pad, y1: pad, x2: pad, y2: height - pad }),
      svg('text', { x: 2, y: pad }, String(top)), svg('text', { x: 2, y: height - pad }, '0'),
      svg('text', { x: pad, y: height - 8 }, screenings[0].date), svg('text', { x: width - pad - 60, y: height - 8 }, screenings.at(-1).date),
      ...lines),
    el('ul', { class: 'legend' }, ...instruments.map((instrument, i) =>
      // A drawn swatch, not a style attribute: the pages' content security policy refuses inline styles.
      el('li', {}, svg('svg', { class: 'swatch', viewBox: '0 0 10 10' }, svg('rect', { width: 10, height: 10, rx: 2, fill: colours[i % colours.length] })), instrument))),
  ];
}

/** Every entry as [time, where, text, detail], newest first. */
function entries(a) {
  const place = (school, grade) => [a.places[school] ?? school, grade ? a.places[grade] ?? grade : null].filter(Boolean).join(' · ');
  const list = [];
  for (const s of a.screenings) {
    list.push([s.date, place(s.schoolId, s.gradeId), `${t('archive.screening', { instrument: s.instrumentId, total: s.total })} · ${t(`archive.outcome.${s.outcome}`)}`,
      [s.rule, s.items ? `${t('archive.items')}: ${s.items.join(' ')}` : null].filter(Boolean).join(' · '), 'screening']);
  }
  for (const c of a.cases) {
    list.push([c.openedAt, place(c.schoolId, c.gradeId), `${t('archive.caseOpened', { grade: t(`grade.${c.grade}`) })} · ${t(`status.${c.status}`)}`, c.caseId, 'case']);
    if (c.closedAt) list.push([c.closedAt, place(c.schoolId, c.gradeId), t('archive.caseClosed'), c.caseId, 'case']);
  }
  for (const r of a.referrals) {
    for (const step of r.steps) list.push([step.at, place(r.schoolId), t('archive.referral', { hospital: r.hospitalName, status: t(`referral.${step.status}`) }), r.referralId, 'referral']);
  }
  for (const r of a.returns) {
    if (r.dischargedAt) list.push([r.dischargedAt, place(r.schoolId), t('archive.discharged'), r.referralId, 'return']);
    if (r.caringContactAt) list.push([r.caringContactAt, place(r.schoolId), t('archive.caringContact'), r.referralId, 'return']);
    if (r.reEntryRecordedAt) list.push([r.reEntryRecordedAt, place(r.schoolId), t('archive.reEntry', { date: formatTime(r.returnDate),
      done: r.checkInsDone, total: r.checkIns, missed: r.checkInsMissed }), r.referralId, 'return']);
  }
  for (const p of a.plans) {
    list.push([p.savedAt, '', t('archive.plan', { version: p.version, level: p.level, owner: p.ownerUserName, next: p.nextReviewOn }), '', 'plan']);
  }
  return list.sort((p, q) => Date.parse(q[0]) - Date.parse(p[0]));
}

let archive;
try {
  archive = (await api(`/api/students/${encodeURIComponent(studentId)}/archive`)).data;
} catch (error) {
  if (!(error instanceof ApiError)) throw error;
  const refused = document.getElementById('refused');
  refused.textContent = t('archive.refused');
  refused.classList.remove('hidden');
}
if (archive) {
  document.getElementById('student-name').textContent = archive.name;
  document.getElementById('now').textContent = t('archive.now', { school: archive.places[archive.schoolId] ?? archive.schoolId,
    grade: archive.places[archive.gradeId] ?? archive.gradeId, cls: archive.places[archive.classId] ?? archive.classId });
  document.getElementById('no-screening').classList.toggle('hidden', archive.screenings.length > 0);
  document.getElementById('chart').replaceChildren(...(archive.screenings.length ? chart(archive.screenings) : []));
  const list = entries(archive);
  document.getElementById('empty').classList.toggle('hidden', list.length > 0);
  document.getElementById('entries').replaceChildren(...list.map(([at, where, text, detail, kind]) => el('li', { class: `entry ${kind}` },
    el('div', { class: 'muted' }, `${at.length === 10 ? at : formatTime(at)}${where ? ` · ${where}` : ''}`),
    el('div', {}, text), detail ? el('div', { class: 'muted' }, detail) : null)));
  document.getElementById('archive').classList.remove('hidden');
}
