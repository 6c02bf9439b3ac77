import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DefaultWhenNull, Trim } from '../../../common/validation';
import { Connection, ConnectionArgs } from '../../../graphql/pagination';
import { OrganisationKind } from '../../organisations';
import { BookableBy, Resource, ResourceKind } from '../entities/resource.entity';
import { WithinYears, YEARS_AHEAD } from '../../../common/date-bounds';
import { NoIdentityNumber } from '../../../common/free-text';

const MAX_CAPACITY = 10_000;
const MAX_BUFFER_MINUTES = 24 * 60;
const MAX_DURATION_MINUTES = 31 * 24 * 60;
const MAX_WINDOW_DAYS = 730;
const MAX_QUOTA_HOURS = 7 * 24;

@InputType({
  description:
    'A resource to share. Municipal ones (no ownerOrganisationId): MUNICIPAL_OFFICER. An organisation’s own: ' +
    'its ORG_ADMIN, for a verified organisation. Only name, kind and location are required; the defaults ' +
    'are: bookable by every verified organisation, no approval, no buffer, no limits, no quota.',
})
export class CreateResourceInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The owning organisation; leave out for a resource of the municipality.',
  })
  @IsOptional()
  @IsUUID()
  ownerOrganisationId?: string | null;

  @Field({ description: 'Name, e.g. "Familjehuset, stora samlingsrummet".' })
  @IsString()
  @Trim()
  @Length(2, 200)
  @NoIdentityNumber()
  name: string;

  @Field(() => ResourceKind, { description: 'ROOM, VEHICLE or EQUIPMENT.' })
  @IsEnum(ResourceKind)
  kind: ResourceKind;

  @Field(() => ID, { nullable: true, description: 'The district it is in, if any.' })
  @IsOptional()
  @IsUUID()
  districtId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Most people it holds (seats, places).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CAPACITY)
  capacity?: number | null;

  @Field({
    description: 'Where it is or is picked up (public; never a protected address).',
  })
  @IsString()
  @Trim()
  @Length(2, 300)
  @NoIdentityNumber()
  location: string;

  @Field({ nullable: true, defaultValue: '', description: 'More about it (public).' })
  @DefaultWhenNull(() => '')
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @NoIdentityNumber()
  description: string = '';

  @Field(() => BookableBy, {
    nullable: true,
    defaultValue: BookableBy.ALL_VERIFIED,
    description: 'Which organisations may book it (default ALL_VERIFIED).',
  })
  @DefaultWhenNull(() => BookableBy.ALL_VERIFIED)
  @IsOptional()
  @IsEnum(BookableBy)
  bookableBy: BookableBy = BookableBy.ALL_VERIFIED;

  @Field(() => [OrganisationKind], {
    nullable: true,
    defaultValue: [],
    description: 'With LISTED_KINDS (and only then): the organisation kinds that may book it.',
  })
  @DefaultWhenNull(() => [])
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsEnum(OrganisationKind, { each: true })
  allowedKinds: OrganisationKind[] = [];

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Whether bookings wait for the owner to approve them (default false).',
  })
  @DefaultWhenNull(() => false)
  @IsOptional()
  @IsBoolean()
  requiresApproval: boolean = false;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 0,
    description: `Minutes kept free between bookings, 0–${MAX_BUFFER_MINUTES} (default 0).`,
  })
  @DefaultWhenNull(() => 0)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_BUFFER_MINUTES)
  bufferMinutes: number = 0;

  @Field(() => Int, { nullable: true, description: 'Shortest booking in minutes (default none).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DURATION_MINUTES)
  minDurationMinutes?: number | null;

  @Field(() => Int, { nullable: true, description: 'Longest booking in minutes (default none).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DURATION_MINUTES)
  maxDurationMinutes?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: `How many days ahead it can be booked, 1–${MAX_WINDOW_DAYS} (default no limit).`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_WINDOW_DAYS)
  bookingWindowDays?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: `Hours per ISO week each organisation may book it, 1–${MAX_QUOTA_HOURS} (default no quota).`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_QUOTA_HOURS)
  weeklyQuotaHours?: number | null;
}

@InputType({
  description:
    'Changes to a resource, by whoever may create it. Omitted fields stay as they are; null clears a limit ' +
    '(capacity, districtId, durations, window, quota). New rules apply to bookings made from then on.',
})
export class UpdateResourceInput {
  @Field(() => ID, { description: 'The resource.' })
  @IsUUID()
  resourceId: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  @IsOptional()
  @IsString()
  @Trim()
  @Length(2, 200)
  @NoIdentityNumber()
  name?: string | null;

  @Field(() => ResourceKind, { nullable: true, description: 'New kind.' })
  @IsOptional()
  @IsEnum(ResourceKind)
  kind?: ResourceKind | null;

  @Field(() => ID, { nullable: true, description: 'New district; null: none.' })
  @IsOptional()
  @IsUUID()
  districtId?: string | null;

  @Field(() => Int, { nullable: true, description: 'New capacity; null: none.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CAPACITY)
  capacity?: number | null;

  @Field(() => String, { nullable: true, description: 'New location (public).' })
  @IsOptional()
  @IsString()
  @Trim()
  @Length(2, 300)
  @NoIdentityNumber()
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'New description (public).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @NoIdentityNumber()
  description?: string | null;

  @Field(() => BookableBy, { nullable: true, description: 'Who may book it from now on.' })
  @IsOptional()
  @IsEnum(BookableBy)
  bookableBy?: BookableBy | null;

  @Field(() => [OrganisationKind], {
    nullable: true,
    description: 'The kinds that may book it (with LISTED_KINDS).',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsEnum(OrganisationKind, { each: true })
  allowedKinds?: OrganisationKind[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether new bookings wait for approval.' })
  @IsOptional()
  @IsBoolean()
  requiresApproval?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'New buffer in minutes.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_BUFFER_MINUTES)
  bufferMinutes?: number | null;

  @Field(() => Int, { nullable: true, description: 'New shortest booking; null: no limit.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DURATION_MINUTES)
  minDurationMinutes?: number | null;

  @Field(() => Int, { nullable: true, description: 'New longest booking; null: no limit.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DURATION_MINUTES)
  maxDurationMinutes?: number | null;

  @Field(() => Int, { nullable: true, description: 'New booking window in days; null: no limit.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_WINDOW_DAYS)
  bookingWindowDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'New weekly quota in hours; null: no quota.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_QUOTA_HOURS)
  weeklyQuotaHours?: number | null;
}

@InputType({ description: 'Narrows the list of resources; all conditions must hold.' })
export class ResourceFilter {
  @Field(() => ResourceKind, { nullable: true, description: 'Only resources of this kind.' })
  @IsOptional()
  @IsEnum(ResourceKind)
  kind?: ResourceKind;

  @Field(() => ID, { nullable: true, description: 'Only resources in this district.' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @Field(() => ID, { nullable: true, description: 'Only resources this organisation owns.' })
  @IsOptional()
  @IsUUID()
  ownerOrganisationId?: string;

  @Field({
    nullable: true,
    description: "true: only the municipality's resources; false: only organisations'.",
  })
  @IsOptional()
  @IsBoolean()
  municipal?: boolean;

  @Field(() => ID, {
    nullable: true,
    description: 'Only resources this organisation may book (by bookableBy and its kind).',
  })
  @IsOptional()
  @IsUUID()
  bookableByOrganisationId?: string;

  @Field({ nullable: true, description: 'Name contains this text (case-insensitive).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class ResourcesArgs extends ConnectionArgs {
  @Field(() => ResourceFilter, { nullable: true, description: 'Narrows the list.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResourceFilter)
  filter?: ResourceFilter;
}

@ArgsType()
export class ResourceAvailabilityArgs {
  @Field(() => ID, { description: 'The resource.' })
  @IsUUID()
  resourceId: string;

  @Field({ description: 'From this instant (earlier than now counts from now).' })
  @IsDate()
  from: Date;

  @Field({ description: 'Until this instant (exclusive); at most 92 days after from.' })
  @IsDate()
  to: Date;
}

@ObjectType({ description: 'A stretch of time in which the resource can be booked.' })
export class FreeInterval {
  @Field({ description: 'Start of the free time.' })
  startsAt: Date;

  @Field({ description: 'End of the free time (exclusive).' })
  endsAt: Date;

  @Field(() => Int, { description: 'Its length in minutes.' })
  minutes: number;
}

@InputType({
  description: 'Closes a resource for a period. The owner: its ORG_ADMIN, or MUNICIPAL_OFFICER.',
})
export class CreateBlackoutInput {
  @Field(() => ID, { description: 'The resource.' })
  @IsUUID()
  resourceId: string;

  @Field({ description: 'Start of the closed period (at most five years from today).' })
  @IsDate()
  @WithinYears(YEARS_AHEAD.blackout)
  startsAt: Date;

  @Field({
    description:
      'End of the closed period (exclusive), after startsAt; at most five years from today.',
  })
  @IsDate()
  @WithinYears(YEARS_AHEAD.blackout)
  endsAt: Date;

  @Field({ description: 'Why (shown to every signed-in person).' })
  @IsString()
  @Trim()
  @Length(2, 300)
  @NoIdentityNumber()
  reason: string;
}

@InputType({ description: 'Names one blackout.' })
export class BlackoutIdInput {
  @Field(() => ID, { description: 'The blackout.' })
  @IsUUID()
  blackoutId: string;
}

/** A page of resources (Relay connection). */
export const ResourceConnection = Connection(Resource, 'Resource');
