import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from './errors/domain-error';
import { ErrorCode } from './errors/error-codes';

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.BAD_USER_INPUT]: HttpStatus.BAD_REQUEST,
  [ErrorCode.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
};

/**
 * Domain errors on plain HTTP routes (health, calendars) get a status and the same `code` as in
 * GraphQL. In GraphQL the error goes on to `formatError` untouched.
 */
@Catch(DomainError)
export class HttpErrorFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, host: ArgumentsHost): DomainError | void {
    if (host.getType<string>() !== 'http') return error;
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(STATUS[error.code] ?? HttpStatus.CONFLICT)
      .json({ error: { code: error.code, message: error.message, details: error.details } });
  }
}
