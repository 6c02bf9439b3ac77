import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
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
import { SafeIntScalar } from '../../../graphql/scalars';
import { OrganisationKind } from '../../organisations';
import { GrantProgramme, GrantProgrammeStatus } from '../entities/grant-programme.entity';
import { MAX_CRITERIA, MAX_CRITERION_WEIGHT } from '../grants.rules';
import { Amount, MAX_AMOUNT_TEXT } from './money';
import { WithinYears, YEARS_AHEAD } from '../../../common/date-bounds';
import { NoIdentityNumber } from '../../../common/free-text';

@InputType({ description: 'An assessment criterion and its weight.' })
export class GrantCriterionInput {
  @Field({ description: 'Name, e.g. "Barn och unga" (unique within the programme).' })
  @IsString()
  @Trim()
  @Length(2, 100)
  @NoIdentityNumber()
  name: string;

  @Field(() => Int, { description: `Weight from 1 to ${MAX_CRITERION_WEIGHT}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_CRITERION_WEIGHT)
  weight: number;
}

@InputType({ description: 'A new grant programme (created as DRAFT). MUNICIPAL_OFFICER.' })
export class CreateGrantProgrammeInput {
  @Field({ description: 'Name, e.g. "Föreningsbidrag 2027".' })
  @IsString()
  @Trim()
  @Length(2, 200)
  @NoIdentityNumber()
  name: string;

  @Field({ nullable: true, description: 'What the programme supports (default empty).' })
  @IsOptional()
  @IsString()
  @Trim()
  @MaxLength(5000)
  @NoIdentityNumber()
  description?: string;

  @Field(() => Int, { description: 'The fiscal year the money belongs to.' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear: number;

  @Field(() => SafeIntScalar, {
    description: `Budget in öre: more than zero, at most ${MAX_AMOUNT_TEXT}.`,
  })
  @Amount()
  budget: number;

  @Field(() => [OrganisationKind], { description: 'Kinds of organisation that may apply.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(OrganisationKind, { each: true })
  eligibleKinds: OrganisationKind[];

  @Field({
    description: 'Applications are accepted from this instant (2000 or later, within five years)…',
  })
  @IsDate()
  @WithinYears(YEARS_AHEAD.grantProgramme)
  opensAt: Date;

  @Field({ description: '…until this one (after opensAt, within five years from today).' })
  @IsDate()
  @WithinYears(YEARS_AHEAD.grantProgramme)
  closesAt: Date;

  @Field(() => SafeIntScalar, {
    description: 'Most one application may request, in öre: more than zero, at most the budget.',
  })
  @Amount()
  maxPerApplication: number;

  @Field({
    description:
      'When follow-up reports on awards are due (after closesAt, within seven years from today).',
  })
  @IsDate()
  @WithinYears(YEARS_AHEAD.grantFollowUp)
  followUpDueAt: Date;

  @Field(() => [GrantCriterionInput], {
    description: `Assessment criteria with weights (1 to ${MAX_CRITERIA}).`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CRITERIA)
  @ValidateNested({ each: true })
  @Type(() => GrantCriterionInput)
  criteria: GrantCriterionInput[];
}

@InputType({
  description:
    'Changes to a DRAFT programme; omitted fields, and fields sent as null, stay as they are.',
})
export class UpdateGrantProgrammeInput {
  @Field(() => ID, { description: 'The programme.' })
  @IsUUID()
  programmeId: string;

  @Field({ nullable: true, description: 'New name.' })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @IsString()
  @Trim()
  @Length(2, 200)
  @NoIdentityNumber()
  name?: string;

  @Field({ nullable: true, description: 'New description.' })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @IsString()
  @Trim()
  @MaxLength(5000)
  @NoIdentityNumber()
  description?: string;

  @Field(() => Int, { nullable: true, description: 'New fiscal year.' })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: `New budget in öre: more than zero, at most ${MAX_AMOUNT_TEXT}.`,
  })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @Amount()
  budget?: number;

  @Field(() => [OrganisationKind], { nullable: true, description: 'New eligible kinds.' })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(OrganisationKind, { each: true })
  eligibleKinds?: OrganisationKind[];

  @Field({ nullable: true, description: 'New opening (within five years from today).' })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @IsDate()
  @WithinYears(YEARS_AHEAD.grantProgramme)
  opensAt?: Date;

  @Field({ nullable: true, description: 'New closing (within five years from today).' })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @IsDate()
  @WithinYears(YEARS_AHEAD.grantProgramme)
  closesAt?: Date;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: 'New maximum per application, in öre: more than zero, at most the budget.',
  })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @Amount()
  maxPerApplication?: number;

  @Field({
    nullable: true,
    description: 'New follow-up due date (within seven years from today).',
  })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @IsDate()
  @WithinYears(YEARS_AHEAD.grantFollowUp)
  followUpDueAt?: Date;

  @Field(() => [GrantCriterionInput], {
    nullable: true,
    description: 'New criteria (all of them).',
  })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CRITERIA)
  @ValidateNested({ each: true })
  @Type(() => GrantCriterionInput)
  criteria?: GrantCriterionInput[];
}

@InputType({ description: 'Names one grant programme.' })
export class GrantProgrammeIdInput {
  @Field(() => ID, { description: 'The programme.' })
  @IsUUID()
  programmeId: string;
}

@InputType({ description: 'Narrows the list of programmes; all conditions must hold.' })
export class GrantProgrammeFilter {
  @Field(() => GrantProgrammeStatus, {
    nullable: true,
    description: 'Only programmes with this status (DRAFT ones only exist for officers).',
  })
  @IsOptional()
  @IsEnum(GrantProgrammeStatus)
  status?: GrantProgrammeStatus;

  @Field(() => Int, { nullable: true, description: 'Only programmes of this fiscal year.' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @Field(() => OrganisationKind, {
    nullable: true,
    description: 'Only programmes organisations of this kind may apply to.',
  })
  @IsOptional()
  @IsEnum(OrganisationKind)
  eligibleKind?: OrganisationKind;
}

@ArgsType()
export class GrantProgrammesArgs extends ConnectionArgs {
  @Field(() => GrantProgrammeFilter, { nullable: true, description: 'Narrows the list.' })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @ValidateNested()
  @Type(() => GrantProgrammeFilter)
  filter?: GrantProgrammeFilter;
}

/** A page of programmes (Relay connection). */
export const GrantProgrammeConnection = Connection(GrantProgramme, 'GrantProgramme');
