import autocannon from 'autocannon';
import {
  isRead,
  OPERATIONS,
  type OperationName,
  type PairCursor,
  type Workload,
} from './operations';
import { type Child, cpuTicks, memoryKb } from './processes';

export const CONNECTIONS = 10;

export type TargetName = 'server' | 'baseline';

/** A run lasts a number of seconds (reads) or a number of requests (writes: pairs are finite). */
export type RunLimit = { readonly seconds: number } | { readonly requests: number };

export interface LoadFigures {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** User + system CPU of the target process during the run, per answered request. */
  readonly cpuMsPerRequest: number;
  /** Highest VmRSS seen, sampled every 100 ms. */
  readonly peakRssKb: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  /** Answers that were not HTTP 200 with the expected body (reads) or a signup (writes). */
  readonly rejected: number;
  readonly firstRejected: string | null;
}

const SAMPLE_MS = 100;

/** One autocannon run against a target, with its CPU time and memory read from /proc. */
export async function runLoad(
  target: Child,
  workload: Workload,
  limit: RunLimit,
  ticksPerSecond: number,
): Promise<LoadFigures> {
  let rejected = 0;
  let firstRejected: string | null = null;
  let peakRssKb = memoryKb(target.pid, 'VmRSS');
  const sampler = setInterval(() => {
    peakRssKb = Math.max(peakRssKb, memoryKb(target.pid, 'VmRSS'));
  }, SAMPLE_MS);
  const ticksBefore = cpuTicks(target.pid);
  try {
    const result = await autocannon({
      url: `${target.url}/graphql`,
      connections: CONNECTIONS,
      // Also how soon a finished run stops: autocannon checks once per sample.
      sampleInt: SAMPLE_MS,
      timeout: 30,
      ...('seconds' in limit ? { duration: limit.seconds } : { amount: limit.requests }),
      requests: [
        {
          method: 'POST',
          setupRequest: (request, context) => {
            const next = workload.next();
            context.key = next.key;
            return { ...request, path: '/graphql', headers: next.headers, body: next.body };
          },
          onResponse: (status, body, context) => {
            if (status === 200 && workload.accepts(body, String(context.key))) return;
            rejected += 1;
            firstRejected ??= `HTTP ${status}: ${workload.explain(body, String(context.key))}`;
          },
        },
      ],
    });
    const ticks = cpuTicks(target.pid) - ticksBefore;
    const requests = result.requests.total;
    const seconds = result.duration;
    return {
      requests,
      seconds,
      requestsPerSecond: seconds > 0 ? requests / seconds : 0,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      cpuMsPerRequest: requests > 0 ? (ticks * 1000) / ticksPerSecond / requests : 0,
      peakRssKb: Math.max(peakRssKb, memoryKb(target.pid, 'VmRSS')),
      errors: result.errors,
      rejected,
      firstRejected,
    };
  } finally {
    clearInterval(sampler);
  }
}

export interface RoundPlan {
  readonly rounds: number;
  /** Which operations are measured (all unless BENCH_OPERATIONS names some). */
  readonly operations: readonly OperationName[];
  readonly warmupSeconds: number;
  readonly windowSeconds: number;
  readonly ticksPerSecond: number;
}

export interface Measurement {
  readonly round: number;
  readonly operation: OperationName;
  readonly target: TargetName;
  readonly warmup: LoadFigures;
  readonly window: LoadFigures;
  /** VmHWM after the window: the process's peak resident memory since it started. */
  readonly highWaterKb: number;
}

/** What each target answers with, per operation. */
export interface TargetWorkloads {
  readonly child: Child;
  readonly workloads: ReadonlyMap<OperationName, Workload>;
  readonly cursors: ReadonlyMap<OperationName, PairCursor>;
}

function multipleOfConnections(requests: number): number {
  return Math.max(CONNECTIONS, Math.floor(requests / CONNECTIONS) * CONNECTIONS);
}

/**
 * A write run is a number of requests: this round's share of the pairs left, split into a warm-up
 * (about `warmupSeconds` at the rate the target showed before) and a window of about
 * `windowSeconds` at the warm-up's rate, or what is left of the share when the target is faster.
 */
function shareOf(cursor: PairCursor, roundsLeft: number): number {
  const share = Math.floor(cursor.remaining / roundsLeft);
  if (share < 4 * CONNECTIONS) {
    throw new Error(`only ${cursor.remaining} signup pairs left for ${roundsLeft} round(s)`);
  }
  return share;
}

function warmupRequests(share: number, previousRate: number | undefined, plan: RoundPlan): number {
  const wanted = previousRate ? previousRate * plan.warmupSeconds : share * 0.2;
  return multipleOfConnections(Math.min(wanted, share * 0.3));
}

function windowRequests(share: number, warmup: number, rate: number, plan: RoundPlan): number {
  // A margin of one request per connection: a reconnecting client builds its request again.
  return multipleOfConnections(Math.min(rate * plan.windowSeconds, share - warmup - CONNECTIONS));
}

export type Progress = (measurement: Measurement) => void;

/**
 * Rounds of every operation on both targets, interleaved: in each round each operation runs on
 * the server and then the baseline, the order swapped every other round, so drift (a warming
 * page cache, a growing database) falls on both. Operations in `serverSkips` run on the baseline
 * only (the server refuses them).
 */
export async function measureRounds(
  plan: RoundPlan,
  targets: Readonly<Record<TargetName, TargetWorkloads>>,
  serverSkips: ReadonlySet<OperationName>,
  progress: Progress,
): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  const rates = new Map<string, number>();
  for (let round = 0; round < plan.rounds; round += 1) {
    const order: TargetName[] = round % 2 === 0 ? ['server', 'baseline'] : ['baseline', 'server'];
    for (const operation of OPERATIONS.filter((name) => plan.operations.includes(name))) {
      for (const name of order) {
        if (name === 'server' && serverSkips.has(operation)) continue;
        const measurement = await measureOne(plan, round, operation, name, targets[name], rates);
        measurements.push(measurement);
        progress(measurement);
      }
    }
  }
  return measurements;
}

async function measureOne(
  plan: RoundPlan,
  round: number,
  operation: OperationName,
  name: TargetName,
  target: TargetWorkloads,
  rates: Map<string, number>,
): Promise<Measurement> {
  const workload = target.workloads.get(operation);
  if (!workload) throw new Error(`no workload for ${operation}`);
  const run = (limit: RunLimit) => runLoad(target.child, workload, limit, plan.ticksPerSecond);
  let warmup: LoadFigures;
  let window: LoadFigures;
  if (isRead(operation)) {
    warmup = await run({ seconds: plan.warmupSeconds });
    window = await run({ seconds: plan.windowSeconds });
  } else {
    const cursor = target.cursors.get(operation);
    if (!cursor) throw new Error(`no signup pairs for ${operation}`);
    const key = `${name}:${operation}`;
    const share = shareOf(cursor, plan.rounds - round);
    const warm = warmupRequests(share, rates.get(key), plan);
    warmup = await run({ requests: warm });
    window = await run({ requests: windowRequests(share, warm, warmup.requestsPerSecond, plan) });
    rates.set(key, window.requestsPerSecond);
  }
  return {
    round,
    operation,
    target: name,
    warmup,
    window,
    highWaterKb: memoryKb(target.child.pid, 'VmHWM'),
  };
}
