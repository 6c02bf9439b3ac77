import { DateTime } from 'luxon';
import { Credential } from '../src/modules/credentials';
import { MembershipRole } from '../src/modules/organisations';
import { TestApp } from './support/test-app';

const ADD = `mutation($input: AddCredentialInput!) {
  addCredential(input: $input) { id kind validUntil verified verifiedAt person { id } organisation { id } }
}`;
const VERIFY = `mutation($input: VerifyCredentialInput!) { verifyCredential(input: $input) { id verified } }`;

describe('credentials', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  const nextYear = () => DateTime.now().setZone('Europe/Stockholm').plus({ years: 1 }).toISODate();

  it('a member records their own credential; it waits for an ORG_ADMIN, who verifies it', async () => {
    const { organisation, admin } = await test.factories.organisation();
    const volunteer = await test.factories.member(organisation.id, admin);
    const { addCredential } = await volunteer.client.ok(ADD, {
      input: {
        organisationId: organisation.id,
        kind: 'POLICE_RECORD_CHECK',
        validUntil: nextYear(),
      },
    });
    expect(addCredential).toMatchObject({
      kind: 'POLICE_RECORD_CHECK',
      validUntil: nextYear(),
      verified: false,
      verifiedAt: null,
      person: { id: volunteer.person.id },
    });
    expect(
      (await admin.client.ok(VERIFY, { input: { credentialId: addCredential.id } }))
        .verifyCredential.verified,
    ).toBe(true);
    expect(await admin.client.code(VERIFY, { input: { credentialId: addCredential.id } })).toBe(
      'INVALID_STATE_TRANSITION',
    );
    const actions = (await test.auditOf(addCredential.id)).map((entry) => [
      entry.action,
      entry.actorPersonId,
    ]);
    expect(actions).toEqual([
      ['credential.added', volunteer.person.id],
      ['credential.verified', admin.person.id],
    ]);
  });

  it('an ORG_ADMIN recording a member’s credential verifies it at once', async () => {
    const { organisation, admin } = await test.factories.organisation();
    const volunteer = await test.factories.member(organisation.id, admin);
    const { addCredential } = await admin.client.ok(ADD, {
      input: {
        organisationId: organisation.id,
        personId: volunteer.person.id,
        kind: 'FIRST_AID',
        validUntil: nextYear(),
      },
    });
    expect(addCredential).toMatchObject({ verified: true, person: { id: volunteer.person.id } });
  });

  it('nobody verifies their own credential, not even an ORG_ADMIN', async () => {
    const { organisation, admin } = await test.factories.organisation();
    const { addCredential } = await admin.client.ok(ADD, {
      input: {
        organisationId: organisation.id,
        kind: 'NIGHT_WALK_TRAINING',
        validUntil: nextYear(),
      },
    });
    expect(addCredential.verified).toBe(false);
    expect(await admin.client.code(VERIFY, { input: { credentialId: addCredential.id } })).toBe(
      'FORBIDDEN',
    );
    const second = await test.factories.member(organisation.id, admin, MembershipRole.ORG_ADMIN);
    expect(
      (await second.client.ok(VERIFY, { input: { credentialId: addCredential.id } }))
        .verifyCredential.verified,
    ).toBe(true);
  });

  it('refuses an already expired date with BAD_USER_INPUT, storing nothing', async () => {
    const { organisation, admin } = await test.factories.organisation();
    const before = await test.dataSource.getRepository(Credential).count();
    const yesterday = DateTime.now().setZone('Europe/Stockholm').minus({ days: 1 }).toISODate();
    expect(
      await admin.client.code(ADD, {
        input: { organisationId: organisation.id, kind: 'FIRST_AID', validUntil: yesterday },
      }),
    ).toBe('BAD_USER_INPUT');
    expect(
      await admin.client.code(ADD, {
        input: { organisationId: organisation.id, kind: 'FIRST_AID', validUntil: '2027-02-30' },
      }),
    ).toBe('BAD_USER_INPUT');
    expect(await test.dataSource.getRepository(Credential).count()).toBe(before);
  });

  it('is refused to non-members, and coordinators cannot record for others', async () => {
    const { organisation, admin } = await test.factories.organisation();
    const coordinator = await test.factories.member(
      organisation.id,
      admin,
      MembershipRole.COORDINATOR,
    );
    const volunteer = await test.factories.member(organisation.id, admin);
    const outsider = await test.factories.signedIn();
    const input = { organisationId: organisation.id, kind: 'FIRST_AID', validUntil: nextYear() };
    expect(await outsider.client.code(ADD, { input })).toBe('FORBIDDEN');
    expect(
      await coordinator.client.code(ADD, { input: { ...input, personId: volunteer.person.id } }),
    ).toBe('FORBIDDEN');
    expect(
      await admin.client.code(ADD, { input: { ...input, personId: outsider.person.id } }),
    ).toBe('BAD_USER_INPUT');
  });

  it("are visible to the person and to the organisation's managers, not to other volunteers", async () => {
    const { organisation, admin } = await test.factories.organisation();
    const volunteer = await test.factories.member(organisation.id, admin);
    const colleague = await test.factories.member(organisation.id, admin);
    await volunteer.client.ok(ADD, {
      input: { organisationId: organisation.id, kind: 'FIRST_AID', validUntil: nextYear() },
    });
    const mine = await volunteer.client.ok(`{ me { credentials { kind verified } } }`);
    expect(mine.me.credentials).toEqual([{ kind: 'FIRST_AID', verified: false }]);
    const ORG_CREDENTIALS = `query($id: ID!, $personId: ID) { organisation(id: $id) { credentials(personId: $personId) { kind person { id } } } }`;
    const forAdmin = await admin.client.ok(ORG_CREDENTIALS, {
      id: organisation.id,
      personId: volunteer.person.id,
    });
    expect(forAdmin.organisation.credentials).toEqual([
      { kind: 'FIRST_AID', person: { id: volunteer.person.id } },
    ]);
    expect(await colleague.client.code(ORG_CREDENTIALS, { id: organisation.id })).toBe('FORBIDDEN');
  });
});
