import { GraphQLSchemaHost } from '@nestjs/graphql';
import { parse } from 'graphql';
import { operationCost } from '../src/graphql/cost';
import { OrganisationKind } from '../src/modules/organisations';
import { codesOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

const QUERY = `query($n: Int!) { districts(first: $n) { edges { node { id name
  shifts { id startsAt endsAt } } } } }`;

describe('the cost limit is a setting (GRAPHQL_MAX_COST)', () => {
  it('answers an operation costing up to the limit set and refuses one costing more', async () => {
    const probe = await TestApp.create();
    let counted: number;
    try {
      counted = operationCost(probe.get(GraphQLSchemaHost).schema, parse(QUERY), { n: 100 })!;
    } finally {
      await probe.close();
    }
    const exact = await TestApp.create({ env: { GRAPHQL_MAX_COST: String(counted) } });
    try {
      expect((await exact.anonymous.request(QUERY, { n: 100 })).errors).toBeUndefined();
    } finally {
      await exact.close();
    }
    const lower = await TestApp.create({ env: { GRAPHQL_MAX_COST: String(counted - 1) } });
    try {
      const refused = await lower.anonymous.request(QUERY, { n: 100 });
      expect(refused.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0].message).toContain(
        `costs ${counted}, more than the limit of ${counted - 1}`,
      );
    } finally {
      await lower.close();
    }
  });
});

/** Walks of one district, `count` of them, a day apart from tomorrow. */
async function walks(
  test: TestApp,
  count: number,
): Promise<{ districtId: string; ownerId: string }> {
  const owner = await test.factories.organisation({ kind: OrganisationKind.NIGHT_WALK_GROUP });
  const district = await test.factories.district();
  for (let day = 1; day <= count; day += 1) {
    const startsAt = new Date(test.clock.now().getTime() + day * 24 * 3600_000);
    await test.factories.shift(owner, { districtId: district.id, startsAt });
  }
  return { districtId: district.id, ownerId: owner.organisation.id };
}

describe('what a query answers is bounded as it runs (GRAPHQL_MAX_ITEMS)', () => {
  const LIMIT = 100;
  let test: TestApp;
  let districtId: string;

  beforeAll(async () => {
    test = await TestApp.create({ env: { GRAPHQL_MAX_ITEMS: String(LIMIT) } });
    ({ districtId } = await walks(test, 60));
  });

  afterAll(async () => {
    await test.close();
  });

  const SCHEDULE = `query($id: ID!, $from: DateTime, $to: DateTime) {
    district(id: $id) { shifts(from: $from, to: $to) { id } } }`;
  const range = () => ({
    from: test.clock.now().toISOString(),
    to: new Date(test.clock.now().getTime() + 70 * 24 * 3600_000).toISOString(),
  });

  it('answers a query whose lists hold up to the limit, whatever its cost', async () => {
    // 60 walks, then 60 again under another name: 120 items, over the limit of 100.
    const one = await test.anonymous.request(SCHEDULE, { id: districtId, ...range() });
    expect(one.errors).toBeUndefined();
    expect((one.data as { district: { shifts: unknown[] } }).district.shifts).toHaveLength(60);
  });

  it('refuses a query that answers more, with one coded error, no partial data and HTTP 400', async () => {
    const twice = `query($id: ID!, $from: DateTime, $to: DateTime) {
      a: district(id: $id) { shifts(from: $from, to: $to) { id } }
      b: district(id: $id) { shifts(from: $from, to: $to) { id startsAt } } }`;
    const refused = await test.anonymous.request(twice, { id: districtId, ...range() });
    expect(refused.status).toBe(400);
    expect(refused.data).toBeUndefined();
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0].message).toBe(
      `The answer has more than ${LIMIT} items: ask for fewer (\`first\`, shorter ranges) or ` +
        'fewer nested lists.',
    );
  });

  it('counts per query: the next query starts from nothing', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(
        (await test.anonymous.request(SCHEDULE, { id: districtId, ...range() })).errors,
      ).toBeUndefined();
    }
  });

  it('counts a connection’s edges', async () => {
    for (let created = 0; created < 51; created += 1) await test.factories.district();
    const page = '{ districts(first: 100) { edges { node { id } } } }';
    const { districts } = await test.anonymous.ok<{ districts: { edges: unknown[] } }>(page);
    expect(districts.edges.length).toBeGreaterThan(LIMIT / 2);
    const twice = `{ a: districts(first: 100) { edges { node { id } } }
      b: districts(first: 100) { edges { node { id } } } }`;
    expect(codesOf(await test.anonymous.request(twice))).toEqual(['BAD_USER_INPUT']);
  });

  it('does not cut a mutation short: its writes are done and its answer is whole', async () => {
    const { admin, organisation } = await test.factories.nightWalkGroup(0);
    const district = await test.factories.district();
    const startsAt = new Date(test.clock.now().getTime() + 2 * 24 * 3600_000);
    const created = await admin.client.request(
      `mutation($input: CreateShiftSeriesInput!) { createShiftSeries(input: $input) { id } }`,
      {
        input: {
          organisationId: organisation.id,
          districtId: district.id,
          firstStartsAt: startsAt.toISOString(),
          durationMinutes: 180,
          rrule: 'FREQ=DAILY;COUNT=120',
          meetingPoint: 'Torget',
          minWalkers: 2,
          maxWalkers: 4,
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect((created.data as { createShiftSeries: unknown[] }).createShiftSeries).toHaveLength(120);
  });
});

describe('the default limits let the coordinator screen through', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  it('answers ten organisations → their walks in two weeks → signups → walker, costing ~357 000', async () => {
    const group = await test.factories.nightWalkGroup(2);
    const startsAt = new Date(test.clock.now().getTime() + 2 * 24 * 3600_000);
    const walk = await test.factories.shift(group, { startsAt });
    for (const walker of group.walkers) {
      await walker.client.ok(
        `mutation($input: SignUpForShiftInput!) { signUpForShift(input: $input) { id } }`,
        { input: { shiftId: walk.id } },
      );
    }
    const screen = `query($first: Int!, $from: DateTime!, $to: DateTime!) {
      organisations(first: $first) { edges { node { id name shifts(from: $from, to: $to) {
        id startsAt endsAt status maxWalkers confirmedCount
        signups { id status position person { id displayName } } } } } } }`;
    const variables = {
      first: 10,
      from: test.clock.now().toISOString(),
      to: new Date(test.clock.now().getTime() + 14 * 24 * 3600_000).toISOString(),
    };
    const counted = operationCost(test.get(GraphQLSchemaHost).schema, parse(screen), variables)!;
    expect(counted).toBeGreaterThan(300_000);
    const answer = await group.coordinator.client.request(screen, variables);
    expect(answer.errors).toBeUndefined();
    const { organisations } = answer.data as {
      organisations: { edges: { node: { id: string; shifts: { signups: unknown[] }[] } }[] };
    };
    const own = organisations.edges.find((edge) => edge.node.id === group.organisation.id);
    expect(own?.node.shifts.map((shift) => shift.signups.length)).toEqual([2]);
  });
});
