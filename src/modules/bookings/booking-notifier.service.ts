import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { TIME_ZONE } from '../../common/time';
import { NotificationKind, NotificationsService } from '../notifications';
import { MembershipRole, MembershipsService, MembershipStatus } from '../organisations';
import { Booking } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';

/** "tisdag 12 jan 2027 18:00–20:00" in Stockholm time. */
function when(booking: Pick<Booking, 'startsAt' | 'endsAt'>): string {
  const start = DateTime.fromJSDate(booking.startsAt, { zone: TIME_ZONE }).setLocale('sv');
  const end = DateTime.fromJSDate(booking.endsAt, { zone: TIME_ZONE }).setLocale('sv');
  const sameDay = start.toISODate() === end.toISODate();
  return `${start.toFormat('cccc d LLL yyyy HH:mm')}–${end.toFormat(sameDay ? 'HH:mm' : 'd LLL HH:mm')}`;
}

/**
 * The notifications about bookings, stored in the caller's transaction: the booker hears of the
 * owner's answer (approved, rejected with the reason, cancelled by the owner); the owning
 * organisation's ORG_ADMINs hear of requests waiting for them. (Requests for the municipality's
 * resources are listed for officers by `bookings(filter: { status: REQUESTED })`.)
 */
@Injectable()
export class BookingNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly memberships: MembershipsService,
  ) {}

  /** Who approves requests for the resource, by notification (read before the transaction). */
  async approversOf(resource: Pick<Resource, 'ownerOrganisationId'>): Promise<string[]> {
    if (resource.ownerOrganisationId === null) return [];
    const members = await this.memberships.byOrganisation().load(resource.ownerOrganisationId);
    return members
      .filter(
        (member) =>
          member.status === MembershipStatus.ACTIVE && member.role === MembershipRole.ORG_ADMIN,
      )
      .flatMap((member) => (member.personId ? [member.personId] : []));
  }

  requested(
    manager: EntityManager,
    approvers: readonly string[],
    resource: Resource,
    bookings: readonly Booking[],
  ): Promise<void> {
    if (bookings.length === 0) return Promise.resolve();
    const first = bookings[0];
    const what =
      bookings.length === 1 ? when(first) : `${bookings.length} tillfällen från ${when(first)}`;
    return this.notifications.notify(
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
    return this.notifications.notify(manager, [
      {
        recipientPersonId: booking.bookedById,
        kind: NotificationKind.BOOKING_APPROVED,
        subject: `Bokningen är godkänd: ${resource.name}`,
        body: `Din bokning av ${resource.name} ${when(booking)} är godkänd.`,
        data: { bookingId: booking.id, resourceId: resource.id },
      },
    ]);
  }

  rejected(manager: EntityManager, resource: Resource, booking: Booking): Promise<void> {
    return this.notifications.notify(manager, [
      {
        recipientPersonId: booking.bookedById,
        kind: NotificationKind.BOOKING_REJECTED,
        subject: `Bokningen är avslagen: ${resource.name}`,
        body: `Din bokning av ${resource.name} ${when(booking)} är avslagen: ${booking.rejectionReason ?? ''}`,
        data: { bookingId: booking.id, resourceId: resource.id },
      },
    ]);
  }

  cancelledByOwner(manager: EntityManager, resource: Resource, booking: Booking): Promise<void> {
    const reason = booking.cancelReason ? `: ${booking.cancelReason}` : '.';
    return this.notifications.notify(manager, [
      {
        recipientPersonId: booking.bookedById,
        kind: NotificationKind.BOOKING_CANCELLED,
        subject: `Bokningen är avbokad: ${resource.name}`,
        body: `Din bokning av ${resource.name} ${when(booking)} har avbokats av ägaren${reason}`,
        data: { bookingId: booking.id, resourceId: resource.id },
      },
    ]);
  }
}
