import { OrganisationStatus } from './entities/organisation.entity';

/**
 * An organisationsnummer in its stored form `NNNNNN-NNNN`, or null when the input is not ten digits
 * (hyphen optional) whose last digit is the Luhn check digit of the first nine.
 */
export function normaliseOrganisationNumber(input: string): string | null {
  const match = /^(\d{6})-?(\d{4})$/.exec(input.trim());
  if (!match) return null;
  const digits = match[1] + match[2];
  return luhnCheckDigit(digits.slice(0, 9)) === Number(digits[9])
    ? `${match[1]}-${match[2]}`
    : null;
}

/** The Luhn (mod 10) check digit: weights 2,1,2,1… from the left, digit sums of the products. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let index = 0; index < nineDigits.length; index += 1) {
    const product = Number(nineDigits[index]) * (index % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/** PENDING → VERIFIED | REJECTED, VERIFIED ↔ SUSPENDED. */
const TRANSITIONS: Record<OrganisationStatus, readonly OrganisationStatus[]> = {
  [OrganisationStatus.PENDING]: [OrganisationStatus.VERIFIED, OrganisationStatus.REJECTED],
  [OrganisationStatus.VERIFIED]: [OrganisationStatus.SUSPENDED],
  [OrganisationStatus.SUSPENDED]: [OrganisationStatus.VERIFIED],
  [OrganisationStatus.REJECTED]: [],
};

export function canChangeStatus(from: OrganisationStatus, to: OrganisationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
