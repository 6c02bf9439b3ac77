import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { DefaultWhenNull, Trim } from '../../../common/validation';
import { Connection, ConnectionArgs } from '../../../graphql/pagination';
import { BookingRefusalCode } from '../bookings.rules';
import { Booking, BookingStatus } from '../entities/booking.entity';
import { WithinYears, YEARS_AHEAD } from '../../../common/date-bounds';
import { NoIdentityNumber } from '../../../common/free-text';

const MAX_ATTENDEES = 10_000;
const MAX_OCCURRENCE_MINUTES = 7 * 24 * 60;

registerEnumType(BookingRefusalCode, {
  name: 'BookingRefusalCode',
  description: 'Why a booking (or one occurrence of a recurring booking) cannot be made.',
  valuesMap: {
    BOOKING_CONFLICT: { description: 'It overlaps a live booking, buffers included.' },
    RESOURCE_BLACKED_OUT: { description: 'The resource is closed then (a blackout).' },
    BOOKING_QUOTA_EXCEEDED: {
      description: "It would take the organisation's hours that ISO week over the quota.",
    },
    BOOKING_OUTSIDE_WINDOW: {
      description: 'It starts in the past or further ahead than the resource can be booked.',
    },
  },
});

/** What a single and a recurring booking have in common: who books what, and what for. */
@InputType({ isAbstract: true })
abstract class BookingPlanInput {
  @Field(() => ID, { description: 'The resource.' })
  @IsUUID()
  resourceId: string;

  @Field(() => ID, {
    description:
      'The organisation that books (a verified one; you are its COORDINATOR or ORG_ADMIN).',
  })
  @IsUUID()
  organisationId: string;

  @Field({
    description:
      "What it is for. The parties see it, and — unless the booking is confidential — the resource's " +
      "public calendar feed shows it with the organisation's name: never write names of people.",
  })
  @IsString()
  @Trim()
  @Length(2, 300)
  @NoIdentityNumber()
  purpose: string;

  @Field(() => Int, { nullable: true, description: 'How many people (at most the capacity).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ATTENDEES)
  attendees?: number | null;

  @Field({
    nullable: true,
    defaultValue: false,
    description:
      'true: the public calendar shows only "Bokad", without organisation or purpose (everyone but the ' +
      "parties sees only busy time anyway). Always true for a women's shelter's bookings.",
  })
  @DefaultWhenNull(() => false)
  @IsOptional()
  @IsBoolean()
  confidential?: boolean;
}

@InputType({ description: 'A booking of a resource for one interval.' })
export class BookResourceInput extends BookingPlanInput {
  @Field({
    description:
      'Start (not in the past, within the booking window, and at most two years from today).',
  })
  @IsDate()
  @WithinYears(YEARS_AHEAD.planning)
  startsAt: Date;

  @Field({
    description:
      'End (exclusive), after startsAt, within the duration limits (at most two years from today).',
  })
  @IsDate()
  @WithinYears(YEARS_AHEAD.planning)
  endsAt: Date;
}

@InputType({ description: 'Recurring bookings, e.g. every Tuesday 18:00–20:00 for 12 weeks.' })
export class BookResourceRecurringInput extends BookingPlanInput {
  @Field({
    description:
      'RFC 5545 recurrence rule without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=TU;COUNT=12` (DAILY, WEEKLY or ' +
      'MONTHLY; BYDAY, BYMONTHDAY, BYMONTH, INTERVAL, COUNT, UNTIL, WKST), read in Europe/Stockholm time; ' +
      'at most 104 occurrences, all within two years of firstStartsAt.',
  })
  @IsString()
  @Trim()
  @Length(5, 300)
  rrule: string;

  @Field({
    description:
      'The first occurrence, at most two years from today; its Stockholm wall-clock time is the time ' +
      'of every one.',
  })
  @IsDate()
  @WithinYears(YEARS_AHEAD.planning)
  firstStartsAt: Date;

  @Field(() => Int, { description: 'How long each occurrence lasts, in minutes.' })
  @IsInt()
  @Min(1)
  @Max(MAX_OCCURRENCE_MINUTES)
  durationMinutes: number;

  @Field({
    nullable: true,
    description:
      'No occurrence starts after this (required unless the rule has COUNT); at most four years from ' +
      'today.',
  })
  @IsOptional()
  @IsDate()
  @WithinYears(YEARS_AHEAD.seriesEnd)
  until?: Date;

  @Field({
    nullable: true,
    defaultValue: false,
    description:
      'false (default): all or nothing, any refused occurrence books none. true: book the others.',
  })
  @DefaultWhenNull(() => false)
  @IsOptional()
  @IsBoolean()
  skipConflicts: boolean = false;
}

@InputType({ description: 'Names one booking.' })
export class BookingIdInput {
  @Field(() => ID, { description: 'The booking.' })
  @IsUUID()
  bookingId: string;
}

@InputType({ description: 'Refuses a requested booking; the booker is told why.' })
export class RejectBookingInput {
  @Field(() => ID, { description: 'The booking.' })
  @IsUUID()
  bookingId: string;

  @Field({ description: 'Why (sent to the booker).' })
  @IsString()
  @Trim()
  @Length(2, 1000)
  @NoIdentityNumber()
  reason: string;
}

@InputType({ description: 'Cancels a booking; its time is free at once.' })
export class CancelBookingInput {
  @Field(() => ID, { description: 'The booking.' })
  @IsUUID()
  bookingId: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why (sent to the booker when the owner cancels).',
  })
  @IsOptional()
  @IsString()
  @Trim()
  @Length(2, 1000)
  @NoIdentityNumber()
  reason?: string | null;
}

@InputType({
  description: 'Cancels what is left of a recurring booking: its bookings that have not started.',
})
export class CancelBookingSeriesInput {
  @Field(() => ID, { description: 'The recurring booking (Booking.seriesId).' })
  @IsUUID()
  seriesId: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why (sent to the booker when the owner cancels).',
  })
  @IsOptional()
  @IsString()
  @Trim()
  @Length(2, 1000)
  @NoIdentityNumber()
  reason?: string | null;
}

@InputType({ description: 'Narrows the list of bookings; all conditions must hold.' })
export class BookingFilter {
  @Field(() => ID, { nullable: true, description: 'Only bookings of this resource.' })
  @IsOptional()
  @IsUUID()
  resourceId?: string;

  @Field(() => ID, { nullable: true, description: 'Only bookings by this organisation.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field({ nullable: true, description: 'Only bookings ending after this instant.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Only bookings starting before this instant.' })
  @IsOptional()
  @IsDate()
  to?: Date;

  @Field(() => BookingStatus, { nullable: true, description: 'Only bookings with this status.' })
  @IsOptional()
  @IsEnum(BookingStatus)
  status?: BookingStatus;
}

@ArgsType()
export class BookingsArgs extends ConnectionArgs {
  @Field(() => BookingFilter, { nullable: true, description: 'Narrows the list.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BookingFilter)
  filter?: BookingFilter;
}

export enum OccurrenceOutcome {
  BOOKED = 'BOOKED',
  REFUSED = 'REFUSED',
  NOT_BOOKED = 'NOT_BOOKED',
}

registerEnumType(OccurrenceOutcome, {
  name: 'OccurrenceOutcome',
  description: 'What became of one occurrence of a recurring booking.',
  valuesMap: {
    BOOKED: { description: 'Booked: see `booking`.' },
    REFUSED: { description: 'Could not be booked: see `refusal` for the code and what it hit.' },
    NOT_BOOKED: {
      description:
        'Free, but not booked: another occurrence was refused and skipConflicts was false.',
    },
  },
});

@ObjectType({ description: 'Why an occurrence could not be booked, and what it hit.' })
export class BookingRefusal {
  @Field(() => BookingRefusalCode, { description: 'The error code a single booking would get.' })
  code: BookingRefusalCode;

  @Field({ description: 'What went wrong, in words.' })
  message: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'BOOKING_CONFLICT: the live booking it overlaps (null when it overlaps another occurrence of the same ' +
      'request).',
  })
  bookingId?: string;

  @Field(() => ID, { nullable: true, description: 'RESOURCE_BLACKED_OUT: the blackout.' })
  blackoutId?: string;

  @Field(() => Date, {
    nullable: true,
    description:
      'Start of what it hit: the booking, the blackout, the ISO week, or the earliest allowed start.',
  })
  startsAt?: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'End of what it hit: the booking plus its buffer, the blackout, the ISO week, or the end of the ' +
      'booking window.',
  })
  endsAt?: Date;

  @Field(() => String, {
    nullable: true,
    description: 'BOOKING_QUOTA_EXCEEDED: the ISO week, e.g. 2027-W11.',
  })
  isoWeek?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'BOOKING_QUOTA_EXCEEDED: minutes the organisation has left in that week.',
  })
  quotaMinutesLeft?: number;
}

@ObjectType({ description: 'One occurrence of a recurring booking.' })
export class BookingOccurrence {
  @Field({ description: 'When the occurrence starts.' })
  startsAt: Date;

  @Field({ description: 'When it ends.' })
  endsAt: Date;

  @Field(() => OccurrenceOutcome, { description: 'BOOKED, REFUSED or NOT_BOOKED.' })
  outcome: OccurrenceOutcome;

  @Field(() => Booking, { nullable: true, description: 'The booking, when BOOKED.' })
  booking: Booking | null;

  @Field(() => BookingRefusal, { nullable: true, description: 'Why, when REFUSED.' })
  refusal: BookingRefusal | null;
}

@ObjectType({ description: 'What a recurring booking request did, occurrence by occurrence.' })
export class RecurringBookingResult {
  @Field(() => ID, {
    nullable: true,
    description: 'The series the bookings belong to (null when nothing was booked).',
  })
  seriesId: string | null;

  @Field(() => Int, { description: 'Occurrences booked.' })
  bookedCount: number;

  @Field(() => Int, { description: 'Occurrences refused.' })
  refusedCount: number;

  @Field(() => [BookingOccurrence], { description: 'Every occurrence of the rule, in order.' })
  occurrences: BookingOccurrence[];
}

/** A page of bookings (Relay connection). */
export const BookingConnection = Connection(Booking, 'Booking');
