import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `sv_3f9a1c2e_<43 characters>`: a visible prefix that identifies the key (so
 * lookups need no hash scan) and 256 random bits. Only the SHA-256 of the whole key is stored.
 */
export interface GeneratedApiKey {
  key: string;
  prefix: string;
  hash: string;
}

const KEY_PATTERN = /^sv_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export function generateApiKey(): GeneratedApiKey {
  const prefix = `sv_${randomBytes(4).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The stored prefix of a well-formed key, or null. */
export function apiKeyPrefix(key: string): string | null {
  const match = KEY_PATTERN.exec(key);
  return match ? `sv_${match[1]}` : null;
}

export function apiKeyMatches(key: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiKey(key), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
