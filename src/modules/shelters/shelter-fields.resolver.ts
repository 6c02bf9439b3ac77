import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, ApiScope } from '../../common/actor';
import { AllowApiScope } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { GraphQLContext } from '../../graphql/context';
import { MaxItems } from '../../graphql/cost';
import { required } from '../../graphql/loaders';
import { TimeRangeArgs } from '../../graphql/time-range.args';
import { Organisation, OrganisationsService } from '../organisations';
import { PeopleService, Person } from '../people';
import { ShelterAvailability } from './dto/shelter.inputs';
import { PlacementRequest } from './entities/placement-request.entity';
import { ShelterAvailabilityReport } from './entities/shelter-availability-report.entity';
import { Shelter } from './entities/shelter.entity';
import { ShelterAvailabilityService } from './shelter-availability.service';
import { SheltersService } from './shelters.service';

/** The most reports `Shelter.availabilityReports` answers for one range. */
const MAX_REPORTS_IN_RANGE = 200;

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
    return required(
      context.loaders.get(this.organisations.byId).load(shelter.organisationId),
      `Organisation of shelter ${shelter.id}`,
    );
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
      `only \`to\`, the 30 days before it; at most ${MAX_REPORTS_IN_RANGE} reports: BAD_USER_INPUT beyond, ` +
      'ask for a shorter range).',
  })
  @MaxItems(MAX_REPORTS_IN_RANGE)
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
    private readonly shelters: SheltersService,
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
    if (!(await this.shelters.canSee(actor, entry))) return null;
    return required(
      context.loaders.get(this.organisations.byId).load(entry.organisationId),
      `Organisation of shelter ${entry.shelterId}`,
    );
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
    return required(
      context.loaders.get(this.shelters.byId).load(placement.shelterId),
      `Shelter of placement ${placement.id}`,
    );
  }

  @ResolveField(() => Person, {
    description:
      'The social services officer who asked: whom the shelter talks to about the arrival.',
  })
  async requestedBy(
    @Parent() placement: PlacementRequest,
    @Context() context: GraphQLContext,
  ): Promise<Person> {
    return required(
      context.loaders.get(this.people.byId).load(placement.requestedById),
      `Requester of placement ${placement.id}`,
    );
  }
}
