import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
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
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LANGUAGE_CODE, TargetGroup } from '../../../common/target-group';
import { LowerCase, Trim } from '../../../common/validation';
import { Connection, ConnectionArgs } from '../../../graphql/pagination';
import { ServiceCategory, SupportService } from '../entities/support-service.entity';
import { OpeningHours } from './opening-hours.type';
import { NoIdentityNumber } from '../../../common/free-text';

/** What a new service and a change to one have in common. */
@InputType({ isAbstract: true })
abstract class ServiceDetailsInput {
  @Field({ nullable: true, description: 'What to expect, who may come.' })
  @IsOptional()
  @IsString()
  @Trim()
  @MaxLength(5000)
  @NoIdentityNumber()
  description?: string;

  @Field(() => [OpeningHours], {
    nullable: true,
    description: 'Weekly opening hours in Stockholm time (no two may overlap).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(28)
  @ValidateNested({ each: true })
  @Type(() => OpeningHours)
  openingHours?: OpeningHours[];

  @Field(() => [String], {
    nullable: true,
    description: 'Languages spoken, ISO 639 codes (sv, ro, rom…).',
  })
  @LowerCase()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(LANGUAGE_CODE, { each: true, message: 'each language must be an ISO 639 code' })
  languages?: string[];

  @Field(() => [TargetGroup], { nullable: true, description: 'Whom it is for; empty: everyone.' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(TargetGroup, { each: true })
  targetGroups?: TargetGroup[];
}

@InputType({ description: 'A support service to publish. ORG_ADMIN of a verified organisation.' })
export class CreateSupportServiceInput extends ServiceDetailsInput {
  @Field(() => ID, { description: 'The organisation that runs it.' })
  @IsUUID()
  organisationId: string;

  @Field({ description: 'Name of the service.' })
  @IsString()
  @Trim()
  @Length(2, 200)
  @NoIdentityNumber()
  name: string;

  @Field(() => ServiceCategory, { description: 'What it offers.' })
  @IsEnum(ServiceCategory)
  category: ServiceCategory;

  @Field(() => ID, { description: 'The district it is in.' })
  @IsUUID()
  districtId: string;

  @Field({ description: 'Public street address.' })
  @IsString()
  @Trim()
  @Length(3, 300)
  @NoIdentityNumber()
  address: string;

  @Field(() => Int, {
    nullable: true,
    description: 'How many people it can serve a day, if limited.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  dailyCapacity?: number | null;
}

@InputType({
  description: 'Changes to a support service; omitted fields stay as they are. ORG_ADMIN.',
})
export class UpdateSupportServiceInput extends ServiceDetailsInput {
  @Field(() => ID, { description: 'The service.' })
  @IsUUID()
  serviceId: string;

  @Field({ nullable: true, description: 'New name.' })
  @IsOptional()
  @IsString()
  @Trim()
  @Length(2, 200)
  @NoIdentityNumber()
  name?: string;

  @Field(() => ServiceCategory, { nullable: true, description: 'New category.' })
  @IsOptional()
  @IsEnum(ServiceCategory)
  category?: ServiceCategory;

  @Field(() => ID, { nullable: true, description: 'New district.' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @Field({ nullable: true, description: 'New address.' })
  @IsOptional()
  @IsString()
  @Trim()
  @Length(3, 300)
  @NoIdentityNumber()
  address?: string;

  @Field(() => Int, { nullable: true, description: 'New daily capacity.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  dailyCapacity?: number;

  @Field({ nullable: true, description: 'True removes the daily capacity (no limit).' })
  @IsOptional()
  @IsBoolean()
  clearDailyCapacity?: boolean;

  @Field({ nullable: true, description: 'False hides the service from the directory.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@InputType({
  description:
    'How many people a service served on one day (a new report for the day corrects it).',
})
export class ReportServiceUsageInput {
  @Field(() => ID, { description: 'The service.' })
  @IsUUID()
  serviceId: string;

  @Field({ description: 'The day, YYYY-MM-DD (Stockholm); today or earlier.' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date: string;

  @Field(() => Int, {
    description: 'People served (above the daily capacity is allowed, and flagged).',
  })
  @IsInt()
  @Min(0)
  @Max(100_000)
  used: number;
}

@InputType({ description: 'Narrows the directory; all conditions must hold.' })
export class SupportServiceFilter {
  @Field(() => ServiceCategory, { nullable: true, description: 'Only this category.' })
  @IsOptional()
  @IsEnum(ServiceCategory)
  category?: ServiceCategory;

  @Field(() => ID, { nullable: true, description: 'Only in this district.' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @Field(() => ID, { nullable: true, description: 'Only services of this organisation.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field({ nullable: true, description: 'Only where this language is spoken (ISO 639 code).' })
  @IsOptional()
  @LowerCase()
  @Matches(LANGUAGE_CODE, { message: 'language must be an ISO 639 code' })
  language?: string;

  @Field(() => TargetGroup, {
    nullable: true,
    description: 'Only services for this group (services for everyone included).',
  })
  @IsOptional()
  @IsEnum(TargetGroup)
  targetGroup?: TargetGroup;

  @Field({
    nullable: true,
    description: 'Only services open at this instant (Stockholm opening hours).',
  })
  @IsOptional()
  @IsDate()
  openAt?: Date;

  @Field({
    nullable: true,
    description: 'True: only services open now (openAt: now); false: only those closed now.',
  })
  @IsOptional()
  @IsBoolean()
  openNow?: boolean;
}

@ArgsType()
export class SupportServicesArgs extends ConnectionArgs {
  @Field(() => SupportServiceFilter, { nullable: true, description: 'Narrows the list.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SupportServiceFilter)
  filter?: SupportServiceFilter;
}

/** A page of support services (Relay connection). */
export const SupportServiceConnection = Connection(SupportService, 'SupportService');

@ArgsType()
export class UsageRangeArgs {
  @Field({ nullable: true, description: 'First day (YYYY-MM-DD); default 30 days ago.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be YYYY-MM-DD' })
  from?: string;

  @Field({ nullable: true, description: 'Last day (YYYY-MM-DD); default today.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be YYYY-MM-DD' })
  to?: string;
}
