import { AsyncLocalStorage } from 'node:async_hooks';

interface ScopeState {
  open: boolean;
  readonly afterCommit: Array<() => void>;
}

/**
 * Marks the async context of a `Database.transaction()` callback. Code inside must use the
 * EntityManager it was given; opening another transaction or using an injected repository there is
 * a bug (on SQLite it would wait for itself, on PostgreSQL it would run outside the transaction).
 * It also collects what must happen only once the transaction has committed (`afterCommit`).
 */
export class TransactionScope {
  private readonly storage = new AsyncLocalStorage<ScopeState>();

  isInside(): boolean {
    return this.storage.getStore()?.open === true;
  }

  /**
   * Runs `effect` once the current transaction has committed, and never when it rolls back (nor
   * for an attempt that is run again). Outside a transaction the write is already done: now.
   */
  afterCommit(effect: () => void): void {
    const state = this.storage.getStore();
    if (state?.open) state.afterCommit.push(effect);
    else effect();
  }

  /** Runs one attempt of a transaction's work; its after-commit effects go to `afterCommit`. */
  async run<T>(work: () => Promise<T>, afterCommit: Array<() => void> = []): Promise<T> {
    const state: ScopeState = { open: true, afterCommit };
    try {
      return await this.storage.run(state, work);
    } finally {
      // Work started inside but still running later (not awaited) no longer counts as inside.
      state.open = false;
    }
  }
}
