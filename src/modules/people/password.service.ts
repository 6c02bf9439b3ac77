import { Injectable } from '@nestjs/common';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import argon2 from 'argon2';
import { DomainError } from '../../common/errors/domain-error';
import {
  SAMVERKAN_WORDS,
  SWEDISH_CALENDAR,
  SWEDISH_COMMON_WORDS,
  SWEDISH_NAMES,
  SWEDISH_PASSWORDS,
  SWEDISH_PLACES,
} from './password-dictionary.sv';

/**
 * argon2id with OWASP's minimum (19 MiB memory, 2 iterations, 1 lane). Hashing takes tens of
 * milliseconds of CPU: never call it while holding a database transaction.
 */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** zxcvbn's score (0–4) a password needs: 3 is "safely unguessable", ~10⁸ guesses or more. */
export const PASSWORD_MIN_SCORE = 3;

/** Whose password it is: it must not be made of their address or name. */
export interface PasswordOwner {
  email?: string | null;
  displayName?: string | null;
}

/**
 * Only the first this many characters are rated: zxcvbn's time grows quickly with the length
 * (a 256-character pattern took over a second), and a password that is strong in its first 100
 * characters is strong.
 */
const RATED_LENGTH = 100;

/** Each Swedish word also as written without å, ä and ö. */
function withoutDiacritics(words: readonly string[]): string[] {
  const plain = (word: string) => word.replace(/[åä]/g, 'a').replace(/ö/g, 'o').replace(/é/g, 'e');
  return [...new Set(words.flatMap((word) => [word, plain(word)]))];
}

let estimator: ZxcvbnFactory | undefined;

/**
 * Built on first use (a few hundred milliseconds: it indexes ~250 000 words), then shared. Its
 * packages are loaded then too: about 140 ms and 40 MB that a process serving reads never needs.
 */
function strengthEstimator(): ZxcvbnFactory {
  if (estimator) return estimator;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const zxcvbnCommon =
    require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const zxcvbnEn = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  /* eslint-enable @typescript-eslint/no-require-imports */
  estimator = new ZxcvbnFactory({
    translations: zxcvbnEn.translations,
    graphs: zxcvbnCommon.adjacencyGraphs,
    dictionary: {
      ...zxcvbnCommon.dictionary,
      ...zxcvbnEn.dictionary,
      'passwords-sv': withoutDiacritics(SWEDISH_PASSWORDS),
      'calendar-sv': withoutDiacritics(SWEDISH_CALENDAR),
      'places-sv': withoutDiacritics(SWEDISH_PLACES),
      'names-sv': withoutDiacritics(SWEDISH_NAMES),
      'commonWords-sv': withoutDiacritics(SWEDISH_COMMON_WORDS),
      'samverkan-sv': withoutDiacritics(SAMVERKAN_WORDS),
    },
    maxLength: RATED_LENGTH,
    // Keeps the l33t matcher's work bounded (p@$$w0rd is still found).
    l33tMaxSubstitutions: 4,
  });
  return estimator;
}

/** Null when the password scores enough; else zxcvbn's warning and suggestions. */
function rate(password: string, ownerWords: string[]): string | null {
  const result = strengthEstimator().check(password, ownerWords);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const reasons = [result.feedback.warning, ...result.feedback.suggestions].filter(
    (reason): reason is string => Boolean(reason),
  );
  return reasons.length > 0 ? reasons.join(' ') : 'Add more words that are less common.';
}

/**
 * The owner's address, its parts and their name (as zxcvbn "user inputs"), longest first.
 */
function ownerWords(owner: PasswordOwner): string[] {
  const words = new Set<string>();
  const add = (text: string | undefined) => {
    const word = text?.trim().toLowerCase();
    if (word && word.length >= 3) words.add(word);
  };
  if (owner.email) {
    const [local, domain] = owner.email.split('@');
    add(owner.email);
    add(local);
    for (const part of local.split(/[._+-]+/)) add(part);
    for (const label of domain?.split('.') ?? []) add(label);
  }
  if (owner.displayName) {
    add(owner.displayName);
    for (const part of owner.displayName.split(/[\s.,-]+/)) add(part);
  }
  return [...words].sort((a, b) => b.length - a.length);
}

@Injectable()
export class PasswordService {
  private dummyHash: Promise<string> | null = null;

  /**
   * What is wrong with a password, in words for its owner, or null when it may be used: 10 to 256
   * characters, and hard enough to guess (zxcvbn score of at least 3 against common passwords,
   * English and Swedish words, names, places, keyboard patterns, and the owner's own address and
   * name). Only the first 100 characters are rated. Pure and synchronous (tens of milliseconds).
   */
  static weakness(password: string, owner: PasswordOwner = {}): string | null {
    if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
      return `The password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`;
    }
    const words = ownerWords(owner);
    const whole = rate(password, words);
    if (whole) return `This password would be too easy to guess. ${whole}`;
    // Whoever guesses knows the address and name: what is left without them must be strong too.
    const lower = password.toLowerCase();
    const rest = words.reduce((text, word) => text.split(word).join(''), lower);
    const restWeakness = rest === lower ? null : rate(rest, words);
    if (restWeakness) {
      return (
        'This password is made of your email address or name, and the rest would be too easy ' +
        `to guess. ${restWeakness}`
      );
    }
    return null;
  }

  /** Refuses a weak password: BAD_USER_INPUT on `field`, saying why (see `weakness`). */
  assertStrong(password: string, owner: PasswordOwner, field = 'password'): void {
    const weakness = PasswordService.weakness(password, owner);
    if (weakness) throw DomainError.badInput(weakness, { [field]: [weakness] });
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the same time as a real check when there is no account, so response times do not tell
   * which email addresses have one.
   */
  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash('no account has this password');
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
