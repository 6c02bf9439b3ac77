import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { ConnectionShape } from '../../graphql/pagination';
import { BookingCancellationsService } from './booking-cancellations.service';
import { BookingDecisionsService } from './booking-decisions.service';
import { BookingRequestsService } from './booking-requests.service';
import { BookingsService } from './bookings.service';
import {
  BookingConnection,
  BookingIdInput,
  BookingsArgs,
  BookResourceInput,
  BookResourceRecurringInput,
  CancelBookingInput,
  CancelBookingSeriesInput,
  RecurringBookingResult,
  RejectBookingInput,
} from './dto/booking.inputs';
import { Booking } from './entities/booking.entity';

@Resolver(() => Booking)
export class BookingsResolver {
  constructor(
    private readonly bookingsService: BookingsService,
    private readonly requests: BookingRequestsService,
    private readonly decisions: BookingDecisionsService,
    private readonly cancellations: BookingCancellationsService,
  ) {}

  @Query(() => BookingConnection, {
    description:
      'Bookings you are a party to, in every status, by start: those of your organisations and of the ' +
      'resources they own (all, for municipal officers). A resource’s live bookings are also on `Resource.bookings`.',
  })
  bookings(
    @CurrentActor() actor: Actor,
    @Args() args: BookingsArgs,
  ): Promise<ConnectionShape<Booking>> {
    return this.bookingsService.list(actor, args);
  }

  @Mutation(() => Booking, {
    description:
      'Books a resource for an organisation (its COORDINATOR or ORG_ADMIN): CONFIRMED, or REQUESTED when the ' +
      'resource needs the owner’s approval. Refused with BOOKING_CONFLICT, RESOURCE_BLACKED_OUT, ' +
      'BOOKING_QUOTA_EXCEEDED, BOOKING_OUTSIDE_WINDOW, ORGANISATION_NOT_VERIFIED, FORBIDDEN or BAD_USER_INPUT.',
  })
  bookResource(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'What, when and for whom.' }) input: BookResourceInput,
  ): Promise<Booking> {
    return this.requests.book(actor, input);
  }

  @Mutation(() => RecurringBookingResult, {
    description:
      'Books every occurrence of a recurrence rule (Stockholm time), all or nothing unless skipConflicts; ' +
      'reports each occurrence: booked, or refused with the code and what it hit.',
  })
  bookResourceRecurring(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The rule and the booking.' }) input: BookResourceRecurringInput,
  ): Promise<RecurringBookingResult> {
    return this.requests.bookRecurring(actor, input);
  }

  @Mutation(() => Booking, {
    description:
      "Approves a REQUESTED booking. The owning organisation's ORG_ADMIN, or MUNICIPAL_OFFICER for the " +
      "municipality's resources; the booker is notified.",
  })
  approveBooking(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The booking.' }) input: BookingIdInput,
  ): Promise<Booking> {
    return this.decisions.approve(actor, input);
  }

  @Mutation(() => Booking, {
    description: 'Rejects a REQUESTED booking with a reason. The owner, as for approveBooking.',
  })
  rejectBooking(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The booking and why.' }) input: RejectBookingInput,
  ): Promise<Booking> {
    return this.decisions.reject(actor, input);
  }

  @Mutation(() => Booking, {
    description:
      "Cancels a booking before it ends; its time is free at once. The booking organisation's COORDINATOR or " +
      'ORG_ADMIN, or the owner (the booker is then notified).',
  })
  cancelBooking(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The booking.' }) input: CancelBookingInput,
  ): Promise<Booking> {
    return this.cancellations.cancel(actor, input);
  }

  @Mutation(() => [Booking], {
    description:
      'Cancels what is left of a recurring booking: its live bookings that have not started (those under ' +
      "way or past stay); their time is free at once. The booking organisation's COORDINATOR or ORG_ADMIN, " +
      'or the owner (the booker is then notified once). Returns the cancelled bookings, by start; ' +
      'INVALID_STATE_TRANSITION when none is left.',
  })
  cancelBookingSeries(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The recurring booking.' }) input: CancelBookingSeriesInput,
  ): Promise<Booking[]> {
    return this.cancellations.cancelSeries(actor, input);
  }
}
