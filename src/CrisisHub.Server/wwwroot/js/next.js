// Where to go after signing in. Only a path on this origin is accepted: anything a browser could read as
// another host ("//evil", "/\evil" — browsers treat "\" as "/" — or the same encoded, a scheme such as
// "https:" or "javascript:") sends the person home instead, so a link to CrisisHub cannot bounce a freshly
// signed-in teacher to a look-alike page (open redirect).

/** The same-origin path to go to for a `next` value, or '/' when it is missing or not a plain local path. */
export function safeNext(value, origin = location.origin) {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  let decoded;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return '/';
  }
  for (const candidate of [value, decoded]) {
    // The URL parser drops tabs and newlines ("/\t/evil" is "//evil"), so control characters are refused too.
    if (candidate.startsWith('//') || candidate.includes('\\') || /[\u0000-\u001f\u007f]/.test(candidate)) return '/';
  }
  const url = new URL(value, origin);
  return url.origin === origin ? url.pathname + url.search + url.hash : '/';
}
