import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
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
import { TimeRangeArgs } from '../../../graphql/time-range.args';
import { CredentialKind } from '../../credentials';
import { IncidentCategory } from '../entities/walk-report.entity';
import { Shift, ShiftStatus } from '../entities/shift.entity';
import { WithinYears, YEARS_AHEAD } from '../../../common/date-bounds';
import { NoIdentityNumber } from '../../../common/free-text';

const MAX_WALKERS = 100;

/** What a single walk and a series have in common: who, where and how many. */
@InputType({ isAbstract: true })
abstract class WalkPlanInput {
  @Field(() => ID, { description: 'The organisation that runs the walk.' })
  @IsUUID()
  organisationId: string;

  @Field(() => ID, { description: 'The district walked.' })
  @IsUUID()
  districtId: string;

  @Field({ description: 'Where walkers meet (public).' })
  @IsString()
  @Trim()
  @Length(2, 300)
  @NoIdentityNumber()
  meetingPoint: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 3,
    description: 'Fewest walkers, at least 2 (default 3).',
  })
  @DefaultWhenNull(() => 3)
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(MAX_WALKERS)
  minWalkers: number = 3;

  @Field(() => Int, { description: `Most walkers (at least minWalkers, at most ${MAX_WALKERS}).` })
  @IsInt()
  @Min(2)
  @Max(MAX_WALKERS)
  maxWalkers: number;

  @Field(() => [CredentialKind], {
    nullable: true,
    defaultValue: [],
    description: 'Credentials every walker needs, e.g. POLICE_RECORD_CHECK.',
  })
  @DefaultWhenNull(() => [])
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(CredentialKind, { each: true })
  requiredCredentials: CredentialKind[] = [];
}

@InputType({
  description: 'A night walk to publish. COORDINATOR or ORG_ADMIN of a verified organisation.',
})
export class CreateShiftInput extends WalkPlanInput {
  @Field({ description: 'When the walk starts: in the future, at most two years from today.' })
  @IsDate()
  @WithinYears(YEARS_AHEAD.planning)
  startsAt: Date;

  @Field({
    description: 'When it ends; after startsAt, at most 12 hours later (and two years from today).',
  })
  @IsDate()
  @WithinYears(YEARS_AHEAD.planning)
  endsAt: Date;

  @Field({
    nullable: true,
    description: 'Last moment to sign up (at most two years from today); the start when left out.',
  })
  @IsOptional()
  @IsDate()
  @WithinYears(YEARS_AHEAD.planning)
  signupDeadline?: Date;
}

@InputType({ description: 'A recurring night walk, e.g. every Friday and Saturday 21:00–01:00.' })
export class CreateShiftSeriesInput extends WalkPlanInput {
  @Field({
    description:
      'RFC 5545 recurrence rule without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=FR,SA` (DAILY, WEEKLY or MONTHLY ' +
      'with INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, WKST; other parts are refused), read in ' +
      'Europe/Stockholm time. A series ends within two years of its first walk.',
  })
  @IsString()
  @Trim()
  @Length(5, 300)
  rrule: string;

  @Field({
    description:
      'The first walk, at most two years from today; its Stockholm wall-clock time is the time of every ' +
      'walk.',
  })
  @IsDate()
  @WithinYears(YEARS_AHEAD.planning)
  firstStartsAt: Date;

  @Field(() => Int, { description: 'How long each walk lasts, in minutes (at most 12 hours).' })
  @IsInt()
  @Min(15)
  @Max(12 * 60)
  durationMinutes: number;

  @Field({
    nullable: true,
    description:
      'No walk starts after this (required unless the rule has COUNT); within two years of the first walk ' +
      'unless COUNT ends the series sooner, and at most four years from today.',
  })
  @IsOptional()
  @IsDate()
  @WithinYears(YEARS_AHEAD.seriesEnd)
  until?: Date;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 0,
    description:
      'Signups close this many minutes before each walk starts (default 0: at the start).',
  })
  @DefaultWhenNull(() => 0)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(14 * 24 * 60)
  signupDeadlineMinutesBefore: number = 0;
}

@InputType({
  description: 'Changes to a planned or confirmed walk; omitted fields stay as they are.',
})
export class UpdateShiftInput {
  @Field(() => ID, { description: 'The walk.' })
  @IsUUID()
  shiftId: string;

  @Field({ nullable: true, description: 'New start (at most two years from today).' })
  @IsOptional()
  @IsDate()
  @WithinYears(YEARS_AHEAD.planning)
  startsAt?: Date;

  @Field({ nullable: true, description: 'New end (at most two years from today).' })
  @IsOptional()
  @IsDate()
  @WithinYears(YEARS_AHEAD.planning)
  endsAt?: Date;

  @Field({ nullable: true, description: 'New meeting point.' })
  @IsOptional()
  @IsString()
  @Trim()
  @Length(2, 300)
  @NoIdentityNumber()
  meetingPoint?: string;

  @Field(() => Int, { nullable: true, description: 'New minimum.' })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(MAX_WALKERS)
  minWalkers?: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'New maximum; not below the walkers already confirmed. More places promote from the waitlist.',
  })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(MAX_WALKERS)
  maxWalkers?: number;

  @Field(() => [CredentialKind], {
    nullable: true,
    description: 'New credential requirements (for new signups).',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(CredentialKind, { each: true })
  requiredCredentials?: CredentialKind[];

  @Field({
    nullable: true,
    description: 'New signup deadline (at most two years from today).',
  })
  @IsOptional()
  @IsDate()
  @WithinYears(YEARS_AHEAD.planning)
  signupDeadline?: Date;
}

@InputType({ description: 'Names one walk.' })
export class ShiftIdInput {
  @Field(() => ID, { description: 'The walk.' })
  @IsUUID()
  shiftId: string;
}

@InputType({ description: 'Cancels a walk; everyone signed up is notified and freed.' })
export class CancelShiftInput {
  @Field(() => ID, { description: 'The walk.' })
  @IsUUID()
  shiftId: string;

  @Field({ description: 'Why (shown to those signed up).' })
  @IsString()
  @Trim()
  @Length(2, 1000)
  @NoIdentityNumber()
  reason: string;
}

@InputType({ description: 'Narrows the list of walks; all conditions must hold.' })
export class ShiftFilter {
  @Field(() => ID, { nullable: true, description: 'Only walks in this district.' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @Field(() => ID, { nullable: true, description: 'Only walks of this organisation.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field({ nullable: true, description: 'Only walks starting at or after this instant.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Only walks starting before this instant.' })
  @IsOptional()
  @IsDate()
  to?: Date;

  @Field(() => ShiftStatus, { nullable: true, description: 'Only walks with this status.' })
  @IsOptional()
  @IsEnum(ShiftStatus)
  status?: ShiftStatus;
}

@ArgsType()
export class ShiftsArgs extends ConnectionArgs {
  @Field(() => ShiftFilter, { nullable: true, description: 'Narrows the list.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShiftFilter)
  filter?: ShiftFilter;
}

@ArgsType()
export class VolunteerHoursArgs extends TimeRangeArgs {
  @Field(() => ID, { description: 'The organisation.' })
  @IsUUID()
  organisationId: string;
}

@InputType({ description: 'Signs you up for a walk.' })
export class SignUpForShiftInput {
  @Field(() => ID, { description: 'The walk.' })
  @IsUUID()
  shiftId: string;

  @Field({
    nullable: true,
    defaultValue: false,
    description:
      'When the walk is full: true joins the waitlist, false (default) answers SHIFT_FULL.',
  })
  @DefaultWhenNull(() => false)
  @IsOptional()
  @IsBoolean()
  joinWaitlist: boolean = false;
}

@InputType({ description: 'Names one signup.' })
export class SignupIdInput {
  @Field(() => ID, { description: 'The signup.' })
  @IsUUID()
  signupId: string;
}

@InputType({
  description: 'What walkers met and saw. Never names: a personal identity number is refused.',
})
export class SubmitWalkReportInput {
  @Field(() => ID, { description: 'The walk.' })
  @IsUUID()
  shiftId: string;

  @Field(() => Int, { description: 'Young people met.' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  youngPeopleMet: number;

  @Field(() => Int, { description: 'Adults met.' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  adultsMet: number;

  @Field(() => Int, { description: 'Referrals to social services.' })
  @IsInt()
  @Min(0)
  @Max(1_000)
  referrals: number;

  @Field(() => Int, { description: 'Times the police were contacted.' })
  @IsInt()
  @Min(0)
  @Max(1_000)
  policeContacted: number;

  @Field(() => [IncidentCategory], {
    nullable: true,
    defaultValue: [],
    description: 'Kinds of incident seen.',
  })
  @DefaultWhenNull(() => [])
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(IncidentCategory, { each: true })
  incidentCategories: IncidentCategory[] = [];

  @Field(() => [String], { nullable: true, defaultValue: [], description: 'Places walked.' })
  @DefaultWhenNull(() => [])
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @NoIdentityNumber()
  areasCovered: string[] = [];

  @Field({
    nullable: true,
    defaultValue: '',
    description: 'Free text, without names or personal identity numbers.',
  })
  @DefaultWhenNull(() => '')
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @NoIdentityNumber()
  notes: string = '';
}

@ObjectType({ description: 'Hours walked in a period: attended walks that have been reported.' })
export class VolunteerHours {
  /** Resolved to `person` through the people loader (VolunteerHoursFieldsResolver). */
  personId: string;

  @Field(() => Int, { description: 'Walks attended and reported.' })
  walks: number;

  @Field(() => Int, { description: 'Minutes walked.' })
  minutes: number;

  @Field(() => Float, { description: 'Hours walked, to two decimals.' })
  hours: number;
}

/** A page of walks (Relay connection). */
export const ShiftConnection = Connection(Shift, 'Shift');
