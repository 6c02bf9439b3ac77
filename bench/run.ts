/**
 * `npm run bench`: the compiled server against the baseline (baseline.ts, the "physical limit")
 * on the same data, in the same run. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { type BenchConfig, readConfig } from './config';
import {
  type BenchDatabases,
  checkInvariants,
  copyForBaseline,
  createDatabases,
  dropDatabases,
  type Invariants,
  load,
  migrate,
} from './database';
import { buildDataset, type Dataset } from './dataset';
import { type Measurement, measureRounds, type TargetName, type TargetWorkloads } from './measure';
import {
  type BenchRequest,
  isRead,
  OPERATIONS,
  type OperationName,
  PairCursor,
  q1Request,
  q2Request,
  ReadWorkload,
  SignUpWorkload,
  type Workload,
} from './operations';
import {
  type AnswerShape,
  checkReads,
  describeAnswer,
  MismatchError,
  type ReadExpectations,
} from './precheck';
import { type Child, clockTicksPerSecond, killAllChildren, stopChild } from './processes';
import { median, summarise, table, writeResults } from './report';
import { countBaselineSql, countServerSql, type SqlCount, SqlLog } from './sql-count';
import { repeatColdStart, startAndWait, Targets } from './targets';
import { accessToken } from './tokens';

const say = (text = ''): void => void process.stdout.write(`${text}\n`);

/** The reads each target answers, built once from the dataset. */
function readRequests(dataset: Dataset, coordinatorToken: string) {
  return new Map<OperationName, BenchRequest[]>([
    ['Q1', [q1Request('Q1', 10, dataset.q1Window, coordinatorToken)]],
    ['Q1-large', [q1Request('Q1-large', 20, dataset.q1LargeWindow, coordinatorToken)]],
    ['Q2', dataset.q2ShiftIds.map((id) => q2Request(id))],
  ]);
}

/** Access tokens as AuthService signs them, for the coordinator and every volunteer. */
function mintTokens(secret: string, dataset: Dataset) {
  const { personId, sessionId } = dataset.coordinator;
  return {
    coordinator: accessToken(secret, personId, sessionId),
    volunteers: dataset.volunteers.map((volunteer) =>
      accessToken(secret, volunteer.personId, volunteer.sessionId),
    ),
  };
}

/** Each target signs up the same pairs in the same order, on its own copy of the data. */
function cursorsOf(dataset: Dataset): Record<TargetName, Map<OperationName, PairCursor>> {
  const of = () =>
    new Map<OperationName, PairCursor>([
      ['M1', new PairCursor(dataset.hotPairs)],
      ['M2', new PairCursor(dataset.spreadPairs)],
    ]);
  return { server: of(), baseline: of() };
}

/** What one run of the bench does, in order; `cleanUp` undoes what it created. */
class BenchRun {
  private readonly secret = randomBytes(32).toString('hex');
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'samverkan-bench-'));
  private readonly codeDir: string;
  private readonly targets: Targets;
  private databases: BenchDatabases | null = null;
  private readonly failures: string[] = [];

  constructor(private readonly config: BenchConfig) {
    this.codeDir = join(
      config.repoRoot,
      'node_modules',
      '.cache',
      'samverkan-bench',
      `run-${process.pid}`,
    );
    this.targets = new Targets({
      codeDir: this.codeDir,
      logDir: this.dataDir,
      jwtSecret: this.secret,
      logLevel: config.serverLogLevel,
      maxCost: config.serverMaxCost,
    });
  }

  async execute(): Promise<number> {
    const started = Date.now();
    const { config } = this;
    say(`Samverkan bench: ${config.dialect}${config.smoke ? ', smoke' : ''}`);
    this.targets.prepare(config.serverDist, join(config.repoRoot, 'bench'));
    const dataset = this.timed('dataset built', () => buildDataset(config.size));
    say(`  ${describeDataset(dataset)}`);
    const databases = await this.prepareDatabases(dataset);
    const tokens = mintTokens(this.secret, dataset);
    const reads = readRequests(dataset, tokens.coordinator);
    const cursors = cursorsOf(dataset);
    const { checks, sql } = await this.checkAndCount(databases, reads, cursors, tokens.volunteers);
    for (const [operation, message] of checks.refused) this.refusal(operation, message);
    const cold = await this.coldStarts(databases);
    const measurements = await this.measure(cold, reads, checks, cursors, tokens.volunteers);
    await Promise.all([stopChild(cold.server.child), stopChild(cold.baseline.child)]);
    const invariants = await this.invariants(databases, dataset);
    this.collectRejections(measurements);
    await this.report({ started, dataset, checks, sql, cold, measurements, invariants });
    return this.verdict();
  }

  /** The table and the cold starts on the console; everything in the results file. */
  private async report(run: {
    started: number;
    dataset: Dataset;
    checks: ReadExpectations;
    sql: Record<TargetName, Map<OperationName, SqlCount>>;
    cold: Record<TargetName, { ms: number[] }>;
    measurements: Measurement[];
    invariants: Record<TargetName, Invariants>;
  }): Promise<void> {
    const { checks, sql, cold } = run;
    const summaries = summarise(run.measurements, sql, checks.refused);
    say();
    say(table(summaries));
    say();
    say(
      `cold start (median of ${this.config.coldStarts}): ` +
        `server ${median(cold.server.ms).toFixed(0)} ms, ` +
        `baseline ${median(cold.baseline.ms).toFixed(0)} ms`,
    );
    const file = await writeResults(this.config.repoRoot, this.resultName(), {
      ...this.header(run.started, run.dataset),
      coldStartMs: { server: cold.server.ms, baseline: cold.baseline.ms },
      refused: Object.fromEntries(checks.refused),
      answers: Object.fromEntries(
        [...checks.expected].map(([operation, answers]) => {
          const first = [...answers.values()][0];
          return [operation, first === undefined ? null : describeAnswer(first)];
        }),
      ),
      sqlPerRequest: {
        server: Object.fromEntries(sql.server),
        baseline: Object.fromEntries(sql.baseline),
      },
      summary: summaries,
      invariants: run.invariants,
      rounds: run.measurements,
      failures: this.failures,
    });
    say(`results: ${file} (the run took ${Math.round((Date.now() - run.started) / 1000)} s)`);
  }

  private verdict(): number {
    if (this.failures.length === 0) {
      say('OK');
      return 0;
    }
    console.error(`\nFAILED:\n  - ${this.failures.join('\n  - ')}`);
    return 1;
  }

  private timed<T>(label: string, work: () => T): T {
    const start = performance.now();
    const result = work();
    say(`${label} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    return result;
  }

  private async prepareDatabases(dataset: Dataset): Promise<BenchDatabases> {
    const { config } = this;
    const start = performance.now();
    const databases = await createDatabases(config.dialect, this.dataDir, config.postgresUrl);
    this.databases = databases;
    await migrate(this.targets.serverDist, databases.server);
    await load(databases.server, dataset);
    await copyForBaseline(databases, config.postgresUrl);
    say(
      `databases migrated, loaded and copied in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
    return databases;
  }

  /**
   * The server with its SQL log on (LOG_SQL=true, LOG_LEVEL=debug) and a baseline: every read
   * compared byte for byte, then the statements of each operation counted, one request at a time.
   */
  private async checkAndCount(
    databases: BenchDatabases,
    reads: ReadonlyMap<OperationName, BenchRequest[]>,
    cursors: Record<TargetName, Map<OperationName, PairCursor>>,
    volunteerTokens: readonly string[],
  ) {
    const log = new SqlLog();
    const env = { LOG_SQL: 'true', LOG_LEVEL: 'debug' };
    const server = await startAndWait(this.targets.server(databases.server, env, log.onLine));
    const baseline = await startAndWait(this.targets.baseline(databases.baseline));
    try {
      const checks = await checkReads(server.child, baseline.child, reads);
      say('reads checked: the baseline answers each one byte for byte as the server does');
      for (const [operation, answers] of checks.expected) {
        const first = [...answers.values()][0];
        if (first !== undefined)
          say(`  ${operation} answer: ${formatShape(describeAnswer(first))}`);
      }
      const workloads = (target: TargetName) =>
        buildWorkloads(reads, checks, cursors[target], volunteerTokens);
      const sql = {
        server: await countServerSql(
          server.child,
          log,
          workloads('server'),
          new Set(checks.refused.keys()),
        ),
        baseline: await countBaselineSql(baseline.child, workloads('baseline')),
      };
      say(`SQL statements counted`);
      return { checks, sql };
    } finally {
      await Promise.all([stopChild(server.child), stopChild(baseline.child)]);
    }
  }

  private refusal(operation: OperationName, message: string): void {
    const text = `the server refuses ${operation}: ${message}`;
    say(`  ${text}`);
    if (!this.config.allowRefused)
      this.failures.push(`${text} (--allow-refused to measure the rest)`);
  }

  /** Each target started `coldStarts` times on the loaded data; the last start is kept. */
  private async coldStarts(databases: BenchDatabases) {
    const runs = this.config.coldStarts;
    const server = await repeatColdStart(this.targets.server(databases.server), runs);
    const baseline = await repeatColdStart(this.targets.baseline(databases.baseline), runs);
    say(`cold starts: server ${formatMs(server.ms)}, baseline ${formatMs(baseline.ms)}`);
    return { server, baseline };
  }

  private async measure(
    cold: Record<TargetName, { child: Child }>,
    reads: ReadonlyMap<OperationName, BenchRequest[]>,
    checks: ReadExpectations,
    cursors: Record<TargetName, Map<OperationName, PairCursor>>,
    volunteerTokens: readonly string[],
  ): Promise<Measurement[]> {
    const { config } = this;
    const target = (name: TargetName): TargetWorkloads => ({
      child: cold[name].child,
      workloads: buildWorkloads(reads, checks, cursors[name], volunteerTokens),
      cursors: cursors[name],
    });
    say(
      `measuring: ${config.rounds} rounds, ${config.warmupSeconds} s warm-up + ` +
        `${config.windowSeconds} s window per operation and target, 10 connections`,
    );
    return measureRounds(
      {
        rounds: config.rounds,
        operations: config.operations,
        warmupSeconds: config.warmupSeconds,
        windowSeconds: config.windowSeconds,
        ticksPerSecond: clockTicksPerSecond(),
      },
      { server: target('server'), baseline: target('baseline') },
      new Set(checks.refused.keys()),
      (entry) =>
        say(
          `  round ${entry.round + 1}  ${entry.operation.padEnd(8)} ${entry.target.padEnd(8)} ` +
            `${entry.window.requestsPerSecond.toFixed(1).padStart(9)} req/s  ` +
            `p50 ${entry.window.p50Ms.toFixed(1)} ms  p99 ${entry.window.p99Ms.toFixed(1)} ms  ` +
            `(${entry.window.requests} requests in ${entry.window.seconds.toFixed(1)} s)` +
            (entry.window.rejected + entry.warmup.rejected > 0 ? '  REJECTED ANSWERS' : ''),
        ),
    );
  }

  private collectRejections(measurements: readonly Measurement[]): void {
    for (const entry of measurements) {
      for (const figures of [entry.warmup, entry.window]) {
        if (figures.rejected > 0 || figures.errors > 0) {
          this.failures.push(
            `${entry.operation} on the ${entry.target}, round ${entry.round + 1}: ` +
              `${figures.rejected} wrong answers, ${figures.errors} connection errors; first: ` +
              (figures.firstRejected ?? '(none)'),
          );
        }
      }
    }
  }

  private async invariants(databases: BenchDatabases, dataset: Dataset) {
    const found: Record<TargetName, Invariants> = {
      server: await checkInvariants(databases.server),
      baseline: await checkInvariants(databases.baseline),
    };
    const loaded = dataset.summary.signups ?? 0;
    for (const name of ['server', 'baseline'] as const) {
      const figures = found[name];
      say(
        `${name.padEnd(8)}: overbooked walks: ${figures.overbooked} of ${figures.shifts}, ` +
          `counter mismatches: ${figures.counterMismatches}, queue problems: ${figures.queueProblems} ` +
          `(signups ${loaded} → ${figures.signups}, notifications ${figures.notifications})`,
      );
      if (figures.overbooked + figures.counterMismatches + figures.queueProblems > 0) {
        this.failures.push(`invariants broken on the ${name}'s database`);
      }
    }
    return found;
  }

  private resultName(): string {
    const day = new Date().toISOString().slice(0, 10);
    return `${day}-${this.config.dialect}${this.config.smoke ? '-smoke' : ''}.json`;
  }

  private header(started: number, dataset: Dataset) {
    const { config } = this;
    return {
      date: new Date(started).toISOString(),
      durationSeconds: Math.round((Date.now() - started) / 1000),
      dialect: config.dialect,
      smoke: config.smoke,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryMb: Math.round(totalmem() / 1024 / 1024),
        node: process.version,
        platform: `${platform()} ${release()}`,
      },
      server: {
        dist: config.serverDist,
        ...gitState(config.repoRoot),
        logLevel: config.serverLogLevel,
        graphqlMaxCost: config.serverMaxCost,
      },
      settings: {
        connections: 10,
        rounds: config.rounds,
        warmupSeconds: config.warmupSeconds,
        windowSeconds: config.windowSeconds,
        coldStarts: config.coldStarts,
      },
      dataset: { size: dataset.size, rows: dataset.summary },
    };
  }

  async cleanUp(): Promise<void> {
    killAllChildren();
    rmSync(this.codeDir, { recursive: true, force: true });
    const cache = dirname(this.codeDir);
    if (existsSync(cache) && readdirSync(cache).length === 0) rmSync(cache, { recursive: true });
    rmSync(this.dataDir, { recursive: true, force: true });
    if (this.databases?.server.dialect === 'postgres' && this.config.postgresUrl) {
      await dropDatabases(this.config.postgresUrl);
    }
  }
}

function buildWorkloads(
  reads: ReadonlyMap<OperationName, BenchRequest[]>,
  checks: ReadExpectations,
  cursors: ReadonlyMap<OperationName, PairCursor>,
  volunteerTokens: readonly string[],
): Map<OperationName, Workload> {
  const workloads = new Map<OperationName, Workload>();
  for (const operation of OPERATIONS) {
    if (isRead(operation)) {
      const expected = checks.refused.has(operation)
        ? null
        : (checks.expected.get(operation) ?? null);
      workloads.set(operation, new ReadWorkload(operation, reads.get(operation) ?? [], expected));
    } else {
      const cursor = cursors.get(operation);
      if (!cursor) throw new Error(`no pairs for ${operation}`);
      workloads.set(operation, new SignUpWorkload(operation, cursor, volunteerTokens));
    }
  }
  return workloads;
}

function formatShape(shape: AnswerShape): string {
  if (shape.signups === 0) return `${shape.bytes} bytes`;
  return (
    `${shape.bytes} bytes, ${shape.walks} walks, ${shape.signups} signups ` +
    `(${shape.waitlisted} waitlisted, ${shape.protectedNames} protected names)`
  );
}

const formatMs = (values: readonly number[]) =>
  values.map((value) => `${value.toFixed(0)} ms`).join(', ');

function describeDataset(dataset: Dataset): string {
  return Object.entries(dataset.summary)
    .map(([table, rows]) => `${table} ${rows}`)
    .join(', ');
}

/** Which commit was measured, and whether src/ had changes not committed yet. */
function gitState(repoRoot: string): { commit: string; uncommitted: string[] } {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
    return {
      commit: git('rev-parse', 'HEAD').trim(),
      uncommitted: git('status', '--short', '--', 'src').split('\n').filter(Boolean),
    };
  } catch {
    return { commit: 'unknown', uncommitted: [] };
  }
}

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2), process.env);
  const run = new BenchRun(config);
  process.once('SIGINT', () => {
    killAllChildren();
    process.exit(130);
  });
  let code = 1;
  try {
    code = await run.execute();
  } catch (error) {
    if (error instanceof MismatchError) console.error(`\nMISMATCH: ${error.message}`);
    else console.error(error);
  } finally {
    await run.cleanUp();
  }
  process.exit(code);
}

main().catch((error: unknown) => {
  // A bad argument or setting: nothing was started yet.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
