import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from './errors/domain-error';
import { HTTP_STATUS_BY_CODE } from './errors/error-codes';

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
      .status(HTTP_STATUS_BY_CODE[error.code] ?? HttpStatus.CONFLICT)
      // JSON whatever the route declared (an .ics feed, an HTML page), or it is sent mislabelled.
      .type('application/json')
      .json({ error: { code: error.code, message: error.message, details: error.details } });
  }
}
