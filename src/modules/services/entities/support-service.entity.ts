import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { TargetGroup } from '../../../common/target-group';
import {
  CreatedAtColumn,
  EnumColumn,
  UpdatedAtColumn,
  UuidColumn,
} from '../../../database/columns';
import { District } from '../../districts';
import { Organisation } from '../../organisations';
import { OpeningHours } from '../dto/opening-hours.type';
import { Node } from '../../../graphql/node';

export enum ServiceCategory {
  NIGHT_SHELTER = 'NIGHT_SHELTER',
  FOOD = 'FOOD',
  HYGIENE = 'HYGIENE',
  HEALTH = 'HEALTH',
  LEGAL_ADVICE = 'LEGAL_ADVICE',
  LANGUAGE = 'LANGUAGE',
  COUNSELLING = 'COUNSELLING',
  HBTQ_SUPPORT = 'HBTQ_SUPPORT',
  ADDICTION_SUPPORT = 'ADDICTION_SUPPORT',
}

registerEnumType(ServiceCategory, {
  name: 'ServiceCategory',
  description: 'What a support service offers.',
  valuesMap: {
    NIGHT_SHELTER: { description: 'A bed for the night (härbärge, natthärbärge).' },
    FOOD: { description: 'Meals or food bags.' },
    HYGIENE: { description: 'Showers, laundry, toilets.' },
    HEALTH: { description: 'Health care and clinics.' },
    LEGAL_ADVICE: { description: 'Legal advice and help with authorities.' },
    LANGUAGE: { description: 'Language cafés and classes.' },
    COUNSELLING: { description: 'Someone to talk to: counselling and support talks.' },
    HBTQ_SUPPORT: { description: 'Support for HBTQ people.' },
    ADDICTION_SUPPORT: { description: 'Support with alcohol and drugs.' },
  },
});

/**
 * A support service of an organisation (food, a night shelter, legal advice…): public, with its
 * street address and weekly opening hours in Stockholm time. The opening hours are kept as
 * written (for display and "next opening") and, cut at midnight, as rows of
 * `support_service_opening_slots` for the `openAt` filter.
 */
@ObjectType({
  description: 'A support service: what, where, when and in which languages (public).',
  implements: () => [Node],
})
@Entity('support_services')
@Index('IDX_support_services_organisation', ['organisationId'])
@Index('IDX_support_services_category_name', ['category', 'name'])
@Index('IDX_support_services_district', ['districtId'])
@Check('CHK_support_services_capacity', '"dailyCapacity" IS NULL OR "dailyCapacity" >= 1')
export class SupportService extends UuidEntity {
  @UuidColumn()
  organisationId: string;

  @UuidColumn()
  districtId: string;

  @Field({ description: 'Name of the service.' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => ServiceCategory, { description: 'What it offers.' })
  @EnumColumn(ServiceCategory)
  category: ServiceCategory;

  @Field({ description: 'What to expect, who may come (public).' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field({ description: 'Where it is: a public street address.' })
  @Column({ type: 'varchar', length: 300 })
  address: string;

  @Field(() => [OpeningHours], {
    description:
      'Weekly opening hours in Stockholm time; a closing time before the opening is the next day.',
  })
  @Column({ type: 'simple-json' })
  openingHours: OpeningHours[];

  @Field(() => [String], { description: 'Languages spoken, as ISO 639 codes.' })
  @Column({ type: 'simple-json' })
  languages: string[];

  @Field(() => [TargetGroup], { description: 'Whom it is for; empty: everyone.' })
  @Column({ type: 'simple-json' })
  targetGroups: TargetGroup[];

  @Field(() => Int, {
    nullable: true,
    description: 'How many people it can serve a day, if limited.',
  })
  @Column({ type: 'integer', nullable: true })
  dailyCapacity: number | null;

  @Field({ description: 'False hides the service from the directory.' })
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @UuidColumn()
  createdById: string;

  @Field({ description: 'When it was published.' })
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
}
