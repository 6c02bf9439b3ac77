import { Prng } from './prng';
import { stockholmDayNumber, stockholmInstant } from './stockholm-time';

/** How much data to build. */
export interface DatasetSize {
  readonly organisations: number;
  readonly districts: number;
  readonly volunteers: number;
  readonly walks: number;
  readonly signups: number;
  readonly hotWalks: number;
  /** How many walks Q2 cycles over. */
  readonly q2Walks: number;
  /** At most this many (volunteer, walk) pairs for M2. */
  readonly spreadPairs: number;
}

export const FULL_SIZE: DatasetSize = {
  organisations: 50,
  districts: 5,
  volunteers: 2000,
  walks: 20_000,
  signups: 100_000,
  hotWalks: 10,
  q2Walks: 200,
  spreadPairs: 100_000,
};

export const SMOKE_SIZE: DatasetSize = {
  organisations: 5,
  districts: 3,
  volunteers: 100,
  walks: 500,
  signups: 2000,
  hotWalks: 10,
  q2Walks: 50,
  spreadPairs: 10_000,
};

/** A value as the harness holds it; database.ts turns it into what each dialect stores. */
export type Cell = string | number | boolean | Date | null;

export interface Table {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: Cell[][];
}

/** Someone the bench acts as: their person id and the session their access token names. */
export interface Account {
  readonly personId: string;
  readonly sessionId: string;
}

export interface SignupPair {
  /** Index into `Dataset.volunteers`. */
  readonly volunteer: number;
  readonly shiftId: string;
}

export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

export interface Dataset {
  readonly now: number;
  readonly size: DatasetSize;
  /** In an order that satisfies the foreign keys. */
  readonly tables: readonly Table[];
  readonly coordinator: Account;
  readonly volunteers: readonly Account[];
  readonly q1Window: TimeWindow;
  readonly q1LargeWindow: TimeWindow;
  readonly q2ShiftIds: readonly string[];
  /** Every (volunteer, hot walk) pair, walk after walk: concurrent requests hit the same row. */
  readonly hotPairs: readonly SignupPair[];
  /** Valid signups for M2, shuffled; each usable once. */
  readonly spreadPairs: readonly SignupPair[];
  readonly summary: Readonly<Record<string, number>>;
}

/** Past walks from this many days ago; future walks up to this many days ahead (a year in all). */
const HISTORY_DAYS = 182;
/** Past walks end at least a day before the run: no job has anything left to do on them. */
const LAST_PAST_DAY = -2;
const Q1_DAYS = 14;
const Q1_LARGE_DAYS = 42;
/** M2 only signs up for walks after Q1-large's window, so the reads answer the same all run. */
const FIRST_SPREAD_DAY = 1 + Q1_LARGE_DAYS + 1;
const FIRST_HOT_DAY = FIRST_SPREAD_DAY + 1;
const SEED = 20_261_204;
const MUNICIPALITY = 'Trollhättan';
const DISTRICT_NAMES = [
  'Kronogården',
  'Lextorp',
  'Sylte',
  'Centrum',
  'Skoftebyn',
  'Hjulkvarn',
  'Halvorstorp',
];
const FIRST_NAMES = ['Anna', 'Erik', 'Åsa', 'Lars', 'Märta', 'Omar', 'Lina', 'Jörgen', 'Sara'];
const LAST_NAMES = ['Andersson', 'Öberg', 'Karlsson', 'Ali', 'Nilsson', 'Ström', 'Lindqvist'];
/** Nobody signs in with a password: a well-formed placeholder that matches no password. */
const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0$YmVuY2hwbGFjZWhvbGRlcmhhc2g';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface Organisation {
  readonly id: string;
  readonly districtIds: string[];
  readonly members: number[];
}

interface Walk {
  readonly id: string;
  readonly organisation: number;
  readonly districtId: string;
  /** Days from today (Stockholm). */
  readonly day: number;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly minWalkers: number;
  readonly maxWalkers: number;
  readonly future: boolean;
  readonly hot: boolean;
  readonly status: string;
  /** Volunteers in order of arrival; the first `seated` hold places. */
  readonly arrivals: number[];
  seated: number;
}

/** Builds the whole dataset in memory; the same seed and day give the same data. */
export function buildDataset(size: DatasetSize, now: number = Date.now()): Dataset {
  return new DatasetBuilder(size, now).build();
}

class DatasetBuilder {
  private readonly prng = new Prng(SEED);
  private readonly today: number;
  private readonly districtIds: string[] = [];
  private readonly organisations: Organisation[] = [];
  private readonly walks: Walk[] = [];
  /** `volunteer:day` keys of the days a volunteer already holds a place on a walk. */
  private readonly busy = new Set<number>();
  private readonly coordinator: Account;
  private readonly volunteers: Account[] = [];
  private readonly tables = new Map<string, Table>();

  constructor(
    private readonly size: DatasetSize,
    private readonly now: number,
  ) {
    this.today = stockholmDayNumber(now);
    this.coordinator = { personId: this.prng.uuid(), sessionId: this.prng.uuid() };
    for (let i = 0; i < size.volunteers; i += 1) {
      this.volunteers.push({ personId: this.prng.uuid(), sessionId: this.prng.uuid() });
    }
    for (const [name, columns] of Object.entries(COLUMNS)) {
      this.tables.set(name, { name, columns, rows: [] });
    }
  }

  build(): Dataset {
    this.addDistricts();
    this.addPeople();
    this.addOrganisations();
    const hot = this.addHotOrganisation();
    this.addMemberships(hot);
    this.planWalks();
    this.planSignups();
    this.addHotWalks(hot);
    this.writeWalksAndSignups();
    this.addSessions();
    const tables = [...this.tables.values()];
    return {
      now: this.now,
      size: this.size,
      tables,
      coordinator: this.coordinator,
      volunteers: this.volunteers,
      q1Window: this.window(Q1_DAYS),
      q1LargeWindow: this.window(Q1_LARGE_DAYS),
      q2ShiftIds: this.q2ShiftIds(),
      hotPairs: this.hotPairs(),
      spreadPairs: this.spreadPairs(),
      summary: Object.fromEntries(tables.map((table) => [table.name, table.rows.length])),
    };
  }

  private row(table: keyof typeof COLUMNS, values: Record<string, Cell>): void {
    const target = this.tables.get(table);
    if (!target) throw new Error(`unknown table ${table}`);
    target.rows.push(
      target.columns.map((column) => {
        const value = values[column];
        if (value === undefined) throw new Error(`${table}.${column} has no value`);
        return value;
      }),
    );
  }

  private instant(day: number, minutes: number): number {
    return stockholmInstant(this.today + day, minutes);
  }

  private window(days: number): TimeWindow {
    return { from: this.instant(1, 0), to: this.instant(1 + days, 0) };
  }

  private addDistricts(): void {
    const createdAt = new Date(this.now - 400 * DAY);
    for (let i = 0; i < this.size.districts; i += 1) {
      const id = this.prng.uuid();
      this.districtIds.push(id);
      const name =
        DISTRICT_NAMES[i % DISTRICT_NAMES.length] + (i >= DISTRICT_NAMES.length ? i : '');
      this.row('districts', { id, name, municipality: MUNICIPALITY, createdAt });
    }
  }

  private addPeople(): void {
    const createdAt = new Date(this.now - 300 * DAY);
    const person = (id: string, email: string, displayName: string, protectedIdentity: boolean) =>
      this.row('people', {
        id,
        email,
        displayName,
        phone: null,
        passwordHash: PASSWORD_HASH,
        systemRole: null,
        protectedIdentity,
        locale: 'sv',
        emailVerifiedAt: createdAt,
        createdAt,
        updatedAt: createdAt,
      });
    person(this.coordinator.personId, 'coordinator@bench.invalid', 'Bench Koordinator', false);
    this.volunteers.forEach((volunteer, index) => {
      const name = `${this.prng.pick(FIRST_NAMES)} ${this.prng.pick(LAST_NAMES)}`;
      // A few protected identities: their names must read "Skyddad identitet" in Q1.
      const hidden = this.prng.chance(0.02);
      person(volunteer.personId, `volunteer${index}@bench.invalid`, name, hidden);
    });
  }

  private addOrganisation(name: string, number: number, districtIds: string[]): Organisation {
    const createdAt = new Date(this.now - 365 * DAY);
    const organisation: Organisation = { id: this.prng.uuid(), districtIds, members: [] };
    this.row('organisations', {
      id: organisation.id,
      name,
      organisationNumber: organisationNumber(number),
      kind: 'NIGHT_WALK_GROUP',
      description: `${name} nattvandrar i ${MUNICIPALITY}.`,
      publicContact: null,
      status: 'VERIFIED',
      statusReason: null,
      verifiedAt: createdAt,
      createdAt,
      updatedAt: createdAt,
    });
    for (const districtId of districtIds) {
      this.row('organisation_districts', { organisationId: organisation.id, districtId });
    }
    return organisation;
  }

  private addOrganisations(): void {
    for (let i = 0; i < this.size.organisations; i += 1) {
      const districts = this.prng.shuffle([...this.districtIds]).slice(0, this.prng.int(1, 2));
      // Sorted by name these come before "Hot", so Q1's pages never list it.
      const name = `Föreningen Nattvandrarna ${String(i + 1).padStart(2, '0')}`;
      this.organisations.push(this.addOrganisation(name, i + 1, districts));
    }
  }

  private addHotOrganisation(): Organisation {
    return this.addOrganisation('Hot', 999, [this.districtIds[0]]);
  }

  private membership(organisationId: string, personId: string, role: string): void {
    const joinedAt = new Date(this.now - 200 * DAY);
    this.row('memberships', {
      id: this.prng.uuid(),
      organisationId,
      personId,
      invitedEmail: null,
      role,
      status: 'ACTIVE',
      invitedById: null,
      invitationTokenHash: null,
      invitationExpiresAt: null,
      joinedAt,
      leftAt: null,
      createdAt: joinedAt,
      updatedAt: joinedAt,
    });
  }

  private addMemberships(hot: Organisation): void {
    for (const organisation of this.organisations) {
      this.membership(organisation.id, this.coordinator.personId, 'COORDINATOR');
    }
    this.volunteers.forEach((volunteer, index) => {
      const count = Math.min(this.prng.int(1, 3), this.organisations.length);
      const chosen = this.prng.shuffle(this.organisations.map((_, i) => i)).slice(0, count);
      for (const organisation of chosen) {
        this.organisations[organisation].members.push(index);
        this.membership(this.organisations[organisation].id, volunteer.personId, 'VOLUNTEER');
      }
      hot.members.push(index);
      this.membership(hot.id, volunteer.personId, 'VOLUNTEER');
    });
  }

  /** Evening walks, half of them over the past half year, half over the next. */
  private planWalks(): void {
    const past = Math.floor(this.size.walks / 2);
    for (let i = 0; i < this.size.walks; i += 1) {
      const future = i >= past;
      const day = future
        ? this.prng.int(1, HISTORY_DAYS)
        : this.prng.int(-HISTORY_DAYS, LAST_PAST_DAY);
      const organisation = this.prng.int(0, this.organisations.length - 1);
      // 17:00–21:00, two to four hours: every walk ends by 01:00, before the next evening.
      const start = 17 * 60 + 30 * this.prng.int(0, 8);
      const minWalkers = this.prng.int(2, 3);
      this.walks.push({
        id: this.prng.uuid(),
        organisation,
        districtId: this.prng.pick(this.organisations[organisation].districtIds),
        day,
        startsAt: this.instant(day, start),
        endsAt: this.instant(day, start + 120 + 30 * this.prng.int(0, 4)),
        minWalkers,
        maxWalkers: this.prng.int(Math.max(4, minWalkers), 8),
        future,
        hot: false,
        status: future ? (this.prng.chance(0.3) ? 'CONFIRMED' : 'PLANNED') : 'COMPLETED',
        arrivals: [],
        seated: 0,
      });
    }
    this.walks.sort((a, b) => a.startsAt - b.startsAt);
  }

  private busyKey(volunteer: number, day: number): number {
    return volunteer * 1024 + day + 512;
  }

  /** Seats the volunteer when the walk has room and they hold no other place that day. */
  private trySeat(walk: Walk, volunteer: number): boolean {
    const key = this.busyKey(volunteer, walk.day);
    if (walk.seated >= walk.maxWalkers || this.busy.has(key) || walk.arrivals.includes(volunteer)) {
      return false;
    }
    // Seated walkers come first in arrival order: nobody waits while a place is free.
    walk.arrivals.push(volunteer);
    walk.seated += 1;
    this.busy.add(key);
    return true;
  }

  /** Waitlists the volunteer on a full future walk they are not on yet. */
  private tryWaitlist(walk: Walk, volunteer: number): boolean {
    if (!walk.future || walk.seated < walk.maxWalkers || walk.arrivals.includes(volunteer)) {
      return false;
    }
    walk.arrivals.push(volunteer);
    return true;
  }

  private tryAdd(walk: Walk, volunteer: number): boolean {
    return this.trySeat(walk, volunteer) || this.tryWaitlist(walk, volunteer);
  }

  /** Exactly `size.signups` signups: a planned number per walk, then the shortfall spread out. */
  private planSignups(): void {
    const targets = this.signupTargets();
    let missing = 0;
    this.walks.forEach((walk, index) => {
      missing += targets[index] - this.fill(walk, targets[index]);
    });
    const order = this.prng.shuffle(this.walks.map((_, i) => i));
    for (let pass = 0; pass < 20 && missing > 0; pass += 1) {
      for (const index of order) {
        if (missing === 0) break;
        if (this.fill(this.walks[index], this.walks[index].arrivals.length + 1) > 0) missing -= 1;
      }
    }
    if (missing > 0) throw new Error(`could not place ${missing} signups: dataset too dense`);
  }

  /** Adds members until the walk has `target` signups; returns how many it added. */
  private fill(walk: Walk, target: number): number {
    const members = this.prng.shuffle([...this.organisations[walk.organisation].members]);
    let added = 0;
    for (const volunteer of members) {
      if (walk.arrivals.length >= target) break;
      if (this.tryAdd(walk, volunteer)) added += 1;
    }
    return added;
  }

  private signupTargets(): number[] {
    const average = this.size.signups / this.walks.length;
    const capOf = (walk: Walk) => (walk.future ? walk.maxWalkers + 3 : walk.maxWalkers);
    const targets = this.walks.map((walk) =>
      Math.max(1, Math.min(capOf(walk), Math.round(average + this.prng.int(-2, 2)))),
    );
    let difference = this.size.signups - targets.reduce((sum, target) => sum + target, 0);
    while (difference !== 0) {
      const index = this.prng.int(0, targets.length - 1);
      if (difference > 0 && targets[index] < capOf(this.walks[index])) {
        targets[index] += 1;
        difference -= 1;
      } else if (difference < 0 && targets[index] > 1) {
        targets[index] -= 1;
        difference += 1;
      }
    }
    return targets;
  }

  /** 10:00–12:00 on separate days, after Q1-large's window: nothing else runs at that time. */
  private addHotWalks(hot: Organisation): void {
    this.organisations.push(hot);
    const organisation = this.organisations.length - 1;
    for (let i = 0; i < this.size.hotWalks; i += 1) {
      const day = FIRST_HOT_DAY + i;
      this.walks.push({
        id: this.prng.uuid(),
        organisation,
        districtId: hot.districtIds[0],
        day,
        startsAt: this.instant(day, 10 * 60),
        endsAt: this.instant(day, 12 * 60),
        minWalkers: 2,
        maxWalkers: 10,
        future: true,
        hot: true,
        status: 'PLANNED',
        arrivals: [],
        seated: 0,
      });
    }
  }

  private writeWalksAndSignups(): void {
    const reminded = new Date(this.now);
    for (const walk of this.walks) {
      const createdAt = new Date(this.now - 190 * DAY);
      this.row('shifts', {
        id: walk.id,
        organisationId: this.organisations[walk.organisation].id,
        districtId: walk.districtId,
        seriesId: null,
        startsAt: new Date(walk.startsAt),
        endsAt: new Date(walk.endsAt),
        meetingPoint: `Torget, ${walk.hot ? 'Hot' : 'mötesplats'} ${walk.day}`,
        minWalkers: walk.minWalkers,
        maxWalkers: walk.maxWalkers,
        requiredCredentials: '[]',
        signupDeadline: new Date(walk.startsAt - (walk.hot ? 60 : 120) * MINUTE),
        status: walk.status,
        cancelReason: null,
        confirmedCount: walk.seated,
        waitlistCount: walk.arrivals.length - walk.seated,
        nextQueueNumber: walk.arrivals.length,
        // Walks within two days count as reminded: the reminder job has nothing to do mid-run.
        reminderSentAt: !walk.future
          ? new Date(walk.startsAt - DAY)
          : walk.startsAt - this.now < 2 * DAY
            ? reminded
            : null,
        createdById: this.coordinator.personId,
        createdAt,
        updatedAt: createdAt,
      });
      walk.arrivals.forEach((volunteer, index) => this.writeSignup(walk, volunteer, index));
    }
  }

  private writeSignup(walk: Walk, volunteer: number, index: number): void {
    const seated = index < walk.seated;
    const attended = !walk.future && this.prng.chance(0.85);
    const status = walk.future
      ? seated
        ? 'CONFIRMED'
        : 'WAITLISTED'
      : attended
        ? 'ATTENDED'
        : 'NO_SHOW';
    // Signed up in order of arrival, before the walk (and, for future walks, before now).
    const first = Math.min(walk.startsAt, this.now) - 14 * DAY;
    this.row('signups', {
      id: this.prng.uuid(),
      shiftId: walk.id,
      personId: this.volunteers[volunteer].personId,
      status,
      queueNumber: index + 1,
      createdAt: new Date(first + index * 37 * MINUTE),
      checkedInAt: attended ? new Date(walk.startsAt - this.prng.int(0, 30) * MINUTE) : null,
      promotedAt: null,
      cancelledAt: null,
    });
  }

  private addSessions(): void {
    const createdAt = new Date(this.now - 60 * MINUTE);
    for (const account of [this.coordinator, ...this.volunteers]) {
      this.row('auth_sessions', {
        id: account.sessionId,
        personId: account.personId,
        createdAt,
        revokedAt: null,
        revokedReason: null,
      });
    }
  }

  private q2ShiftIds(): string[] {
    const future = this.walks.filter((walk) => walk.future && !walk.hot);
    return this.prng
      .shuffle(future.map((walk) => walk.id))
      .slice(0, Math.min(this.size.q2Walks, future.length));
  }

  private hotPairs(): SignupPair[] {
    return this.walks
      .filter((walk) => walk.hot)
      .flatMap((walk) =>
        this.prng
          .shuffle(this.volunteers.map((_, index) => index))
          .map((volunteer) => ({ volunteer, shiftId: walk.id })),
      );
  }

  /**
   * One pair per volunteer and day at most, on days they hold no place: whatever order the
   * requests run in and whatever each answers (a place or the waitlist), none conflicts with another.
   */
  private spreadPairs(): SignupPair[] {
    const byOrganisationDay = new Map<number, Walk[]>();
    for (const walk of this.walks) {
      if (walk.hot || walk.day < FIRST_SPREAD_DAY) continue;
      const key = walk.organisation * 1024 + walk.day;
      byOrganisationDay.set(key, [...(byOrganisationDay.get(key) ?? []), walk]);
    }
    const organisationsOf = new Map<number, number[]>();
    this.organisations.forEach((organisation, index) => {
      if (index === this.organisations.length - 1) return; // Hot: M1's walks only
      for (const member of organisation.members) {
        organisationsOf.set(member, [...(organisationsOf.get(member) ?? []), index]);
      }
    });
    const pairs: SignupPair[] = [];
    this.volunteers.forEach((_, volunteer) => {
      for (let day = FIRST_SPREAD_DAY; day <= HISTORY_DAYS; day += 1) {
        if (this.busy.has(this.busyKey(volunteer, day))) continue;
        const candidates = (organisationsOf.get(volunteer) ?? [])
          .flatMap((organisation) => byOrganisationDay.get(organisation * 1024 + day) ?? [])
          .filter((walk) => !walk.arrivals.includes(volunteer));
        if (candidates.length > 0) {
          pairs.push({ volunteer, shiftId: this.prng.pick(candidates).id });
        }
      }
    });
    return this.prng.shuffle(pairs).slice(0, this.size.spreadPairs);
  }
}

/** Column lists per table: every NOT NULL column of the migrated schema, and the nullable ones. */
const COLUMNS = {
  districts: ['id', 'name', 'municipality', 'createdAt'],
  people: [
    'id',
    'email',
    'displayName',
    'phone',
    'passwordHash',
    'systemRole',
    'protectedIdentity',
    'locale',
    'emailVerifiedAt',
    'createdAt',
    'updatedAt',
  ],
  organisations: [
    'id',
    'name',
    'organisationNumber',
    'kind',
    'description',
    'publicContact',
    'status',
    'statusReason',
    'verifiedAt',
    'createdAt',
    'updatedAt',
  ],
  organisation_districts: ['organisationId', 'districtId'],
  memberships: [
    'id',
    'organisationId',
    'personId',
    'invitedEmail',
    'role',
    'status',
    'invitedById',
    'invitationTokenHash',
    'invitationExpiresAt',
    'joinedAt',
    'leftAt',
    'createdAt',
    'updatedAt',
  ],
  shifts: [
    'id',
    'organisationId',
    'districtId',
    'seriesId',
    'startsAt',
    'endsAt',
    'meetingPoint',
    'minWalkers',
    'maxWalkers',
    'requiredCredentials',
    'signupDeadline',
    'status',
    'cancelReason',
    'confirmedCount',
    'waitlistCount',
    'nextQueueNumber',
    'reminderSentAt',
    'createdById',
    'createdAt',
    'updatedAt',
  ],
  signups: [
    'id',
    'shiftId',
    'personId',
    'status',
    'queueNumber',
    'createdAt',
    'checkedInAt',
    'promotedAt',
    'cancelledAt',
  ],
  auth_sessions: ['id', 'personId', 'createdAt', 'revokedAt', 'revokedReason'],
} as const satisfies Record<string, readonly string[]>;

/** NNNNNN-NNNN with a Luhn check digit, as the organisations module requires. */
function organisationNumber(sequence: number): string {
  const digits = `802${String(sequence).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let value = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (value > 9) value -= 9;
    sum += value;
  }
  const check = (10 - (sum % 10)) % 10;
  return `${digits.slice(0, 6)}-${digits.slice(6)}${check}`;
}
