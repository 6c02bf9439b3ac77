import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import {
  CreatedAtColumn,
  EnumColumn,
  TimestampColumn,
  UpdatedAtColumn,
  UuidColumn,
} from '../../../database/columns';
import { Organisation } from '../../organisations';
import { Person } from '../../people';
import { BookingSeries } from './booking-series.entity';
import { Resource } from './resource.entity';

export enum BookingStatus {
  REQUESTED = 'REQUESTED',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
}

/** Bookings that hold their interval: no two of these overlap on one resource (buffers included). */
export const LIVE_BOOKING_STATUSES = [BookingStatus.REQUESTED, BookingStatus.CONFIRMED];

/** The name of the PostgreSQL exclusion constraint (mapped to BOOKING_CONFLICT). */
export const BOOKING_OVERLAP_CONSTRAINT = 'EX_bookings_no_overlap';

registerEnumType(BookingStatus, {
  name: 'BookingStatus',
  description:
    'REQUESTED → CONFIRMED | REJECTED | EXPIRED, or CANCELLED (from REQUESTED or CONFIRMED).',
  valuesMap: {
    REQUESTED: { description: 'Waits for the owner to approve it; the time is held meanwhile.' },
    CONFIRMED: { description: 'Booked.' },
    REJECTED: { description: 'Refused by the owner, with a reason; holds nothing.' },
    CANCELLED: { description: 'Cancelled; the time is free again.' },
    EXPIRED: {
      description:
        'The owner did not answer before it started: closed by the system, holds nothing.',
    },
  },
});

/**
 * A booking of a resource by an organisation. `blockedUntil` is the end plus the resource's buffer
 * at the time of booking: the interval [startsAt, blockedUntil) of live bookings never overlaps on
 * one resource, so two live bookings are always at least the buffer apart and back-to-back
 * bookings without a buffer are fine (half-open). The database holds it: an exclusion constraint
 * on PostgreSQL, triggers on SQLite (see the Bookings migrations).
 */
@ObjectType({ description: 'A booking of a shared resource by an organisation.' })
@Entity('bookings')
@Index('IDX_bookings_resource_starts', ['resourceId', 'startsAt'])
@Index('IDX_bookings_organisation_starts', ['organisationId', 'startsAt'])
@Index('IDX_bookings_series', ['seriesId'])
@Check('CHK_bookings_times', '"endsAt" > "startsAt" AND "blockedUntil" >= "endsAt"')
@Check('CHK_bookings_attendees', '"attendees" IS NULL OR "attendees" >= 1')
@Check('CHK_bookings_rejection', `"status" <> 'REJECTED' OR "rejectionReason" IS NOT NULL`)
@Index('IDX_bookings_status_starts', ['status', 'startsAt'])
@Exclusion(
  BOOKING_OVERLAP_CONSTRAINT,
  `USING gist ("resourceId" WITH =, tstzrange("startsAt", "blockedUntil", '[)') WITH &&) WHERE ("status" IN ('REQUESTED', 'CONFIRMED'))`,
)
export class Booking extends UuidEntity {
  @UuidColumn()
  resourceId: string;

  @UuidColumn()
  organisationId: string;

  @UuidColumn()
  bookedById: string;

  /** The recurring booking it was made with (bookResourceRecurring), if any. */
  @UuidColumn({ nullable: true })
  seriesId: string | null;

  @Field({ description: 'When the booking starts.' })
  @TimestampColumn()
  startsAt: Date;

  @Field({
    description: 'When it ends (exclusive: the next booking may start then, buffer apart).',
  })
  @TimestampColumn()
  endsAt: Date;

  /** `endsAt` plus the resource's buffer when booked: the end of the interval this booking holds. */
  @TimestampColumn()
  blockedUntil: Date;

  /** What it is for (the parties see it; see BookingFieldsResolver and BookingVisibility). */
  @Column({ type: 'varchar', length: 300 })
  purpose: string;

  @Column({ type: 'integer', nullable: true })
  attendees: number | null;

  /**
   * Shown as busy time only, to everyone but the parties and in the public calendar ("Bokad",
   * without organisation or purpose). Always true for a women's shelter's bookings.
   */
  @Column({ type: 'boolean', default: false })
  confidential: boolean;

  @Field(() => BookingStatus, {
    description: 'REQUESTED, CONFIRMED, REJECTED, CANCELLED or EXPIRED.',
  })
  @EnumColumn(BookingStatus)
  status: BookingStatus;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  @UuidColumn({ nullable: true })
  decidedById: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the owner approved or rejected it, or it expired unanswered (null when it needed no approval).',
  })
  @TimestampColumn({ nullable: true })
  decidedAt: Date | null;

  @UuidColumn({ nullable: true })
  cancelledById: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was cancelled.' })
  @TimestampColumn({ nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @Field({ description: 'When it was booked.' })
  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Resource, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resourceId' })
  readonly resource?: Resource;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisationId' })
  readonly organisation?: Organisation;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bookedById' })
  readonly bookedBy?: Person;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => BookingSeries, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'seriesId' })
  readonly series?: BookingSeries;
}
