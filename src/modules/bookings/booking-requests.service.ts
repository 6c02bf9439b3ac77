import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { expandRecurrence, RecurrenceError } from '../../common/recurrence';
import { Database } from '../../database/database.service';
import { isBookingOverlap } from './booking-conflict';
import { BookingNotifier } from './booking-notifier.service';
import { Booker, BookingWriter } from './booking-writer.service';
import {
  HeldBooking,
  Interval,
  isConfidential,
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
import { refusalError, ResourceSchedule } from './resource-schedule.service';

/** Most occurrences one recurring booking may have (two years of weekly meetings). */
const MAX_RECURRING_OCCURRENCES = 104;
/** How often a recurring booking is tried again when a concurrent booking took one of its times. */
const RECURRING_ATTEMPTS = 3;

interface Planned {
  interval: Interval;
  refusal: Refusal | null;
}

/**
 * Making bookings: a COORDINATOR or ORG_ADMIN of a VERIFIED organisation the resource is bookable
 * by. Every rule is checked in the transaction that inserts the booking, against the resource as
 * it is then (see ResourceSchedule for the locks); the database refuses overlaps that get past.
 * A request (REQUESTED) is announced to whoever answers it, in the same transaction.
 */
@Injectable()
export class BookingRequestsService {
  constructor(
    private readonly database: Database,
    private readonly writer: BookingWriter,
    private readonly schedule: ResourceSchedule,
    private readonly notifier: BookingNotifier,
    private readonly clock: Clock,
  ) {}

  async book(actor: Actor, input: BookResourceInput): Promise<Booking> {
    const booker = await this.writer.requireBooker(actor, input.resourceId, input.organisationId);
    const interval = { startsAt: input.startsAt, endsAt: input.endsAt };
    this.writer.requireWellFormed(booker.resource, interval, input.attendees);
    try {
      return await this.database.transaction(async (manager) => {
        const resource = await this.writer.lockAndRecheck(
          manager,
          booker,
          interval,
          input.attendees,
        );
        const context = await this.schedule.context(
          manager,
          resource,
          booker.organisation.id,
          [interval],
          this.clock.now(),
        );
        const refusal = refusalFor(interval, context);
        if (refusal) throw refusalError(refusal);
        const [booking] = await this.writer.insert(manager, actor, booker, resource, [interval], {
          purpose: input.purpose,
          attendees: input.attendees ?? null,
          seriesId: null,
          confidential: isConfidential(booker.organisation, input.confidential),
        });
        if (booking.status === BookingStatus.REQUESTED)
          await this.notifier.requested(manager, resource, [booking]);
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
    const booker = await this.writer.requireBooker(actor, input.resourceId, input.organisationId);
    const occurrences = this.expand(input);
    this.writer.requireWellFormed(booker.resource, occurrences[0], input.attendees);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.database.transaction((manager) =>
          this.bookOccurrences(manager, actor, booker, input, occurrences),
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
  ): Promise<RecurringBookingResult> {
    const resource = await this.writer.lockAndRecheck(
      manager,
      booker,
      occurrences[0],
      input.attendees,
    );
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
    const bookings = await this.writer.insert(manager, actor, booker, resource, accepted, {
      purpose: input.purpose,
      attendees: input.attendees ?? null,
      seriesId: series.id,
      confidential: isConfidential(booker.organisation, input.confidential),
    });
    if (bookings[0].status === BookingStatus.REQUESTED)
      await this.notifier.requested(manager, resource, bookings);
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
