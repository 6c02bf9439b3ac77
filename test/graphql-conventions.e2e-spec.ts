import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiscoveryModule } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import request from 'supertest';
import { GRAPHQL_LIMITS } from '../src/graphql/limits';
import { schemaText } from '../src/graphql/schema-text';
import { LoginAttempt } from '../src/modules/auth';
import { Person } from '../src/modules/people';
import { codesOf } from './support/graphql-client';
import { declaredOperations } from './support/operations';
import { TestApp } from './support/test-app';

describe('GraphQL conventions', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create({ imports: [DiscoveryModule] });
  });

  afterAll(async () => {
    await test.close();
  });

  describe('schema', () => {
    it('matches the committed schema.graphql (run `npm run schema:generate` after changing the API)', () => {
      const committed = readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8');
      expect(schemaText(test.get(GraphQLSchemaHost).schema)).toBe(committed);
    });

    it('documents every type, field, argument and enum value', () => {
      const schema = test.get(GraphQLSchemaHost).schema;
      const missing: string[] = [];
      for (const type of Object.values(schema.getTypeMap())) {
        if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
        if (!type.description) missing.push(type.name);
        if (
          type instanceof GraphQLObjectType ||
          type instanceof GraphQLInterfaceType ||
          type instanceof GraphQLInputObjectType
        ) {
          for (const field of Object.values(type.getFields())) {
            if (!field.description) missing.push(`${type.name}.${field.name}`);
            for (const arg of 'args' in field ? field.args : []) {
              if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
            }
          }
        }
        if (type instanceof GraphQLEnumType) {
          for (const value of type.getValues()) {
            if (!value.description) missing.push(`${type.name}.${value.name}`);
          }
        }
      }
      expect(missing).toEqual([]);
    });

    it('lists exactly these public operations and fields (a change here needs a review)', () => {
      const publicOnes = declaredOperations(test)
        .filter((operation) => operation.isPublic)
        .map((operation) => operation.coordinate);
      expect(publicOnes).toEqual([
        'District.shifts',
        'Mutation.completeTwoFactorLogin',
        'Mutation.confirmTwoFactor',
        'Mutation.login',
        'Mutation.refreshToken',
        'Mutation.register',
        'Mutation.startTwoFactorSetup',
        'Mutation.verifyEmail',
        'Organisation.districts',
        'Organisation.shifts',
        'Query.district',
        'Query.districts',
        'Query.node',
        'Query.nodes',
        'Query.organisation',
        'Query.organisations',
        'Query.shift',
        'Query.shifts',
        'Query.supportService',
        'Query.supportServices',
        'Shift.availablePlaces',
        'Shift.district',
        'Shift.organisation',
        'Shift.understaffed',
        'Subscription.shiftChanged',
        'SupportService.district',
        'SupportService.nextOpening',
        'SupportService.openNow',
        'SupportService.openUntil',
        'SupportService.organisation',
      ]);
    });

    it('returns instants in Europe/Stockholm with the offset of that instant', async () => {
      const { organisation } = await test.factories.organisation();
      const { organisation: seen } = await test.anonymous.ok(
        `query($id: ID!) { organisation(id: $id) { createdAt verifiedAt } }`,
        {
          id: organisation.id,
        },
      );
      expect(seen.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0[12]:00$/);
      expect(new Date(seen.verifiedAt).getTime()).toBe(organisation.verifiedAt?.getTime());
    });

    it('refuses an instant without an offset with BAD_USER_INPUT', async () => {
      const officer = await test.factories.municipalOfficer();
      const response = await officer.client.request(
        `query($from: DateTime) { auditLog(filter: { from: $from }) { totalCount } }`,
        {
          from: '2026-11-22T21:00:00',
        },
      );
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('limits, applied before any resolver runs', () => {
    function nested(depth: number): string {
      // me → memberships → organisation → members → person → memberships → …
      const chain = ['memberships', 'organisation', 'members', 'person'];
      let selection = 'id';
      for (let level = depth - 1; level >= 1; level -= 1)
        selection = `${chain[(level - 1) % 4]} { ${selection} }`;
      return selection;
    }

    it(`refuses a document deeper than ${GRAPHQL_LIMITS.maxDepth} (the mutation in it never runs)`, async () => {
      const person = await test.factories.person();
      const response = await test.anonymous.request(
        `mutation { login(input: { email: "${person.email}", password: "fel lösenord här" }) {
          person { ${nested(GRAPHQL_LIMITS.maxDepth)} } } }`,
      );
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      // Had login run, the failed attempt would count against the account.
      expect(
        await test.dataSource.getRepository(LoginAttempt).countBy({ accountKey: person.email }),
      ).toBe(0);
    });

    it(`accepts a document exactly ${GRAPHQL_LIMITS.maxDepth} deep, and refuses one level more`, async () => {
      // grantApplication → followUpReport → application → …: one record at each level, so the
      // cost stays small and only the depth is at its limit.
      const chain = (depth: number) => {
        let selection = 'id';
        for (let level = depth - 1; level >= 2; level -= 1)
          selection = `${level % 2 === 0 ? 'followUpReport' : 'application'} { ${selection} }`;
        return `{ grantApplication(id: "${randomUUID()}") { ${selection} } }`;
      };
      const officer = await test.factories.municipalOfficer();
      const response = await officer.client.request(chain(GRAPHQL_LIMITS.maxDepth));
      // Executed (no such application), not refused.
      expect(codesOf(response)).toEqual(['NOT_FOUND']);
      expect(response.errors?.[0].path).toEqual(['grantApplication']);
      const deeper = await officer.client.request(chain(GRAPHQL_LIMITS.maxDepth + 1));
      expect(codesOf(deeper)).toEqual(['BAD_USER_INPUT']);
      expect(deeper.data).toBeUndefined();
    });

    it(`refuses more than ${GRAPHQL_LIMITS.maxAliases} aliases and accepts ${GRAPHQL_LIMITS.maxAliases}`, async () => {
      const aliases = (count: number) =>
        Array.from(
          { length: count },
          (_, index) => `a${index}: districts(first: 1) { totalCount }`,
        ).join(' ');
      expect(
        codesOf(await test.anonymous.request(`{ ${aliases(GRAPHQL_LIMITS.maxAliases + 1)} }`)),
      ).toEqual(['BAD_USER_INPUT']);
      expect(
        (await test.anonymous.request(`{ ${aliases(GRAPHQL_LIMITS.maxAliases)} }`)).errors,
      ).toBeUndefined();
    });

    it(`refuses a document of more than ${GRAPHQL_LIMITS.maxTokens} tokens`, async () => {
      const fields = Array.from({ length: GRAPHQL_LIMITS.maxTokens }, () => 'totalCount').join(' ');
      expect(codesOf(await test.anonymous.request(`{ districts { ${fields} } }`))).toEqual([
        'BAD_USER_INPUT',
      ]);
    });

    it(`refuses a document costing more than ${GRAPHQL_LIMITS.maxCost}, within the other limits`, async () => {
      // Depth 7, 2 aliases, ~50 tokens: only the cost is over its limit (each alias counts 30
      // districts × 100 walks × their organisation's 100 walks, about 610 000;
      // test/graphql-cost.e2e-spec.ts has the rest).
      const schedules = (count: number) =>
        Array.from(
          { length: count },
          (_, index) =>
            `a${index}: districts(first: 30) { edges { node { id name shifts { id ` +
            'organisation { shifts { id } } } } } }',
        ).join(' ');
      expect(codesOf(await test.anonymous.request(`{ ${schedules(2)} }`))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect((await test.anonymous.request(`{ ${schedules(1)} }`)).errors).toBeUndefined();
    });

    it('refuses batched requests without running any of them', async () => {
      const people = test.dataSource.getRepository(Person);
      const before = await people.count();
      const operation = (n: number) => ({
        query: `mutation { register(input: { email: "${test.factories.unique(`batch${n}`)}@example.se", password: "ett långt lösenord 4711", displayName: "B" }) { email } }`,
      });
      const response = await request(test.baseUrl)
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .send([operation(1), operation(2)]);
      expect(response.status).toBe(400);
      expect(await people.count()).toBe(before);
    });

    it('refuses a simple cross-site request (CSRF prevention) without running it', async () => {
      const people = test.dataSource.getRepository(Person);
      const before = await people.count();
      const query = `mutation { register(input: { email: "${test.factories.unique('csrf')}@example.se", password: "ett långt lösenord 4711", displayName: "C" }) { email } }`;
      const response = await request(test.baseUrl)
        .post('/graphql')
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify({ query }));
      expect(response.status).toBe(400);
      const getResponse = await request(test.baseUrl)
        .get('/graphql')
        .query({ query: '{ districts { totalCount } }' });
      expect(getResponse.status).toBe(400);
      expect(await people.count()).toBe(before);
    });
  });

  describe('pagination', () => {
    let names: string[];

    beforeAll(async () => {
      const districts = await Promise.all(
        Array.from({ length: 23 }, (_, index) =>
          test.factories.district(`Sida ${String(index).padStart(2, '0')}`),
        ),
      );
      names = districts.map((district) => district.name).sort();
    });

    const PAGE = `query($first: Int, $after: String) {
      districts(first: $first, after: $after, filter: { search: "Sida" }) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } }
      }
    }`;

    it('walks every item exactly once, in order, with keyset cursors', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const { districts }: { districts: any } = await test.anonymous.ok(PAGE, {
          first: 10,
          after,
        });
        expect(districts.totalCount).toBe(23);
        seen.push(...districts.edges.map((edge: { node: { name: string } }) => edge.node.name));
        pages += 1;
        if (!districts.pageInfo.hasNextPage) break;
        after = districts.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(names);
    });

    it('defaults to 20 items', async () => {
      const { districts } = await test.anonymous.ok(PAGE, {});
      expect(districts.edges).toHaveLength(20);
      expect(districts.pageInfo.hasNextPage).toBe(true);
    });

    it.each([0, 101, -1])('refuses first: %p with BAD_USER_INPUT', async (first) => {
      expect(await test.anonymous.code(PAGE, { first })).toBe('BAD_USER_INPUT');
    });

    it('refuses a cursor it did not issue with BAD_USER_INPUT', async () => {
      expect(await test.anonymous.code(PAGE, { after: 'bm90LWEtY3Vyc29y' })).toBe('BAD_USER_INPUT');
    });
  });

  describe('errors', () => {
    it('give BAD_USER_INPUT with the offending fields for invalid input', async () => {
      const response = await test.anonymous.request(
        `{ organisations(first: 5, filter: { search: "${'x'.repeat(101)}" }) { totalCount } }`,
      );
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0].extensions.details).toEqual({
        fields: { 'filter.search': [expect.stringMatching(/search/)] },
      });
    });

    it('give BAD_USER_INPUT for documents that do not validate against the schema', async () => {
      expect(codesOf(await test.anonymous.request(`{ districts { nope } }`))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(codesOf(await test.anonymous.request(`{ districts {`))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('HTTP', () => {
    it('answers GET /health with the database status', async () => {
      const response = await request(test.baseUrl).get('/health');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    });

    it('gives every response a request id, keeping a sane one the caller sent', async () => {
      const generated = await request(test.baseUrl).get('/health');
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const given = await request(test.baseUrl)
        .get('/health')
        .set('X-Request-Id', 'partner-app-123456');
      expect(given.headers['x-request-id']).toBe('partner-app-123456');
      const insane = await request(test.baseUrl).get('/health').set('X-Request-Id', 'a b');
      expect(insane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('SQL statements', () => {
    beforeAll(async () => {
      const districts = await Promise.all([1, 2, 3].map(() => test.factories.district()));
      for (let index = 0; index < 30; index += 1) {
        const { organisation, admin } = await test.factories.organisation({
          name: `SQL-räkning ${String(index).padStart(2, '0')}`,
          districtIds: districts.slice(0, (index % 3) + 1).map((district) => district.id),
        });
        await test.factories.member(organisation.id, admin);
      }
    });

    it('do not grow with the page size: organisations with their districts', async () => {
      const query = `query($first: Int) { organisations(first: $first, filter: { search: "SQL-räkning" }) {
        edges { node { name districts { name } } } } }`;
      const small = await test.countStatements(() => test.anonymous.ok(query, { first: 5 }));
      const large = await test.countStatements(() => test.anonymous.ok(query, { first: 25 }));
      expect(large).toBe(small);
      expect(small).toBeLessThanOrEqual(4);
    });

    it('do not grow with the page size: organisations with their members and people', async () => {
      const admin = await test.factories.admin();
      const query = `query($first: Int) { organisations(first: $first, filter: { search: "SQL-räkning" }) {
        totalCount edges { node { name members { role person { displayName } organisation { name } } } } } }`;
      const small = await test.countStatements(() => admin.client.ok(query, { first: 5 }));
      const large = await test.countStatements(() => admin.client.ok(query, { first: 25 }));
      expect(large).toBe(small);
    });
  });
});

describe('GraphQL in production mode', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create({ env: { NODE_ENV: 'production' } });
  });

  afterAll(async () => {
    await test.close();
  });

  it('refuses introspection', async () => {
    const response = await test.anonymous.request(`{ __schema { types { name } } }`);
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.data).toBeUndefined();
  });

  it('does not suggest field names ("did you mean …")', async () => {
    const response = await test.anonymous.request(`{ district { nam } }`);
    expect(codesOf(response).length).toBeGreaterThan(0);
    expect(JSON.stringify(response.errors)).not.toMatch(/did you mean/i);
  });

  it('still serves ordinary operations', async () => {
    expect((await test.anonymous.ok(`{ districts { totalCount } }`)).districts.totalCount).toBe(0);
  });
});

describe('unexpected failures', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  it('answer INTERNAL_SERVER_ERROR with a generic message, no stack and no SQL, and log the cause', async () => {
    await test.dataSource.query('ALTER TABLE districts RENAME TO districts_gone');
    const mark = test.logs.mark();
    const response = await test.anonymous.request(
      `{ districts { totalCount edges { node { name } } } }`,
    );
    expect(codesOf(response)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(response.errors?.[0].message).toBe('Internal server error');
    const body = JSON.stringify(response.errors);
    expect(body).not.toMatch(/districts_gone|SELECT|stack|at .*\.js/i);
    expect(test.logs.since(mark)).toMatch(/no such table|does not exist/);
  });
});
