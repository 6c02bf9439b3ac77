import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  getNullableType,
  GraphQLObjectType,
  isCompositeType,
  isListType,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  parse,
  print,
} from 'graphql';
import type { Client as WsClient } from 'graphql-ws';
import {
  coordinateOf,
  itemsOf,
  LIST_SIZES,
  MAX_ITEMS_EXTENSION,
  MAX_OPERATION_COST,
  operationCost,
} from '../src/graphql/cost';
import { MAX_PAGE_SIZE } from '../src/graphql/pagination';
import { SHIFT_CHANGED } from '../src/modules/night-walks/shift-events.service';
import {
  MAX_SHIFT_RANGE_DAYS,
  MAX_SHIFTS_IN_RANGE,
} from '../src/modules/night-walks/shift-owners.resolver';
import { OrganisationKind } from '../src/modules/organisations';
import { codesOf, GraphQLResponse } from './support/graphql-client';
import { connect, follow, subscribed, until } from './support/subscriptions';
import { TestApp } from './support/test-app';

const DAY = 24 * 3600_000;

/** Refused before execution: an error without a path, and no `data` at all. */
function refusedBeforeExecution(response: GraphQLResponse): boolean {
  return (
    response.data === undefined &&
    (response.errors ?? []).length > 0 &&
    (response.errors ?? []).every((error) => !error.path)
  );
}

/**
 * The query: three aliases of districts → shifts → organisation → shifts, `first` at its
 * maximum and a range as wide as one can write.
 */
function attack(first: string, from: string, to: string): string {
  const alias = (name: string) => `${name}: districts(first: ${first}) { edges { node { id
    shifts(from: ${from}, to: ${to}) { id startsAt organisation { id name
      shifts(from: ${from}, to: ${to}) { id startsAt endsAt meetingPoint } } } } } }`;
  return `${alias('a')} ${alias('b')} ${alias('c')}`;
}

/** A value of each scalar a documented query's variables take. */
const SAMPLE_VALUES: Record<string, unknown> = {
  DateTime: new Date().toISOString(),
  ID: '00000000-0000-4000-8000-000000000000',
  Int: 10,
  String: 'x',
  Boolean: false,
};

/** The GraphQL queries of the README and the guides in docs/guides/. */
function readmeQueries(): string[] {
  const guides = join(__dirname, '..', 'docs', 'guides');
  const texts = [
    readFileSync(join(__dirname, '..', 'README.md'), 'utf8'),
    ...readdirSync(guides).map((file) => readFileSync(join(guides, file), 'utf8')),
  ];
  const queries: string[] = [];
  for (const [, block] of texts.join('\n').matchAll(/```graphql\n([\s\S]*?)```/g)) {
    for (const definition of parse(block).definitions) {
      if (
        definition.kind === Kind.OPERATION_DEFINITION &&
        definition.operation === OperationTypeNode.QUERY
      ) {
        queries.push(print({ kind: Kind.DOCUMENT, definitions: [definition] }));
      }
    }
  }
  return queries;
}

describe('the cost of an operation', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  const cost = (query: string, variables: Record<string, unknown> = {}) =>
    operationCost(test.get(GraphQLSchemaHost).schema, parse(query), variables);

  describe('every list is counted at its bound', () => {
    it('declares a bound for every list of objects: `first`, MaxItems (enforced) or LIST_SIZES', () => {
      const schema = test.get(GraphQLSchemaHost).schema;
      const undeclared: string[] = [];
      const rangeless: string[] = [];
      const lists = new Set<string>();
      for (const type of Object.values(schema.getTypeMap())) {
        if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
        for (const field of Object.values(type.getFields())) {
          const list =
            isListType(getNullableType(field.type)) && isCompositeType(getNamedType(field.type));
          if (list) lists.add(coordinateOf(type, field));
          if (!itemsOf(type, field, {}).declared) undeclared.push(coordinateOf(type, field));
          const names = field.args.map((arg) => arg.name);
          if (
            field.extensions[MAX_ITEMS_EXTENSION] !== undefined &&
            !(names.includes('from') && names.includes('to'))
          ) {
            rangeless.push(coordinateOf(type, field));
          }
        }
      }
      expect(undeclared).toEqual([]);
      // MaxItems answers "ask for a shorter range": only for fields that take one.
      expect(rangeless).toEqual([]);
      // No stale entries: each names a list of this schema.
      expect(Object.keys(LIST_SIZES).filter((coordinate) => !lists.has(coordinate))).toEqual([]);
    });

    it('counts `first` as the variables and defaults make it, capped at the page size', () => {
      const query = `query($n: Int) { districts(first: $n) { edges { node { id } } } }`;
      // districts × (itself + edges + node + id)
      expect(cost(query, { n: 7 })).toBe(7 * 4);
      expect(cost(query, {})).toBe(20 * 4);
      expect(cost(query, { n: 100_000 })).toBe(MAX_PAGE_SIZE * 4);
      expect(cost(`{ districts(first: 7) { edges { node { id } } } }`)).toBe(7 * 4);
    });

    it('counts `last` as it counts `first`, paging backwards', () => {
      const query = `query($n: Int) { districts(last: $n) { edges { node { id } } } }`;
      expect(cost(query, { n: 7 })).toBe(7 * 4);
      expect(cost(query, { n: 100_000 })).toBe(MAX_PAGE_SIZE * 4);
      expect(cost(`{ districts(last: 9) { edges { node { id } } } }`)).toBe(9 * 4);
    });

    it('multiplies nested ranges by their bound', () => {
      expect(cost(`query($id: ID!) { district(id: $id) { shifts { id } } }`, { id: 'x' })).toBe(
        1 + MAX_SHIFTS_IN_RANGE * 2,
      );
      expect(
        cost(
          `query($id: ID!) { district(id: $id) { shifts { organisation { shifts { id } } } } }`,
          {
            id: 'x',
          },
        ),
      ).toBe(1 + MAX_SHIFTS_IN_RANGE * (1 + 1 + MAX_SHIFTS_IN_RANGE * 2));
    });
  });

  describe('refused before any resolver runs', () => {
    beforeAll(async () => {
      // Something for the resolvers to find, had they run.
      const owner = await test.factories.organisation({ kind: OrganisationKind.NIGHT_WALK_GROUP });
      const district = await test.factories.district();
      await test.factories.shift(owner, { districtId: district.id });
    });

    it('refuses the issue’s query written with variables ($n = 100, an unbounded range)', async () => {
      const query = `query Attack($n: Int = 100, $from: DateTime, $to: DateTime) {
        ${attack('$n', '$from', '$to')} }`;
      let response: GraphQLResponse | undefined;
      const statements = await test.countStatements(async () => {
        response = await test.anonymous.request(query, {
          from: '2000-01-01T00:00:00Z',
          to: '2100-01-01T00:00:00Z',
        });
      });
      expect(codesOf(response!)).toEqual(['BAD_USER_INPUT']);
      expect(refusedBeforeExecution(response!)).toBe(true);
      expect(response!.errors?.[0].message).toMatch(/costs \d+, more than the limit/);
      expect(statements).toBe(0);
    });

    it('refuses the same query written with literals', async () => {
      let response: GraphQLResponse | undefined;
      const statements = await test.countStatements(async () => {
        response = await test.anonymous.request(
          `{ ${attack('100', '"2000-01-01T00:00:00Z"', '"2100-01-01T00:00:00Z"')} }`,
        );
      });
      expect(codesOf(response!)).toEqual(['BAD_USER_INPUT']);
      expect(refusedBeforeExecution(response!)).toBe(true);
      expect(statements).toBe(0);
    });

    it('refuses it with one district and no range at all: the nested lists multiply', async () => {
      const response = await test.anonymous.request(`{ districts(first: 1) { edges { node {
        shifts { id organisation { shifts { id organisation { shifts { id startsAt } } } } } } } } }`);
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(refusedBeforeExecution(response)).toBe(true);
    });

    it('decides with each request’s variables: one document, accepted small and refused large', async () => {
      const query = `query($n: Int!) { districts(first: $n) { edges { node { id name
        shifts { id organisation { shifts { id startsAt endsAt } } } } } } }`;
      expect(cost(query, { n: 20 })).toBeLessThanOrEqual(MAX_OPERATION_COST);
      expect(cost(query, { n: 100 })).toBeGreaterThan(MAX_OPERATION_COST);
      // Apollo validates a document once and caches it: the cost must not be part of that.
      expect((await test.anonymous.request(query, { n: 20 })).errors).toBeUndefined();
      const refused = await test.anonymous.request(query, { n: 100 });
      expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refusedBeforeExecution(refused)).toBe(true);
      expect((await test.anonymous.request(query, { n: 20 })).errors).toBeUndefined();
    });

    describe('over graphql-ws', () => {
      let ws: WsClient;

      beforeAll(() => {
        ws = connect(test);
      });

      afterAll(async () => {
        await ws.dispose();
      });

      it('applies the same cost limit to a subscription, and still subscribes within it', async () => {
        const district = await test.factories.district();
        const costly = follow(
          ws,
          `subscription($d: ID!) { shiftChanged(districtId: $d) { id organisation {
            shifts { id organisation { shifts { id organisation { shifts { id } } } } } } } }`,
          { d: district.id },
        );
        await until(() => costly.errors.length > 0 || costly.events.length > 0, 'the refusal');
        expect(costly.events).toEqual([]);
        expect(JSON.stringify(costly.errors)).toMatch(/BAD_USER_INPUT/);
        expect(JSON.stringify(costly.errors)).toMatch(/more than the limit/);

        const cheap = follow(
          ws,
          `subscription($d: ID!) { shiftChanged(districtId: $d) { id organisation { shifts { id } } } }`,
          { d: district.id },
        );
        await subscribed(test, SHIFT_CHANGED, 1);
        cheap.stop();
        expect(cheap.errors).toEqual([]);
      });
    });
  });

  describe('honest queries pass, with room', () => {
    it('lets an officer list 100 bookings with their resource, its owner, organisation and booker', async () => {
      const officer = await test.factories.municipalOfficer();
      const booker = await test.factories.organisation();
      const resource = await test.factories.resource();
      for (let day = 1; day <= 3; day += 1) {
        await test.factories.booking(resource, booker, {
          startsAt: new Date(test.clock.now().getTime() + day * DAY),
        });
      }
      const query = `query($resourceId: ID!) { bookings(first: 100, filter: { resourceId: $resourceId }) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id startsAt endsAt status purpose attendees confidential busyOnly
          resource { id name kind location municipal owner { id name kind } district { name } }
          organisation { id name kind } bookedBy { id displayName } } } } }`;
      expect(cost(query, { resourceId: resource.id })).toBeLessThanOrEqual(MAX_OPERATION_COST / 5);
      const { bookings } = await officer.client.ok(query, { resourceId: resource.id });
      expect(bookings.totalCount).toBe(3);
    });

    it('lets through every query of the README and the guides, each at most half the limit', async () => {
      const queries = readmeQueries();
      expect(queries.length).toBeGreaterThanOrEqual(10);
      const admin = await test.factories.admin();
      const costly: string[] = [];
      const refused: string[] = [];
      for (const query of queries) {
        const operation = parse(query).definitions[0] as OperationDefinitionNode;
        const name = operation.name?.value ?? query.replace(/\s+/g, ' ').slice(0, 60);
        // Required variables get a value of their type (the docs' own values run elsewhere:
        // test/docs-examples.e2e-spec.ts).
        const variables = Object.fromEntries(
          (operation.variableDefinitions ?? []).map((definition) => [
            definition.variable.name.value,
            SAMPLE_VALUES[print(definition.type).replace(/[![\]]/g, '')] ?? null,
          ]),
        );
        const counted = cost(query, variables) ?? Number.POSITIVE_INFINITY;
        if (counted > MAX_OPERATION_COST / 2) costly.push(`${name}: ${counted}`);
        // Whatever the records and the reader's rights, nothing is refused before execution.
        if (refusedBeforeExecution(await admin.client.request(query, variables))) {
          refused.push(name);
        }
      }
      expect({ costly, refused }).toEqual({ costly: [], refused: [] });
    });

    it('lets the public read a district’s schedule with its organisations', async () => {
      const district = await test.factories.district();
      const owner = await test.factories.organisation({ kind: OrganisationKind.NIGHT_WALK_GROUP });
      const shift = await test.factories.shift(owner, { districtId: district.id });
      const query = `query($id: ID!) { district(id: $id) { name shifts { id startsAt endsAt meetingPoint
        status minWalkers maxWalkers confirmedCount waitlistCount availablePlaces understaffed
        requiredCredentials organisation { id name description publicContact } } } }`;
      expect(cost(query, { id: district.id })).toBeLessThanOrEqual(MAX_OPERATION_COST / 5);
      const { district: seen } = await test.anonymous.ok(query, { id: district.id });
      expect(seen.shifts.map((walk: { id: string }) => walk.id)).toEqual([shift.id]);
    });
  });

  describe('ranges are bounded', () => {
    const DISTRICT_SHIFTS = `query($id: ID!, $from: DateTime, $to: DateTime) {
      district(id: $id) { shifts(from: $from, to: $to) { id } } }`;
    const ORGANISATION_SHIFTS = `query($id: ID!, $from: DateTime, $to: DateTime) {
      organisation(id: $id) { shifts(from: $from, to: $to) { id } } }`;

    it(`refuses a range longer than ${MAX_SHIFT_RANGE_DAYS} days with BAD_USER_INPUT, and takes ${MAX_SHIFT_RANGE_DAYS}`, async () => {
      const district = await test.factories.district();
      const { organisation } = await test.factories.organisation();
      const from = test.clock.now();
      const days = (n: number) => new Date(from.getTime() + n * DAY).toISOString();
      for (const [query, id] of [
        [DISTRICT_SHIFTS, district.id],
        [ORGANISATION_SHIFTS, organisation.id],
      ]) {
        const tooLong = await test.anonymous.request(query, {
          id,
          from: from.toISOString(),
          to: days(MAX_SHIFT_RANGE_DAYS + 1),
        });
        expect(codesOf(tooLong)).toEqual(['BAD_USER_INPUT']);
        expect(tooLong.errors?.[0].extensions.details).toEqual({
          fields: { to: [`at most ${MAX_SHIFT_RANGE_DAYS} days after from`] },
        });
        // Only `to`: from is now.
        const onlyTo = await test.anonymous.request(query, {
          id,
          to: days(MAX_SHIFT_RANGE_DAYS + 1),
        });
        expect(codesOf(onlyTo)).toEqual(['BAD_USER_INPUT']);
        const longest = await test.anonymous.request(query, {
          id,
          from: from.toISOString(),
          to: days(MAX_SHIFT_RANGE_DAYS),
        });
        expect(longest.errors).toBeUndefined();
      }
    });

    it(`answers at most ${MAX_SHIFTS_IN_RANGE} walks per district or organisation: more is BAD_USER_INPUT`, async () => {
      const district = await test.factories.district();
      const owner = await test.factories.organisation({ kind: OrganisationKind.NIGHT_WALK_GROUP });
      const start = test.clock.now().getTime() + DAY;
      for (let index = 0; index <= MAX_SHIFTS_IN_RANGE; index += 1) {
        await test.factories.shift(owner, {
          districtId: district.id,
          startsAt: new Date(start + index * 6 * 3600_000),
        });
      }
      for (const [query, id] of [
        [DISTRICT_SHIFTS, district.id],
        [ORGANISATION_SHIFTS, owner.organisation.id],
      ]) {
        const all = await test.anonymous.request(query, { id });
        expect(codesOf(all)).toEqual(['BAD_USER_INPUT']);
        expect(all.errors?.[0].path).toEqual([
          query === DISTRICT_SHIFTS ? 'district' : 'organisation',
          'shifts',
        ]);
        // A shorter range holds fewer: the last walk starts 25 days after the first.
        const shorter = await test.anonymous.ok(query, {
          id,
          from: new Date(start).toISOString(),
          to: new Date(start + 20 * DAY).toISOString(),
        });
        const owned = (shorter.district ?? shorter.organisation) as { shifts: unknown[] };
        expect(owned.shifts).toHaveLength(80);
      }
    });
  });
});

describe('suggestions of names ("Did you mean …?")', () => {
  const BY_KIND = `query($kind: OrganisationKind) { organisations(filter: { kind: $kind }) { totalCount } }`;
  const BY_FILTER = `query($filter: OrganisationFilter) { organisations(filter: $filter) { totalCount } }`;

  async function messages(test: TestApp): Promise<{ codes: string[]; texts: string[] }> {
    const responses = [
      await test.anonymous.request(BY_KIND, { kind: 'NIGHT_WALK_GRUP' }),
      await test.anonymous.request(BY_FILTER, { filter: { kindd: 'NIGHT_WALK_GROUP' } }),
      await test.anonymous.request(
        `{ organisations(filter: { kind: NIGHT_WALK_GRUP }) { totalCount } }`,
      ),
    ];
    return {
      codes: responses.flatMap((response) => codesOf(response)),
      texts: responses.map((response) => JSON.stringify(response.errors)),
    };
  }

  it('are made in development, for enum values and input fields in variables too', async () => {
    const test = await TestApp.create({ env: { NODE_ENV: 'development' } });
    try {
      const { codes, texts } = await messages(test);
      const text = texts.join();
      expect(codes).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
      expect(text).toMatch(/Did you mean the enum value \\"NIGHT_WALK_GROUP\\"/);
      expect(text).toMatch(/Did you mean \\"kind\\"/);
    } finally {
      await test.close();
    }
  });

  it('are never made in production, not even for values in variables', async () => {
    const test = await TestApp.create({ env: { NODE_ENV: 'production' } });
    try {
      const { codes, texts } = await messages(test);
      expect(codes).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
      expect(texts.join()).not.toMatch(/did you mean/i);
      // Neither the value nor the field that was meant.
      expect(texts[0]).not.toContain('NIGHT_WALK_GROUP');
      expect(texts[1]).not.toMatch(/\\"kind\\"/);
      expect(texts[2]).not.toContain('NIGHT_WALK_GROUP');
    } finally {
      await test.close();
    }
  });
});
