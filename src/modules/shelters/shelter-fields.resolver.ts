import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, ApiScope } from '../../common/actor';
import { AllowApiScope } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { GraphQLContext } from '../../graphql/context';
import { TimeRangeArgs } from '../../graphql/time-range.args';
import { Organisation, OrganisationsService } from '../organisations';
import { PeopleService, Person } from '../people';
import { ShelterAvailability } from './dto/shelter.inputs';
import { PlacementRequest } from './entities/placement-request.entity';
import { ShelterAvailabilityReport } from './entities/shelter-availability-report.entity';
import { Shelter } from './entities/shelter.entity';
import { ShelterAvailabilityService } from './shelter-availability.service';
import { SheltersService } from './shelters.service';

/** Loads an organisation that a record names; a missing one is a broken foreign key. */
async function organisationOf(
  organisations: OrganisationsService,
  context: GraphQLContext,
  organisationId: string,
): Promise<Organisation> {
  const organisation = await context.loaders.get(organisations.byId).load(organisationId);
  if (!organisation) throw new Error(`Missing organisation ${organisationId}`);
  return organisation;
}

@Resolver(() => Shelter)
export class ShelterFieldsResolver {
  constructor(
    private readonly availabilityService: ShelterAvailabilityService,
    private readonly organisations: OrganisationsService,
  ) {}

  @ResolveField(() => Organisation, { description: 'The organisation that runs the shelter.' })
  organisation(
    @Parent() shelter: Shelter,
    @Context() context: GraphQLContext,
  ): Promise<Organisation> {
    return organisationOf(this.organisations, context, shelter.organisationId);
  }

  @ResolveField(() => ShelterAvailability, {
    description: 'Its availability now, with counts (who sees the shelter may see its counts).',
  })
  availability(@Parent() shelter: Shelter): ShelterAvailability {
    return this.availabilityService.of(shelter, true);
  }

  @ResolveField(() => [ShelterAvailabilityReport], {
    description:
      'Its availability reports in the range, newest first (default: the 30 days up to now; with ' +
      'only `to`, the 30 days before it).',
  })
  availabilityReports(
    @Parent() shelter: Shelter,
    @Context() context: GraphQLContext,
    @Args() range: TimeRangeArgs,
  ): Promise<ShelterAvailabilityReport[]> {
    return context.loaders
      .get(this.availabilityService.reportsByShelterAndRange)
      .load({ ownerId: shelter.id, range: { from: range.from, to: range.to } });
  }
}

@Resolver(() => ShelterAvailability)
export class ShelterAvailabilityFieldsResolver {
  constructor(
    private readonly availability: ShelterAvailabilityService,
    private readonly organisations: OrganisationsService,
  ) {}

  @ResolveField(() => Organisation, {
    nullable: true,
    description:
      'The organisation that runs the shelter, to contact it. SOCIAL_SERVICES and its members only ' +
      '(null for partner apps).',
  })
  @AllowApiScope(ApiScope.SHELTERS_AVAILABILITY)
  async organisation(
    @Parent() entry: ShelterAvailability,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<Organisation | null> {
    if (!(await this.availability.seesOrganisation(actor, entry.organisationId))) return null;
    return organisationOf(this.organisations, context, entry.organisationId);
  }
}

@Resolver(() => PlacementRequest)
export class PlacementFieldsResolver {
  constructor(
    private readonly shelters: SheltersService,
    private readonly people: PeopleService,
  ) {}

  @ResolveField(() => Shelter, { description: 'The shelter asked.' })
  async shelter(
    @Parent() placement: PlacementRequest,
    @Context() context: GraphQLContext,
  ): Promise<Shelter> {
    const shelter = await context.loaders.get(this.shelters.byId).load(placement.shelterId);
    if (!shelter) throw new Error(`Placement ${placement.id} names a missing shelter`);
    return shelter;
  }

  @ResolveField(() => Person, {
    description:
      'The social services officer who asked: whom the shelter talks to about the arrival.',
  })
  async requestedBy(
    @Parent() placement: PlacementRequest,
    @Context() context: GraphQLContext,
  ): Promise<Person> {
    const person = await context.loaders.get(this.people.byId).load(placement.requestedById);
    if (!person) throw new Error(`Placement ${placement.id} names a missing person`);
    return person;
  }
}
