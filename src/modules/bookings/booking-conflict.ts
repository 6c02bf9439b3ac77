import { QueryFailedError } from 'typeorm';
import type { DriverError } from '../../database/database-errors';
import { BOOKING_OVERLAP_CONSTRAINT } from './entities/booking.entity';

/** The message the SQLite overlap triggers raise (see the Bookings migration). */
const SQLITE_OVERLAP_MESSAGE = 'BOOKING_CONFLICT: overlaps a live booking of the resource';

/**
 * The database refused a booking that overlaps a live one: PostgreSQL's exclusion constraint
 * (23P01) or the SQLite triggers. Only reached when two requests raced past the service's check.
 */
export function isBookingOverlap(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as DriverError;
  if (driverError.code === '23P01') return driverError.constraint === BOOKING_OVERLAP_CONSTRAINT;
  return (
    typeof driverError.code === 'string' &&
    driverError.code.startsWith('SQLITE_CONSTRAINT') &&
    (driverError.message ?? '').includes(SQLITE_OVERLAP_MESSAGE)
  );
}
