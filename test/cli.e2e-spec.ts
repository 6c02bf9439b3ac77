import { createUser, parseCreateUserArguments } from '../src/cli/user-create';
import { TestApp } from './support/test-app';

describe('user:create', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  it('creates an account with a system role and a generated password that signs in', async () => {
    const args = parseCreateUserArguments([
      '--email',
      'Chef@Trollhattan.se',
      '--role',
      'admin',
      '--name',
      'Chefen',
    ]);
    const { person, password, generated } = await createUser(test.app, args);
    expect(person).toMatchObject({
      email: 'chef@trollhattan.se',
      systemRole: 'ADMIN',
      displayName: 'Chefen',
    });
    expect(generated).toBe(true);
    // The password is right: an ADMIN's sign-in goes on to setting up a second factor.
    const { login } = await test.anonymous.ok(
      `mutation($input: LoginInput!) { login(input: $input) { person { id } twoFactorChallenge { next } } }`,
      { input: { email: 'chef@trollhattan.se', password } },
    );
    expect(login).toEqual({ person: null, twoFactorChallenge: { next: 'SETUP' } });
  });

  it('refuses a missing email, an unknown role and a taken address', async () => {
    expect(() => parseCreateUserArguments(['--role', 'ADMIN'])).toThrow(/--email is required/);
    await expect(createUser(test.app, { email: 'x@example.se', role: 'BOSS' })).rejects.toThrow(
      /--role must be one of/,
    );
    await createUser(test.app, { email: 'dubbel@example.se', password: 'ett långt lösenord' });
    await expect(
      createUser(test.app, { email: 'dubbel@example.se', password: 'ett långt lösenord' }),
    ).rejects.toThrow(/exists/);
  });
});
