import { SystemRole } from '../../common/actor';
import {
  newRecoveryCode,
  normaliseRecoveryCode,
  normaliseTotpCode,
  requiresTwoFactor,
} from './two-factor.rules';

describe('two-factor rules', () => {
  it('requires a second factor of ADMIN, MUNICIPAL_OFFICER and SOCIAL_SERVICES only', () => {
    expect(requiresTwoFactor(SystemRole.ADMIN)).toBe(true);
    expect(requiresTwoFactor(SystemRole.MUNICIPAL_OFFICER)).toBe(true);
    expect(requiresTwoFactor(SystemRole.SOCIAL_SERVICES)).toBe(true);
    expect(requiresTwoFactor(null)).toBe(false);
  });

  it('makes recovery codes of 12 unambiguous random characters, all different', () => {
    const codes = Array.from({ length: 200 }, newRecoveryCode);
    for (const code of codes)
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){2}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('reads a recovery code however it is typed, and nothing else as one', () => {
    const code = newRecoveryCode();
    expect(normaliseRecoveryCode(code)).toBe(code);
    expect(normaliseRecoveryCode(` ${code.toUpperCase().replace(/-/g, ' ')} `)).toBe(code);
    expect(normaliseRecoveryCode('ILO0-1100-abcd')).toBe('1100-1100-abcd');
    expect(normaliseRecoveryCode('abcd-efgh')).toBeNull();
    expect(normaliseRecoveryCode('abcd-efgh-ijku')).toBeNull();
  });

  it('reads a six-digit code with or without a space, and nothing else', () => {
    expect(normaliseTotpCode('123456')).toBe('123456');
    expect(normaliseTotpCode(' 123 456 ')).toBe('123456');
    expect(normaliseTotpCode('12345')).toBeNull();
    expect(normaliseTotpCode('12345a')).toBeNull();
    expect(normaliseTotpCode('1234567')).toBeNull();
  });
});
