import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { UuidColumn } from '../../../database/columns';
import { SupportService } from './support-service.entity';

/**
 * A service's opening hours cut at local midnight: on ISO weekday `weekday` (1 Monday … 7 Sunday)
 * from `startMinute` to `endMinute` after midnight, Stockholm wall-clock time. Rewritten with the
 * service; what `supportServices(filter: { openAt })` matches in SQL.
 */
@Entity('support_service_opening_slots')
@Index('IDX_support_service_opening_slots_service', ['serviceId'])
@Index('IDX_support_service_opening_slots_when', ['weekday', 'startMinute', 'endMinute'])
@Check(
  'CHK_support_service_opening_slots_span',
  '"weekday" BETWEEN 1 AND 7 AND "startMinute" >= 0 AND "startMinute" < "endMinute" AND "endMinute" <= 1440',
)
export class SupportServiceOpeningSlot extends UuidEntity {
  @UuidColumn()
  serviceId: string;

  @Column({ type: 'integer' })
  weekday: number;

  @Column({ type: 'integer' })
  startMinute: number;

  @Column({ type: 'integer' })
  endMinute: number;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => SupportService, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'serviceId' })
  readonly service?: SupportService;
}
