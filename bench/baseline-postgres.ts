import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
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
type Queryable = Pool | PoolClient;

const str = (value: unknown): string => String(value);
const iso = (ms: number): string => new Date(ms).toISOString();

/** A timestamptz column, which pg hands back as a Date. */
function instant(value: unknown): number {
  return value instanceof Date ? value.getTime() : Date.parse(String(value));
}

/** Deadlocks and serialisation failures: the server runs such a transaction again (3 tries). */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/**
 * node-postgres with a pool of 10 (the app's `extra: { max: 10 }`). Statements are named, so each
 * connection prepares them once; id lists are one array parameter (`= ANY($1)`).
 */
export class PostgresStore implements Store {
  private readonly pool: Pool;
  private readonly named = new Map<string, { name: string; text: string }>();
  private sent = 0;

  constructor(url: string) {
    this.pool = new Pool({ connectionString: url, max: 10 });
  }

  statements(): number {
    return this.sent;
  }

  /** `?` placeholders numbered `$1…`, and a statement name per distinct text. */
  private prepared(sql: string): { name: string; text: string } {
    let statement = this.named.get(sql);
    if (!statement) {
      let index = 0;
      statement = { name: `b${this.named.size}`, text: sql.replace(/\?/g, () => `$${++index}`) };
      this.named.set(sql, statement);
    }
    return statement;
  }

  private async all(on: Queryable, sql: string, ...values: unknown[]): Promise<Row[]> {
    this.sent += 1;
    return (await on.query<Row>({ ...this.prepared(sql), values })).rows;
  }

  private async get(on: Queryable, sql: string, ...values: unknown[]): Promise<Row | undefined> {
    return (await this.all(on, sql, ...values))[0];
  }

  private async exec(on: PoolClient, sql: string): Promise<void> {
    this.sent += 1;
    await on.query(sql);
  }

  async session(sessionId: string, personId: string): Promise<SessionRow | null> {
    return sessionOf(await this.all(this.pool, SQL.session, sessionId, personId));
  }

  async organisationsPage(limit: number): Promise<OrganisationRow[]> {
    const rows = await this.all(this.pool, SQL.organisationsPage, limit);
    return rows.map((row) => ({ id: str(row.id), name: str(row.name) }));
  }

  async shiftsOf(
    organisationIds: readonly string[],
    from: number,
    to: number,
  ): Promise<ShiftRow[]> {
    const rows = await this.all(
      this.pool,
      SQL.shiftsOf('= ANY(?)'),
      organisationIds,
      iso(from),
      iso(to),
    );
    return rows.map((row) => ({
      id: str(row.id),
      organisationId: str(row.organisationId),
      startsAt: instant(row.startsAt),
      endsAt: instant(row.endsAt),
      status: str(row.status),
      maxWalkers: Number(row.maxWalkers),
      confirmedCount: Number(row.confirmedCount),
    }));
  }

  async liveSignupsOf(shiftIds: readonly string[]): Promise<SignupRow[]> {
    const rows = await this.all(this.pool, SQL.liveSignupsOf('= ANY(?)'), shiftIds);
    return rows.map((row) => ({
      id: str(row.id),
      shiftId: str(row.shiftId),
      personId: str(row.personId),
      status: str(row.status),
    }));
  }

  async peopleByIds(ids: readonly string[]): Promise<PersonRow[]> {
    const rows = await this.all(this.pool, SQL.peopleByIds('= ANY(?)'), ids);
    return rows.map((row) => ({
      id: str(row.id),
      displayName: str(row.displayName),
      protectedIdentity: row.protectedIdentity === true,
    }));
  }

  async visibleShift(id: string): Promise<VisibleShiftRow | null> {
    const row = await this.get(this.pool, SQL.visibleShift, id);
    if (!row) return null;
    return {
      id: str(row.id),
      startsAt: instant(row.startsAt),
      endsAt: instant(row.endsAt),
      status: str(row.status),
      meetingPoint: str(row.meetingPoint),
      organisationId: str(row.organisationId),
      organisationName: str(row.organisationName),
      districtId: str(row.districtId),
      districtName: str(row.districtName),
    };
  }

  /** READ COMMITTED with the server's locks: the person's row first, then the walk's (UPDATE). */
  async signUp(request: SignUpRequest): Promise<SignUpOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.pool.connect();
      try {
        await this.exec(client, 'BEGIN');
        const outcome = await this.signUpLocked(client, request);
        await this.exec(client, 'status' in outcome ? 'COMMIT' : 'ROLLBACK');
        return outcome;
      } catch (error) {
        await this.exec(client, 'ROLLBACK').catch(() => undefined);
        if (attempt >= 3 || !isTransient(error)) throw error;
      } finally {
        client.release();
      }
    }
  }

  private async signUpLocked(client: PoolClient, request: SignUpRequest): Promise<SignUpOutcome> {
    const { personId, shiftId, now } = request;
    const person = await this.get(client, SQL.lockPerson, personId);
    if (!person) return REFUSALS.noPerson;
    const row = await this.get(client, SQL.signUpContext(false), personId, shiftId);
    const context = signUpContextOf(row, instant);
    const refused = signUpRefusal(context, now);
    if (refused || !context) return refused ?? REFUSALS.notFound;
    if (await this.get(client, SQL.liveSignupOf, shiftId, personId)) return REFUSALS.already;
    const overlap = await this.get(
      client,
      SQL.overlappingPlace,
      personId,
      shiftId,
      iso(context.endsAt),
      iso(context.startsAt),
    );
    if (overlap) return REFUSALS.conflict;
    const stamp = iso(now);
    let status: 'CONFIRMED' | 'WAITLISTED' = 'CONFIRMED';
    let claimed = await this.get(client, SQL.claimPlace, stamp, shiftId);
    if (!claimed) {
      if (!request.joinWaitlist) return REFUSALS.full;
      status = 'WAITLISTED';
      claimed = await this.get(client, SQL.joinQueue, stamp, shiftId);
      if (!claimed) return REFUSALS.closed;
    }
    const signupId = randomUUID();
    await this.all(
      client,
      SQL.insertSignup,
      signupId,
      shiftId,
      personId,
      status,
      Number(claimed.nextQueueNumber),
      stamp,
    );
    if (status === 'CONFIRMED') {
      const notice = confirmationNotice(str(person.locale), context.startsAt, context.meetingPoint);
      await this.all(
        client,
        SQL.insertNotification,
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
    return this.pool.end();
  }
}
