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
