import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Marks the async context of a `Database.transaction()` callback. Code inside must use the
 * EntityManager it was given; opening another transaction or using an injected repository there is
 * a bug (on SQLite it would wait for itself, on PostgreSQL it would run outside the transaction).
 */
export class TransactionScope {
  private readonly storage = new AsyncLocalStorage<{ open: boolean }>();

  isInside(): boolean {
    return this.storage.getStore()?.open === true;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const marker = { open: true };
    try {
      return await this.storage.run(marker, work);
    } finally {
      // Work started inside but still running later (not awaited) no longer counts as inside.
      marker.open = false;
    }
  }
}
