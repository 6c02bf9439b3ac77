import { Args, Context, ID, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { GraphQLContext } from '../../graphql/context';
import { MaxItems } from '../../graphql/cost';
import { required } from '../../graphql/loaders';
import { TimeRangeArgs } from '../../graphql/time-range.args';
import { District, DistrictsService } from '../districts';
import { Organisation, OrganisationsService } from '../organisations';
import { PeopleService, Person } from '../people';
import { BookingVisibility } from './booking-visibility.service';
import { BookingsService } from './bookings.service';
import { Blackout } from './entities/blackout.entity';
import { Booking } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';
import { ResourcesService } from './resources.service';

/** The most items `Resource.bookings` and `Resource.blackouts` answer for one range. */
const MAX_BOOKINGS_IN_RANGE = 50;
const MAX_BLACKOUTS_IN_RANGE = 20;

const PARTIES_ONLY =
  'For the parties (members of the booking and the owning organisation, municipal officers for the ' +
  "municipality's resources); null for everyone else, who sees only when the resource is taken.";

/**
 * A booking's fields. Who sees its details is decided by BookingVisibility.details: the booking
 * for a party, null for everyone else (who then sees only id, times and status).
 */
@Resolver(() => Booking)
export class BookingFieldsResolver {
  constructor(
    private readonly resources: ResourcesService,
    private readonly visibility: BookingVisibility,
    private readonly organisations: OrganisationsService,
    private readonly people: PeopleService,
  ) {}

  @ResolveField(() => Resource, { description: 'The resource booked.' })
  resource(@Parent() booking: Booking, @Context() context: GraphQLContext): Promise<Resource> {
    return required(
      context.loaders.get(this.resources.byId).load(booking.resourceId),
      `Resource of booking ${booking.id}`,
    );
  }

  @ResolveField(() => Boolean, {
    description:
      'true: you are not a party to this booking and see only that the resource is taken then (purpose, ' +
      'organisation, attendees and who booked are null).',
  })
  async busyOnly(
    @Parent() booking: Booking,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<boolean> {
    return (await this.visibility.details(actor, booking, context.loaders)) === null;
  }

  @ResolveField(() => Organisation, {
    nullable: true,
    description: `The organisation that booked it. ${PARTIES_ONLY}`,
  })
  async organisation(
    @Parent() booking: Booking,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<Organisation | null> {
    const details = await this.visibility.details(actor, booking, context.loaders);
    if (!details) return null;
    return required(
      context.loaders.get(this.organisations.byId).load(details.organisationId),
      `Organisation of booking ${booking.id}`,
    );
  }

  @ResolveField(() => Person, { nullable: true, description: `Who booked it. ${PARTIES_ONLY}` })
  async bookedBy(
    @Parent() booking: Booking,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<Person | null> {
    const details = await this.visibility.details(actor, booking, context.loaders);
    if (!details) return null;
    return context.loaders.get(this.people.byId).load(details.bookedById);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: `What it is for (never names of people). ${PARTIES_ONLY}`,
  })
  async purpose(
    @Parent() booking: Booking,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<string | null> {
    return (await this.visibility.details(actor, booking, context.loaders))?.purpose ?? null;
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: `How many people will come or travel, if given. ${PARTIES_ONLY}`,
  })
  async attendees(
    @Parent() booking: Booking,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<number | null> {
    return (await this.visibility.details(actor, booking, context.loaders))?.attendees ?? null;
  }

  @ResolveField(() => Boolean, {
    nullable: true,
    description:
      'Whether the public calendar shows it only as "Bokad" (always for a women\'s shelter). ' +
      PARTIES_ONLY,
  })
  async confidential(
    @Parent() booking: Booking,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<boolean | null> {
    return (await this.visibility.details(actor, booking, context.loaders))?.confidential ?? null;
  }

  @ResolveField(() => ID, {
    nullable: true,
    description: `The recurring booking it was made with (bookResourceRecurring), if any. ${PARTIES_ONLY}`,
  })
  async seriesId(
    @Parent() booking: Booking,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<string | null> {
    return (await this.visibility.details(actor, booking, context.loaders))?.seriesId ?? null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: `Why the owner refused it (REJECTED). ${PARTIES_ONLY}`,
  })
  async rejectionReason(
    @Parent() booking: Booking,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<string | null> {
    const details = await this.visibility.details(actor, booking, context.loaders);
    return details?.rejectionReason ?? null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: `Why it was cancelled, if a reason was given. ${PARTIES_ONLY}`,
  })
  async cancelReason(
    @Parent() booking: Booking,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<string | null> {
    return (await this.visibility.details(actor, booking, context.loaders))?.cancelReason ?? null;
  }
}

@Resolver(() => Resource)
export class ResourceFieldsResolver {
  constructor(
    private readonly bookingsService: BookingsService,
    private readonly organisations: OrganisationsService,
    private readonly districts: DistrictsService,
  ) {}

  @ResolveField(() => Organisation, {
    nullable: true,
    description: 'The owning organisation; null for a resource of the municipality.',
  })
  owner(
    @Parent() resource: Resource,
    @Context() context: GraphQLContext,
  ): Promise<Organisation | null> {
    if (resource.ownerOrganisationId === null) return Promise.resolve(null);
    return context.loaders.get(this.organisations.byId).load(resource.ownerOrganisationId);
  }

  @ResolveField(() => Boolean, { description: 'Whether the municipality owns it.' })
  municipal(@Parent() resource: Resource): boolean {
    return resource.ownerOrganisationId === null;
  }

  @ResolveField(() => District, { nullable: true, description: 'The district it is in, if any.' })
  district(
    @Parent() resource: Resource,
    @Context() context: GraphQLContext,
  ): Promise<District | null> {
    if (resource.districtId === null) return Promise.resolve(null);
    return context.loaders.get(this.districts.byId).load(resource.districtId);
  }

  @ResolveField(() => [Booking], {
    description:
      'Live (REQUESTED and CONFIRMED) bookings overlapping the range (default: the next 30 days; at most ' +
      `366 days and ${MAX_BOOKINGS_IN_RANGE} bookings: BAD_USER_INPUT beyond, ask for a shorter range), by ` +
      'start. The parties see their details, everyone else only busy time (see ' +
      "`Booking.busyOnly`); the bookings of someone else's OWNER_ONLY resource are for the owner's members " +
      'and municipal officers only.',
  })
  @MaxItems(MAX_BOOKINGS_IN_RANGE)
  bookings(
    @Parent() resource: Resource,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
    @Args() range: TimeRangeArgs,
  ): Promise<Booking[]> {
    return this.bookingsService.liveOf(actor, resource, range, context.loaders);
  }

  @ResolveField(() => [Blackout], {
    description:
      'Blackouts overlapping the range (default: the next 30 days; at most 366 days and ' +
      `${MAX_BLACKOUTS_IN_RANGE} blackouts: BAD_USER_INPUT beyond, ask for a shorter range), by start.`,
  })
  @MaxItems(MAX_BLACKOUTS_IN_RANGE)
  blackouts(
    @Parent() resource: Resource,
    @Context() context: GraphQLContext,
    @Args() range: TimeRangeArgs,
  ): Promise<Blackout[]> {
    return this.bookingsService.blackoutsOf(resource, range, context.loaders);
  }
}

@Resolver(() => Blackout)
export class BlackoutFieldsResolver {
  constructor(
    private readonly resources: ResourcesService,
    private readonly bookings: BookingsService,
  ) {}

  @ResolveField(() => Resource, { description: 'The resource closed.' })
  resource(@Parent() blackout: Blackout, @Context() context: GraphQLContext): Promise<Resource> {
    return required(
      context.loaders.get(this.resources.byId).load(blackout.resourceId),
      `Resource of blackout ${blackout.id}`,
    );
  }

  @ResolveField(() => [Booking], {
    description:
      'Live bookings overlapping the blackout: made before it and not cancelled by it (their bookers were ' +
      'notified; settle them with each booker: cancelBooking, or remove the blackout). As for ' +
      '`Resource.bookings`, the parties see their details.',
  })
  affectedBookings(
    @Parent() blackout: Blackout,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<Booking[]> {
    return this.bookings.affectedBy(actor, blackout, context.loaders);
  }
}
