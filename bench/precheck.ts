import { type BenchRequest, costRefusal, diffExcerpt, type OperationName } from './operations';
import { type Child, postGraphql } from './processes';

/** The baseline answered a read differently from the server: the run stops here. */
export class MismatchError extends Error {}

export interface ReadExpectations {
  /** Per operation: request key → the body both answered. */
  readonly expected: Map<OperationName, Map<string, string>>;
  /** Operations the server refuses for their cost, with its message. */
  readonly refused: Map<OperationName, string>;
}

function hasErrors(body: string): boolean {
  try {
    return (JSON.parse(body) as { errors?: unknown }).errors !== undefined;
  } catch {
    return true;
  }
}

/**
 * Sends every read the bench will measure (each Q2 id too) to both, one at a time, and requires
 * the same bytes. A read the server refuses for its cost is recorded as refused, not compared.
 */
export async function checkReads(
  server: Child,
  baseline: Child,
  reads: ReadonlyMap<OperationName, readonly BenchRequest[]>,
): Promise<ReadExpectations> {
  const expected = new Map<OperationName, Map<string, string>>();
  const refused = new Map<OperationName, string>();
  for (const [operation, requests] of reads) {
    const bodies = new Map<string, string>();
    for (const request of requests) {
      const fromServer = await postGraphql(server.url, request.body, request.headers);
      const refusal = costRefusal(fromServer.body);
      if (refusal) {
        refused.set(operation, refusal);
        break;
      }
      if (fromServer.status !== 200 || hasErrors(fromServer.body)) {
        throw new MismatchError(
          `the server answered ${operation} (${request.key}) with an error: ` +
            `HTTP ${fromServer.status} ${fromServer.body.slice(0, 2000)}`,
        );
      }
      const fromBaseline = await postGraphql(baseline.url, request.body, request.headers);
      if (fromBaseline.body !== fromServer.body) {
        throw new MismatchError(
          `${operation} (${request.key}): the baseline's answer (got) differs from the server's ` +
            '(expected): ' +
            diffExcerpt(fromServer.body, fromBaseline.body),
        );
      }
      bodies.set(request.key, fromServer.body);
    }
    expected.set(operation, bodies);
  }
  return { expected, refused };
}

/** What a checked answer holds, for the report: its size and what the coordinator sees. */
export interface AnswerShape {
  readonly bytes: number;
  readonly walks: number;
  readonly signups: number;
  readonly waitlisted: number;
  readonly protectedNames: number;
}

const occurrences = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

export function describeAnswer(body: string): AnswerShape {
  return {
    bytes: Buffer.byteLength(body),
    walks: occurrences(body, /"startsAt":/g),
    signups: occurrences(body, /"person":/g),
    waitlisted: occurrences(body, /"position":\d/g),
    protectedNames: occurrences(body, /"displayName":"Skyddad identitet"/g),
  };
}
