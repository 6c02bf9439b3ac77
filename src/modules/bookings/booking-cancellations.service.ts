import { Injectable } from '@nestjs/common';
import { EntityManager, In, MoreThan } from 'typeorm';
import { Actor, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { Database } from '../../database/database.service';
import { MANAGERS, OrganisationAccess } from '../organisations';
import { BookingNotifier } from './booking-notifier.service';
import { BookingTransitions } from './booking-transitions.service';
import { BookingsService } from './bookings.service';
import { CancelBookingInput, CancelBookingSeriesInput } from './dto/booking.inputs';
import { BookingSeries } from './entities/booking-series.entity';
import { Booking, BookingStatus, LIVE_BOOKING_STATUSES } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';
import { ResourcesService } from './resources.service';

/**
 * Cancelling: the booking organisation's COORDINATOR or ORG_ADMIN, or the owner (who then
 * notifies the booker). One booking until it ends, or what is left of a recurring booking (its
 * live bookings that have not started) in one transaction. The time is free at once.
 */
@Injectable()
export class BookingCancellationsService {
  constructor(
    private readonly database: Database,
    private readonly bookings: BookingsService,
    private readonly resources: ResourcesService,
    private readonly access: OrganisationAccess,
    private readonly notifier: BookingNotifier,
    private readonly transitions: BookingTransitions,
    private readonly clock: Clock,
  ) {}

  /** REQUESTED or CONFIRMED → CANCELLED, until the booking ends. */
  async cancel(actor: Actor, input: CancelBookingInput): Promise<Booking> {
    const booking = await this.bookings.get(input.bookingId);
    const resource = await this.resources.get(booking.resourceId);
    const bookerSide = await this.requireCanceller(actor, booking.organisationId, resource);
    const person = requirePerson(actor, 'Only a person cancels bookings');
    return this.database.transaction(async (manager) => {
      const current = await this.transitions.current(manager, booking.id, BookingStatus.CANCELLED);
      const [cancelled] = await this.cancelAll(manager, actor, person.personId, [current], input);
      if (!bookerSide) await this.notifier.cancelledByOwner(manager, resource, cancelled);
      return cancelled;
    });
  }

  /**
   * The rest of a recurring booking: its live bookings that have not started yet, in start order
   * (those under way or past stay). INVALID_STATE_TRANSITION when none is left.
   */
  async cancelSeries(actor: Actor, input: CancelBookingSeriesInput): Promise<Booking[]> {
    const series = await this.database.dataSource.manager.findOneBy(BookingSeries, {
      id: input.seriesId,
    });
    if (!series) throw DomainError.notFound('BookingSeries', input.seriesId);
    const resource = await this.resources.get(series.resourceId);
    const bookerSide = await this.requireCanceller(actor, series.organisationId, resource);
    const person = requirePerson(actor, 'Only a person cancels bookings');
    return this.database.transaction(async (manager) => {
      const left = await manager.find(Booking, {
        where: {
          seriesId: series.id,
          status: In(LIVE_BOOKING_STATUSES),
          startsAt: MoreThan(this.clock.now()),
        },
        order: { startsAt: 'ASC', id: 'ASC' },
      });
      if (left.length === 0)
        throw DomainError.invalidTransition(
          'BookingSeries',
          'NOTHING_LEFT',
          BookingStatus.CANCELLED,
        );
      const cancelled = await this.cancelAll(manager, actor, person.personId, left, input);
      if (!bookerSide) await this.notifier.seriesCancelledByOwner(manager, resource, cancelled);
      return cancelled;
    });
  }

  /**
   * Whether the actor cancels as the booker (true) or as the owner (false); FORBIDDEN (or
   * UNAUTHENTICATED) when neither.
   */
  private async requireCanceller(
    actor: Actor,
    organisationId: string,
    resource: Resource,
  ): Promise<boolean> {
    if (await this.access.hasRole(actor, organisationId, MANAGERS)) return true;
    if (await this.resources.isOwnerSide(actor, resource)) return false;
    if (actor.kind === 'anonymous') throw DomainError.unauthenticated();
    throw DomainError.forbidden(
      "Only the booking organisation's coordinators and the resource's owner cancel a booking",
    );
  }

  private async cancelAll(
    manager: EntityManager,
    actor: Actor,
    personId: string,
    bookings: Booking[],
    input: { reason?: string | null },
  ): Promise<Booking[]> {
    const cancelled: Booking[] = [];
    for (const booking of bookings) {
      cancelled.push(
        await this.transitions.change(manager, actor, booking, BookingStatus.CANCELLED, {
          cancelledById: personId,
          cancelledAt: this.clock.now(),
          cancelReason: input.reason ?? null,
        }),
      );
    }
    return cancelled;
  }
}
