/**
 * The closed set of codes that every GraphQL error carries in `extensions.code`
 * (DOMAIN.md, "Error codes"). Clients branch on these, never on message text.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  SHIFT_FULL = 'SHIFT_FULL',
  ALREADY_SIGNED_UP = 'ALREADY_SIGNED_UP',
  SCHEDULE_CONFLICT = 'SCHEDULE_CONFLICT',
  CREDENTIAL_REQUIRED = 'CREDENTIAL_REQUIRED',
  SIGNUP_CLOSED = 'SIGNUP_CLOSED',
  SHELTER_AT_CAPACITY = 'SHELTER_AT_CAPACITY',
  GRANT_BUDGET_EXCEEDED = 'GRANT_BUDGET_EXCEEDED',
  FOLLOW_UP_OVERDUE = 'FOLLOW_UP_OVERDUE',
  CONFLICT_OF_INTEREST = 'CONFLICT_OF_INTEREST',
  INVALID_STATE_TRANSITION = 'INVALID_STATE_TRANSITION',
  BOOKING_CONFLICT = 'BOOKING_CONFLICT',
  BOOKING_QUOTA_EXCEEDED = 'BOOKING_QUOTA_EXCEEDED',
  BOOKING_OUTSIDE_WINDOW = 'BOOKING_OUTSIDE_WINDOW',
  RESOURCE_BLACKED_OUT = 'RESOURCE_BLACKED_OUT',
  ORGANISATION_NOT_VERIFIED = 'ORGANISATION_NOT_VERIFIED',
  /** Added by the foundation: the last ORG_ADMIN of an organisation cannot leave or be demoted. */
  LAST_ORG_ADMIN = 'LAST_ORG_ADMIN',
  /** Added by night walks: check-in opens an hour before a walk and closes when it ends. */
  CHECK_IN_CLOSED = 'CHECK_IN_CLOSED',
}

export const ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/**
 * The generic codes that have an HTTP status of their own, both ways: a domain error on a plain
 * HTTP route gets the status (others: 409), an HTTP exception in GraphQL gets the code.
 */
export const HTTP_STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.RATE_LIMITED]: 429,
};
