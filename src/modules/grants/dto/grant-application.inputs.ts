import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import { SafeIntScalar } from '../../../graphql/scalars';
import { GrantApplication, GrantApplicationStatus } from '../entities/grant-application.entity';
import { MAX_BUDGET_LINES, MAX_SCORE, MIN_SCORE } from '../grants.rules';
import { Amount, MAX_AMOUNT_TEXT } from './money';
import { NoIdentityNumber } from '../../../common/free-text';

@InputType({ description: 'A line of the budget of an application.' })
export class GrantBudgetLineInput {
  @Field({ description: 'What the money is for.' })
  @IsString()
  @Trim()
  @Length(2, 200)
  @NoIdentityNumber()
  label: string;

  @Field(() => SafeIntScalar, {
    description: `Amount in öre: more than zero, at most ${MAX_AMOUNT_TEXT}.`,
  })
  @Amount()
  amount: number;
}

@InputType({
  description:
    'A new application (created as DRAFT) by an ORG_ADMIN of a VERIFIED organisation of an eligible kind.',
})
export class CreateGrantApplicationInput {
  @Field(() => ID, { description: 'The programme applied to (OPEN, before it closes).' })
  @IsUUID()
  programmeId: string;

  @Field(() => ID, { description: 'The applying organisation.' })
  @IsUUID()
  organisationId: string;

  @Field({ description: 'What the money is for and what it will achieve.' })
  @IsString()
  @Trim()
  @Length(10, 10_000)
  @NoIdentityNumber()
  purpose: string;

  @Field(() => SafeIntScalar, {
    description: `Amount applied for, in öre: more than zero, at most the programme's maximum (and never above ${MAX_AMOUNT_TEXT}).`,
  })
  @Amount()
  requestedAmount: number;

  @Field(() => [GrantBudgetLineInput], {
    description: `The budget (1 to ${MAX_BUDGET_LINES} lines); must add up to requestedAmount.`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BUDGET_LINES)
  @ValidateNested({ each: true })
  @Type(() => GrantBudgetLineInput)
  budgetLines: GrantBudgetLineInput[];
}

@InputType({
  description:
    'Changes to a DRAFT application; omitted fields, and fields sent as null, stay as they are. The budget lines ' +
    'must still add up to the requested amount.',
})
export class UpdateGrantApplicationInput {
  @Field(() => ID, { description: 'The application.' })
  @IsUUID()
  applicationId: string;

  @Field({ nullable: true, description: 'New purpose.' })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @IsString()
  @Trim()
  @Length(10, 10_000)
  @NoIdentityNumber()
  purpose?: string;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: `New requested amount, in öre: more than zero, at most the programme's maximum (and never above ${MAX_AMOUNT_TEXT}).`,
  })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @Amount()
  requestedAmount?: number;

  @Field(() => [GrantBudgetLineInput], { nullable: true, description: 'New budget (all lines).' })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BUDGET_LINES)
  @ValidateNested({ each: true })
  @Type(() => GrantBudgetLineInput)
  budgetLines?: GrantBudgetLineInput[];
}

@InputType({ description: 'Names one grant application.' })
export class GrantApplicationIdInput {
  @Field(() => ID, { description: 'The application.' })
  @IsUUID()
  applicationId: string;
}

@InputType({ description: 'Narrows the list of applications; all conditions must hold.' })
export class GrantApplicationFilter {
  @Field(() => ID, { nullable: true, description: 'Only applications to this programme.' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @Field(() => ID, { nullable: true, description: 'Only applications of this organisation.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => GrantApplicationStatus, {
    nullable: true,
    description: 'Only applications with this status.',
  })
  @IsOptional()
  @IsEnum(GrantApplicationStatus)
  status?: GrantApplicationStatus;
}

@ArgsType()
export class GrantApplicationsArgs extends ConnectionArgs {
  @Field(() => GrantApplicationFilter, { nullable: true, description: 'Narrows the list.' })
  @DefaultWhenNull(() => undefined)
  @IsOptional()
  @ValidateNested()
  @Type(() => GrantApplicationFilter)
  filter?: GrantApplicationFilter;
}

@InputType({ description: 'A score for one criterion.' })
export class GrantScoreInput {
  @Field({ description: "The criterion's name, exactly as in the programme." })
  @IsString()
  @Length(1, 100)
  criterion: string;

  @Field(() => Int, { description: `Score from ${MIN_SCORE} (weak) to ${MAX_SCORE} (excellent).` })
  @IsInt()
  @Min(MIN_SCORE)
  @Max(MAX_SCORE)
  score: number;
}

@InputType({
  description:
    'Your assessment of an application UNDER_REVIEW: a score for every criterion and a comment. Sending it again ' +
    'revises your review until the decision.',
})
export class ReviewGrantApplicationInput {
  @Field(() => ID, { description: 'The application.' })
  @IsUUID()
  applicationId: string;

  @Field(() => [GrantScoreInput], { description: 'One score per criterion of the programme.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => GrantScoreInput)
  scores: GrantScoreInput[];

  @Field({ description: 'Your comment on the application.' })
  @IsString()
  @Trim()
  @Length(2, 10_000)
  @NoIdentityNumber()
  comment: string;
}

@InputType({
  description:
    'The decision on an application UNDER_REVIEW: final. The full requested amount approves it, less approves it ' +
    'partially, zero rejects it.',
})
export class DecideGrantApplicationInput {
  @Field(() => ID, { description: 'The application.' })
  @IsUUID()
  applicationId: string;

  @Field(() => SafeIntScalar, {
    description: `Amount awarded, in öre: from 0 (rejected) to the requested amount (never above ${MAX_AMOUNT_TEXT}).`,
  })
  @Amount(0)
  awardedAmount: number;

  @Field({
    nullable: true,
    defaultValue: '',
    description: 'Why: required unless the requested amount is awarded in full.',
  })
  @DefaultWhenNull(() => '')
  @IsOptional()
  @IsString()
  @Trim()
  @Length(0, 10_000)
  @NoIdentityNumber()
  motivation: string = '';
}

/** The decision on an application (from its columns; never changed once written). */
@ObjectType({ description: 'The decision on an application: who, when, how much and why.' })
export class GrantDecision {
  @Field(() => SafeIntScalar, { description: 'Amount awarded by the decision, in öre.' })
  awardedAmount: number;

  @Field(() => String, {
    nullable: true,
    description: 'The motivation (null when awarded in full without one).',
  })
  motivation: string | null;

  @Field({ description: 'When it was decided.' })
  decidedAt: Date;

  /** Resolved to `decidedBy` through the people loader. */
  decidedById: string;
}

/** A page of applications (Relay connection). */
export const GrantApplicationConnection = Connection(GrantApplication, 'GrantApplication');
