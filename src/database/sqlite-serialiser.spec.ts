import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createDataSource } from './data-source-options';
import { TransactionScope } from './transaction-scope';

@Entity('notes')
class Note {
  @PrimaryColumn({ type: 'varchar' })
  id: string;

  @Column({ type: 'integer', default: 0 })
  counter: number;
}

/** Resolves when `open()` is called: lets a test hold a transaction open at a chosen point. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('SQLite write serialisation', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'samverkan-serialiser-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  async function open(serialised: boolean, scope = new TransactionScope()): Promise<DataSource> {
    const options = {
      type: 'better-sqlite3' as const,
      database: join(directory, 'test.sqlite'),
      entities: [Note],
      enableWAL: true,
      synchronize: false,
    };
    const dataSource = serialised
      ? createDataSource(options, () => scope.isInside())
      : new DataSource(options);
    await dataSource.initialize();
    await dataSource.query(
      'CREATE TABLE notes (id varchar PRIMARY KEY, counter integer NOT NULL DEFAULT 0)',
    );
    return dataSource;
  }

  /**
   * Request A opens a transaction, writes, and fails after request B has run a transaction and
   * request C a plain insert in between. Returns the ids that survived.
   */
  async function interleaveWithFailingTransaction(dataSource: DataSource): Promise<string[]> {
    const notes = dataSource.getRepository(Note);
    const aHasWritten = gate();
    const aMayFail = gate();

    const requestA = dataSource
      .transaction(async (manager) => {
        await manager.insert(Note, { id: 'a' });
        aHasWritten.open();
        await aMayFail.wait;
        throw new Error('request A fails');
      })
      .catch((error: Error) => error.message);

    await aHasWritten.wait;
    const requestB = dataSource
      .transaction(async (manager) => {
        await manager.insert(Note, { id: 'b' });
      })
      .then(
        () => 'ok',
        (error: Error) => error.message,
      );
    const requestC = notes.insert({ id: 'c' }).then(
      () => 'ok',
      (error: Error) => error.message,
    );

    await tick();
    aMayFail.open();
    expect(await requestA).toBe('request A fails');
    await Promise.all([requestB, requestC]);
    return (await notes.find({ order: { id: 'ASC' } })).map((note) => note.id);
  }

  it("keeps request B's transaction and request C's insert when request A rolls back", async () => {
    const dataSource = await open(true);
    try {
      expect(await interleaveWithFailingTransaction(dataSource)).toEqual(['b', 'c']);
    } finally {
      await dataSource.destroy();
    }
  });

  it('loses those writes without the queue (the hazard the queue exists for)', async () => {
    const dataSource = await open(false);
    try {
      const survivors = await interleaveWithFailingTransaction(dataSource);
      expect(survivors).not.toEqual(['b', 'c']);
    } finally {
      await dataSource.destroy();
    }
  });

  it('loses no update when 50 transactions read and increment the same row at once', async () => {
    const dataSource = await open(true);
    try {
      await dataSource.getRepository(Note).insert({ id: 'counter', counter: 0 });
      await Promise.all(
        Array.from({ length: 50 }, () =>
          dataSource.transaction(async (manager) => {
            const note = await manager.findOneByOrFail(Note, { id: 'counter' });
            await tick();
            await manager.update(Note, { id: 'counter' }, { counter: note.counter + 1 });
          }),
        ),
      );
      expect(
        (await dataSource.getRepository(Note).findOneByOrFail({ id: 'counter' })).counter,
      ).toBe(50);
    } finally {
      await dataSource.destroy();
    }
  });

  it('hands the queue on after a failing statement', async () => {
    const dataSource = await open(true);
    try {
      await expect(dataSource.query('SELECT * FROM no_such_table')).rejects.toThrow(
        /no such table/,
      );
      await expect(
        dataSource.transaction((manager) => manager.query('INSERT INTO nothing VALUES (1)')),
      ).rejects.toThrow();
      await dataSource.getRepository(Note).insert({ id: 'after' });
      expect(await dataSource.getRepository(Note).count()).toBe(1);
    } finally {
      await dataSource.destroy();
    }
  });

  it('refuses a statement that bypasses the open transaction instead of waiting for itself', async () => {
    const scope = new TransactionScope();
    const dataSource = await open(true, scope);
    try {
      const attempt = dataSource.transaction((manager) =>
        scope.run(async () => {
          await manager.insert(Note, { id: 'inside' });
          await dataSource.getRepository(Note).insert({ id: 'bypass' });
        }),
      );
      await expect(attempt).rejects.toThrow(/outside the open transaction/);
      expect(await dataSource.getRepository(Note).count()).toBe(0);
    } finally {
      await dataSource.destroy();
    }
  });
});
