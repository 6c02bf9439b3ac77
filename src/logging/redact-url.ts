/** What a secret in a logged URL or header is replaced with (the same as pino's `redact` censor). */
export const REDACTED = '[redacted]';

/**
 * Paths with a credential as a segment (the second group): the personal calendar feed
 * `/calendar/feeds/<token>.ics`. Routes match case-insensitively and with a trailing slash, so
 * these do too; the segment goes whatever follows it.
 */
const SECRET_PATHS: readonly RegExp[] = [/^(\/+calendar\/+feeds\/+)([^/]+)/i];

/**
 * Query parameters that carry a credential wherever they appear: `?token=` (unsubscribe, e-mail
 * verification and invitation links), and keys, codes, signatures and passwords by any name.
 */
const SECRET_PARAMETER = /token|secret|passw|signature|^sig$|^code$|^key$|api[-_]?key|^otp$|^auth/i;

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function redactPath(path: string): string {
  return SECRET_PATHS.reduce(
    (redacted, pattern) =>
      redacted.replace(
        pattern,
        (_match, prefix: string, secret: string) =>
          `${prefix}${REDACTED}${/\.ics$/i.test(secret) ? secret.slice(-4) : ''}`,
      ),
    path,
  );
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals === -1 || !SECRET_PARAMETER.test(decode(pair.slice(0, equals)))) return pair;
      return `${pair.slice(0, equals)}=${REDACTED}`;
    })
    .join('&');
}

/**
 * A URL as it may be logged (a request's path and query, or an absolute one such as a Referer):
 * the route and every other parameter stay readable, the secrets become `[redacted]`, e.g.
 * `/calendar/feeds/[redacted].ics` and `/mail/unsubscribe?token=[redacted]&x=1`. A fragment, which
 * only a Referer can carry, is dropped whole.
 */
export function redactUrl(url: string): string {
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0] ?? '';
  const [beforeFragment, ...fragment] = url.slice(origin.length).split('#');
  const queryAt = beforeFragment.indexOf('?');
  const path = queryAt === -1 ? beforeFragment : beforeFragment.slice(0, queryAt);
  const query = queryAt === -1 ? '' : `?${redactQuery(beforeFragment.slice(queryAt + 1))}`;
  return `${origin}${redactPath(path)}${query}${fragment.length > 0 ? `#${REDACTED}` : ''}`;
}
