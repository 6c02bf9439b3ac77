import { looksLikePersonalIdentityNumber } from '../../common/personal-identity-number';
import { OrganisationKind } from '../organisations';
import { PlacementStatus } from './entities/placement-request.entity';

export enum AvailabilityStatus {
  AVAILABLE = 'AVAILABLE',
  FULL = 'FULL',
  NO_DATA = 'NO_DATA',
}

/** Organisations that run shelters: women's shelters and similar (not night walkers or help desks). */
export const SHELTER_OPERATOR_KINDS: readonly OrganisationKind[] = [
  OrganisationKind.WOMENS_SHELTER,
  OrganisationKind.HBTQ_SUPPORT,
  OrganisationKind.FAITH_BASED,
  OrganisationKind.VOLUNTARY_ASSOCIATION,
  OrganisationKind.OTHER,
];

export interface PlaceCounts {
  freeAdultPlaces: number;
  freeChildPlaces: number;
  heldAdultPlaces: number;
  heldChildPlaces: number;
  availabilityReportedAt: Date | null;
}

/** Places that can still be offered: free places not held for an accepted placement. */
export function openPlaces(counts: PlaceCounts): { adults: number; children: number } {
  return {
    adults: Math.max(0, counts.freeAdultPlaces - counts.heldAdultPlaces),
    children: Math.max(0, counts.freeChildPlaces - counts.heldChildPlaces),
  };
}

/**
 * NO_DATA when there is no report or the last one is older than `staleHours`; otherwise FULL when
 * no adult place can be offered, else AVAILABLE.
 */
export function availabilityStatus(
  counts: PlaceCounts,
  now: Date,
  staleHours: number,
): AvailabilityStatus {
  const reportedAt = counts.availabilityReportedAt;
  if (!reportedAt || now.getTime() - reportedAt.getTime() > staleHours * 3600_000) {
    return AvailabilityStatus.NO_DATA;
  }
  return openPlaces(counts).adults > 0 ? AvailabilityStatus.AVAILABLE : AvailabilityStatus.FULL;
}

/** Which status each state change leads from. */
const TRANSITIONS: Record<PlacementStatus, readonly PlacementStatus[]> = {
  [PlacementStatus.REQUESTED]: [
    PlacementStatus.ACCEPTED,
    PlacementStatus.DECLINED,
    PlacementStatus.CANCELLED,
  ],
  [PlacementStatus.ACCEPTED]: [
    PlacementStatus.CONFIRMED,
    PlacementStatus.CANCELLED,
    PlacementStatus.EXPIRED,
  ],
  [PlacementStatus.DECLINED]: [],
  [PlacementStatus.CONFIRMED]: [],
  [PlacementStatus.CANCELLED]: [],
  [PlacementStatus.EXPIRED]: [],
};

export function canMovePlacement(from: PlacementStatus, to: PlacementStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Letters, digits, spaces and `-_/.:#` only: a reference, not a sentence. */
const CASE_REFERENCE = /^[\p{L}\p{N}][\p{L}\p{N} _\-/.:#]*$/u;

/** Why a case reference is refused, or null when it is fine. */
export function caseReferenceProblem(reference: string): string | null {
  if (!CASE_REFERENCE.test(reference)) {
    return 'must be a reference of letters, digits, spaces and - _ / . : #';
  }
  if (looksLikePersonalIdentityNumber(reference)) {
    return 'must not be or contain a personal identity number: use a pseudonymous case reference';
  }
  return null;
}
