import { DataSource, QueryRunner } from 'typeorm';

/**
 * One in-process FIFO queue for every unit of work on SQLite.
 *
 * TypeORM's SQLite drivers hand every caller the same query runner over the same connection, so two
 * concurrent transactions nest as savepoints of one transaction and a plain statement issued while
 * another request's transaction is open becomes part of it: one request's rollback silently takes
 * the others' writes with it. (Reproduced with TypeORM 1.1 and better-sqlite3; see
 * `sqlite-serialiser.spec.ts`.)
 *
 * TypeORM brackets each unit of work by `createQueryRunner()` … `release()`: a transaction, an
 * implicit `save()` transaction, a single `find()`. `install` makes each of those calls return its
 * own lease on the shared runner. The first statement a lease sends waits for the queue; `release()`
 * hands the queue to the next lease. A lease that does not hold the queue reports no active
 * transaction, so TypeORM starts its own instead of borrowing another request's.
 *
 * Non-database work (hashing, mail, HTTP) must not be awaited while a lease holds the queue.
 */
export class SqliteSerialiser {
  private tail: Promise<void> = Promise.resolve();

  /**
   * @param insideTransaction tells whether the calling async context is running inside a
   *   transaction callback; a new lease there would wait for its own transaction forever, so it is
   *   refused with an error that names the mistake.
   */
  constructor(private readonly insideTransaction: () => boolean = () => false) {}

  install(dataSource: DataSource): void {
    const driver = dataSource.driver as { createQueryRunner(mode: string): QueryRunner };
    const createShared = driver.createQueryRunner.bind(driver);
    driver.createQueryRunner = (mode: string) => this.lease(createShared(mode));
  }

  /** Waits for the queue; resolves to the function that hands it on. */
  acquire(): Promise<() => void> {
    let handOn!: () => void;
    const released = new Promise<void>((resolve) => (handOn = resolve));
    const turn = this.tail.then(() => handOn);
    this.tail = this.tail.then(() => released);
    return turn;
  }

  private lease(shared: QueryRunner): QueryRunner {
    const own: { manager?: unknown; data?: unknown } = { data: {} };
    let handOn: (() => void) | null = null;
    let acquiring: Promise<void> | null = null;
    let released = false;

    const ensureTurn = (): Promise<void> => {
      if (handOn) return Promise.resolve();
      if (released) return Promise.reject(new Error('SQLite query runner lease already released'));
      if (!acquiring) {
        if (this.insideTransaction()) {
          return Promise.reject(
            new Error(
              'A statement ran outside the open transaction: inside Database.transaction(), use ' +
                'the EntityManager it passes (manager.getRepository(...)), not an injected repository.',
            ),
          );
        }
        acquiring = this.acquire().then((release) => {
          handOn = release;
        });
      }
      return acquiring;
    };

    const release = (): Promise<void> => {
      if (!released) {
        released = true;
        const next = handOn;
        handOn = null;
        if (next) {
          if (shared.isTransactionActive) {
            // A unit of work must never leave a transaction open for the next one to inherit.
            void shared.rollbackTransaction().finally(next);
          } else {
            next();
          }
        } else if (acquiring) {
          void acquiring.then(() => {
            const late = handOn;
            handOn = null;
            late?.();
          });
        }
      }
      return shared.release();
    };

    // Methods that reach the database; everything the shared runner does goes through these.
    const serialised = new Set<PropertyKey>([
      'connect',
      'query',
      'sql',
      'stream',
      'startTransaction',
      'commitTransaction',
      'rollbackTransaction',
      'executeMemoryUpSql',
      'executeMemoryDownSql',
    ]);

    const proxy: QueryRunner = new Proxy(shared, {
      get(target, property) {
        if (property === 'manager' || property === 'data') return own[property];
        if (property === 'release') return release;
        if (property === 'isReleased') return released;
        // Only the holder of the queue can have a transaction open.
        if (property === 'isTransactionActive') return handOn ? target.isTransactionActive : false;
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        if (serialised.has(property)) {
          return async (...args: unknown[]) => {
            await ensureTurn();
            return method.apply(proxy, args);
          };
        }
        return (...args: unknown[]) => method.apply(proxy, args);
      },
      set(target, property, value) {
        if (property === 'manager' || property === 'data') {
          own[property] = value;
          return true;
        }
        return Reflect.set(target, property, value, target);
      },
    });
    return proxy;
  }
}
