import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { TimestampColumn, UuidColumn } from '../../../database/columns';
import { Shelter } from './shelter.entity';

/** One availability report of a shelter; every report is kept (history for statistics). */
@ObjectType({ description: 'Free places a shelter reported at one moment.' })
@Entity('shelter_availability_reports')
@Index('IDX_shelter_availability_reports_shelter_at', ['shelterId', 'reportedAt'])
@Check(
  'CHK_shelter_availability_reports_places',
  '"freeAdultPlaces" >= 0 AND "freeChildPlaces" >= 0',
)
export class ShelterAvailabilityReport extends UuidEntity {
  @UuidColumn()
  shelterId: string;

  @Field(() => Int, { description: 'Free places for adults, as reported.' })
  @Column({ type: 'integer' })
  freeAdultPlaces: number;

  @Field(() => Int, { description: 'Free places for children, as reported.' })
  @Column({ type: 'integer' })
  freeChildPlaces: number;

  @Field({ description: 'When it was reported.' })
  @TimestampColumn()
  reportedAt: Date;

  @UuidColumn()
  reportedById: string;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Shelter, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shelterId' })
  readonly shelter?: Shelter;
}
