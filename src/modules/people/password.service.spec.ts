import { DEMO_PASSWORD, PEOPLE } from '../../../seeds/demo-data';
import { TEST_PASSWORD } from '../../../test/support/factories';
import { ErrorCode } from '../../common/errors/error-codes';
import { ARGON2_OPTIONS, PasswordService } from './password.service';

describe('PasswordService', () => {
  const passwords = new PasswordService();

  it('hashes with argon2id, at least 19 MiB and 2 iterations', async () => {
    const hash = await passwords.hash('correct horse battery staple');
    const [, algorithm, , parameters] = hash.split('$');
    expect(algorithm).toBe('argon2id');
    const values = Object.fromEntries(parameters.split(',').map((pair) => pair.split('=')));
    expect(Number(values.m)).toBeGreaterThanOrEqual(19 * 1024);
    expect(Number(values.t)).toBeGreaterThanOrEqual(2);
    expect(ARGON2_OPTIONS.memoryCost).toBe(19456);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await passwords.hash('correct horse battery staple');
    await expect(passwords.verify(hash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(passwords.verify(hash, 'Correct horse battery staple')).resolves.toBe(false);
    await expect(passwords.verify('not-a-hash', 'x')).resolves.toBe(false);
  });

  it('salts each hash', async () => {
    expect(await passwords.hash('same password')).not.toBe(await passwords.hash('same password'));
  });
});

describe('PasswordService.weakness (password strength)', () => {
  const owner = { email: 'karin.ek@nattvandrarna.example', displayName: 'Karin Ek' };
  const weakness = (password: string) => PasswordService.weakness(password, owner);

  it.each([
    '1234567890',
    'password123',
    'qwertyuiop',
    'qwerty123456',
    'aaaaaaaaaaaa',
    'abcdefghijkl',
    'P@ssw0rd2024',
  ])('refuses the common or patterned password %j', (password) => {
    expect(weakness(password)).toEqual(expect.stringContaining('too easy to guess'));
  });

  it.each([
    'lösenord123',
    'losenord1234',
    'sommar2024!',
    'hemligt12345',
    'fotboll2010',
    'kärlek4ever',
    'Sverige2026',
    'hejhej123456',
    'Trollhättan1',
    'trollhattan2024',
    'Januari2025!',
    'samverkan2026',
    'nattvandrare1',
    'Kvinnojour123',
  ])('refuses %j, made of a common Swedish word or password', (password) => {
    expect(weakness(password)).not.toBeNull();
  });

  it('says why, in zxcvbn’s words', () => {
    expect(weakness('password123')).toBe(
      'This password would be too easy to guess. This is a commonly used password. ' +
        'Add more words that are less common.',
    );
  });

  it.each([
    ['the address', 'karin.ek@nattvandrarna.example'],
    ['the address in capitals', 'KARIN.EK@NATTVANDRARNA.EXAMPLE'],
    ['the local part', 'karin.ek.karin.ek'],
    ['the organisation’s domain', 'nattvandrarna1'],
    ['the name', 'Karin Ek Karin'],
  ])('refuses a password made of %s', (_what, password) => {
    expect(weakness(password)).not.toBeNull();
  });

  it('judges a password against its own owner: the same text passes for someone else', () => {
    const password = 'Karin.Ek.Nattvandrarna';
    expect(weakness(password)).not.toBeNull();
    expect(PasswordService.weakness(password, { email: 'x@example.se', displayName: 'X' })).toBe(
      null,
    );
  });

  it.each([
    'correct horse battery staple',
    'Samverkan-demo-2026',
    'blåbärssylt på tisdagar',
    'ett långt lösenord',
    'Qw8!zr-Tolv-Äpplen',
    'tre gröna cyklar i regnet',
  ])('accepts the passphrase %j', (password) => {
    expect(weakness(password)).toBeNull();
  });

  it('accepts the demo and test passwords for every demo account', () => {
    for (const person of PEOPLE) expect(PasswordService.weakness(DEMO_PASSWORD, person)).toBeNull();
    expect(
      PasswordService.weakness(TEST_PASSWORD, {
        email: 'person-1-x-1@example.se',
        displayName: 'Testperson 1',
      }),
    ).toBeNull();
  });

  it('refuses fewer than 10 or more than 256 characters', () => {
    expect(PasswordService.weakness('xK#9vq!2L')).toMatch(/10 to 256 characters/);
    expect(PasswordService.weakness(`${'xK#9vq!2Lm'.repeat(26)}`)).toMatch(/10 to 256/);
    expect(PasswordService.weakness('xK#9vq!2Lm'.repeat(25))).toBeNull();
  });

  it('rates only the first 100 characters, so a long password cannot make it slow', () => {
    // A pattern of 256 characters took zxcvbn over a second; capped, it is rated like its start.
    expect(PasswordService.weakness('aB3$'.repeat(64))).toBe(
      PasswordService.weakness('aB3$'.repeat(25)),
    );
  });

  it('throws BAD_USER_INPUT on the named field', () => {
    const passwords = new PasswordService();
    expect(() => passwords.assertStrong('1234567890', owner, 'newPassword')).toThrow(
      expect.objectContaining({
        code: ErrorCode.BAD_USER_INPUT,
        details: { fields: { newPassword: [expect.stringContaining('too easy to guess')] } },
      }),
    );
    expect(() => passwords.assertStrong('tre gröna cyklar i regnet', owner)).not.toThrow();
  });
});
