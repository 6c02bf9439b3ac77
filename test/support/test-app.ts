import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap';
import { Clock } from '../../src/common/clock';
import { AppConfig } from '../../src/config/app-config';
import {
  ScratchDatabase,
  scratchPostgres,
  scratchSqlite,
} from '../../src/database/scratch-database';
import { SqlLogger } from '../../src/database/sql-logger';
import { AuditLogEntry } from '../../src/modules/audit';
import { Factories } from './factories';
import { Client, Credentials } from './graphql-client';
import { TestClock } from './test-clock';

/**
 * Log lines, for tests that check what is (not) logged. nestjs-pino builds one pino-http logger per
 * process, on the first app's settings, so all apps of one test file log here (Jest gives each test
 * file its own module registry): read the lines written `since` a mark.
 */
export class LogCapture extends Writable {
  readonly lines: string[] = [];

  mark(): number {
    return this.lines.length;
  }

  since(mark: number): string {
    return this.lines.slice(mark).join('\n');
  }

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => line.length > 0),
    );
    if (process.env.TEST_LOGS === '1') process.stdout.write(chunk);
    done();
  }
}

const LOGS = new LogCapture();

/**
 * A fresh database for one app: a SQLite file, or, when DATABASE_URL is set (`npm run test:pg`), a
 * new PostgreSQL database on that server.
 */
export function scratchTestDatabase(): Promise<ScratchDatabase> {
  return process.env.DATABASE_URL
    ? scratchPostgres(process.env.DATABASE_URL, 'samverkan_test')
    : Promise.resolve(scratchSqlite());
}

export interface TestAppOptions {
  /**
   * Environment settings for this app only (never written to process.env). LOG_LEVEL takes effect
   * only for the first app of a test file (see LogCapture).
   */
  env?: Record<string, string | undefined>;
  /** Extra modules, e.g. a probe resolver used by one test. */
  imports?: Type[];
  /** Let the scheduled jobs run by themselves (off: tests call them after moving the clock). */
  scheduledJobs?: boolean;
  /**
   * A database the test made itself (e.g. to share it with app processes it starts); the caller
   * drops it, `close()` does not. Left out: a fresh one of the app's own.
   */
  database?: ScratchDatabase;
}

/**
 * The real app over HTTP on a random port, on its own database: a fresh SQLite file, or, when
 * DATABASE_URL is set (`npm run test:pg`), a fresh PostgreSQL database on that server. Migrations
 * run as in production; no test sees another's data.
 */
export class TestApp {
  readonly anonymous: Client;
  readonly factories: Factories;

  private constructor(
    readonly app: INestApplication,
    readonly baseUrl: string,
    readonly clock: TestClock,
    readonly logs: LogCapture,
    private readonly database: ScratchDatabase,
    private readonly ownsDatabase: boolean,
  ) {
    this.anonymous = new Client(baseUrl);
    this.factories = new Factories(this);
  }

  static async create(options: TestAppOptions = {}): Promise<TestApp> {
    const ownsDatabase = !options.database;
    const database = options.database ?? (await scratchTestDatabase());
    const clock = new TestClock();
    const logs = LOGS;
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [
          AppModule.forRoot({
            config: {
              ignoreEnvFile: true,
              overrides: {
                NODE_ENV: 'test',
                JWT_SECRET: randomBytes(32).toString('hex'),
                LOG_LEVEL: 'info',
                AUTH_RATE_LIMIT_PER_MINUTE: '100000',
                SAMVERKAN_ADMIN_EMAIL: '',
                SAMVERKAN_ADMIN_PASSWORD: '',
                ...database.env,
                ...options.env,
              },
            },
            logDestination: logs,
            scheduledJobs: options.scheduledJobs ?? false,
          }),
          ...(options.imports ?? []),
        ],
      })
        .overrideProvider(Clock)
        .useValue(clock)
        .compile();
      const app = moduleRef.createNestApplication({ bufferLogs: true });
      configureApp(app);
      await app.listen(0, '127.0.0.1');
      return new TestApp(app, await app.getUrl(), clock, logs, database, ownsDatabase);
    } catch (error) {
      if (ownsDatabase) await database.drop();
      throw error;
    }
  }

  get config(): AppConfig {
    return this.app.get(AppConfig);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  get<T>(type: Type<T>): T {
    return this.app.get(type, { strict: false });
  }

  client(credentials: Credentials): Client {
    return new Client(this.baseUrl, credentials);
  }

  /** The SQL statements `run` sends (the SQL-count guards compare two of these). */
  async countStatements(run: () => Promise<unknown>): Promise<number> {
    const logger = this.dataSource.logger as SqlLogger;
    const before = logger.statementCount;
    await run();
    return logger.statementCount - before;
  }

  /** The audit log entries about one entity, oldest first. */
  auditOf(entityId: string): Promise<AuditLogEntry[]> {
    return this.dataSource
      .getRepository(AuditLogEntry)
      .find({ where: { entityId }, order: { at: 'ASC' } });
  }

  async close(): Promise<void> {
    try {
      await this.app.close();
    } finally {
      if (this.ownsDatabase) await this.database.drop();
    }
  }
}
