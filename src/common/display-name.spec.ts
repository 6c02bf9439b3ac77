import { plainToInstance } from 'class-transformer';
import { IsOptional, IsString, Length, validate } from 'class-validator';
import { DisplayName, displayNameProblem, normaliseDisplayName } from './display-name';

class Profile {
  @IsOptional()
  @IsString()
  @Length(1, 120)
  @DisplayName()
  displayName?: string;
}

async function check(displayName: unknown): Promise<{ value: unknown; problems: string[] }> {
  const profile = plainToInstance(Profile, { displayName });
  const errors = await validate(profile);
  return {
    value: profile.displayName,
    problems: errors.flatMap((error) => Object.values(error.constraints ?? {})),
  };
}

describe('@DisplayName', () => {
  it('stores a name trimmed and in NFC', async () => {
    const decomposed = '  A\u030asa  '; // "Åsa" as A + combining ring, with spaces
    expect(await check(decomposed)).toEqual({ value: 'Åsa', problems: [] });
    expect((await check(decomposed)).value).toBe('\u00c5sa');
    expect(await check('\u200bAnna Karlsson\u200e ')).toEqual({
      value: 'Anna Karlsson',
      problems: [],
    });
  });

  it.each([
    'Skyddad identitet',
    '  skyddad   IDENTITET ',
    'SKYDDAD\u200bIDENTITET',
    'Skyddad identitet.',
  ])('refuses the protected-identity label %p', async (name) => {
    expect((await check(name)).problems).toEqual([
      'displayName must not be "Skyddad identitet", the label shown for a protected identity',
    ]);
  });

  it.each(['\u200b\u202e', '\u3164', '\u2800\u2800', '\u0301', '\u00ad\ufeff', '   '])(
    'refuses a name in which nothing shows: %j',
    async (name) => {
      expect((await check(name)).problems).toContain(
        'displayName must contain a visible character',
      );
    },
  );

  it.each(['Anna\u202eKarlsson', 'Anna\u2066Karlsson', 'An\u0007na'])(
    'refuses a direction override or control inside a name: %j',
    async (name) => {
      expect((await check(name)).problems).toEqual([
        'displayName must not contain control or direction-override characters',
      ]);
    },
  );

  it('refuses a name holding a personal identity number', async () => {
    expect((await check('Anna 811218-9876')).problems).toEqual([
      'displayName must not contain a personal identity number',
    ]);
  });

  it.each([
    'Åsa',
    'Zoë Ørsted',
    'محمد',
    'Anna-Lena 2',
    'Skyddad',
    'Identitet Andersson',
    'Anna 👩‍👧',
  ])('accepts %p', async (name) => {
    expect(await check(name)).toEqual({ value: name, problems: [] });
  });

  it('leaves what is not text to the other validators', async () => {
    expect(await check(undefined)).toEqual({ value: undefined, problems: [] });
    expect(normaliseDisplayName(' x ')).toBe('x');
    expect(displayNameProblem('x')).toBeNull();
  });
});
