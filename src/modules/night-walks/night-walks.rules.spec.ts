import { DateTime } from 'luxon';
import {
  checkInOpen,
  expandSeries,
  MAX_SERIES_OCCURRENCES,
  overlaps,
  SeriesError,
  shiftShapeProblems,
  signupClosed,
} from './night-walks.rules';

const stockholm = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
const local = (instant: Date) =>
  DateTime.fromJSDate(instant, { zone: 'Europe/Stockholm' }).toFormat('ccc yyyy-MM-dd HH:mm');

describe('series expansion', () => {
  it('keeps weekly 21:00 walks at 21:00 local across the last Sunday of March', () => {
    const walks = expandSeries({
      rrule: 'FREQ=WEEKLY;BYDAY=FR,SA',
      firstStartsAt: stockholm('2027-03-19T21:00'),
      durationMinutes: 120,
      until: stockholm('2027-04-04T00:00'),
    });
    expect(walks.map((walk) => local(walk.startsAt))).toEqual([
      'Fri 2027-03-19 21:00',
      'Sat 2027-03-20 21:00',
      'Fri 2027-03-26 21:00',
      'Sat 2027-03-27 21:00',
      'Fri 2027-04-02 21:00',
      'Sat 2027-04-03 21:00',
    ]);
    // Winter time is UTC+1, summer time UTC+2: the same wall-clock time is a different UTC hour.
    expect(walks[3].startsAt.toISOString()).toBe('2027-03-27T20:00:00.000Z');
    expect(walks[4].startsAt.toISOString()).toBe('2027-04-02T19:00:00.000Z');
    expect(
      walks.every((walk) => walk.endsAt.getTime() - walk.startsAt.getTime() === 2 * 3600_000),
    ).toBe(true);
  });

  it('keeps them at 21:00 across the last Sunday of October', () => {
    const walks = expandSeries({
      rrule: 'FREQ=WEEKLY;BYDAY=SA',
      firstStartsAt: stockholm('2026-10-17T21:00'),
      durationMinutes: 120,
      until: stockholm('2026-11-08T00:00'),
    });
    expect(walks.map((walk) => local(walk.startsAt))).toEqual([
      'Sat 2026-10-17 21:00',
      'Sat 2026-10-24 21:00',
      'Sat 2026-10-31 21:00',
      'Sat 2026-11-07 21:00',
    ]);
    expect(walks[1].startsAt.toISOString()).toBe('2026-10-24T19:00:00.000Z');
    expect(walks[2].startsAt.toISOString()).toBe('2026-10-31T20:00:00.000Z');
  });

  it('gives a walk from 22:00 to 02:00 the right date at both ends', () => {
    const [walk] = expandSeries({
      rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=1',
      firstStartsAt: stockholm('2026-11-27T22:00'),
      durationMinutes: 240,
    });
    expect(local(walk.startsAt)).toBe('Fri 2026-11-27 22:00');
    expect(local(walk.endsAt)).toBe('Sat 2026-11-28 02:00');
  });

  it('starts at the first matching day on or after firstStartsAt', () => {
    const walks = expandSeries({
      rrule: 'FREQ=WEEKLY;BYDAY=FR,SA;COUNT=3',
      firstStartsAt: stockholm('2026-11-25T21:00'), // a Wednesday
      durationMinutes: 120,
    });
    expect(walks.map((walk) => local(walk.startsAt))).toEqual([
      'Fri 2026-11-27 21:00',
      'Sat 2026-11-28 21:00',
      'Fri 2026-12-04 21:00',
    ]);
  });

  it.each([
    ['nonsense', 'not a rule'],
    ['a DTSTART', 'DTSTART:20261127T210000\nRRULE:FREQ=WEEKLY'],
    ['an hourly rule', 'FREQ=HOURLY'],
    ['no end', 'FREQ=WEEKLY;BYDAY=FR'],
    ['a rule with no date', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1'],
  ])('refuses %s', (_case, rrule) => {
    expect(() =>
      expandSeries({ rrule, firstStartsAt: stockholm('2026-11-27T21:00'), durationMinutes: 120 }),
    ).toThrow(SeriesError);
  });

  it(`refuses more than ${MAX_SERIES_OCCURRENCES} walks`, () => {
    expect(() =>
      expandSeries({
        rrule: 'FREQ=DAILY',
        firstStartsAt: stockholm('2026-11-27T21:00'),
        durationMinutes: 120,
        until: stockholm('2027-11-27T21:00'),
      }),
    ).toThrow(/at most/);
  });
});

describe('shift rules', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const shape = {
    startsAt: new Date('2026-11-27T20:00:00Z'),
    endsAt: new Date('2026-11-28T00:00:00Z'),
    minWalkers: 3,
    maxWalkers: 6,
    signupDeadline: new Date('2026-11-27T18:00:00Z'),
  };

  it('accepts a well-formed shift', () => {
    expect(shiftShapeProblems(shape, now)).toEqual({});
  });

  it.each([
    ['endsAt', { endsAt: shape.startsAt }],
    ['endsAt', { endsAt: new Date('2026-11-28T09:00:00Z') }],
    [
      'startsAt',
      {
        startsAt: new Date('2026-11-22T11:00:00Z'),
        signupDeadline: new Date('2026-11-22T10:00:00Z'),
      },
    ],
    ['minWalkers', { minWalkers: 1 }],
    ['maxWalkers', { maxWalkers: 2 }],
    ['signupDeadline', { signupDeadline: new Date('2026-11-27T21:00:00Z') }],
  ])('names %s when it is wrong', (field, change) => {
    expect(Object.keys(shiftShapeProblems({ ...shape, ...change }, now))).toContain(field);
  });

  it('treats intervals as half-open', () => {
    const a = { startsAt: new Date('2026-11-27T20:00Z'), endsAt: new Date('2026-11-28T00:00Z') };
    expect(
      overlaps(a, {
        startsAt: new Date('2026-11-28T00:00Z'),
        endsAt: new Date('2026-11-28T02:00Z'),
      }),
    ).toBe(false);
    expect(
      overlaps(a, {
        startsAt: new Date('2026-11-27T23:59Z'),
        endsAt: new Date('2026-11-28T02:00Z'),
      }),
    ).toBe(true);
    expect(
      overlaps(a, {
        startsAt: new Date('2026-11-27T21:00Z'),
        endsAt: new Date('2026-11-27T22:00Z'),
      }),
    ).toBe(true);
  });

  it('closes signups after the deadline or the start, and opens check-in an hour before', () => {
    expect(signupClosed(shape, new Date('2026-11-27T18:00:00Z'))).toBe(false);
    expect(signupClosed(shape, new Date('2026-11-27T18:00:01Z'))).toBe(true);
    expect(signupClosed({ ...shape, signupDeadline: shape.startsAt }, shape.startsAt)).toBe(true);
    expect(checkInOpen(shape, new Date('2026-11-27T18:59:00Z'))).toBe(false);
    expect(checkInOpen(shape, new Date('2026-11-27T19:00:00Z'))).toBe(true);
    expect(checkInOpen(shape, shape.endsAt)).toBe(false);
    expect(checkInOpen(shape, shape.endsAt, { byCoordinator: true })).toBe(true);
    expect(checkInOpen(shape, new Date('2026-11-27T18:59:00Z'), { byCoordinator: true })).toBe(
      false,
    );
  });
});
