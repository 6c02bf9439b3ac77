import { DateTime } from 'luxon';
import { expandRecurrence, RecurrenceError } from './recurrence';

const stockholm = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();
const local = (instant: Date) =>
  DateTime.fromJSDate(instant, { zone: 'Europe/Stockholm' }).toFormat('ccc yyyy-MM-dd HH:mm');
const LIMITS = { maxOccurrences: 12, noun: 'bookings' };

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
});
