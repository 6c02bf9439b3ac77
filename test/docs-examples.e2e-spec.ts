import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DateTime, Duration } from 'luxon';
import { API_CLIENTS } from '../seeds/demo-data';
import { demoWalkFridays } from '../seeds/night-walks-seeder';
import { seedDemoData } from '../seeds/seeder';
import { docExamples, valueAt } from './support/doc-examples';
import type { Client, GraphQLResponse } from './support/graphql-client';
import { connect, follow } from './support/subscriptions';
import { TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');

/**
 * The files whose examples run here, each on a fresh demo database, in the order the file gives
 * them, as the people it names, answering as it says (see doc-examples.ts for the annotations).
 */
const RUNNABLE: [file: string, env: Record<string, string>][] = [
  ['README.md', {}],
  ['docs/guides/accounts-and-organisations.md', {}],
  ['docs/guides/night-walks.md', {}],
  ['docs/guides/shelters.md', {}],
  ['docs/guides/support-services.md', {}],
  ['docs/guides/bookings.md', {}],
  ['docs/guides/grants.md', {}],
  // Mail set up (to a server that is not there), as the guide's outbox needs.
  [
    'docs/guides/notifications.md',
    { SMTP_URL: 'smtp://127.0.0.1:1', MAIL_FROM: 'samverkan@localhost' },
  ],
];

it('covers every Markdown file that has a GraphQL example', () => {
  const withExamples: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(join(ROOT, directory), { withFileTypes: true })) {
      const path = `${directory}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (
        entry.name.endsWith('.md') &&
        readFileSync(join(ROOT, path), 'utf8').includes('```graphql')
      ) {
        withExamples.push(path);
      }
    }
  };
  for (const directory of ['docs', 'bench', 'examples']) walk(directory);
  if (readFileSync(join(ROOT, 'README.md'), 'utf8').includes('```graphql'))
    withExamples.push('README.md');
  expect(withExamples.sort()).toEqual(RUNNABLE.map(([file]) => file).sort());
});

describe.each(RUNNABLE)('the examples of %s', (file, env) => {
  let test: TestApp;
  const clients = new Map<string, Promise<Client>>();

  beforeAll(async () => {
    test = await TestApp.create({ env });
    await seedDemoData(test.app);
  });

  afterAll(async () => {
    await test.close();
  });

  function clientOf(who: string): Promise<Client> {
    if (who === 'anonymous') return Promise.resolve(test.anonymous);
    let client = clients.get(who);
    if (!client) {
      if (who.startsWith('new:')) {
        // A verified account the demo does not have, as a reader would register one.
        client = test.factories
          .signedIn({ email: who.slice(4), displayName: 'Ny Volontär' })
          .then((signedIn) => signedIn.client);
      } else if (who.startsWith('key:')) {
        const key = API_CLIENTS.find((candidate) => candidate.name.startsWith(who.slice(4)))?.key;
        if (!key) throw new Error(`No demo API client named ${who.slice(4)}`);
        client = Promise.resolve(test.client({ apiKey: key }));
      } else {
        client = test.factories.signInEmail(who).then((signedIn) => signedIn.client);
      }
      clients.set(who, client);
    }
    return client;
  }

  /**
   * Values of `$…` strings in an example's variables, relative to the demo's seeding: `$now`,
   * `$today` (its Stockholm midnight), `$firstWalkFriday` (midnight of the demo walks' first
   * Friday), `$firstWalkMonday`, `$nextTuesday` (midnight of the first Tuesday after today), each
   * optionally `+` an ISO 8601 duration (`$firstWalkFriday+P7DT20H30M`).
   */
  function token(value: unknown): unknown {
    if (typeof value !== 'string' || !value.startsWith('$')) return value;
    const [base, offset] = value.slice(1).split('+');
    const now = DateTime.fromJSDate(test.clock.now(), { zone: 'Europe/Stockholm' });
    const friday = DateTime.fromJSDate(demoWalkFridays(test.clock.now()).upcoming, {
      zone: 'Europe/Stockholm',
    }).startOf('day');
    const today = now.startOf('day');
    const bases: Record<string, DateTime> = {
      now,
      today,
      firstWalkFriday: friday,
      firstWalkMonday: friday.plus({ days: 3 }),
      nextTuesday: today.plus({ days: (2 - today.weekday + 7) % 7 || 7 }),
    };
    const instant = bases[base];
    if (!instant) throw new Error(`Unknown example token ${value}`);
    return (offset ? instant.plus(Duration.fromISO(offset)) : instant).toISO()!;
  }

  /** A subscription is taken over graphql-ws: it must be accepted (no error in a moment). */
  async function subscribe(who: string, query: string): Promise<GraphQLResponse> {
    const { credentials } = await clientOf(who);
    const socket = connect(test, {
      ...(credentials.token ? { Authorization: `Bearer ${credentials.token}` } : {}),
      ...(credentials.apiKey ? { 'X-Api-Key': credentials.apiKey } : {}),
    });
    const followed = follow(socket, query);
    await new Promise((resolve) => setTimeout(resolve, 300));
    followed.stop();
    await socket.dispose();
    const errors = [...followed.errors, ...followed.events.flatMap((event) => event.errors ?? [])];
    return {
      status: 200,
      data: undefined,
      headers: {},
      errors: errors.length > 0 ? (errors as GraphQLResponse['errors']) : undefined,
    };
  }

  it('runs every example as written, in order', async () => {
    const answers: Record<string, unknown> = {};
    const failures: string[] = [];
    const examples = docExamples(join(ROOT, file));
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const where = `${relative(ROOT, example.file)}:${example.line}`;
      if (example.unannotated || example.as.some((who) => who === '')) {
        failures.push(`${where}: says nobody to run it as (<!-- run: as=… -->)`);
        continue;
      }
      let filled = 0;
      for (const [index, operation] of example.operations.entries()) {
        const fillIn = (text: string) =>
          text.replace(/"…"/g, () => {
            const path = example.fill[filled++];
            const value = path === 'now' ? test.clock.now().toISOString() : valueAt(answers, path);
            if (value === undefined) failures.push(`${where}: nothing at ${path} to fill "…" with`);
            return JSON.stringify(String(value));
          });
        const body = example.curlBody
          ? (JSON.parse(fillIn(example.curlBody)) as {
              query: string;
              variables?: Record<string, unknown>;
            })
          : undefined;
        const query = body ? body.query : fillIn(operation);
        const variables = body
          ? body.variables
          : example.variables
            ? Object.fromEntries(Object.entries(example.variables).map(([k, v]) => [k, token(v)]))
            : undefined;
        const response = query.trimStart().startsWith('subscription')
          ? await subscribe(example.as[index], query)
          : await (await clientOf(example.as[index])).request(query, variables);
        const outcome = response.errors?.[0]?.extensions?.code ?? 'ok';
        if (outcome !== example.expect[index]) {
          failures.push(
            `${where} (operation ${index + 1}, as ${example.as[index]}): expected ` +
              `${example.expect[index]}, got ${outcome} ${JSON.stringify(response.errors ?? [])}`,
          );
        }
        Object.assign(answers, response.data ?? {});
      }
      for (const { path, value } of example.check) {
        const found = valueAt(answers, path);
        if (String(found) !== value)
          failures.push(`${where}: ${path} is ${String(found)}, not ${value}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
