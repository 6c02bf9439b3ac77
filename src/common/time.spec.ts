import fc from 'fast-check';
import { DateTime } from 'luxon';
import { stockholmDate, TIME_ZONE, toStockholmIso } from './time';

const luxon = (instant: Date) => DateTime.fromJSDate(instant, { zone: TIME_ZONE }).toISO();

describe('toStockholmIso', () => {
  it('writes what luxon writes in Europe/Stockholm, for any instant from 1900 to 2200', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        (ms) => toStockholmIso(new Date(ms)) === luxon(new Date(ms)),
      ),
      { numRuns: 20_000 },
    );
  });

  it('changes offset exactly at the daylight-saving transitions (01:00 UTC, last Sundays)', () => {
    const around = (iso: string) => [-1, 0, 1].map((ms) => new Date(Date.parse(iso) + ms));
    const spring = around('2026-03-29T01:00:00.000Z').map(toStockholmIso);
    const autumn = around('2026-10-25T01:00:00.000Z').map(toStockholmIso);
    expect(spring).toEqual([
      '2026-03-29T01:59:59.999+01:00',
      '2026-03-29T03:00:00.000+02:00',
      '2026-03-29T03:00:00.001+02:00',
    ]);
    expect(autumn).toEqual([
      '2026-10-25T02:59:59.999+02:00',
      '2026-10-25T02:00:00.000+01:00',
      '2026-10-25T02:00:00.001+01:00',
    ]);
  });

  it('refuses an invalid date and falls back to luxon outside four-digit years', () => {
    expect(() => toStockholmIso(new Date(Number.NaN))).toThrow(TypeError);
    const far = new Date(Date.UTC(12000, 0, 1));
    expect(toStockholmIso(far)).toBe(luxon(far));
  });

  it('dates an instant by the Stockholm calendar', () => {
    expect(stockholmDate(new Date('2026-02-28T23:30:00Z'))).toBe('2026-03-01');
  });
});
