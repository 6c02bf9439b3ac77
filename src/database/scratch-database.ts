import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface ScratchDatabase {
  /** Environment settings that point the app at the scratch database. */
  readonly env: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh SQLite file in a temporary directory. */
export function scratchSqlite(): ScratchDatabase {
  const directory = mkdtempSync(join(tmpdir(), 'samverkan-'));
  return {
    env: { DATABASE_URL: '', DATABASE_PATH: join(directory, 'samverkan.sqlite') },
    drop: () => {
      rmSync(directory, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/**
 * A new, empty PostgreSQL database on the server `baseUrl` points at (its own database is only
 * used to run CREATE/DROP DATABASE).
 */
export async function scratchPostgres(
  baseUrl: string,
  prefix = 'samverkan_scratch',
): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const client = new Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
