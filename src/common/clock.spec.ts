import { Clock } from './clock';

const DAY = 24 * 3600_000;

describe('Clock.at', () => {
  const clock = new Clock();
  const past = new Date('2026-03-27T20:00:00Z');

  it('is the real time outside at()', () => {
    const before = Date.now();
    const now = clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('moves "now" for what the work awaits, and time keeps moving from there', async () => {
    const seen = await clock.at(past, async () => {
      const first = clock.now().getTime();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { first, later: clock.now().getTime() };
    });
    expect(Math.abs(seen.first - past.getTime())).toBeLessThan(1000);
    expect(seen.later).toBeGreaterThan(seen.first);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('leaves work running alongside at the real time', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const travelling = clock.at(past, async () => {
      await gate;
      return clock.now();
    });
    const alongside = clock.now();
    release();
    expect(Math.abs(alongside.getTime() - Date.now())).toBeLessThan(1000);
    expect(Math.abs((await travelling).getTime() - past.getTime())).toBeLessThan(1000);
  });

  it('nests: the innermost at() wins and the outer one resumes after it', async () => {
    const later = new Date(past.getTime() + DAY);
    const seen = await clock.at(past, async () => {
      const inner = await clock.at(later, () => Promise.resolve(clock.now()));
      return { inner, outer: clock.now() };
    });
    expect(Math.abs(seen.inner.getTime() - later.getTime())).toBeLessThan(1000);
    expect(Math.abs(seen.outer.getTime() - past.getTime())).toBeLessThan(1000);
  });
});
