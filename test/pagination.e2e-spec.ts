import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType } from 'graphql';
import { seedDemoData } from '../seeds/seeder';
import { ApiScope } from '../src/common/actor';
import { Notification } from '../src/modules/notifications';
import { OrganisationKind } from '../src/modules/organisations';
import { PlacementsService } from '../src/modules/shelters';
import { GrantLedgerEntry, GrantProgramme } from '../src/modules/grants';
import { Person } from '../src/modules/people';
import { Client, codesOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

interface Page {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  edges: { cursor: string; node: { id: string } }[];
}

/** Who reads each root connection in the test, and the arguments it needs besides paging. */
interface Reader {
  as: () => Promise<Client>;
  /** Extra variable definitions and arguments, e.g. `$programmeId: ID!` / `programmeId: $programmeId`. */
  definitions?: string;
  arguments?: string;
  variables?: () => Promise<Record<string, unknown>>;
}

/**
 * Every root connection, walked forwards (`first`/`after`) and backwards (`last`/`before`) over
 * the demo data: the same items in the same order both ways, `pageInfo` right at every page, and
 * the cursors of one direction usable in the other, as the GraphQL Cursor Connections
 * Specification asks.
 */
describe('Relay connections, forwards and backwards', () => {
  let test: TestApp;
  const clients = new Map<string, Promise<Client>>();

  beforeAll(async () => {
    // With mail set up (to nowhere), so the demo's mails fill the outbox.
    test = await TestApp.create({
      env: { SMTP_URL: 'smtp://127.0.0.1:1', MAIL_FROM: 'Samverkan <samverkan@example.se>' },
    });
    await seedDemoData(test.app);
    // More than the demo has, so that each list has several pages.
    for (let index = 0; index < 3; index += 1) {
      await test.factories.apiClient([ApiScope.DIRECTORY_READ]);
    }
    const programme = await test.factories.grantProgramme();
    const applicant = await test.factories.organisation();
    const application = await test.factories.grantApplication(programme, applicant);
    await test.factories.decideGrant(application.id, 3_000_000);
    for (const amount of [1_000_000, 500_000, 250_000, 100_000]) {
      await test.factories.payGrant(application.id, amount);
    }
    const jour = await test.factories.organisation({ kind: OrganisationKind.WOMENS_SHELTER });
    const shelter = await test.factories.shelter(jour, { free: 6 });
    const socialServices = await test.factories.socialServices();
    for (let index = 0; index < 4; index += 1) {
      await test.get(PlacementsService).request(socialServices.actor, {
        shelterId: shelter.id,
        adults: 1,
        children: 0,
        needs: [],
        caseReference: `IFO-PAGE-${index}`,
      });
    }
  });

  afterAll(async () => {
    await test.close();
  });

  const signedIn = (email: string) => () => {
    let client = clients.get(email);
    if (!client) {
      client = test.factories.signInEmail(email).then((signedIn) => signedIn.client);
      clients.set(email, client);
    }
    return client;
  };
  const admin = signedIn('admin@samverkan.example');
  const officer = signedIn('handlaggare@samverkan.example');
  const social = signedIn('socialtjanst@samverkan.example');

  const READERS: Record<string, Reader> = {
    apiClients: { as: admin },
    auditLog: { as: admin },
    bookings: { as: officer },
    districts: { as: admin },
    grantApplications: { as: officer },
    grantLedger: {
      as: officer,
      definitions: ', $programmeId: ID!',
      arguments: ', programmeId: $programmeId',
      // The programme with the most payments.
      variables: async () => {
        const programmes = await test.dataSource.getRepository(GrantProgramme).find();
        const ledger = test.dataSource.getRepository(GrantLedgerEntry);
        const counted = await Promise.all(
          programmes.map(async ({ id }) => ({
            id,
            entries: await ledger.countBy({ programmeId: id }),
          })),
        );
        counted.sort((a, b) => b.entries - a.entries);
        return { programmeId: counted[0].id };
      },
    },
    grantProgrammes: { as: officer },
    mailOutbox: { as: admin },
    myNotifications: {
      as: async () => {
        const [busiest] = await test.dataSource
          .getRepository(Notification)
          .createQueryBuilder('notification')
          .select('notification.recipientPersonId', 'personId')
          .addSelect('COUNT(*)', 'n')
          .groupBy('notification.recipientPersonId')
          .orderBy('n', 'DESC')
          .getRawMany<{ personId: string }>();
        const person = await test.dataSource
          .getRepository(Person)
          .findOneByOrFail({ id: busiest.personId });
        return (await test.factories.signIn(person)).client;
      },
    },
    organisations: { as: admin },
    placementRequests: { as: social },
    resources: { as: admin },
    shelters: { as: social },
    shifts: { as: admin },
    supportServices: { as: admin },
  };

  it('covers every root connection of the schema', () => {
    const { schema } = test.get(GraphQLSchemaHost);
    const connections = Object.values(schema.getQueryType()!.getFields())
      .filter((field) => getNamedType(field.type).name.endsWith('Connection'))
      .map((field) => field.name)
      .sort();
    expect(Object.keys(READERS).sort()).toEqual(connections);
  });

  const document = (name: string, reader: Reader) => `query($first: Int, $after: String,
    $last: Int, $before: String${reader.definitions ?? ''}) {
      page: ${name}(first: $first, after: $after, last: $last, before: $before${reader.arguments ?? ''}) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { id } } } }`;

  for (const [name, reader] of Object.entries(READERS)) {
    it(`${name}: walks forwards and backwards through the same items`, async () => {
      const client = await reader.as();
      const extra = (await reader.variables?.()) ?? {};
      const query = document(name, reader);
      const read = async (paging: Record<string, unknown>) =>
        (await client.ok<{ page: Page }>(query, { ...extra, ...paging })).page;

      const all = await read({ first: 100 });
      const total = all.totalCount;
      expect(total).toBeGreaterThanOrEqual(3);
      expect(all.edges.length).toBe(Math.min(total, 100));
      // At most ~8 pages each way, at least 2 items a page and more than one page.
      const size = Math.max(2, Math.ceil(Math.min(total, 100) / 8));

      const forwards: string[] = [];
      let after: string | null = null;
      for (let pages = 0; ; pages += 1) {
        expect(pages).toBeLessThan(60);
        const page: Page = await read({ first: size, after });
        expect(page.totalCount).toBe(total);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
        forwards.push(...page.edges.map((edge) => edge.node.id));
        if (!page.pageInfo.hasNextPage) {
          expect(page.edges.length).toBeLessThanOrEqual(size);
          break;
        }
        expect(page.edges).toHaveLength(size);
        after = page.pageInfo.endCursor;
      }
      expect(forwards).toHaveLength(total);
      expect(new Set(forwards).size).toBe(total);

      const backwards: string[] = [];
      let before: string | null = null;
      for (let pages = 0; ; pages += 1) {
        expect(pages).toBeLessThan(60);
        const page: Page = await read({ last: size, before });
        expect(page.pageInfo.hasNextPage).toBe(before !== null);
        expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
        backwards.unshift(...page.edges.map((edge) => edge.node.id));
        if (!page.pageInfo.hasPreviousPage) break;
        expect(page.edges).toHaveLength(size);
        before = page.pageInfo.startCursor;
      }
      expect(backwards).toEqual(forwards);

      // A window between two cursors (the first item and the fourth, or the last if fewer), from
      // either end; the cursors of a forward page serve a backward one.
      const start = (await read({ first: 1 })).pageInfo.endCursor;
      const k = Math.min(3, total - 1);
      const end = (await read({ first: k + 1 })).edges[k].cursor;
      const ids = (page: Page) => page.edges.map((edge) => edge.node.id);
      expect(ids(await read({ after: start, before: end }))).toEqual(forwards.slice(1, k));
      expect(ids(await read({ last: 1, after: start, before: end }))).toEqual([forwards[k - 1]]);
      expect(ids(await read({ first: 1, after: start, before: end }))).toEqual([forwards[1]]);
    });
  }

  it('refuses first with last, and a cursor that is not one, naming the argument', async () => {
    const client = await admin();
    const query = document('districts', READERS.districts);
    const both = await client.request(query, { first: 2, last: 2 });
    expect(codesOf(both)).toEqual(['BAD_USER_INPUT']);
    const badBefore = await client.request(query, { last: 2, before: 'not-a-cursor' });
    expect(codesOf(badBefore)).toEqual(['BAD_USER_INPUT']);
    expect(badBefore.errors?.[0].extensions.details).toEqual({
      fields: { before: ['is not a cursor from this list'] },
    });
    const tooMany = await client.request(query, { last: 101 });
    expect(codesOf(tooMany)).toEqual(['BAD_USER_INPUT']);
  });
});
