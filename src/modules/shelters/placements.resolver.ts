import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, SystemRole } from '../../common/actor';
import { RequireSystemRole } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { ConnectionShape } from '../../graphql/pagination';
import {
  CancelPlacementInput,
  PlacementIdInput,
  PlacementRequestConnection,
  PlacementRequestsArgs,
  RequestPlacementInput,
  RespondToPlacementInput,
} from './dto/placement.inputs';
import { PlacementRequest } from './entities/placement-request.entity';
import { PlacementReads } from './placement-reads.service';
import { PlacementsService } from './placements.service';

@Resolver(() => PlacementRequest)
export class PlacementsResolver {
  constructor(
    private readonly placements: PlacementsService,
    private readonly reads: PlacementReads,
  ) {}

  @Query(() => PlacementRequestConnection, {
    description:
      "Placement requests, newest first: all for SOCIAL_SERVICES, those to your shelters for a shelter organisation's " +
      'COORDINATOR and ORG_ADMIN. Every request returned is recorded in the audit log.',
  })
  placementRequests(
    @CurrentActor() actor: Actor,
    @Args() args: PlacementRequestsArgs,
  ): Promise<ConnectionShape<PlacementRequest>> {
    return this.reads.list(actor, args);
  }

  @Query(() => PlacementRequest, {
    description: 'One placement request, for either side. The read is recorded in the audit log.',
  })
  placementRequest(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID, description: 'The placement request.' }) id: string,
  ): Promise<PlacementRequest> {
    return this.reads.getOne(actor, id);
  }

  @Mutation(() => PlacementRequest, {
    description: 'Asks a shelter for places. SOCIAL_SERVICES only; the shelter is notified.',
  })
  @RequireSystemRole(SystemRole.SOCIAL_SERVICES)
  requestPlacement(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'What is needed.' }) input: RequestPlacementInput,
  ): Promise<PlacementRequest> {
    return this.placements.request(actor, input);
  }

  @Mutation(() => PlacementRequest, {
    description:
      "Accepts (holds the places until the hold expires) or declines a request. The shelter organisation's " +
      'COORDINATOR or ORG_ADMIN.',
  })
  respondToPlacement(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The answer.' }) input: RespondToPlacementInput,
  ): Promise<PlacementRequest> {
    return this.placements.respond(actor, input);
  }

  @Mutation(() => PlacementRequest, {
    description:
      'Confirms an accepted placement before its hold expires: the held places are taken. Either side.',
  })
  confirmPlacement(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The placement request.' }) input: PlacementIdInput,
  ): Promise<PlacementRequest> {
    return this.placements.confirm(actor, input);
  }

  @Mutation(() => PlacementRequest, {
    description: 'Withdraws a request that is not confirmed; held places are freed. Either side.',
  })
  cancelPlacement(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The request and why.' }) input: CancelPlacementInput,
  ): Promise<PlacementRequest> {
    return this.placements.cancel(actor, input);
  }
}
