import { plainToInstance } from 'class-transformer';
import { IsDate, IsOptional, validate } from 'class-validator';
import {
  LocalDateWithinYears,
  localDateWithinYears,
  WithinYears,
  withinYears,
} from './date-bounds';

const now = new Date('2026-12-02T12:00:00Z');

describe('date bounds', () => {
  it('accepts instants from 2000-01-01 up to the given years from now', () => {
    expect(withinYears(new Date('2000-01-01T00:00:00Z'), 2, now)).toBe(true);
    expect(withinYears(new Date('1999-12-31T23:59:59Z'), 2, now)).toBe(false);
    expect(withinYears(new Date('2028-12-02T12:00:00Z'), 2, now)).toBe(true);
    expect(withinYears(new Date('2028-12-02T12:00:01Z'), 2, now)).toBe(false);
    expect(withinYears(new Date('9999-01-01T00:00:00Z'), 5, now)).toBe(false);
  });

  it('bounds calendar days the same way, leaving other formats to the format check', () => {
    expect(localDateWithinYears('2046-12-02', 20, now)).toBe(true);
    expect(localDateWithinYears('2046-12-03', 20, now)).toBe(false);
    expect(localDateWithinYears('1999-12-31', 20, now)).toBe(false);
    expect(localDateWithinYears('9999-12-31', 20, now)).toBe(false);
    expect(localDateWithinYears('31/12/2026', 20, now)).toBe(true);
  });

  class Plan {
    @IsDate()
    @WithinYears(2)
    startsAt: Date;

    @IsOptional()
    @LocalDateWithinYears(20)
    validUntil?: string;
  }

  const problems = async (plain: Partial<Plan>) =>
    (await validate(plainToInstance(Plan, plain))).flatMap((error) =>
      Object.values(error.constraints ?? {}),
    );
  const yearsFromToday = (years: number) => {
    const instant = new Date();
    instant.setUTCFullYear(instant.getUTCFullYear() + years);
    return instant;
  };

  it('refuses, as a validation failure naming the field, a date outside them', async () => {
    expect(await problems({ startsAt: yearsFromToday(1) })).toEqual([]);
    expect(await problems({ startsAt: yearsFromToday(3) })).toEqual([
      'startsAt must lie between 2000-01-01 and 2 years from today',
    ]);
    expect(await problems({ startsAt: new Date('9999-06-01T00:00:00Z') })).toHaveLength(1);
    expect(await problems({ startsAt: new Date('1970-01-01T00:00:00Z') })).toHaveLength(1);
    expect(await problems({ startsAt: yearsFromToday(1), validUntil: '2999-01-01' })).toEqual([
      'validUntil must lie between 2000-01-01 and 20 years from today',
    ]);
  });
});
