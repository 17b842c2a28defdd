// The psychology centre's matching queue: outside signals (online monitoring, police, hotlines, hospitals) that named no
// student of the school. A person matches each to a student by number — it becomes a flag on their case — or dismisses
// it with a reason. Nothing is guessed: the hints are for the person to read. Each read of the queue is recorded.
import { api, ApiError } from './api.js';
import { boot } from './app.js';
import { serverNow } from './clock.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { connectLive } from './live.js';
import './strings/signals.js';

await boot();
const school = new URLSearchParams(location.search).get('school') ?? '';
const base = `/api/schools/${encodeURIComponent(school)}/signals`;
const show = (id, on) => document.getElementById(id).classList.toggle('hidden', !on);
const say = (node, text) => { node.textContent = text; node.classList.toggle('hidden', !text); };
const when = iso => new Date(iso).toLocaleString(undefined, { hour12: false });
const minutesAgo = iso => Math.max(0, Math.floor((serverNow() - Date.parse(iso)) / 60000));

function problemText(error) {
  if (!(error instanceof ApiError)) return t('error.network');
  const details = Object.values(error.errors ?? {}).flat();
  return details.length ? details.join('; ') : error.message;
}

function hintsOf(signal) {
  const h = signal.hints ?? {};
  return [['name', h.name], ['className', h.className], ['grade', h.grade], ['other', h.other]]
    .filter(([, v]) => v).map(([k, v]) => `${t(`signals.hint.${k}`)}: ${v}`).join(' · ');
}

function card(queued) {
  const s = queued.signal;
  const error = el('p', { class: 'form-error hidden', role: 'alert' });
  const number = el('input', { id: `number-${s.signalId}`, name: 'studentNumber', autocomplete: 'off', maxlength: '64' });
  const reason = el('textarea', { id: `reason-${s.signalId}`, name: 'reason', rows: '2', maxlength: '500' });
  const act = async (path, body) => {
    say(error, '');
    try {
      await api(`${base}/${encodeURIComponent(s.signalId)}/${path}`, { method: 'POST', body });
      await load();
    } catch (e) {
      say(error, problemText(e));
    }
  };
  const match = el('form', { class: 'row', novalidate: '' },
    el('label', { for: number.id }, t('signals.number')), number,
    el('button', { class: 'primary', type: 'submit' }, t('signals.match')));
  match.addEventListener('submit', e => { e.preventDefault(); act('match', { studentNumber: number.value.trim() }); });
  const dismiss = el('form', { class: 'row', novalidate: '' },
    el('label', { for: reason.id }, t('signals.reason')), reason,
    el('button', { type: 'submit' }, t('signals.dismiss')));
  dismiss.addEventListener('submit', e => { e.preventDefault(); act('dismiss', { reason: reason.value }); });
  return el('article', { class: 'card', 'data-signal': s.signalId },
    el('h4', {}, `${t(`signals.kind.${s.kind}`)} · ${s.client.displayName}`),
    el('p', { class: 'muted' }, t('signals.times', { received: when(s.receivedAt), minutes: minutesAgo(s.receivedAt), occurred: when(s.occurredAt) })),
    el('p', {}, t(`signals.why.${queued.whyUnmatched}`, { number: s.studentNumber ?? '' })),
    hintsOf(s) ? el('p', {}, hintsOf(s)) : '',
    el('p', {}, s.signs.map(sign => t(`sign.${sign}`)).join('、')),
    s.lastSeen ? el('p', {}, t('signals.lastSeen', { at: when(s.lastSeen.at), place: s.lastSeen.place, by: s.lastSeen.seenBy })) : '',
    s.note ? el('p', { class: 'note' }, s.note) : '',
    match, dismiss, error);
}

function resolvedRow(queued) {
  const r = queued.resolution;
  const outcome = r.status === 'Dismissed' ? `${t('signals.status.Dismissed')}: ${r.reason}` : t('signals.status.MatchedByPerson');
  return el('tr', {}, el('td', {}, when(queued.signal.receivedAt)), el('td', {}, t(`signals.kind.${queued.signal.kind}`)),
    el('td', {}, r.caseId ? el('a', { href: `/case.html?id=${encodeURIComponent(r.caseId)}` }, outcome) : outcome), el('td', {}, r.by.displayName));
}

async function load() {
  try {
    const view = (await api(base)).data;
    document.getElementById('waiting').replaceChildren(...view.waiting.map(card));
    show('none', view.waiting.length === 0);
    document.getElementById('resolved').replaceChildren(...view.recentlyResolved.map(resolvedRow));
    show('changed', false);
  } catch (error) {
    say(document.getElementById('refused'), error instanceof ApiError && (error.status === 403 || error.status === 404) ? t('signals.forbidden') : problemText(error));
  }
}

await load();
// A new signal, or a colleague's match: say so rather than redraw under the person's typing.
connectLive({ onSignalQueue: notice => { if (notice.schoolId === school) show('changed', true); } });
document.getElementById('changed').addEventListener('click', load);
