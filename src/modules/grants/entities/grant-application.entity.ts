import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import {
  EnumColumn,
  MoneyColumn,
  TimestampColumn,
  UpdatedAtColumn,
  UuidColumn,
} from '../../../database/columns';
import { SafeIntScalar } from '../../../graphql/scalars';
import { Organisation } from '../../organisations';
import { GrantProgramme } from './grant-programme.entity';
import { Node } from '../../../graphql/node';

export enum GrantApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  APPROVED = 'APPROVED',
  PARTIALLY_APPROVED = 'PARTIALLY_APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

/** Waiting for the municipality: a CLOSED programme becomes DECIDED when none are left. */
export const PENDING_APPLICATION_STATUSES = [
  GrantApplicationStatus.SUBMITTED,
  GrantApplicationStatus.UNDER_REVIEW,
];

/** Decided with money: payments, adjustments and follow-up reports concern these. */
export const AWARDED_STATUSES = [
  GrantApplicationStatus.APPROVED,
  GrantApplicationStatus.PARTIALLY_APPROVED,
];

/** The organisation may still withdraw these. */
export const WITHDRAWABLE_STATUSES = [
  GrantApplicationStatus.DRAFT,
  GrantApplicationStatus.SUBMITTED,
  GrantApplicationStatus.UNDER_REVIEW,
];

registerEnumType(GrantApplicationStatus, {
  name: 'GrantApplicationStatus',
  description:
    'DRAFT → SUBMITTED → UNDER_REVIEW → APPROVED | PARTIALLY_APPROVED | REJECTED; or WITHDRAWN before the decision.',
  valuesMap: {
    DRAFT: {
      description:
        'Being written by the organisation: its working copy, seen only by its members (municipal officers see it once submitted).',
    },
    SUBMITTED: { description: 'Sent in; waits for an officer to start the review.' },
    UNDER_REVIEW: { description: 'Officers are scoring it against the criteria.' },
    APPROVED: { description: 'Decided: the requested amount awarded in full.' },
    PARTIALLY_APPROVED: { description: 'Decided: part of the requested amount awarded.' },
    REJECTED: { description: 'Decided: nothing awarded.' },
    WITHDRAWN: { description: 'Withdrawn by the organisation before a decision.' },
  },
});

/** One line of an application's budget. */
@ObjectType({ description: 'A line of the budget of an application.' })
export class GrantBudgetLine {
  @Field({ description: 'What the money is for, e.g. "Reflexvästar och ficklampor".' })
  label: string;

  @Field(() => SafeIntScalar, { description: 'Amount in öre.' })
  amount: number;
}

/**
 * An organisation's application to a programme. One live (not WITHDRAWN) application per
 * organisation and programme, held by a partial unique index. The decision is written once (a
 * conditional UPDATE from UNDER_REVIEW) and never changed; corrections are ledger entries.
 * `awarded`, `disbursed` and `recovered` are counters kept with the ledger (see GrantProgramme).
 */
@ObjectType({ description: "An organisation's application for a grant.", implements: () => [Node] })
@Entity('grant_applications')
@Index('UQ_grant_applications_live', ['programmeId', 'organisationId'], {
  unique: true,
  where: `"status" <> 'WITHDRAWN'`,
})
@Index('IDX_grant_applications_programme_status', ['programmeId', 'status'])
@Index('IDX_grant_applications_organisation', ['organisationId', 'createdAt'])
@Check('CHK_grant_applications_requested', '"requestedAmount" > 0')
@Check(
  'CHK_grant_applications_decision',
  '"awardedAmount" IS NULL OR ("awardedAmount" >= 0 AND "awardedAmount" <= "requestedAmount" AND "decidedAt" IS NOT NULL)',
)
@Check(
  'CHK_grant_applications_money',
  '"awarded" >= 0 AND "awarded" <= "requestedAmount" AND "disbursed" >= 0 AND "disbursed" <= "awarded" AND "recovered" >= 0 AND "recovered" <= "disbursed"',
)
export class GrantApplication extends UuidEntity {
  @UuidColumn()
  programmeId: string;

  @UuidColumn()
  organisationId: string;

  @Field({ description: 'What the money is for and what it will achieve.' })
  @Column({ type: 'text' })
  purpose: string;

  @Field(() => SafeIntScalar, { description: 'Amount applied for, in öre.' })
  @MoneyColumn()
  requestedAmount: number;

  @Field(() => [GrantBudgetLine], {
    description: 'The budget; its lines add up to requestedAmount.',
  })
  @Column({ type: 'simple-json' })
  budgetLines: GrantBudgetLine[];

  @Field(() => GrantApplicationStatus, { description: 'Where the application is.' })
  @EnumColumn(GrantApplicationStatus)
  status: GrantApplicationStatus;

  @UuidColumn()
  createdById: string;

  @Field({ description: 'When the draft was created.' })
  @TimestampColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was submitted.' })
  @TimestampColumn({ nullable: true })
  submittedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When an officer started the review.' })
  @TimestampColumn({ nullable: true })
  reviewStartedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn.' })
  @TimestampColumn({ nullable: true })
  withdrawnAt: Date | null;

  /** The decision (GrantApplication.decision): written once. */
  @MoneyColumn({ nullable: true })
  awardedAmount: number | null;

  @Column({ type: 'text', nullable: true })
  motivation: string | null;

  @UuidColumn({ nullable: true })
  decidedById: string | null;

  @TimestampColumn({ nullable: true })
  decidedAt: Date | null;

  /** Sum of ALLOCATION and ADJUSTMENT entries of this application. */
  @MoneyColumn({ default: 0 })
  awarded: number;

  /** Sum of DISBURSEMENT entries of this application. */
  @MoneyColumn({ default: 0 })
  disbursed: number;

  /** Sum of RECOVERY entries of this application. */
  @MoneyColumn({ default: 0 })
  recovered: number;

  /** When the organisation was reminded that its follow-up report is due (once). */
  @TimestampColumn({ nullable: true })
  followUpReminderSentAt: Date | null;

  /** Declares the foreign key; loaded only by the follow-up reminder job's join. */
  @ManyToOne(() => GrantProgramme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programmeId' })
  readonly programme?: GrantProgramme;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisationId' })
  readonly organisation?: Organisation;
}
