import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { CreatedAtColumn, TimestampColumn, UuidColumn } from '../../../database/columns';
import { Organisation } from '../../organisations';
import { Resource } from './resource.entity';

/** The recurrence a set of bookings was made from (RFC 5545 RRULE in Europe/Stockholm). */
@Entity('booking_series')
export class BookingSeries extends UuidEntity {
  @UuidColumn()
  resourceId: string;

  @UuidColumn()
  organisationId: string;

  @Column({ type: 'varchar', length: 300 })
  rrule: string;

  @TimestampColumn()
  firstStartsAt: Date;

  @Column({ type: 'integer' })
  durationMinutes: number;

  @UuidColumn()
  createdById: string;

  @CreatedAtColumn()
  createdAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Resource, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resourceId' })
  readonly resource?: Resource;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisationId' })
  readonly organisation?: Organisation;
}
