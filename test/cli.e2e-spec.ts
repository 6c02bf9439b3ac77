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
    const { login } = await test.anonymous.ok(
      `mutation($input: LoginInput!) { login(input: $input) { person { systemRole } } }`,
      { input: { email: 'chef@trollhattan.se', password } },
    );
    expect(login.person.systemRole).toBe('ADMIN');
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
