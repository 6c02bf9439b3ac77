import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { TimestampColumn, UuidColumn } from '../../../database/columns';
import { Person } from '../../people';
import { GrantApplication } from './grant-application.entity';

/** A reviewer's score (1–5) for one criterion. */
@ObjectType({ description: 'A score for one criterion.' })
export class GrantScore {
  @Field({ description: "The criterion's name, as in the programme." })
  criterion: string;

  @Field(() => Int, { description: 'Score from 1 (weak) to 5 (excellent).' })
  score: number;
}

/**
 * One officer's assessment of an application: a score for every criterion of the programme and a
 * comment. One per officer and application (a unique index); the officer may revise it until the
 * decision. Municipal staff only: organisations see the decision and its motivation.
 */
@ObjectType({ description: "An officer's assessment of an application against the criteria." })
@Entity('grant_reviews')
@Index('UQ_grant_reviews_application_reviewer', ['applicationId', 'reviewerId'], { unique: true })
export class GrantReview extends UuidEntity {
  @UuidColumn()
  applicationId: string;

  @UuidColumn()
  reviewerId: string;

  @Field(() => [GrantScore], { description: "A score for each of the programme's criteria." })
  @Column({ type: 'simple-json' })
  scores: GrantScore[];

  @Field({ description: "The reviewer's comment." })
  @Column({ type: 'text' })
  comment: string;

  @Field(() => Float, {
    description: 'Σ(score × weight) / Σ weight over the criteria: 1.0 to 5.0.',
  })
  @Column({ type: 'double precision' })
  weightedScore: number;

  @Field({ description: 'When the review was first recorded.' })
  @TimestampColumn()
  createdAt: Date;

  @Field({ description: 'When it was last revised (the first time: when it was recorded).' })
  @TimestampColumn()
  revisedAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => GrantApplication, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicationId' })
  readonly application?: GrantApplication;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewerId' })
  readonly reviewer?: Person;
}
