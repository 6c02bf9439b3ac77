import { verifyAccessToken } from './access-token';
import type { PersonRow, ShiftRow, SignupRow, Store } from './baseline-store';
import { toStockholmIso } from './stockholm-time';

/**
 * What the baseline answers: the bytes the server sends for the bench's reads, and the same shape
 * for its signups. Errors are only approximations of the server's (the bench never compares them).
 */
export interface Actor {
  readonly personId: string;
  readonly systemRole: string | null;
  /** ACTIVE memberships: organisation id → role. */
  readonly roles: ReadonlyMap<string, string>;
}

export interface Credentials {
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
}

/** A GraphQL error answer; the server adds paths and locations the bench never reads. */
export class AnswerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  body(): string {
    return `${JSON.stringify({ errors: [{ message: this.message, extensions: { code: this.code } }], data: null })}\n`;
  }
}

const PROTECTED_IDENTITY_NAME = 'Skyddad identitet';
const MANAGERS = ['ORG_ADMIN', 'COORDINATOR'];
const MAX_RANGE_DAYS = 92;
const MAX_SHIFTS_IN_RANGE = 100;
const MAX_PAGE_SIZE = 100;
const DAY_MS = 24 * 3600_000;

/** Apollo writes `JSON.stringify(result) + "\n"`. */
const answer = (data: unknown): string => `${JSON.stringify({ data })}\n`;

/** The caller of a request: null when anonymous; UNAUTHENTICATED for a bad or ended token. */
export async function actorOf(
  store: Store,
  authorization: string | undefined,
  credentials: Credentials,
): Promise<Actor | null> {
  if (!authorization) return null;
  const token = authorization.startsWith('Bearer ') ? authorization.slice(7) : '';
  const claims = verifyAccessToken(
    token,
    credentials.secret,
    credentials.issuer,
    credentials.audience,
  );
  const session = claims ? await store.session(claims.sid, claims.sub) : null;
  if (!claims || !session) {
    throw new AnswerError('UNAUTHENTICATED', 'Invalid or expired access token');
  }
  return { personId: claims.sub, systemRole: session.systemRole, roles: session.roles };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function instantOf(value: unknown, name: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new AnswerError('BAD_USER_INPUT', `${name} is not a DateTime`);
  return ms;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** The coordinator screen: organisations → walks in the range → signups → people. */
export async function answerQ1(
  store: Store,
  actor: Actor | null,
  variables: unknown,
): Promise<string> {
  const { first, from, to } = record(variables);
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new AnswerError('BAD_USER_INPUT', 'first must be 1 to 100');
  }
  const range = { from: instantOf(from, 'from'), to: instantOf(to, 'to') };
  if (range.to - range.from > MAX_RANGE_DAYS * DAY_MS) {
    throw new AnswerError('BAD_USER_INPUT', `The range spans more than ${MAX_RANGE_DAYS} days`);
  }
  const organisations = await store.organisationsPage(first);
  const shifts =
    organisations.length > 0
      ? await store.shiftsOf(
          organisations.map((organisation) => organisation.id),
          range.from,
          range.to,
        )
      : [];
  const shiftsByOrganisation = groupBy(shifts, (shift) => shift.organisationId);
  for (const own of shiftsByOrganisation.values()) {
    if (own.length > MAX_SHIFTS_IN_RANGE) {
      throw new AnswerError('BAD_USER_INPUT', 'More than 100 items in the range');
    }
  }
  const { signupsByShift, people } = await signupsOf(store, actor, shifts);
  return answer({
    organisations: {
      edges: organisations.map((organisation) => ({
        node: {
          id: organisation.id,
          name: organisation.name,
          shifts: (shiftsByOrganisation.get(organisation.id) ?? []).map((shift) => ({
            id: shift.id,
            startsAt: toStockholmIso(shift.startsAt),
            endsAt: toStockholmIso(shift.endsAt),
            status: shift.status,
            maxWalkers: shift.maxWalkers,
            confirmedCount: shift.confirmedCount,
            signups: signupsOfShift(signupsByShift.get(shift.id) ?? [], people, actor),
          })),
        },
      })),
    },
  });
}

/**
 * The walks' signups, once it is clear the caller may see them: a COORDINATOR or ORG_ADMIN of the
 * walk's organisation (or ADMIN; the roles came with the session), or a walker of that walk. Then
 * the people they name.
 */
async function signupsOf(
  store: Store,
  actor: Actor | null,
  shifts: readonly ShiftRow[],
): Promise<{ signupsByShift: Map<string, SignupRow[]>; people: Map<string, PersonRow> }> {
  if (shifts.length === 0) return { signupsByShift: new Map(), people: new Map() };
  const signups = await store.liveSignupsOf(shifts.map((shift) => shift.id));
  const signupsByShift = groupBy(signups, (signup) => signup.shiftId);
  for (const shift of shifts) {
    const role = actor?.roles.get(shift.organisationId);
    const manager =
      actor?.systemRole === 'ADMIN' || (role !== undefined && MANAGERS.includes(role));
    const walker = (signupsByShift.get(shift.id) ?? []).some(
      (signup) => signup.personId === actor?.personId,
    );
    if (!manager && !walker) {
      throw new AnswerError(
        'FORBIDDEN',
        'Only the coordinators and the walkers of this walk see who is signed up',
      );
    }
  }
  const ids = [...new Set(signups.map((signup) => signup.personId))];
  const people = ids.length > 0 ? await store.peopleByIds(ids) : [];
  return { signupsByShift, people: new Map(people.map((person) => [person.id, person])) };
}

function signupsOfShift(
  signups: readonly SignupRow[],
  people: ReadonlyMap<string, PersonRow>,
  actor: Actor | null,
): unknown[] {
  let waiting = 0;
  return signups.map((signup) => {
    const person = people.get(signup.personId);
    if (!person) throw new Error(`Signup ${signup.id} names a missing person`);
    const hidden =
      person.protectedIdentity && actor?.personId !== person.id && actor?.systemRole !== 'ADMIN';
    return {
      id: signup.id,
      status: signup.status,
      position: signup.status === 'WAITLISTED' ? (waiting += 1) : null,
      person: { id: person.id, displayName: hidden ? PROTECTED_IDENTITY_NAME : person.displayName },
    };
  });
}

/** One walk, public when its organisation is VERIFIED. */
export async function answerQ2(store: Store, variables: unknown): Promise<string> {
  const { id } = record(variables);
  if (typeof id !== 'string') throw new AnswerError('BAD_USER_INPUT', 'id is required');
  const shift = await store.visibleShift(id);
  if (!shift) throw new AnswerError('NOT_FOUND', 'Shift not found');
  return answer({
    shift: {
      id: shift.id,
      startsAt: toStockholmIso(shift.startsAt),
      endsAt: toStockholmIso(shift.endsAt),
      status: shift.status,
      meetingPoint: shift.meetingPoint,
      organisation: { id: shift.organisationId, name: shift.organisationName },
      district: { id: shift.districtId, name: shift.districtName },
    },
  });
}

/** signUpForShift { status }. */
export async function answerSignUp(
  store: Store,
  actor: Actor | null,
  variables: unknown,
): Promise<string> {
  if (!actor) throw new AnswerError('FORBIDDEN', 'Only a signed-in person can sign up');
  const input = record(record(variables).input);
  if (typeof input.shiftId !== 'string') {
    throw new AnswerError('BAD_USER_INPUT', 'input.shiftId is required');
  }
  const outcome = await store.signUp({
    personId: actor.personId,
    shiftId: input.shiftId,
    joinWaitlist: input.joinWaitlist === true,
    now: Date.now(),
  });
  if ('refusal' in outcome) throw new AnswerError(outcome.refusal.code, outcome.refusal.message);
  return answer({ signUpForShift: { status: outcome.status } });
}
