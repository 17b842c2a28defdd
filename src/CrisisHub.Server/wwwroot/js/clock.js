// The server's clock, as far as this page can tell. Every API response carries the server's time
// (X-Server-Time); the page keeps its offset to the phone's clock, so countdowns and "now" follow the
// server even when the phone's clock is wrong. Until the first response the offset is the one last seen on this phone
// (kept for a page opened offline, which draws what the service worker kept), or zero.

const storageKey = 'crisishub.clockOffset';
let offset = Number(localStorage.getItem(storageKey)) || 0;

/** Records the server's time from a response, taking the middle of the round trip as the moment it was read. */
export function observeServerTime(serverIso, sentAt, receivedAt) {
  const server = Date.parse(serverIso ?? '');
  if (Number.isNaN(server)) return;
  offset = server - (sentAt + receivedAt) / 2;
  localStorage.setItem(storageKey, String(Math.round(offset)));
}

/** The server's "now", in milliseconds since the epoch. */
export const serverNow = () => Date.now() + offset;
