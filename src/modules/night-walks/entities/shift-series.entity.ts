import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { CreatedAtColumn, UuidColumn } from '../../../database/columns';
import { Organisation } from '../../organisations';

/** The recurrence a set of shifts was created from (RFC 5545 RRULE in Europe/Stockholm). */
@Entity('shift_series')
export class ShiftSeries extends UuidEntity {
  @UuidColumn()
  organisationId: string;

  @Column({ type: 'varchar', length: 300 })
  rrule: string;

  @UuidColumn()
  createdById: string;

  @CreatedAtColumn()
  createdAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisationId' })
  readonly organisation?: Organisation;
}
