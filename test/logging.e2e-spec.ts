import request from 'supertest';
import { ApiScope } from '../src/common/actor';
import { Person } from '../src/modules/people';
import { TestApp } from './support/test-app';

/**
 * The first (and only) app of this file logs at debug level with SQL statements, so a secret that
 * reached any log line would be found.
 */
describe('logs', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create({ env: { LOG_LEVEL: 'debug', LOG_SQL: 'true' } });
  });

  afterAll(async () => {
    await test.close();
  });

  it('never contain passwords, password hashes, tokens or API keys', async () => {
    const mark = test.logs.mark();
    const email = `${test.factories.unique('loggad')}@example.se`;
    const password = 'mitt hemliga lösenord 1';
    const newPassword = 'mitt hemliga lösenord 2';
    await test.anonymous.ok(
      `mutation($input: RegisterInput!) { register(input: $input) { email } }`,
      { input: { email, password, displayName: 'Loggad' } },
    );
    await test.anonymous.request(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
      {
        input: { email, password: 'fel lösenord som gissas' },
      },
    );
    const { login } = await test.anonymous.ok(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`,
      { input: { email, password } },
    );
    const { refreshToken } = await test.anonymous.ok(
      `mutation($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken refreshToken } }`,
      { input: { refreshToken: login.refreshToken } },
    );
    const signedIn = test.client({ token: refreshToken.accessToken });
    await signedIn.ok(
      `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { id } }`,
      {
        input: { currentPassword: password, newPassword },
      },
    );
    const partner = await test.factories.apiClient([ApiScope.DIRECTORY_READ]);
    await partner.client.ok(`{ districts { totalCount } }`);
    await test.client({ apiKey: `${partner.apiKey}x` }).request(`{ districts { totalCount } }`);
    await request(test.baseUrl).get('/health').set('Authorization', `Bearer ${login.accessToken}`);
    const hash = (await test.dataSource.getRepository(Person).findOneByOrFail({ email }))
      .passwordHash;

    const logged = test.logs.since(mark);
    // The logs are really at debug level with SQL: the checks below could find a leak.
    expect(logged).toMatch(/"msg":"request completed"/);
    expect(logged).toContain('INSERT INTO \\"people\\"');
    expect(logged).toMatch(/\[redacted\]/);
    for (const secret of [
      password,
      newPassword,
      'fel lösenord som gissas',
      hash,
      login.accessToken,
      login.refreshToken,
      refreshToken.accessToken,
      refreshToken.refreshToken,
      partner.apiKey,
    ]) {
      expect(logged).not.toContain(secret);
    }
  });

  it('tag every request’s lines with its request id', async () => {
    const mark = test.logs.mark();
    const response = await request(test.baseUrl)
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('X-Request-Id', 'loggtest-0001')
      .send({ query: '{ districts { totalCount } }' });
    expect(response.status).toBe(200);
    const lines = test.logs
      .since(mark)
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            req?: { id?: string };
            reqId?: string;
            msg?: string;
            context?: string;
          },
      );
    expect(lines.find((line) => line.msg === 'request completed')?.req?.id).toBe('loggtest-0001');
    const statements = lines.filter((line) => line.context === 'SQL');
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((line) => line.reqId === 'loggtest-0001')).toBe(true);
  });
});
