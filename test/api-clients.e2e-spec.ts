import { Query, Resolver } from '@nestjs/graphql';
import { ApiScope } from '../src/common/actor';
import { AllowApiScope } from '../src/common/decorators/access.decorators';
import { ApiClient } from '../src/modules/api-clients';
import { OrganisationStatus } from '../src/modules/organisations';
import { codesOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

/**
 * A probe operation that only this test app has: the foundation's own operations are public or for
 * people, so this shows how the global guard treats an operation open to one API scope.
 */
@Resolver()
class ScopeProbeResolver {
  @Query(() => String, { description: 'Probe: open to API keys with shelters:availability.' })
  @AllowApiScope(ApiScope.SHELTERS_AVAILABILITY)
  scopeProbe(): string {
    return 'ok';
  }
}

const CREATE = `mutation($input: CreateApiClientInput!) {
  createApiClient(input: $input) { apiKey apiClient { id name scopes keyPrefix owner { id } revokedAt } }
}`;
const REVOKE = `mutation($input: ApiClientIdInput!) { revokeApiClient(input: $input) { id revokedAt } }`;
const LIST = `query($filter: ApiClientFilter) { apiClients(filter: $filter) { totalCount edges { node { id name keyPrefix lastUsedAt } } } }`;

describe('API clients', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create({ imports: [ScopeProbeResolver] });
  });

  afterAll(async () => {
    await test.close();
  });

  it('ADMIN creates a key shown once; only its hash and prefix are stored; creation is audited', async () => {
    const admin = await test.factories.admin();
    const { createApiClient } = await admin.client.ok(CREATE, {
      input: { name: 'Trygghetskartan', scopes: ['DIRECTORY_READ', 'SHELTERS_AVAILABILITY'] },
    });
    const { apiKey, apiClient } = createApiClient;
    expect(apiKey).toMatch(/^sv_[0-9a-f]{8}_/);
    expect(apiKey.startsWith(apiClient.keyPrefix)).toBe(true);
    expect(apiClient).toMatchObject({
      scopes: ['DIRECTORY_READ', 'SHELTERS_AVAILABILITY'],
      owner: null,
      revokedAt: null,
    });
    const stored = await test.dataSource
      .getRepository(ApiClient)
      .findOneByOrFail({ id: apiClient.id });
    expect(JSON.stringify(stored)).not.toContain(apiKey.slice(12));
    const [entry] = await test.auditOf(apiClient.id);
    expect(entry).toMatchObject({ action: 'api_client.created', actorPersonId: admin.person.id });
    expect(JSON.stringify(entry.summary)).not.toContain(apiKey.slice(12));
  });

  describe('using a key', () => {
    it('reaches public operations and records when it was last used', async () => {
      const partner = await test.factories.apiClient([ApiScope.DIRECTORY_READ]);
      expect(
        (await partner.client.ok(`{ districts { totalCount } }`)).districts.totalCount,
      ).toBeGreaterThanOrEqual(0);
      const stored = await test.dataSource
        .getRepository(ApiClient)
        .findOneByOrFail({ id: partner.apiClient.id });
      expect(stored.lastUsedAt).not.toBeNull();
    });

    it('reaches an operation open to its scope, and is FORBIDDEN without that scope', async () => {
      const withScope = await test.factories.apiClient([ApiScope.SHELTERS_AVAILABILITY]);
      const withoutScope = await test.factories.apiClient([
        ApiScope.DIRECTORY_READ,
        ApiScope.STATISTICS_READ,
      ]);
      expect(await withScope.client.ok(`{ scopeProbe }`)).toEqual({ scopeProbe: 'ok' });
      expect(await withoutScope.client.code(`{ scopeProbe }`)).toBe('FORBIDDEN');
      expect(await test.anonymous.code(`{ scopeProbe }`)).toBe('UNAUTHENTICATED');
    });

    it('never reaches what is for people: me, mutations, the audit log', async () => {
      const partner = await test.factories.apiClient(Object.values(ApiScope));
      expect(await partner.client.code(`{ me { id } }`)).toBe('FORBIDDEN');
      expect(await partner.client.code(`{ auditLog { totalCount } }`)).toBe('FORBIDDEN');
      expect(
        await partner.client.code(`mutation { createDistrict(input: { name: "Nytt" }) { id } }`),
      ).toBe('FORBIDDEN');
    });

    it('is refused once revoked, and an unknown or malformed key is refused (UNAUTHENTICATED)', async () => {
      const admin = await test.factories.admin();
      const partner = await test.factories.apiClient([ApiScope.SHELTERS_AVAILABILITY]);
      await partner.client.ok(`{ scopeProbe }`);
      const { revokeApiClient } = await admin.client.ok(REVOKE, {
        input: { apiClientId: partner.apiClient.id },
      });
      expect(revokeApiClient.revokedAt).not.toBeNull();
      expect(await partner.client.code(`{ districts { totalCount } }`)).toBe('UNAUTHENTICATED');
      expect(
        await admin.client.code(REVOKE, { input: { apiClientId: partner.apiClient.id } }),
      ).toBe('INVALID_STATE_TRANSITION');
      const forged = partner.apiKey.slice(0, -2) + (partner.apiKey.endsWith('AA') ? 'BB' : 'AA');
      expect(await test.client({ apiKey: forged }).code(`{ districts { totalCount } }`)).toBe(
        'UNAUTHENTICATED',
      );
      expect(await test.client({ apiKey: 'hemligt' }).code(`{ districts { totalCount } }`)).toBe(
        'UNAUTHENTICATED',
      );
      const audit = await test.auditOf(partner.apiClient.id);
      expect(audit.map((entry) => entry.action)).toEqual([
        'api_client.created',
        'api_client.revoked',
      ]);
    });

    it('is refused together with a bearer token (one credential per request)', async () => {
      const partner = await test.factories.apiClient([]);
      const person = await test.factories.signedIn();
      const response = await test
        .client({ apiKey: partner.apiKey, token: person.token })
        .request(`{ me { id } }`);
      expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
    });
  });

  it('pages through keys created in the same second without repeating or skipping any', async () => {
    const { organisation } = await test.factories.organisation();
    const created = await Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        test.factories.apiClient([ApiScope.DIRECTORY_READ], organisation.id),
      ),
    );
    const admin = await test.factories.admin();
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const { apiClients }: { apiClients: any } = await admin.client.ok(
        `query($id: ID!, $after: String) { apiClients(first: 2, after: $after, filter: { ownerOrganisationId: $id }) {
          pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
        { id: organisation.id, after },
      );
      seen.push(...apiClients.edges.map((edge: any) => edge.node.id));
      if (!apiClients.pageInfo.hasNextPage) break;
      after = apiClients.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(created.map((client) => client.apiClient.id).sort());
  });

  describe('organisations managing their own keys', () => {
    it('an ORG_ADMIN creates, lists and revokes keys of a verified organisation, with self-service scopes', async () => {
      const { organisation, admin } = await test.factories.organisation();
      const { createApiClient } = await admin.client.ok(CREATE, {
        input: {
          name: 'Volontärappen',
          ownerOrganisationId: organisation.id,
          scopes: ['NIGHTWALKS_READ'],
        },
      });
      expect(createApiClient.apiClient.owner).toEqual({ id: organisation.id });
      const { apiClients } = await admin.client.ok(LIST, {
        filter: { ownerOrganisationId: organisation.id },
      });
      expect(apiClients.edges.map((edge: any) => edge.node.name)).toEqual(['Volontärappen']);
      await admin.client.ok(REVOKE, { input: { apiClientId: createApiClient.apiClient.id } });
    });

    it('refuses scopes beyond self-service to an ORG_ADMIN (FORBIDDEN)', async () => {
      const { organisation, admin } = await test.factories.organisation();
      const input = {
        name: 'Jourtavlan',
        ownerOrganisationId: organisation.id,
        scopes: ['SHELTERS_AVAILABILITY'],
      };
      expect(await admin.client.code(CREATE, { input })).toBe('FORBIDDEN');
    });

    it('refuses keys for an organisation that is not verified (ORGANISATION_NOT_VERIFIED)', async () => {
      const { organisation, admin } = await test.factories.organisation({
        status: OrganisationStatus.PENDING,
      });
      const input = {
        name: 'För tidigt',
        ownerOrganisationId: organisation.id,
        scopes: ['DIRECTORY_READ'],
      };
      expect(await admin.client.code(CREATE, { input })).toBe('ORGANISATION_NOT_VERIFIED');
    });

    it('refuses municipal keys and the full list to anyone but ADMIN', async () => {
      const { admin } = await test.factories.organisation();
      const officer = await test.factories.municipalOfficer();
      expect(
        await admin.client.code(CREATE, {
          input: { name: 'Kommunens', scopes: ['DIRECTORY_READ'] },
        }),
      ).toBe('FORBIDDEN');
      expect(await officer.client.code(LIST, {})).toBe('FORBIDDEN');
      expect(await admin.client.code(LIST, {})).toBe('FORBIDDEN');
      const platformAdmin = await test.factories.admin();
      expect((await platformAdmin.client.ok(LIST, {})).apiClients.totalCount).toBeGreaterThan(0);
    });

    it('refuses empty or repeated scopes with BAD_USER_INPUT', async () => {
      const platformAdmin = await test.factories.admin();
      expect(await platformAdmin.client.code(CREATE, { input: { name: 'Tom', scopes: [] } })).toBe(
        'BAD_USER_INPUT',
      );
      expect(
        await platformAdmin.client.code(CREATE, {
          input: { name: 'Dubbel', scopes: ['DIRECTORY_READ', 'DIRECTORY_READ'] },
        }),
      ).toBe('BAD_USER_INPUT');
    });
  });
});
