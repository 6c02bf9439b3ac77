import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { ConnectionShape } from '../../graphql/pagination';
import { BlackoutsService } from './blackouts.service';
import {
  BlackoutIdInput,
  CreateBlackoutInput,
  CreateResourceInput,
  FreeInterval,
  ResourceAvailabilityArgs,
  ResourceConnection,
  ResourcesArgs,
  UpdateResourceInput,
} from './dto/resource.inputs';
import { Blackout } from './entities/blackout.entity';
import { Resource } from './entities/resource.entity';
import { ResourceAvailabilityService } from './resource-availability.service';
import { ResourceManagementService } from './resource-management.service';
import { ResourcesService } from './resources.service';

@Resolver(() => Resource)
export class ResourcesResolver {
  constructor(
    private readonly resourcesService: ResourcesService,
    private readonly management: ResourceManagementService,
    private readonly availability: ResourceAvailabilityService,
    private readonly blackouts: BlackoutsService,
  ) {}

  @Query(() => ResourceConnection, {
    description: 'Shared resources (rooms, vehicles, equipment) by name. Every signed-in person.',
  })
  resources(@Args() args: ResourcesArgs): Promise<ConnectionShape<Resource>> {
    return this.resourcesService.list(args);
  }

  @Query(() => Resource, { description: 'One shared resource. Every signed-in person.' })
  resource(
    @Args('id', { type: () => ID, description: 'The resource.' }) id: string,
  ): Promise<Resource> {
    return this.resourcesService.get(id);
  }

  @Query(() => [FreeInterval], {
    description:
      'When the resource can be booked in the range: from now, within its booking window, outside live ' +
      'bookings (with the buffer on both sides) and blackouts, in stretches at least its minimum duration. ' +
      "FORBIDDEN for someone else's OWNER_ONLY resource (its owner's members and officers only).",
  })
  resourceAvailability(
    @CurrentActor() actor: Actor,
    @Args() args: ResourceAvailabilityArgs,
  ): Promise<FreeInterval[]> {
    return this.availability.availability(actor, args);
  }

  @Mutation(() => Resource, {
    description:
      "Adds a resource: the municipality's (MUNICIPAL_OFFICER) or a verified organisation's own (its ORG_ADMIN).",
  })
  createResource(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The resource and its booking rules.' })
    input: CreateResourceInput,
  ): Promise<Resource> {
    return this.management.create(actor, input);
  }

  @Mutation(() => Resource, {
    description:
      'Changes a resource and its booking rules, for bookings made from then on (a booking keeps the buffer ' +
      'it was made with). The owner.',
  })
  updateResource(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The changes.' }) input: UpdateResourceInput,
  ): Promise<Resource> {
    return this.management.update(actor, input);
  }

  @Mutation(() => Blackout, {
    description:
      'Closes a resource for a period: new bookings in it are refused; bookings already made stay and are ' +
      'listed in `affectedBookings`. The owner (its ORG_ADMIN, or MUNICIPAL_OFFICER).',
  })
  createBlackout(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The resource and the period.' }) input: CreateBlackoutInput,
  ): Promise<Blackout> {
    return this.blackouts.create(actor, input);
  }

  @Mutation(() => Blackout, {
    description: 'Opens a closed period again; returns the removed blackout. The owner.',
  })
  removeBlackout(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The blackout.' }) input: BlackoutIdInput,
  ): Promise<Blackout> {
    return this.blackouts.remove(actor, input);
  }
}
