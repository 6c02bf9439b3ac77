import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { TimestampColumn, UuidColumn } from '../../../database/columns';
import { Shift } from './shift.entity';

export enum IncidentCategory {
  VIOLENCE = 'VIOLENCE',
  THREATS = 'THREATS',
  DRUGS = 'DRUGS',
  ALCOHOL = 'ALCOHOL',
  VANDALISM = 'VANDALISM',
  HARASSMENT = 'HARASSMENT',
  FIRE = 'FIRE',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  OTHER = 'OTHER',
}

registerEnumType(IncidentCategory, {
  name: 'IncidentCategory',
  description: 'Kinds of incident a walk report can name (never who was involved).',
  valuesMap: {
    VIOLENCE: { description: 'Violence or fighting.' },
    THREATS: { description: 'Threats.' },
    DRUGS: { description: 'Narcotics.' },
    ALCOHOL: { description: 'Alcohol, e.g. minors drinking.' },
    VANDALISM: { description: 'Vandalism or graffiti.' },
    HARASSMENT: { description: 'Harassment.' },
    FIRE: { description: 'Fire or fireworks.' },
    MENTAL_HEALTH: { description: 'Someone in mental distress.' },
    OTHER: { description: 'Anything else.' },
  },
});

/**
 * What walkers met and saw, in numbers and categories. It never names the people met: free text
 * containing a personal identity number is refused.
 */
@ObjectType({ description: 'The report after a night walk: counts and categories, never names.' })
@Entity('walk_reports')
@Index('UQ_walk_reports_shift', ['shiftId'], { unique: true })
@Check(
  'CHK_walk_reports_counts',
  '"youngPeopleMet" >= 0 AND "adultsMet" >= 0 AND "referrals" >= 0 AND "policeContacted" >= 0',
)
export class WalkReport extends UuidEntity {
  @UuidColumn()
  shiftId: string;

  @UuidColumn()
  submittedById: string;

  @Field(() => Int, { description: 'Young people met.' })
  @Column({ type: 'integer' })
  youngPeopleMet: number;

  @Field(() => Int, { description: 'Adults met.' })
  @Column({ type: 'integer' })
  adultsMet: number;

  @Field(() => Int, { description: 'Referrals to social services.' })
  @Column({ type: 'integer' })
  referrals: number;

  @Field(() => Int, { description: 'Times the police were contacted.' })
  @Column({ type: 'integer' })
  policeContacted: number;

  @Field(() => [IncidentCategory], { description: 'Kinds of incident seen.' })
  @Column({ type: 'simple-json' })
  incidentCategories: IncidentCategory[];

  @Field(() => [String], { description: 'Places walked, e.g. "Kronogårdstorget".' })
  @Column({ type: 'simple-json' })
  areasCovered: string[];

  @Field({ description: 'Free text, without names or personal identity numbers.' })
  @Column({ type: 'text', default: '' })
  notes: string;

  @Field({ description: 'When the report was submitted.' })
  @TimestampColumn()
  submittedAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Shift, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shiftId' })
  readonly shift?: Shift;
}
