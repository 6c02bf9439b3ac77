import { randomUUID } from 'node:crypto';
import { MAX_NODES } from '../src/modules/nodes';
import { OrganisationKind, OrganisationStatus } from '../src/modules/organisations';
import { SIGN_UP } from './support/documents';
import { codesOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;
const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on Shift { meetingPoint } } }`;

/** `node` and `nodes` (the per-type access rules are in the access matrix). */
describe('node(id:) and nodes(ids:)', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  it('answers each id in order: the object where its query would, null for anything else', async () => {
    const group = await test.factories.nightWalkGroup(1);
    const walk = await test.factories.shift(group);
    const pending = await test.factories.organisation({ status: OrganisationStatus.PENDING });
    const jour = await test.factories.organisation({ kind: OrganisationKind.WOMENS_SHELTER });
    const shelter = await test.factories.shelter(jour);
    const { signUpForShift } = await group.walkers[0].client.ok(SIGN_UP, {
      input: { shiftId: walk.id },
    });
    const ids = [
      walk.id,
      group.organisation.id,
      randomUUID(), // nothing has it
      'not an id',
      pending.organisation.id, // not verified: the public does not see it
      shelter.id, // shelters are for social services and their own organisation
      signUpForShift.id, // a signup is no Node
      walk.id, // again
    ];
    const { nodes } = await test.anonymous.ok(NODES, { ids });
    expect(nodes).toEqual([
      { __typename: 'Shift', id: walk.id },
      { __typename: 'Organisation', id: group.organisation.id },
      null,
      null,
      null,
      null,
      null,
      { __typename: 'Shift', id: walk.id },
    ]);
    const { nodes: asTheirAdmin } = await jour.admin.client.ok(NODES, {
      ids: [shelter.id, pending.organisation.id],
    });
    expect(asTheirAdmin).toEqual([{ __typename: 'Shelter', id: shelter.id }, null]);
  });

  it('answers one node with the fields of its type', async () => {
    const group = await test.factories.nightWalkGroup(0);
    const walk = await test.factories.shift(group, { meetingPoint: 'Torget' });
    expect((await test.anonymous.ok(NODE, { id: walk.id })).node).toEqual({
      __typename: 'Shift',
      id: walk.id,
      meetingPoint: 'Torget',
    });
    expect((await test.anonymous.ok(NODE, { id: randomUUID() })).node).toBeNull();
  });

  it(`refuses more than ${MAX_NODES} ids at once`, async () => {
    const ids = Array.from({ length: MAX_NODES + 1 }, () => randomUUID());
    expect(codesOf(await test.anonymous.request(NODES, { ids }))).toEqual(['BAD_USER_INPUT']);
    const { nodes } = await test.anonymous.ok(NODES, { ids: ids.slice(0, MAX_NODES) });
    expect(nodes).toEqual(Array.from({ length: MAX_NODES }, () => null));
  });

  it('finds the types of many ids in one statement', async () => {
    const group = await test.factories.nightWalkGroup(0);
    const district = await test.factories.district();
    const ids = [district.id, group.organisation.id, randomUUID(), randomUUID()];
    let answer: unknown;
    const statements = await test.countStatements(async () => {
      answer = await test.anonymous.ok(NODES, { ids });
    });
    expect(answer).toEqual({
      nodes: [
        { __typename: 'District', id: district.id },
        { __typename: 'Organisation', id: group.organisation.id },
        null,
        null,
      ],
    });
    // The lookup, then the district's and the organisation's own queries.
    expect(statements).toBeLessThanOrEqual(3);
  });
});
