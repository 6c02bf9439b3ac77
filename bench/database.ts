import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions, type Logger } from 'typeorm';
import type { Cell, Dataset, Table } from './dataset';

export type Dialect = 'sqlite' | 'postgres';

/** Where one copy of the data lives: a SQLite file or a PostgreSQL URL. */
export interface DatabaseLocation {
  readonly dialect: Dialect;
  /** The file (SQLite) or the connection URL (PostgreSQL). */
  readonly target: string;
}

/** The two copies: one the server changes, one the baseline changes. */
export interface BenchDatabases {
  readonly server: DatabaseLocation;
  readonly baseline: DatabaseLocation;
}

const SERVER_DATABASE = 'samverkan_bench_server';
const BASELINE_DATABASE = 'samverkan_bench_baseline';
const PG_CHUNK_ROWS = 5000;

/** The databases for a run, empty and not yet migrated (the baseline copy is made later). */
export async function createDatabases(
  dialect: Dialect,
  workDir: string,
  postgresUrl: string | null,
): Promise<BenchDatabases> {
  if (dialect === 'sqlite') {
    return {
      server: { dialect, target: join(workDir, 'server.sqlite') },
      baseline: { dialect, target: join(workDir, 'baseline.sqlite') },
    };
  }
  if (!postgresUrl) throw new Error('PostgreSQL needs DATABASE_URL');
  await dropDatabases(postgresUrl);
  await withAdmin(postgresUrl, (admin) => admin.query(`CREATE DATABASE ${SERVER_DATABASE}`));
  return {
    server: { dialect, target: databaseUrl(postgresUrl, SERVER_DATABASE) },
    baseline: { dialect, target: databaseUrl(postgresUrl, BASELINE_DATABASE) },
  };
}

/** Drops the bench's PostgreSQL databases, whoever is still connected. */
export async function dropDatabases(postgresUrl: string): Promise<void> {
  await withAdmin(postgresUrl, async (admin) => {
    for (const name of [SERVER_DATABASE, BASELINE_DATABASE]) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
}

function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(postgresUrl: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: databaseUrl(postgresUrl, 'postgres') });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

type OptionsBuilder = (config: unknown, entities: unknown[]) => DataSourceOptions;

function isOptionsModule(value: unknown): value is { buildDataSourceOptions: OptionsBuilder } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { buildDataSourceOptions?: unknown }).buildDataSourceOptions === 'function'
  );
}

const SILENT: Logger = {
  logQuery: () => undefined,
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

/**
 * Applies the project's migrations, compiled in `distDir`, with the options the app itself builds
 * (src/database/data-source-options.ts): the same files, table and transaction mode.
 */
export async function migrate(distDir: string, location: DatabaseLocation): Promise<void> {
  const loaded: unknown = createRequire(__filename)(
    join(distDir, 'src/database/data-source-options.js'),
  );
  if (!isOptionsModule(loaded)) throw new Error(`${distDir} has no buildDataSourceOptions`);
  // Only what buildDataSourceOptions reads of AppConfig.
  const config =
    location.dialect === 'sqlite'
      ? { logSql: false, database: { type: 'sqlite', path: location.target, busyTimeoutMs: 5000 } }
      : { logSql: false, database: { type: 'postgres', url: location.target } };
  const options = loaded.buildDataSourceOptions(config, []);
  const dataSource = new DataSource({ ...options, logger: SILENT });
  await dataSource.initialize(); // migrationsRun: true
  await dataSource.destroy();
}

/** TypeORM's text for an instant on SQLite: UTC, `YYYY-MM-DD HH:MM:SS.SSS`. */
export function sqliteInstant(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
}

function sqliteCell(cell: Cell): string | number | null {
  if (cell instanceof Date) return sqliteInstant(cell.getTime());
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  return cell;
}

/** Bulk insert: prepared statements in one transaction (SQLite), `unnest` chunks (PostgreSQL). */
export async function load(location: DatabaseLocation, dataset: Dataset): Promise<void> {
  if (location.dialect === 'sqlite') loadSqlite(location.target, dataset.tables);
  else await loadPostgres(location.target, dataset.tables);
}

function loadSqlite(path: string, tables: readonly Table[]): void {
  const db = new Sqlite(path);
  try {
    db.pragma('synchronous = OFF');
    db.transaction(() => {
      for (const table of tables) {
        const columns = table.columns.map((column) => `"${column}"`).join(', ');
        const insert = db.prepare(
          `INSERT INTO "${table.name}" (${columns}) VALUES (${table.columns.map(() => '?').join(', ')})`,
        );
        for (const row of table.rows) insert.run(row.map(sqliteCell));
      }
    })();
    // Everything into the main file, so a plain copy is a complete database.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

async function loadPostgres(url: string, tables: readonly Table[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const table of tables) {
      const types = await columnTypes(client, table.name);
      const columns = table.columns.map((column) => `"${column}"`).join(', ');
      const arrays = table.columns
        .map((column, index) => `$${index + 1}::${types.get(column) ?? 'text'}[]`)
        .join(', ');
      const sql = `INSERT INTO "${table.name}" (${columns}) SELECT * FROM unnest(${arrays})`;
      for (let start = 0; start < table.rows.length; start += PG_CHUNK_ROWS) {
        const chunk = table.rows.slice(start, start + PG_CHUNK_ROWS);
        await client.query(
          sql,
          table.columns.map((_, index) => chunk.map((row) => row[index])),
        );
      }
    }
    await client.query('COMMIT');
    // Fresh statistics, so both copies start with the same plans (the copy inherits them).
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

async function columnTypes(client: Client, table: string): Promise<Map<string, string>> {
  const result = await client.query<{ column_name: string; udt_name: string }>(
    `SELECT column_name, udt_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  return new Map(result.rows.map((row) => [row.column_name, row.udt_name]));
}

/** The baseline's copy of the loaded server database (nothing may be connected to it). */
export async function copyForBaseline(
  databases: BenchDatabases,
  postgresUrl: string | null,
): Promise<void> {
  if (databases.server.dialect === 'sqlite') {
    copyFileSync(databases.server.target, databases.baseline.target);
    return;
  }
  if (!postgresUrl) throw new Error('PostgreSQL needs DATABASE_URL');
  await withAdmin(postgresUrl, (admin) =>
    admin.query(`CREATE DATABASE ${BASELINE_DATABASE} TEMPLATE ${SERVER_DATABASE}`),
  );
}

/** What must hold after any number of signups, however concurrent. */
export interface Invariants {
  readonly shifts: number;
  readonly signups: number;
  readonly notifications: number;
  /** Walks with more seated walkers (CONFIRMED, ATTENDED, NO_SHOW) than maxWalkers. */
  readonly overbooked: number;
  /** Walks whose confirmedCount or waitlistCount differs from their signup rows. */
  readonly counterMismatches: number;
  /** (walk, queueNumber) pairs used twice, plus walks whose nextQueueNumber is not the highest. */
  readonly queueProblems: number;
}

const INVARIANT_SQL = {
  counters: `SELECT COUNT(*) AS shifts,
      COALESCE(SUM(CASE WHEN t.seated > t."maxWalkers" THEN 1 ELSE 0 END), 0) AS overbooked,
      COALESCE(SUM(CASE WHEN t.seated <> t."confirmedCount" OR t.waiting <> t."waitlistCount"
        THEN 1 ELSE 0 END), 0) AS mismatched,
      COALESCE(SUM(CASE WHEN t.highest <> t."nextQueueNumber" THEN 1 ELSE 0 END), 0) AS queue
    FROM (SELECT s."maxWalkers", s."confirmedCount", s."waitlistCount", s."nextQueueNumber",
        (SELECT COUNT(*) FROM signups g WHERE g."shiftId" = s.id
          AND g.status IN ('CONFIRMED', 'ATTENDED', 'NO_SHOW')) AS seated,
        (SELECT COUNT(*) FROM signups g WHERE g."shiftId" = s.id AND g.status = 'WAITLISTED') AS waiting,
        (SELECT COALESCE(MAX(g."queueNumber"), 0) FROM signups g WHERE g."shiftId" = s.id) AS highest
      FROM shifts s) t`,
  duplicates: `SELECT COUNT(*) AS duplicates FROM (SELECT "shiftId", "queueNumber" FROM signups
      GROUP BY "shiftId", "queueNumber" HAVING COUNT(*) > 1) d`,
  totals: `SELECT (SELECT COUNT(*) FROM signups) AS signups,
      (SELECT COUNT(*) FROM notifications) AS notifications`,
};

type InvariantRow = Record<string, unknown>;

export async function checkInvariants(location: DatabaseLocation): Promise<Invariants> {
  const rows =
    location.dialect === 'sqlite'
      ? invariantRowsSqlite(location.target)
      : await invariantRowsPostgres(location.target);
  const [counters, duplicates, totals] = rows;
  const number = (row: InvariantRow, key: string) => Number(row[key] ?? NaN);
  return {
    shifts: number(counters, 'shifts'),
    signups: number(totals, 'signups'),
    notifications: number(totals, 'notifications'),
    overbooked: number(counters, 'overbooked'),
    counterMismatches: number(counters, 'mismatched'),
    queueProblems: number(counters, 'queue') + number(duplicates, 'duplicates'),
  };
}

function invariantRowsSqlite(path: string): InvariantRow[] {
  const db = new Sqlite(path, { readonly: true });
  try {
    return [INVARIANT_SQL.counters, INVARIANT_SQL.duplicates, INVARIANT_SQL.totals].map(
      (sql) => db.prepare(sql).get() as InvariantRow,
    );
  } finally {
    db.close();
  }
}

async function invariantRowsPostgres(url: string): Promise<InvariantRow[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows: InvariantRow[] = [];
    for (const sql of [INVARIANT_SQL.counters, INVARIANT_SQL.duplicates, INVARIANT_SQL.totals]) {
      rows.push((await client.query<InvariantRow>(sql)).rows[0]);
    }
    return rows;
  } finally {
    await client.end();
  }
}
