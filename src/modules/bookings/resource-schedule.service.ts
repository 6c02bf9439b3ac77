import { Injectable } from '@nestjs/common';
import { EntityManager, In, LessThan, MoreThan } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { toStockholmIso } from '../../common/time';
import { Database } from '../../database/database.service';
import {
  BookingContext,
  conflictingBooking,
  conflictRefusal,
  Interval,
  isoWeekEnd,
  isoWeekStart,
  plusMinutes,
  quotaApplies,
  Refusal,
} from './bookings.rules';
import { Blackout } from './entities/blackout.entity';
import { Booking, LIVE_BOOKING_STATUSES } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';

/** The span from the earliest start to the latest end of some intervals. */
function spanOf(intervals: readonly Interval[]): Interval {
  return {
    startsAt: new Date(Math.min(...intervals.map((interval) => interval.startsAt.getTime()))),
    endsAt: new Date(Math.max(...intervals.map((interval) => interval.endsAt.getTime()))),
  };
}

/** The DomainError a refusal becomes for a single booking: its code, with what it hit. */
export function refusalError(refusal: Refusal): DomainError {
  const details: Record<string, unknown> = {};
  if (refusal.bookingId) details.bookingId = refusal.bookingId;
  if (refusal.blackoutId) details.blackoutId = refusal.blackoutId;
  if (refusal.startsAt) details.startsAt = toStockholmIso(refusal.startsAt);
  if (refusal.endsAt) details.endsAt = toStockholmIso(refusal.endsAt);
  if (refusal.isoWeek) details.isoWeek = refusal.isoWeek;
  if (refusal.quotaMinutesLeft !== undefined) details.quotaMinutesLeft = refusal.quotaMinutesLeft;
  return new DomainError(ErrorCode[refusal.code], refusal.message, details);
}

/**
 * What a booking is checked against, read inside its transaction, and the locks that make the
 * check hold on PostgreSQL:
 * - bookings of one resource take a SHARE lock on its row, so they run side by side while a change
 *   of the resource's rules or a new blackout (an UPDATE lock) waits for them, and they for it;
 * - two bookings overlapping each other are settled by the exclusion constraint;
 * - the weekly quota is read-then-insert, so bookings of one organisation on one resource take a
 *   transaction-scoped advisory lock on that pair first (not the owner's own: no quota for them).
 * Without the share lock a booking could read the old rules or no blackout, and commit after the
 * change: bookings-concurrency.e2e-spec races both against bookings on PostgreSQL.
 * On SQLite every unit of work is serialised, so the check inside the transaction is enough; the
 * overlap triggers are the last line of defence there.
 */
@Injectable()
export class ResourceSchedule {
  constructor(private readonly database: Database) {}

  /** The resource, re-read in the transaction, held against changes while bookings are made. */
  async lockForBooking(manager: EntityManager, resourceId: string): Promise<Resource> {
    const resource = await manager.findOne(Resource, {
      where: { id: resourceId },
      ...(this.database.dialect === 'postgres'
        ? { lock: { mode: 'pessimistic_read' as const } }
        : {}),
    });
    if (!resource) throw DomainError.notFound('Resource', resourceId);
    return resource;
  }

  /** The resource, locked for a change of its rules or its blackouts. */
  async lockForChange(manager: EntityManager, resourceId: string): Promise<Resource> {
    const resource = await this.database.findOneForUpdate(manager, Resource, { id: resourceId });
    if (!resource) throw DomainError.notFound('Resource', resourceId);
    return resource;
  }

  /** Serialises the quota check of one organisation on one resource (PostgreSQL). */
  async lockQuota(
    manager: EntityManager,
    resourceId: string,
    organisationId: string,
  ): Promise<void> {
    if (this.database.dialect !== 'postgres') return;
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `booking-quota:${resourceId}:${organisationId}`,
    ]);
  }

  /** Live bookings, blackouts and the organisation's own bookings around the candidates. */
  async context(
    manager: EntityManager,
    resource: Resource,
    organisationId: string,
    candidates: readonly Interval[],
    now: Date,
  ): Promise<BookingContext> {
    const span = spanOf(candidates);
    const held = await this.heldAround(manager, resource, span);
    const blackouts = await this.blackoutsIn(manager, resource.id, span);
    const ownBookings = !quotaApplies(resource, organisationId)
      ? []
      : await manager.find(Booking, {
          where: {
            resourceId: resource.id,
            organisationId,
            status: In(LIVE_BOOKING_STATUSES),
            startsAt: LessThan(isoWeekEnd(span.endsAt)),
            endsAt: MoreThan(isoWeekStart(span.startsAt)),
          },
        });
    return { resource, organisationId, now, held, blackouts, ownBookings };
  }

  /**
   * After the database refused a booking that raced another one: BOOKING_CONFLICT naming the live
   * booking it overlaps (read after the other one committed).
   */
  async conflictAfterRace(resource: Resource, candidate: Interval): Promise<DomainError> {
    const held = await this.heldAround(this.database.dataSource.manager, resource, candidate);
    const hit = conflictingBooking(candidate, resource.bufferMinutes, held);
    if (hit) return refusalError(conflictRefusal(hit, resource.bufferMinutes));
    return new DomainError(
      ErrorCode.BOOKING_CONFLICT,
      'Another booking of the resource was made at the same time',
    );
  }

  /** The resource's blackouts overlapping `span`. */
  blackoutsIn(manager: EntityManager, resourceId: string, span: Interval): Promise<Blackout[]> {
    return manager.find(Blackout, {
      where: { resourceId, startsAt: LessThan(span.endsAt), endsAt: MoreThan(span.startsAt) },
    });
  }

  /** Live bookings of the resource that could conflict with a booking inside `span`. */
  heldAround(manager: EntityManager, resource: Resource, span: Interval): Promise<Booking[]> {
    return manager.find(Booking, {
      where: {
        resourceId: resource.id,
        status: In(LIVE_BOOKING_STATUSES),
        startsAt: LessThan(plusMinutes(span.endsAt, resource.bufferMinutes)),
        blockedUntil: MoreThan(plusMinutes(span.startsAt, -resource.bufferMinutes)),
      },
      order: { startsAt: 'ASC' },
    });
  }
}
