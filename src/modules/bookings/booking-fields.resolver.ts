import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { GraphQLContext } from '../../graphql/context';
import { District, DistrictsService } from '../districts';
import { Organisation, OrganisationsService } from '../organisations';
import { PeopleService, Person } from '../people';
import { BookingsService } from './bookings.service';
import { BookingRangeArgs } from './dto/booking.inputs';
import { Blackout } from './entities/blackout.entity';
import { Booking } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';
import { ResourcesService } from './resources.service';

async function required<T>(value: Promise<T | null>, what: string): Promise<T> {
  const found = await value;
  if (!found) throw new Error(`${what} is missing`);
  return found;
}

@Resolver(() => Booking)
export class BookingFieldsResolver {
  constructor(
    private readonly resources: ResourcesService,
    private readonly bookings: BookingsService,
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

  @ResolveField(() => Organisation, { description: 'The organisation that booked it.' })
  organisation(
    @Parent() booking: Booking,
    @Context() context: GraphQLContext,
  ): Promise<Organisation> {
    return required(
      context.loaders.get(this.organisations.byId).load(booking.organisationId),
      `Organisation of booking ${booking.id}`,
    );
  }

  @ResolveField(() => Person, {
    nullable: true,
    description:
      'Who booked it: for members of the booking and the owning organisation and for municipal officers ' +
      '(null for everyone else).',
  })
  async bookedBy(
    @Parent() booking: Booking,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<Person | null> {
    const resource = await this.resource(booking, context);
    if (!(await this.bookings.isParty(actor, booking, resource))) return null;
    return context.loaders.get(this.people.byId).load(booking.bookedById);
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
      'Live (REQUESTED and CONFIRMED) bookings overlapping the range (default: the next 30 days), by start.',
  })
  bookings(
    @Parent() resource: Resource,
    @Context() context: GraphQLContext,
    @Args() range: BookingRangeArgs,
  ): Promise<Booking[]> {
    const { startsAt, endsAt } = this.bookingsService.defaultRange(range.from, range.to);
    return context.loaders
      .get(this.bookingsService.liveByResourceAndRange)
      .load({ resourceId: resource.id, startsAt, endsAt });
  }

  @ResolveField(() => [Blackout], {
    description: 'Blackouts overlapping the range (default: the next 30 days), by start.',
  })
  blackouts(
    @Parent() resource: Resource,
    @Context() context: GraphQLContext,
    @Args() range: BookingRangeArgs,
  ): Promise<Blackout[]> {
    const { startsAt, endsAt } = this.bookingsService.defaultRange(range.from, range.to);
    return context.loaders
      .get(this.bookingsService.blackoutsByResourceAndRange)
      .load({ resourceId: resource.id, startsAt, endsAt });
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
      'Live bookings overlapping the blackout: they were made before it and are not cancelled by it (settle ' +
      'them with each booker: cancelBooking, or remove the blackout).',
  })
  affectedBookings(
    @Parent() blackout: Blackout,
    @Context() context: GraphQLContext,
  ): Promise<Booking[]> {
    return context.loaders.get(this.bookings.liveByResourceAndRange).load({
      resourceId: blackout.resourceId,
      startsAt: blackout.startsAt,
      endsAt: blackout.endsAt,
    });
  }
}
