import { DateTime } from 'luxon';
import { WALK_MINUTES } from './demo-night-walks';
import { demoWalkFridays, nextWalkFriday } from './night-walks-seeder';

const HOUR = 3600_000;
const stockholm = (instant: Date) => DateTime.fromJSDate(instant, { zone: 'Europe/Stockholm' });

describe('demo walk calendar', () => {
  // Every hour of a fortnight that includes the end of daylight saving time (25 October 2026).
  const hours = Array.from(
    { length: 14 * 24 },
    (_, index) => new Date(Date.UTC(2026, 9, 19) + index * HOUR),
  );

  it.each(hours.filter((_, index) => index % 5 === 0))(
    'seeding at %s: upcoming walks start on a Friday 21:00 at least three hours away, history is over',
    (now) => {
      const { upcoming, past } = demoWalkFridays(now);
      for (const friday of [upcoming, past]) {
        expect(stockholm(friday).weekday).toBe(5);
        expect(stockholm(friday).toFormat('HH:mm')).toBe('21:00');
      }
      expect(upcoming.getTime()).toBeGreaterThanOrEqual(now.getTime() + 3 * HOUR);
      expect(upcoming.getTime() - now.getTime()).toBeLessThanOrEqual(7 * 24 * HOUR + 3 * HOUR);
      // The second Saturday walk of the history has ended, and was reported, before now.
      const lastPastWalkEnds = stockholm(past).plus({ days: 8, minutes: WALK_MINUTES });
      expect(lastPastWalkEnds.plus({ hours: 1 }).toMillis()).toBeLessThan(now.getTime());
      expect(upcoming.getTime() - past.getTime()).toBeLessThanOrEqual(21 * 24 * HOUR + HOUR);
    },
  );

  it('finds the same Friday evening in winter and summer time', () => {
    expect(nextWalkFriday(new Date('2026-10-20T12:00:00Z')).toISOString()).toBe(
      '2026-10-23T19:00:00.000Z',
    );
    expect(nextWalkFriday(new Date('2026-10-27T12:00:00Z')).toISOString()).toBe(
      '2026-10-30T20:00:00.000Z',
    );
    // At 21:00 on a Friday the walk has begun: the next one is a week later.
    expect(nextWalkFriday(new Date('2026-10-30T20:00:00Z')).toISOString()).toBe(
      '2026-11-06T20:00:00.000Z',
    );
  });
});
