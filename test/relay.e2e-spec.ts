import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrganisationKind } from '../src/modules/organisations';
import { TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');

/** Documents as a Relay app writes them: a paginated, refetchable schedule and a walk fragment. */
const SOURCES: Record<string, string> = {
  'Schedule.ts': `import { graphql } from 'relay-runtime';
export const ScheduleQuery = graphql\`
  query ScheduleQuery($districtId: ID!) {
    ...Schedule_query @arguments(districtId: $districtId)
  }
\`;
export const ScheduleFragment = graphql\`
  fragment Schedule_query on Query
  @refetchable(queryName: "ScheduleRefetchQuery")
  @argumentDefinitions(
    districtId: { type: "ID!" }
    count: { type: "Int", defaultValue: 2 }
    cursor: { type: "String" }
  ) {
    shifts(first: $count, after: $cursor, filter: { districtId: $districtId })
      @connection(key: "Schedule_shifts", filters: ["filter"]) {
      edges { node { id ...Walk_shift } }
    }
  }
\`;
`,
  'Walk.ts': `import { graphql } from 'relay-runtime';
export const WalkFragment = graphql\`
  fragment Walk_shift on Shift @refetchable(queryName: "WalkRefetchQuery") {
    id
    startsAt
    confirmedCount
    organisation { id name }
  }
\`;
export const LatestOrganisations = graphql\`
  query LatestOrganisationsQuery($count: Int!, $cursor: String) {
    organisations(last: $count, before: $cursor) @connection(key: "Latest_organisations") {
      edges { node { id name } }
    }
  }
\`;
`,
};

/** The operation text of a generated artifact (what the Relay app sends). */
function operationText(directory: string, name: string): string {
  const artifact = readFileSync(join(directory, `${name}.graphql.ts`), 'utf8');
  const text = /"text": ("(?:[^"\\]|\\.)*")/.exec(artifact)?.[1];
  if (!text) throw new Error(`${name} has no operation text`);
  return JSON.parse(text) as string;
}

/**
 * The real relay-compiler accepts schema.graphql with connections (`@connection`, forwards and
 * backwards) and refetchable fragments (`@refetchable`, through `node(id:)`), and what it
 * generates runs against the server.
 */
describe('relay-compiler against schema.graphql', () => {
  let work: string;
  let generated: string;
  let test: TestApp;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'samverkan-relay-'));
    generated = join(work, 'src', '__generated__');
    mkdirSync(generated, { recursive: true });
    for (const [file, source] of Object.entries(SOURCES)) {
      writeFileSync(join(work, 'src', file), source);
    }
    writeFileSync(
      join(work, 'relay.config.json'),
      JSON.stringify({
        src: './src',
        schema: join(ROOT, 'schema.graphql'),
        language: 'typescript',
        artifactDirectory: './src/__generated__',
      }),
    );
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('compiles the documents', () => {
    const output = execFileSync(join(ROOT, 'node_modules', '.bin', 'relay-compiler'), [], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(output).toContain('Compilation completed');
    for (const name of ['ScheduleQuery', 'ScheduleRefetchQuery', 'WalkRefetchQuery']) {
      expect(operationText(generated, name)).toContain('query');
    }
    expect(operationText(generated, 'WalkRefetchQuery')).toContain('node(id: $id)');
  });

  it('runs what it generated: the next page, a walk fetched again by id, the last organisations', async () => {
    const group = await test.factories.nightWalkGroup(0, {
      kind: OrganisationKind.NIGHT_WALK_GROUP,
    });
    await test.factories.organisation();
    const district = await test.factories.district();
    const walks = [];
    for (let day = 1; day <= 3; day += 1) {
      walks.push(
        await test.factories.shift(group, {
          districtId: district.id,
          startsAt: new Date(test.clock.now().getTime() + day * 24 * 3600_000),
        }),
      );
    }
    const first = await test.anonymous.ok(operationText(generated, 'ScheduleQuery'), {
      districtId: district.id,
    });
    expect(first.shifts.edges.map((edge: any) => edge.node.id)).toEqual([walks[0].id, walks[1].id]);
    expect(first.shifts.pageInfo).toMatchObject({ hasNextPage: true });
    const next = await test.anonymous.ok(operationText(generated, 'ScheduleRefetchQuery'), {
      districtId: district.id,
      count: 2,
      cursor: first.shifts.pageInfo.endCursor,
    });
    expect(next.shifts.edges.map((edge: any) => edge.node.id)).toEqual([walks[2].id]);

    const again = await test.anonymous.ok(operationText(generated, 'WalkRefetchQuery'), {
      id: walks[1].id,
    });
    expect(again.node).toMatchObject({
      __typename: 'Shift',
      id: walks[1].id,
      confirmedCount: 0,
      organisation: { id: group.organisation.id, name: group.organisation.name },
    });

    const latest = await test.anonymous.ok(operationText(generated, 'LatestOrganisationsQuery'), {
      count: 2,
    });
    expect(latest.organisations.edges).toHaveLength(2);
    // The two organisations there are, the last page backwards: nothing before it.
    expect(latest.organisations.pageInfo).toEqual({
      hasPreviousPage: false,
      startCursor: latest.organisations.edges[0].cursor,
    });
  });
});
