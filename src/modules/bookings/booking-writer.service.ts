import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, requirePerson } from '../../common/actor';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit';
import { MANAGERS, Organisation, OrganisationAccess, OrganisationsService } from '../organisations';
import {
  bookingShapeProblems,
  Interval,
  mayBook,
  plusMinutes,
  quotaApplies,
} from './bookings.rules';
import { Booking, BookingStatus } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';
import { ResourceSchedule } from './resource-schedule.service';
import { ResourcesService } from './resources.service';

/** Who books: the person, for the organisation, the resource as read before the transaction. */
export interface Booker {
  personId: string;
  resource: Resource;
  organisation: Organisation;
}

/** What a new booking says beyond its interval. */
type BookingFields = Pick<Booking, 'purpose' | 'attendees' | 'seriesId' | 'confidential'>;

/**
 * The steps every booking takes, single or recurring: who may book (before the transaction), the
 * resource locked and its rules checked again as they are now (in it), and the insert with its
 * audit entry.
 */
@Injectable()
export class BookingWriter {
  constructor(
    private readonly resources: ResourcesService,
    private readonly schedule: ResourceSchedule,
    private readonly organisations: OrganisationsService,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
  ) {}

  /**
   * The caller books for the organisation: its COORDINATOR or ORG_ADMIN (FORBIDDEN), the
   * organisation VERIFIED (ORGANISATION_NOT_VERIFIED) and allowed to book the resource (FORBIDDEN).
   */
  async requireBooker(actor: Actor, resourceId: string, organisationId: string): Promise<Booker> {
    const person = requirePerson(actor, 'Only a signed-in person books resources');
    const resource = await this.resources.get(resourceId);
    const organisation = await this.organisations.get(organisationId);
    await this.access.requireRole(actor, organisation.id, MANAGERS);
    this.organisations.requireVerified(organisation);
    this.requireMayBook(resource, organisation);
    return { personId: person.personId, resource, organisation };
  }

  /** BAD_USER_INPUT when the interval or the attendees do not fit the resource's limits. */
  requireWellFormed(
    resource: Resource,
    interval: Interval,
    attendees: number | null | undefined,
  ): void {
    const problems = bookingShapeProblems(resource, interval, attendees);
    if (Object.keys(problems).length > 0)
      throw DomainError.badInput('The booking is not well-formed', problems);
  }

  /**
   * The resource locked for booking (see ResourceSchedule), its rules checked again as they are
   * now; the organisation's quota serialised when the quota applies to it.
   */
  async lockAndRecheck(
    manager: EntityManager,
    booker: Booker,
    interval: Interval,
    attendees: number | null | undefined,
  ): Promise<Resource> {
    const resource = await this.schedule.lockForBooking(manager, booker.resource.id);
    this.requireMayBook(resource, booker.organisation);
    this.requireWellFormed(resource, interval, attendees);
    if (quotaApplies(resource, booker.organisation.id))
      await this.schedule.lockQuota(manager, resource.id, booker.organisation.id);
    return resource;
  }

  /** Inserts the bookings (REQUESTED when the resource needs approval, unless the owner books). */
  async insert(
    manager: EntityManager,
    actor: Actor,
    booker: Booker,
    resource: Resource,
    intervals: readonly Interval[],
    fields: BookingFields,
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
      bookings.push(booking);
    }
    await this.audit.recordMany(
      manager,
      actor,
      bookings.map((booking) => ({
        action: status === BookingStatus.REQUESTED ? 'booking.requested' : 'booking.confirmed',
        entityType: 'Booking',
        entityId: booking.id,
        after: {
          resourceId: resource.id,
          organisationId: booker.organisation.id,
          startsAt: booking.startsAt.toISOString(),
          endsAt: booking.endsAt.toISOString(),
          status,
          ...(fields.confidential ? { confidential: true } : {}),
          ...(fields.seriesId ? { seriesId: fields.seriesId } : {}),
        },
      })),
    );
    return bookings;
  }

  private requireMayBook(resource: Resource, organisation: Organisation): void {
    if (!mayBook(resource, organisation)) {
      throw DomainError.forbidden(
        'This resource cannot be booked by your organisation (see its bookableBy)',
      );
    }
  }
}
