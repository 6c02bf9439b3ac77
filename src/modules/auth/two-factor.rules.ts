import { randomInt } from 'node:crypto';
import { SystemRole } from '../../common/actor';

/**
 * The roles that read placements, audit logs and money: they sign in with a second factor, always,
 * and cannot turn it off. Every other account may turn it on.
 */
export const TWO_FACTOR_REQUIRED_ROLES: readonly SystemRole[] = [
  SystemRole.ADMIN,
  SystemRole.MUNICIPAL_OFFICER,
  SystemRole.SOCIAL_SERVICES,
];

export function requiresTwoFactor(role: SystemRole | null): boolean {
  return role !== null && TWO_FACTOR_REQUIRED_ROLES.includes(role);
}

/** How long the second step of a sign-in may take. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/** RFC 6238 time step (seconds), as authenticator apps use it. */
export const TOTP_PERIOD_SECONDS = 30;

/** A code of the step before or after the current one is accepted too (clock drift, typing). */
export const TOTP_TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

export const RECOVERY_CODE_COUNT = 10;

/** Crockford's base32: no I, L, O or U, so a code read aloud or from paper is not mistaken. */
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A recovery code: 12 random characters (60 bits) in groups of four, e.g. `7k2m-x9qd-4hv0`. */
export function newRecoveryCode(): string {
  const characters = Array.from(
    { length: 12 },
    () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
  );
  return [0, 4, 8].map((start) => characters.slice(start, start + 4).join('')).join('-');
}

/**
 * A recovery code as typed (any case, with or without dashes and spaces, I/L for 1, O for 0) in
 * the form it was hashed in; null when it cannot be one.
 */
export function normaliseRecoveryCode(typed: string): string | null {
  const plain = typed.toLowerCase().replace(/[\s-]/g, '').replace(/[il]/g, '1').replace(/o/g, '0');
  if (plain.length !== 12 || [...plain].some((c) => !RECOVERY_ALPHABET.includes(c))) return null;
  return [0, 4, 8].map((start) => plain.slice(start, start + 4)).join('-');
}

/** A code from the authenticator as typed (`123 456` too): its six digits, or null. */
export function normaliseTotpCode(typed: string): string | null {
  const digits = typed.replace(/\s/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
