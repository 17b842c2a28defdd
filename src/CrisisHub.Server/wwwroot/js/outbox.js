// The flags this phone has made, kept in IndexedDB so that the page and the service worker share them: a flag that
// could not be sent stays here, with its idempotency key, until the server has it, even after its page is closed.
// A record is { key, account, body, studentName, submittedAt, state: 'pending' | 'sent' | 'refused', problem? }.
// The account is the reporter's user name, never a token: the flag is sent with the session cookie, and only while
// that same account is signed in (a flag sent under someone else's session would be theirs).
// No strings, no DOM: the service worker imports this module too.

const Database = 'crisishub';
const Store = 'flags';
/** Receipts kept per account (the newest); pending flags are always kept. */
const KeptReceipts = 30;

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(Database, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(Store, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore(mode, work) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(Store, mode);
      const result = work(tx.objectStore(Store));
      tx.oncomplete = () => resolve(result?.result ?? result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** This account's flags, newest first. */
export async function flagsOf(account) {
  const all = await withStore('readonly', store => store.getAll());
  return all.filter(f => f.account === account).sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
}

export async function keep(flag) {
  await withStore('readwrite', store => store.put(flag));
  const older = (await flagsOf(flag.account)).filter(f => f.state !== 'pending').slice(KeptReceipts);
  if (older.length) await withStore('readwrite', store => older.forEach(f => store.delete(f.key)));
}

export const forget = key => withStore('readwrite', store => store.delete(key));

/**
 * Sends one flag with its key. 'sent' (201, or 200 for a replay of a flag the server already has), 'kept' (no network,
 * the server cannot store now (503), or the session has ended (401): it stays pending), or 'refused' with the
 * server's problem (kept as refused, so the reporter sees why even if the page was closed when it happened).
 */
export async function deliver(flag) {
  let response;
  try {
    response = await fetch('/api/flags', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': flag.key },
      body: JSON.stringify(flag.body),
    });
  } catch {
    return { outcome: 'kept' };
  }
  if (response.ok) {
    await keep({ ...flag, state: 'sent' });
    return { outcome: 'sent', status: response.status };
  }
  const problem = await response.json().catch(() => null);
  if ([401, 429, 503].includes(response.status) || response.status >= 500) return { outcome: 'kept', status: response.status, problem };
  await keep({ ...flag, state: 'refused', problem: { title: problem?.title ?? null, detail: problem?.detail ?? null } });
  return { outcome: 'refused', status: response.status, problem };
}

/** Sends every pending flag of this account, oldest first; true when none is left pending. */
export async function flush(account) {
  const pending = (await flagsOf(account)).filter(f => f.state === 'pending').reverse();
  let left = 0;
  for (const flag of pending) {
    if ((await deliver(flag)).outcome === 'kept') left++;
  }
  return left === 0;
}

/** At sign-out: every flag the server has (or refused) goes; pending ones stay until their account sends them. */
export async function forgetAllButPending() {
  const done = (await withStore('readonly', store => store.getAll())).filter(f => f.state !== 'pending');
  if (done.length) await withStore('readwrite', store => done.forEach(f => store.delete(f.key)));
}
