import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SystemRole } from '../../common/actor';
import { NotificationKind, NotificationsService, type UnaddressedNotice } from '../notifications';
import { OrganisationAccess } from '../organisations';
import { PeopleService } from '../people';
import { Blackout } from './entities/blackout.entity';
import { Booking } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';
import { OWNER_ROLES } from './resources.service';

/** What a booking notice says about the booking; the templates write it in the reader's words. */
function bookedTime(resource: Resource, booking: Pick<Booking, 'startsAt' | 'endsAt'>) {
  return { resourceName: resource.name, startsAt: booking.startsAt, endsAt: booking.endsAt };
}

/**
 * The notifications about bookings, stored in the caller's transaction (so whom to tell is read
 * in it too): whoever answers for the resource hears of requests waiting for them — the owning
 * organisation's ORG_ADMINs, or every MUNICIPAL_OFFICER for the municipality's resources; the
 * booker hears of the answer (approved, rejected with the reason), of the owner cancelling, of a
 * blackout over the booking, and of a request that expired unanswered.
 */
@Injectable()
export class BookingNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly access: OrganisationAccess,
    private readonly people: PeopleService,
  ) {}

  /** Who answers requests for the resource, read in the transaction. */
  approversOf(
    manager: EntityManager,
    resource: Pick<Resource, 'ownerOrganisationId'>,
  ): Promise<string[]> {
    return resource.ownerOrganisationId === null
      ? this.people.withSystemRole([SystemRole.MUNICIPAL_OFFICER], manager)
      : this.access.activePeopleWithRole(resource.ownerOrganisationId, OWNER_ROLES, manager);
  }

  async requested(
    manager: EntityManager,
    resource: Resource,
    bookings: readonly Booking[],
  ): Promise<void> {
    if (bookings.length === 0) return;
    const approvers = await this.approversOf(manager, resource);
    const first = bookings[0];
    await this.notifications.notify(
      manager,
      approvers.map((recipientPersonId) => ({
        recipientPersonId,
        kind: NotificationKind.BOOKING_REQUESTED,
        params: {
          ...bookedTime(resource, first),
          occasions: bookings.length,
          purpose: first.purpose,
        },
        data: {
          resourceId: resource.id,
          bookingIds: bookings.map((booking) => booking.id),
          ...(first.seriesId ? { seriesId: first.seriesId } : {}),
        },
      })),
    );
  }

  /**
   * Whoever answers for the resource: a request (all its bookings) has waited 48 hours for an
   * answer. The job claims the reminder once per request (see BookingJobsService).
   */
  async unanswered(
    manager: EntityManager,
    resource: Resource,
    bookings: readonly Booking[],
  ): Promise<void> {
    const approvers = await this.approversOf(manager, resource);
    const [first] = bookings;
    await this.notifications.notify(
      manager,
      approvers.map((recipientPersonId) => ({
        recipientPersonId,
        kind: NotificationKind.BOOKING_UNANSWERED,
        params: {
          ...bookedTime(resource, first),
          occasions: bookings.length,
          purpose: first.purpose,
          askedAt: first.createdAt,
        },
        data: {
          resourceId: resource.id,
          bookingIds: bookings.map((booking) => booking.id),
          ...(first.seriesId ? { seriesId: first.seriesId } : {}),
        },
      })),
    );
  }

  approved(manager: EntityManager, resource: Resource, booking: Booking): Promise<void> {
    return this.toBooker(manager, booking, {
      kind: NotificationKind.BOOKING_APPROVED,
      params: bookedTime(resource, booking),
      data: { bookingId: booking.id, resourceId: resource.id },
    });
  }

  rejected(manager: EntityManager, resource: Resource, booking: Booking): Promise<void> {
    return this.toBooker(manager, booking, {
      kind: NotificationKind.BOOKING_REJECTED,
      params: { ...bookedTime(resource, booking), reason: booking.rejectionReason ?? '' },
      data: { bookingId: booking.id, resourceId: resource.id },
    });
  }

  cancelledByOwner(manager: EntityManager, resource: Resource, booking: Booking): Promise<void> {
    return this.toBooker(manager, booking, {
      kind: NotificationKind.BOOKING_CANCELLED,
      params: { ...bookedTime(resource, booking), occasions: 1, reason: booking.cancelReason },
      data: { bookingId: booking.id, resourceId: resource.id },
    });
  }

  /** The booker of a recurring booking whose remaining bookings the owner cancelled, once. */
  seriesCancelledByOwner(
    manager: EntityManager,
    resource: Resource,
    bookings: readonly Booking[],
  ): Promise<void> {
    const [first] = bookings;
    return this.toBooker(manager, first, {
      kind: NotificationKind.BOOKING_CANCELLED,
      params: {
        ...bookedTime(resource, first),
        occasions: bookings.length,
        reason: first.cancelReason,
      },
      data: {
        resourceId: resource.id,
        seriesId: first.seriesId,
        bookingIds: bookings.map((booking) => booking.id),
      },
    });
  }

  /** Each booker whose live booking the new blackout covers (the booking stands until settled). */
  blackedOut(
    manager: EntityManager,
    resource: Resource,
    blackout: Blackout,
    bookings: readonly Booking[],
  ): Promise<void> {
    return this.notifications.notify(
      manager,
      bookings.map((booking) => ({
        recipientPersonId: booking.bookedById,
        kind: NotificationKind.BOOKING_BLACKED_OUT,
        params: {
          ...bookedTime(resource, booking),
          closedFrom: blackout.startsAt,
          closedTo: blackout.endsAt,
          reason: blackout.reason,
        },
        data: { bookingId: booking.id, resourceId: resource.id, blackoutId: blackout.id },
      })),
    );
  }

  /** The bookers of requests that started without an answer (see BookingJobsService). */
  expired(manager: EntityManager, resource: Resource, booking: Booking): Promise<void> {
    return this.toBooker(manager, booking, {
      kind: NotificationKind.BOOKING_EXPIRED,
      params: bookedTime(resource, booking),
      data: { bookingId: booking.id, resourceId: resource.id },
    });
  }

  private toBooker(
    manager: EntityManager,
    booking: Booking,
    notice: UnaddressedNotice,
  ): Promise<void> {
    return this.notifications.notify(manager, [
      { recipientPersonId: booking.bookedById, ...notice },
    ]);
  }
}
