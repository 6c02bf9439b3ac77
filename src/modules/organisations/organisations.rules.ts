import { luhnValid } from '../../common/luhn';
import { OrganisationStatus } from './entities/organisation.entity';

/**
 * An organisationsnummer in its stored form `NNNNNN-NNNN`, or null when the input is not ten digits
 * (hyphen optional) whose last digit is the Luhn check digit of the first nine.
 */
export function normaliseOrganisationNumber(input: string): string | null {
  const match = /^(\d{6})-?(\d{4})$/.exec(input.trim());
  if (!match) return null;
  const digits = match[1] + match[2];
  return luhnValid(digits) ? `${match[1]}-${match[2]}` : null;
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
