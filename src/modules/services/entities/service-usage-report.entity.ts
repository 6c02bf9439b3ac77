import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { TimestampColumn, UuidColumn } from '../../../database/columns';
import { SupportService } from './support-service.entity';

/** How many people a service served on one day; one per service and day (a new report corrects it). */
@ObjectType({ description: 'How many people a service served on one day.' })
@Entity('service_usage_reports')
@Index('UQ_service_usage_reports_service_date', ['serviceId', 'date'], { unique: true })
@Check('CHK_service_usage_reports_used', '"used" >= 0')
export class ServiceUsageReport extends UuidEntity {
  @UuidColumn()
  serviceId: string;

  @Field({ description: 'The day (YYYY-MM-DD, Stockholm).' })
  @Column({ type: 'varchar', length: 10 })
  date: string;

  @Field(() => Int, { description: 'People served that day.' })
  @Column({ type: 'integer' })
  used: number;

  @Field(() => Int, { nullable: true, description: "The service's daily capacity when reported." })
  @Column({ type: 'integer', nullable: true })
  dailyCapacity: number | null;

  @Field({
    description: 'True when more people were served than the daily capacity (allowed, flagged).',
  })
  @Column({ type: 'boolean' })
  overCapacity: boolean;

  @UuidColumn()
  reportedById: string;

  @Field({ description: 'When it was (last) reported.' })
  @TimestampColumn()
  reportedAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => SupportService, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'serviceId' })
  readonly service?: SupportService;
}
