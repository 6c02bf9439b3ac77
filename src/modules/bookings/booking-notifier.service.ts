import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { SystemRole } from '../../common/actor';
import { TIME_ZONE } from '../../common/time';
import { NotificationKind, NotificationsService } from '../notifications';
import { OrganisationAccess } from '../organisations';
import { PeopleService } from '../people';
import { Blackout } from './entities/blackout.entity';
import { Booking } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';
import { OWNER_ROLES } from './resources.service';

/** "tisdag 12 jan 2027 18:00–20:00" in Stockholm time. */
function when(booking: Pick<Booking, 'startsAt' | 'endsAt'>): string {
  const start = DateTime.fromJSDate(booking.startsAt, { zone: TIME_ZONE }).setLocale('sv');
  const end = DateTime.fromJSDate(booking.endsAt, { zone: TIME_ZONE }).setLocale('sv');
  const sameDay = start.toISODate() === end.toISODate();
  return `${start.toFormat('cccc d LLL yyyy HH:mm')}–${end.toFormat(sameDay ? 'HH:mm' : 'd LLL HH:mm')}`;
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
    const what =
      bookings.length === 1 ? when(first) : `${bookings.length} tillfällen från ${when(first)}`;
    await this.notifications.notify(
      manager,
      approvers.map((recipientPersonId) => ({
        recipientPersonId,
        kind: NotificationKind.BOOKING_REQUESTED,
        subject: `Bokningsförfrågan: ${resource.name}`,
        body: `${resource.name} önskas ${what}: ${first.purpose}. Godkänn eller avslå förfrågan.`,
        data: {
          resourceId: resource.id,
          bookingIds: bookings.map((booking) => booking.id),
          ...(first.seriesId ? { seriesId: first.seriesId } : {}),
        },
      })),
    );
  }

  approved(manager: EntityManager, resource: Resource, booking: Booking): Promise<void> {
    return this.toBooker(manager, resource, booking, NotificationKind.BOOKING_APPROVED, {
      subject: `Bokningen är godkänd: ${resource.name}`,
      body: `Din bokning av ${resource.name} ${when(booking)} är godkänd.`,
    });
  }

  rejected(manager: EntityManager, resource: Resource, booking: Booking): Promise<void> {
    return this.toBooker(manager, resource, booking, NotificationKind.BOOKING_REJECTED, {
      subject: `Bokningen är avslagen: ${resource.name}`,
      body: `Din bokning av ${resource.name} ${when(booking)} är avslagen: ${booking.rejectionReason ?? ''}`,
    });
  }

  cancelledByOwner(manager: EntityManager, resource: Resource, booking: Booking): Promise<void> {
    const reason = booking.cancelReason ? `: ${booking.cancelReason}` : '.';
    return this.toBooker(manager, resource, booking, NotificationKind.BOOKING_CANCELLED, {
      subject: `Bokningen är avbokad: ${resource.name}`,
      body: `Din bokning av ${resource.name} ${when(booking)} har avbokats av ägaren${reason}`,
    });
  }

  /** The booker of a recurring booking whose remaining bookings the owner cancelled, once. */
  seriesCancelledByOwner(
    manager: EntityManager,
    resource: Resource,
    bookings: readonly Booking[],
  ): Promise<void> {
    const [first] = bookings;
    const reason = first.cancelReason ? `: ${first.cancelReason}` : '.';
    return this.notifications.notify(manager, [
      {
        recipientPersonId: first.bookedById,
        kind: NotificationKind.BOOKING_CANCELLED,
        subject: `Bokningarna är avbokade: ${resource.name}`,
        body:
          `Dina ${bookings.length} återstående bokningar av ${resource.name} från ${when(first)} ` +
          `har avbokats av ägaren${reason}`,
        data: {
          resourceId: resource.id,
          seriesId: first.seriesId,
          bookingIds: bookings.map((booking) => booking.id),
        },
      },
    ]);
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
        subject: `Stängt under din bokning: ${resource.name}`,
        body:
          `${resource.name} är stängt ${when(blackout)} (${blackout.reason}), under din bokning ` +
          `${when(booking)}. Bokningen står kvar tills du och ägaren har kommit överens: avboka den ` +
          'eller hör av dig till ägaren.',
        data: { bookingId: booking.id, resourceId: resource.id, blackoutId: blackout.id },
      })),
    );
  }

  /** The bookers of requests that started without an answer (see BookingJobsService). */
  expired(manager: EntityManager, resource: Resource, booking: Booking): Promise<void> {
    return this.toBooker(manager, resource, booking, NotificationKind.BOOKING_EXPIRED, {
      subject: `Bokningsförfrågan besvarades inte: ${resource.name}`,
      body:
        `Din förfrågan om ${resource.name} ${when(booking)} besvarades inte innan den började ` +
        'och är stängd.',
    });
  }

  private toBooker(
    manager: EntityManager,
    resource: Resource,
    booking: Booking,
    kind: NotificationKind,
    text: { subject: string; body: string },
  ): Promise<void> {
    return this.notifications.notify(manager, [
      {
        recipientPersonId: booking.bookedById,
        kind,
        ...text,
        data: { bookingId: booking.id, resourceId: resource.id },
      },
    ]);
  }
}
