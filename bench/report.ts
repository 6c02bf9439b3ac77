import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { LoadFigures, Measurement, TargetName } from './measure';
import { OPERATIONS, type OperationName } from './operations';
import type { SqlCount } from './sql-count';

/** One target's figures for one operation: medians of the measured windows over the rounds. */
export interface TargetSummary {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuMsPerRequest: number;
  readonly peakRssKb: number;
  readonly sqlPerRequest: number | null;
  readonly rounds: number;
}

export interface OperationSummary {
  readonly operation: OperationName;
  /** Null when the server refused the operation. */
  readonly server: TargetSummary | null;
  readonly baseline: TargetSummary | null;
  readonly refused: string | null;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summariseTarget(
  windows: readonly LoadFigures[],
  sql: SqlCount | undefined,
): TargetSummary | null {
  if (windows.length === 0) return null;
  const of = (pick: (figures: LoadFigures) => number) => median(windows.map(pick));
  return {
    requestsPerSecond: of((figures) => figures.requestsPerSecond),
    p50Ms: of((figures) => figures.p50Ms),
    p99Ms: of((figures) => figures.p99Ms),
    cpuMsPerRequest: of((figures) => figures.cpuMsPerRequest),
    peakRssKb: of((figures) => figures.peakRssKb),
    sqlPerRequest: sql?.perRequest ?? null,
    rounds: windows.length,
  };
}

export function summarise(
  measurements: readonly Measurement[],
  sql: Readonly<Record<TargetName, ReadonlyMap<OperationName, SqlCount>>>,
  refused: ReadonlyMap<OperationName, string>,
): OperationSummary[] {
  const windowsOf = (operation: OperationName, target: TargetName) =>
    measurements
      .filter((entry) => entry.operation === operation && entry.target === target)
      .map((entry) => entry.window);
  return OPERATIONS.map((operation) => ({
    operation,
    server: summariseTarget(windowsOf(operation, 'server'), sql.server.get(operation)),
    baseline: summariseTarget(windowsOf(operation, 'baseline'), sql.baseline.get(operation)),
    refused: refused.get(operation) ?? null,
  }));
}

const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : '–';
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)}×` : '–');

/** Both sides of a column, "server / baseline". */
function pair(
  server: TargetSummary | null,
  baseline: TargetSummary | null,
  pick: (summary: TargetSummary) => number | null,
  digits: number,
): string {
  const side = (summary: TargetSummary | null) => {
    const value = summary ? pick(summary) : null;
    return value === null ? '–' : fixed(value, digits);
  };
  return `${side(server)} / ${side(baseline)}`;
}

const COLUMNS = [
  ['op', 9],
  ['server req/s', 13],
  ['baseline req/s', 15],
  ['s÷limit', 8],
  ['p50 ms s/b', 15],
  ['p99 ms s/b (ratio)', 24],
  ['CPU ms/req s/b', 16],
  ['SQL/req s/b', 12],
  ['peak RSS MB s/b', 16],
] as const;

function line(cells: readonly string[]): string {
  return cells
    .map((cell, index) =>
      index === 0 ? cell.padEnd(COLUMNS[0][1]) : cell.padStart(COLUMNS[index][1]),
    )
    .join('  ');
}

/**
 * The table for people. s÷limit: server req/s ÷ baseline req/s, the share of the physical limit
 * the server reaches (the targets are in these terms); the p99 ratio: server p99 ÷
 * baseline p99.
 */
export function table(summaries: readonly OperationSummary[]): string {
  const rows = summaries.map(({ operation, server, baseline, refused }) => {
    const rps = (summary: TargetSummary | null) =>
      summary ? fixed(summary.requestsPerSecond, 1) : refused ? 'refused' : '–';
    const ratio =
      server && baseline ? fixed(server.requestsPerSecond / baseline.requestsPerSecond, 2) : '–';
    const p99Ratio = server && baseline ? ` (${times(server.p99Ms / baseline.p99Ms)})` : '';
    return line([
      operation,
      rps(server),
      rps(baseline),
      ratio,
      pair(server, baseline, (summary) => summary.p50Ms, 1),
      pair(server, baseline, (summary) => summary.p99Ms, 1) + p99Ratio,
      pair(server, baseline, (summary) => summary.cpuMsPerRequest, 2),
      pair(server, baseline, (summary) => summary.sqlPerRequest, 0),
      pair(server, baseline, (summary) => summary.peakRssKb / 1024, 0),
    ]);
  });
  const header = line(COLUMNS.map(([name]) => name));
  return [header, '-'.repeat(header.length), ...rows].join('\n');
}

/** bench/results/<YYYY-MM-DD>-<dialect>[-smoke].json, formatted as the repository's Prettier does. */
export async function writeResults(
  repoRoot: string,
  name: string,
  results: unknown,
): Promise<string> {
  const directory = join(repoRoot, 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, name);
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(JSON.stringify(results), { ...options, parser: 'json' }));
  return file;
}
