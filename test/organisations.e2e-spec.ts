import {
  MembershipRole,
  Organisation,
  OrganisationKind,
  OrganisationStatus,
} from '../src/modules/organisations';
import { organisationNumber, SignedIn } from './support/factories';
import { codesOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

const REGISTER = `mutation Register($input: RegisterOrganisationInput!) {
  registerOrganisation(input: $input) { id name organisationNumber kind status districts { id name } }
}`;
const VERIFY = `mutation($input: OrganisationDecisionInput!) { verifyOrganisation(input: $input) { id status verifiedAt } }`;
const REJECT = `mutation($input: OrganisationDecisionInput!) { rejectOrganisation(input: $input) { id status statusReason } }`;
const SUSPEND = `mutation($input: OrganisationDecisionInput!) { suspendOrganisation(input: $input) { id status statusReason } }`;
const ORGANISATION = `query($id: ID!) { organisation(id: $id) { id name status statusReason } }`;

describe('organisations', () => {
  let test: TestApp;
  let officer: SignedIn;

  beforeAll(async () => {
    test = await TestApp.create();
    officer = await test.factories.municipalOfficer();
  });

  afterAll(async () => {
    await test.close();
  });

  const countOrganisations = () => test.dataSource.getRepository(Organisation).count();

  describe('registration', () => {
    it('creates a PENDING organisation whose registrant is its ORG_ADMIN', async () => {
      const founder = await test.factories.signedIn();
      const district = await test.factories.district('Kronogården');
      const number = organisationNumber();
      const { registerOrganisation } = await founder.client.ok(REGISTER, {
        input: {
          name: 'Nattvandrarna Kronogården',
          organisationNumber: number.replace('-', ''),
          kind: 'NIGHT_WALK_GROUP',
          districtIds: [district.id],
        },
      });
      expect(registerOrganisation).toMatchObject({
        name: 'Nattvandrarna Kronogården',
        organisationNumber: number,
        kind: 'NIGHT_WALK_GROUP',
        status: 'PENDING',
        districts: [{ id: district.id, name: 'Kronogården' }],
      });
      const { me } = await founder.client.ok(
        `{ me { memberships { role status organisation { id } } } }`,
      );
      expect(me.memberships).toEqual([
        { role: 'ORG_ADMIN', status: 'ACTIVE', organisation: { id: registerOrganisation.id } },
      ]);
      const audit = await test.auditOf(registerOrganisation.id);
      expect(audit.map((entry) => entry.action)).toEqual(['organisation.registered']);
      expect(audit[0]).toMatchObject({
        actorPersonId: founder.person.id,
        entityType: 'Organisation',
      });
    });

    it.each([
      ['a wrong check digit', '802479-1634'],
      ['too few digits', '80247-9163'],
      ['letters', 'abcdef-ghij'],
    ])(
      'refuses an organisationsnummer with %s with BAD_USER_INPUT and stores nothing',
      async (_case, number) => {
        const founder = await test.factories.signedIn();
        const before = await countOrganisations();
        const response = await founder.client.request(REGISTER, {
          input: {
            name: 'Felaktig förening',
            organisationNumber: number,
            kind: 'OTHER',
            districtIds: [],
          },
        });
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
        expect(response.errors?.[0].extensions.details).toMatchObject({
          fields: { organisationNumber: expect.any(Array) },
        });
        expect(await countOrganisations()).toBe(before);
      },
    );

    it('refuses an organisationsnummer that is already registered, in any notation, with CONFLICT', async () => {
      const { organisation } = await test.factories.organisation();
      const founder = await test.factories.signedIn();
      const before = await countOrganisations();
      const code = await founder.client.code(REGISTER, {
        input: {
          name: 'Dubbletten',
          organisationNumber: organisation.organisationNumber.replace('-', ''),
          kind: 'OTHER',
          districtIds: [],
        },
      });
      expect(code).toBe('CONFLICT');
      expect(await countOrganisations()).toBe(before);
    });

    it('refuses unknown districts with BAD_USER_INPUT and stores nothing', async () => {
      const founder = await test.factories.signedIn();
      const before = await countOrganisations();
      const code = await founder.client.code(REGISTER, {
        input: {
          name: 'Okänd stadsdel',
          organisationNumber: organisationNumber(),
          kind: 'OTHER',
          districtIds: ['00000000-0000-4000-8000-000000000000'],
        },
      });
      expect(code).toBe('BAD_USER_INPUT');
      expect(await countOrganisations()).toBe(before);
    });

    it('needs a signed-in person', async () => {
      const input = {
        name: 'Anonym',
        organisationNumber: organisationNumber(),
        kind: 'OTHER',
        districtIds: [],
      };
      expect(await test.anonymous.code(REGISTER, { input })).toBe('UNAUTHENTICATED');
      const partner = await test.factories.apiClient([]);
      expect(await partner.client.code(REGISTER, { input })).toBe('FORBIDDEN');
    });
  });

  describe('directory and visibility', () => {
    let verified: Organisation;
    let pending: Organisation;
    let pendingAdmin: SignedIn;
    let district: { id: string };

    beforeAll(async () => {
      district = await test.factories.district('Sylte');
      ({ organisation: verified } = await test.factories.organisation({
        name: 'Katalog Verifierad',
        kind: OrganisationKind.EU_MIGRANT_SUPPORT,
        districtIds: [district.id],
      }));
      ({ organisation: pending, admin: pendingAdmin } = await test.factories.organisation({
        name: 'Katalog Väntande',
        status: OrganisationStatus.PENDING,
        districtIds: [district.id],
      }));
    });

    const DIRECTORY = `query($filter: OrganisationFilter) { organisations(first: 100, filter: $filter) { totalCount edges { node { name status } } } }`;

    it('shows anonymous callers and partner apps only VERIFIED organisations', async () => {
      const { organisations } = await test.anonymous.ok(DIRECTORY, {
        filter: { search: 'Katalog' },
      });
      expect(organisations.edges.map((edge: any) => edge.node.name)).toEqual([
        'Katalog Verifierad',
      ]);
      const PUBLIC_FIELDS = `query($id: ID!) { organisation(id: $id) { id name status districts { name } } }`;
      expect(await test.anonymous.code(PUBLIC_FIELDS, { id: pending.id })).toBe('NOT_FOUND');
      const { organisation } = await test.anonymous.ok(PUBLIC_FIELDS, { id: verified.id });
      expect(organisation).toMatchObject({
        name: 'Katalog Verifierad',
        districts: [{ name: 'Sylte' }],
      });
      const partner = await test.factories.apiClient([]);
      expect((await partner.client.ok(PUBLIC_FIELDS, { id: verified.id })).organisation.name).toBe(
        'Katalog Verifierad',
      );
    });

    it('runs the guard on field resolvers too: a non-public field is refused, the rest answered', async () => {
      const response = await test.anonymous.request(ORGANISATION, { id: verified.id });
      expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
      expect(response.errors?.[0].path).toEqual(['organisation', 'statusReason']);
      expect((response.data as any).organisation).toMatchObject({
        name: 'Katalog Verifierad',
        statusReason: null,
      });
    });

    it('filters by kind, district and name', async () => {
      const byKind = await test.anonymous.ok(DIRECTORY, {
        filter: { kind: 'EU_MIGRANT_SUPPORT', search: 'Katalog' },
      });
      expect(byKind.organisations.totalCount).toBe(1);
      const byDistrict = await test.anonymous.ok(DIRECTORY, {
        filter: { districtId: district.id },
      });
      expect(byDistrict.organisations.edges.map((edge: any) => edge.node.name)).toEqual([
        'Katalog Verifierad',
      ]);
      const none = await test.anonymous.ok(DIRECTORY, {
        filter: { kind: 'FAITH_BASED', search: 'Katalog' },
      });
      expect(none.organisations.totalCount).toBe(0);
    });

    it('shows a PENDING organisation to its members and to officers, not to others', async () => {
      expect(
        (await pendingAdmin.client.ok(ORGANISATION, { id: pending.id })).organisation.status,
      ).toBe('PENDING');
      expect((await officer.client.ok(ORGANISATION, { id: pending.id })).organisation.status).toBe(
        'PENDING',
      );
      const stranger = await test.factories.signedIn();
      expect(await stranger.client.code(ORGANISATION, { id: pending.id })).toBe('NOT_FOUND');
    });

    it('lets officers list by status; others asking for another status get FORBIDDEN', async () => {
      const { organisations } = await officer.client.ok(DIRECTORY, {
        filter: { status: 'PENDING', search: 'Katalog' },
      });
      expect(organisations.edges.map((edge: any) => edge.node.name)).toEqual(['Katalog Väntande']);
      expect(await pendingAdmin.client.code(DIRECTORY, { filter: { status: 'PENDING' } })).toBe(
        'FORBIDDEN',
      );
      expect(await test.anonymous.code(DIRECTORY, { filter: { status: 'PENDING' } })).toBe(
        'FORBIDDEN',
      );
    });

    it('answers NOT_FOUND for an id that does not exist', async () => {
      expect(
        await test.anonymous.code(ORGANISATION, { id: '00000000-0000-4000-8000-000000000000' }),
      ).toBe('NOT_FOUND');
    });
  });

  describe('verification', () => {
    it('moves PENDING → VERIFIED → SUSPENDED → VERIFIED, auditing each step with who, before and after', async () => {
      const { organisation } = await test.factories.organisation({
        status: OrganisationStatus.PENDING,
      });
      const verified = await officer.client.ok(VERIFY, {
        input: { organisationId: organisation.id },
      });
      expect(verified.verifyOrganisation.status).toBe('VERIFIED');
      expect(verified.verifyOrganisation.verifiedAt).not.toBeNull();
      const suspended = await officer.client.ok(SUSPEND, {
        input: { organisationId: organisation.id, reason: 'Redovisning saknas' },
      });
      expect(suspended.suspendOrganisation).toMatchObject({
        status: 'SUSPENDED',
        statusReason: 'Redovisning saknas',
      });
      await officer.client.ok(VERIFY, {
        input: { organisationId: organisation.id, reason: 'Redovisning inkommen' },
      });
      const audit = (await test.auditOf(organisation.id)).filter(
        (entry) => entry.action !== 'organisation.registered',
      );
      expect(audit.map((entry) => [entry.action, entry.actorPersonId, entry.summary])).toEqual([
        [
          'organisation.verified',
          officer.person.id,
          { before: { status: 'PENDING' }, after: { status: 'VERIFIED' } },
        ],
        [
          'organisation.suspended',
          officer.person.id,
          {
            before: { status: 'VERIFIED' },
            after: { status: 'SUSPENDED' },
            reason: 'Redovisning saknas',
          },
        ],
        [
          'organisation.verified',
          officer.person.id,
          {
            before: { status: 'SUSPENDED' },
            after: { status: 'VERIFIED' },
            reason: 'Redovisning inkommen',
          },
        ],
      ]);
    });

    it('rejects a PENDING organisation with a reason its members and officers can read', async () => {
      const { organisation, admin } = await test.factories.organisation({
        status: OrganisationStatus.PENDING,
      });
      await officer.client.ok(REJECT, {
        input: { organisationId: organisation.id, reason: 'Inte en förening' },
      });
      expect(
        (await admin.client.ok(ORGANISATION, { id: organisation.id })).organisation,
      ).toMatchObject({
        status: 'REJECTED',
        statusReason: 'Inte en förening',
      });
    });

    it.each([
      ['reject', REJECT],
      ['suspend', SUSPEND],
    ])(
      'refuses to %s without a reason (BAD_USER_INPUT), changing nothing',
      async (_action, mutation) => {
        const { organisation } = await test.factories.organisation();
        expect(
          await officer.client.code(mutation, {
            input: { organisationId: organisation.id, reason: '  ' },
          }),
        ).toBe('BAD_USER_INPUT');
        const stored = await test.dataSource
          .getRepository(Organisation)
          .findOneByOrFail({ id: organisation.id });
        expect(stored.status).toBe('VERIFIED');
      },
    );

    it.each([
      ['verify a VERIFIED organisation', OrganisationStatus.VERIFIED, VERIFY],
      ['suspend a PENDING organisation', OrganisationStatus.PENDING, SUSPEND],
      ['reject a VERIFIED organisation', OrganisationStatus.VERIFIED, REJECT],
      ['verify a REJECTED organisation', OrganisationStatus.REJECTED, VERIFY],
      ['reject a SUSPENDED organisation', OrganisationStatus.SUSPENDED, REJECT],
    ])('refuses to %s with INVALID_STATE_TRANSITION', async (_case, status, mutation) => {
      const { organisation } = await test.factories.organisation({ status });
      const code = await officer.client.code(mutation, {
        input: { organisationId: organisation.id, reason: 'x' },
      });
      expect(code).toBe('INVALID_STATE_TRANSITION');
      const stored = await test.dataSource
        .getRepository(Organisation)
        .findOneByOrFail({ id: organisation.id });
      expect(stored.status).toBe(status);
    });

    it('is for municipal officers (and ADMIN) only', async () => {
      const { organisation, admin } = await test.factories.organisation({
        status: OrganisationStatus.PENDING,
      });
      const socialServices = await test.factories.socialServices();
      const input = { input: { organisationId: organisation.id } };
      expect(await admin.client.code(VERIFY, input)).toBe('FORBIDDEN');
      expect(await socialServices.client.code(VERIFY, input)).toBe('FORBIDDEN');
      expect(await test.anonymous.code(VERIFY, input)).toBe('UNAUTHENTICATED');
      const platformAdmin = await test.factories.admin();
      expect((await platformAdmin.client.ok(VERIFY, input)).verifyOrganisation.status).toBe(
        'VERIFIED',
      );
    });

    it('refuses an officer who is a member of the organisation (CONFLICT_OF_INTEREST)', async () => {
      const memberOfficer = await test.factories.municipalOfficer();
      const { organisation } = await test.factories.organisation({
        status: OrganisationStatus.PENDING,
        admin: memberOfficer,
      });
      expect(
        await memberOfficer.client.code(VERIFY, { input: { organisationId: organisation.id } }),
      ).toBe('CONFLICT_OF_INTEREST');
    });

    it('decides once when two officers act at the same moment', async () => {
      const { organisation } = await test.factories.organisation({
        status: OrganisationStatus.PENDING,
      });
      const second = await test.factories.municipalOfficer();
      const responses = await Promise.all([
        officer.client.request(VERIFY, { input: { organisationId: organisation.id } }),
        second.client.request(REJECT, {
          input: { organisationId: organisation.id, reason: 'Nej' },
        }),
      ]);
      const codes = responses.flatMap(codesOf);
      expect(codes).toEqual(['INVALID_STATE_TRANSITION']);
      const decisions = (await test.auditOf(organisation.id)).filter(
        (entry) => entry.action !== 'organisation.registered',
      );
      expect(decisions).toHaveLength(1);
    });
  });

  describe('updates', () => {
    const UPDATE = `mutation($input: UpdateOrganisationInput!) {
      updateOrganisation(input: $input) { id name description publicContact districts { name } }
    }`;

    it('lets the ORG_ADMIN change public details and districts, auditing the change', async () => {
      const { organisation, admin } = await test.factories.organisation({ name: 'Gamla namnet' });
      const lextorp = await test.factories.district('Lextorp');
      const { updateOrganisation } = await admin.client.ok(UPDATE, {
        input: {
          organisationId: organisation.id,
          name: 'Nya namnet',
          publicContact: 'kontakt@example.se',
          districtIds: [lextorp.id],
        },
      });
      expect(updateOrganisation).toMatchObject({
        name: 'Nya namnet',
        publicContact: 'kontakt@example.se',
        districts: [{ name: 'Lextorp' }],
      });
      const entry = (await test.auditOf(organisation.id)).find(
        (row) => row.action === 'organisation.updated',
      );
      expect(entry?.summary).toEqual({
        before: { name: 'Gamla namnet', publicContact: null, districtIds: [] },
        after: {
          name: 'Nya namnet',
          publicContact: 'kontakt@example.se',
          districtIds: [lextorp.id],
        },
      });
    });

    it('is refused for coordinators, volunteers and other organisations', async () => {
      const { organisation, admin } = await test.factories.organisation();
      const coordinator = await test.factories.member(
        organisation.id,
        admin,
        MembershipRole.COORDINATOR,
      );
      const other = await test.factories.organisation();
      const input = { input: { organisationId: organisation.id, name: 'Kapad' } };
      expect(await coordinator.client.code(UPDATE, input)).toBe('FORBIDDEN');
      expect(await other.admin.client.code(UPDATE, input)).toBe('FORBIDDEN');
    });
  });
});
