/**
 * Europe/Stockholm times with native Dates and a cached UTC offset per hour: what the server's
 * DateTime scalar writes (`2026-12-04T18:00:00.000+01:00`, see src/common/time.ts), without luxon
 * per value. Stockholm's offset only changes on whole UTC hours, so one lookup per hour is exact.
 */
export const TIME_ZONE = 'Europe/Stockholm';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  timeZoneName: 'longOffset',
});

interface Offset {
  readonly minutes: number;
  /** `+01:00` */
  readonly text: string;
}

const offsetsByHour = new Map<number, Offset>();
const MAX_CACHED_HOURS = 100_000;

function lookUpOffset(ms: number): Offset {
  const name = offsetFormat.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value;
  // "GMT+01:00"; plain "GMT" when the offset is zero.
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name ?? '');
  if (!match) return { minutes: 0, text: '+00:00' };
  const sign = match[1] === '-' ? -1 : 1;
  return {
    minutes: sign * (Number(match[2]) * 60 + Number(match[3])),
    text: `${match[1]}${match[2]}:${match[3]}`,
  };
}

function offsetAt(ms: number): Offset {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetsByHour.get(hour);
  if (!offset) {
    offset = lookUpOffset(hour * HOUR_MS);
    if (offsetsByHour.size >= MAX_CACHED_HOURS) offsetsByHour.clear();
    offsetsByHour.set(hour, offset);
  }
  return offset;
}

/** ISO 8601 in Stockholm time with milliseconds and the offset, as the API answers. */
export function toStockholmIso(ms: number): string {
  const offset = offsetAt(ms);
  return new Date(ms + offset.minutes * 60_000).toISOString().slice(0, 23) + offset.text;
}

/** A Stockholm calendar day, as days since 1970-01-01 (a plain counter for day arithmetic). */
export function stockholmDayNumber(ms: number): number {
  return Math.floor((ms + offsetAt(ms).minutes * 60_000) / DAY_MS);
}

/** The instant at `minutes` after midnight (Stockholm) of the day `dayNumber`. */
export function stockholmInstant(dayNumber: number, minutes: number): number {
  const naive = dayNumber * DAY_MS + minutes * 60_000;
  // Twice: the offset of the guess can differ from the offset of the answer near a DST change.
  const guess = naive - offsetAt(naive).minutes * 60_000;
  return naive - offsetAt(guess).minutes * 60_000;
}

/** Swedish weekday, day, month and time for notification texts: "fredag 4 december kl. 18.00". */
const swedishWhen = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});

export function swedishWhenText(ms: number): string {
  const parts = swedishWhen.formatToParts(ms);
  const value = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((part) => part.type === type)?.value ?? '';
  return `${value('weekday')} ${value('day')} ${value('month')} kl. ${value('hour')}.${value('minute')}`;
}
