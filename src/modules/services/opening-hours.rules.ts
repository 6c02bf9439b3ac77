import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../common/time';

export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}

/** ISO weekday numbers, as luxon counts them: Monday 1 … Sunday 7. */
const WEEKDAY_NUMBER: Record<Weekday, number> = {
  [Weekday.MONDAY]: 1,
  [Weekday.TUESDAY]: 2,
  [Weekday.WEDNESDAY]: 3,
  [Weekday.THURSDAY]: 4,
  [Weekday.FRIDAY]: 5,
  [Weekday.SATURDAY]: 6,
  [Weekday.SUNDAY]: 7,
};

const DAY_MINUTES = 24 * 60;

/** `HH:mm`, 00:00–23:59; a closing time may also be `24:00` (midnight at the end of the day). */
export const OPENS_AT = /^([01]\d|2[0-3]):[0-5]\d$/;
export const CLOSES_AT = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/**
 * One weekly opening: on `day` from `opens` to `closes`, Stockholm wall-clock time. A closing time
 * at or before the opening time is on the next day (a night shelter open 21:00–08:00).
 */
export interface WeeklyOpening {
  day: Weekday;
  opens: string;
  closes: string;
}

/** A stretch of one local weekday, in minutes from its midnight: what the database filters on. */
export interface OpeningSlot {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

function minutes(time: string): number {
  const [hours, mins] = time.split(':').map(Number);
  return hours * 60 + mins;
}

/** Start and end in minutes from the opening day's midnight (the end may pass midnight). */
function span(opening: WeeklyOpening): { start: number; end: number } {
  const start = minutes(opening.opens);
  let end = minutes(opening.closes);
  if (end <= start) end += DAY_MINUTES;
  return { start, end };
}

/**
 * Why these opening hours are refused, or null: an opening lasts at most a day (00:00–24:00), and
 * two openings may not overlap (across midnight and from Sunday into Monday included).
 */
export function openingHoursProblem(hours: readonly WeeklyOpening[]): string | null {
  const WEEK = 7 * DAY_MINUTES;
  const intervals: [number, number][] = [];
  for (const opening of hours) {
    if (opening.opens === opening.closes) {
      return `${opening.day} opens and closes at ${opening.opens}: for a whole day use 00:00–24:00`;
    }
    const { start, end } = span(opening);
    const base = (WEEKDAY_NUMBER[opening.day] - 1) * DAY_MINUTES;
    intervals.push([base + start, base + end]);
    // The part that runs past Sunday midnight also lies at the start of the week.
    if (base + end > WEEK) intervals.push([base + start - WEEK, base + end - WEEK]);
  }
  intervals.sort((a, b) => a[0] - b[0]);
  for (let index = 1; index < intervals.length; index += 1) {
    if (intervals[index][0] < intervals[index - 1][1]) return 'two openings overlap';
  }
  return null;
}

/** The openings cut at local midnight into per-weekday slots (Sunday night runs into Monday). */
export function openingSlots(hours: readonly WeeklyOpening[]): OpeningSlot[] {
  const slots: OpeningSlot[] = [];
  for (const opening of hours) {
    const weekday = WEEKDAY_NUMBER[opening.day];
    const { start, end } = span(opening);
    slots.push({ weekday, startMinute: start, endMinute: Math.min(end, DAY_MINUTES) });
    if (end > DAY_MINUTES) {
      slots.push({ weekday: (weekday % 7) + 1, startMinute: 0, endMinute: end - DAY_MINUTES });
    }
  }
  return slots;
}

/** The Stockholm weekday and minute of the day of an instant (what the slots are matched with). */
export function localWeekMinute(instant: Date): { weekday: number; minute: number } {
  const local = DateTime.fromJSDate(instant, { zone: TIME_ZONE });
  return { weekday: local.weekday, minute: local.hour * 60 + local.minute };
}

/** Open at this instant: its Stockholm wall-clock time lies in an opening (the database agrees). */
export function isOpenAt(slots: readonly OpeningSlot[], instant: Date): boolean {
  const { weekday, minute } = localWeekMinute(instant);
  return slots.some(
    (slot) => slot.weekday === weekday && slot.startMinute <= minute && minute < slot.endMinute,
  );
}

/**
 * The concrete opening periods (instants) overlapping the week from `from`, in order, with
 * touching periods joined (Monday 18:00–24:00 and Tuesday 00:00–08:00 are one night). Wall-clock
 * times are read in Stockholm on each date, so they keep their local time across daylight saving.
 */
export function openingPeriods(
  hours: readonly WeeklyOpening[],
  from: Date,
  days = 8,
): { start: Date; end: Date }[] {
  const first = DateTime.fromJSDate(from, { zone: TIME_ZONE }).startOf('day').minus({ days: 1 });
  const periods: { start: Date; end: Date }[] = [];
  for (let offset = 0; offset <= days; offset += 1) {
    const date = first.plus({ days: offset });
    for (const opening of hours) {
      if (WEEKDAY_NUMBER[opening.day] !== date.weekday) continue;
      const { start, end } = span(opening);
      const at = (minute: number) =>
        date
          .plus({ days: Math.floor(minute / DAY_MINUTES) })
          .set({ hour: Math.floor((minute % DAY_MINUTES) / 60), minute: minute % 60 })
          .toJSDate();
      periods.push({ start: at(start), end: at(end) });
    }
  }
  periods.sort((a, b) => a.start.getTime() - b.start.getTime());
  const joined: { start: Date; end: Date }[] = [];
  for (const period of periods) {
    const last = joined[joined.length - 1];
    if (last && period.start.getTime() <= last.end.getTime()) {
      if (period.end > last.end) last.end = period.end;
    } else {
      joined.push({ ...period });
    }
  }
  return joined;
}

const WEEK_MS = 7 * DAY_MINUTES * 60_000;

export interface OpeningState {
  openNow: boolean;
  openUntil: Date | null;
  nextOpening: Date | null;
}

/**
 * Now and next: whether the service is open at `now`, until when (null when it does not close
 * within a week: open around the clock), and when it next opens after `now` (after the current
 * opening when it is open; null when not within a week).
 */
export function openingState(hours: readonly WeeklyOpening[], now: Date): OpeningState {
  const openNow = isOpenAt(openingSlots(hours), now);
  const periods = openingPeriods(hours, now);
  const current = periods.find((period) => period.start <= now && now < period.end);
  const next = periods.find((period) => period.start > now);
  const closes = openNow && current && current.end.getTime() - now.getTime() <= WEEK_MS;
  return {
    openNow,
    openUntil: closes ? current.end : null,
    nextOpening: next?.start ?? null,
  };
}
