import { Logger as NestLogger } from '@nestjs/common';
import { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's logger: counts every SQL statement (the SQL-count guards in the tests read
 * `statementCount`) and, when LOG_SQL=true, writes statements at debug level. Parameters are never
 * logged: they can hold password hashes, token hashes and personal data.
 */
export class SqlLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('SQL');
  statementCount = 0;

  constructor(private readonly logStatements: boolean) {}

  logQuery(query: string): void {
    this.statementCount += 1;
    if (this.logStatements) this.logger.debug(query);
  }

  logQueryError(error: string | Error, query: string): void {
    const message = error instanceof Error ? error.message : error;
    this.logger.warn(`${message} — in: ${query}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow statement (${time} ms): ${query}`);
  }

  logSchemaBuild(message: string): void {
    if (this.logStatements) this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else if (this.logStatements) this.logger.debug(String(message));
  }
}
