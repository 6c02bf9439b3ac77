import { Field, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { CreatedAtColumn, TimestampColumn, UuidColumn } from '../../../database/columns';
import { Resource } from './resource.entity';

/**
 * A period the owner closes a resource (repairs, the owner's own event). New bookings in it are
 * refused; bookings made before it stay and are listed, for the owner to settle with each booker.
 */
@ObjectType({ description: 'A period in which a resource cannot be booked.' })
@Entity('resource_blackouts')
@Index('IDX_resource_blackouts_resource_starts', ['resourceId', 'startsAt'])
@Check('CHK_resource_blackouts_times', '"endsAt" > "startsAt"')
export class Blackout extends UuidEntity {
  @UuidColumn()
  resourceId: string;

  @Field({ description: 'When the closed period starts.' })
  @TimestampColumn()
  startsAt: Date;

  @Field({ description: 'When it ends (exclusive).' })
  @TimestampColumn()
  endsAt: Date;

  @Field({ description: 'Why, e.g. "Renovering" (shown to every signed-in person).' })
  @Column({ type: 'varchar', length: 300 })
  reason: string;

  @UuidColumn()
  createdById: string;

  @Field({ description: 'When it was added.' })
  @CreatedAtColumn()
  createdAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Resource, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resourceId' })
  readonly resource?: Resource;
}
