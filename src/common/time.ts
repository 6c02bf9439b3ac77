import { DateTime } from 'luxon';

/** One deployment serves one Swedish municipality: times are shown in this zone. */
export const TIME_ZONE = 'Europe/Stockholm';

const HOUR_MS = 3600_000;
/** A zone offset as written (`+01:00`) and in minutes (60). */
interface Offset {
  readonly text: string;
  readonly minutes: number;
}

/** Offsets by hour since the epoch: a zone's offset changes on whole hours only (Stockholm's do). */
const offsetByHour = new Map<number, Offset>();
const MAX_CACHED_HOURS = 100_000;

/** Stockholm's offset during the hour that holds `ms` (`+01:00` or `+02:00`), from the zone data. */
function stockholmOffset(ms: number): Offset {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const start = DateTime.fromMillis(hour * HOUR_MS, { zone: TIME_ZONE });
    offset = { text: start.toFormat('ZZ'), minutes: start.offset };
    if (offsetByHour.size >= MAX_CACHED_HOURS) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/**
 * ISO 8601 with the Stockholm offset of that instant, e.g. `2026-11-22T21:00:00.000+01:00`: the
 * same text as luxon's `toISO()` in that zone, but from a native Date and a cached offset, as it
 * runs for every date of every answer.
 */
export function toStockholmIso(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new TypeError(`Not a valid instant: ${String(instant)}`);
  const offset = stockholmOffset(ms);
  const local = new Date(ms + offset.minutes * 60_000);
  const year = local.getUTCFullYear();
  // Four-digit years only; luxon writes others in its own expanded form.
  if (year < 1 || year > 9999) return luxonIso(instant);
  return `${local.toISOString().slice(0, 23)}${offset.text}`;
}

function luxonIso(instant: Date): string {
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
