import { SystemRole } from '../src/common/actor';
import { MembershipRole } from '../src/modules/organisations';
import { Person, PROTECTED_IDENTITY_NAME } from '../src/modules/people';
import { TEST_PASSWORD } from './support/factories';
import { TestApp } from './support/test-app';

const MEMBERS = `query($id: ID!) {
  organisation(id: $id) { members { person { id displayName email phone protectedIdentity } } }
}`;
const ME = `{ me { id displayName email phone systemRole protectedIdentity locale } }`;
const CREATE_STAFF = `mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { id email systemRole } }`;
const PROTECT = `mutation($input: SetProtectedIdentityInput!) { setProtectedIdentity(input: $input) { id protectedIdentity } }`;

describe('people', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  describe('protected identity (skyddad identitet)', () => {
    it('shows the name only to ADMIN and the person; everyone else sees "Skyddad identitet"', async () => {
      const { organisation, admin } = await test.factories.organisation();
      const hidden = await test.factories.member(organisation.id, admin, MembershipRole.VOLUNTEER, {
        displayName: 'Anna Andersson',
        protectedIdentity: true,
      });
      const colleague = await test.factories.member(organisation.id, admin);
      const platformAdmin = await test.factories.admin();

      const nameSeenBy = async (client: typeof admin.client) => {
        const { organisation: seen } = await client.ok(MEMBERS, { id: organisation.id });
        return seen.members.find((member: any) => member.person.id === hidden.person.id).person;
      };
      expect(await nameSeenBy(colleague.client)).toEqual({
        id: hidden.person.id,
        displayName: PROTECTED_IDENTITY_NAME,
        email: null,
        phone: null,
        protectedIdentity: null,
      });
      expect((await nameSeenBy(admin.client)).displayName).toBe(PROTECTED_IDENTITY_NAME);
      expect(await nameSeenBy(hidden.client)).toMatchObject({
        displayName: 'Anna Andersson',
        protectedIdentity: true,
      });
      expect(await nameSeenBy(platformAdmin.client)).toMatchObject({
        displayName: 'Anna Andersson',
        email: hidden.person.email,
      });
    });

    it('hides the name in the audit log from officers too', async () => {
      const protectedAdmin = await test.factories.signedIn({
        displayName: 'Bertil Berg',
        protectedIdentity: true,
      });
      const { organisation } = await test.factories.organisation({ admin: protectedAdmin });
      const officer = await test.factories.municipalOfficer();
      const { auditLog } = await officer.client.ok(
        `query($id: ID!) { auditLog(filter: { entityId: $id }) { edges { node { action actor { displayName } } } } }`,
        { id: organisation.id },
      );
      const registered = auditLog.edges.find(
        (edge: any) => edge.node.action === 'organisation.registered',
      );
      expect(registered.node.actor.displayName).toBe(PROTECTED_IDENTITY_NAME);
    });

    it('can be turned on by the person and by ADMIN, not by others; changes are audited', async () => {
      const person = await test.factories.signedIn();
      const other = await test.factories.signedIn();
      const platformAdmin = await test.factories.admin();
      const input = { personId: person.person.id, protectedIdentity: true };
      expect(await other.client.code(PROTECT, { input })).toBe('FORBIDDEN');
      await person.client.ok(PROTECT, { input });
      await platformAdmin.client.ok(PROTECT, { input: { ...input, protectedIdentity: false } });
      const entries = await test.auditOf(person.person.id);
      expect(entries.map((entry) => [entry.action, entry.actorPersonId, entry.summary])).toEqual([
        [
          'person.protected_identity_changed',
          person.person.id,
          { before: { protectedIdentity: false }, after: { protectedIdentity: true } },
        ],
        [
          'person.protected_identity_changed',
          platformAdmin.person.id,
          { before: { protectedIdentity: true }, after: { protectedIdentity: false } },
        ],
      ]);
    });
  });

  describe('me and profile', () => {
    it('shows a person their own private fields', async () => {
      const person = await test.factories.signedIn({ displayName: 'Cecilia' });
      expect((await person.client.ok(ME)).me).toEqual({
        id: person.person.id,
        displayName: 'Cecilia',
        email: person.person.email,
        phone: null,
        systemRole: null,
        protectedIdentity: false,
        locale: 'sv',
      });
    });

    it('lets a person change their name, phone and language, and refuses a bad phone number', async () => {
      const person = await test.factories.signedIn();
      const UPDATE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName phone locale } }`;
      expect(
        (
          await person.client.ok(UPDATE, {
            input: { displayName: 'Dagny', phone: '+46 70 123 45 67', locale: 'en' },
          })
        ).updateProfile,
      ).toEqual({ displayName: 'Dagny', phone: '+46 70 123 45 67', locale: 'en' });
      expect(await person.client.code(UPDATE, { input: { phone: 'ring mig' } })).toBe(
        'BAD_USER_INPUT',
      );
      expect(
        (await person.client.ok(UPDATE, { input: { phone: '' } })).updateProfile.phone,
      ).toBeNull();
    });

    it('has no "me" for partner apps', async () => {
      const partner = await test.factories.apiClient([]);
      expect(await partner.client.code(ME)).toBe('FORBIDDEN');
    });
  });

  describe('staff accounts', () => {
    it('are created by ADMIN, can sign in, and the creation is audited', async () => {
      const platformAdmin = await test.factories.admin();
      const email = `${test.factories.unique('handlaggare')}@trollhattan.se`;
      const { createStaffAccount } = await platformAdmin.client.ok(CREATE_STAFF, {
        input: {
          email,
          displayName: 'Handläggare',
          systemRole: 'MUNICIPAL_OFFICER',
          password: TEST_PASSWORD,
        },
      });
      expect(createStaffAccount).toMatchObject({ email, systemRole: 'MUNICIPAL_OFFICER' });
      // The password works; an officer goes on to set up a second factor before any session.
      const { login } = await test.anonymous.ok(
        `mutation($input: LoginInput!) { login(input: $input) { person { id } twoFactorChallenge { next } } }`,
        { input: { email, password: TEST_PASSWORD } },
      );
      expect(login).toEqual({ person: null, twoFactorChallenge: { next: 'SETUP' } });
      const [entry] = await test.auditOf(createStaffAccount.id);
      expect(entry).toMatchObject({
        action: 'person.staff_account_created',
        actorPersonId: platformAdmin.person.id,
        summary: { after: { systemRole: 'MUNICIPAL_OFFICER' } },
      });
    });

    it.each([SystemRole.MUNICIPAL_OFFICER, SystemRole.SOCIAL_SERVICES, null])(
      'cannot be created by a person with system role %p (FORBIDDEN), and nothing is stored',
      async (systemRole) => {
        const caller = await test.factories.signedIn({ systemRole });
        const people = test.dataSource.getRepository(Person);
        const before = await people.count();
        const input = {
          email: `${test.factories.unique('obehorig')}@example.se`,
          displayName: 'X',
          systemRole: 'ADMIN',
          password: TEST_PASSWORD,
        };
        expect(await caller.client.code(CREATE_STAFF, { input })).toBe('FORBIDDEN');
        expect(await people.count()).toBe(before);
      },
    );
  });
});
