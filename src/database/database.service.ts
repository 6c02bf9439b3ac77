import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { Dialect } from './columns';
import { isTransientConflict } from './database-errors';
import { TransactionScope } from './transaction-scope';

const MAX_ATTEMPTS = 3;

/**
 * Units of work for services. Writes that touch more than one row run in `transaction()`, which on
 * SQLite holds the process-wide queue and on PostgreSQL runs at READ COMMITTED, where invariants
 * are protected by row locks (`findOneForUpdate`), conditional updates and constraints.
 */
@Injectable()
export class Database {
  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    private readonly scope: TransactionScope,
  ) {}

  get dialect(): Dialect {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /**
   * Runs `work` in one transaction. On PostgreSQL a transaction aborted by a deadlock or a
   * serialisation failure is run again (up to three times): work inside a transaction only touches
   * the database, so running it again is safe. What must follow the commit (an event, a mail
   * dispatch) is registered with `TransactionScope.afterCommit` and runs once it has committed.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.scope.isInside()) {
      throw new Error(
        'Database.transaction() called inside a transaction: pass the EntityManager down instead.',
      );
    }
    for (let attempt = 1; ; attempt += 1) {
      const afterCommit: Array<() => void> = [];
      try {
        const result = await this.dataSource.transaction((manager) =>
          this.scope.run(() => work(manager), afterCommit),
        );
        for (const effect of afterCommit) effect();
        return result;
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isTransientConflict(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  /**
   * The current instant in hand-written SQL, in the format the database's `recordedAt` columns
   * hold (on SQLite with milliseconds, as TypeORM writes instants, so text compares in order).
   */
  now(): string {
    return this.dialect === 'postgres' ? 'now()' : "strftime('%Y-%m-%d %H:%M:%f', 'now')";
  }

  /** `n` parameter placeholders for SQL written by hand: `?` on SQLite, `$1`…`$n` on PostgreSQL. */
  placeholders(n: number): string[] {
    return Array.from({ length: n }, (_, index) =>
      this.dialect === 'postgres' ? `$${index + 1}` : '?',
    );
  }

  /**
   * Runs hand-written SQL in the transaction of `manager` and returns the rows it produced (of a
   * SELECT, or the RETURNING rows of a write), with the database's column names.
   */
  async queryIn(
    manager: EntityManager,
    sql: string,
    parameters: unknown[],
  ): Promise<Record<string, unknown>[]> {
    if (!manager.queryRunner) throw new Error('queryIn() runs inside transaction()');
    const result = await manager.queryRunner.query(sql, parameters, true);
    return (result.records ?? []) as Record<string, unknown>[];
  }

  /**
   * Inserts one row with a fixed statement per table and set of columns: TypeORM's SQLite driver
   * writes numbers into the SQL text, so its INSERT of a counter (a queue number) never repeats
   * and is prepared anew each time. The values go through the driver's own conversion; nothing
   * runs before or after (set the id yourself).
   */
  async insertRow<T extends ObjectLiteral>(
    manager: EntityManager,
    target: EntityTarget<T>,
    row: T,
  ): Promise<void> {
    const metadata = this.dataSource.getMetadata(target);
    const columns = metadata.columns.filter(
      (column) => !column.isVirtual && row[column.propertyName as keyof T] !== undefined,
    );
    const escape = (name: string) => this.dataSource.driver.escape(name);
    const sql =
      `INSERT INTO ${escape(metadata.tableName)} ` +
      `(${columns.map((column) => escape(column.databaseName)).join(', ')}) ` +
      `VALUES (${this.placeholders(columns.length).join(', ')})`;
    await this.queryIn(
      manager,
      sql,
      columns.map((column): unknown =>
        this.dataSource.driver.preparePersistentValue(row[column.propertyName as keyof T], column),
      ),
    );
  }

  /**
   * Loads a row and locks it until the transaction ends (`SELECT … FOR UPDATE` on PostgreSQL; on
   * SQLite the transaction already holds the only connection). Must run inside `transaction()`.
   */
  findOneForUpdate<T extends ObjectLiteral>(
    manager: EntityManager,
    entity: EntityTarget<T>,
    where: FindOptionsWhere<T>,
  ): Promise<T | null> {
    return manager.findOne(entity, {
      where,
      ...(this.dialect === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }
}
