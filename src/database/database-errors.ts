import { QueryFailedError } from 'typeorm';

/** What the drivers (pg, better-sqlite3) put on a failed query. */
export interface DriverError {
  code?: string;
  constraint?: string;
  message?: string;
}

/** A unique constraint (or unique index) refused the write, on PostgreSQL or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as DriverError;
  return (
    driverError.code === '23505' ||
    driverError.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    driverError.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * PostgreSQL gave up on the transaction because of a concurrent one (deadlock detected,
 * serialisation failure): running it again is the remedy.
 */
export function isTransientConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as DriverError).code;
  return code === '40P01' || code === '40001';
}
