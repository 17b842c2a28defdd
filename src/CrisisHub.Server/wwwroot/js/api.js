// Thin fetch wrapper: JSON in and out, RFC 7807 problem details turned into ApiError; every response
// also sets the page's view of the server's clock.
import { observeServerTime } from './clock.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.errors = problem?.errors ?? {};
  }
}

export class NetworkError extends Error {}

/** A JSON body as `body`, or a file as `file` (a Blob, sent as is under its own type, e.g. an upload to preview). */
export async function api(path, { method = 'GET', body, file, headers = {} } = {}) {
  let response;
  const sentAt = Date.now();
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: file !== undefined ? { 'content-type': file.type, ...headers }
        : body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: file !== undefined ? file : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkError(error.message);
  }
  // An answer the service worker kept from earlier (offline) says what time it was then, not now.
  const fromDeviceCache = response.headers.has('x-from-device-cache');
  if (!fromDeviceCache) observeServerTime(response.headers.get('x-server-time'), sentAt, Date.now());
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  // A session that ended (signed out elsewhere, disabled, changed) sends the page to sign-in; the sign-in
  // calls themselves answer 401 to a wrong password and are left to their page.
  if (response.status === 401 && !path.startsWith('/api/auth/')) {
    location.replace(`/?next=${encodeURIComponent(location.pathname + location.search)}`);
    return new Promise(() => {});
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return { status: response.status, data, headers: response.headers, fromDeviceCache };
}
