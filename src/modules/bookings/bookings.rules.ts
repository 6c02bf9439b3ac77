import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../common/time';
import { OrganisationKind } from '../organisations';
import { BookableBy } from './entities/resource.entity';

const MINUTE = 60_000;

/** A half-open interval [startsAt, endsAt). */
export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/** A live booking as the rules see it. */
export interface HeldBooking extends Interval {
  id: string;
  /** End of the interval it holds: endsAt plus the buffer it was booked with. */
  blockedUntil: Date;
}

interface BlackoutPeriod extends Interval {
  id: string;
}

/** What a booking rule refuses, with the code of the error (or of a series occurrence's outcome). */
export enum BookingRefusalCode {
  BOOKING_CONFLICT = 'BOOKING_CONFLICT',
  RESOURCE_BLACKED_OUT = 'RESOURCE_BLACKED_OUT',
  BOOKING_QUOTA_EXCEEDED = 'BOOKING_QUOTA_EXCEEDED',
  BOOKING_OUTSIDE_WINDOW = 'BOOKING_OUTSIDE_WINDOW',
}

/** Why a booking cannot be made, and what it hit. */
export interface Refusal {
  code: BookingRefusalCode;
  message: string;
  /** BOOKING_CONFLICT: the live booking it overlaps (absent: another occurrence of the same request). */
  bookingId?: string;
  /** RESOURCE_BLACKED_OUT: the blackout it falls in. */
  blackoutId?: string;
  /** The interval of what it hit (booking with its buffer, blackout, ISO week, window). */
  startsAt?: Date;
  endsAt?: Date;
  /** BOOKING_QUOTA_EXCEEDED: the ISO week (e.g. 2027-W11) and the minutes left in it. */
  isoWeek?: string;
  quotaMinutesLeft?: number;
}

/** The rules of a resource that a booking is checked against. */
export interface ResourceRules {
  ownerOrganisationId: string | null;
  bookableBy: BookableBy;
  allowedKinds: readonly OrganisationKind[];
  capacity: number | null;
  bufferMinutes: number;
  minDurationMinutes: number | null;
  maxDurationMinutes: number | null;
  bookingWindowDays: number | null;
  weeklyQuotaHours: number | null;
}

/** Half-open: one ending at 18:00 does not overlap one starting at 18:00. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

export function minutesOf(interval: Interval): number {
  return (interval.endsAt.getTime() - interval.startsAt.getTime()) / MINUTE;
}

export function plusMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * MINUTE);
}

/**
 * How someone sees a booking: FULL (a party to it: everything), BUSY (only that the resource is
 * taken then: start, end and status; purpose, organisation, attendees and who booked are hidden) or
 * NONE (not shown at all).
 */
export enum BookingSight {
  FULL = 'FULL',
  BUSY = 'BUSY',
  NONE = 'NONE',
}

/** Who is looking at a booking: the organisations they are an ACTIVE member of, and their role. */
export interface Viewer {
  admin: boolean;
  /** MUNICIPAL_OFFICER (or ADMIN). */
  officer: boolean;
  organisationIds: ReadonlySet<string>;
}

/**
 * Whether the viewer sees the bookings of the resource at all: everyone, except that the bookings
 * of an OWNER_ONLY resource are for the owner's members and municipal officers only.
 */
export function seesSchedule(
  viewer: Viewer,
  resource: Pick<ResourceRules, 'ownerOrganisationId' | 'bookableBy'>,
): boolean {
  if (resource.bookableBy !== BookableBy.OWNER_ONLY || viewer.admin || viewer.officer) return true;
  return (
    resource.ownerOrganisationId !== null &&
    viewer.organisationIds.has(resource.ownerOrganisationId)
  );
}

/**
 * How the viewer sees a booking. The parties see everything: members of the booking organisation
 * and of the owning organisation, municipal officers for the municipality's resources, and ADMIN.
 * Everyone else sees only busy time, and nothing of someone else's OWNER_ONLY resource.
 */
export function bookingSight(
  viewer: Viewer,
  booking: { organisationId: string },
  resource: Pick<ResourceRules, 'ownerOrganisationId' | 'bookableBy'>,
): BookingSight {
  if (viewer.admin || viewer.organisationIds.has(booking.organisationId)) return BookingSight.FULL;
  if (resource.ownerOrganisationId === null) {
    if (viewer.officer) return BookingSight.FULL;
  } else if (viewer.organisationIds.has(resource.ownerOrganisationId)) return BookingSight.FULL;
  return seesSchedule(viewer, resource) ? BookingSight.BUSY : BookingSight.NONE;
}

/** A booking is confidential when its booker asks, and always when a women's shelter books. */
export function isConfidential(
  organisation: { kind: OrganisationKind },
  asked: boolean | null | undefined,
): boolean {
  return asked === true || organisation.kind === OrganisationKind.WOMENS_SHELTER;
}

/** Whether the organisation may book the resource at all (beyond being VERIFIED). */
export function mayBook(
  resource: Pick<ResourceRules, 'ownerOrganisationId' | 'bookableBy' | 'allowedKinds'>,
  organisation: { id: string; kind: OrganisationKind },
): boolean {
  if (resource.ownerOrganisationId === organisation.id) return true;
  switch (resource.bookableBy) {
    case BookableBy.ALL_VERIFIED:
      return true;
    case BookableBy.OWNER_ONLY:
      return false;
    case BookableBy.LISTED_KINDS:
      return resource.allowedKinds.includes(organisation.kind);
  }
}

/** The rules a resource is created or changed with. */
type ResourceRuleShape = Pick<
  ResourceRules,
  | 'ownerOrganisationId'
  | 'bookableBy'
  | 'allowedKinds'
  | 'minDurationMinutes'
  | 'maxDurationMinutes'
>;

/** Field → problems with a resource's rules (BAD_USER_INPUT); empty when they make sense. */
export function resourceRuleProblems(rules: ResourceRuleShape): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, problem: string) => (problems[field] ??= []).push(problem);
  if (rules.bookableBy === BookableBy.OWNER_ONLY && rules.ownerOrganisationId === null)
    add('bookableBy', 'OWNER_ONLY needs an owning organisation');
  if (rules.bookableBy === BookableBy.LISTED_KINDS && rules.allowedKinds.length === 0)
    add('allowedKinds', 'LISTED_KINDS needs at least one organisation kind');
  if (rules.bookableBy !== BookableBy.LISTED_KINDS && rules.allowedKinds.length > 0)
    add('allowedKinds', 'only with bookableBy LISTED_KINDS');
  if (
    rules.minDurationMinutes !== null &&
    rules.maxDurationMinutes !== null &&
    rules.maxDurationMinutes < rules.minDurationMinutes
  )
    add('maxDurationMinutes', 'must be at least minDurationMinutes');
  return problems;
}

/** Field → problems with the booking itself (BAD_USER_INPUT); empty when it is well-formed. */
export function bookingShapeProblems(
  resource: Pick<ResourceRules, 'capacity' | 'minDurationMinutes' | 'maxDurationMinutes'>,
  interval: Interval,
  attendees?: number | null,
): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, problem: string) => (problems[field] ??= []).push(problem);
  const minutes = minutesOf(interval);
  if (minutes <= 0) add('endsAt', 'must be after startsAt');
  else {
    if (resource.minDurationMinutes !== null && minutes < resource.minDurationMinutes)
      add('endsAt', `a booking lasts at least ${resource.minDurationMinutes} minutes`);
    if (resource.maxDurationMinutes !== null && minutes > resource.maxDurationMinutes)
      add('endsAt', `a booking lasts at most ${resource.maxDurationMinutes} minutes`);
  }
  if (attendees != null && resource.capacity !== null && attendees > resource.capacity)
    add('attendees', `the resource holds at most ${resource.capacity}`);
  return problems;
}

/**
 * The first instant a booking may no longer start: the end of the Stockholm date `windowDays` days
 * after today's (so "30 days ahead" includes the whole 30th day); null without a window.
 */
export function windowEnd(now: Date, windowDays: number | null): Date | null {
  if (windowDays === null) return null;
  return DateTime.fromJSDate(now, { zone: TIME_ZONE })
    .startOf('day')
    .plus({ days: windowDays + 1 })
    .toJSDate();
}

/** BOOKING_OUTSIDE_WINDOW when the booking starts in the past or beyond the booking window. */
export function windowRefusal(
  interval: Interval,
  now: Date,
  windowDays: number | null,
): Refusal | null {
  if (interval.startsAt < now) {
    return {
      code: BookingRefusalCode.BOOKING_OUTSIDE_WINDOW,
      message: 'A booking cannot start in the past',
      startsAt: now,
    };
  }
  const end = windowEnd(now, windowDays);
  if (end && interval.startsAt >= end) {
    return {
      code: BookingRefusalCode.BOOKING_OUTSIDE_WINDOW,
      message: `The resource can be booked at most ${windowDays} days ahead`,
      startsAt: now,
      endsAt: end,
    };
  }
  return null;
}

/**
 * The end of the interval a live booking holds against a booking made now: its stored
 * `blockedUntil`, or its end plus today's buffer if the buffer has grown since.
 */
function heldUntil(booking: HeldBooking, bufferMinutes: number): Date {
  const withBuffer = plusMinutes(booking.endsAt, bufferMinutes);
  return booking.blockedUntil > withBuffer ? booking.blockedUntil : withBuffer;
}

/**
 * The first live booking the candidate would come too close to: the candidate holds
 * [startsAt, endsAt + buffer) and each booking [startsAt, heldUntil), and these must not overlap.
 * This is the rule the database constraint holds (with the buffer each booking was made with).
 */
export function conflictingBooking<T extends HeldBooking>(
  candidate: Interval,
  bufferMinutes: number,
  held: readonly T[],
): T | null {
  const candidateHeld = {
    startsAt: candidate.startsAt,
    endsAt: plusMinutes(candidate.endsAt, bufferMinutes),
  };
  return (
    held.find((booking) =>
      overlaps(candidateHeld, {
        startsAt: booking.startsAt,
        endsAt: heldUntil(booking, bufferMinutes),
      }),
    ) ?? null
  );
}

function blackoutHit<T extends BlackoutPeriod>(
  candidate: Interval,
  blackouts: readonly T[],
): T | null {
  return blackouts.find((blackout) => overlaps(candidate, blackout)) ?? null;
}

/** The ISO week (Monday–Sunday in Stockholm) an instant falls in, e.g. `2027-W11`. */
export function isoWeekOf(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: TIME_ZONE }).toFormat("kkkk-'W'WW");
}

/** Monday 00:00 in Stockholm of the instant's ISO week. */
export function isoWeekStart(instant: Date): Date {
  return DateTime.fromJSDate(instant, { zone: TIME_ZONE }).startOf('week').toJSDate();
}

/** Monday 00:00 in Stockholm of the week after the instant's ISO week. */
export function isoWeekEnd(instant: Date): Date {
  return DateTime.fromJSDate(instant, { zone: TIME_ZONE })
    .startOf('week')
    .plus({ weeks: 1 })
    .toJSDate();
}

/**
 * Minutes of the interval in each ISO week it touches: a booking from Sunday 22:00 to Monday 02:00
 * counts two hours in each week. Real elapsed minutes (a night across a daylight-saving change has
 * one hour more or less).
 */
export function minutesPerIsoWeek(interval: Interval): Map<string, number> {
  const result = new Map<string, number>();
  let cursor = interval.startsAt;
  while (cursor < interval.endsAt) {
    const weekEnd = isoWeekEnd(cursor);
    const sliceEnd = weekEnd < interval.endsAt ? weekEnd : interval.endsAt;
    const week = isoWeekOf(cursor);
    result.set(week, (result.get(week) ?? 0) + minutesOf({ startsAt: cursor, endsAt: sliceEnd }));
    cursor = sliceEnd;
  }
  return result;
}

/**
 * BOOKING_QUOTA_EXCEEDED when, in some ISO week, the organisation's live bookings of the resource
 * plus the candidate exceed the weekly quota.
 */
export function quotaRefusal(
  candidate: Interval,
  ownBookings: readonly Interval[],
  weeklyQuotaHours: number | null,
): Refusal | null {
  if (weeklyQuotaHours === null) return null;
  const quota = weeklyQuotaHours * 60;
  const used = new Map<string, number>();
  for (const booking of ownBookings) {
    for (const [week, minutes] of minutesPerIsoWeek(booking))
      used.set(week, (used.get(week) ?? 0) + minutes);
  }
  for (const [week, minutes] of minutesPerIsoWeek(candidate)) {
    const already = used.get(week) ?? 0;
    if (already + minutes > quota) {
      const weekStart = DateTime.fromISO(week, { zone: TIME_ZONE });
      return {
        code: BookingRefusalCode.BOOKING_QUOTA_EXCEEDED,
        message: `The organisation may book this resource ${weeklyQuotaHours} hours per week`,
        isoWeek: week,
        // Whole minutes, rounded down: times may carry seconds.
        quotaMinutesLeft: Math.max(0, Math.floor(quota - already)),
        startsAt: weekStart.toJSDate(),
        endsAt: weekStart.plus({ weeks: 1 }).toJSDate(),
      };
    }
  }
  return null;
}

/** What a booking is checked against in its transaction. */
export interface BookingContext {
  resource: ResourceRules;
  /** The booking organisation (the owner's own bookings have no weekly quota). */
  organisationId: string;
  now: Date;
  /** Live bookings of the resource near the candidate. */
  held: readonly HeldBooking[];
  blackouts: readonly BlackoutPeriod[];
  /** The organisation's live bookings of the resource in the ISO weeks the candidate touches. */
  ownBookings: readonly Interval[];
}

/** Whether the weekly quota applies to an organisation's bookings: not to the owner's own. */
export function quotaApplies(
  resource: Pick<ResourceRules, 'ownerOrganisationId' | 'weeklyQuotaHours'>,
  organisationId: string,
): boolean {
  return resource.weeklyQuotaHours !== null && resource.ownerOrganisationId !== organisationId;
}

/**
 * The first rule the candidate breaks, in the order a booker fixes them: the window, a blackout,
 * another booking, the weekly quota (not for the owner's own bookings). Null: it can be booked.
 */
export function refusalFor(candidate: Interval, context: BookingContext): Refusal | null {
  const { resource } = context;
  const window = windowRefusal(candidate, context.now, resource.bookingWindowDays);
  if (window) return window;
  const blackout = blackoutHit(candidate, context.blackouts);
  if (blackout) {
    return {
      code: BookingRefusalCode.RESOURCE_BLACKED_OUT,
      message: 'The resource is closed then',
      blackoutId: blackout.id,
      startsAt: blackout.startsAt,
      endsAt: blackout.endsAt,
    };
  }
  const conflict = conflictingBooking(candidate, resource.bufferMinutes, context.held);
  if (conflict) return conflictRefusal(conflict, resource.bufferMinutes);
  if (!quotaApplies(resource, context.organisationId)) return null;
  return quotaRefusal(candidate, context.ownBookings, resource.weeklyQuotaHours);
}

export function conflictRefusal(booking: HeldBooking, bufferMinutes: number): Refusal {
  return {
    code: BookingRefusalCode.BOOKING_CONFLICT,
    message:
      bufferMinutes > 0
        ? `Another booking holds the resource then (with ${bufferMinutes} minutes between bookings)`
        : 'Another booking holds the resource then',
    bookingId: booking.id || undefined,
    startsAt: booking.startsAt,
    endsAt: heldUntil(booking, bufferMinutes),
  };
}

/**
 * The parts of `range` outside every busy interval, in order, dropping pieces shorter than
 * `minMinutes` (nobody can book those).
 */
export function freeIntervals(
  range: Interval,
  busy: readonly Interval[],
  minMinutes = 0,
): Interval[] {
  if (range.endsAt <= range.startsAt) return [];
  const sorted = busy
    .filter((interval) => overlaps(interval, range))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const free: Interval[] = [];
  let cursor = range.startsAt;
  for (const interval of sorted) {
    if (interval.startsAt > cursor) free.push({ startsAt: cursor, endsAt: interval.startsAt });
    if (interval.endsAt > cursor) cursor = interval.endsAt;
    if (cursor >= range.endsAt) break;
  }
  if (cursor < range.endsAt) free.push({ startsAt: cursor, endsAt: range.endsAt });
  return free.filter((interval) => minutesOf(interval) > 0 && minutesOf(interval) >= minMinutes);
}

/**
 * The times a new booking cannot cover because of a live booking: from a buffer before it starts
 * to the end of what it holds (so a free interval is one a new booking can fill end to end).
 */
export function busyFor(booking: HeldBooking, bufferMinutes: number): Interval {
  return {
    startsAt: plusMinutes(booking.startsAt, -bufferMinutes),
    endsAt: heldUntil(booking, bufferMinutes),
  };
}
