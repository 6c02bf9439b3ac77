import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import {
  CreatedAtColumn,
  EnumColumn,
  TimestampColumn,
  UpdatedAtColumn,
  UuidColumn,
} from '../../../database/columns';
import { CredentialKind } from '../../credentials';
import { District } from '../../districts';
import { Organisation } from '../../organisations';
import { ShiftSeries } from './shift-series.entity';
import { Node } from '../../../graphql/node';

export enum ShiftStatus {
  PLANNED = 'PLANNED',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
  COMPLETED = 'COMPLETED',
}

/** Shifts people can still sign up for (before the deadline) and that still hold seats. */
export const OPEN_SHIFT_STATUSES = [ShiftStatus.PLANNED, ShiftStatus.CONFIRMED];

registerEnumType(ShiftStatus, {
  name: 'ShiftStatus',
  description: 'PLANNED → CONFIRMED | CANCELLED; COMPLETED once a walk report is in.',
  valuesMap: {
    PLANNED: { description: 'Published; volunteers sign up.' },
    CONFIRMED: { description: 'The coordinator confirmed the walk will happen.' },
    CANCELLED: { description: 'Cancelled; everyone signed up was notified and freed.' },
    COMPLETED: { description: 'Walked and reported.' },
  },
});

/**
 * A night walk. `confirmedCount` and `waitlistCount` are counters kept in the same transactions
 * as the signups they count: seats are claimed with a conditional UPDATE on this row, and CHECK
 * constraints refuse any state with more confirmed walkers than places.
 */
@ObjectType({
  description: 'A night walk (nattvandring): when, where, and how many walkers.',
  implements: () => [Node],
})
@Entity('shifts')
@Index('IDX_shifts_district_starts', ['districtId', 'startsAt'])
@Index('IDX_shifts_organisation_starts', ['organisationId', 'startsAt'])
@Index('IDX_shifts_series', ['seriesId'])
@Check('CHK_shifts_times', '"endsAt" > "startsAt" AND "signupDeadline" <= "startsAt"')
@Check('CHK_shifts_walkers', '"minWalkers" >= 2 AND "maxWalkers" >= "minWalkers"')
@Check(
  'CHK_shifts_capacity',
  '"confirmedCount" >= 0 AND "confirmedCount" <= "maxWalkers" AND "waitlistCount" >= 0',
)
export class Shift extends UuidEntity {
  @UuidColumn()
  organisationId: string;

  @UuidColumn()
  districtId: string;

  @UuidColumn({ nullable: true })
  seriesId: string | null;

  @Field({ description: 'When the walk starts.' })
  @TimestampColumn()
  startsAt: Date;

  @Field({ description: 'When the walk ends (may be after midnight).' })
  @TimestampColumn()
  endsAt: Date;

  @Field({ description: 'Where walkers meet (public).' })
  @Column({ type: 'varchar', length: 300 })
  meetingPoint: string;

  @Field(() => Int, { description: 'Fewest walkers for the walk to go ahead (at least 2).' })
  @Column({ type: 'integer' })
  minWalkers: number;

  @Field(() => Int, { description: 'Most confirmed walkers.' })
  @Column({ type: 'integer' })
  maxWalkers: number;

  @Field(() => [CredentialKind], {
    description: 'Credentials every walker needs, verified and valid on the day the walk ends.',
  })
  @Column({ type: 'simple-json' })
  requiredCredentials: CredentialKind[];

  @Field({ description: 'Last moment to sign up (at the latest the start).' })
  @TimestampColumn()
  signupDeadline: Date;

  @Field(() => ShiftStatus, { description: 'PLANNED, CONFIRMED, CANCELLED or COMPLETED.' })
  @EnumColumn(ShiftStatus)
  status: ShiftStatus;

  @Field(() => String, { nullable: true, description: 'Why the walk was cancelled.' })
  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @Field(() => Int, { description: 'Walkers holding a place (confirmed, attended or no-show).' })
  @Column({ type: 'integer', default: 0 })
  confirmedCount: number;

  @Field(() => Int, { description: 'People on the waitlist.' })
  @Column({ type: 'integer', default: 0 })
  waitlistCount: number;

  /** Arrival counter: each signup takes the next number, so the waitlist is first come, first served. */
  @Column({ type: 'integer', default: 0 })
  nextQueueNumber: number;

  @TimestampColumn({ nullable: true })
  reminderSentAt: Date | null;

  @UuidColumn()
  createdById: string;

  @Field({ description: 'When the walk was published.' })
  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisationId' })
  readonly organisation?: Organisation;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'districtId' })
  readonly district?: District;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => ShiftSeries, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'seriesId' })
  readonly series?: ShiftSeries;
}
