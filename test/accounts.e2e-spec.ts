import { IsNull, Not } from 'typeorm';
import { MailMessage, Notification, NotificationKind } from '../src/modules/notifications';
import { Membership, OrganisationStatus } from '../src/modules/organisations';
import { PeopleService, Person } from '../src/modules/people';
import { SIGN_UP } from './support/documents';
import { organisationNumber } from './support/factories';
import { TestApp } from './support/test-app';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { email message } }`;
const VERIFY = `mutation($t: String!) { verifyEmail(input: { token: $t }) }`;
const INVITE = `mutation($input: InviteMemberInput!) {
  inviteMember(input: $input) { status role invitedEmail invitationExpiresAt person { id displayName } } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { status } }`;
const MY_MEMBERSHIPS = `{ me { emailVerified memberships { id status } } }`;
const PASSWORD = 'ett långt lösenord 4711';

/**
 * Proven addresses (issue: an invitation went to whoever registered the invited address first),
 * no way to learn who has an account or who is protected, and addresses only where they belong.
 */
describe('accounts: proven addresses, invitations and what they reveal', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(() => test.close());
  afterEach(() => test.clock.reset());

  const people = () => test.dataSource.getRepository(Person);

  /** Registers through the API (mail is off here: the link is in the log); returns the link's token. */
  async function register(email: string, displayName = 'Ny Person'): Promise<string | null> {
    const mark = test.logs.mark();
    const { register: answer } = await test.anonymous.ok(REGISTER, {
      input: { email, password: PASSWORD, displayName },
    });
    expect(answer.email).toBe(email.toLowerCase());
    return /verify-email\?token=([\w-]+)/.exec(test.logs.since(mark))?.[1] ?? null;
  }

  it('answers register the same for a new and a taken address, creating no second account', async () => {
    const taken = await test.factories.person();
    const fresh = `${test.factories.unique('ny')}@example.se`;
    const freshAnswer = await test.anonymous.request(REGISTER, {
      input: { email: fresh, password: PASSWORD, displayName: 'A' },
    });
    const takenAnswer = await test.anonymous.request(REGISTER, {
      input: { email: taken.email.toUpperCase(), password: PASSWORD, displayName: 'B' },
    });
    expect(takenAnswer.errors).toBeUndefined();
    expect(takenAnswer.data?.register.message).toBe(freshAnswer.data?.register.message);
    expect(await people().countBy({ email: taken.email })).toBe(1);
    expect((await people().findOneByOrFail({ email: taken.email })).displayName).toBe(
      taken.displayName,
    );
  });

  it('verifies an address with a single-use link that expires, and only for the address it went to', async () => {
    const email = `${test.factories.unique('verif')}@example.se`;
    const first = await register(email);
    expect(first).not.toBeNull();
    const person = await people().findOneByOrFail({ email });
    expect(person.emailVerifiedAt).toBeNull();
    const signedIn = await test.factories.signIn(person);
    expect((await signedIn.client.ok(MY_MEMBERSHIPS)).me.emailVerified).toBe(false);
    // A new link replaces the old one.
    const mark = test.logs.mark();
    await signedIn.client.ok(`mutation { requestEmailVerification }`);
    const second = /verify-email\?token=([\w-]+)/.exec(test.logs.since(mark))![1];
    expect(await test.anonymous.code(VERIFY, { t: first })).toBe('BAD_USER_INPUT');
    expect(await test.anonymous.code(VERIFY, { t: 'x'.repeat(43) })).toBe('BAD_USER_INPUT');
    // Opening the link only asks; the button verifies, once.
    const page = await fetch(`${test.baseUrl}/verify-email?token=${second}`);
    expect(await page.text()).toContain('<form method="post"');
    expect((await people().findOneByOrFail({ email })).emailVerifiedAt).toBeNull();
    const done = await fetch(`${test.baseUrl}/verify-email?token=${second}`, { method: 'POST' });
    expect(done.status).toBe(200);
    expect((await signedIn.client.ok(MY_MEMBERSHIPS)).me.emailVerified).toBe(true);
    expect(await test.anonymous.code(VERIFY, { t: second })).toBe('BAD_USER_INPUT');
    // An expired link does nothing.
    const other = `${test.factories.unique('sen')}@example.se`;
    const late = await register(other);
    test.clock.advance(25 * 3600_000);
    expect(await test.anonymous.code(VERIFY, { t: late })).toBe('BAD_USER_INPUT');
    expect((await people().findOneByOrFail({ email: other })).emailVerifiedAt).toBeNull();
  });

  it('gives a stranger who registers an invited address first nothing: no invitation, no membership', async () => {
    const shelter = await test.factories.organisation({ name: 'Kvinnojouren Test' });
    const invited = `${test.factories.unique('ny.samordnare')}@kvinnojouren.example`;
    const { inviteMember } = await shelter.admin.client.ok(INVITE, {
      input: { organisationId: shelter.organisation.id, email: invited, role: 'COORDINATOR' },
    });
    await register(invited, 'Inkräktare');
    const stranger = await test.factories.signIn(
      await people().findOneByOrFail({ email: invited }),
    );
    const mine = await stranger.client.ok(MY_MEMBERSHIPS);
    expect(mine.me.memberships).toEqual([]);
    const id = (
      await test.dataSource.getRepository(Membership).findOneByOrFail({ invitedEmail: invited })
    ).id;
    expect(await stranger.client.code(ACCEPT, { input: { membershipId: id } })).toBe('FORBIDDEN');
    // Nor can they start an organisation of their own (which would make them its ORG_ADMIN).
    expect(
      await stranger.client.code(
        `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`,
        {
          input: {
            name: 'Falsk förening',
            organisationNumber: organisationNumber(),
            description: 'Test',
            kind: 'VOLUNTARY_ASSOCIATION',
            districtIds: [],
          },
        },
      ),
    ).toBe('FORBIDDEN');
    expect(inviteMember.status).toBe('INVITED');
  });

  it('accepts an invitation with its code by a verified account of another address, and not after it expired', async () => {
    const owner = await test.factories.organisation();
    const invited = `${test.factories.unique('jobb')}@example.se`;
    const mark = test.logs.mark();
    const { inviteMember } = await owner.admin.client.ok(INVITE, {
      input: { organisationId: owner.organisation.id, email: invited, role: 'VOLUNTEER' },
    });
    expect(new Date(inviteMember.invitationExpiresAt).getTime()).toBeGreaterThan(
      test.clock.now().getTime() + 13 * 24 * 3600_000,
    );
    const link = /\/invitations\/([\w-]+)\?token=([\w-]+)/.exec(test.logs.since(mark))!;
    const [membershipId, token] = [link[1], link[2]];
    const private_ = await test.factories.signedIn();
    expect(
      await private_.client.code(ACCEPT, { input: { membershipId, token: `${token}x` } }),
    ).toBe('FORBIDDEN');
    expect(
      (await private_.client.ok(ACCEPT, { input: { membershipId, token } })).acceptInvitation
        .status,
    ).toBe('ACTIVE');
    const stored = await test.dataSource
      .getRepository(Membership)
      .findOneByOrFail({ id: membershipId });
    expect(stored).toMatchObject({ invitedEmail: null, invitationTokenHash: null });
    // Another invitation, left for fifteen days.
    const later = `${test.factories.unique('sent')}@example.se`;
    const invitee = await test.factories.signedIn({ email: later });
    await owner.admin.client.ok(INVITE, {
      input: { organisationId: owner.organisation.id, email: later, role: 'VOLUNTEER' },
    });
    test.clock.advance(15 * 24 * 3600_000);
    expect((await invitee.client.ok(MY_MEMBERSHIPS)).me.memberships).toEqual([]);
    const expired = await test.dataSource
      .getRepository(Membership)
      .findOneByOrFail({ invitedEmail: later });
    expect(await invitee.client.code(ACCEPT, { input: { membershipId: expired.id } })).toBe(
      'INVALID_STATE_TRANSITION',
    );
  });

  it('answers inviteMember the same for a protected person, another account and an unknown address', async () => {
    const owner = await test.factories.organisation();
    const hidden = await test.factories.person({ protectedIdentity: true, displayName: 'Dold' });
    const plain = await test.factories.person();
    const unknown = `${test.factories.unique('okand')}@example.se`;
    const answers = [];
    for (const email of [hidden.email, plain.email, unknown]) {
      const { inviteMember } = await owner.admin.client.ok(INVITE, {
        input: { organisationId: owner.organisation.id, email, role: 'VOLUNTEER' },
      });
      answers.push({ ...inviteMember, invitedEmail: undefined, invitationExpiresAt: undefined });
    }
    expect(answers[0]).toEqual({ status: 'INVITED', role: 'VOLUNTEER', person: null });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('lets no unverified organisation invite anyone', async () => {
    const pending = await test.factories.organisation({ status: OrganisationStatus.PENDING });
    expect(
      await pending.admin.client.code(INVITE, {
        input: {
          organisationId: pending.organisation.id,
          email: 'x@example.se',
          role: 'VOLUNTEER',
        },
      }),
    ).toBe('ORGANISATION_NOT_VERIFIED');
  });

  it("keeps no invited address on a membership once answered, and never shows a protected member's", async () => {
    const owner = await test.factories.organisation();
    const hidden = await test.factories.member(owner.organisation.id, owner.admin, undefined, {
      protectedIdentity: true,
    });
    const coordinator = await test.factories.member(
      owner.organisation.id,
      owner.admin,
      'COORDINATOR' as never,
    );
    const members = await coordinator.client.ok(
      `query($id: ID!) { organisation(id: $id) { members { invitedEmail person { id displayName } } } }`,
      { id: owner.organisation.id },
    );
    const row = members.organisation.members.find(
      (member: { person: { id: string } | null }) => member.person?.id === hidden.person.id,
    );
    expect(row).toEqual({
      invitedEmail: null,
      person: { id: hidden.person.id, displayName: 'Skyddad identitet' },
    });
    expect(JSON.stringify(members)).not.toContain(hidden.person.email);
  });

  it('gives officers an audit log without addresses or who is protected; ADMIN sees both', async () => {
    const owner = await test.factories.organisation();
    const email = `${test.factories.unique('granskad')}@example.se`;
    await owner.admin.client.ok(INVITE, {
      input: { organisationId: owner.organisation.id, email, role: 'VOLUNTEER' },
    });
    const person = await test.factories.signedIn();
    await person.client.ok(
      `mutation($input: SetProtectedIdentityInput!) { setProtectedIdentity(input: $input) { id } }`,
      { input: { personId: person.person.id, protectedIdentity: true } },
    );
    const LOG = `{ auditLog(first: 100) { edges { node { action entityId summary } } } }`;
    const officer = await test.factories.municipalOfficer();
    const seen = JSON.stringify((await officer.client.ok(LOG)).auditLog);
    expect(seen).not.toContain(email);
    expect(seen).not.toMatch(/[\w.-]+@[\w-]+\.\w+/);
    expect(seen).toContain('[address hidden]');
    expect(seen).not.toContain('person.protected_identity_changed');
    const admin = await test.factories.admin();
    const all = JSON.stringify((await admin.client.ok(LOG)).auditLog);
    expect(all).toContain(email);
    expect(all).toContain('person.protected_identity_changed');
  });

  it('takes the name of someone who turns protected identity on out of what was stored for others', async () => {
    const group = await test.factories.nightWalkGroup(0);
    const walker = await test.factories.member(group.organisation.id, group.admin, undefined, {
      displayName: 'Vendela Synlig',
    });
    const shift = await test.factories.shift(group);
    await walker.client.ok(SIGN_UP, { input: { shiftId: shift.id } });
    // A message whose text names her, to the coordinators (their copy) and to her.
    await group.coordinator.client.ok(
      `mutation($input: MessageShiftWalkersInput!) { messageShiftWalkers(input: $input) { walkers } }`,
      {
        input: {
          shiftId: shift.id,
          subject: 'Tack Vendela Synlig',
          body: 'Vendela Synlig leder i kväll.',
        },
      },
    );
    await test.get(PeopleService).setProtectedIdentity(walker.actor, {
      personId: walker.person.id,
      protectedIdentity: true,
    });
    const stored = await test.dataSource.getRepository(Notification).findBy({
      kind: NotificationKind.SHIFT_MESSAGE,
    });
    const toOthers = stored.filter(
      (n) => n.data.shiftId === shift.id && n.recipientPersonId !== walker.person.id,
    );
    expect(toOthers.length).toBeGreaterThan(0);
    for (const notice of toOthers) {
      expect(`${notice.subject} ${notice.body}`).not.toContain('Vendela Synlig');
      expect(notice.subject).toBe('Kopia: Tack Skyddad identitet');
    }
    const hers = stored.find(
      (n) => n.data.shiftId === shift.id && n.recipientPersonId === walker.person.id,
    )!;
    expect(hers.subject).toContain('Vendela Synlig');
  });

  it('creates staff accounts verified', async () => {
    const admin = await test.factories.admin();
    const email = `${test.factories.unique('personal')}@trollhattan.se`;
    await admin.client.ok(
      `mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { id } }`,
      {
        input: {
          email,
          displayName: 'Handläggare Ny',
          password: PASSWORD,
          systemRole: 'MUNICIPAL_OFFICER',
        },
      },
    );
    expect((await people().findOneByOrFail({ email })).emailVerifiedAt).not.toBeNull();
  });
});

describe('accounts with mail on', () => {
  it('mails the verification link, which verifies', async () => {
    const test = await TestApp.create({
      env: { SMTP_URL: 'smtp://127.0.0.1:1', MAIL_FROM: 'samverkan@example.se' },
    });
    try {
      const email = `${test.factories.unique('post')}@example.se`;
      await test.anonymous.ok(REGISTER, { input: { email, password: PASSWORD, displayName: 'P' } });
      const mail = await test.dataSource
        .getRepository(MailMessage)
        .findOneByOrFail({ toAddress: email, notificationId: IsNull(), kind: Not(IsNull()) });
      expect(mail.kind).toBe('EMAIL_VERIFICATION');
      expect(mail.unsubscribeGroup).toBeNull();
      const token = /verify-email\?token=([\w-]+)/.exec(mail.textBody)![1];
      expect((await test.anonymous.ok(VERIFY, { t: token })).verifyEmail).toBe(true);
      // An address that has an account gets a mail saying so, nothing else.
      await test.anonymous.ok(REGISTER, { input: { email, password: PASSWORD, displayName: 'Q' } });
      const kinds = (
        await test.dataSource.getRepository(MailMessage).findBy({ toAddress: email })
      ).map((row) => row.kind);
      expect(kinds.sort()).toEqual(['ACCOUNT_EXISTS', 'EMAIL_VERIFICATION']);
    } finally {
      await test.close();
    }
  });
});
