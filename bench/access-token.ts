import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims the app reads from a verified access token. */
export interface AccessClaims {
  readonly sub: string;
  readonly sid: string;
}

function decodeJson(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function hasAudience(audience: unknown, expected: string): boolean {
  return Array.isArray(audience) ? audience.includes(expected) : audience === expected;
}

/**
 * Verifies an HS256 JWT the way passport-jwt is set up in the app (jwt.strategy.ts): algorithm,
 * signature, issuer, audience and expiry. Null when any of them fails.
 */
export function verifyAccessToken(
  token: string,
  secret: string,
  issuer: string,
  audience: string,
  nowSeconds: number = Date.now() / 1000,
): AccessClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts;
  try {
    const head = decodeJson(header);
    if (!isRecord(head) || head.alg !== 'HS256') return null;
    const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = decodeJson(payload);
    if (!isRecord(claims) || claims.iss !== issuer || !hasAudience(claims.aud, audience)) {
      return null;
    }
    if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return null;
    if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds) return null;
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
    return { sub: claims.sub, sid: claims.sid };
  } catch {
    return null;
  }
}
