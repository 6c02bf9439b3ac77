import { ApiScope } from '../src/common/actor';
import { SIGN_UP } from './support/documents';
import type { GraphQLErrorShape } from './support/graphql-client';
import { TestApp } from './support/test-app';

/**
 * Field resolvers check the access their method declares (`@Public()`, `@AllowApiScope`, else a
 * signed-in person) themselves, not through Nest's guard (see src/graphql/field-resolvers.ts):
 * the same refusals, on fields with arguments (kept in Nest's wrapper) and without (called
 * directly).
 */
describe('access to fields', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  const SHIFT = `query($id: ID!) { shift(id: $id) {
    id organisation { id } district { id } availablePlaces
    signups(status: [CONFIRMED]) { id person { id displayName } }
    report { id }
  } }`;

  const errorsByPath = (errors: GraphQLErrorShape[] = []) =>
    Object.fromEntries(errors.map((error) => [error.path?.join('.'), error.extensions.code]));

  async function walkWithWalker() {
    const group = await test.factories.nightWalkGroup(1);
    const shift = await test.factories.shift(group);
    await group.walkers[0].client.ok(SIGN_UP, { input: { shiftId: shift.id } });
    return { group, shift };
  }

  it('answers public fields to anyone and the others UNAUTHENTICATED to anonymous callers', async () => {
    const { shift } = await walkWithWalker();
    const response = await test.anonymous.request(SHIFT, { id: shift.id });
    expect(response.data?.shift).toMatchObject({
      id: shift.id,
      organisation: { id: shift.organisationId },
      district: { id: shift.districtId },
      availablePlaces: 5,
      signups: null,
      report: null,
    });
    // `signups` takes arguments, `report` none: both refused the same way.
    expect(errorsByPath(response.errors)).toEqual({
      'shift.signups': 'UNAUTHENTICATED',
      'shift.report': 'UNAUTHENTICATED',
    });
  });

  it('refuses an API key the fields its scopes do not name, with FORBIDDEN', async () => {
    const { shift } = await walkWithWalker();
    const { client } = await test.factories.apiClient([ApiScope.NIGHTWALKS_READ]);
    const response = await client.request(SHIFT, { id: shift.id });
    expect(response.data?.shift).toMatchObject({
      id: shift.id,
      organisation: { id: shift.organisationId },
    });
    expect(errorsByPath(response.errors)).toEqual({
      'shift.signups': 'FORBIDDEN',
      'shift.report': 'FORBIDDEN',
    });
    expect(response.errors?.[0].message).toBe("This API key's scopes do not allow this");
  });

  it('lets a signed-in walker reach the fields behind the sign-in, down to the walkers’ names', async () => {
    const { group, shift } = await walkWithWalker();
    const [walker] = group.walkers;
    const response = await walker.client.request(SHIFT, { id: shift.id });
    expect(response.data?.shift.signups).toEqual([
      {
        id: expect.any(String),
        person: { id: walker.person.id, displayName: walker.person.displayName },
      },
    ]);
    // The report is the service's own rule (members and officers): not yet submitted.
    expect(response.data?.shift.report).toBeNull();
    expect(response.errors).toBeUndefined();
  });

  it('answers an API key a field that names its scope', async () => {
    const owner = await test.factories.organisation();
    await test.factories.shelter(owner, { free: 2 });
    const { client } = await test.factories.apiClient([ApiScope.SHELTERS_AVAILABILITY]);
    const without = await test.factories.apiClient([ApiScope.DIRECTORY_READ]);
    const query = `{ shelterAvailability { organisation { id } } }`;
    const allowed = await client.request(query);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data?.shelterAvailability.length).toBeGreaterThan(0);
    expect(await without.client.code(query)).toBe('FORBIDDEN');
  });
});
