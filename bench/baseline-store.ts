import { swedishWhenText } from './stockholm-time';

/**
 * The baseline's data access: the statements the server has to run for the bench's operations and
 * nothing more, one implementation per dialect (baseline-sqlite.ts, baseline-postgres.ts). Every
 * statement sent is counted, BEGIN and COMMIT included (the server's SQL log counts them too).
 */
export interface Store {
  statements(): number;
  /**
   * actorForAccessToken: the open session of that person, with their system role and their
   * ACTIVE memberships (organisation id → role), in one statement.
   */
  session(sessionId: string, personId: string): Promise<SessionRow | null>;
  /** The directory's first page: VERIFIED organisations by name, then id. */
  organisationsPage(limit: number): Promise<OrganisationRow[]>;
  /** The walks of these organisations starting in [from, to), by start, then id. */
  shiftsOf(organisationIds: readonly string[], from: number, to: number): Promise<ShiftRow[]>;
  /** The signups of these walks but the cancelled ones, in order of arrival. */
  liveSignupsOf(shiftIds: readonly string[]): Promise<SignupRow[]>;
  peopleByIds(ids: readonly string[]): Promise<PersonRow[]>;
  /** One walk with its organisation and district, if its organisation is VERIFIED. */
  visibleShift(id: string): Promise<VisibleShiftRow | null>;
  /** signUpForShift in one transaction. */
  signUp(request: SignUpRequest): Promise<SignUpOutcome>;
  close(): Promise<void>;
}

export interface SessionRow {
  readonly systemRole: string | null;
  readonly roles: ReadonlyMap<string, string>;
}

/** The session statement's rows: one per ACTIVE membership, or one without when there is none. */
export function sessionOf(rows: readonly Record<string, unknown>[]): SessionRow | null {
  if (rows.length === 0) return null;
  const roles = new Map<string, string>();
  for (const row of rows) {
    if (typeof row.organisationId === 'string') roles.set(row.organisationId, String(row.role));
  }
  return { systemRole: (rows[0].systemRole as string | null) ?? null, roles };
}

export interface OrganisationRow {
  readonly id: string;
  readonly name: string;
}

export interface ShiftRow {
  readonly id: string;
  readonly organisationId: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly status: string;
  readonly maxWalkers: number;
  readonly confirmedCount: number;
}

export interface SignupRow {
  readonly id: string;
  readonly shiftId: string;
  readonly personId: string;
  readonly status: string;
}

export interface PersonRow {
  readonly id: string;
  readonly displayName: string;
  readonly protectedIdentity: boolean;
}

export interface VisibleShiftRow {
  readonly id: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly status: string;
  readonly meetingPoint: string;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly districtId: string;
  readonly districtName: string;
}

export interface SignUpRequest {
  readonly personId: string;
  readonly shiftId: string;
  readonly joinWaitlist: boolean;
  readonly now: number;
}

export interface Refusal {
  readonly code: string;
  readonly message: string;
}

export type SignUpOutcome =
  { readonly status: 'CONFIRMED' | 'WAITLISTED' } | { readonly refusal: Refusal };

/** What the first statement of a signup reads: the walk, its organisation, the membership. */
export interface SignUpContext {
  readonly organisationStatus: string;
  readonly role: string | null;
  readonly status: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly signupDeadline: number;
  readonly meetingPoint: string;
  readonly requiredCredentials: string;
}

/**
 * The context from the first statement's row, or null when it found no walk; `instant` reads an
 * instant as the dialect's driver hands it back.
 */
export function signUpContextOf(
  row: Record<string, unknown> | undefined,
  instant: (value: unknown) => number,
): SignUpContext | null {
  if (!row) return null;
  return {
    organisationStatus: String(row.organisationStatus),
    role: (row.role as string | null) ?? null,
    status: String(row.status),
    startsAt: instant(row.startsAt),
    endsAt: instant(row.endsAt),
    signupDeadline: instant(row.signupDeadline),
    meetingPoint: String(row.meetingPoint),
    requiredCredentials: String(row.requiredCredentials),
  };
}

export const OPEN_SHIFT_STATUSES = ['PLANNED', 'CONFIRMED'];

const refusal = (code: string, message: string): { refusal: Refusal } => ({
  refusal: { code, message },
});

export const REFUSALS = {
  notFound: refusal('NOT_FOUND', 'Shift not found'),
  forbidden: refusal(
    'FORBIDDEN',
    'Only active members of the organisation that runs the walk can sign up',
  ),
  notVerified: refusal('ORGANISATION_NOT_VERIFIED', 'Only a verified organisation can do this'),
  // The dataset has none; checking them would be one more statement on the server's rule.
  credentials: refusal('CREDENTIAL_REQUIRED', 'The baseline does not check credentials'),
  closed: refusal('SIGNUP_CLOSED', 'Signups for this walk are closed'),
  already: refusal('ALREADY_SIGNED_UP', 'You are already signed up for this walk'),
  conflict: refusal('SCHEDULE_CONFLICT', 'You already have a place on a walk at that time'),
  full: refusal('SHIFT_FULL', 'The walk is full'),
  noPerson: refusal('NOT_FOUND', 'Person not found'),
};

/** The checks signups.service.ts makes before it claims a place, in the same order. */
export function signUpRefusal(context: SignUpContext | null, now: number): SignUpOutcome | null {
  if (!context || (context.organisationStatus !== 'VERIFIED' && context.role === null)) {
    return REFUSALS.notFound;
  }
  if (context.role === null) return REFUSALS.forbidden;
  if (context.organisationStatus !== 'VERIFIED') return REFUSALS.notVerified;
  if (context.requiredCredentials !== '[]') return REFUSALS.credentials;
  if (
    !OPEN_SHIFT_STATUSES.includes(context.status) ||
    now > context.signupDeadline ||
    now >= context.startsAt
  ) {
    return REFUSALS.closed;
  }
  return null;
}

/** The SIGNUP_CONFIRMED notification's text (notice-templates.ts), in the person's language. */
export function confirmationNotice(
  locale: string,
  startsAt: number,
  meetingPoint: string,
): { subject: string; body: string } {
  const when = swedishWhenText(startsAt);
  return locale === 'en'
    ? {
        subject: 'You are signed up for the night walk',
        body: `Welcome! The night walk starts ${when} at ${meetingPoint}.`,
      }
    : {
        subject: 'Du är anmäld till nattvandringen',
        body: `Välkommen! Nattvandringen börjar ${when} vid ${meetingPoint}.`,
      };
}

/** Columns shared by both dialects; placeholders are `?` (PostgreSQL numbers them). */
export const SQL = {
  session:
    'SELECT p."systemRole" AS "systemRole", m."organisationId" AS "organisationId", m.role AS role ' +
    'FROM auth_sessions s INNER JOIN people p ON p.id = s."personId" ' +
    'LEFT JOIN memberships m ON m."personId" = s."personId" AND m.status = \'ACTIVE\' ' +
    'WHERE s.id = ? AND s."personId" = ? AND s."revokedAt" IS NULL',
  organisationsPage:
    "SELECT id, name FROM organisations WHERE status = 'VERIFIED' ORDER BY name ASC, id ASC LIMIT ?",
  shiftsOf: (ids: string) =>
    'SELECT id, "organisationId", "startsAt", "endsAt", status, "maxWalkers", "confirmedCount" ' +
    `FROM shifts WHERE "organisationId" ${ids} AND "startsAt" >= ? AND "startsAt" < ? ` +
    'ORDER BY "startsAt" ASC, id ASC',
  liveSignupsOf: (ids: string) =>
    'SELECT id, "shiftId", "personId", status FROM signups ' +
    `WHERE "shiftId" ${ids} AND status <> 'CANCELLED' ORDER BY "queueNumber" ASC`,
  peopleByIds: (ids: string) =>
    `SELECT id, "displayName", "protectedIdentity" FROM people WHERE id ${ids}`,
  visibleShift:
    'SELECT s.id, s."startsAt", s."endsAt", s.status, s."meetingPoint", ' +
    'o.id AS "organisationId", o.name AS "organisationName", ' +
    'd.id AS "districtId", d.name AS "districtName" ' +
    'FROM shifts s INNER JOIN organisations o ON o.id = s."organisationId" ' +
    'INNER JOIN districts d ON d.id = s."districtId" ' +
    "WHERE s.id = ? AND o.status = 'VERIFIED'",
  /** With the person's locale on SQLite, where no row lock is needed to read it. */
  signUpContext: (withLocale: boolean) =>
    'SELECT o.status AS "organisationStatus", s.status, s."startsAt", s."endsAt", ' +
    's."signupDeadline", s."meetingPoint", s."requiredCredentials", ' +
    '(SELECT m.role FROM memberships m WHERE m."organisationId" = s."organisationId" ' +
    'AND m."personId" = ? AND m.status = \'ACTIVE\') AS role' +
    (withLocale ? ', (SELECT p.locale FROM people p WHERE p.id = ?) AS locale ' : ' ') +
    'FROM shifts s INNER JOIN organisations o ON o.id = s."organisationId" WHERE s.id = ?',
  /** PostgreSQL: a person's signups one after the other, as PeopleService.lockForUpdate does. */
  lockPerson: 'SELECT locale FROM people WHERE id = ? FOR UPDATE',
  liveSignupOf:
    'SELECT id FROM signups WHERE "shiftId" = ? AND "personId" = ? ' +
    "AND status <> 'CANCELLED' LIMIT 1",
  overlappingPlace:
    'SELECT o.id FROM signups g INNER JOIN shifts o ON o.id = g."shiftId" ' +
    "WHERE g.\"personId\" = ? AND g.status IN ('CONFIRMED', 'ATTENDED') AND o.id <> ? " +
    'AND o."startsAt" < ? AND o."endsAt" > ? LIMIT 1',
  claimPlace:
    'UPDATE shifts SET "confirmedCount" = "confirmedCount" + 1, ' +
    '"nextQueueNumber" = "nextQueueNumber" + 1, "updatedAt" = ? ' +
    'WHERE id = ? AND status IN (\'PLANNED\', \'CONFIRMED\') AND "confirmedCount" < "maxWalkers" ' +
    'RETURNING "nextQueueNumber"',
  joinQueue:
    'UPDATE shifts SET "waitlistCount" = "waitlistCount" + 1, ' +
    '"nextQueueNumber" = "nextQueueNumber" + 1, "updatedAt" = ? ' +
    "WHERE id = ? AND status IN ('PLANNED', 'CONFIRMED') RETURNING \"nextQueueNumber\"",
  insertSignup:
    'INSERT INTO signups (id, "shiftId", "personId", status, "queueNumber", "createdAt", ' +
    '"checkedInAt", "promotedAt", "cancelledAt") VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL)',
  insertNotification:
    'INSERT INTO notifications (id, "recipientPersonId", kind, subject, body, data, "createdAt", ' +
    '"readAt") VALUES (?, ?, \'SIGNUP_CONFIRMED\', ?, ?, ?, ?, NULL)',
} as const;
