import type { SignupPair, TimeWindow } from './dataset';
import { toStockholmIso } from './stockholm-time';

/** The operations, in the order each round runs them. */
export const OPERATIONS = ['Q1', 'Q1-large', 'Q2', 'M1', 'M2'] as const;
export type OperationName = (typeof OPERATIONS)[number];

export function isRead(operation: OperationName): boolean {
  return operation === 'Q1' || operation === 'Q1-large' || operation === 'Q2';
}

export const Q1_DOCUMENT =
  'query Q1($first: Int!, $from: DateTime!, $to: DateTime!) { organisations(first: $first) ' +
  '{ edges { node { id name shifts(from: $from, to: $to) { id startsAt endsAt status maxWalkers ' +
  'confirmedCount signups { id status position person { id displayName } } } } } } }';

export const Q2_DOCUMENT =
  'query Q2($id: ID!) { shift(id: $id) { id startsAt endsAt status meetingPoint ' +
  'organisation { id name } district { id name } } }';

/** M1 and M2 send the same document (its operation is named M1). */
export const SIGN_UP_DOCUMENT =
  'mutation M1($input: SignUpForShiftInput!) { signUpForShift(input: $input) { status } }';

/** One request of the bench; `key` names the answer a read must give (reads only). */
export interface BenchRequest {
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly key: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function withToken(token: string): Record<string, string> {
  return { ...JSON_HEADERS, authorization: `Bearer ${token}` };
}

export function q1Request(
  operation: 'Q1' | 'Q1-large',
  first: number,
  window: TimeWindow,
  coordinatorToken: string,
): BenchRequest {
  const variables = { first, from: toStockholmIso(window.from), to: toStockholmIso(window.to) };
  return {
    body: JSON.stringify({ operationName: 'Q1', query: Q1_DOCUMENT, variables }),
    headers: withToken(coordinatorToken),
    key: operation,
  };
}

/** Anonymous: the public schedule. */
export function q2Request(shiftId: string): BenchRequest {
  return {
    body: JSON.stringify({ operationName: 'Q2', query: Q2_DOCUMENT, variables: { id: shiftId } }),
    headers: JSON_HEADERS,
    key: shiftId,
  };
}

export function signUpRequest(pair: SignupPair, volunteerTokens: readonly string[]): BenchRequest {
  const variables = { input: { shiftId: pair.shiftId, joinWaitlist: true } };
  return {
    body: JSON.stringify({ operationName: 'M1', query: SIGN_UP_DOCUMENT, variables }),
    headers: withToken(volunteerTokens[pair.volunteer]),
    key: pair.shiftId,
  };
}

function parsed(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** CONFIRMED or WAITLISTED when a signup succeeded without errors; null otherwise. */
export function signUpStatus(body: string): string | null {
  const answer = parsed(body);
  if (!answer || answer.errors !== undefined) return null;
  const data = answer.data as { signUpForShift?: { status?: unknown } } | null | undefined;
  const status = data?.signUpForShift?.status;
  return status === 'CONFIRMED' || status === 'WAITLISTED' ? status : null;
}

/** The server's message when it refused the operation for its cost (cost.ts), else null. */
export function costRefusal(body: string): string | null {
  const errors = parsed(body)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const first = errors[0] as { message?: unknown; extensions?: { reason?: unknown } };
  const message = typeof first.message === 'string' ? first.message : '';
  return first.extensions?.reason === 'GRAPHQL_VALIDATION_FAILED' && message.includes(' costs ')
    ? message
    : null;
}

/** What a load run sends and how it judges each answer. */
export interface Workload {
  readonly operation: OperationName;
  next(): BenchRequest;
  accepts(body: string, key: string): boolean;
  /** Why an answer was not accepted, for the report. */
  explain(body: string, key: string): string;
}

/**
 * A read: cycles over its requests; each answer must equal, byte for byte, the one checked
 * before. Without `expected` (the server refuses the operation, so there is nothing to compare
 * with) any answer without errors passes.
 */
export class ReadWorkload implements Workload {
  private index = 0;

  constructor(
    readonly operation: OperationName,
    private readonly requests: readonly BenchRequest[],
    private readonly expected: ReadonlyMap<string, string> | null,
  ) {}

  next(): BenchRequest {
    const request = this.requests[this.index];
    this.index = (this.index + 1) % this.requests.length;
    return request;
  }

  accepts(body: string, key: string): boolean {
    if (!this.expected) return body.startsWith('{"data":{') && !body.includes('"errors":');
    const expected = this.expected.get(key);
    if (expected === body) return true;
    // autocannon decodes each chunk of a response on its own (`body += chunk`): a character of
    // several bytes split between two chunks arrives as U+FFFD. Only then, compare the rest.
    return (
      expected !== undefined && body.includes('\uFFFD') && asciiOnly(expected) === asciiOnly(body)
    );
  }

  explain(body: string, key: string): string {
    const expected = this.expected?.get(key);
    return expected === undefined ? body.slice(0, 2000) : diffExcerpt(expected, body);
  }
}

function asciiOnly(text: string): string {
  return text.replace(/[^ -~\n]/g, '');
}

/** Where two texts first differ, with some context on either side. */
export function diffExcerpt(expected: string, actual: string): string {
  let index = 0;
  while (index < expected.length && expected[index] === actual[index]) index += 1;
  const from = Math.max(0, index - 150);
  const excerpt = (text: string) => JSON.stringify(text.slice(from, index + 250));
  return (
    `first difference at character ${index} (expected ${expected.length}, got ${actual.length}):\n` +
    `  expected: …${excerpt(expected)}…\n  got:      …${excerpt(actual)}…`
  );
}

/** Signup pairs of one target, each handed out once. */
export class PairCursor {
  private index = 0;

  constructor(readonly pairs: readonly SignupPair[]) {}

  get remaining(): number {
    return this.pairs.length - this.index;
  }

  take(): SignupPair {
    if (this.index >= this.pairs.length) {
      throw new Error('signup pairs used up (the harness sizes its runs to avoid this)');
    }
    const pair = this.pairs[this.index];
    this.index += 1;
    return pair;
  }
}

/** A write: a fresh pair per request; an answer must be CONFIRMED or WAITLISTED, no errors. */
export class SignUpWorkload implements Workload {
  constructor(
    readonly operation: OperationName,
    readonly cursor: PairCursor,
    private readonly volunteerTokens: readonly string[],
  ) {}

  next(): BenchRequest {
    return signUpRequest(this.cursor.take(), this.volunteerTokens);
  }

  accepts(body: string): boolean {
    return signUpStatus(body) !== null;
  }

  explain(body: string): string {
    return body.slice(0, 2000);
  }
}
