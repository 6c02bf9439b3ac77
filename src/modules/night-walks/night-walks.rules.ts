import { DateTime } from 'luxon';
import { Frequency, RRule } from 'rrule';
import { TIME_ZONE } from '../../common/time';

export const MAX_SERIES_OCCURRENCES = 200;
export const MAX_SHIFT_HOURS = 12;
/** Walkers may check in from this long before the walk starts until it ends. */
export const CHECK_IN_OPENS_MINUTES_BEFORE = 60;

export interface ShiftShape {
  startsAt: Date;
  endsAt: Date;
  minWalkers: number;
  maxWalkers: number;
  signupDeadline: Date;
}

/** Field → problems; empty when the shift is well-formed. */
export function shiftShapeProblems(shape: ShiftShape, now: Date): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, problem: string) => (problems[field] ??= []).push(problem);
  if (shape.endsAt <= shape.startsAt) add('endsAt', 'must be after startsAt');
  if (shape.endsAt.getTime() - shape.startsAt.getTime() > MAX_SHIFT_HOURS * 3600_000) {
    add('endsAt', `a walk lasts at most ${MAX_SHIFT_HOURS} hours`);
  }
  if (shape.startsAt <= now) add('startsAt', 'must be in the future');
  if (shape.minWalkers < 2) add('minWalkers', 'must be at least 2');
  if (shape.maxWalkers < shape.minWalkers) add('maxWalkers', 'must be at least minWalkers');
  if (shape.signupDeadline > shape.startsAt)
    add('signupDeadline', 'must be at the latest startsAt');
  return problems;
}

/** Half-open intervals: a walk ending at 01:00 does not overlap one starting at 01:00. */
export function overlaps(
  a: { startsAt: Date; endsAt: Date },
  b: { startsAt: Date; endsAt: Date },
): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

export function signupClosed(shift: { signupDeadline: Date; startsAt: Date }, now: Date): boolean {
  return now > shift.signupDeadline || now >= shift.startsAt;
}

/**
 * Walkers check in from an hour before the start until the end; a coordinator may also check
 * someone in after the end (attendance is recorded when the report is written).
 */
export function checkInOpen(
  shift: { startsAt: Date; endsAt: Date },
  now: Date,
  options: { byCoordinator?: boolean } = {},
): boolean {
  const opened = now.getTime() >= shift.startsAt.getTime() - CHECK_IN_OPENS_MINUTES_BEFORE * 60_000;
  return opened && (options.byCoordinator === true || now < shift.endsAt);
}

export class SeriesError extends Error {}

export interface SeriesRequest {
  /** RFC 5545 RRULE without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=FR,SA`. */
  rrule: string;
  /** The first walk; its Stockholm wall-clock time is the time of every walk. */
  firstStartsAt: Date;
  durationMinutes: number;
  /** No walk starts after this instant (required unless the rule has COUNT). */
  until?: Date | null;
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
 * The walks of a series. The rule is expanded in Stockholm wall-clock time, so a walk at 21:00
 * stays at 21:00 across the daylight-saving changes; each walk lasts `durationMinutes`, so one from
 * 22:00 for four hours ends at 02:00 on the next day.
 */
export function expandSeries(request: SeriesRequest): { startsAt: Date; endsAt: Date }[] {
  let parsed: Partial<ReturnType<typeof RRule.parseString>>;
  try {
    parsed = RRule.parseString(request.rrule.replace(/^RRULE:/i, ''));
  } catch {
    throw new SeriesError('rrule is not an RFC 5545 recurrence rule');
  }
  if (parsed.dtstart) throw new SeriesError('rrule must not contain DTSTART: use firstStartsAt');
  if (
    parsed.freq === undefined ||
    ![Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY].includes(parsed.freq)
  ) {
    throw new SeriesError('rrule FREQ must be DAILY, WEEKLY or MONTHLY');
  }
  if (!parsed.count && !parsed.until && !request.until)
    throw new SeriesError('give until, or COUNT in the rrule');
  const rule = new RRule({
    ...parsed,
    dtstart: floating(request.firstStartsAt),
    until: request.until ? floating(request.until) : parsed.until,
  });
  const occurrences = rule.all((_date, index) => index <= MAX_SERIES_OCCURRENCES);
  if (occurrences.length > MAX_SERIES_OCCURRENCES) {
    throw new SeriesError(`a series has at most ${MAX_SERIES_OCCURRENCES} walks`);
  }
  return occurrences.map((occurrence) => {
    const startsAt = fromFloating(occurrence);
    return { startsAt, endsAt: new Date(startsAt.getTime() + request.durationMinutes * 60_000) };
  });
}
