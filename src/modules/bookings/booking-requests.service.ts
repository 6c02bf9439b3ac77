import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { expandRecurrence, RecurrenceError } from '../../common/recurrence';
import { Database } from '../../database/database.service';
import { AuditService } from '../audit';
import { MANAGERS, Organisation, OrganisationAccess, OrganisationsService } from '../organisations';
import { isBookingOverlap } from './booking-conflict';
import { BookingNotifier } from './booking-notifier.service';
import {
  bookingShapeProblems,
  HeldBooking,
  Interval,
  mayBook,
  plusMinutes,
  Refusal,
  refusalFor,
} from './bookings.rules';
import {
  BookResourceInput,
  BookResourceRecurringInput,
  OccurrenceOutcome,
  RecurringBookingResult,
} from './dto/booking.inputs';
import { BookingSeries } from './entities/booking-series.entity';
import { Booking, BookingStatus } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';
import { refusalError, ResourceSchedule } from './resource-schedule.service';
import { ResourcesService } from './resources.service';

/** Most occurrences one recurring booking may have (two years of weekly meetings). */
export const MAX_RECURRING_OCCURRENCES = 104;
/** How often a recurring booking is tried again when a concurrent booking took one of its times. */
const RECURRING_ATTEMPTS = 3;

interface Booker {
  personId: string;
  resource: Resource;
  organisation: Organisation;
}

interface Planned {
  interval: Interval;
  refusal: Refusal | null;
}

/**
 * Making bookings: a COORDINATOR or ORG_ADMIN of a VERIFIED organisation the resource is bookable
 * by. Every rule is checked in the transaction that inserts the booking, against the resource as
 * it is then (see ResourceSchedule for the locks); the database refuses overlaps that get past.
 */
@Injectable()
export class BookingRequestsService {
  constructor(
    private readonly database: Database,
    private readonly resources: ResourcesService,
    private readonly schedule: ResourceSchedule,
    private readonly organisations: OrganisationsService,
    private readonly access: OrganisationAccess,
    private readonly notifier: BookingNotifier,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async book(actor: Actor, input: BookResourceInput): Promise<Booking> {
    const booker = await this.requireBooker(actor, input.resourceId, input.organisationId);
    const interval = { startsAt: input.startsAt, endsAt: input.endsAt };
    this.requireWellFormed(booker.resource, interval, input.attendees);
    const approvers = await this.notifier.approversOf(booker.resource);
    try {
      return await this.database.transaction(async (manager) => {
        const resource = await this.lockAndRecheck(manager, booker, interval, input.attendees);
        const context = await this.schedule.context(
          manager,
          resource,
          booker.organisation.id,
          [interval],
          this.clock.now(),
        );
        const refusal = refusalFor(interval, context);
        if (refusal) throw refusalError(refusal);
        const [booking] = await this.insert(manager, actor, booker, resource, [interval], {
          purpose: input.purpose,
          attendees: input.attendees ?? null,
          seriesId: null,
        });
        if (booking.status === BookingStatus.REQUESTED)
          await this.notifier.requested(manager, approvers, resource, [booking]);
        return booking;
      });
    } catch (error) {
      if (isBookingOverlap(error))
        throw await this.schedule.conflictAfterRace(booker.resource, interval);
      throw error;
    }
  }

  /**
   * Books every occurrence of an RRULE (Stockholm wall-clock time) in one transaction, or — with
   * skipConflicts — those that can be booked. Each occurrence is reported: booked, refused (code and
   * what it hit), or not booked because another was refused.
   */
  async bookRecurring(
    actor: Actor,
    input: BookResourceRecurringInput,
  ): Promise<RecurringBookingResult> {
    const booker = await this.requireBooker(actor, input.resourceId, input.organisationId);
    const occurrences = this.expand(input);
    this.requireWellFormed(booker.resource, occurrences[0], input.attendees);
    const approvers = await this.notifier.approversOf(booker.resource);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.database.transaction((manager) =>
          this.bookOccurrences(manager, actor, booker, input, occurrences, approvers),
        );
      } catch (error) {
        if (!isBookingOverlap(error)) throw error;
        // A concurrent booking took one of the times after this one's check: check again.
        if (attempt >= RECURRING_ATTEMPTS) {
          throw new DomainError(
            ErrorCode.BOOKING_CONFLICT,
            'Other bookings of the resource kept taking these times; try again',
          );
        }
      }
    }
  }

  private async bookOccurrences(
    manager: EntityManager,
    actor: Actor,
    booker: Booker,
    input: BookResourceRecurringInput,
    occurrences: Interval[],
    approvers: string[],
  ): Promise<RecurringBookingResult> {
    const resource = await this.lockAndRecheck(manager, booker, occurrences[0], input.attendees);
    const context = await this.schedule.context(
      manager,
      resource,
      booker.organisation.id,
      occurrences,
      this.clock.now(),
    );
    // Each occurrence is checked against what is booked and against the earlier occurrences.
    const accepted: HeldBooking[] = [];
    const planned: Planned[] = occurrences.map((interval) => {
      const refusal = refusalFor(interval, {
        ...context,
        held: [...context.held, ...accepted],
        ownBookings: [...context.ownBookings, ...accepted],
      });
      if (!refusal) {
        accepted.push({
          id: '',
          ...interval,
          blockedUntil: plusMinutes(interval.endsAt, resource.bufferMinutes),
        });
      }
      return { interval, refusal };
    });
    const refusedCount = planned.filter((occurrence) => occurrence.refusal).length;
    if (accepted.length === 0 || (refusedCount > 0 && !input.skipConflicts)) {
      return {
        seriesId: null,
        bookedCount: 0,
        refusedCount,
        occurrences: planned.map(({ interval, refusal }) => ({
          ...interval,
          outcome: refusal ? OccurrenceOutcome.REFUSED : OccurrenceOutcome.NOT_BOOKED,
          booking: null,
          refusal,
        })),
      };
    }
    const series = await manager.save(
      manager.create(BookingSeries, {
        resourceId: resource.id,
        organisationId: booker.organisation.id,
        rrule: input.rrule,
        firstStartsAt: input.firstStartsAt,
        durationMinutes: input.durationMinutes,
        createdById: booker.personId,
      }),
    );
    const bookings = await this.insert(manager, actor, booker, resource, accepted, {
      purpose: input.purpose,
      attendees: input.attendees ?? null,
      seriesId: series.id,
    });
    if (bookings[0].status === BookingStatus.REQUESTED)
      await this.notifier.requested(manager, approvers, resource, bookings);
    const byStart = new Map(bookings.map((booking) => [booking.startsAt.getTime(), booking]));
    return {
      seriesId: series.id,
      bookedCount: bookings.length,
      refusedCount,
      occurrences: planned.map(({ interval, refusal }) => ({
        ...interval,
        outcome: refusal ? OccurrenceOutcome.REFUSED : OccurrenceOutcome.BOOKED,
        booking: refusal ? null : (byStart.get(interval.startsAt.getTime()) ?? null),
        refusal,
      })),
    };
  }

  /** Inserts the bookings (REQUESTED when the resource needs approval, unless the owner books). */
  private async insert(
    manager: EntityManager,
    actor: Actor,
    booker: Booker,
    resource: Resource,
    intervals: Interval[],
    fields: Pick<Booking, 'purpose' | 'attendees' | 'seriesId'>,
  ): Promise<Booking[]> {
    const status =
      resource.requiresApproval && resource.ownerOrganisationId !== booker.organisation.id
        ? BookingStatus.REQUESTED
        : BookingStatus.CONFIRMED;
    const bookings: Booking[] = [];
    for (const interval of intervals) {
      const booking = await manager.save(
        manager.create(Booking, {
          resourceId: resource.id,
          organisationId: booker.organisation.id,
          bookedById: booker.personId,
          startsAt: interval.startsAt,
          endsAt: interval.endsAt,
          blockedUntil: plusMinutes(interval.endsAt, resource.bufferMinutes),
          ...fields,
          status,
          rejectionReason: null,
          decidedById: null,
          decidedAt: null,
          cancelledById: null,
          cancelledAt: null,
          cancelReason: null,
        }),
      );
      await this.audit.record(manager, actor, {
        action: status === BookingStatus.REQUESTED ? 'booking.requested' : 'booking.confirmed',
        entityType: 'Booking',
        entityId: booking.id,
        after: {
          resourceId: resource.id,
          organisationId: booker.organisation.id,
          startsAt: booking.startsAt.toISOString(),
          endsAt: booking.endsAt.toISOString(),
          status,
          ...(fields.seriesId ? { seriesId: fields.seriesId } : {}),
        },
      });
      bookings.push(booking);
    }
    return bookings;
  }

  /**
   * The caller books for the organisation: its COORDINATOR or ORG_ADMIN (FORBIDDEN), the
   * organisation VERIFIED (ORGANISATION_NOT_VERIFIED) and allowed to book the resource (FORBIDDEN).
   */
  private async requireBooker(
    actor: Actor,
    resourceId: string,
    organisationId: string,
  ): Promise<Booker> {
    const person = requirePerson(actor, 'Only a signed-in person books resources');
    const resource = await this.resources.get(resourceId);
    const organisation = await this.organisations.get(organisationId);
    await this.access.requireRole(actor, organisation.id, MANAGERS);
    this.organisations.requireVerified(organisation);
    this.requireMayBook(resource, organisation);
    return { personId: person.personId, resource, organisation };
  }

  private requireMayBook(resource: Resource, organisation: Organisation): void {
    if (!mayBook(resource, organisation)) {
      throw DomainError.forbidden(
        'This resource cannot be booked by your organisation (see its bookableBy)',
      );
    }
  }

  /** The resource locked for booking, its rules checked again as they are now. */
  private async lockAndRecheck(
    manager: EntityManager,
    booker: Booker,
    interval: Interval,
    attendees: number | null | undefined,
  ): Promise<Resource> {
    const resource = await this.schedule.lockForBooking(manager, booker.resource.id);
    this.requireMayBook(resource, booker.organisation);
    this.requireWellFormed(resource, interval, attendees);
    if (resource.weeklyQuotaHours !== null)
      await this.schedule.lockQuota(manager, resource.id, booker.organisation.id);
    return resource;
  }

  private requireWellFormed(
    resource: Resource,
    interval: Interval,
    attendees: number | null | undefined,
  ): void {
    const problems = bookingShapeProblems(resource, interval, attendees);
    if (Object.keys(problems).length > 0)
      throw DomainError.badInput('The booking is not well-formed', problems);
  }

  /** The occurrences (at least one, at most two years of them), or BAD_USER_INPUT. */
  private expand(input: BookResourceRecurringInput): Interval[] {
    try {
      return expandRecurrence(input, {
        maxOccurrences: MAX_RECURRING_OCCURRENCES,
        noun: 'bookings',
      });
    } catch (error) {
      if (error instanceof RecurrenceError)
        throw DomainError.badInput(error.message, { rrule: [error.message] });
      throw error;
    }
  }
}
