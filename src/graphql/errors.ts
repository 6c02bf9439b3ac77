import { HttpException, LoggerService } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode, HTTP_STATUS_BY_CODE } from '../common/errors/error-codes';

/** Errors Apollo raises before execution: the client sent something it must fix. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const HTTP_STATUS_CODES = new Map<number, ErrorCode>(
  Object.entries(HTTP_STATUS_BY_CODE).map(([code, status]) => [status, code as ErrorCode]),
);

/**
 * The error a resolver (or a guard) threw, inside the GraphQLError wrapping it. Apollo's own
 * unwrapping needs a `path`, which errors raised while a subscription starts do not have.
 */
function unwrap(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

export type FormatError = (
  formatted: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError;

/**
 * graphql-js's suggestions, e.g. ` Did you mean the enum value "ACTIVE"?` or ` Did you mean "name"
 * or "names"?` (they end a sentence, and names hold no `?`), and graphql-armor's mask of them,
 * which still tells that a similar name exists.
 */
const SUGGESTION = /\s*(?:Did you mean [^?]*\?|\[Suggestion hidden\]\??)/g;

/** The message without "Did you mean …?" suggestions, which tell a client the schema's names. */
function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/**
 * The one place a GraphQL error gets its shape. Domain errors pass through with their code and
 * details; request errors become BAD_USER_INPUT; everything else is logged (to this app's logger)
 * and hidden behind INTERNAL_SERVER_ERROR with a generic message. In production no message
 * suggests names ("Did you mean …?"): graphql-armor and Apollo mask them in validation errors,
 * not in those of variable values (an enum value or input field misspelt in `variables`).
 */
export function createFormatError(
  logger: LoggerService,
  options: { production: boolean },
): FormatError {
  if (!options.production) return (formatted, error) => formatError(formatted, error, logger);
  return (formatted, error) => {
    const shaped = formatError(formatted, error, logger);
    return { ...shaped, message: withoutSuggestions(shaped.message) };
  };
}

function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: LoggerService,
): GraphQLFormattedError {
  const original = unwrap(error);
  const { path, locations } = formatted;

  if (original instanceof DomainError) {
    return {
      message: original.message,
      path,
      locations,
      extensions: {
        code: original.code,
        ...(original.details ? { details: original.details } : {}),
      },
    };
  }

  const apolloCode = formatted.extensions?.code;
  if (typeof apolloCode === 'string' && REQUEST_ERROR_CODES.has(apolloCode) && !path) {
    return {
      message: formatted.message,
      locations,
      extensions: { code: ErrorCode.BAD_USER_INPUT, reason: apolloCode },
    };
  }

  if (original instanceof HttpException) {
    const code = HTTP_STATUS_CODES.get(original.getStatus());
    if (code) return { message: original.message, path, locations, extensions: { code } };
  }

  const failure = original instanceof Error ? original : new Error(String(original));
  // Name, message and stack only: driver errors carry SQL parameters that may hold secrets.
  logger.error(
    { err: { name: failure.name, message: failure.message, stack: failure.stack }, path },
    'Unexpected error while executing a GraphQL operation',
    'GraphQL',
  );
  return {
    message: 'Internal server error',
    path,
    locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
