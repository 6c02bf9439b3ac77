import { Injectable } from '@nestjs/common';
import { Actor, hasSystemRole, isAdmin, SystemRole } from '../../common/actor';
import { DomainError } from '../../common/errors/domain-error';
import { RequestLoaders, required } from '../../graphql/loaders';
import { OrganisationAccess } from '../organisations';
import { BookingSight, bookingSight, seesSchedule, Viewer } from './bookings.rules';
import { Booking } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';
import { ResourcesService } from './resources.service';

/**
 * Who sees what of a booking (the rules are `bookingSight` and `seesSchedule`): the parties —
 * members of the booking and of the owning organisation, officers for the municipality's
 * resources, ADMIN — see everything; everyone else signed in sees only when a resource is taken
 * (start, end, status), and nothing of someone else's OWNER_ONLY resource. Every GraphQL field that
 * shows a booking's details asks `details`; every list of a resource's bookings goes through
 * `visibleOf`.
 */
@Injectable()
export class BookingVisibility {
  constructor(
    private readonly access: OrganisationAccess,
    private readonly resources: ResourcesService,
  ) {}

  /** The actor as a viewer (their roles are read once per request, see OrganisationAccess). */
  async viewer(actor: Actor): Promise<Viewer> {
    return {
      admin: isAdmin(actor),
      officer: hasSystemRole(actor, SystemRole.MUNICIPAL_OFFICER),
      organisationIds: new Set(await this.access.activeOrganisationIds(actor)),
    };
  }

  async sightOf(
    actor: Actor,
    booking: Pick<Booking, 'organisationId'>,
    resource: Pick<Resource, 'ownerOrganisationId' | 'bookableBy'>,
  ): Promise<BookingSight> {
    return bookingSight(await this.viewer(actor), booking, resource);
  }

  /**
   * The booking with its details when the actor is a party to it; null when they see only that
   * the resource is taken (purpose, organisation, attendees, who booked and the rest are hidden).
   */
  async details(actor: Actor, booking: Booking, loaders: RequestLoaders): Promise<Booking | null> {
    const resource = await required(
      loaders.get(this.resources.byId).load(booking.resourceId),
      `Resource of booking ${booking.id}`,
    );
    return (await this.sightOf(actor, booking, resource)) === BookingSight.FULL ? booking : null;
  }

  /** Of a resource's bookings, those the actor sees (all, or none of someone else's OWNER_ONLY one). */
  async visibleOf<T extends Pick<Booking, 'organisationId'>>(
    actor: Actor,
    resource: Pick<Resource, 'ownerOrganisationId' | 'bookableBy'>,
    bookings: T[],
  ): Promise<T[]> {
    const viewer = await this.viewer(actor);
    return bookings.filter(
      (booking) => bookingSight(viewer, booking, resource) !== BookingSight.NONE,
    );
  }

  /** `visibleOf` for a resource named by id (read through the request's loader). */
  async visibleIn<T extends Pick<Booking, 'organisationId'>>(
    actor: Actor,
    resourceId: string,
    bookings: T[],
    loaders: RequestLoaders,
  ): Promise<T[]> {
    const resource = await required(
      loaders.get(this.resources.byId).load(resourceId),
      `Resource ${resourceId}`,
    );
    return this.visibleOf(actor, resource, bookings);
  }

  /** FORBIDDEN when the actor may not see when the resource is booked (see `seesSchedule`). */
  async requireSchedule(
    actor: Actor,
    resource: Pick<Resource, 'ownerOrganisationId' | 'bookableBy'>,
  ): Promise<void> {
    if (!seesSchedule(await this.viewer(actor), resource)) {
      throw DomainError.forbidden(
        "Only the owner's members and municipal officers see when this resource is booked",
      );
    }
  }
}
