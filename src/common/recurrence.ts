import { DateTime } from 'luxon';
import { Frequency, RRule } from 'rrule';
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

export interface RecurrenceLimits {
  /** Most occurrences a rule may give. */
  maxOccurrences: number;
  /** What an occurrence is called in messages, plural (e.g. `walks`). */
  noun: string;
}

/** Wall-clock fields of an instant in Stockholm, as a "floating" UTC date for rrule. */
function floating(instant: Date): Date {
  const local = DateTime.fromJSDate(instant, { zone: TIME_ZONE });
  return new Date(
    Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second),
  );
}

/** A floating date from rrule back to the instant it names in Stockholm (daylight saving applied). */
function fromFloating(date: Date): Date {
  return DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
    },
    { zone: TIME_ZONE },
  ).toJSDate();
}

/**
 * The occurrences of a rule. It is expanded in Stockholm wall-clock time, so an occurrence at
 * 21:00 stays at 21:00 across the daylight-saving changes; each lasts `durationMinutes`, so one from
 * 22:00 for four hours ends at 02:00 on the next day. DAILY, WEEKLY and MONTHLY rules only.
 */
export function expandRecurrence(
  request: RecurrenceRequest,
  limits: RecurrenceLimits,
): { startsAt: Date; endsAt: Date }[] {
  let parsed: Partial<ReturnType<typeof RRule.parseString>>;
  try {
    parsed = RRule.parseString(request.rrule.replace(/^RRULE:/i, ''));
  } catch {
    throw new RecurrenceError('rrule is not an RFC 5545 recurrence rule');
  }
  if (parsed.dtstart)
    throw new RecurrenceError('rrule must not contain DTSTART: use firstStartsAt');
  if (
    parsed.freq === undefined ||
    ![Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY].includes(parsed.freq)
  ) {
    throw new RecurrenceError('rrule FREQ must be DAILY, WEEKLY or MONTHLY');
  }
  if (!parsed.count && !parsed.until && !request.until)
    throw new RecurrenceError('give until, or COUNT in the rrule');
  const rule = new RRule({
    ...parsed,
    dtstart: floating(request.firstStartsAt),
    until: request.until ? floating(request.until) : parsed.until,
  });
  const occurrences = rule.all((_date, index) => index <= limits.maxOccurrences);
  if (occurrences.length > limits.maxOccurrences) {
    throw new RecurrenceError(`a series has at most ${limits.maxOccurrences} ${limits.noun}`);
  }
  return occurrences.map((occurrence) => {
    const startsAt = fromFloating(occurrence);
    return { startsAt, endsAt: new Date(startsAt.getTime() + request.durationMinutes * 60_000) };
  });
}
