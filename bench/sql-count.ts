import type { BenchRequest, OperationName, Workload } from './operations';
import { type Child, getJson, postGraphql } from './processes';

/**
 * SQL statements per request. The server runs with LOG_SQL=true and LOG_LEVEL=debug: every
 * statement TypeORM sends is a JSON line with `context: "SQL"` and the request's `reqId`
 * (src/database/sql-logger.ts, nestjs-pino), so statements of scheduled jobs, which have no
 * request, are never counted. The baseline counts its own (GET /stats).
 */
export class SqlLog {
  private readonly byRequest = new Map<string, string[]>();

  readonly onLine = (line: string): void => {
    if (!line.includes('"SQL"')) return;
    try {
      const entry = JSON.parse(line) as { context?: unknown; reqId?: unknown; msg?: unknown };
      if (entry.context !== 'SQL' || typeof entry.reqId !== 'string') return;
      const statements = this.byRequest.get(entry.reqId) ?? [];
      statements.push(typeof entry.msg === 'string' ? entry.msg : '');
      this.byRequest.set(entry.reqId, statements);
    } catch {
      // Not one of pino's lines.
    }
  };

  statementsOf(requestId: string): string[] {
    return this.byRequest.get(requestId) ?? [];
  }
}

export interface SqlCount {
  /** The fewest statements over the samples; null when the target refused the operation. */
  readonly perRequest: number | null;
  readonly samples: readonly number[];
  /** The server's statements of the last sample (truncated), to read what it runs. */
  readonly statements: readonly string[];
}

const SAMPLES = 3;
/** pino writes asynchronously: give the log a moment to arrive before counting. */
const FLUSH_MS = 50;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function send(target: Child, request: BenchRequest, workload: Workload) {
  const answer = await postGraphql(target.url, request.body, request.headers);
  if (answer.status !== 200 || !workload.accepts(answer.body, request.key)) {
    throw new Error(
      `${target.name} answered ${workload.operation} unexpectedly while counting SQL: ` +
        `HTTP ${answer.status} ${answer.body.slice(0, 1000)}`,
    );
  }
  return answer;
}

/** Counts the server's statements for each operation, one request at a time. */
export async function countServerSql(
  server: Child,
  log: SqlLog,
  workloads: ReadonlyMap<OperationName, Workload>,
  refused: ReadonlySet<OperationName>,
): Promise<Map<OperationName, SqlCount>> {
  const counts = new Map<OperationName, SqlCount>();
  for (const [operation, workload] of workloads) {
    if (refused.has(operation)) {
      counts.set(operation, { perRequest: null, samples: [], statements: [] });
      continue;
    }
    const samples: number[] = [];
    let statements: string[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      const answer = await send(server, workload.next(), workload);
      await pause(FLUSH_MS);
      const requestId = answer.headers['x-request-id'];
      statements = typeof requestId === 'string' ? log.statementsOf(requestId) : [];
      samples.push(statements.length);
    }
    counts.set(operation, {
      perRequest: Math.min(...samples),
      samples,
      statements: statements.map((sql) => (sql.length > 600 ? `${sql.slice(0, 600)}…` : sql)),
    });
  }
  return counts;
}

function statementsSoFar(stats: unknown): number {
  const statements = (stats as { statements?: unknown } | null)?.statements;
  if (typeof statements !== 'number') throw new Error('the baseline /stats has no statements');
  return statements;
}

/** The same for the baseline, from its own counter. */
export async function countBaselineSql(
  baseline: Child,
  workloads: ReadonlyMap<OperationName, Workload>,
): Promise<Map<OperationName, SqlCount>> {
  const counts = new Map<OperationName, SqlCount>();
  for (const [operation, workload] of workloads) {
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      const before = statementsSoFar(await getJson(`${baseline.url}/stats`));
      await send(baseline, workload.next(), workload);
      samples.push(statementsSoFar(await getJson(`${baseline.url}/stats`)) - before);
    }
    counts.set(operation, { perRequest: Math.min(...samples), samples, statements: [] });
  }
  return counts;
}
