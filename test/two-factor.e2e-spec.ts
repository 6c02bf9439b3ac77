import { generateSync } from 'otplib';
import { ApiScope, SystemRole } from '../src/common/actor';
import { createUser } from '../src/cli/user-create';
import { DEMO_TOTP_SECRET } from '../seeds/demo-data';
import { EmailVerification, TwoFactor, TwoFactorService } from '../src/modules/auth';
import { MailMessage } from '../src/modules/notifications';
import { Person } from '../src/modules/people';
import { SignedIn, TEST_PASSWORD } from './support/factories';
import { Client, codesOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { email } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) {
  accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt person { id }
  twoFactorChallenge { challenge expiresAt next } } }`;
const COMPLETE = `mutation($input: CompleteTwoFactorLoginInput!) {
  completeTwoFactorLogin(input: $input) { accessToken refreshToken person { id email } } }`;
const START = `mutation($input: StartTwoFactorSetupInput) {
  startTwoFactorSetup(input: $input) { secret otpauthUrl } }`;
const CONFIRM = `mutation($input: ConfirmTwoFactorInput!) { confirmTwoFactor(input: $input) {
  recoveryCodes session { accessToken refreshToken person { id systemRole } } } }`;
const DISABLE = `mutation($input: DisableTwoFactorInput!) {
  disableTwoFactor(input: $input) { id twoFactor { enabled } } }`;
const REFRESH = `mutation($input: RefreshTokenInput!) {
  refreshToken(input: $input) { accessToken refreshToken person { id } } }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { id } }`;
const CREATE_STAFF = `mutation($input: CreateStaffAccountInput!) {
  createStaffAccount(input: $input) { id } }`;
const ME = `{ me { id systemRole twoFactor { enabled required recoveryCodesLeft } } }`;

const STEP_MS = 30_000;

/**
 * Passwords (strength, everywhere one is set) and two-factor sign-in (TOTP with recovery codes;
 * required for ADMIN, MUNICIPAL_OFFICER and SOCIAL_SERVICES). Codes are made with otplib from the
 * secret, at the app's clock; the clock is moved to the start of a fresh 30-second step where a
 * test depends on which step a code belongs to.
 */
describe('passwords and two-factor sign-in', () => {
  let test: TestApp;

  beforeAll(async () => {
    // Debug logs with SQL, so the last test could find a secret that reached any log line.
    test = await TestApp.create({ env: { LOG_LEVEL: 'debug', LOG_SQL: 'true' } });
  });

  afterAll(() => test.close());
  afterEach(() => test.clock.reset());

  const people = () => test.dataSource.getRepository(Person);

  /** The code an authenticator app with this secret shows at the app's time (plus `offsetMs`). */
  const codeFor = (secret: string, offsetMs = 0) =>
    generateSync({ secret, epoch: Math.floor((test.clock.now().getTime() + offsetMs) / 1000) });

  /** Moves the app's clock to one second into a time step at least two steps ahead. */
  const freshStep = () => {
    const step = Math.floor(test.clock.now().getTime() / STEP_MS) + 2;
    test.clock.set(new Date(step * STEP_MS + 1000));
  };

  const login = async (email: string, password = TEST_PASSWORD) =>
    (await test.anonymous.ok(LOGIN, { input: { email, password } })).login;

  /** Signs in up to the second step; the challenge. */
  const challengeOf = async (person: Person, next = 'CODE'): Promise<string> => {
    const answer = await login(person.email);
    expect(answer).toMatchObject({ accessToken: null, person: null, twoFactorChallenge: { next } });
    return answer.twoFactorChallenge.challenge;
  };

  /** Turns two-factor sign-in on for a signed-in person; the secret and recovery codes. */
  async function enable(client: Client): Promise<{ secret: string; recoveryCodes: string[] }> {
    const { startTwoFactorSetup } = await client.ok(START);
    const { confirmTwoFactor } = await client.ok(CONFIRM, {
      input: { code: codeFor(startTwoFactorSetup.secret) },
    });
    return { secret: startTwoFactorSetup.secret, recoveryCodes: confirmTwoFactor.recoveryCodes };
  }

  const complete = (input: Record<string, unknown>) => test.anonymous.request(COMPLETE, { input });

  describe('password strength', () => {
    const WEAK = ['1234567890', 'password123', 'qwertyuiop', 'sommar2024!', 'Trollhättan1'];

    it('refuses weak passwords at register with BAD_USER_INPUT on `password`, storing and mailing nothing, whether or not the address has an account', async () => {
      const taken = await test.factories.person();
      const fresh = `${test.factories.unique('svag')}@example.se`;
      const before = {
        people: await people().count(),
        mails: await test.dataSource.getRepository(MailMessage).count(),
        links: await test.dataSource.getRepository(EmailVerification).count(),
      };
      const attempts = [
        ...WEAK.map((password) => ({ email: fresh, password, displayName: 'Ny' })),
        ...WEAK.map((password) => ({ email: taken.email, password, displayName: 'Ny' })),
        { email: fresh, password: fresh, displayName: 'Ny' },
        { email: fresh, password: fresh.split('@')[0], displayName: 'Ny' },
        { email: fresh, password: 'Karin Nattvandrare', displayName: 'Karin Nattvandrare' },
      ];
      for (const input of attempts) {
        const response = await test.anonymous.request(REGISTER, { input });
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
        expect(response.errors?.[0].extensions.details).toEqual({
          fields: { password: [expect.stringMatching(/too easy to guess/)] },
        });
      }
      expect({
        people: await people().count(),
        mails: await test.dataSource.getRepository(MailMessage).count(),
        links: await test.dataSource.getRepository(EmailVerification).count(),
      }).toEqual(before);
      // A strong passphrase is accepted (control).
      await test.anonymous.ok(REGISTER, {
        input: { email: fresh, password: 'tre gröna cyklar i regnet', displayName: 'Ny' },
      });
      expect(await people().countBy({ email: fresh })).toBe(1);
    });

    it('refuses a weak new password at changePassword with BAD_USER_INPUT on `newPassword`, keeping the old one', async () => {
      const me = await test.factories.signedIn();
      for (const newPassword of [...WEAK, me.person.email, me.person.displayName]) {
        const response = await me.client.request(CHANGE_PASSWORD, {
          input: { currentPassword: TEST_PASSWORD, newPassword },
        });
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
        expect(response.errors?.[0].extensions.details).toEqual({
          fields: { newPassword: [expect.any(String)] },
        });
      }
      expect((await people().findOneByOrFail({ id: me.person.id })).passwordHash).toBe(
        me.person.passwordHash,
      );
      expect((await login(me.person.email)).accessToken).toEqual(expect.any(String));
      await me.client.ok(CHANGE_PASSWORD, {
        input: { currentPassword: TEST_PASSWORD, newPassword: 'tre gröna cyklar i regnet' },
      });
    });

    it('refuses a weak password at createStaffAccount with BAD_USER_INPUT on `password`, creating nobody', async () => {
      const admin = await test.factories.admin();
      const email = `${test.factories.unique('handlaggare')}@trollhattan.se`;
      for (const password of [...WEAK, email]) {
        const response = await admin.client.request(CREATE_STAFF, {
          input: {
            email,
            displayName: 'Ny Handläggare',
            systemRole: 'MUNICIPAL_OFFICER',
            password,
          },
        });
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
        expect(response.errors?.[0].extensions.details).toEqual({
          fields: { password: [expect.any(String)] },
        });
      }
      expect(await people().countBy({ email })).toBe(0);
      await admin.client.ok(CREATE_STAFF, {
        input: {
          email,
          displayName: 'Ny Handläggare',
          systemRole: 'MUNICIPAL_OFFICER',
          password: 'tre gröna cyklar i regnet',
        },
      });
    });

    it('user:create refuses a weak --password saying why; its generated one passes, and the ADMIN sets up two-factor at first sign-in', async () => {
      const email = `${test.factories.unique('cli')}@trollhattan.se`;
      await expect(createUser(test.app, { email, password: 'password123' })).rejects.toThrow(
        /^--password is refused: This password would be too easy to guess\. This is a commonly used password/,
      );
      expect(await people().countBy({ email })).toBe(0);
      const { person, password } = await createUser(test.app, { email, role: 'ADMIN' });
      const answer = await login(person.email, password);
      expect(answer.accessToken).toBeNull();
      expect(answer.twoFactorChallenge.next).toBe('SETUP');
    });
  });

  describe('two-factor sign-in of a volunteer', () => {
    it('is off until confirmed with a code; then login gives no tokens but a challenge, and the right code gives the session', async () => {
      const me = await test.factories.signedIn();
      expect((await me.client.ok(ME)).me.twoFactor).toEqual({
        enabled: false,
        required: false,
        recoveryCodesLeft: 0,
      });
      const { startTwoFactorSetup: setup } = await me.client.ok(START);
      expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(setup.otpauthUrl).toBe(
        `otpauth://totp/Samverkan%20Trollh%C3%A4ttan:${encodeURIComponent(me.person.email)}` +
          `?secret=${setup.secret}&issuer=Samverkan%20Trollh%C3%A4ttan`,
      );
      // Not yet confirmed: sign-in is unchanged.
      expect((await login(me.person.email)).accessToken).toEqual(expect.any(String));
      expect(
        await me.client.code(CONFIRM, { input: { code: codeFor(setup.secret, 5 * STEP_MS) } }),
      ).toBe('UNAUTHENTICATED');
      const { confirmTwoFactor } = await me.client.ok(CONFIRM, {
        input: { code: codeFor(setup.secret) },
      });
      expect(confirmTwoFactor.session).toBeNull();
      expect(confirmTwoFactor.recoveryCodes).toHaveLength(10);
      expect(new Set(confirmTwoFactor.recoveryCodes).size).toBe(10);
      const { me: after } = await me.client.ok(ME);
      expect(after.twoFactor).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 });
      expect(JSON.stringify(after)).not.toContain(setup.secret);

      freshStep();
      const answer = await login(me.person.email);
      expect(answer).toEqual({
        accessToken: null,
        accessTokenExpiresAt: null,
        refreshToken: null,
        refreshTokenExpiresAt: null,
        person: null,
        twoFactorChallenge: {
          challenge: expect.any(String),
          expiresAt: expect.any(String),
          next: 'CODE',
        },
      });
      const { challenge, expiresAt } = answer.twoFactorChallenge;
      expect(new Date(expiresAt).getTime() - test.clock.now().getTime()).toBeLessThanOrEqual(
        5 * 60_000,
      );
      // The challenge is no credential.
      expect(await test.client({ token: challenge }).code(ME)).toBe('UNAUTHENTICATED');
      expect(
        codesOf(await complete({ challenge, code: codeFor(setup.secret, 4 * STEP_MS) })),
      ).toEqual(['UNAUTHENTICATED']);
      const done = await complete({ challenge, code: codeFor(setup.secret) });
      expect(done.errors).toBeUndefined();
      const session = done.data!.completeTwoFactorLogin;
      expect(session.person).toEqual({ id: me.person.id, email: me.person.email });
      expect((await test.client({ token: session.accessToken }).ok(ME)).me.id).toBe(me.person.id);
      // The challenge gave its session: it works no more, not even with a recovery code.
      expect(
        codesOf(await complete({ challenge, recoveryCode: confirmTwoFactor.recoveryCodes[0] })),
      ).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a code of a time step already used, and of an earlier one', async () => {
      freshStep();
      const me = await test.factories.signedIn();
      const { secret } = await enable(me.client);
      // The confirmation used this step's code.
      const reused = await complete({
        challenge: await challengeOf(me.person),
        code: codeFor(secret),
      });
      expect(codesOf(reused)).toEqual(['UNAUTHENTICATED']);

      test.clock.advance(STEP_MS);
      const current = codeFor(secret);
      const first = await complete({ challenge: await challengeOf(me.person), code: current });
      expect(first.errors).toBeUndefined();
      // The same code again, and the previous step's (still within the tolerance of one step).
      const again = await challengeOf(me.person);
      expect(codesOf(await complete({ challenge: again, code: current }))).toEqual([
        'UNAUTHENTICATED',
      ]);
      expect(
        codesOf(await complete({ challenge: again, code: codeFor(secret, -STEP_MS) })),
      ).toEqual(['UNAUTHENTICATED']);
    });

    it('lets one of two parallel uses of one code win', async () => {
      freshStep();
      const me = await test.factories.signedIn();
      const { secret } = await enable(me.client);
      test.clock.advance(STEP_MS);
      const next = codeFor(secret);
      const challenges = [await challengeOf(me.person), await challengeOf(me.person)];
      const parallel = await Promise.all(
        challenges.map((challenge) => complete({ challenge, code: next })),
      );
      expect(parallel.filter((response) => !response.errors)).toHaveLength(1);
      expect(parallel.flatMap(codesOf)).toEqual(['UNAUTHENTICATED']);
    });

    it('takes each recovery code once, however it is typed', async () => {
      const me = await test.factories.signedIn();
      const { recoveryCodes } = await enable(me.client);
      const [first, second] = recoveryCodes;
      const used = await complete({ challenge: await challengeOf(me.person), recoveryCode: first });
      expect(used.errors).toBeUndefined();
      const client = test.client({ token: used.data!.completeTwoFactorLogin.accessToken });
      expect((await client.ok(ME)).me.twoFactor.recoveryCodesLeft).toBe(9);
      const challenge = await challengeOf(me.person);
      expect(codesOf(await complete({ challenge, recoveryCode: first }))).toEqual([
        'UNAUTHENTICATED',
      ]);
      expect(codesOf(await complete({ challenge, recoveryCode: 'abcd-efgh-jkmn' }))).toEqual([
        'UNAUTHENTICATED',
      ]);
      const typed = second.toUpperCase().replace(/-/g, ' ');
      expect((await complete({ challenge, recoveryCode: typed })).errors).toBeUndefined();
      // Neither both nor none.
      expect(
        codesOf(
          await complete({
            challenge: await challengeOf(me.person),
            code: '123456',
            recoveryCode: second,
          }),
        ),
      ).toEqual(['BAD_USER_INPUT']);
    });

    it('counts wrong codes with the passwords: a right password in between does not reset the count, and the limit holds for the right code too', async () => {
      const me = await test.factories.signedIn();
      const { secret } = await enable(me.client);
      freshStep();
      const wrong = codeFor(secret, 6 * STEP_MS);
      const challenge = await challengeOf(me.person); // attempt 1
      for (let attempt = 2; attempt <= 4; attempt += 1) {
        expect(codesOf(await complete({ challenge, code: wrong }))).toEqual(['UNAUTHENTICATED']);
      }
      const another = await challengeOf(me.person); // attempt 5: the password is right
      expect(codesOf(await complete({ challenge: another, code: codeFor(secret) }))).toEqual([
        'RATE_LIMITED',
      ]);
      expect(
        await test.anonymous.code(LOGIN, {
          input: { email: me.person.email, password: TEST_PASSWORD },
        }),
      ).toBe('RATE_LIMITED');
      test.clock.advance(test.config.login.lockoutSeconds * 1000 + STEP_MS);
      const later = await complete({
        challenge: await challengeOf(me.person),
        code: codeFor(secret),
      });
      expect(later.errors).toBeUndefined();
    });

    it('lets a challenge expire after 5 minutes', async () => {
      const me = await test.factories.signedIn();
      const { secret } = await enable(me.client);
      const challenge = await challengeOf(me.person);
      test.clock.advance(5 * 60_000 + 1000);
      expect(codesOf(await complete({ challenge, code: codeFor(secret) }))).toEqual([
        'UNAUTHENTICATED',
      ]);
    });

    it('keeps refresh tokens working without a second factor', async () => {
      const me = await test.factories.signedIn();
      const { secret } = await enable(me.client);
      test.clock.advance(STEP_MS);
      const done = await complete({
        challenge: await challengeOf(me.person),
        code: codeFor(secret),
      });
      const { refreshToken } = await test.anonymous.ok(REFRESH, {
        input: { refreshToken: done.data!.completeTwoFactorLogin.refreshToken },
      });
      expect(refreshToken.person.id).toBe(me.person.id);
      const { refreshToken: again } = await test.anonymous.ok(REFRESH, {
        input: { refreshToken: refreshToken.refreshToken },
      });
      expect((await test.client({ token: again.accessToken }).ok(ME)).me.id).toBe(me.person.id);
    });

    it('can be turned off with a code (not a wrong one); sign-in then gives tokens again', async () => {
      const me = await test.factories.signedIn();
      const { secret } = await enable(me.client);
      test.clock.advance(STEP_MS);
      expect(await me.client.code(DISABLE, { input: { code: codeFor(secret, 6 * STEP_MS) } })).toBe(
        'UNAUTHENTICATED',
      );
      expect((await me.client.ok(ME)).me.twoFactor.enabled).toBe(true);
      const { disableTwoFactor } = await me.client.ok(DISABLE, {
        input: { code: codeFor(secret) },
      });
      expect(disableTwoFactor).toEqual({ id: me.person.id, twoFactor: { enabled: false } });
      expect((await login(me.person.email)).accessToken).toEqual(expect.any(String));
    });

    it('is set up only by a person: anonymous callers need a challenge, API keys are refused, and nobody sees another’s', async () => {
      expect(await test.anonymous.code(START)).toBe('UNAUTHENTICATED');
      expect(await test.anonymous.code(CONFIRM, { input: { code: '123456' } })).toBe(
        'UNAUTHENTICATED',
      );
      expect(await test.anonymous.code(START, { input: { challenge: 'x'.repeat(43) } })).toBe(
        'UNAUTHENTICATED',
      );
      const partner = await test.factories.apiClient([ApiScope.DIRECTORY_READ]);
      expect(await partner.client.code(START)).toBe('FORBIDDEN');
      const { organisation, admin } = await test.factories.organisation();
      const member = await test.factories.member(organisation.id, admin);
      await enable(member.client);
      const { organisation: seen } = await admin.client.ok(
        `query($id: ID!) { organisation(id: $id) { members { person { id twoFactor { enabled } } } } }`,
        { id: organisation.id },
      );
      const statusOf = (id: string) =>
        seen.members.find((m: { person: { id: string } }) => m.person.id === id).person.twoFactor;
      expect(statusOf(member.person.id)).toBeNull();
      expect(statusOf(admin.person.id)).toEqual({ enabled: false });
    });
  });

  describe('staff accounts', () => {
    it.each([SystemRole.ADMIN, SystemRole.MUNICIPAL_OFFICER, SystemRole.SOCIAL_SERVICES])(
      '%s gets no session from login until it has set up an authenticator, and then only with a code',
      async (systemRole) => {
        freshStep();
        const staff = await test.factories.person({ systemRole });
        const challenge = await challengeOf(staff, 'SETUP');
        // The setup challenge is no credential and does not pass the code step.
        expect(await test.client({ token: challenge }).code(ME)).toBe('UNAUTHENTICATED');
        expect(codesOf(await complete({ challenge, code: '123456' }))).toEqual(['UNAUTHENTICATED']);
        expect(await test.anonymous.code(CONFIRM, { input: { challenge, code: '123456' } })).toBe(
          'BAD_USER_INPUT',
        );
        const { startTwoFactorSetup: setup } = await test.anonymous.ok(START, {
          input: { challenge },
        });
        // Started but not confirmed: still no tokens from login.
        await challengeOf(staff, 'SETUP');
        expect(
          await test.anonymous.code(CONFIRM, {
            input: { challenge, code: codeFor(setup.secret, 6 * STEP_MS) },
          }),
        ).toBe('UNAUTHENTICATED');
        const { confirmTwoFactor } = await test.anonymous.ok(CONFIRM, {
          input: { challenge, code: codeFor(setup.secret) },
        });
        expect(confirmTwoFactor.recoveryCodes).toHaveLength(10);
        expect(confirmTwoFactor.session.person).toEqual({ id: staff.id, systemRole });
        const client = test.client({ token: confirmTwoFactor.session.accessToken });
        expect((await client.ok(ME)).me.twoFactor).toEqual({
          enabled: true,
          required: true,
          recoveryCodesLeft: 10,
        });
        // The setup challenge is used up.
        expect(await test.anonymous.code(START, { input: { challenge } })).toBe('UNAUTHENTICATED');
        // From now on: a code at every sign-in.
        test.clock.advance(STEP_MS);
        const done = await complete({
          challenge: await challengeOf(staff, 'CODE'),
          code: codeFor(setup.secret),
        });
        expect(done.errors).toBeUndefined();
      },
    );

    it('cannot use a setup challenge once an authenticator is confirmed another way', async () => {
      const staff = await test.factories.person({ systemRole: SystemRole.ADMIN });
      const challenge = await challengeOf(staff, 'SETUP');
      await enable((await test.factories.signIn(staff)).client);
      expect(await test.anonymous.code(START, { input: { challenge } })).toBe('UNAUTHENTICATED');
    });

    it('sign in, in the demo, with the documented authenticator secret', async () => {
      freshStep();
      const staff = await test.factories.person({ systemRole: SystemRole.MUNICIPAL_OFFICER });
      await test.get(TwoFactorService).enrolForDemo(staff.id, DEMO_TOTP_SECRET);
      await test.get(TwoFactorService).enrolForDemo(staff.id, 'ANOTHERSECRETTHATISNOTUSED234567');
      const done = await complete({
        challenge: await challengeOf(staff, 'CODE'),
        code: codeFor(DEMO_TOTP_SECRET),
      });
      expect(done.data?.completeTwoFactorLogin.person.id).toBe(staff.id);
    });

    it('cannot turn two-factor sign-in off', async () => {
      const admin = await test.factories.admin();
      const { secret } = await enable(admin.client);
      test.clock.advance(STEP_MS);
      expect(await admin.client.code(DISABLE, { input: { code: codeFor(secret) } })).toBe(
        'FORBIDDEN',
      );
      expect((await admin.client.ok(ME)).me.twoFactor).toMatchObject({
        enabled: true,
        required: true,
      });
      expect(
        await test.dataSource.getRepository(TwoFactor).countBy({ personId: admin.person.id }),
      ).toBe(1);
    });
  });

  it('never writes secrets, recovery codes or challenges to the logs', async () => {
    const mark = test.logs.mark();
    const me: SignedIn = await test.factories.signedIn();
    const { startTwoFactorSetup: setup } = await me.client.ok(START);
    const { confirmTwoFactor } = await me.client.ok(CONFIRM, {
      input: { code: codeFor(setup.secret) },
    });
    const challenge = await challengeOf(me.person);
    await complete({ challenge, recoveryCode: confirmTwoFactor.recoveryCodes[0] });
    const logged = test.logs.since(mark);
    expect(logged).toContain('two_factor_recovery_codes');
    for (const secret of [setup.secret, challenge, ...confirmTwoFactor.recoveryCodes]) {
      expect(logged).not.toContain(secret);
    }
  });
});
