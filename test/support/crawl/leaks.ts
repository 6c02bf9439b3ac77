import { SystemRole } from '../../../src/common/actor';
import { containsPersonalIdentityNumber } from '../../../src/common/personal-identity-number';

/**
 * What DOMAIN keeps from whom, as a checker of any response, feed or log line. The facts come from
 * the database (see secrets.ts), so new people, placements and tokens are covered without editing.
 */

export interface SecretPerson {
  id: string;
  email: string;
  displayName: string;
  protectedIdentity: boolean;
  /**
   * What names a protected person: the whole name, and each word of it (four letters or more) that
   * no other record's name has (a first name alone names her; "Demo" of the demo partner app's
   * name "Trygghetskartan (demo)" does not).
   */
  nameNeedles: string[];
}

export interface Secrets {
  people: SecretPerson[];
  /** Person id → organisations where they are an ACTIVE ORG_ADMIN or COORDINATOR. */
  staffOf: Map<string, Set<string>>;
  /** Invitations still open (INVITED) and the address they went to. */
  openInvitations: { organisationId: string; email: string }[];
  placements: {
    id: string;
    organisationId: string;
    requestedById: string;
    caseReference: string;
  }[];
  /** Addresses organisations publish themselves (public contact, service texts): anyone may read them. */
  publicAddresses: Set<string>;
  /** Every stored hash and secret (password, refresh token, API key, invitation, verification…). */
  storedSecrets: { source: string; value: string }[];
  /** Raw refresh tokens handed out to the readers, with whose they are. */
  refreshTokens: { token: string; owner: string }[];
  /** Calendar feed tokens (from `myCalendarUrl`) and whose feed they open. */
  feedTokens: { token: string; personId: string }[];
}

/** Who reads: a caller of the API, or the log (which nobody may read secrets in). */
export type Audience =
  | { kind: 'anonymous' }
  | { kind: 'apiClient'; apiKey: string }
  | {
      kind: 'person';
      personId: string;
      email: string;
      systemRole: SystemRole | null;
      accessToken: string;
      refreshToken: string;
    }
  | { kind: 'log' };

export type LeakRule =
  | 'e-mail address'
  | 'protected name'
  | 'case reference'
  | 'password hash'
  | 'stored hash or secret'
  | 'refresh token'
  | 'access token'
  | 'API key'
  | 'calendar feed token'
  | 'personal identity number';

export interface Leak {
  reader: string;
  operation: string;
  path: string;
  rule: LeakRule;
  detail: string;
}

export function formatLeak(leak: Leak): string {
  return `${leak.reader} · ${leak.operation} · ${leak.path}: ${leak.rule} (${leak.detail})`;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,}/g;
const API_KEY = /sv_[0-9a-f]{8}_[A-Za-z0-9_-]{43}/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A whole value that is an identifier, a cursor, a hash or a token: no one writes text there. */
const OPAQUE =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{20,}={0,2})$/i;
/** Digits with separators that could hold a number, for the failure message. */
const DIGITS = /\p{Nd}[\p{Nd}\s\p{Pd}./+_\u00ad\u200b-\u200d\u2060]{8,}\p{Nd}/gu;

/**
 * The personal identity number in a text (what the detector finds, shown for the message), or
 * null. Ids inside a text (`/calendar/districts/<uuid>.ics`) are not read as digits.
 */
function personalIdentityNumberIn(text: string): string | null {
  const masked = text.replace(UUID, ' ');
  if (!containsPersonalIdentityNumber(masked)) return null;
  const candidate = [...masked.matchAll(DIGITS)].find(([digits]) =>
    containsPersonalIdentityNumber(digits),
  );
  return candidate ? candidate[0] : hint(masked);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function normalise(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('sv');
}

/** Shortens a secret for the failure message: enough to find it, not enough to use it. */
function hint(secret: string): string {
  return secret.length > 16 ? `${secret.slice(0, 12)}…` : secret;
}

interface Needle {
  pattern: RegExp;
  rule: LeakRule;
  detail: string;
  /** Needles of one secret (a name and its words): a text leaks it once. */
  secret: string;
}

/** The rules for one audience, compiled once. */
interface Matcher {
  /** Null: every address may be shown (ADMIN). */
  allowedEmails: Set<string> | null;
  needles: Needle[];
  /** All needles in one pattern: most texts match none, and are done with one test. */
  anyNeedle: RegExp | null;
  ownAccessToken?: string;
  ownApiKey?: string;
}

export class LeakChecker {
  private readonly matchers = new Map<string, Matcher>();

  constructor(readonly secrets: Secrets) {}

  /** Every leak in a GraphQL response (data and errors) or any other JSON value. */
  check(reader: string, audience: Audience, operation: string, value: unknown): Leak[] {
    const leaks: Leak[] = [];
    const matcher = this.matcherFor(audience);
    const visit = (node: unknown, path: string) => {
      if (typeof node === 'string') {
        for (const found of this.inText(matcher, node, !OPAQUE.test(node)))
          leaks.push({ reader, operation, path, ...found });
      } else if (Array.isArray(node)) {
        node.forEach((item, index) => visit(item, `${path}[${index}]`));
      } else if (typeof node === 'object' && node !== null) {
        for (const [key, child] of Object.entries(node)) {
          const childPath = path ? `${path}.${key}` : key;
          for (const found of this.inText(matcher, key))
            leaks.push({ reader, operation, path: `${childPath} (key)`, ...found });
          visit(child, childPath);
        }
      }
    };
    visit(value, '');
    return leaks;
  }

  /** Every leak in a text, line by line (a calendar feed, log lines). */
  checkText(reader: string, audience: Audience, operation: string, text: string): Leak[] {
    const matcher = this.matcherFor(audience);
    return text.split(/\r?\n/).flatMap((line, index) =>
      this.inText(matcher, line).map((found) => ({
        reader,
        operation,
        path: `line ${index + 1}`,
        ...found,
      })),
    );
  }

  private inText(
    matcher: Matcher,
    text: string,
    free = true,
  ): Omit<Leak, 'reader' | 'operation' | 'path'>[] {
    const found: Omit<Leak, 'reader' | 'operation' | 'path'>[] = [];
    if (matcher.allowedEmails) {
      for (const [address] of text.matchAll(EMAIL)) {
        if (!matcher.allowedEmails.has(normalise(address)))
          found.push({ rule: 'e-mail address', detail: address });
      }
    }
    if (text.includes('$argon2')) found.push({ rule: 'password hash', detail: hint(text) });
    for (const [token] of text.matchAll(JWT)) {
      if (token !== matcher.ownAccessToken)
        found.push({ rule: 'access token', detail: hint(token) });
    }
    for (const [key] of text.matchAll(API_KEY)) {
      if (key !== matcher.ownApiKey) found.push({ rule: 'API key', detail: hint(key) });
    }
    if (matcher.anyNeedle?.test(text)) {
      const leaked = new Set<string>();
      for (const needle of matcher.needles) {
        if (leaked.has(needle.secret) || !needle.pattern.test(text)) continue;
        leaked.add(needle.secret);
        found.push({ rule: needle.rule, detail: needle.detail });
      }
    }
    const number = free ? personalIdentityNumberIn(text) : null;
    if (number !== null) found.push({ rule: 'personal identity number', detail: number });
    return found;
  }

  private matcherFor(audience: Audience): Matcher {
    const key =
      audience.kind === 'person'
        ? `person:${audience.personId}`
        : audience.kind === 'apiClient'
          ? `key:${audience.apiKey}`
          : audience.kind;
    let matcher = this.matchers.get(key);
    if (!matcher) {
      matcher = this.compile(audience);
      this.matchers.set(key, matcher);
    }
    return matcher;
  }

  private compile(audience: Audience): Matcher {
    const { secrets } = this;
    const person = audience.kind === 'person' ? audience : null;
    const isAdmin = person?.systemRole === SystemRole.ADMIN;
    const staffOf = (person && secrets.staffOf.get(person.personId)) ?? new Set<string>();
    const protectedAddresses = new Set(
      secrets.people.filter((p) => p.protectedIdentity).map((p) => normalise(p.email)),
    );

    // E-mail addresses: shown only to the person and ADMIN; an open invitation's address also to
    // the organisation's ORG_ADMIN and COORDINATORs (never a protected person's). The log: none.
    let allowedEmails: Set<string> | null = new Set<string>();
    if (isAdmin) allowedEmails = null;
    else if (audience.kind !== 'log') {
      allowedEmails = new Set(secrets.publicAddresses);
      if (person) allowedEmails.add(normalise(person.email));
      for (const invitation of secrets.openInvitations) {
        const address = normalise(invitation.email);
        if (staffOf.has(invitation.organisationId) && !protectedAddresses.has(address))
          allowedEmails.add(address);
      }
    }

    const needles: Needle[] = [];
    const literal = (text: string, rule: LeakRule, detail: string) =>
      needles.push({ pattern: new RegExp(escapeRegExp(text), 'u'), rule, detail, secret: text });

    // Skyddad identitet: the name (and each word of it) for nobody but ADMIN and the person.
    for (const protectedPerson of secrets.people.filter((p) => p.protectedIdentity)) {
      if (isAdmin || person?.personId === protectedPerson.id) continue;
      for (const word of protectedPerson.nameNeedles) {
        needles.push({
          pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, 'iu'),
          rule: 'protected name',
          detail: `${word} (person ${protectedPerson.id})`,
          secret: protectedPerson.id,
        });
      }
    }

    // A case reference: for social services, the shelter organisation's ORG_ADMIN and
    // COORDINATORs, and ADMIN (who holds every role's rights).
    const socialServices = isAdmin || person?.systemRole === SystemRole.SOCIAL_SERVICES;
    for (const placement of secrets.placements) {
      const inAudience =
        socialServices ||
        person?.personId === placement.requestedById ||
        staffOf.has(placement.organisationId);
      if (!inAudience)
        needles.push({
          pattern: new RegExp(escapeRegExp(placement.caseReference), 'iu'),
          rule: 'case reference',
          detail: `${placement.caseReference} (placement ${placement.id})`,
          secret: placement.id,
        });
    }

    // Hashes and secrets are for nobody; tokens only for whoever holds them.
    for (const stored of secrets.storedSecrets) {
      literal(stored.value, 'stored hash or secret', `${stored.source} ${hint(stored.value)}`);
    }
    for (const refresh of secrets.refreshTokens) {
      if (person?.refreshToken === refresh.token) continue;
      literal(refresh.token, 'refresh token', `of ${refresh.owner}`);
    }
    for (const feed of secrets.feedTokens) {
      if (person?.personId === feed.personId) continue;
      literal(feed.token, 'calendar feed token', `of person ${feed.personId}`);
    }

    return {
      allowedEmails,
      needles,
      anyNeedle:
        needles.length > 0
          ? new RegExp(needles.map((needle) => `(?:${needle.pattern.source})`).join('|'), 'iu')
          : null,
      ownAccessToken: person?.accessToken,
      ownApiKey: audience.kind === 'apiClient' ? audience.apiKey : undefined,
    };
  }
}
