import { DateTime } from 'luxon';

/** One deployment serves one Swedish municipality: times are shown in this zone. */
export const TIME_ZONE = 'Europe/Stockholm';

/** ISO 8601 with the Stockholm offset of that instant, e.g. `2026-11-22T21:00:00.000+01:00`. */
export function toStockholmIso(instant: Date): string {
  const formatted = DateTime.fromJSDate(instant, { zone: TIME_ZONE }).toISO();
  if (!formatted) throw new TypeError(`Not a valid instant: ${String(instant)}`);
  return formatted;
}

/** The calendar date (YYYY-MM-DD) of an instant in Stockholm. */
export function stockholmDate(instant: Date): string {
  const date = DateTime.fromJSDate(instant, { zone: TIME_ZONE }).toISODate();
  if (!date) throw new TypeError(`Not a valid instant: ${String(instant)}`);
  return date;
}
