import { join } from 'node:path';
import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { applyDialect } from './columns';
import { SqlLogger } from './sql-logger';
import { SqliteSerialiser } from './sqlite-serialiser';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function | string | EntitySchema>;

/** Both folders hold compiled `.js` in `dist/` and `.ts` under ts-jest; TypeORM loads either. */
const MIGRATIONS = {
  sqlite: join(__dirname, 'migrations', '*.{ts,js}'),
  postgres: join(__dirname, 'migrations-postgres', '*.{ts,js}'),
};

/**
 * The one place TypeORM options are built: used by the app, the CLIs and the tests. Migrations run
 * at start-up; `synchronize` is never on.
 */
export function buildDataSourceOptions(config: AppConfig, entities: EntityList): DataSourceOptions {
  const common = {
    entities,
    synchronize: false,
    migrationsRun: true,
    migrationsTableName: 'migrations',
    logging: true,
    logger: new SqlLogger(config.logSql),
    maxQueryExecutionTime: 1000,
  } as const;
  if (config.database.type === 'postgres') {
    applyDialect('postgres');
    return {
      ...common,
      type: 'postgres',
      url: config.database.url,
      migrations: [MIGRATIONS.postgres],
      migrationsTransactionMode: 'each',
      extra: { max: 10 },
    };
  }
  applyDialect('sqlite');
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.database.path,
    migrations: [MIGRATIONS.sqlite],
    migrationsTransactionMode: 'each',
    enableWAL: config.database.path !== ':memory:',
    timeout: config.database.busyTimeoutMs,
  };
}

/**
 * Creates (without initialising) the DataSource for these options; on SQLite every unit of work
 * goes through one FIFO queue (see SqliteSerialiser).
 */
export function createDataSource(
  options: DataSourceOptions,
  insideTransaction?: () => boolean,
): DataSource {
  const dataSource = new DataSource(options);
  if (options.type === 'better-sqlite3') {
    new SqliteSerialiser(insideTransaction).install(dataSource);
  }
  return dataSource;
}
