import { DateTime } from 'luxon';
import {
  isOpenAt,
  openingHoursProblem,
  openingPeriods,
  openingSlots,
  openingState,
  Weekday,
  WeeklyOpening,
} from './opening-hours.rules';

/** An instant given as Stockholm wall-clock time. */
const local = (iso: string): Date => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
const iso = (instant: Date | null): string | null =>
  instant ? DateTime.fromJSDate(instant, { zone: 'Europe/Stockholm' }).toISO() : null;

const NIGHT_SHELTER: WeeklyOpening[] = Object.values(Weekday).map((day) => ({
  day,
  opens: '21:00',
  closes: '08:00',
}));

const FOOD_BANK: WeeklyOpening[] = [
  { day: Weekday.TUESDAY, opens: '11:00', closes: '14:00' },
  { day: Weekday.THURSDAY, opens: '11:00', closes: '14:00' },
];

describe('opening hours', () => {
  describe('validation', () => {
    it('accepts openings that cross midnight, and closing at 24:00', () => {
      expect(openingHoursProblem(NIGHT_SHELTER)).toBeNull();
      expect(
        openingHoursProblem([{ day: Weekday.MONDAY, opens: '00:00', closes: '24:00' }]),
      ).toBeNull();
    });

    it('refuses overlapping openings, also across midnight and from Sunday into Monday', () => {
      expect(
        openingHoursProblem([
          { day: Weekday.MONDAY, opens: '09:00', closes: '12:00' },
          { day: Weekday.MONDAY, opens: '11:00', closes: '13:00' },
        ]),
      ).toMatch(/overlap/);
      expect(
        openingHoursProblem([
          { day: Weekday.MONDAY, opens: '21:00', closes: '08:00' },
          { day: Weekday.TUESDAY, opens: '07:00', closes: '10:00' },
        ]),
      ).toMatch(/overlap/);
      expect(
        openingHoursProblem([
          { day: Weekday.SUNDAY, opens: '22:00', closes: '06:00' },
          { day: Weekday.MONDAY, opens: '05:00', closes: '09:00' },
        ]),
      ).toMatch(/overlap/);
    });

    it('refuses an opening of a whole day written as opens = closes', () => {
      expect(
        openingHoursProblem([{ day: Weekday.MONDAY, opens: '09:00', closes: '09:00' }]),
      ).toMatch(/same|whole day/);
    });
  });

  describe('open at an instant (Stockholm wall-clock time)', () => {
    const slots = openingSlots(NIGHT_SHELTER);

    it('is open through the night across midnight, closed in the day', () => {
      expect(isOpenAt(slots, local('2026-11-27T22:30'))).toBe(true);
      expect(isOpenAt(slots, local('2026-11-28T03:00'))).toBe(true);
      expect(isOpenAt(slots, local('2026-11-28T07:59'))).toBe(true);
      expect(isOpenAt(slots, local('2026-11-28T08:00'))).toBe(false);
      expect(isOpenAt(slots, local('2026-11-28T20:59'))).toBe(false);
      expect(isOpenAt(slots, local('2026-11-28T21:00'))).toBe(true);
    });

    it('runs Sunday night into Monday morning', () => {
      const sundayNight = openingSlots([{ day: Weekday.SUNDAY, opens: '22:00', closes: '06:00' }]);
      expect(isOpenAt(sundayNight, local('2026-11-30T05:00'))).toBe(true); // a Monday
      expect(isOpenAt(sundayNight, local('2026-11-29T05:00'))).toBe(false); // a Sunday
    });

    it('follows local time across both daylight-saving changes', () => {
      const morning = openingSlots([{ day: Weekday.SUNDAY, opens: '09:00', closes: '10:00' }]);
      // 29 March 2026: clocks go forward at 02:00; 25 October 2026: back at 03:00.
      expect(isOpenAt(morning, new Date('2026-03-22T08:30:00Z'))).toBe(true); // 09:30 CET
      expect(isOpenAt(morning, new Date('2026-03-22T07:30:00Z'))).toBe(false); // 08:30 CET
      expect(isOpenAt(morning, new Date('2026-03-29T07:30:00Z'))).toBe(true); // 09:30 CEST
      expect(isOpenAt(morning, new Date('2026-03-29T08:30:00Z'))).toBe(false); // 10:30 CEST
      expect(isOpenAt(morning, new Date('2026-10-25T08:30:00Z'))).toBe(true); // 09:30 CET
      expect(isOpenAt(morning, new Date('2026-10-25T07:30:00Z'))).toBe(false); // 08:30 CET
    });
  });

  describe('periods and what comes next', () => {
    it('joins the nights into one period each and keeps 21:00 local across the October change', () => {
      const periods = openingPeriods(NIGHT_SHELTER, local('2026-10-24T12:00'), 2).map((period) => [
        iso(period.start),
        iso(period.end),
      ]);
      expect(periods).toContainEqual([
        '2026-10-24T21:00:00.000+02:00',
        '2026-10-25T08:00:00.000+01:00',
      ]);
      expect(periods).toContainEqual([
        '2026-10-25T21:00:00.000+01:00',
        '2026-10-26T08:00:00.000+01:00',
      ]);
    });

    it('joins a day’s 18:00–24:00 with the next day’s 00:00–08:00', () => {
      const split: WeeklyOpening[] = [
        { day: Weekday.MONDAY, opens: '18:00', closes: '24:00' },
        { day: Weekday.TUESDAY, opens: '00:00', closes: '08:00' },
      ];
      const state = openingState(split, local('2026-11-30T23:00'));
      expect(state.openNow).toBe(true);
      expect(iso(state.openUntil)).toBe('2026-12-01T08:00:00.000+01:00');
      expect(iso(state.nextOpening)).toBe('2026-12-07T18:00:00.000+01:00');
    });

    it('says when a closed service opens next, and until when an open one stays open', () => {
      const closed = openingState(FOOD_BANK, local('2026-12-01T15:00')); // a Tuesday
      expect(closed).toEqual({
        openNow: false,
        openUntil: null,
        nextOpening: local('2026-12-03T11:00'),
      });
      const open = openingState(FOOD_BANK, local('2026-12-03T12:00'));
      expect(open.openNow).toBe(true);
      expect(open.openUntil).toEqual(local('2026-12-03T14:00'));
      expect(open.nextOpening).toEqual(local('2026-12-08T11:00'));
    });

    it('opens at the local time after the March change', () => {
      const state = openingState(FOOD_BANK, local('2026-03-27T12:00'));
      expect(iso(state.nextOpening)).toBe('2026-03-31T11:00:00.000+02:00');
    });

    it('never closes when open around the clock', () => {
      const always = Object.values(Weekday).map((day) => ({
        day,
        opens: '00:00',
        closes: '24:00',
      }));
      expect(openingState(always, local('2026-12-01T12:00'))).toEqual({
        openNow: true,
        openUntil: null,
        nextOpening: null,
      });
    });

    it('has no next opening without opening hours', () => {
      expect(openingState([], new Date())).toEqual({
        openNow: false,
        openUntil: null,
        nextOpening: null,
      });
    });
  });
});
