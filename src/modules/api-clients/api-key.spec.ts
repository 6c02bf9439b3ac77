import { sha256Hex } from '../../common/sha256';
import { apiKeyFrom, apiKeyMatches, apiKeyPrefix, generateApiKey } from './api-key';

describe('API keys', () => {
  it('carry a visible prefix and 256 random bits, and only their hash is kept', () => {
    const generated = generateApiKey();
    expect(generated.key).toMatch(/^sv_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(apiKeyPrefix(generated.key)).toBe(generated.prefix);
    expect(generated.hash).toBe(sha256Hex(generated.key));
    expect(apiKeyFrom(generated.key)).toEqual(generated);
    expect(() => apiKeyFrom('sv_123')).toThrow(/must look like/);
    expect(generated.hash).not.toContain(generated.key.slice(12));
    expect(generateApiKey().key).not.toBe(generated.key);
  });

  it('match only the exact key', () => {
    const { key, hash } = generateApiKey();
    expect(apiKeyMatches(key, hash)).toBe(true);
    const altered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect(apiKeyMatches(altered, hash)).toBe(false);
  });

  it('refuse malformed keys before any lookup', () => {
    expect(apiKeyPrefix('sv_123')).toBeNull();
    expect(apiKeyPrefix('Bearer abc')).toBeNull();
    expect(apiKeyPrefix(`sv_ABCDEFGH_${'a'.repeat(43)}`)).toBeNull();
  });
});
