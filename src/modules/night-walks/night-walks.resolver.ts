import { Args, Context, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { Public } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { GraphQLContext } from '../../graphql/context';
import {
  isSessionEnded,
  sessionEndedError,
  type SessionEnded,
} from '../../graphql/session-bound-stream';
import type { ConnectionShape } from '../../graphql/pagination';
import { TimeRangeArgs } from '../../graphql/time-range.args';
import { RequestActors } from '../../common/request-actors';
import { DistrictsService } from '../districts';
import { OrganisationsService } from '../organisations';
import {
  CancelShiftInput,
  CreateShiftInput,
  CreateShiftSeriesInput,
  ShiftConnection,
  ShiftIdInput,
  ShiftsArgs,
  UpdateShiftInput,
} from './dto/shift.inputs';
import { MessageShiftWalkersInput, ShiftMessageResult } from './dto/shift-message.inputs';
import { Shift } from './entities/shift.entity';
import { SHIFT_CHANGED, type ShiftEvent, ShiftEvents } from './shift-events.service';
import { ShiftMessagesService } from './shift-messages.service';
import { ShiftPlanningService } from './shift-planning.service';
import { ShiftsService } from './shifts.service';

@Resolver(() => Shift)
export class NightWalksResolver {
  constructor(
    private readonly shiftsService: ShiftsService,
    private readonly planning: ShiftPlanningService,
    private readonly events: ShiftEvents,
    private readonly actors: RequestActors,
    private readonly messages: ShiftMessagesService,
    private readonly organisations: OrganisationsService,
    private readonly districts: DistrictsService,
  ) {}

  @Query(() => ShiftConnection, {
    description:
      'Night walks by start time: the public schedule of verified organisations (plus your own). Public.',
  })
  @Public()
  shifts(@CurrentActor() actor: Actor, @Args() args: ShiftsArgs): Promise<ConnectionShape<Shift>> {
    return this.shiftsService.list(actor, args);
  }

  @Query(() => Shift, { description: 'One night walk. Public for verified organisations.' })
  @Public()
  async shift(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID, description: 'The walk.' }) id: string,
    @Context() context: GraphQLContext,
  ): Promise<Shift> {
    // Read with the walk: its page shows them, and the fields find them in the loaders.
    const { shift, organisation, district } = await this.shiftsService.getVisibleWithOwners(
      actor,
      id,
    );
    context.loaders.get(this.organisations.byId).prime(organisation.id, organisation);
    context.loaders.get(this.districts.byId).prime(district.id, district);
    return shift;
  }

  @Query(() => [Shift], {
    description:
      'Walks you are signed up for (confirmed, waitlisted, attended or no-show), by start; default all.',
  })
  myShifts(@CurrentActor() actor: Actor, @Args() range: TimeRangeArgs): Promise<Shift[]> {
    return this.shiftsService.myShifts(actor, range.from, range.to);
  }

  @Query(() => [Shift], {
    description:
      'Walks still PLANNED whose signup deadline has passed with fewer than minWalkers confirmed, not yet ' +
      'over: confirm or cancel them. COORDINATOR and ORG_ADMIN.',
  })
  understaffedShifts(
    @CurrentActor() actor: Actor,
    @Args('organisationId', { type: () => ID, description: 'The organisation.' })
    organisationId: string,
  ): Promise<Shift[]> {
    return this.shiftsService.understaffed(actor, organisationId);
  }

  @Mutation(() => Shift, {
    description: 'Publishes a night walk. COORDINATOR or ORG_ADMIN of a verified organisation.',
  })
  createShift(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The walk.' }) input: CreateShiftInput,
  ): Promise<Shift> {
    return this.planning.create(actor, input);
  }

  @Mutation(() => [Shift], {
    description: 'Publishes a recurring walk (RRULE in Stockholm time); returns the walks created.',
  })
  createShiftSeries(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The recurrence and the walk.' }) input: CreateShiftSeriesInput,
  ): Promise<Shift[]> {
    return this.planning.createSeries(actor, input);
  }

  @Mutation(() => Shift, {
    description: 'Changes a walk that has not started. COORDINATOR or ORG_ADMIN.',
  })
  updateShift(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The changes.' }) input: UpdateShiftInput,
  ): Promise<Shift> {
    return this.planning.update(actor, input);
  }

  @Mutation(() => Shift, {
    description: 'Confirms a PLANNED walk will happen. COORDINATOR or ORG_ADMIN.',
  })
  confirmShift(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The walk.' }) input: ShiftIdInput,
  ): Promise<Shift> {
    return this.planning.confirm(actor, input);
  }

  @Mutation(() => Shift, {
    description:
      'Cancels a walk: everyone signed up is notified and freed. COORDINATOR or ORG_ADMIN.',
  })
  cancelShift(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The walk and the reason.' }) input: CancelShiftInput,
  ): Promise<Shift> {
    return this.planning.cancel(actor, input);
  }

  @Mutation(() => ShiftMessageResult, {
    description:
      'Writes to everyone with a place or on the waitlist of a walk (notification and mail); the ' +
      "organisation's coordinators get a copy. COORDINATOR or ORG_ADMIN; audited.",
  })
  messageShiftWalkers(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The walk and the message.' }) input: MessageShiftWalkersInput,
  ): Promise<ShiftMessageResult> {
    return this.messages.message(actor, input);
  }

  @Subscription(() => Shift, {
    description:
      'A walk in the district changed: its counts or its status. Public, for the walks `shifts` shows ' +
      'you. Signed in, when your session ends (sign-out, password change, expired token) it sends ' +
      'one UNAUTHENTICATED error and completes: reconnect with a fresh token.',
    // Per event the subscriber is authenticated afresh (whileSignedIn) and sees only walks
    // `shifts` would show them now.
    async filter(
      this: NightWalksResolver,
      payload: ShiftEvent | SessionEnded,
      _variables: unknown,
      context: GraphQLContext,
    ): Promise<boolean> {
      if (isSessionEnded(payload)) return true;
      const actor = await this.actors.of(context.req);
      return this.shiftsService.isVisible(actor, payload[SHIFT_CHANGED].id);
    },
    resolve: (payload: ShiftEvent | SessionEnded) => {
      if (isSessionEnded(payload)) {
        throw sessionEndedError();
      }
      return payload[SHIFT_CHANGED];
    },
  })
  @Public()
  shiftChanged(
    @Args('districtId', { type: () => ID, description: 'The district to follow.' })
    districtId: string,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): AsyncIterableIterator<ShiftEvent | SessionEnded> {
    return this.actors.whileSignedIn(
      actor,
      context,
      this.events.stream(),
      (event) => event[SHIFT_CHANGED].districtId === districtId,
    );
  }
}
