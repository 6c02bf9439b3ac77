import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
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
import { GrantApplication } from './grant-application.entity';

export enum FollowUpReportStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
}

registerEnumType(FollowUpReportStatus, {
  name: 'FollowUpReportStatus',
  description:
    'SUBMITTED → APPROVED | RETURNED; a RETURNED report is corrected and submitted again.',
  valuesMap: {
    SUBMITTED: { description: 'Sent in by the organisation; waits for an officer.' },
    APPROVED: { description: 'Approved by an officer: the award is accounted for.' },
    RETURNED: {
      description: 'Returned by an officer with a reason; the organisation submits again.',
    },
  },
});

/**
 * The follow-up report (återrapportering) on an award: one per application, resubmitted in place
 * after it is returned (each version is in the audit log). Unspent disbursed money
 * (disbursed − amountSpent) becomes a recovery claim once the report is approved.
 */
@ObjectType({ description: 'The follow-up report (återrapportering) on an award.' })
@Entity('grant_follow_up_reports')
@Index('UQ_grant_follow_up_reports_application', ['applicationId'], { unique: true })
@Check('CHK_grant_follow_up_reports_amounts', '"amountSpent" >= 0 AND "submissionCount" >= 1')
export class FollowUpReport extends UuidEntity {
  @UuidColumn()
  applicationId: string;

  @Field({ description: 'What the money achieved.' })
  @Column({ type: 'text' })
  outcomes: string;

  @Field(() => SafeIntScalar, { description: 'How much of the award was spent, in öre.' })
  @MoneyColumn()
  amountSpent: number;

  @Field(() => FollowUpReportStatus, { description: 'SUBMITTED, APPROVED or RETURNED.' })
  @EnumColumn(FollowUpReportStatus)
  status: FollowUpReportStatus;

  @Field(() => Int, { description: 'How many times it has been submitted (1 the first time).' })
  @Column({ type: 'integer', default: 1 })
  submissionCount: number;

  @UuidColumn()
  submittedById: string;

  @Field({ description: 'When it was last submitted.' })
  @TimestampColumn()
  submittedAt: Date;

  @UuidColumn({ nullable: true })
  reviewedById: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When an officer last approved or returned it.',
  })
  @TimestampColumn({ nullable: true })
  reviewedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was returned (when RETURNED).' })
  @Column({ type: 'text', nullable: true })
  returnReason: string | null;

  @UpdatedAtColumn()
  updatedAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => GrantApplication, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicationId' })
  readonly application?: GrantApplication;
}
