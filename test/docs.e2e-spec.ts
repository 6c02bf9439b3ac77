import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Kind, parse, specifiedRules, validate } from 'graphql';
import { TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');

/** README.md and every Markdown file under docs/, bench/ and examples/. */
function documents(): string[] {
  const found = [join(ROOT, 'README.md')];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory)) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.md')) found.push(path);
    }
  };
  walk(join(ROOT, 'docs'));
  walk(join(ROOT, 'bench'));
  walk(join(ROOT, 'examples'));
  return found;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/** The documentation explains the project by itself and its examples fit the schema. */
describe('the documentation', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  it('has a domain, an architecture, decisions and a guide per module', () => {
    for (const file of [
      'docs/README.md',
      'docs/domain.md',
      'docs/api.md',
      'docs/configuration.md',
      'docs/architecture.md',
      'docs/decisions/README.md',
      'docs/guides/night-walks.md',
      'docs/guides/shelters.md',
      'docs/guides/support-services.md',
      'docs/guides/bookings.md',
      'docs/guides/grants.md',
      'docs/guides/notifications.md',
      'docs/guides/accounts-and-organisations.md',
    ]) {
      expect(existsSync(join(ROOT, file))).toBe(true);
    }
    expect(readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8')).toContain('```mermaid');
    // The README is a front door, not the manual.
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(
      260,
    );
  });

  it('documents every setting of the environment in docs/configuration.md', () => {
    const settings = [
      ...readFileSync(join(ROOT, 'src', 'config', 'environment.ts'), 'utf8').matchAll(
        /^ {2}([A-Z][A-Z0-9_]+)[?!]?(?: =|:)/gm,
      ),
    ].map(([, name]) => name);
    expect(settings.length).toBeGreaterThan(20);
    const configuration = readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8');
    expect(settings.filter((name) => !configuration.includes(`\`${name}\``))).toEqual([]);
  });

  it('points nowhere outside the repository and every relative link resolves', () => {
    const broken: string[] = [];
    for (const file of documents()) {
      const text = readFileSync(file, 'utf8');
      const name = relative(ROOT, file);
      if (/\.\.\/shared|DOMAIN\.md|STYLE\.md/.test(text)) broken.push(`${name}: names ../shared`);
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:)/.test(target)) continue;
        const [path, anchor] = target.split('#');
        const resolved = path ? join(dirname(file), path) : file;
        if (!existsSync(resolved)) {
          broken.push(`${name}: ${target}`);
          continue;
        }
        if (anchor && resolved.endsWith('.md')) {
          const headings = [...readFileSync(resolved, 'utf8').matchAll(/^#+ (.+)$/gm)].map(
            ([, heading]) => anchorOf(heading),
          );
          if (!headings.includes(anchor)) broken.push(`${name}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('has only GraphQL examples that are valid against the schema', () => {
    const { schema } = test.get(GraphQLSchemaHost);
    const invalid: string[] = [];
    let examples = 0;
    for (const file of documents()) {
      const text = readFileSync(file, 'utf8');
      for (const [, block] of text.matchAll(/```graphql\n([\s\S]*?)```/g)) {
        examples += 1;
        try {
          // A block may hold several operations in the order a reader sends them, one at a time.
          const { definitions } = parse(block);
          const fragments = definitions.filter((node) => node.kind === Kind.FRAGMENT_DEFINITION);
          for (const operation of definitions.filter(
            (node) => node.kind === Kind.OPERATION_DEFINITION,
          )) {
            const document = {
              kind: Kind.DOCUMENT,
              definitions: [operation, ...fragments],
            } as const;
            const errors = validate(schema, document, specifiedRules);
            if (errors.length > 0) {
              invalid.push(`${relative(ROOT, file)}: ${errors.map((e) => e.message).join('; ')}`);
            }
          }
        } catch (error) {
          invalid.push(`${relative(ROOT, file)}: ${(error as Error).message}`);
        }
      }
    }
    expect(examples).toBeGreaterThanOrEqual(30);
    expect(invalid).toEqual([]);
  });
});
