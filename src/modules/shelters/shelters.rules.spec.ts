import { PlacementStatus } from './entities/placement-request.entity';
import {
  AvailabilityStatus,
  availabilityStatus,
  canMovePlacement,
  caseReferenceProblem,
  openPlaces,
} from './shelters.rules';

const HOUR = 3600_000;
const now = new Date('2026-11-30T12:00:00Z');
const counts = (free: number, held = 0, hoursAgo: number | null = 1) => ({
  freeAdultPlaces: free,
  freeChildPlaces: 2,
  heldAdultPlaces: held,
  heldChildPlaces: 0,
  availabilityReportedAt: hoursAgo === null ? null : new Date(now.getTime() - hoursAgo * HOUR),
});

describe('shelter availability', () => {
  it('is NO_DATA without a report, or when the last one is older than the limit', () => {
    expect(availabilityStatus(counts(3, 0, null), now, 24)).toBe(AvailabilityStatus.NO_DATA);
    expect(availabilityStatus(counts(3, 0, 24), now, 24)).toBe(AvailabilityStatus.AVAILABLE);
    expect(availabilityStatus(counts(3, 0, 24.01), now, 24)).toBe(AvailabilityStatus.NO_DATA);
    expect(availabilityStatus(counts(3, 0, 3), now, 2)).toBe(AvailabilityStatus.NO_DATA);
  });

  it('is FULL when every free adult place is held or none is free, whatever the child places', () => {
    expect(availabilityStatus(counts(0), now, 24)).toBe(AvailabilityStatus.FULL);
    expect(availabilityStatus(counts(2, 2), now, 24)).toBe(AvailabilityStatus.FULL);
    expect(availabilityStatus(counts(2, 1), now, 24)).toBe(AvailabilityStatus.AVAILABLE);
    expect(openPlaces(counts(2, 1))).toEqual({ adults: 1, children: 2 });
  });
});

describe('placement states', () => {
  it.each([
    [PlacementStatus.REQUESTED, PlacementStatus.ACCEPTED, true],
    [PlacementStatus.REQUESTED, PlacementStatus.DECLINED, true],
    [PlacementStatus.REQUESTED, PlacementStatus.CANCELLED, true],
    [PlacementStatus.REQUESTED, PlacementStatus.CONFIRMED, false],
    [PlacementStatus.ACCEPTED, PlacementStatus.CONFIRMED, true],
    [PlacementStatus.ACCEPTED, PlacementStatus.EXPIRED, true],
    [PlacementStatus.ACCEPTED, PlacementStatus.ACCEPTED, false],
    [PlacementStatus.CONFIRMED, PlacementStatus.CANCELLED, false],
    [PlacementStatus.DECLINED, PlacementStatus.ACCEPTED, false],
    [PlacementStatus.EXPIRED, PlacementStatus.CONFIRMED, false],
  ])('%s → %s: %p', (from, to, allowed) => {
    expect(canMovePlacement(from, to)).toBe(allowed);
  });
});

describe('case references', () => {
  it.each(['IFO-2026-0142', 'SoT 26/318', 'Ärende 4471-B', 'A1'])('accepts %p', (reference) => {
    expect(caseReferenceProblem(reference)).toBeNull();
  });

  it.each([
    ['811218-9876', /identity number/],
    ['IFO 8112189875', /identity number/],
    ['Anna, 34 år', /reference/],
    ['-inledande', /reference/],
  ])('refuses %p', (reference, problem) => {
    expect(caseReferenceProblem(reference)).toMatch(problem);
  });
});
