import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTITIES } from '../app.entities';
import { AppConfig } from '../config/app-config';
import { Dialect } from '../database/columns';
import { buildDataSourceOptions, createDataSource } from '../database/data-source-options';
import { ScratchDatabase, scratchPostgres, scratchSqlite } from '../database/scratch-database';

/**
 * `migrations check [sqlite|postgres]`: fails when the entities need schema changes that no
 * migration makes (run by .ci/run for both dialects).
 * `migrations generate <Name> [sqlite|postgres]`: writes the migrations that make them, one per
 * dialect, into src/database/migrations{,-postgres}/ for review.
 *
 * PostgreSQL uses a throwaway database on the server named by MIGRATIONS_POSTGRES_URL or
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
const POSTGRES_URL =
  process.env.MIGRATIONS_POSTGRES_URL ||
  process.env.DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';

const FOLDERS: Record<Dialect, string> = {
  sqlite: join(process.cwd(), 'src', 'database', 'migrations'),
  postgres: join(process.cwd(), 'src', 'database', 'migrations-postgres'),
};

interface SchemaChanges {
  up: string[];
  down: string[];
}

async function pendingChanges(dialect: Dialect): Promise<SchemaChanges> {
  const scratch: ScratchDatabase =
    dialect === 'sqlite' ? scratchSqlite() : await scratchPostgres(POSTGRES_URL);
  try {
    const config = new AppConfig({ ...scratch.env, LOG_LEVEL: 'warn' });
    const dataSource = createDataSource(buildDataSourceOptions(config, ENTITIES));
    await dataSource.initialize(); // runs the existing migrations
    try {
      const sql = await dataSource.driver.createSchemaBuilder().log();
      return {
        up: sql.upQueries.map((query) => query.query),
        down: sql.downQueries.map((query) => query.query).reverse(),
      };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await scratch.drop();
  }
}

function literal(query: string): string {
  return '`' + query.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

function migrationSource(className: string, changes: SchemaChanges): string {
  const statements = (queries: string[]) =>
    queries.map((query) => `    await queryRunner.query(${literal(query)});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${statements(changes.up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${statements(changes.down)}
  }
}
`;
}

function dialectsFrom(argument: string | undefined): Dialect[] {
  if (!argument || argument === 'all') return ['sqlite', 'postgres'];
  if (argument === 'sqlite' || argument === 'postgres') return [argument];
  throw new Error(`Unknown dialect ${argument}: use sqlite, postgres or all`);
}

async function check(dialects: Dialect[]): Promise<boolean> {
  let clean = true;
  for (const dialect of dialects) {
    const changes = await pendingChanges(dialect);
    if (changes.up.length === 0) {
      console.log(`${dialect}: entities and migrations agree`);
    } else {
      clean = false;
      console.error(
        `${dialect}: entities need changes no migration makes:\n  ${changes.up.join(';\n  ')}`,
      );
      console.error(`Run: npm run migration:generate -- <Name>`);
    }
  }
  return clean;
}

async function generate(name: string | undefined, dialects: Dialect[]): Promise<void> {
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
    throw new Error('Give the migration a PascalCase name');
  const className = `${name}${Date.now()}`;
  for (const dialect of dialects) {
    const changes = await pendingChanges(dialect);
    if (changes.up.length === 0) {
      console.log(`${dialect}: nothing to generate`);
      continue;
    }
    const file = join(FOLDERS[dialect], `${className.replace(name, '')}-${name}.ts`);
    writeFileSync(file, migrationSource(className, changes));
    console.log(`${dialect}: wrote ${file} (${changes.up.length} statements) — review it`);
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'check') return (await check(dialectsFrom(rest[0]))) ? 0 : 1;
  if (command === 'generate') {
    await generate(rest[0], dialectsFrom(rest[1]));
    return 0;
  }
  console.error(
    'Usage: migrations check [sqlite|postgres|all] | migrations generate <Name> [sqlite|postgres|all]',
  );
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
