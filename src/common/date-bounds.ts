import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

/** No date the platform plans or records lies before this. */
export const EARLIEST_DATE = new Date('2000-01-01T00:00:00.000Z');

/**
 * How far ahead dates may lie, in years from today, by what they plan. Walks and bookings: two
 * years (a resource's booking window is at most 730 days); the end of a series: four (a series
 * spans at most two years from its first date); blackouts and grant programmes: five; a grant's
 * follow-up: seven; a credential's last valid day: twenty.
 */
export const YEARS_AHEAD = {
  planning: 2,
  seriesEnd: 4,
  blackout: 5,
  grantProgramme: 5,
  grantFollowUp: 7,
  credential: 20,
} as const;

function yearsAfter(instant: Date, years: number): Date {
  const later = new Date(instant.getTime());
  later.setUTCFullYear(later.getUTCFullYear() + years);
  return later;
}

/** Whether an instant lies from 2000-01-01 to `yearsAhead` years after `now`. */
export function withinYears(value: Date, yearsAhead: number, now: Date = new Date()): boolean {
  const time = value.getTime();
  return time >= EARLIEST_DATE.getTime() && time <= yearsAfter(now, yearsAhead).getTime();
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const day = (instant: Date) => instant.toISOString().slice(0, 10);

/**
 * Whether a calendar day (YYYY-MM-DD) lies from 2000-01-01 to `yearsAhead` years after `now`.
 * Anything else is for the format check to refuse.
 */
export function localDateWithinYears(value: string, yearsAhead: number, now = new Date()): boolean {
  if (!LOCAL_DATE.test(value)) return true;
  return value >= day(EARLIEST_DATE) && value <= day(yearsAfter(now, yearsAhead));
}

const message = (yearsAhead: number) => (args?: ValidationArguments) =>
  `${args?.property ?? 'date'} must lie between 2000-01-01 and ${yearsAhead} years from today`;

/**
 * Refuses an instant before 2000-01-01 or more than `yearsAhead` years from today (the server's
 * time), as BAD_USER_INPUT naming the field: a walk in the year 9999 is a typing error, not a
 * plan. The domain's own rules (in the future, within a booking window) still apply after it.
 */
export const WithinYears = (yearsAhead: number, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'withinYears',
      constraints: [yearsAhead],
      validator: {
        validate: (value: unknown) =>
          !(value instanceof Date) ||
          Number.isNaN(value.getTime()) ||
          withinYears(value, yearsAhead),
        defaultMessage: message(yearsAhead),
      },
    },
    options,
  );

/** `WithinYears` for a calendar day written YYYY-MM-DD. */
export const LocalDateWithinYears = (
  yearsAhead: number,
  options?: ValidationOptions,
): PropertyDecorator =>
  ValidateBy(
    {
      name: 'localDateWithinYears',
      constraints: [yearsAhead],
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || localDateWithinYears(value, yearsAhead),
        defaultMessage: message(yearsAhead),
      },
    },
    options,
  );
