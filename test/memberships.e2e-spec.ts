import { Membership, MembershipRole, MembershipStatus } from '../src/modules/organisations';
import {
  ADD_CREDENTIAL,
  CREATE_API_CLIENT,
  REVOKE_API_CLIENT,
  VERIFY_CREDENTIAL,
} from './support/documents';
import { codesOf } from './support/graphql-client';
import { TestApp } from './support/test-app';
import { Person } from '../src/modules/people';

const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id status role invitedEmail person { id } } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { id status role person { id } organisation { id } } }`;
const DECLINE = `mutation($input: MembershipIdInput!) { declineInvitation(input: $input) { id status } }`;
const CHANGE_ROLE = `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id role } }`;
const REMOVE = `mutation($input: MembershipIdInput!) { removeMember(input: $input) { id status } }`;
const LEAVE = `mutation($input: LeaveOrganisationInput!) { leaveOrganisation(input: $input) { id status } }`;
const MEMBERS = `query($id: ID!, $status: [MembershipStatus!]) {
  organisation(id: $id) { members(status: $status) { id role status invitedEmail person { id displayName } } }
}`;
const MY_MEMBERSHIPS = `{ me { memberships { id role status organisation { id name } } } }`;

describe('memberships', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  const actionsFor = async (entityId: string) =>
    (await test.auditOf(entityId)).map((entry) => entry.action);

  describe('invitations', () => {
    it('invites someone with an account; they see it under me.memberships and accept it', async () => {
      const { organisation, admin } = await test.factories.organisation();
      const invitee = await test.factories.signedIn();
      const { inviteMember } = await admin.client.ok(INVITE, {
        input: {
          organisationId: organisation.id,
          email: invitee.person.email.toUpperCase(),
          role: 'COORDINATOR',
        },
      });
      // The answer names no one, whatever account the address has.
      expect(inviteMember).toMatchObject({ status: 'INVITED', role: 'COORDINATOR', person: null });
      const before = await invitee.client.ok(MY_MEMBERSHIPS);
      expect(before.me.memberships).toEqual([
        {
          id: inviteMember.id,
          role: 'COORDINATOR',
          status: 'INVITED',
          organisation: { id: organisation.id, name: organisation.name },
        },
      ]);
      const { acceptInvitation } = await invitee.client.ok(ACCEPT, {
        input: { membershipId: inviteMember.id },
      });
      expect(acceptInvitation).toMatchObject({
        status: 'ACTIVE',
        person: { id: invitee.person.id },
      });
      expect(await actionsFor(inviteMember.id)).toEqual([
        'membership.invited',
        'membership.accepted',
      ]);
    });

    it('keeps an invitation for an address without an account until someone signs up with it and verifies it', async () => {
      const { organisation, admin } = await test.factories.organisation();
      const email = `${test.factories.unique('ny-volontar')}@example.se`;
      const { inviteMember } = await admin.client.ok(INVITE, {
        input: { organisationId: organisation.id, email, role: 'VOLUNTEER' },
      });
      expect(inviteMember).toMatchObject({ status: 'INVITED', person: null, invitedEmail: email });
      const mark = test.logs.mark();
      await test.anonymous.ok(
        `mutation($input: RegisterInput!) { register(input: $input) { email message } }`,
        { input: { email, password: 'ett långt lösenord 4711', displayName: 'Ny volontär' } },
      );
      const person = await test.dataSource.getRepository(Person).findOneByOrFail({ email });
      const newcomer = await test.factories.signIn(person);
      // Not verified yet: no invitation to see or accept.
      expect((await newcomer.client.ok(MY_MEMBERSHIPS)).me.memberships).toEqual([]);
      expect(await newcomer.client.code(ACCEPT, { input: { membershipId: inviteMember.id } })).toBe(
        'FORBIDDEN',
      );
      const token = /verify-email\?token=([\w-]+)/.exec(test.logs.since(mark))![1];
      expect(
        (
          await test.anonymous.ok(`mutation($t: String!) { verifyEmail(input: { token: $t }) }`, {
            t: token,
          })
        ).verifyEmail,
      ).toBe(true);
      const { me } = await newcomer.client.ok(MY_MEMBERSHIPS);
      expect(me.memberships).toEqual([
        expect.objectContaining({ id: inviteMember.id, status: 'INVITED', role: 'VOLUNTEER' }),
      ]);
      expect(
        (await newcomer.client.ok(ACCEPT, { input: { membershipId: inviteMember.id } }))
          .acceptInvitation.status,
      ).toBe('ACTIVE');
    });

    it('can be declined by the invitee', async () => {
      const { organisation, admin } = await test.factories.organisation();
      const invitee = await test.factories.signedIn();
      const { inviteMember } = await admin.client.ok(INVITE, {
        input: { organisationId: organisation.id, email: invitee.person.email, role: 'VOLUNTEER' },
      });
      expect(
        (await invitee.client.ok(DECLINE, { input: { membershipId: inviteMember.id } }))
          .declineInvitation.status,
      ).toBe('LEFT');
      expect(await invitee.client.code(ACCEPT, { input: { membershipId: inviteMember.id } })).toBe(
        'INVALID_STATE_TRANSITION',
      );
      expect(await actionsFor(inviteMember.id)).toEqual([
        'membership.invited',
        'membership.declined',
      ]);
    });

    it('refuses to invite someone who is already a member or invited (CONFLICT)', async () => {
      const { organisation, admin } = await test.factories.organisation();
      const member = await test.factories.member(organisation.id, admin);
      const input = { organisationId: organisation.id, role: 'VOLUNTEER' };
      expect(
        await admin.client.code(INVITE, { input: { ...input, email: member.person.email } }),
      ).toBe('CONFLICT');
      const email = `${test.factories.unique('dubbel')}@example.se`;
      await admin.client.ok(INVITE, { input: { ...input, email } });
      expect(await admin.client.code(INVITE, { input: { ...input, email } })).toBe('CONFLICT');
    });

    it('lets nobody but the invitee accept an invitation', async () => {
      const { organisation, admin } = await test.factories.organisation();
      const invitee = await test.factories.signedIn();
      const intruder = await test.factories.signedIn();
      const { inviteMember } = await admin.client.ok(INVITE, {
        input: { organisationId: organisation.id, email: invitee.person.email, role: 'ORG_ADMIN' },
      });
      expect(await intruder.client.code(ACCEPT, { input: { membershipId: inviteMember.id } })).toBe(
        'FORBIDDEN',
      );
      expect(await admin.client.code(ACCEPT, { input: { membershipId: inviteMember.id } })).toBe(
        'FORBIDDEN',
      );
      const stored = await test.dataSource
        .getRepository(Membership)
        .findOneByOrFail({ id: inviteMember.id });
      expect(stored.status).toBe('INVITED');
    });

    it('is for the ORG_ADMIN only', async () => {
      const { organisation, admin } = await test.factories.organisation();
      const coordinator = await test.factories.member(
        organisation.id,
        admin,
        MembershipRole.COORDINATOR,
      );
      const volunteer = await test.factories.member(organisation.id, admin);
      const input = {
        input: { organisationId: organisation.id, email: 'x@example.se', role: 'VOLUNTEER' },
      };
      expect(await coordinator.client.code(INVITE, input)).toBe('FORBIDDEN');
      expect(await volunteer.client.code(INVITE, input)).toBe('FORBIDDEN');
    });
  });

  describe('members list', () => {
    it('shows managers invitations and addresses; volunteers only active members, without addresses', async () => {
      const { organisation, admin } = await test.factories.organisation();
      const volunteer = await test.factories.member(organisation.id, admin);
      const email = `${test.factories.unique('inbjuden')}@example.se`;
      await admin.client.ok(INVITE, {
        input: { organisationId: organisation.id, email, role: 'VOLUNTEER' },
      });
      const forAdmin = (await admin.client.ok(MEMBERS, { id: organisation.id })).organisation
        .members;
      expect(forAdmin.map((member: any) => [member.role, member.status])).toEqual([
        ['ORG_ADMIN', 'ACTIVE'],
        ['VOLUNTEER', 'ACTIVE'],
        ['VOLUNTEER', 'INVITED'],
      ]);
      expect(forAdmin[2].invitedEmail).toBe(email);
      // An explicit null status means the default.
      const withNull = (await admin.client.ok(MEMBERS, { id: organisation.id, status: null }))
        .organisation.members;
      expect(withNull).toEqual(forAdmin);
      const forVolunteer = (await volunteer.client.ok(MEMBERS, { id: organisation.id }))
        .organisation.members;
      expect(forVolunteer.map((member: any) => member.status)).toEqual(['ACTIVE', 'ACTIVE']);
      expect(
        forVolunteer.every(
          (member: any) => member.invitedEmail === null || member.person.id === volunteer.person.id,
        ),
      ).toBe(true);
    });
  });

  describe('roles, removal and leaving', () => {
    it('lets the ORG_ADMIN change roles and remove members, auditing both', async () => {
      const { organisation, admin } = await test.factories.organisation();
      const member = await test.factories.member(organisation.id, admin);
      expect(
        (
          await admin.client.ok(CHANGE_ROLE, {
            input: { membershipId: member.membership.id, role: 'COORDINATOR' },
          })
        ).changeMemberRole.role,
      ).toBe('COORDINATOR');
      expect(
        (await admin.client.ok(REMOVE, { input: { membershipId: member.membership.id } }))
          .removeMember.status,
      ).toBe('LEFT');
      expect(await actionsFor(member.membership.id)).toEqual([
        'membership.invited',
        'membership.accepted',
        'membership.role_changed',
        'membership.removed',
      ]);
      expect(await member.client.code(MEMBERS, { id: organisation.id })).toBe('FORBIDDEN');
    });

    it('refuses to demote, remove or let leave the last ORG_ADMIN (LAST_ORG_ADMIN)', async () => {
      const { organisation, admin } = await test.factories.organisation();
      const [ownMembership] = await test.dataSource
        .getRepository(Membership)
        .findBy({ organisationId: organisation.id, personId: admin.person.id });
      expect(
        await admin.client.code(CHANGE_ROLE, {
          input: { membershipId: ownMembership.id, role: 'VOLUNTEER' },
        }),
      ).toBe('LAST_ORG_ADMIN');
      expect(await admin.client.code(REMOVE, { input: { membershipId: ownMembership.id } })).toBe(
        'LAST_ORG_ADMIN',
      );
      expect(await admin.client.code(LEAVE, { input: { organisationId: organisation.id } })).toBe(
        'LAST_ORG_ADMIN',
      );
      const stored = await test.dataSource
        .getRepository(Membership)
        .findOneByOrFail({ id: ownMembership.id });
      expect(stored).toMatchObject({ role: 'ORG_ADMIN', status: 'ACTIVE' });
    });

    it('lets an ORG_ADMIN leave once another ORG_ADMIN remains', async () => {
      const { organisation, admin } = await test.factories.organisation();
      await test.factories.member(organisation.id, admin, MembershipRole.ORG_ADMIN);
      const { leaveOrganisation } = await admin.client.ok(LEAVE, {
        input: { organisationId: organisation.id },
      });
      expect(leaveOrganisation.status).toBe('LEFT');
      expect(await actionsFor(leaveOrganisation.id)).toEqual([
        'membership.created',
        'membership.left',
      ]);
    });

    it('keeps one ORG_ADMIN when two demote each other at the same moment', async () => {
      for (let round = 0; round < 5; round += 1) {
        const { organisation, admin } = await test.factories.organisation();
        const second = await test.factories.member(
          organisation.id,
          admin,
          MembershipRole.ORG_ADMIN,
        );
        const [first] = await test.dataSource
          .getRepository(Membership)
          .findBy({ organisationId: organisation.id, personId: admin.person.id });
        const responses = await Promise.all([
          admin.client.request(CHANGE_ROLE, {
            input: { membershipId: second.membership.id, role: 'VOLUNTEER' },
          }),
          second.client.request(CHANGE_ROLE, {
            input: { membershipId: first.id, role: 'VOLUNTEER' },
          }),
        ]);
        // One demotion wins; the other is refused: as LAST_ORG_ADMIN, or FORBIDDEN when the loser
        // had already been demoted by the time its own change ran.
        expect(responses.filter((response) => !response.errors)).toHaveLength(1);
        expect(['LAST_ORG_ADMIN', 'FORBIDDEN']).toContain(responses.flatMap(codesOf)[0]);
        const admins = await test.dataSource.getRepository(Membership).countBy({
          organisationId: organisation.id,
          role: MembershipRole.ORG_ADMIN,
          status: MembershipStatus.ACTIVE,
        });
        expect(admins).toBe(1);
      }
    });
  });

  describe('isolation between organisations', () => {
    it("refuses a member of organisation A everything about B's members, invitations, credentials and API clients", async () => {
      const a = await test.factories.organisation();
      const b = await test.factories.organisation();
      const bMember = await test.factories.member(b.organisation.id, b.admin);
      const { addCredential } = await bMember.client.ok(ADD_CREDENTIAL, {
        input: { organisationId: b.organisation.id, kind: 'FIRST_AID', validUntil: '2040-12-31' },
      });
      const bClient = await test.factories.apiClient([], b.organisation.id);
      const aAdmin = a.admin.client;

      expect(await aAdmin.code(MEMBERS, { id: b.organisation.id })).toBe('FORBIDDEN');
      expect(
        await aAdmin.code(INVITE, {
          input: { organisationId: b.organisation.id, email: 'x@example.se', role: 'VOLUNTEER' },
        }),
      ).toBe('FORBIDDEN');
      expect(await aAdmin.code(REMOVE, { input: { membershipId: bMember.membership.id } })).toBe(
        'FORBIDDEN',
      );
      expect(
        await aAdmin.code(CHANGE_ROLE, {
          input: { membershipId: bMember.membership.id, role: 'ORG_ADMIN' },
        }),
      ).toBe('FORBIDDEN');
      expect(
        await aAdmin.code(`query($id: ID!) { organisation(id: $id) { credentials { id } } }`, {
          id: b.organisation.id,
        }),
      ).toBe('FORBIDDEN');
      expect(
        await aAdmin.code(VERIFY_CREDENTIAL, { input: { credentialId: addCredential.id } }),
      ).toBe('FORBIDDEN');
      expect(
        await aAdmin.code(
          `query($filter: ApiClientFilter) { apiClients(filter: $filter) { totalCount } }`,
          {
            filter: { ownerOrganisationId: b.organisation.id },
          },
        ),
      ).toBe('FORBIDDEN');
      expect(
        await aAdmin.code(CREATE_API_CLIENT, {
          input: {
            name: 'Kapad',
            ownerOrganisationId: b.organisation.id,
            scopes: ['DIRECTORY_READ'],
          },
        }),
      ).toBe('FORBIDDEN');
      expect(
        await aAdmin.code(REVOKE_API_CLIENT, { input: { apiClientId: bClient.apiClient.id } }),
      ).toBe('FORBIDDEN');
    });
  });
});
