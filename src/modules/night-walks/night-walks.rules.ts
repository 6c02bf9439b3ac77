import { expandRecurrence, RecurrenceRequest } from '../../common/recurrence';

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

/** A rule that cannot be expanded (the shared recurrence error, under its night-walk name). */
export { RecurrenceError as SeriesError } from '../../common/recurrence';

export type SeriesRequest = RecurrenceRequest;

/**
 * The walks of a series, expanded in Stockholm wall-clock time (see `expandRecurrence`): a walk at
 * 21:00 stays at 21:00 across the daylight-saving changes.
 */
export function expandSeries(request: SeriesRequest): { startsAt: Date; endsAt: Date }[] {
  return expandRecurrence(request, { maxOccurrences: MAX_SERIES_OCCURRENCES, noun: 'walks' });
}
