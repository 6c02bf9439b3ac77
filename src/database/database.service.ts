import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { Dialect } from './columns';
import { TransactionScope } from './transaction-scope';

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

  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.scope.isInside()) {
      throw new Error(
        'Database.transaction() called inside a transaction: pass the EntityManager down instead.',
      );
    }
    return this.dataSource.transaction((manager) => this.scope.run(() => work(manager)));
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
