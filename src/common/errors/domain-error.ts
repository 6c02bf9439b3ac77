import { ErrorCode } from './error-codes';

/** Structured detail a client can act on, e.g. `{ fields: { email: ['must be an email'] } }`. */
export type ErrorDetails = Record<string, unknown>;

/**
 * The one error type services throw. `formatError` copies `code` into `extensions.code` and
 * `details` into `extensions.details`; anything that is not a DomainError is hidden from clients.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string, id?: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} not found`, id ? { id } : undefined);
  }

  static forbidden(message = 'You are not allowed to do this'): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, message);
  }

  static unauthenticated(message = 'Sign in or send an API key'): DomainError {
    return new DomainError(ErrorCode.UNAUTHENTICATED, message);
  }

  static badInput(message: string, fields?: Record<string, string[]>): DomainError {
    return new DomainError(ErrorCode.BAD_USER_INPUT, message, fields ? { fields } : undefined);
  }

  static invalidTransition(entity: string, from: string, to: string): DomainError {
    return new DomainError(
      ErrorCode.INVALID_STATE_TRANSITION,
      `${entity} cannot go from ${from} to ${to}`,
      { from, to },
    );
  }
}
