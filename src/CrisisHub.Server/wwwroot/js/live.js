// The live connection to the alert hub. It never gives up reconnecting (a wallboard runs for days), and
// tells the page when it is offline and when it is back, so the page can re-read what it missed.
// A connection is for one thing: an inbox (the default), a wallboard (`watch`: a school or district), one
// case page (`caseId`) or a privacy overseer's page (`privacy`); the hub sends each event once to each connection.
/* global signalR */

// This page's connections, and whether the person is signing out here: then the "session ended" the server sends to
// every live connection of the account is this page's own doing, and the page goes where sign-out takes it (not to
// sign-in with a way back, a second navigation racing the first).
const connections = new Set();
let signingOut = false;

/** Sign-out is under way on this page: its connections stop, and a "session ended" navigates nowhere. */
export function stopLive() {
  signingOut = true;
  for (const connection of connections) connection.stop();
}

export function connectLive({ onAlert, onOnline, onOffline, onSmsHealth, onPushHealth, onCanaryHealth, onClusterData, onReferral, onBreakGlass, onPlanReview, onSignalQueue, watch, caseId, privacy }) {
  const purpose = watch ? `?watch=${encodeURIComponent(watch)}` : caseId ? `?case=${encodeURIComponent(caseId)}` : privacy ? '?privacy=1' : '';
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`/hubs/alerts${purpose}`)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(10000, 500 * 2 ** Math.min(ctx.previousRetryCount, 5)) })
    .build();
  // Unknown until the first connection or the first "offline": a phone that drops before its hub connection is up
  // still shows the offline banner.
  let online = null;
  const setOnline = value => {
    // The browser says it has no network: a connection that came up meanwhile (or a socket it kept) is no reason to
    // hide the offline banner. The 'online' event brings it back.
    if (value && navigator.onLine === false) return;
    if (value === online) return;
    online = value;
    (value ? onOnline : onOffline)?.();
  };

  if (onAlert) connection.on('alert', onAlert);
  if (onReferral) connection.on('referral', onReferral);
  if (onPlanReview) connection.on('planReview', onPlanReview);
  if (onSmsHealth) connection.on('smsHealth', onSmsHealth);
  if (onPushHealth) connection.on('pushHealth', onPushHealth);
  if (onCanaryHealth) connection.on('canaryHealth', onCanaryHealth);
  if (onClusterData) connection.on('clusterData', onClusterData);
  if (onBreakGlass) connection.on('breakGlass', onBreakGlass);
  if (onSignalQueue) connection.on('signalQueue', onSignalQueue);
  // The account's sessions ended (signed out elsewhere, disabled, changed): stop for good and go to sign-in.
  let ended = false;
  const toSignIn = () => {
    ended = true;
    connection.stop();
    if (signingOut) return;
    location.replace(`/?next=${encodeURIComponent(location.pathname + location.search)}`);
  };
  connection.on('sessionEnded', toSignIn);
  connection.onreconnecting(() => setOnline(false));
  connection.onreconnected(() => setOnline(true));
  connection.onclose(() => { setOnline(false); if (!ended && !signingOut) setTimeout(start, 2000); });
  window.addEventListener('offline', () => setOnline(false));
  window.addEventListener('online', () => {
    if (connection.state === signalR.HubConnectionState.Connected) setOnline(true);
  });

  async function start() {
    try {
      await connection.start();
      setOnline(true);
    } catch (error) {
      setOnline(false);
      if (error?.statusCode === 401) return toSignIn();
      if (!ended && !signingOut) setTimeout(start, 2000);
    }
  }

  connections.add(connection);
  start();
  return connection;
}

/** A short beep and a vibration where the browser allows them (a page needs one user gesture first for sound). */
export function ring() {
  try {
    navigator.vibrate?.([200, 100, 200]);
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = 880;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.25);
  } catch {
    // No audio device or not allowed yet: the visual alert still shows.
  }
}

/**
 * Drops repeats of a case's notifications (a reconnect may replay one) and says whether one was missed.
 * Each case numbers its notifications 1, 2, 3 … with no gaps.
 */
export function notificationOrder() {
  const last = new Map();
  return notification => {
    const previous = last.get(notification.alert.caseId) ?? 0;
    if (notification.sequence <= previous) return 'repeat';
    last.set(notification.alert.caseId, notification.sequence);
    return previous > 0 && notification.sequence > previous + 1 ? 'gap' : 'next';
  };
}
