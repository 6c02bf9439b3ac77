import { plainToInstance } from 'class-transformer';
import { IsOptional, IsString, validate } from 'class-validator';
import { freeOfIdentityNumbers, NoIdentityNumber } from './free-text';

class Note {
  @IsString()
  @NoIdentityNumber()
  text: string;

  @IsOptional()
  @IsString({ each: true })
  @NoIdentityNumber()
  places?: string[];
}

async function problems(plain: object): Promise<Record<string, string[]>> {
  const errors = await validate(plainToInstance(Note, plain));
  return Object.fromEntries(
    errors.map((error) => [error.property, Object.values(error.constraints ?? {})]),
  );
}

describe('@NoIdentityNumber', () => {
  it('passes ordinary text', async () => {
    expect(
      await problems({
        text: 'Samling 2026-11-27 kl. 21.00, ring 070-123 45 67',
        places: ['Torget'],
      }),
    ).toEqual({});
  });

  it('refuses a disguised personnummer, naming the field', async () => {
    expect(await problems({ text: 'Hon heter ８１１２１８\u200b-９８７６' })).toEqual({
      text: ['text must not contain a personal identity number'],
    });
  });

  it('checks every item of a list', async () => {
    expect(
      await problems({ text: 'Lugnt', places: ['Torget', 'Skolan 8 1 1 2 1 8 9 8 7 6'] }),
    ).toEqual({ places: ['places must not contain a personal identity number'] });
  });

  it('leaves what is not text to the other validators', () => {
    expect(freeOfIdentityNumbers(8112189876)).toBe(true);
    expect(freeOfIdentityNumbers(null)).toBe(true);
    expect(freeOfIdentityNumbers(['ok', '811218-9876'])).toBe(false);
  });
});
