import { DateTime } from 'luxon';
import { RRule } from 'rrule';
import {
  expandRecurrence,
  MAX_RECURRENCE_YEARS,
  parseRecurrenceRule,
  RecurrenceError,
} from './recurrence';

const ZONE = 'Europe/Stockholm';
const stockholm = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const local = (instant: Date) =>
  DateTime.fromJSDate(instant, { zone: ZONE }).toFormat('ccc yyyy-MM-dd HH:mm');
const LIMITS = { maxOccurrences: 12, noun: 'bookings' };
const WIDE = { maxOccurrences: 500, noun: 'bookings' };

/** What rrule.js gives for a rule in Stockholm wall-clock time (the oracle, for rules that end). */
function oracle(rrule: string, firstStartsAt: Date): string[] {
  const first = DateTime.fromJSDate(firstStartsAt, { zone: ZONE });
  const floating = new Date(
    Date.UTC(first.year, first.month - 1, first.day, first.hour, first.minute, first.second),
  );
  return new RRule({ ...RRule.parseString(rrule), dtstart: floating }).all().map((date) =>
    DateTime.fromObject(
      {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: date.getUTCHours(),
        minute: date.getUTCMinutes(),
      },
      { zone: ZONE },
    ).toFormat('ccc yyyy-MM-dd HH:mm'),
  );
}

const expand = (rrule: string, first: string, extra: { until?: Date } = {}) =>
  expandRecurrence(
    { rrule, firstStartsAt: stockholm(first), durationMinutes: 60, ...extra },
    WIDE,
  ).map((occurrence) => local(occurrence.startsAt));

describe('expandRecurrence', () => {
  it('keeps Tuesday 18:00–20:00 in Stockholm for 12 weeks across the change to summer time', () => {
    const occurrences = expandRecurrence(
      {
        rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=12',
        firstStartsAt: stockholm('2027-03-09T18:00'),
        durationMinutes: 120,
      },
      LIMITS,
    );
    expect(occurrences).toHaveLength(12);
    expect(occurrences.map((occurrence) => local(occurrence.startsAt).slice(0, 3))).toEqual(
      Array(12).fill('Tue'),
    );
    expect(occurrences.every((occurrence) => local(occurrence.startsAt).endsWith('18:00'))).toBe(
      true,
    );
    expect(occurrences.every((occurrence) => local(occurrence.endsAt).endsWith('20:00'))).toBe(
      true,
    );
    expect(occurrences[2].startsAt.toISOString()).toBe('2027-03-23T17:00:00.000Z');
    expect(occurrences[3].startsAt.toISOString()).toBe('2027-03-30T16:00:00.000Z');
  });

  it('refuses more occurrences than the caller allows, naming them', () => {
    expect(() =>
      expandRecurrence(
        {
          rrule: 'FREQ=DAILY;COUNT=13',
          firstStartsAt: stockholm('2027-03-09T18:00'),
          durationMinutes: 60,
        },
        LIMITS,
      ),
    ).toThrow(new RecurrenceError('a series has at most 12 bookings'));
  });

  it.each([
    ['FREQ=WEEKLY;BYDAY=TU;COUNT=12', '2027-03-09T18:00'],
    ['FREQ=WEEKLY;BYDAY=FR,SA;COUNT=9', '2026-11-25T21:00'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10', '2027-03-10T09:00'],
    // RFC 5545's example: the week start decides which Sunday belongs to a fortnight.
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=MO;COUNT=4', '2027-03-09T09:00'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU;COUNT=4', '2027-03-09T09:00'],
    ['FREQ=WEEKLY;INTERVAL=3;COUNT=5', '2027-10-20T19:30'],
    ['FREQ=WEEKLY;BYMONTH=6,7;BYDAY=SA;COUNT=8', '2027-05-01T10:00'],
    ['FREQ=DAILY;INTERVAL=3;COUNT=20', '2027-03-20T22:00'],
    ['FREQ=DAILY;BYDAY=MO,WE,FR;BYMONTH=3,4;COUNT=15', '2027-03-01T08:00'],
    ['FREQ=DAILY;BYMONTHDAY=1,15,-1;COUNT=9', '2027-01-10T12:00'],
    ['FREQ=MONTHLY;COUNT=6', '2027-01-31T18:00'],
    ['FREQ=MONTHLY;INTERVAL=2;COUNT=6', '2027-01-15T18:00'],
    ['FREQ=MONTHLY;BYMONTHDAY=31;COUNT=6', '2027-01-05T18:00'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=5', '2027-01-05T18:00'],
    ['FREQ=MONTHLY;BYDAY=-1FR;COUNT=8', '2027-01-01T17:00'],
    ['FREQ=MONTHLY;BYDAY=2TU,4TU;COUNT=8', '2027-01-01T17:00'],
    ['FREQ=MONTHLY;BYDAY=5MO;COUNT=4', '2027-01-01T17:00'],
    ['FREQ=MONTHLY;BYDAY=MO;COUNT=6', '2027-02-01T17:00'],
    ['FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR;COUNT=2', '2027-01-01T19:00'],
    ['FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=29;COUNT=1', '2027-03-01T10:00'],
  ])('gives what rrule.js gives for %s', (rrule, first) => {
    expect(expand(rrule, first)).toEqual(oracle(rrule, stockholm(first)));
  });

  it('starts the weeks of an INTERVAL on WKST (RFC 5545 example)', () => {
    expect(
      expand('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=MO;COUNT=4', '2027-03-09T09:00'),
    ).toEqual([
      'Tue 2027-03-09 09:00',
      'Sun 2027-03-14 09:00',
      'Tue 2027-03-23 09:00',
      'Sun 2027-03-28 09:00',
    ]);
    expect(
      expand('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU;COUNT=4', '2027-03-09T09:00'),
    ).toEqual([
      'Tue 2027-03-09 09:00',
      'Sun 2027-03-21 09:00',
      'Tue 2027-03-23 09:00',
      'Sun 2027-04-04 09:00',
    ]);
  });

  it('stops at until, at the rule’s UNTIL (UTC, Stockholm time or a whole day), whichever is first', () => {
    const tuesdays = (rule: string, until?: Date) =>
      expand(`FREQ=WEEKLY;BYDAY=TU;${rule}`, '2027-03-09T18:00', until ? { until } : {});
    expect(tuesdays('COUNT=50', stockholm('2027-03-23T18:00'))).toHaveLength(3);
    expect(tuesdays('UNTIL=20270323T170000Z')).toHaveLength(3); // 18:00 in Stockholm
    expect(tuesdays('UNTIL=20270323T175959')).toHaveLength(2);
    expect(tuesdays('UNTIL=20270323')).toHaveLength(3);
    expect(tuesdays('UNTIL=20270323', stockholm('2027-03-16T18:00'))).toHaveLength(2);
  });

  describe('a rule that matches no date, or none soon enough', () => {
    const refused = (rrule: string, first: string, extra: { until?: Date } = {}) => {
      try {
        expand(rrule, first, extra);
      } catch (error) {
        expect(error).toBeInstanceOf(RecurrenceError);
        return (error as Error).message;
      }
      throw new Error(`${rrule} was expanded`);
    };

    it.each([
      ['30 February', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1'],
      ['31 April, monthly', 'FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31;COUNT=3'],
      ['a 31st that is a second Monday', 'FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=2MO;COUNT=1'],
    ])('is refused: %s', (_name, rrule) => {
      expect(refused(rrule, '2027-01-01T18:00')).toMatch(/no date within 2 years/);
    });

    it(`looks only ${MAX_RECURRENCE_YEARS} years ahead: 29 February from March 2097 is refused, although 2104 has one`, () => {
      const rule = 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;COUNT=1';
      // An unbounded search (rrule.js) finds the next one, eight years on (2100 is no leap year).
      expect(oracle(rule, stockholm('2097-03-01T10:00'))).toEqual(['Fri 2104-02-29 10:00']);
      expect(refused(rule, '2097-03-01T10:00')).toMatch(/no date within 2 years/);
      expect(expand(rule, '2027-03-01T10:00')).toEqual(['Tue 2028-02-29 10:00']);
    });

    it(`refuses a COUNT not reached, or an until, beyond ${MAX_RECURRENCE_YEARS} years`, () => {
      expect(refused('FREQ=MONTHLY;COUNT=30', '2027-01-15T18:00')).toMatch(/ends within 2 years/);
      expect(expand('FREQ=MONTHLY;COUNT=24', '2027-01-15T18:00')).toHaveLength(24);
      expect(
        refused('FREQ=MONTHLY', '2027-01-15T18:00', { until: stockholm('2029-01-15T18:00') }),
      ).toMatch(/ends within 2 years/);
      expect(refused('FREQ=MONTHLY;UNTIL=20300101', '2027-01-15T18:00')).toMatch(
        /ends within 2 years/,
      );
      expect(
        expand('FREQ=MONTHLY', '2027-01-15T18:00', { until: stockholm('2029-01-15T17:59') }),
      ).toHaveLength(24);
      // A far until does not matter when COUNT ends the series first.
      expect(
        expand('FREQ=WEEKLY;COUNT=4', '2027-01-15T18:00', { until: stockholm('2031-01-01T00:00') }),
      ).toHaveLength(4);
    });

    it('keeps the first occurrence as given, milliseconds and the second 02:30 of the October night included', () => {
      const withMillis = new Date('2027-03-09T17:00:00.250Z'); // a Tuesday, 18:00:00.250 local
      const occurrences = expandRecurrence(
        { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3', firstStartsAt: withMillis, durationMinutes: 60 },
        { maxOccurrences: 10, noun: 'bookings' },
      );
      expect(occurrences.map((o) => o.startsAt.toISOString())).toEqual([
        '2027-03-09T17:00:00.250Z',
        '2027-03-16T17:00:00.250Z',
        '2027-03-23T17:00:00.250Z',
      ]);
      // 31 October 2027, 01:30 UTC is 02:30 CET, the second 02:30 of the night clocks go back.
      const secondHalfPast = new Date('2027-10-31T01:30:00Z');
      const night = expandRecurrence(
        { rrule: 'FREQ=DAILY;COUNT=2', firstStartsAt: secondHalfPast, durationMinutes: 60 },
        { maxOccurrences: 10, noun: 'walks' },
      );
      expect(night[0].startsAt.toISOString()).toBe('2027-10-31T01:30:00.000Z');
      expect(night[1].startsAt.toISOString()).toBe('2027-11-01T01:30:00.000Z'); // 02:30 CET
    });
  });

  it.each([
    ['not a rule', /not an RFC 5545/],
    ['DTSTART:20261127T210000\nRRULE:FREQ=WEEKLY;COUNT=2', /DTSTART/],
    ['FREQ=HOURLY;COUNT=3', /DAILY, WEEKLY or MONTHLY/],
    ['FREQ=YEARLY;COUNT=3', /DAILY, WEEKLY or MONTHLY/],
    ['FREQ=WEEKLY;BYDAY=TU', /give until, or COUNT/],
    ['FREQ=DAILY;BYHOUR=9,18;COUNT=4', /BYHOUR is not supported/],
    ['FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1;COUNT=4', /BYSETPOS is not supported/],
    ['FREQ=WEEKLY;BYDAY=2TU;COUNT=4', /only with FREQ=MONTHLY/],
    ['FREQ=MONTHLY;BYDAY=6TU;COUNT=4', /only with FREQ=MONTHLY/],
    ['FREQ=WEEKLY;BYMONTHDAY=3;COUNT=4', /does not go with FREQ=WEEKLY/],
    ['FREQ=DAILY;COUNT=3;UNTIL=20270401', /both COUNT and UNTIL/],
    ['FREQ=DAILY;COUNT=3;COUNT=4', /COUNT twice/],
    ['FREQ=DAILY;COUNT=0', /COUNT has an invalid value/],
    ['FREQ=DAILY;INTERVAL=-2;COUNT=3', /INTERVAL has an invalid value/],
    ['FREQ=MONTHLY;BYMONTHDAY=32;COUNT=3', /BYMONTHDAY has an invalid value/],
    ['FREQ=MONTHLY;BYMONTH=13;COUNT=3', /BYMONTH has an invalid value/],
    ['FREQ=WEEKLY;BYDAY=XX;COUNT=3', /invalid weekday/],
    ['FREQ=DAILY;UNTIL=2027-04-01', /UNTIL must look like/],
  ])('refuses %j', (rrule, message) => {
    expect(() =>
      expandRecurrence(
        { rrule, firstStartsAt: stockholm('2027-03-09T18:00'), durationMinutes: 60 },
        LIMITS,
      ),
    ).toThrow(message);
  });

  it('reads lower case and an RRULE: prefix', () => {
    expect(parseRecurrenceRule('RRULE:freq=weekly;byday=tu,fr;count=2')).toMatchObject({
      freq: 'WEEKLY',
      byDay: [
        { weekday: 2, nth: null },
        { weekday: 5, nth: null },
      ],
      count: 2,
    });
  });
});
