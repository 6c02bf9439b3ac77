import { OrganisationStatus } from './entities/organisation.entity';
import { canChangeStatus, normaliseOrganisationNumber } from './organisations.rules';

describe('organisationsnummer', () => {
  it.each([
    ['802479-1637', '802479-1637'],
    ['8024791637', '802479-1637'],
    [' 556036-0793 ', '556036-0793'],
    ['212000-1355', '212000-1355'],
  ])('accepts %p as %p', (input, stored) => {
    expect(normaliseOrganisationNumber(input)).toBe(stored);
  });

  it.each([
    '802479-1634', // wrong check digit
    '556036-0792',
    '80247-91637', // hyphen in the wrong place
    '802479-163', // nine digits
    '16802479-1637', // twelve-digit form is not the stored form
    'abcdef-ghij',
    '',
  ])('refuses %p', (input) => {
    expect(normaliseOrganisationNumber(input)).toBeNull();
  });
});

describe('organisation status transitions', () => {
  const { PENDING, VERIFIED, REJECTED, SUSPENDED } = OrganisationStatus;

  it.each([
    [PENDING, VERIFIED],
    [PENDING, REJECTED],
    [VERIFIED, SUSPENDED],
    [SUSPENDED, VERIFIED],
  ])('allows %s → %s', (from, to) => {
    expect(canChangeStatus(from, to)).toBe(true);
  });

  it.each([
    [PENDING, SUSPENDED],
    [VERIFIED, REJECTED],
    [VERIFIED, VERIFIED],
    [REJECTED, VERIFIED],
    [REJECTED, PENDING],
    [SUSPENDED, REJECTED],
  ])('refuses %s → %s', (from, to) => {
    expect(canChangeStatus(from, to)).toBe(false);
  });
});
