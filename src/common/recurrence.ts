import { DateTime } from 'luxon';
import { TIME_ZONE } from './time';

/** A recurrence rule that cannot be expanded; the message says why (for BAD_USER_INPUT). */
export class RecurrenceError extends Error {}

export interface RecurrenceRequest {
  /** RFC 5545 RRULE without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=FR,SA`. */
  rrule: string;
  /** The first occurrence; its Stockholm wall-clock time is the time of every occurrence. */
  firstStartsAt: Date;
  durationMinutes: number;
  /** No occurrence starts after this instant (required unless the rule has COUNT). */
  until?: Date | null;
}

interface RecurrenceLimits {
  /** Most occurrences a rule may give. */
  maxOccurrences: number;
  /** What an occurrence is called in messages, plural (e.g. `walks`). */
  noun: string;
}

/**
 * How long a series may run: every occurrence starts within this many years of the first. It is
 * also how far the expansion looks, so a rule that matches no date (30 February) is answered
 * after at most 732 days, never by a search to the year 9999.
 */
export const MAX_RECURRENCE_YEARS = 2;

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const SUPPORTED_PARTS = [
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'BYMONTHDAY',
  'BYMONTH',
  'WKST',
];

type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY';

interface ByDay {
  /** ISO weekday, 1 Monday … 7 Sunday. */
  weekday: number;
  /** MONTHLY only: the nth such weekday of the month (negative: from the end); null: every one. */
  nth: number | null;
}

/** The parts of an RRULE this expansion understands (the rest is refused, never ignored). */
interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  count: number | null;
  /** The rule's own UNTIL, as an instant (a date alone: through that Stockholm day). */
  until: Date | null;
  byDay: ByDay[];
  byMonthDay: number[];
  byMonth: number[];
  /** ISO weekday the weeks of WEEKLY;INTERVAL=n start on (default Monday). */
  weekStart: number;
}

/** Comma-separated whole numbers within ±max, never 0; negative ones only when allowed. */
function numbers(key: string, value: string, max: number, negative: boolean): number[] {
  return value.split(',').map((part) => {
    const number = /^[+-]?\d{1,5}$/.test(part) ? Number(part) : NaN;
    if (Number.isNaN(number) || number === 0 || Math.abs(number) > max || (!negative && number < 0))
      throw new RecurrenceError(`rrule ${key} has an invalid value: ${part}`);
    return number;
  });
}

function positiveNumber(key: string, value: string, max: number): number {
  const parsed = numbers(key, value, max, false);
  if (parsed.length !== 1)
    throw new RecurrenceError(`rrule ${key} must be one whole number from 1 to ${max}`);
  return parsed[0];
}

function weekday(key: string, text: string): number {
  const index = WEEKDAYS.indexOf(text as (typeof WEEKDAYS)[number]);
  if (index < 0) throw new RecurrenceError(`rrule ${key} has an invalid weekday: ${text}`);
  return index + 1;
}

/** UNTIL as an instant: `…Z` is UTC, a local date-time is Stockholm time, a date is the whole day. */
function untilInstant(value: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!match) throw new RecurrenceError('rrule UNTIL must look like 20270401 or 20270401T000000Z');
  const [, year, month, day, hour, minute, second, utc] = match;
  const fields = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
  };
  let instant = DateTime.fromObject(fields, { zone: utc ? 'UTC' : TIME_ZONE });
  if (hour === undefined) instant = instant.endOf('day');
  if (!instant.isValid) throw new RecurrenceError(`rrule UNTIL is not a date: ${value}`);
  return instant.toJSDate();
}

/**
 * Reads an RRULE strictly: DAILY, WEEKLY or MONTHLY with the parts in SUPPORTED_PARTS. Parts that would
 * change what an occurrence is (BYHOUR, BYSETPOS…) are refused rather than silently ignored.
 */
export function parseRecurrenceRule(text: string): RecurrenceRule {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (/DTSTART/i.test(body))
    throw new RecurrenceError('rrule must not contain DTSTART: use firstStartsAt');
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const match = /^([A-Za-z]+)=([^=;\s]+)$/.exec(part.trim());
    if (!match) throw new RecurrenceError('rrule is not an RFC 5545 recurrence rule');
    const key = match[1].toUpperCase();
    if (parts.has(key)) throw new RecurrenceError(`rrule gives ${key} twice`);
    parts.set(key, match[2].toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY')
    throw new RecurrenceError('rrule FREQ must be DAILY, WEEKLY or MONTHLY');
  for (const key of parts.keys()) {
    if (!SUPPORTED_PARTS.includes(key)) {
      throw new RecurrenceError(
        `rrule ${key} is not supported (only ${SUPPORTED_PARTS.join(', ')})`,
      );
    }
  }
  if (parts.has('COUNT') && parts.has('UNTIL'))
    throw new RecurrenceError('rrule must not give both COUNT and UNTIL');
  const byDay = (parts.get('BYDAY')?.split(',') ?? []).map((entry): ByDay => {
    const match = /^([+-]?\d)?([A-Z]{2})$/.exec(entry);
    if (!match) throw new RecurrenceError(`rrule BYDAY has an invalid value: ${entry}`);
    const nth = match[1] === undefined ? null : Number(match[1]);
    if (nth !== null && (freq !== 'MONTHLY' || nth === 0 || Math.abs(nth) > 5)) {
      throw new RecurrenceError(
        'rrule BYDAY takes a position (e.g. 2TU, -1FR, from 1 to 5) only with FREQ=MONTHLY',
      );
    }
    return { weekday: weekday('BYDAY', match[2]), nth };
  });
  const byMonthDay = parts.has('BYMONTHDAY')
    ? numbers('BYMONTHDAY', parts.get('BYMONTHDAY') ?? '', 31, true)
    : [];
  if (byMonthDay.length > 0 && freq === 'WEEKLY')
    throw new RecurrenceError('rrule BYMONTHDAY does not go with FREQ=WEEKLY');
  const byMonth = parts.has('BYMONTH')
    ? numbers('BYMONTH', parts.get('BYMONTH') ?? '', 12, false)
    : [];
  return {
    freq,
    interval: parts.has('INTERVAL')
      ? positiveNumber('INTERVAL', parts.get('INTERVAL') ?? '', 366)
      : 1,
    count: parts.has('COUNT') ? positiveNumber('COUNT', parts.get('COUNT') ?? '', 10_000) : null,
    until: parts.has('UNTIL') ? untilInstant(parts.get('UNTIL') ?? '') : null,
    byDay,
    byMonthDay,
    byMonth,
    weekStart: parts.has('WKST') ? weekday('WKST', parts.get('WKST') ?? '') : 1,
  };
}

/** Whether a Stockholm date (`index` days after the first occurrence's date) is one of the rule's. */
function matches(rule: RecurrenceRule, first: DateTime, day: DateTime, index: number): boolean {
  if (rule.byMonth.length > 0 && !rule.byMonth.includes(day.month)) return false;
  const monthDayMatches = () =>
    rule.byMonthDay.some((wanted) =>
      wanted > 0 ? day.day === wanted : day.day === (day.daysInMonth ?? 31) + wanted + 1,
    );
  const weekdayMatches = () =>
    rule.byDay.some((wanted) => {
      if (wanted.weekday !== day.weekday) return false;
      if (wanted.nth === null) return true;
      return wanted.nth > 0
        ? Math.ceil(day.day / 7) === wanted.nth
        : Math.ceil(((day.daysInMonth ?? 31) - day.day + 1) / 7) === -wanted.nth;
    });
  switch (rule.freq) {
    case 'DAILY':
      return (
        index % rule.interval === 0 &&
        (rule.byMonthDay.length === 0 || monthDayMatches()) &&
        (rule.byDay.length === 0 || weekdayMatches())
      );
    case 'WEEKLY': {
      // Weeks start on WKST; the first is the one holding the first occurrence.
      const week = Math.floor((index + ((first.weekday - rule.weekStart + 7) % 7)) / 7);
      if (week % rule.interval !== 0) return false;
      return rule.byDay.length > 0 ? weekdayMatches() : day.weekday === first.weekday;
    }
    case 'MONTHLY': {
      const month = (day.year - first.year) * 12 + (day.month - first.month);
      if (month % rule.interval !== 0) return false;
      if (rule.byMonthDay.length === 0 && rule.byDay.length === 0) return day.day === first.day;
      return (
        (rule.byMonthDay.length === 0 || monthDayMatches()) &&
        (rule.byDay.length === 0 || weekdayMatches())
      );
    }
  }
}

/**
 * The occurrences of a rule. It is expanded in Stockholm wall-clock time, so an occurrence at
 * 21:00 stays at 21:00 across the daylight-saving changes; each lasts `durationMinutes`, so one from
 * 22:00 for four hours ends at 02:00 on the next day. The first occurrence is the first matching
 * date on or after `firstStartsAt` (as rrule.js and python-dateutil read it).
 *
 * The search is bounded: it walks the Stockholm dates from the first occurrence for at most
 * MAX_RECURRENCE_YEARS years (at most 732 dates, each checked in constant time), and stops early
 * at `until`, at COUNT, or one past `maxOccurrences`. A rule with no date in that span, or one that
 * would go on beyond it (its COUNT not reached, its until further away), is refused. (rrule.js is not used to expand: its
 * UNTIL and `between` are only checked on dates that match, so a rule matching none — 30
 * February — makes it search to the year 9999 on the main thread.)
 */
export function expandRecurrence(
  request: RecurrenceRequest,
  limits: RecurrenceLimits,
): { startsAt: Date; endsAt: Date }[] {
  const rule = parseRecurrenceRule(request.rrule);
  if (rule.count === null && rule.until === null && !request.until)
    throw new RecurrenceError('give until, or COUNT in the rrule');
  const first = DateTime.fromJSDate(request.firstStartsAt, { zone: TIME_ZONE });
  const hardEnd = first.plus({ years: MAX_RECURRENCE_YEARS });
  const untils = [rule.until, request.until ?? null].filter((until): until is Date => !!until);
  const until = untils.length > 0 ? Math.min(...untils.map((date) => date.getTime())) : null;
  const wanted = Math.min(rule.count ?? Infinity, limits.maxOccurrences + 1);
  const occurrences: { startsAt: Date; endsAt: Date }[] = [];
  const firstDay = first.startOf('day');
  /** The walk reached the two-year end before the rule's own end (COUNT, until). */
  let cutShort = false;
  for (let index = 0; occurrences.length < wanted; index += 1) {
    const day = firstDay.plus({ days: index });
    if (until !== null && day.toMillis() > until) break;
    if (day >= hardEnd) {
      cutShort = true;
      break;
    }
    if (!matches(rule, first, day, index)) continue;
    // The first day's occurrence is the instant given (milliseconds and the second 02:30 of the
    // October night included); later ones take its wall-clock time.
    const startsAt =
      index === 0
        ? first
        : day.set({
            hour: first.hour,
            minute: first.minute,
            second: first.second,
            millisecond: first.millisecond,
          });
    if (until !== null && startsAt.toMillis() > until) break;
    if (startsAt >= hardEnd) {
      cutShort = true;
      break;
    }
    occurrences.push({
      startsAt: startsAt.toJSDate(),
      endsAt: startsAt.plus({ minutes: request.durationMinutes }).toJSDate(),
    });
  }
  if (occurrences.length > limits.maxOccurrences) {
    throw new RecurrenceError(`a series has at most ${limits.maxOccurrences} ${limits.noun}`);
  }
  if (occurrences.length === 0) {
    throw new RecurrenceError(
      `the rule gives no date within ${MAX_RECURRENCE_YEARS} years of firstStartsAt`,
    );
  }
  if (cutShort) {
    throw new RecurrenceError(
      `a series ends within ${MAX_RECURRENCE_YEARS} years of its first occurrence (before ` +
        `${hardEnd.toISO() ?? ''}): give an earlier until or a smaller COUNT`,
    );
  }
  return occurrences;
}
