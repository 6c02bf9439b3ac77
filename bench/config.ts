import { resolve } from 'node:path';
import { type DatasetSize, FULL_SIZE, SMOKE_SIZE } from './dataset';
import type { Dialect } from './database';
import { OPERATIONS, type OperationName } from './operations';

/** How a run is set up, from the command line and the environment. */
export interface BenchConfig {
  readonly smoke: boolean;
  readonly dialect: Dialect;
  /** Set on PostgreSQL: where to create (and drop) the bench's databases. */
  readonly postgresUrl: string | null;
  readonly size: DatasetSize;
  readonly rounds: number;
  /** The operations measured (BENCH_OPERATIONS=Q1,Q2; default all): e.g. to profile one. */
  readonly operations: readonly OperationName[];
  readonly warmupSeconds: number;
  readonly windowSeconds: number;
  /** How many times each target is started cold (the median is reported). */
  readonly coldStarts: number;
  /** Measure what the server answers and report what it refuses (cost limit) instead of failing. */
  readonly allowRefused: boolean;
  /** The compiled server to measure (its `dist/`), copied at the start of the run. */
  readonly serverDist: string;
  /** The server's LOG_LEVEL while measured: production's default, `info`, logs every request. */
  readonly serverLogLevel: string;
  /**
   * The server's GRAPHQL_MAX_COST, by default its own default (1 000 000): Q1-large costs 714 100
   * by src/graphql/cost.ts. Builds from before 2026-12-04 had 25 000 and refuse Q1 without it.
   */
  readonly serverMaxCost: number;
  readonly repoRoot: string;
}

export const USAGE = `npm run bench -- [--smoke] [--allow-refused]

  --smoke, BENCH_SMOKE=1            tiny dataset, short windows (CI)
  --allow-refused, BENCH_ALLOW_REFUSED=1
                                    operations the server refuses (cost limit) are reported, not fatal
  DATABASE_URL=postgres://…         PostgreSQL instead of SQLite (bench databases are created there)
  BENCH_SERVER_DIST=path/to/dist    measure another build of the server (default: ./dist)
  BENCH_ROUNDS, BENCH_WARMUP_SECONDS, BENCH_WINDOW_SECONDS, BENCH_COLD_STARTS
                                    override the defaults (3, 3 s, 10 s, 3; smoke 3, 0.5 s, 1 s, 1)
  BENCH_OPERATIONS=Q1,Q2             measure only these operations
  BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR"
                                    options for the server's node (profiling)
  BENCH_LOG_LEVEL=warn              the server's LOG_LEVEL while measured (default info)
  BENCH_GRAPHQL_MAX_COST=25000      the server's GRAPHQL_MAX_COST (default 1000000, the server's: Q1-large costs 714100)`;

function flag(argv: readonly string[], env: NodeJS.ProcessEnv, name: string, variable: string) {
  return argv.includes(`--${name}`) || env[variable] === '1' || env[variable] === 'true';
}

function positiveNumber(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${variable} must be a positive number`);
  return value;
}

function operationsOf(list: string | undefined): readonly OperationName[] {
  if (!list?.trim()) return OPERATIONS;
  const names = list.split(',').map((name) => name.trim());
  const unknown = names.find((name) => !(OPERATIONS as readonly string[]).includes(name));
  if (unknown) throw new Error(`BENCH_OPERATIONS: unknown operation ${unknown}`);
  return OPERATIONS.filter((name) => names.includes(name));
}

export function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): BenchConfig {
  const unknown = argv.filter((arg) => !['--smoke', '--allow-refused'].includes(arg));
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown[0]}\n\n${USAGE}`);
  const smoke = flag(argv, env, 'smoke', 'BENCH_SMOKE');
  const postgresUrl = env.DATABASE_URL?.trim() || null;
  if (postgresUrl && !/^postgres(ql)?:\/\//.test(postgresUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// URL');
  }
  const repoRoot = resolve(__dirname, '..');
  return {
    smoke,
    dialect: postgresUrl ? 'postgres' : 'sqlite',
    postgresUrl,
    size: smoke ? SMOKE_SIZE : FULL_SIZE,
    rounds: Math.max(1, Math.round(positiveNumber(env, 'BENCH_ROUNDS', 3))),
    operations: operationsOf(env.BENCH_OPERATIONS),
    warmupSeconds: positiveNumber(env, 'BENCH_WARMUP_SECONDS', smoke ? 0.5 : 3),
    windowSeconds: positiveNumber(env, 'BENCH_WINDOW_SECONDS', smoke ? 1 : 10),
    coldStarts: Math.max(1, Math.round(positiveNumber(env, 'BENCH_COLD_STARTS', smoke ? 1 : 3))),
    allowRefused: flag(argv, env, 'allow-refused', 'BENCH_ALLOW_REFUSED'),
    serverDist: resolve(env.BENCH_SERVER_DIST || resolve(repoRoot, 'dist')),
    serverLogLevel: env.BENCH_LOG_LEVEL || 'info',
    serverMaxCost: Math.round(positiveNumber(env, 'BENCH_GRAPHQL_MAX_COST', 1_000_000)),
    repoRoot,
  };
}
