import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import {
  EnumColumn,
  MoneyColumn,
  TimestampColumn,
  UpdatedAtColumn,
  UuidColumn,
} from '../../../database/columns';
import { SafeIntScalar } from '../../../graphql/scalars';
import { OrganisationKind } from '../../organisations';
import { Node } from '../../../graphql/node';

export enum GrantProgrammeStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  DECIDED = 'DECIDED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(GrantProgrammeStatus, {
  name: 'GrantProgrammeStatus',
  description: 'DRAFT → OPEN → CLOSED → DECIDED → ARCHIVED.',
  valuesMap: {
    DRAFT: { description: 'Being prepared by municipal officers; only they see it.' },
    OPEN: {
      description:
        'Published: organisations apply between opensAt and closesAt; officers may decide as applications come in.',
    },
    CLOSED: {
      description:
        'No new applications (closed by an officer, or automatically at closesAt); decisions continue.',
    },
    DECIDED: {
      description:
        'Closed and every submitted application decided or withdrawn (reached automatically); payments and follow-up continue.',
    },
    ARCHIVED: {
      description:
        'Books closed by an officer once every award has an approved follow-up report, is paid in full and no ' +
        'recovery is outstanding; no money moves afterwards.',
    },
  },
});

/** One assessment criterion of a programme and its weight in the weighted score. */
@ObjectType({ description: 'An assessment criterion and its weight.' })
export class GrantCriterion {
  @Field({ description: 'Name of the criterion, e.g. "Barn och unga".' })
  name: string;

  @Field(() => Int, { description: 'Weight (1–100) of this criterion in the weighted score.' })
  weight: number;
}

/**
 * A grant programme (bidragsprogram). `allocated`, `disbursed` and `recovered` are counters kept in
 * the same transaction as the ledger entry that moves them, changed only by conditional UPDATEs
 * (`allocated + x <= budget`); CHECK constraints refuse any state beyond the budget. The API shows
 * the sums of the ledger itself (GrantLedgerService), which a test compares with these counters.
 */
@ObjectType({
  description:
    'A grant programme: budget, who may apply and when, the assessment criteria, and the money that has moved.',
  implements: () => [Node],
})
@Entity('grant_programmes')
@Index('IDX_grant_programmes_status_opens', ['status', 'opensAt'])
@Check('CHK_grant_programmes_budget', '"budget" > 0 AND "maxPerApplication" > 0')
@Check('CHK_grant_programmes_dates', '"closesAt" > "opensAt" AND "followUpDueAt" > "closesAt"')
@Check(
  'CHK_grant_programmes_money',
  '"allocated" >= 0 AND "allocated" <= "budget" AND "disbursed" >= 0 AND "disbursed" <= "allocated" AND "recovered" >= 0 AND "recovered" <= "disbursed"',
)
export class GrantProgramme extends UuidEntity {
  @Field({ description: 'Name, e.g. "Föreningsbidrag 2026".' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'What the programme supports and what applicants should know.' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => Int, { description: 'The fiscal year the money belongs to.' })
  @Column({ type: 'integer' })
  fiscalYear: number;

  @Field(() => SafeIntScalar, { description: 'Budget in öre.' })
  @MoneyColumn()
  budget: number;

  @Field(() => [OrganisationKind], { description: 'Kinds of organisation that may apply.' })
  @Column({ type: 'simple-json' })
  eligibleKinds: OrganisationKind[];

  @Field({ description: 'Applications are accepted from this instant…' })
  @TimestampColumn()
  opensAt: Date;

  @Field({ description: '…until this instant (exclusive).' })
  @TimestampColumn()
  closesAt: Date;

  @Field(() => SafeIntScalar, { description: 'Most one application may request, in öre.' })
  @MoneyColumn()
  maxPerApplication: number;

  @Field({
    description:
      'When follow-up reports (återrapportering) on awards are due; without an approved report after it, the ' +
      'organisation cannot apply again (FOLLOW_UP_OVERDUE).',
  })
  @TimestampColumn()
  followUpDueAt: Date;

  @Field(() => [GrantCriterion], {
    description: 'Assessment criteria with their weights; reviewers score each from 1 to 5.',
  })
  @Column({ type: 'simple-json' })
  criteria: GrantCriterion[];

  @Field(() => GrantProgrammeStatus, {
    description: 'DRAFT, OPEN, CLOSED, DECIDED or ARCHIVED.',
  })
  @EnumColumn(GrantProgrammeStatus)
  status: GrantProgrammeStatus;

  /** Sum of ALLOCATION and ADJUSTMENT entries (see the class comment). */
  @MoneyColumn({ default: 0 })
  allocated: number;

  /** Sum of DISBURSEMENT entries. */
  @MoneyColumn({ default: 0 })
  disbursed: number;

  /** Sum of RECOVERY entries. */
  @MoneyColumn({ default: 0 })
  recovered: number;

  @UuidColumn()
  createdById: string;

  @Field({ description: 'When the programme was created.' })
  @TimestampColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was opened.' })
  @TimestampColumn({ nullable: true })
  openedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was closed.' })
  @TimestampColumn({ nullable: true })
  closedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When its last pending application was decided or withdrawn.',
  })
  @TimestampColumn({ nullable: true })
  decidedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was archived.' })
  @TimestampColumn({ nullable: true })
  archivedAt: Date | null;
}
