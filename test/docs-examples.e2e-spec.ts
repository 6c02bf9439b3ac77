import { join, relative } from 'node:path';
import { API_CLIENTS } from '../seeds/demo-data';
import { seedDemoData } from '../seeds/seeder';
import { Person } from '../src/modules/people';
import { docExamples, valueAt } from './support/doc-examples';
import type { Client } from './support/graphql-client';
import { TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');

/**
 * The files whose examples run here, each on a fresh demo database, in the order the file gives
 * them, as the people it names, answering as it says (see doc-examples.ts for the annotations).
 */
const RUNNABLE = ['README.md', 'docs/guides/support-services.md', 'docs/guides/shelters.md'];

describe.each(RUNNABLE)('the examples of %s', (file) => {
  let test: TestApp;
  const clients = new Map<string, Promise<Client>>();

  beforeAll(async () => {
    test = await TestApp.create();
    await seedDemoData(test.app);
  });

  afterAll(async () => {
    await test.close();
  });

  function clientOf(who: string): Promise<Client> {
    if (who === 'anonymous') return Promise.resolve(test.anonymous);
    let client = clients.get(who);
    if (!client) {
      if (who.startsWith('key:')) {
        const key = API_CLIENTS.find((candidate) => candidate.name.startsWith(who.slice(4)))?.key;
        if (!key) throw new Error(`No demo API client named ${who.slice(4)}`);
        client = Promise.resolve(test.client({ apiKey: key }));
      } else {
        client = test.dataSource
          .getRepository(Person)
          .findOneBy({ email: who })
          .then(async (person) => {
            if (!person) throw new Error(`No demo login ${who}`);
            return (await test.factories.signIn(person)).client;
          });
      }
      clients.set(who, client);
    }
    return client;
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
        const query = operation.replace(/"…"/g, () => {
          const path = example.fill[filled++];
          const value = path === 'now' ? test.clock.now().toISOString() : valueAt(answers, path);
          if (value === undefined) failures.push(`${where}: nothing at ${path} to fill "…" with`);
          return JSON.stringify(String(value));
        });
        const client = await clientOf(example.as[index]);
        const response = await client.request(query, example.variables);
        const outcome = response.errors?.[0]?.extensions?.code ?? 'ok';
        if (outcome !== example.expect[index]) {
          failures.push(
            `${where} (operation ${index + 1}, as ${example.as[index]}): expected ` +
              `${example.expect[index]}, got ${outcome} ${JSON.stringify(response.errors ?? [])}`,
          );
        }
        Object.assign(answers, response.data ?? {});
      }
    }
    expect(failures).toEqual([]);
  });
});
