import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, ApiScope } from '../../common/actor';
import { AllowApiScope } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { GraphQLContext } from '../../graphql/context';
import { TimeRangeArgs } from '../../graphql/time-range.args';
import { Organisation, OrganisationAccess, OrganisationsService } from '../organisations';
import { ShelterAvailability } from './dto/shelter.inputs';
import { PlacementRequest } from './entities/placement-request.entity';
import { ShelterAvailabilityReport } from './entities/shelter-availability-report.entity';
import { Shelter } from './entities/shelter.entity';
import { isSocialServices, SheltersService } from './shelters.service';

@Resolver(() => Shelter)
export class ShelterFieldsResolver {
  constructor(
    private readonly shelters: SheltersService,
    private readonly organisations: OrganisationsService,
  ) {}

  @ResolveField(() => Organisation, { description: 'The organisation that runs the shelter.' })
  async organisation(
    @Parent() shelter: Shelter,
    @Context() context: GraphQLContext,
  ): Promise<Organisation> {
    const organisation = await context.loaders
      .get(this.organisations.byId)
      .load(shelter.organisationId);
    if (!organisation) throw new Error(`Shelter ${shelter.id} names a missing organisation`);
    return organisation;
  }

  @ResolveField(() => ShelterAvailability, {
    description:
      'Its availability now, with counts (you see this shelter: you may see its counts).',
  })
  availability(@Parent() shelter: Shelter): ShelterAvailability {
    return this.shelters.availabilityOf(shelter, true);
  }

  @ResolveField(() => [ShelterAvailabilityReport], {
    description:
      'Its availability reports in the range, newest first (default: the 30 days up to now; with only `to`, the 30 days before it).',
  })
  availabilityReports(
    @Parent() shelter: Shelter,
    @Context() context: GraphQLContext,
    @Args() range: TimeRangeArgs,
  ): Promise<ShelterAvailabilityReport[]> {
    return context.loaders
      .get(this.shelters.reportsByShelterAndRange)
      .load({ shelterId: shelter.id, from: range.from, to: range.to });
  }
}

@Resolver(() => ShelterAvailability)
export class ShelterAvailabilityFieldsResolver {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly access: OrganisationAccess,
  ) {}

  @ResolveField(() => Organisation, {
    nullable: true,
    description:
      'The organisation that runs the shelter, to contact it. SOCIAL_SERVICES and its members only (null for partner apps).',
  })
  @AllowApiScope(ApiScope.SHELTERS_AVAILABILITY)
  async organisation(
    @Parent() availability: ShelterAvailability,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<Organisation | null> {
    if (
      !isSocialServices(actor) &&
      !(await this.access.isActiveMember(actor, availability.organisationId))
    ) {
      return null;
    }
    return context.loaders.get(this.organisations.byId).load(availability.organisationId);
  }
}

@Resolver(() => PlacementRequest)
export class PlacementFieldsResolver {
  constructor(private readonly shelters: SheltersService) {}

  @ResolveField(() => Shelter, { description: 'The shelter asked.' })
  async shelter(
    @Parent() placement: PlacementRequest,
    @Context() context: GraphQLContext,
  ): Promise<Shelter> {
    const shelter = await context.loaders.get(this.shelters.byId).load(placement.shelterId);
    if (!shelter) throw new Error(`Placement ${placement.id} names a missing shelter`);
    return shelter;
  }
}
