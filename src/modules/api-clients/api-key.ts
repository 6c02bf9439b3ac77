import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../../common/sha256';

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
  return apiKeyFrom(`${prefix}_${randomBytes(32).toString('base64url')}`);
}

/** A given key (the demo data's) with its prefix and hash; it must be well-formed. */
export function apiKeyFrom(key: string): GeneratedApiKey {
  const prefix = apiKeyPrefix(key);
  if (!prefix) throw new Error('An API key must look like sv_<8 hex>_<43 base64url characters>');
  return { key, prefix, hash: sha256Hex(key) };
}

/** The stored prefix of a well-formed key, or null. */
export function apiKeyPrefix(key: string): string | null {
  const match = KEY_PATTERN.exec(key);
  return match ? `sv_${match[1]}` : null;
}

export function apiKeyMatches(key: string, storedHash: string): boolean {
  const actual = Buffer.from(sha256Hex(key), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
