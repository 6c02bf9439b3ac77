import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Trim } from '../../../common/validation';
import { Connection, ConnectionArgs } from '../../../graphql/pagination';
import { SafeIntScalar } from '../../../graphql/scalars';
import { GrantLedgerEntry } from '../entities/grant-ledger-entry.entity';
import { Amount, MAX_AMOUNT_TEXT, SignedAmount } from './money';
import { NoIdentityNumber } from '../../../common/free-text';

@InputType({
  description:
    'A payment (tranche) of an award: never more than what remains of the award, and not once its follow-up ' +
    'report is approved.',
})
export class RecordDisbursementInput {
  @Field(() => ID, { description: 'The application (APPROVED or PARTIALLY_APPROVED).' })
  @IsUUID()
  applicationId: string;

  @Field(() => SafeIntScalar, {
    description: `Amount paid, in öre: more than zero, at most ${MAX_AMOUNT_TEXT}.`,
  })
  @Amount()
  amount: number;

  @Field({ description: 'When it was paid (not before the decision, not in the future).' })
  @IsDate()
  paidAt: Date;

  @Field({ description: 'Payment or voucher reference (verifikation), e.g. "UB 2026-0412".' })
  @IsString()
  @Trim()
  @Length(1, 100)
  @NoIdentityNumber()
  reference: string;
}

@InputType({
  description:
    'Money the organisation paid back after an approved follow-up report: never more than the unspent ' +
    'disbursed amount still owed (outstandingRecovery).',
})
export class RecordRecoveryInput {
  @Field(() => ID, { description: 'The application.' })
  @IsUUID()
  applicationId: string;

  @Field(() => SafeIntScalar, {
    description: `Amount received back, in öre: more than zero, at most ${MAX_AMOUNT_TEXT}.`,
  })
  @Amount()
  amount: number;

  @Field({
    description: "When it was received: not before the award's first payment, not in the future.",
  })
  @IsDate()
  receivedAt: Date;

  @Field({ description: 'Payment or voucher reference, e.g. "IB 2027-0031".' })
  @IsString()
  @Trim()
  @Length(1, 100)
  @NoIdentityNumber()
  reference: string;
}

@InputType({
  description:
    'A correction of a decided award, recorded as an ADJUSTMENT (decisions themselves never change): positive ' +
    'within the programme budget and the requested amount, until the follow-up report is approved; negative ' +
    'not below what has been paid (a negative one releases the unpaid rest of an award to the budget).',
})
export class RecordAdjustmentInput {
  @Field(() => ID, { description: 'The application (APPROVED or PARTIALLY_APPROVED).' })
  @IsUUID()
  applicationId: string;

  @Field(() => SafeIntScalar, {
    description: `Change of the award in öre, positive or negative (never zero), at most ${MAX_AMOUNT_TEXT} either way.`,
  })
  @SignedAmount()
  amount: number;

  @Field({ description: 'Why the award is corrected.' })
  @IsString()
  @Trim()
  @Length(2, 2000)
  @NoIdentityNumber()
  reason: string;
}

@ArgsType()
export class GrantLedgerArgs extends ConnectionArgs {
  @Field(() => ID, { description: 'The programme.' })
  @IsUUID()
  programmeId: string;

  @Field(() => ID, { nullable: true, description: 'Only entries of this application.' })
  @IsOptional()
  @IsUUID()
  applicationId?: string;
}

@InputType({
  description: 'The follow-up report on an award, or a corrected one after it was returned.',
})
export class SubmitFollowUpReportInput {
  @Field(() => ID, { description: 'The application (APPROVED or PARTIALLY_APPROVED).' })
  @IsUUID()
  applicationId: string;

  @Field({ description: 'What the money achieved.' })
  @IsString()
  @Trim()
  @Length(10, 10_000)
  @NoIdentityNumber()
  outcomes: string;

  @Field(() => SafeIntScalar, {
    description: `How much of the award was spent, in öre: from 0 to the amount awarded (never above ${MAX_AMOUNT_TEXT}).`,
  })
  @Amount(0)
  amountSpent: number;
}

@InputType({ description: 'Names one follow-up report.' })
export class FollowUpReportIdInput {
  @Field(() => ID, { description: 'The report.' })
  @IsUUID()
  reportId: string;
}

@InputType({ description: 'Returns a follow-up report to the organisation to correct.' })
export class ReturnFollowUpReportInput {
  @Field(() => ID, { description: 'The report.' })
  @IsUUID()
  reportId: string;

  @Field({ description: 'What the organisation must correct (shown to it).' })
  @IsString()
  @Trim()
  @Length(2, 2000)
  @NoIdentityNumber()
  reason: string;
}

/** A page of ledger entries (Relay connection). */
export const GrantLedgerEntryConnection = Connection(GrantLedgerEntry, 'GrantLedgerEntry');
