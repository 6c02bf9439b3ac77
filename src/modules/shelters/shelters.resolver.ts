import { Args, Context, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { type Actor, ApiScope, hasScope, SystemRole } from '../../common/actor';
import { AllowApiScope, RequireSystemRole } from '../../common/decorators/access.decorators';
import { swedishArea } from '../../common/swedish-areas';
import { actorFromContext, CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { GraphQLContext } from '../../graphql/context';
import {
  isSessionEnded,
  sessionEndedError,
  type SessionEnded,
} from '../../graphql/session-bound-stream';
import type { ConnectionShape } from '../../graphql/pagination';
import { RequestActors } from '../../common/request-actors';
import {
  CreateShelterInput,
  ReportShelterAvailabilityInput,
  ShelterAvailability,
  ShelterAvailabilityArgs,
  ShelterConnection,
  SheltersArgs,
  UpdateShelterInput,
} from './dto/shelter.inputs';
import { Shelter } from './entities/shelter.entity';
import {
  SHELTER_AVAILABILITY_CHANGED,
  ShelterEvent,
  type ShelterPayload,
  ShelterEvents,
} from './shelter-events.service';
import { ShelterAvailabilityService } from './shelter-availability.service';
import { isSocialServices, SheltersService } from './shelters.service';

/** Per published event (the same object reaches every subscriber): is its shelter listed? */
const LISTED_BY_EVENT = new WeakMap<ShelterEvent, Promise<boolean>>();

@Resolver(() => Shelter)
export class SheltersResolver {
  constructor(
    private readonly sheltersService: SheltersService,
    private readonly availability: ShelterAvailabilityService,
    private readonly events: ShelterEvents,
    private readonly actors: RequestActors,
  ) {}

  @Query(() => ShelterConnection, {
    description:
      'Shelters by name: all of them for SOCIAL_SERVICES, your own organisations’ for their members.',
  })
  shelters(
    @CurrentActor() actor: Actor,
    @Args() args: SheltersArgs,
  ): Promise<ConnectionShape<Shelter>> {
    return this.sheltersService.list(actor, args);
  }

  @Query(() => Shelter, {
    description: "One shelter: for SOCIAL_SERVICES and the shelter organisation's members.",
  })
  shelter(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID, description: 'The shelter.' }) id: string,
  ): Promise<Shelter> {
    return this.sheltersService.getVisible(actor, id);
  }

  @Query(() => [ShelterAvailability], {
    description:
      'Which shelters can take someone now, by area and name. SOCIAL_SERVICES see counts and names; ' +
      'partner apps with `shelters:availability` see status, area, groups, features and languages only.',
  })
  @RequireSystemRole(SystemRole.SOCIAL_SERVICES)
  @AllowApiScope(ApiScope.SHELTERS_AVAILABILITY)
  shelterAvailability(
    @CurrentActor() actor: Actor,
    @Args() args: ShelterAvailabilityArgs,
  ): Promise<ShelterAvailability[]> {
    return this.availability.list(actor, args.filter);
  }

  @Mutation(() => Shelter, {
    description:
      'Registers a shelter (no address: none is ever stored). ORG_ADMIN of a verified organisation.',
  })
  createShelter(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The shelter.' }) input: CreateShelterInput,
  ): Promise<Shelter> {
    return this.sheltersService.create(actor, input);
  }

  @Mutation(() => Shelter, { description: "Changes a shelter. The organisation's ORG_ADMIN." })
  updateShelter(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The changes.' }) input: UpdateShelterInput,
  ): Promise<Shelter> {
    return this.sheltersService.update(actor, input);
  }

  @Mutation(() => Shelter, {
    description:
      "Reports the shelter's free places now (every report is kept). COORDINATOR or ORG_ADMIN.",
  })
  reportShelterAvailability(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The free places.' }) input: ReportShelterAvailabilityInput,
  ): Promise<Shelter> {
    return this.availability.report(actor, input);
  }

  @Subscription(() => ShelterAvailability, {
    description:
      "A shelter's availability changed (a report, a hold, a confirmation, an expiry, or its last report " +
      'grew too old). Same visibility as `shelterAvailability`. When your session ends (sign-out, ' +
      'expired token, revoked key) it sends one UNAUTHENTICATED error and completes: reconnect ' +
      'with fresh credentials.',
    // Per event the subscriber is authenticated afresh (whileSignedIn) and sees what
    // `shelterAvailability` would show.
    async filter(
      this: SheltersResolver,
      payload: ShelterPayload | SessionEnded,
      _variables: unknown,
      context: GraphQLContext,
    ): Promise<boolean> {
      if (isSessionEnded(payload)) return true;
      const event = payload[SHELTER_AVAILABILITY_CHANGED];
      const actor = await this.actors.of(context.req);
      if (!(isSocialServices(actor) || hasScope(actor, ApiScope.SHELTERS_AVAILABILITY))) {
        return false;
      }
      // A listed shelter that just closed is announced once more (as NO_DATA), so lists can drop it.
      if (event.closed) return true;
      // Whether the shelter is listed does not depend on the subscriber: asked once per event.
      let listed = LISTED_BY_EVENT.get(event);
      if (!listed) {
        listed = this.sheltersService.isListed(event.shelter.id).then((found) => found !== null);
        LISTED_BY_EVENT.set(event, listed);
      }
      return listed;
    },
    resolve(
      this: SheltersResolver,
      payload: ShelterPayload | SessionEnded,
      _args: unknown,
      context: GraphQLContext,
    ): ShelterAvailability {
      if (isSessionEnded(payload)) {
        throw sessionEndedError();
      }
      return this.availability.of(
        payload[SHELTER_AVAILABILITY_CHANGED].shelter,
        isSocialServices(actorFromContext(context)),
      );
    },
  })
  @RequireSystemRole(SystemRole.SOCIAL_SERVICES)
  @AllowApiScope(ApiScope.SHELTERS_AVAILABILITY)
  shelterAvailabilityChanged(
    @Args('area', {
      type: () => String,
      nullable: true,
      description:
        'Only shelters in this area (a Swedish municipality or county, any case); all areas when left out.',
    })
    area: string | null,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): AsyncIterableIterator<ShelterPayload | SessionEnded> {
    // The area as shelters store it, worked out once (an unknown one matches no shelter).
    const wanted = area ? swedishArea(area) : null;
    return this.actors.whileSignedIn(
      actor,
      context,
      this.events.stream(),
      (payload) => !area || payload[SHELTER_AVAILABILITY_CHANGED].shelter.area === wanted,
    );
  }
}
