import { DateTime } from 'luxon';
import { OrganisationKind } from '../organisations';
import {
  BookingContext,
  BookingRefusalCode,
  bookingShapeProblems,
  BookingSight,
  bookingSight,
  busyFor,
  conflictingBooking,
  freeIntervals,
  HeldBooking,
  isConfidential,
  isoWeekOf,
  mayBook,
  minutesPerIsoWeek,
  quotaRefusal,
  refusalFor,
  resourceRuleProblems,
  ResourceRules,
  seesSchedule,
  Viewer,
  windowEnd,
  windowRefusal,
} from './bookings.rules';
import { BookableBy } from './entities/resource.entity';

const at = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Stockholm' }).toJSDate();
const interval = (from: string, to: string) => ({ startsAt: at(from), endsAt: at(to) });
const held = (id: string, from: string, to: string, bufferMinutes = 0): HeldBooking => ({
  id,
  ...interval(from, to),
  blockedUntil: new Date(at(to).getTime() + bufferMinutes * 60_000),
});

const RULES: ResourceRules = {
  ownerOrganisationId: null,
  bookableBy: BookableBy.ALL_VERIFIED,
  allowedKinds: [],
  capacity: null,
  bufferMinutes: 0,
  minDurationMinutes: null,
  maxDurationMinutes: null,
  bookingWindowDays: null,
  weeklyQuotaHours: null,
};

describe('overlap with buffers (half-open intervals)', () => {
  const existing = [held('a', '2027-01-12T18:00', '2027-01-12T20:00')];

  it('lets a booking start when the previous one ends, without a buffer', () => {
    expect(conflictingBooking(interval('2027-01-12T20:00', '2027-01-12T21:00'), 0, existing)).toBe(
      null,
    );
    expect(conflictingBooking(interval('2027-01-12T17:00', '2027-01-12T18:00'), 0, existing)).toBe(
      null,
    );
  });

  it('refuses any overlap, even a minute', () => {
    expect(
      conflictingBooking(interval('2027-01-12T19:59', '2027-01-12T21:00'), 0, existing)?.id,
    ).toBe('a');
    expect(
      conflictingBooking(interval('2027-01-12T17:00', '2027-01-12T18:01'), 0, existing)?.id,
    ).toBe('a');
    expect(
      conflictingBooking(interval('2027-01-12T17:00', '2027-01-12T21:00'), 0, existing)?.id,
    ).toBe('a');
  });

  it('keeps the buffer on both sides', () => {
    const buffered = [held('a', '2027-01-12T18:00', '2027-01-12T20:00', 30)];
    expect(
      conflictingBooking(interval('2027-01-12T20:29', '2027-01-12T21:00'), 30, buffered)?.id,
    ).toBe('a');
    expect(conflictingBooking(interval('2027-01-12T20:30', '2027-01-12T21:00'), 30, buffered)).toBe(
      null,
    );
    expect(
      conflictingBooking(interval('2027-01-12T16:00', '2027-01-12T17:31'), 30, buffered)?.id,
    ).toBe('a');
    expect(conflictingBooking(interval('2027-01-12T16:00', '2027-01-12T17:30'), 30, buffered)).toBe(
      null,
    );
  });

  it("applies today's buffer when it has grown since a booking was made", () => {
    // Booked without a buffer; the resource now keeps 60 minutes between bookings.
    expect(
      conflictingBooking(interval('2027-01-12T20:30', '2027-01-12T21:00'), 60, existing)?.id,
    ).toBe('a');
    expect(conflictingBooking(interval('2027-01-12T21:00', '2027-01-12T22:00'), 60, existing)).toBe(
      null,
    );
  });
});

describe('who may book', () => {
  const organisation = { id: 'org', kind: OrganisationKind.NIGHT_WALK_GROUP };

  it('follows bookableBy, and always lets the owner book its own resource', () => {
    expect(mayBook({ ...RULES }, organisation)).toBe(true);
    expect(
      mayBook(
        { ...RULES, ownerOrganisationId: 'x', bookableBy: BookableBy.OWNER_ONLY },
        organisation,
      ),
    ).toBe(false);
    expect(
      mayBook(
        { ...RULES, ownerOrganisationId: 'org', bookableBy: BookableBy.OWNER_ONLY },
        organisation,
      ),
    ).toBe(true);
    const listed = { ...RULES, bookableBy: BookableBy.LISTED_KINDS };
    expect(
      mayBook({ ...listed, allowedKinds: [OrganisationKind.NIGHT_WALK_GROUP] }, organisation),
    ).toBe(true);
    expect(
      mayBook({ ...listed, allowedKinds: [OrganisationKind.WOMENS_SHELTER] }, organisation),
    ).toBe(false);
  });
});

describe('resource rules', () => {
  const shape = { ...RULES };

  it('accepts the defaults and refuses rules that contradict each other', () => {
    expect(resourceRuleProblems(shape)).toEqual({});
    expect(
      Object.keys(resourceRuleProblems({ ...shape, bookableBy: BookableBy.OWNER_ONLY })),
    ).toEqual(['bookableBy']);
    expect(
      Object.keys(resourceRuleProblems({ ...shape, bookableBy: BookableBy.LISTED_KINDS })),
    ).toEqual(['allowedKinds']);
    expect(
      Object.keys(
        resourceRuleProblems({ ...shape, allowedKinds: [OrganisationKind.NIGHT_WALK_GROUP] }),
      ),
    ).toEqual(['allowedKinds']);
    expect(
      Object.keys(
        resourceRuleProblems({ ...shape, minDurationMinutes: 60, maxDurationMinutes: 30 }),
      ),
    ).toEqual(['maxDurationMinutes']);
  });
});

describe('booking shape', () => {
  it('needs the end after the start, within the duration limits and the capacity', () => {
    const limited = { ...RULES, minDurationMinutes: 60, maxDurationMinutes: 240, capacity: 8 };
    expect(bookingShapeProblems(limited, interval('2027-01-12T18:00', '2027-01-12T18:00'))).toEqual(
      {
        endsAt: ['must be after startsAt'],
      },
    );
    expect(
      Object.keys(bookingShapeProblems(limited, interval('2027-01-12T18:00', '2027-01-12T18:59'))),
    ).toEqual(['endsAt']);
    expect(
      Object.keys(bookingShapeProblems(limited, interval('2027-01-12T18:00', '2027-01-12T22:01'))),
    ).toEqual(['endsAt']);
    expect(
      bookingShapeProblems(limited, interval('2027-01-12T18:00', '2027-01-12T22:00'), 8),
    ).toEqual({});
    expect(
      Object.keys(
        bookingShapeProblems(limited, interval('2027-01-12T18:00', '2027-01-12T19:00'), 9),
      ),
    ).toEqual(['attendees']);
  });
});

describe('booking window', () => {
  const now = at('2027-01-12T10:00');

  it('refuses a start in the past', () => {
    expect(windowRefusal(interval('2027-01-12T09:59', '2027-01-12T11:00'), now, null)?.code).toBe(
      BookingRefusalCode.BOOKING_OUTSIDE_WINDOW,
    );
  });

  it('allows the whole last day of the window, in Stockholm time', () => {
    expect(windowEnd(now, 30)).toEqual(at('2027-02-12T00:00'));
    expect(windowRefusal(interval('2027-02-11T23:00', '2027-02-12T01:00'), now, 30)).toBe(null);
    expect(windowRefusal(interval('2027-02-12T00:00', '2027-02-12T01:00'), now, 30)?.code).toBe(
      BookingRefusalCode.BOOKING_OUTSIDE_WINDOW,
    );
    expect(windowRefusal(interval('2030-01-01T00:00', '2030-01-01T01:00'), now, null)).toBe(null);
  });
});

describe('weekly quota by ISO week in Stockholm', () => {
  it('names ISO weeks by their Monday in Stockholm, not in UTC', () => {
    expect(isoWeekOf(at('2027-01-17T23:30'))).toBe('2027-W02'); // Sunday night
    expect(isoWeekOf(at('2027-01-18T00:30'))).toBe('2027-W03'); // Monday, still Sunday in UTC
    expect(isoWeekOf(at('2027-01-01T12:00'))).toBe('2026-W53');
  });

  it('splits a booking across a week boundary', () => {
    expect(minutesPerIsoWeek(interval('2027-01-17T22:00', '2027-01-18T02:00'))).toEqual(
      new Map([
        ['2027-W02', 120],
        ['2027-W03', 120],
      ]),
    );
  });

  it('counts real minutes across a daylight-saving change', () => {
    // Sunday 28 March 2027, 02:00 → 03:00: the night is an hour shorter.
    expect(minutesPerIsoWeek(interval('2027-03-27T22:00', '2027-03-28T06:00'))).toEqual(
      new Map([['2027-W12', 7 * 60]]),
    );
  });

  it('refuses what would take a week over the quota, and allows exactly the quota', () => {
    const own = [interval('2027-01-12T18:00', '2027-01-12T21:00')]; // 3 h in W02
    expect(quotaRefusal(interval('2027-01-14T18:00', '2027-01-14T19:00'), own, 4)).toBe(null);
    const refusal = quotaRefusal(interval('2027-01-14T18:00', '2027-01-14T19:01'), own, 4);
    expect(refusal).toMatchObject({
      code: BookingRefusalCode.BOOKING_QUOTA_EXCEEDED,
      isoWeek: '2027-W02',
      quotaMinutesLeft: 60,
    });
    // Another week is counted on its own.
    expect(quotaRefusal(interval('2027-01-19T18:00', '2027-01-19T22:00'), own, 4)).toBe(null);
    // Across midnight Sunday: one hour fits in W02 (3 + 1), the three after it count in W03.
    expect(quotaRefusal(interval('2027-01-17T23:00', '2027-01-18T03:00'), own, 4)).toBe(null);
    expect(quotaRefusal(interval('2027-01-17T22:00', '2027-01-18T01:00'), own, 4)?.isoWeek).toBe(
      '2027-W02',
    );
    expect(quotaRefusal(interval('2027-01-14T18:00', '2027-01-15T18:00'), own, null)).toBe(null);
  });

  it('reports whole minutes left, rounded down, when times carry seconds', () => {
    const own = [{ startsAt: at('2027-01-12T18:00:30'), endsAt: at('2027-01-12T21:00') }];
    const refusal = quotaRefusal(interval('2027-01-14T18:00', '2027-01-14T20:00'), own, 4);
    expect(refusal?.quotaMinutesLeft).toBe(60); // 60.5 minutes are left
    expect(Number.isInteger(refusal?.quotaMinutesLeft)).toBe(true);
  });
});

describe('refusalFor', () => {
  const context: BookingContext = {
    resource: { ...RULES, ownerOrganisationId: 'owner', weeklyQuotaHours: 2 },
    organisationId: 'booker',
    now: at('2027-01-10T12:00'),
    held: [held('taken', '2027-01-12T18:00', '2027-01-12T20:00')],
    blackouts: [{ id: 'closed', ...interval('2027-01-13T00:00', '2027-01-14T00:00') }],
    ownBookings: [],
  };

  it('reports the first rule broken and what it hit', () => {
    expect(refusalFor(interval('2027-01-12T19:00', '2027-01-12T20:00'), context)).toMatchObject({
      code: BookingRefusalCode.BOOKING_CONFLICT,
      bookingId: 'taken',
      startsAt: at('2027-01-12T18:00'),
      endsAt: at('2027-01-12T20:00'),
    });
    expect(refusalFor(interval('2027-01-13T10:00', '2027-01-13T11:00'), context)).toMatchObject({
      code: BookingRefusalCode.RESOURCE_BLACKED_OUT,
      blackoutId: 'closed',
    });
    expect(refusalFor(interval('2027-01-15T10:00', '2027-01-15T13:00'), context)?.code).toBe(
      BookingRefusalCode.BOOKING_QUOTA_EXCEEDED,
    );
    expect(refusalFor(interval('2027-01-09T10:00', '2027-01-09T11:00'), context)?.code).toBe(
      BookingRefusalCode.BOOKING_OUTSIDE_WINDOW,
    );
    expect(refusalFor(interval('2027-01-12T20:00', '2027-01-12T22:00'), context)).toBe(null);
  });

  it("does not count the owner's own bookings against the weekly quota", () => {
    const owners = { ...context, organisationId: 'owner' };
    expect(refusalFor(interval('2027-01-15T10:00', '2027-01-15T13:00'), owners)).toBe(null);
    // The other rules still hold for the owner.
    expect(refusalFor(interval('2027-01-13T10:00', '2027-01-13T11:00'), owners)?.code).toBe(
      BookingRefusalCode.RESOURCE_BLACKED_OUT,
    );
  });
});

describe('who sees what of a booking', () => {
  const viewer = (organisationIds: string[], role: 'officer' | 'admin' | null = null): Viewer => ({
    admin: role === 'admin',
    officer: role !== null,
    organisationIds: new Set(organisationIds),
  });
  const booking = { organisationId: 'booker' };
  const municipal = { ownerOrganisationId: null, bookableBy: BookableBy.ALL_VERIFIED };
  const owned = { ownerOrganisationId: 'owner', bookableBy: BookableBy.ALL_VERIFIED };
  const ownersOnly = { ownerOrganisationId: 'owner', bookableBy: BookableBy.OWNER_ONLY };

  it('shows everything to the parties: the booker, the owner, officers for municipal resources, ADMIN', () => {
    expect(bookingSight(viewer(['booker']), booking, owned)).toBe(BookingSight.FULL);
    expect(bookingSight(viewer(['owner']), booking, owned)).toBe(BookingSight.FULL);
    expect(bookingSight(viewer([], 'officer'), booking, municipal)).toBe(BookingSight.FULL);
    expect(bookingSight(viewer([], 'admin'), booking, owned)).toBe(BookingSight.FULL);
  });

  it('shows others only busy time, officers included for a booking between two organisations', () => {
    expect(bookingSight(viewer(['someone']), booking, owned)).toBe(BookingSight.BUSY);
    expect(bookingSight(viewer([]), booking, municipal)).toBe(BookingSight.BUSY);
    expect(bookingSight(viewer([], 'officer'), booking, owned)).toBe(BookingSight.BUSY);
  });

  it("shows the bookings of an OWNER_ONLY resource to the owner's members and officers only", () => {
    expect(bookingSight(viewer(['someone']), { organisationId: 'owner' }, ownersOnly)).toBe(
      BookingSight.NONE,
    );
    expect(seesSchedule(viewer(['someone']), ownersOnly)).toBe(false);
    expect(seesSchedule(viewer(['owner']), ownersOnly)).toBe(true);
    expect(seesSchedule(viewer([], 'officer'), ownersOnly)).toBe(true);
    expect(bookingSight(viewer([], 'officer'), { organisationId: 'owner' }, ownersOnly)).toBe(
      BookingSight.BUSY,
    );
    expect(seesSchedule(viewer(['someone']), owned)).toBe(true);
  });

  it("makes a women's shelter's booking confidential whatever it asks", () => {
    expect(isConfidential({ kind: OrganisationKind.WOMENS_SHELTER }, false)).toBe(true);
    expect(isConfidential({ kind: OrganisationKind.VOLUNTARY_ASSOCIATION }, undefined)).toBe(false);
    expect(isConfidential({ kind: OrganisationKind.VOLUNTARY_ASSOCIATION }, true)).toBe(true);
  });
});

describe('free intervals', () => {
  const range = interval('2027-01-12T08:00', '2027-01-12T22:00');

  it('is the range minus busy intervals, merged and clipped', () => {
    const free = freeIntervals(range, [
      interval('2027-01-12T10:00', '2027-01-12T12:00'),
      interval('2027-01-12T11:00', '2027-01-12T13:00'),
      interval('2027-01-12T18:00', '2027-01-12T23:00'),
      interval('2027-01-12T05:00', '2027-01-12T06:00'),
    ]);
    expect(free).toEqual([
      interval('2027-01-12T08:00', '2027-01-12T10:00'),
      interval('2027-01-12T13:00', '2027-01-12T18:00'),
    ]);
  });

  it('applies the buffer before and after each booking, and drops gaps too short to book', () => {
    const busy = [
      busyFor(held('a', '2027-01-12T10:00', '2027-01-12T12:00', 30), 30),
      busyFor(held('b', '2027-01-12T13:30', '2027-01-12T15:00', 30), 30),
    ];
    expect(freeIntervals(range, busy)).toEqual([
      interval('2027-01-12T08:00', '2027-01-12T09:30'),
      interval('2027-01-12T12:30', '2027-01-12T13:00'),
      interval('2027-01-12T15:30', '2027-01-12T22:00'),
    ]);
    expect(freeIntervals(range, busy, 60)).toEqual([
      interval('2027-01-12T08:00', '2027-01-12T09:30'),
      interval('2027-01-12T15:30', '2027-01-12T22:00'),
    ]);
  });

  it('is the whole range when nothing is booked, and nothing for an empty range', () => {
    expect(freeIntervals(range, [])).toEqual([range]);
    expect(freeIntervals(interval('2027-01-12T10:00', '2027-01-12T10:00'), [])).toEqual([]);
  });
});
