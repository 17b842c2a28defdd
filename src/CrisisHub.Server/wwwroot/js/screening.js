// The psychology centre's screening import: a file from a screening platform is previewed (matched, scored, or told
// what is wrong; nothing stored), then confirmed, and the import runs on the server while this page shows its progress.
// Item answers never come back to the page: only totals and the rule a row triggers.
import { api, ApiError } from './api.js';
import { boot } from './app.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import './strings/screening.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
await boot();
const school = new URLSearchParams(location.search).get('school') ?? '';
const base = `/api/schools/${encodeURIComponent(school)}/screening`;
let previewed = null;

const show = (id, on) => document.getElementById(id).classList.toggle('hidden', !on);
const say = (id, text) => { const node = document.getElementById(id); node.textContent = text; show(id, Boolean(text)); };

/** The file as the API takes it: its bytes under its media type (browsers leave a CSV's type empty on some systems). */
function upload() {
  const file = document.getElementById('file').files[0];
  if (!file) return null;
  const type = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv';
  return new Blob([file], { type });
}

function problemText(error) {
  if (!(error instanceof ApiError)) return t('error.network');
  const details = Object.values(error.errors).flat();
  return details.length ? details.join('; ') : error.message;
}

try {
  const instruments = (await api(`${base}/instruments`)).data;
  document.getElementById('instruments').textContent = t('screening.known', { list: instruments.map(i => i.name).join(', ') });
} catch (error) {
  say('refused', error instanceof ApiError && (error.status === 403 || error.status === 404) ? t('screening.forbidden') : problemText(error));
  show('upload', false);
}

const cell = text => el('td', {}, text ?? '');

function drawPreview(p) {
  previewed = p;
  show('preview', true);
  show('result', false);
  show('progress-box', false);
  document.getElementById('summary').textContent = t('screening.summary', {
    rows: p.rows, importable: p.importable, errors: p.withErrors,
    severe: p.byOutcome.Severe, general: p.byOutcome.General, watch: p.byOutcome.Watch,
  });
  say('earlier', p.earlier ? t('screening.earlier', { status: t(`screening.status.${p.earlier.status}`), by: p.earlier.startedBy ?? '' }) : '');
  const confirm = document.getElementById('confirm');
  confirm.disabled = p.importable === 0 || p.earlier?.status === 'Completed';
  confirm.textContent = t('screening.confirm', { count: p.importable });
  document.getElementById('problems').replaceChildren(...p.problems.map(r => el('tr', {}, cell(String(r.row)), cell(r.studentNumber), cell(r.errors.join('; ')))));
  document.getElementById('flagged').replaceChildren(...p.flagged.map(r => el('tr', { class: `outcome-${r.outcome}` }, cell(String(r.row)), cell(r.studentNumber),
    cell(r.instrument), cell(r.date), cell(String(r.total)), cell(t(`outcome.${r.outcome}`)), cell(r.rule))));
}

document.getElementById('upload').addEventListener('submit', async event => {
  event.preventDefault();
  say('upload-error', '');
  const file = upload();
  if (!file) return say('upload-error', t('screening.chooseFile'));
  const button = document.getElementById('preview-button');
  button.disabled = true;
  try {
    drawPreview((await api(`${base}/preview`, { method: 'POST', file })).data);
  } catch (error) {
    show('preview', false);
    say('upload-error', problemText(error));
  } finally {
    button.disabled = false;
  }
});

function drawProgress(view) {
  show('progress-box', true);
  const bar = document.getElementById('progress');
  bar.max = Math.max(view.total, 1);
  bar.value = view.done;
  document.getElementById('progress-text').textContent = t('screening.done', { done: view.done, total: view.total });
}

async function follow(importId) {
  for (;;) {
    const view = (await api(`${base}/imports/${importId}`)).data;
    drawProgress(view);
    if (view.status === 'Completed') {
      say('result', t('screening.result', { recorded: view.recorded, already: view.alreadyRecorded, flagged: view.flagged, watch: view.watch, skipped: view.skippedRows })
        + (view.differsFromHeld ? ` ${t('screening.differs', { count: view.differsFromHeld })}` : ''));
      return;
    }
    if (view.problem) return say('result', view.problem);
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

document.getElementById('confirm').addEventListener('click', async () => {
  const file = upload();
  if (!file || !previewed) return;
  const confirm = document.getElementById('confirm');
  confirm.disabled = true;
  try {
    const started = (await api(`${base}/imports?expect=${previewed.importId}`, { method: 'POST', file })).data;
    drawProgress(started);
    await follow(previewed.importId);
  } catch (error) {
    say('result', problemText(error));
    confirm.disabled = false;
  }
});
