import { GraphQLSchemaHost } from '@nestjs/graphql';
import request from 'supertest';
import { ApiScope } from '../src/common/actor';
import { Resource } from '../src/modules/bookings';
import { District } from '../src/modules/districts';
import {
  Membership,
  MembershipStatus,
  Organisation,
  OrganisationStatus,
} from '../src/modules/organisations';
import { Person } from '../src/modules/people';
import { DEMO_API_KEY, DEMO_SHELTER_BOARD_KEY } from '../seeds/demo-data';
import { seedDemoData } from '../seeds/seeder';
import { CrawlReader, CrawlSettings, ReaderReport, SchemaCrawler } from './support/crawl/crawler';
import { Audience, formatLeak, Leak, LeakChecker, LeakRule, Secrets } from './support/crawl/leaks';
import { readSecrets } from './support/crawl/secrets';
import { printDocument, Selection, splitSelection, trimDeepest } from './support/crawl/selections';
import { TestApp } from './support/test-app';

/**
 * The security crawl (issue 11, "a check that stays"). As every role and each API-key scope, call
 * every root query with selection sets generated from the schema (to a bounded depth, ids taken
 * from earlier answers), on the demo data; fetch the calendar feeds; read every log line written
 * meanwhile. Fail on anything DOMAIN keeps from that reader: an e-mail address (shown only to the
 * person and ADMIN; an open invitation's also to its organisation's ORG_ADMIN and COORDINATORs), a
 * protected person's name (only ADMIN and she), a case reference outside its audience (social
 * services, the shelter organisation's ORG_ADMIN and COORDINATORs, ADMIN), a password hash, any
 * stored hash or secret, a token or key that is not the reader's own, a personal identity number.
 * The log may hold none of them, for anyone. New queries, fields, people and tables are covered
 * without editing this file: the queries come from the schema, the secrets from the database.
 */

/** Demo people who read (README, "Demo logins"), signed in without `login`. */
const PEOPLE_READERS: [what: string, email: string][] = [
  ['ADMIN', 'admin@samverkan.example'],
  ['MUNICIPAL_OFFICER', 'handlaggare@samverkan.example'],
  ['SOCIAL_SERVICES', 'socialtjanst@samverkan.example'],
  ["ORG_ADMIN of the women's shelter", 'eva@kvinnojouren.example'],
  ["COORDINATOR of the women's shelter", 'fatima@kvinnojouren.example'],
  ['ORG_ADMIN of a night-walk group', 'karin@nattvandrarna.example'],
  ['COORDINATOR of a night-walk group', 'omar@nattvandrarna.example'],
  ['VOLUNTEER', 'lina@nattvandrarna.example'],
  ['VOLUNTEER with protected identity', 'sara@nattvandrarna.example'],
  ['ORG_ADMIN of another organisation', 'ioana@hjalpandehander.example'],
];

const SETTINGS: Omit<CrawlSettings, 'schema' | 'now'> = {
  levels: 4,
  first: 50,
  maxPages: 10,
  idsPerField: 3,
  tokenBudget: 1500,
};

/** At least this share of the root Query fields must really be called (by some reader). */
const MIN_COVERAGE = 0.9;

describe('security crawl', () => {
  let test: TestApp;
  let readers: CrawlReader[];
  let checker: LeakChecker;
  let crawler: SchemaCrawler;
  const reports: ReaderReport[] = [];
  const responseLeaks: Leak[] = [];
  /** Each signed-in reader's private calendar feed (the path of its `myCalendarUrl`). */
  const personalFeeds: { reader: CrawlReader; path: string }[] = [];
  let logMark: number;

  const reader = (what: string): CrawlReader => {
    const found = readers.find((candidate) => candidate.label.startsWith(what));
    if (!found) throw new Error(`No reader ${what}`);
    return found;
  };

  beforeAll(async () => {
    test = await TestApp.create({ env: { LOG_LEVEL: 'debug', LOG_SQL: 'true' } });
    await seedDemoData(test.app);

    readers = [];
    const refreshTokens: Secrets['refreshTokens'] = [];
    const feedTokens: Secrets['feedTokens'] = [];
    for (const [what, email] of PEOPLE_READERS) {
      const person = await test.dataSource.getRepository(Person).findOneByOrFail({ email });
      const signedIn = await test.factories.signIn(person);
      const label = `${what} ${email}`;
      refreshTokens.push({ token: signedIn.refreshToken, owner: label });
      const personReader: CrawlReader = {
        label,
        client: signedIn.client,
        audience: {
          kind: 'person',
          personId: person.id,
          email: person.email,
          systemRole: person.systemRole,
          accessToken: signedIn.token,
          refreshToken: signedIn.refreshToken,
        },
      };
      readers.push(personReader);
      const { myCalendarUrl } = await signedIn.client.ok<{ myCalendarUrl: string }>(
        '{ myCalendarUrl }',
      );
      const path = new URL(myCalendarUrl).pathname;
      feedTokens.push({ token: path.replace(/^.*\/|\.ics$/g, ''), personId: person.id });
      personalFeeds.push({ reader: personReader, path });
    }
    const keys: [string, string][] = [
      ['demo partner app Trygghetskartan', DEMO_API_KEY],
      ['demo shelter-vacancy board Platstavlan', DEMO_SHELTER_BOARD_KEY],
    ];
    for (const scope of Object.values(ApiScope)) {
      keys.push([`API key with ${scope}`, (await test.factories.apiClient([scope])).apiKey]);
    }
    for (const [label, apiKey] of keys) {
      readers.push({
        label,
        client: test.client({ apiKey }),
        audience: { kind: 'apiClient', apiKey },
      });
    }
    readers.push({ label: 'anonymous', client: test.anonymous, audience: { kind: 'anonymous' } });

    checker = new LeakChecker(await readSecrets(test.dataSource, { refreshTokens, feedTokens }));
    crawler = new SchemaCrawler(
      { ...SETTINGS, schema: test.get(GraphQLSchemaHost).schema, now: test.clock.now() },
      checker,
    );
    logMark = test.logs.mark();
    // ADMIN first: the ids it sees are there for every later reader to try.
    for (const crawled of readers) {
      const { report, leaks } = await crawler.crawl(crawled);
      reports.push(report);
      responseLeaks.push(...leaks);
    }
  }, 240_000);

  afterAll(async () => {
    await test?.close();
  });

  it('calls nearly every root query, answers each reader some, and reaches what it checks', () => {
    const fields = crawler.rootFields().map((field) => field.name);
    const called = new Set(reports.flatMap((report) => [...report.called]));
    const notCalled = fields
      .filter((field) => !called.has(field))
      .map((field) => {
        const why = reports.map((report) => report.skipped.get(field)).find(Boolean);
        return `${field}: ${why ?? 'refused'}`;
      });
    const enough = called.size >= Math.ceil(fields.length * MIN_COVERAGE);
    expect(
      enough ? 'enough' : `${called.size} of ${fields.length}; not: ${notCalled.join('; ')}`,
    ).toBe('enough');
    // Refused for a limit even as one field at the smallest depth: the limits refuse a plain read.
    expect(reports.flatMap((report) => report.refused)).toEqual([]);
    expect(reports.filter((report) => report.answered.size === 0).map((r) => r.reader)).toEqual([]);

    // The crawl really shows the checks what they are about, to those who may see it.
    const sawIt = (rule: LeakRule) =>
      reports.filter((report) => report.sensitive.has(rule)).map((report) => report.reader);
    expect(sawIt('protected name')).toEqual(
      expect.arrayContaining([reader('ADMIN').label, reader('VOLUNTEER with protected').label]),
    );
    expect(sawIt('case reference')).toEqual(
      expect.arrayContaining([
        reader('SOCIAL_SERVICES').label,
        reader("ORG_ADMIN of the women's").label,
      ]),
    );
    expect(sawIt('e-mail address')).toEqual(
      expect.arrayContaining(
        readers.filter((r) => r.audience.kind === 'person').map((r) => r.label),
      ),
    );
    expect(sawIt('calendar feed token').length).toBeGreaterThan(0);
  });

  it('answers no reader anything DOMAIN keeps from them', () => {
    expect(summarise(responseLeaks)).toEqual([]);
  });

  it('publishes nothing private in the district, resource and personal calendar feeds', async () => {
    const anonymous: Audience = { kind: 'anonymous' };
    const feeds: { label: string; audience: Audience; path: string; shown: string }[] = [
      ...(await test.dataSource.getRepository(District).find()).map((district) => ({
        label: 'anonymous',
        audience: anonymous,
        path: `/calendar/districts/${district.id}.ics`,
        shown: `/calendar/districts/${district.id}.ics`,
      })),
      ...(await test.dataSource.getRepository(Resource).find()).map((resource) => ({
        label: 'anonymous',
        audience: anonymous,
        path: `/calendar/resources/${resource.id}.ics`,
        shown: `/calendar/resources/${resource.id}.ics`,
      })),
      // A personal feed is read by whoever holds its URL: its owner.
      ...personalFeeds.map(({ reader: owner, path }) => ({
        label: owner.label,
        audience: owner.audience,
        path,
        shown: '/calendar/feeds/<token>.ics',
      })),
    ];
    const leaks: Leak[] = [];
    let events = 0;
    for (const feed of feeds) {
      const response = await request(test.baseUrl).get(feed.path);
      expect([feed.shown, response.status]).toEqual([feed.shown, 200]);
      // Unfolded (RFC 5545 folds long lines), so an address cannot hide across a fold.
      const text = response.text.replace(/\r?\n[ \t]/g, '');
      events += (text.match(/BEGIN:VEVENT/g) ?? []).length;
      leaks.push(...checker.checkText(feed.label, feed.audience, `GET ${feed.shown}`, text));
    }
    expect(events).toBeGreaterThan(0);
    expect(summarise(leaks)).toEqual([]);
  });

  it('logs none of it, for anyone', () => {
    const lines = test.logs.lines.slice(logMark);
    // Request logs and SQL statements are there: a leak in them would be found.
    expect(lines.some((line) => line.includes('"msg":"request completed"'))).toBe(true);
    expect(lines.some((line) => line.includes('SELECT'))).toBe(true);
    const leaks = lines.flatMap((line, index) =>
      checkLogLine(checker, line, `log line ${index + 1}`).map((leak) => ({
        ...leak,
        path: `${describeLogLine(line)} ${leak.path}`,
      })),
    );
    expect(summarise(leaks)).toEqual([]);
  });

  describe('can fail', () => {
    const sara = () =>
      checker.secrets.people.find((p) => p.email === 'sara@nattvandrarna.example')!;
    const placement = () => checker.secrets.placements[0];
    const planted = () => ({
      data: {
        organisation: {
          members: [
            {
              invitedEmail: sara().email,
              person: { displayName: sara().displayName, note: 'Sara kommer' },
            },
          ],
          reference: `Ärende ${placement().caseReference}`,
          text: 'Personnummer 19811218-9876',
          hash: checker.secrets.storedSecrets.find((stored) =>
            stored.source.startsWith('api_clients'),
          )!.value,
        },
      },
    });
    const rulesFor = (audience: Audience) =>
      checker
        .check('x', audience, 'planted', planted())
        .map((leak) => `${leak.path}: ${leak.rule}`);

    it('finds a planted address, protected name, case reference, hash and identity number', () => {
      expect(rulesFor({ kind: 'anonymous' })).toEqual([
        'data.organisation.members[0].invitedEmail: e-mail address',
        // Her address carries her first name.
        'data.organisation.members[0].invitedEmail: protected name',
        'data.organisation.members[0].person.displayName: protected name',
        'data.organisation.members[0].person.note: protected name',
        'data.organisation.reference: case reference',
        'data.organisation.text: personal identity number',
        'data.organisation.hash: stored hash or secret',
      ]);
      // The officer is not in a placement's audience either.
      expect(rulesFor(reader('MUNICIPAL_OFFICER').audience)).toContain(
        'data.organisation.reference: case reference',
      );
    });

    it("finds another reader's feed token, refresh token, access token and API key", () => {
      const lina = reader('VOLUNTEER lina').audience as Extract<Audience, { kind: 'person' }>;
      const feed = checker.secrets.feedTokens.find((f) => f.personId === lina.personId)!.token;
      const tokens = {
        url: `https://example.se/calendar/feeds/${feed}.ics`,
        refresh: lina.refreshToken,
        access: `Bearer ${lina.accessToken}`,
        key: DEMO_API_KEY,
      };
      const found = (audience: Audience) =>
        checker.check('x', audience, 'planted', tokens).map((leak) => `${leak.path}: ${leak.rule}`);
      expect(found({ kind: 'anonymous' })).toEqual([
        'url: calendar feed token',
        'refresh: refresh token',
        'access: access token',
        'key: API key',
      ]);
      expect(found(reader('ADMIN').audience)).toHaveLength(4);
      // Her own, but for the partner app's key.
      expect(found(lina)).toEqual(['key: API key']);
      expect(found({ kind: 'apiClient', apiKey: DEMO_API_KEY })).toHaveLength(3);
    });

    it('lets ADMIN, the person herself and the placement audience see what is theirs', () => {
      const onlyAlwaysForbidden = [
        'data.organisation.text: personal identity number',
        'data.organisation.hash: stored hash or secret',
      ];
      expect(rulesFor(reader('ADMIN').audience)).toEqual(onlyAlwaysForbidden);
      expect(rulesFor(reader('VOLUNTEER with protected').audience)).toEqual([
        'data.organisation.reference: case reference',
        ...onlyAlwaysForbidden,
      ]);
      expect(rulesFor(reader('SOCIAL_SERVICES').audience)).toEqual([
        'data.organisation.members[0].invitedEmail: e-mail address',
        'data.organisation.members[0].invitedEmail: protected name',
        'data.organisation.members[0].person.displayName: protected name',
        'data.organisation.members[0].person.note: protected name',
        ...onlyAlwaysForbidden,
      ]);
    });

    it('finds what the demo data would leak if it held it, through the real crawl and log check', async () => {
      const organisations = test.dataSource.getRepository(Organisation);
      const walkers = await organisations.findOneByOrFail({
        name: 'Nattvandrarna Kronogården',
        status: OrganisationStatus.VERIFIED,
      });
      await organisations.update(walkers.id, {
        description: `Fråga Sara (${sara().email}), 19811218-9876`,
      });
      try {
        const planting = new SchemaCrawler(
          {
            ...SETTINGS,
            schema: test.get(GraphQLSchemaHost).schema,
            now: test.clock.now(),
            only: ['organisations'],
          },
          checker,
        );
        const { leaks } = await planting.crawl(reader('anonymous'));
        expect(summarise(leaks).map((line) => line.replace(/ ×\d+$/, ''))).toEqual([
          'anonymous · organisations · data.organisations.edges[].node.description: e-mail address (sara@nattvandrarna.example)',
          `anonymous · organisations · data.organisations.edges[].node.description: personal identity number (19811218-9876)`,
          `anonymous · organisations · data.organisations.edges[].node.description: protected name (Sara (person ${sara().id}))`,
        ]);
      } finally {
        await organisations.update(walkers.id, { description: walkers.description });
      }
      const line = JSON.stringify({
        msg: 'request completed',
        req: { url: `/x?to=${sara().email}` },
      });
      expect(checkLogLine(checker, line, 'log').map((leak) => leak.rule)).toEqual([
        'e-mail address',
        'protected name',
      ]);
    });

    it("finds an ACTIVE membership that kept its invited address, as the organisation's ORG_ADMIN", async () => {
      // Issue 11 §3: the address stayed on the membership after the invitation was accepted.
      const lina = reader('VOLUNTEER lina').audience as Extract<Audience, { kind: 'person' }>;
      const memberships = test.dataSource.getRepository(Membership);
      const membership = await memberships.findOneByOrFail({
        personId: lina.personId,
        status: MembershipStatus.ACTIVE,
      });
      await memberships.update(membership.id, { invitedEmail: lina.email });
      try {
        const planting = new SchemaCrawler(
          {
            ...SETTINGS,
            schema: test.get(GraphQLSchemaHost).schema,
            now: test.clock.now(),
            only: ['me', 'organisation'],
          },
          checker,
        );
        const { leaks } = await planting.crawl(reader('ORG_ADMIN of a night-walk group'));
        expect(summarise(leaks).map((line) => line.replace(/ ×\d+$/, ''))).toEqual([
          `${reader('ORG_ADMIN of a night-walk group').label} · organisation · data.organisation.members[].invitedEmail: e-mail address (${lina.email})`,
        ]);
      } finally {
        await memberships.update(membership.id, { invitedEmail: membership.invitedEmail });
      }
    });

    it('splits a refused document into parts that together select everything, and cuts depth', () => {
      const leaf = (field: string): Selection => ({ field });
      const root: Selection = {
        field: 'me',
        children: [
          { field: '__typename', keep: true },
          { field: 'id', keep: true },
          leaf('displayName'),
          {
            field: 'memberships',
            children: [
              leaf('id'),
              { field: 'organisation', children: [leaf('name'), leaf('kind')] },
            ],
          },
        ],
      };
      const parts = splitSelection(root)!;
      const fields = (selection: Selection, prefix = ''): string[] => [
        `${prefix}${selection.field}`,
        ...(selection.children ?? []).flatMap((child) =>
          fields(child, `${prefix}${selection.field}.`),
        ),
      ];
      expect(parts).toHaveLength(2);
      expect(new Set(parts.flatMap((part) => fields(part)))).toEqual(new Set(fields(root)));
      for (const part of parts) expect(printDocument(part)).toContain('__typename id');
      expect(printDocument(trimDeepest(root)!)).toBe(
        'query SecurityCrawl { me { __typename id displayName memberships { id } } }',
      );
    });
  });
});

/** One line per reader, operation field, path pattern and rule (list indexes folded), sorted. */
function summarise(leaks: Leak[]): string[] {
  const counts = new Map<string, number>();
  for (const leak of leaks) {
    const key = formatLeak({
      ...leak,
      operation: leak.operation.replace(/\(.*$/s, ''),
      path: leak.path.replace(/\[\d+\]/g, '[]'),
    });
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => (count > 1 ? `${key} ×${count}` : key)).sort();
}

/** A log line is JSON: each value is checked on its own (an id is not a number someone wrote). */
function checkLogLine(checker: LeakChecker, line: string, where: string): Leak[] {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return checker.checkText('log', { kind: 'log' }, where, line);
  }
  return checker.check('log', { kind: 'log' }, where, entry);
}

/** The message and request of a log line, its tokens cut (the failure message is read by people). */
function describeLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: string; req?: { method?: string; url?: string } };
    const url = entry.req?.url?.replace(/[A-Za-z0-9_-]{20,}/g, '…');
    return `"${entry.msg ?? ''}"${url ? ` ${entry.req?.method} ${url}` : ''}`;
  } catch {
    return line.slice(0, 80);
  }
}
