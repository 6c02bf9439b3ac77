import { randomUUID } from 'node:crypto';
import Sqlite, { type Database, type Statement } from 'better-sqlite3';
import {
  confirmationNotice,
  type OrganisationRow,
  type PersonRow,
  REFUSALS,
  type SessionRow,
  type ShiftRow,
  type SignUpOutcome,
  signUpRefusal,
  type SignUpRequest,
  type SignupRow,
  sessionOf,
  signUpContextOf,
  SQL,
  type Store,
  type VisibleShiftRow,
} from './baseline-store';

type Row = Record<string, unknown>;

/** TypeORM's text for an instant on SQLite: UTC, `YYYY-MM-DD HH:MM:SS.SSS`. */
function text(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
}

/** The instant TypeORM wrote as `YYYY-MM-DD HH:MM:SS.SSS` (UTC). */
function instant(value: unknown): number {
  const written = String(value);
  return Date.parse(`${written.slice(0, 10)}T${written.slice(11)}Z`);
}

const str = (value: unknown): string => String(value);

/**
 * better-sqlite3 with the pragmas TypeORM's driver sets (WAL, foreign keys, the busy timeout).
 * Every statement is prepared once and reused; a list of n ids is its own statement.
 */
export class SqliteStore implements Store {
  private readonly db: Database;
  private readonly prepared = new Map<string, Statement>();
  private sent = 0;

  constructor(path: string) {
    this.db = new Sqlite(path, { timeout: 5000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
  }

  statements(): number {
    return this.sent;
  }

  private statement(sql: string): Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    this.sent += 1;
    return statement;
  }

  private all(sql: string, ...params: unknown[]): Row[] {
    return this.statement(sql).all(...params) as Row[];
  }

  private get(sql: string, ...params: unknown[]): Row | undefined {
    return this.statement(sql).get(...params) as Row | undefined;
  }

  private exec(sql: string): void {
    this.sent += 1;
    this.db.exec(sql);
  }

  private static list(count: number): string {
    return `IN (${Array.from({ length: count }, () => '?').join(', ')})`;
  }

  session(sessionId: string, personId: string): Promise<SessionRow | null> {
    return Promise.resolve(sessionOf(this.all(SQL.session, sessionId, personId)));
  }

  organisationsPage(limit: number): Promise<OrganisationRow[]> {
    return Promise.resolve(
      this.all(SQL.organisationsPage, limit).map((row) => ({
        id: str(row.id),
        name: str(row.name),
      })),
    );
  }

  shiftsOf(organisationIds: readonly string[], from: number, to: number): Promise<ShiftRow[]> {
    const sql = SQL.shiftsOf(SqliteStore.list(organisationIds.length));
    return Promise.resolve(
      this.all(sql, ...organisationIds, text(from), text(to)).map((row) => ({
        id: str(row.id),
        organisationId: str(row.organisationId),
        startsAt: instant(row.startsAt),
        endsAt: instant(row.endsAt),
        status: str(row.status),
        maxWalkers: Number(row.maxWalkers),
        confirmedCount: Number(row.confirmedCount),
      })),
    );
  }

  liveSignupsOf(shiftIds: readonly string[]): Promise<SignupRow[]> {
    const sql = SQL.liveSignupsOf(SqliteStore.list(shiftIds.length));
    return Promise.resolve(
      this.all(sql, ...shiftIds).map((row) => ({
        id: str(row.id),
        shiftId: str(row.shiftId),
        personId: str(row.personId),
        status: str(row.status),
      })),
    );
  }

  peopleByIds(ids: readonly string[]): Promise<PersonRow[]> {
    const sql = SQL.peopleByIds(SqliteStore.list(ids.length));
    return Promise.resolve(
      this.all(sql, ...ids).map((row) => ({
        id: str(row.id),
        displayName: str(row.displayName),
        protectedIdentity: Number(row.protectedIdentity) === 1,
      })),
    );
  }

  visibleShift(id: string): Promise<VisibleShiftRow | null> {
    const row = this.get(SQL.visibleShift, id);
    return Promise.resolve(
      row
        ? {
            id: str(row.id),
            startsAt: instant(row.startsAt),
            endsAt: instant(row.endsAt),
            status: str(row.status),
            meetingPoint: str(row.meetingPoint),
            organisationId: str(row.organisationId),
            organisationName: str(row.organisationName),
            districtId: str(row.districtId),
            districtName: str(row.districtName),
          }
        : null,
    );
  }

  /**
   * One `BEGIN IMMEDIATE` transaction: the write lock is taken before the first read, as the
   * server's queue does, so the checks and the claim see the same state.
   */
  signUp(request: SignUpRequest): Promise<SignUpOutcome> {
    this.exec('BEGIN IMMEDIATE');
    try {
      const outcome = this.signUpLocked(request);
      this.exec('status' in outcome ? 'COMMIT' : 'ROLLBACK');
      return Promise.resolve(outcome);
    } catch (error) {
      this.exec('ROLLBACK');
      throw error;
    }
  }

  private signUpLocked(request: SignUpRequest): SignUpOutcome {
    const { personId, shiftId, now } = request;
    // BEGIN IMMEDIATE already orders every signup: no person lock, the locale comes along.
    const row = this.get(SQL.signUpContext(true), personId, personId, shiftId);
    const context = signUpContextOf(row, instant);
    const refused = signUpRefusal(context, now);
    if (refused || !context) return refused ?? REFUSALS.notFound;
    if (this.get(SQL.liveSignupOf, shiftId, personId)) return REFUSALS.already;
    const overlap = this.get(
      SQL.overlappingPlace,
      personId,
      shiftId,
      text(context.endsAt),
      text(context.startsAt),
    );
    if (overlap) return REFUSALS.conflict;
    const stamp = text(now);
    let status: 'CONFIRMED' | 'WAITLISTED' = 'CONFIRMED';
    let claimed = this.get(SQL.claimPlace, stamp, shiftId);
    if (!claimed) {
      if (!request.joinWaitlist) return REFUSALS.full;
      status = 'WAITLISTED';
      claimed = this.get(SQL.joinQueue, stamp, shiftId);
      if (!claimed) return REFUSALS.closed;
    }
    const signupId = randomUUID();
    this.statement(SQL.insertSignup).run(
      signupId,
      shiftId,
      personId,
      status,
      Number(claimed.nextQueueNumber),
      stamp,
    );
    if (status === 'CONFIRMED') {
      const locale = typeof row?.locale === 'string' ? row.locale : 'sv';
      const notice = confirmationNotice(locale, context.startsAt, context.meetingPoint);
      this.statement(SQL.insertNotification).run(
        randomUUID(),
        personId,
        notice.subject,
        notice.body,
        JSON.stringify({ shiftId, signupId }),
        stamp,
      );
    }
    return { status };
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
