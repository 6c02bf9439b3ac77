import { Repository } from 'typeorm';
import { HalfOpenRange } from '../src/database/row-reader';
import { readerOf } from '../src/graphql/loaders';
import { Shift, Signup } from '../src/modules/night-walks';
import { Organisation } from '../src/modules/organisations';
import { Person } from '../src/modules/people';
import { SIGN_UP } from './support/documents';
import { TestApp } from './support/test-app';

/**
 * The loaders read rows with RowReader (fixed SQL, its own conversion of each value): the
 * entities must be exactly what TypeORM's `find` gives, on SQLite and on PostgreSQL.
 */
describe('RowReader', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  async function same<T extends { id: string }>(
    repository: Repository<T>,
    id: string,
    omit: (keyof T & string)[] = [],
  ) {
    const [read] = await readerOf(repository, omit).find({ id: [id] });
    const found = await repository.findOneByOrFail({ id } as never);
    for (const property of omit) delete (found as Record<string, unknown>)[property];
    expect(read).toBeInstanceOf(repository.target as new () => T);
    expect({ ...read }).toEqual({ ...found });
  }

  it('reads walks, signups, organisations and people as find does: dates, counters, lists, nulls', async () => {
    const group = await test.factories.nightWalkGroup(1);
    const shift = await test.factories.shift(group, { maxWalkers: 4 });
    const { signUpForShift } = await group.walkers[0].client.ok(SIGN_UP, {
      input: { shiftId: shift.id },
    });
    await same(test.dataSource.getRepository(Shift), shift.id);
    await same(test.dataSource.getRepository(Signup), signUpForShift.id);
    await same(test.dataSource.getRepository(Organisation), group.organisation.id);
    await same(test.dataSource.getRepository(Person), group.walkers[0].person.id, ['passwordHash']);
  });

  it('finds by a list of keys, a value and a half-open range, in the order asked', async () => {
    const group = await test.factories.nightWalkGroup(0);
    const start = test.clock.now().getTime() + 5 * 24 * 3600_000;
    const walks = [];
    for (const hours of [48, 0, 24]) {
      walks.push(
        await test.factories.shift(group, { startsAt: new Date(start + hours * 3600_000) }),
      );
    }
    const shifts = test.dataSource.getRepository(Shift);
    const inRange = await readerOf(shifts).find(
      {
        organisationId: [group.organisation.id],
        startsAt: new HalfOpenRange(new Date(start), new Date(start + 48 * 3600_000)),
      },
      ['startsAt', 'id'],
    );
    expect(inRange.map((walk) => walk.id)).toEqual([walks[1].id, walks[2].id]);
    expect(await readerOf(shifts).find({ id: [] })).toEqual([]);
  });

  it('reads an entity from a joined row (selectAs, hydrate with a prefix) as find does', async () => {
    const group = await test.factories.nightWalkGroup(0);
    const shift = await test.factories.shift(group);
    const shifts = test.dataSource.getRepository(Shift);
    const organisations = test.dataSource.getRepository(Organisation);
    const [row] = await test.dataSource.query<Record<string, unknown>[]>(
      `SELECT ${readerOf(shifts).selectAs('s', 'a_')}, ${readerOf(organisations).selectAs('o', 'b_')} ` +
        'FROM "shifts" "s" INNER JOIN "organisations" "o" ON "o"."id" = "s"."organisationId" ' +
        `WHERE "s"."id" = '${shift.id}'`,
    );
    const read = readerOf(organisations).hydrate(row, 'b_');
    expect(read).toBeInstanceOf(Organisation);
    expect({ ...read }).toEqual({
      ...(await organisations.findOneByOrFail({ id: group.organisation.id })),
    });
    expect({ ...readerOf(shifts).hydrate(row, 'a_') }).toEqual({
      ...(await shifts.findOneByOrFail({ id: shift.id })),
    });
  });

  it('answers a walk with its organisation and district in one statement', async () => {
    const group = await test.factories.nightWalkGroup(0);
    const district = await test.factories.district();
    const shift = await test.factories.shift(group, { districtId: district.id });
    const query = `query($id: ID!) { shift(id: $id) { id meetingPoint
      organisation { id name kind status } district { id name } } }`;
    let answer: unknown;
    const statements = await test.countStatements(async () => {
      answer = await test.anonymous.ok(query, { id: shift.id });
    });
    expect(answer).toEqual({
      shift: {
        id: shift.id,
        meetingPoint: shift.meetingPoint,
        organisation: {
          id: group.organisation.id,
          name: group.organisation.name,
          kind: 'NIGHT_WALK_GROUP',
          status: 'VERIFIED',
        },
        district: { id: district.id, name: district.name },
      },
    });
    expect(statements).toBe(1);
  });
});
