import { Injectable } from '@nestjs/common';
import { Actor, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { Database } from '../../database/database.service';
import { BookingNotifier } from './booking-notifier.service';
import { BookingTransitions } from './booking-transitions.service';
import { BookingRefusalCode } from './bookings.rules';
import { BookingsService } from './bookings.service';
import { BookingIdInput, RejectBookingInput } from './dto/booking.inputs';
import { Booking, BookingStatus } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';
import { refusalError, ResourceSchedule } from './resource-schedule.service';
import { ResourcesService } from './resources.service';

/**
 * The owner's answer to a request (approve, reject with a reason: only the owning organisation's
 * ORG_ADMIN, or a MUNICIPAL_OFFICER for the municipality's resources), before the booking starts
 * (then it expires, see BookingJobsService). Each is one conditional status change
 * (BookingTransitions) with the booker's notification in the same transaction. Cancelling is
 * BookingCancellationsService.
 */
@Injectable()
export class BookingDecisionsService {
  constructor(
    private readonly database: Database,
    private readonly bookings: BookingsService,
    private readonly resources: ResourcesService,
    private readonly schedule: ResourceSchedule,
    private readonly notifier: BookingNotifier,
    private readonly transitions: BookingTransitions,
    private readonly clock: Clock,
  ) {}

  /** REQUESTED → CONFIRMED, unless the owner has closed the resource then. */
  async approve(actor: Actor, input: BookingIdInput): Promise<Booking> {
    const { booking, resource } = await this.requireOwnerSide(actor, input.bookingId);
    const person = requirePerson(actor, 'Only a person answers requests');
    return this.database.transaction(async (manager) => {
      // Held against a blackout being added meanwhile.
      await this.schedule.lockForBooking(manager, resource.id);
      const current = await this.transitions.current(manager, booking.id, BookingStatus.CONFIRMED);
      const [blackout] = await this.schedule.blackoutsIn(manager, resource.id, current);
      if (blackout) {
        throw refusalError({
          code: BookingRefusalCode.RESOURCE_BLACKED_OUT,
          message: 'The resource is closed then: remove the blackout or reject the booking',
          blackoutId: blackout.id,
          startsAt: blackout.startsAt,
          endsAt: blackout.endsAt,
        });
      }
      const decided = await this.transitions.change(
        manager,
        actor,
        current,
        BookingStatus.CONFIRMED,
        { decidedById: person.personId, decidedAt: this.clock.now() },
      );
      await this.notifier.approved(manager, resource, decided);
      return decided;
    });
  }

  /** REQUESTED → REJECTED with a reason the booker is told. */
  async reject(actor: Actor, input: RejectBookingInput): Promise<Booking> {
    const { booking, resource } = await this.requireOwnerSide(actor, input.bookingId);
    const person = requirePerson(actor, 'Only a person answers requests');
    return this.database.transaction(async (manager) => {
      const current = await this.transitions.current(manager, booking.id, BookingStatus.REJECTED);
      const decided = await this.transitions.change(
        manager,
        actor,
        current,
        BookingStatus.REJECTED,
        {
          rejectionReason: input.reason,
          decidedById: person.personId,
          decidedAt: this.clock.now(),
        },
      );
      await this.notifier.rejected(manager, resource, decided);
      return decided;
    });
  }

  private async requireOwnerSide(
    actor: Actor,
    bookingId: string,
  ): Promise<{ booking: Booking; resource: Resource }> {
    const booking = await this.bookings.get(bookingId);
    const resource = await this.resources.get(booking.resourceId);
    await this.resources.requireOwnerSide(actor, resource);
    return { booking, resource };
  }
}
