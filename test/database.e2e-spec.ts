import { DataSource } from 'typeorm';
import { Database } from '../src/database/database.service';
import { District } from '../src/modules/districts';
import { TestApp } from './support/test-app';

describe('database', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  it('keeps request B’s transaction and request C’s plain insert when request A fails mid-transaction', async () => {
    const database = test.get(Database);
    const districts = test.get(DataSource).getRepository(District);
    let aHasWritten!: () => void;
    let aMayFail!: () => void;
    const written = new Promise<void>((resolve) => (aHasWritten = resolve));
    const mayFail = new Promise<void>((resolve) => (aMayFail = resolve));
    const name = (letter: string) => `${letter} ${test.factories.unique('samtidig')}`;
    const [a, b, c] = [name('A'), name('B'), name('C')];

    const requestA = database
      .transaction(async (manager) => {
        await manager.insert(
          District,
          manager.create(District, { name: a, municipality: 'Trollhättan' }),
        );
        aHasWritten();
        await mayFail;
        throw new Error('request A fails');
      })
      .catch((error: Error) => error.message);
    await written;
    const requestB = database.transaction((manager) =>
      manager.insert(District, manager.create(District, { name: b, municipality: 'Trollhättan' })),
    );
    const requestC = districts.insert(districts.create({ name: c, municipality: 'Trollhättan' }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    aMayFail();

    expect(await requestA).toBe('request A fails');
    await Promise.all([requestB, requestC]);
    const stored = (await districts.find()).map((district) => district.name);
    expect(stored).toEqual(expect.arrayContaining([b, c]));
    expect(stored).not.toContain(a);
  });

  it('refuses a nested Database.transaction(): the inner work must use the manager it was given', async () => {
    const database = test.get(Database);
    await expect(
      database.transaction(() => database.transaction(() => Promise.resolve())),
    ).rejects.toThrow(/inside a transaction/);
  });

  it('runs SQLite with WAL, foreign keys and a busy timeout, or PostgreSQL at READ COMMITTED', async () => {
    const dataSource = test.get(DataSource);
    if (test.get(Database).dialect === 'sqlite') {
      expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      expect(await dataSource.query('PRAGMA busy_timeout')).toEqual([
        {
          timeout: test.config.database.type === 'sqlite' ? test.config.database.busyTimeoutMs : 0,
        },
      ]);
    } else {
      expect(await dataSource.query('SHOW transaction_isolation')).toEqual([
        { transaction_isolation: 'read committed' },
      ]);
    }
  });

  it('has run every migration and needs no schema change', async () => {
    const dataSource = test.get(DataSource);
    expect(await dataSource.showMigrations()).toBe(false);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
