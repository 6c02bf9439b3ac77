import { createHmac, randomBytes } from 'node:crypto';
import { AuthHousekeepingService, LoginAttempt } from '../src/modules/auth';
import { Person } from '../src/modules/people';
import { TEST_PASSWORD } from './support/factories';
import { codesOf, outcomeOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { email } }`;
const LOGIN = `mutation Login($input: LoginInput!) {
  login(input: $input) { accessToken refreshToken person { id } }
}`;
const REFRESH = `mutation Refresh($input: RefreshTokenInput!) {
  refreshToken(input: $input) { accessToken refreshToken person { id } }
}`;
const ME = `{ me { id displayName email systemRole memberships { role organisation { id name } } } }`;

/** A JWT part: JSON, base64url-encoded. */
const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');

/** A JWT signed with HS256 and the given secret, with any header and claims. */
function signJwt(header: object, claims: object, secret: string): string {
  const unsigned = `${encode(header)}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('authentication', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  afterEach(() => test.clock.reset());

  describe('register and me', () => {
    it('creates an account that signs in, and `me` answers with the person', async () => {
      const email = `${test.factories.unique('ny')}@Example.se`;
      const { register } = await test.anonymous.ok(REGISTER, {
        input: { email, password: 'ett långt lösenord', displayName: 'Karin Nattvandrare' },
      });
      expect(register.email).toBe(email.toLowerCase());
      const { login } = await test.anonymous.ok(LOGIN, {
        input: { email, password: 'ett långt lösenord' },
      });
      const { me } = await test.client({ token: login.accessToken }).ok(ME);
      expect(me).toEqual({
        id: login.person.id,
        displayName: 'Karin Nattvandrare',
        email: email.toLowerCase(),
        systemRole: null,
        memberships: [],
      });
    });

    it('refuses a bad email or a short password with BAD_USER_INPUT naming the field, storing nothing', async () => {
      const people = test.dataSource.getRepository(Person);
      const before = await people.count();
      const badEmail = await test.anonymous.request(REGISTER, {
        input: { email: 'inte-en-adress', password: 'ett långt lösenord', displayName: 'X' },
      });
      expect(codesOf(badEmail)).toEqual(['BAD_USER_INPUT']);
      expect(badEmail.errors?.[0].extensions.details).toMatchObject({
        fields: { email: expect.any(Array) },
      });
      const shortPassword = await test.anonymous.request(REGISTER, {
        input: {
          email: `${test.factories.unique('kort')}@example.se`,
          password: 'kort',
          displayName: 'X',
        },
      });
      expect(shortPassword.errors?.[0].extensions.details).toMatchObject({
        fields: { password: expect.any(Array) },
      });
      expect(await people.count()).toBe(before);
    });

    it('answers `me` with UNAUTHENTICATED when nobody is signed in', async () => {
      expect(await test.anonymous.code(ME)).toBe('UNAUTHENTICATED');
    });
  });

  describe('login', () => {
    it('signs in with the right password and refuses a wrong one or an unknown address', async () => {
      const person = await test.factories.person();
      const { login } = await test.anonymous.ok(LOGIN, {
        input: { email: person.email, password: TEST_PASSWORD },
      });
      expect(login.person.id).toBe(person.id);
      const { me } = await test.client({ token: login.accessToken }).ok(ME);
      expect(me.id).toBe(person.id);
      expect(
        await test.anonymous.code(LOGIN, {
          input: { email: person.email, password: 'fel lösenord' },
        }),
      ).toBe('UNAUTHENTICATED');
      expect(
        await test.anonymous.code(LOGIN, {
          input: { email: 'ingen@example.se', password: TEST_PASSWORD },
        }),
      ).toBe('UNAUTHENTICATED');
    });

    it('accepts the address in any case', async () => {
      const person = await test.factories.person();
      const { login } = await test.anonymous.ok(LOGIN, {
        input: { email: person.email.toUpperCase(), password: TEST_PASSWORD },
      });
      expect(login.person.id).toBe(person.id);
    });

    it('limits failed attempts per account: after 5, even the right password is RATE_LIMITED until the window passes', async () => {
      const person = await test.factories.person();
      const other = await test.factories.person();
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect(
          await test.anonymous.code(LOGIN, {
            input: { email: person.email, password: 'gissning' },
          }),
        ).toBe('UNAUTHENTICATED');
      }
      expect(
        await test.anonymous.code(LOGIN, {
          input: { email: person.email, password: TEST_PASSWORD },
        }),
      ).toBe('RATE_LIMITED');
      // Other accounts are not affected.
      await test.anonymous.ok(LOGIN, { input: { email: other.email, password: TEST_PASSWORD } });
      test.clock.advance(test.config.login.lockoutSeconds * 1000 + 1000);
      await test.anonymous.ok(LOGIN, { input: { email: person.email, password: TEST_PASSWORD } });
    });

    it('counts aliased login fields in one request one by one', async () => {
      const person = await test.factories.person();
      const aliases = Array.from(
        { length: 8 },
        (_, index) =>
          `a${index}: login(input: { email: "${person.email}", password: "gissning ${index}" }) { accessToken }`,
      );
      const response = await test.anonymous.request(`mutation { ${aliases.join('\n')} }`);
      expect(codesOf(response)).toEqual([
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'RATE_LIMITED',
        'RATE_LIMITED',
        'RATE_LIMITED',
      ]);
    });

    it('counts parallel attempts too: 12 at once get at most 5 password checks', async () => {
      const person = await test.factories.person();
      const responses = await Promise.all(
        Array.from({ length: 12 }, () =>
          test.anonymous.request(LOGIN, { input: { email: person.email, password: 'gissning' } }),
        ),
      );
      const codes = responses.flatMap(codesOf).sort();
      expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(5);
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(7);
    });

    it('resets the count after a successful sign-in', async () => {
      const person = await test.factories.person();
      for (let attempt = 0; attempt < 4; attempt += 1) {
        await test.anonymous.code(LOGIN, { input: { email: person.email, password: 'gissning' } });
      }
      await test.anonymous.ok(LOGIN, { input: { email: person.email, password: TEST_PASSWORD } });
      for (let attempt = 0; attempt < 4; attempt += 1) {
        expect(
          await test.anonymous.code(LOGIN, {
            input: { email: person.email, password: 'gissning' },
          }),
        ).toBe('UNAUTHENTICATED');
      }
    });
  });

  describe('access tokens', () => {
    let person: Person;
    let sessionId: string;

    beforeAll(async () => {
      const signedIn = await test.factories.signedIn();
      person = signedIn.person;
      sessionId = signedIn.actor.sessionId;
    });

    function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
      const now = Math.floor(Date.now() / 1000);
      return {
        sub: person.id,
        sid: sessionId,
        iss: test.config.jwt.issuer,
        aud: test.config.jwt.audience,
        iat: now,
        exp: now + 600,
        ...overrides,
      };
    }

    const header = { alg: 'HS256', typ: 'JWT' };

    it('accepts a well-formed token (control for the refusals below)', async () => {
      const token = signJwt(header, claims(), test.config.jwt.secret);
      expect((await test.client({ token }).ok(ME)).me.id).toBe(person.id);
    });

    it.each([
      [
        'expired',
        () =>
          signJwt(
            header,
            claims({ exp: Math.floor(Date.now() / 1000) - 10 }),
            test.config.jwt.secret,
          ),
      ],
      [
        'from another issuer',
        () => signJwt(header, claims({ iss: 'someone-else' }), test.config.jwt.secret),
      ],
      [
        'for another audience',
        () => signJwt(header, claims({ aud: 'another-api' }), test.config.jwt.secret),
      ],
      [
        'signed with another secret',
        () => signJwt(header, claims(), randomBytes(32).toString('hex')),
      ],
      ['with alg none', () => `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims())}.`],
      [
        'tampered after signing',
        () => {
          const [head, , signature] = signJwt(header, claims(), test.config.jwt.secret).split('.');
          const forged = encode(claims({ sub: randomBytes(16).toString('hex') }));
          return `${head}.${forged}.${signature}`;
        },
      ],
      [
        'for a session that does not exist',
        () => signJwt(header, claims({ sid: person.id }), test.config.jwt.secret),
      ],
      ['not a JWT at all', () => 'not.a.jwt'],
    ])('refuses a token %s with UNAUTHENTICATED', async (_name, token) => {
      expect(await test.client({ token: token() }).code(ME)).toBe('UNAUTHENTICATED');
    });

    it('refuses a bad token even on a public operation', async () => {
      const response = await test
        .client({ token: 'garbage' })
        .request('{ districts { totalCount } }');
      expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('refresh tokens', () => {
    it('rotate: each refresh returns new tokens and the old refresh token cannot be used again', async () => {
      const signedIn = await test.factories.signedIn();
      const first = await test.anonymous.ok(REFRESH, {
        input: { refreshToken: signedIn.refreshToken },
      });
      expect(first.refreshToken.refreshToken).not.toBe(signedIn.refreshToken);
      const second = await test.anonymous.ok(REFRESH, {
        input: { refreshToken: first.refreshToken.refreshToken },
      });
      expect(second.refreshToken.person.id).toBe(signedIn.person.id);
      await test.client({ token: second.refreshToken.accessToken }).ok(ME);
    });

    it('revoke the whole family when a rotated token is reused', async () => {
      const signedIn = await test.factories.signedIn();
      const { refreshToken: rotated } = await test.anonymous.ok(REFRESH, {
        input: { refreshToken: signedIn.refreshToken },
      });
      // Someone replays the old token: refused, and the session ends for everyone holding it.
      expect(
        await test.anonymous.code(REFRESH, { input: { refreshToken: signedIn.refreshToken } }),
      ).toBe('UNAUTHENTICATED');
      expect(
        await test.anonymous.code(REFRESH, { input: { refreshToken: rotated.refreshToken } }),
      ).toBe('UNAUTHENTICATED');
      expect(await test.client({ token: rotated.accessToken }).code(ME)).toBe('UNAUTHENTICATED');
      expect(await signedIn.client.code(ME)).toBe('UNAUTHENTICATED');
    });

    it('let exactly one of two simultaneous exchanges of one token win', async () => {
      const signedIn = await test.factories.signedIn();
      const responses = await Promise.all(
        [1, 2].map(() =>
          test.anonymous.request(REFRESH, { input: { refreshToken: signedIn.refreshToken } }),
        ),
      );
      const succeeded = responses.filter((response) => !response.errors);
      expect(succeeded).toHaveLength(1);
      expect(responses.flatMap(codesOf)).toEqual(['UNAUTHENTICATED']);
    });

    it('expire', async () => {
      const signedIn = await test.factories.signedIn();
      test.clock.advance(test.config.jwt.refreshTokenTtlSeconds * 1000 + 1000);
      expect(
        await test.anonymous.code(REFRESH, { input: { refreshToken: signedIn.refreshToken } }),
      ).toBe('UNAUTHENTICATED');
    });

    it('refuse an unknown token', async () => {
      expect(await test.anonymous.code(REFRESH, { input: { refreshToken: 'made-up' } })).toBe(
        'UNAUTHENTICATED',
      );
    });
  });

  describe('logout and password change', () => {
    it('logout ends the session: its access and refresh tokens stop working, other sessions continue', async () => {
      const person = await test.factories.person();
      const here = await test.factories.signIn(person);
      const elsewhere = await test.factories.signIn(person);
      expect(await here.client.ok('mutation { logout }')).toEqual({ logout: true });
      expect(await here.client.code(ME)).toBe('UNAUTHENTICATED');
      expect(
        await test.anonymous.code(REFRESH, { input: { refreshToken: here.refreshToken } }),
      ).toBe('UNAUTHENTICATED');
      await elsewhere.client.ok(ME);
    });

    it('logout everywhere ends every session of the person', async () => {
      const person = await test.factories.person();
      const here = await test.factories.signIn(person);
      const elsewhere = await test.factories.signIn(person);
      await here.client.ok('mutation { logout(input: { everywhere: true }) }');
      expect(await elsewhere.client.code(ME)).toBe('UNAUTHENTICATED');
    });

    it('changing the password needs the current one, and signs out the other sessions', async () => {
      const person = await test.factories.person();
      const here = await test.factories.signIn(person);
      const elsewhere = await test.factories.signIn(person);
      const change = `mutation Change($input: ChangePasswordInput!) { changePassword(input: $input) { id } }`;
      expect(
        await here.client.code(change, {
          input: { currentPassword: 'fel', newPassword: 'ett nytt långt lösenord' },
        }),
      ).toBe('UNAUTHENTICATED');
      await here.client.ok(change, {
        input: { currentPassword: TEST_PASSWORD, newPassword: 'ett nytt långt lösenord' },
      });
      await here.client.ok(ME);
      expect(await elsewhere.client.code(ME)).toBe('UNAUTHENTICATED');
      expect(
        await test.anonymous.code(LOGIN, {
          input: { email: person.email, password: TEST_PASSWORD },
        }),
      ).toBe('UNAUTHENTICATED');
      await test.anonymous.ok(LOGIN, {
        input: { email: person.email, password: 'ett nytt långt lösenord' },
      });
    });
  });
});

describe('per-address limit on sign-in operations', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '3' } });
  });

  afterAll(async () => {
    await test.close();
  });

  it('refuses register, login and refreshToken beyond AUTH_RATE_LIMIT_PER_MINUTE per minute (RATE_LIMITED)', async () => {
    const register = (n: number) =>
      test.anonymous.request(REGISTER, {
        input: {
          email: `${test.factories.unique(`ip${n}`)}@example.se`,
          password: TEST_PASSWORD,
          displayName: 'IP',
        },
      });
    const codes = [];
    for (let n = 0; n < 4; n += 1) codes.push(outcomeOf(await register(n)));
    expect(codes).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
    // Other operations are not limited by it.
    await test.anonymous.ok(`{ districts { totalCount } }`);
  });
});

describe('housekeeping', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  afterEach(() => test.clock.reset());

  it('deletes ended login-attempt windows and long-expired refresh tokens, and nothing current', async () => {
    const person = await test.factories.person();
    await test.anonymous.request(LOGIN, { input: { email: person.email, password: 'gissning' } });
    const current = await test.factories.signedIn();
    const housekeeping = test.get(AuthHousekeepingService);
    expect(await housekeeping.run()).toEqual({ loginAttempts: 0, refreshTokens: 0 });
    // A refresh leaves two tokens in the session: the used one and its successor.
    await test.anonymous.ok(REFRESH, { input: { refreshToken: current.refreshToken } });

    test.clock.advance((test.config.jwt.refreshTokenTtlSeconds + 2 * 24 * 3600) * 1000);
    const removed = await housekeeping.run();
    expect(removed.loginAttempts).toBeGreaterThanOrEqual(1);
    expect(removed.refreshTokens).toBeGreaterThanOrEqual(2);
    expect(
      await test.dataSource.getRepository(LoginAttempt).countBy({ accountKey: person.email }),
    ).toBe(0);
  });
});
