import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { TargetGroup } from '../../../common/target-group';
import {
  CreatedAtColumn,
  TimestampColumn,
  UpdatedAtColumn,
  UuidColumn,
} from '../../../database/columns';
import { Organisation } from '../../organisations';
import { Node } from '../../../graphql/node';

export enum ShelterFeature {
  WHEELCHAIR_ACCESSIBLE = 'WHEELCHAIR_ACCESSIBLE',
  PETS_ALLOWED = 'PETS_ALLOWED',
  REINFORCED_SECURITY = 'REINFORCED_SECURITY',
  HONOUR_VIOLENCE_COMPETENCE = 'HONOUR_VIOLENCE_COMPETENCE',
  SUBSTANCE_USE_SUPPORT = 'SUBSTANCE_USE_SUPPORT',
}

registerEnumType(ShelterFeature, {
  name: 'ShelterFeature',
  description: 'What a shelter offers beyond a place to stay.',
  valuesMap: {
    WHEELCHAIR_ACCESSIBLE: { description: 'Accessible by wheelchair.' },
    PETS_ALLOWED: { description: 'Pets may come along.' },
    REINFORCED_SECURITY: {
      description: 'Reinforced security (skyddat boende med förstärkt skydd).',
    },
    HONOUR_VIOLENCE_COMPETENCE: { description: 'Competence in honour-related violence.' },
    SUBSTANCE_USE_SUPPORT: { description: 'Takes and supports people with substance use.' },
  },
});

/**
 * A shelter (a unit of a women's shelter or similar organisation). It has NO address, postcode,
 * coordinates or any other position: a protected shelter's location is never stored (a test scans
 * this table and the schema). `area` is coarse: a Swedish municipality or county, nothing finer.
 *
 * Its current availability lives on the row: the last report's free places, lowered by confirmed
 * placements since, and the places held by accepted placements. Holds are claimed with a
 * conditional UPDATE (`held + n <= free`), and CHECK constraints refuse any state where holds
 * exceed free places or free places exceed the shelter's size.
 */
@ObjectType({
  description:
    'A shelter (skyddat boende): who it is for and how big it is. Never where it is: no address exists.',
  implements: () => [Node],
})
@Entity('shelters')
@Index('IDX_shelters_organisation', ['organisationId'])
@Index('IDX_shelters_area', ['area'])
@Check('CHK_shelters_places', '"totalAdultPlaces" >= 1 AND "totalChildPlaces" >= 0')
@Check(
  'CHK_shelters_free',
  '"freeAdultPlaces" >= 0 AND "freeAdultPlaces" <= "totalAdultPlaces" AND ' +
    '"freeChildPlaces" >= 0 AND "freeChildPlaces" <= "totalChildPlaces"',
)
@Check(
  'CHK_shelters_held',
  '"heldAdultPlaces" >= 0 AND "heldAdultPlaces" <= "freeAdultPlaces" AND ' +
    '"heldChildPlaces" >= 0 AND "heldChildPlaces" <= "freeChildPlaces"',
)
export class Shelter extends UuidEntity {
  @UuidColumn()
  organisationId: string;

  @Field({ description: 'Name shown to social services; may be a pseudonym.' })
  @Column({ type: 'varchar', length: 120 })
  displayName: string;

  @Field({
    description: 'Coarse area only: a Swedish municipality or county, e.g. "Trollhättan".',
  })
  @Column({ type: 'varchar', length: 80 })
  area: string;

  @Field(() => [TargetGroup], { description: 'Whom the shelter takes.' })
  @Column({ type: 'simple-json' })
  targetGroups: TargetGroup[];

  @Field(() => [ShelterFeature], { description: 'What the shelter offers.' })
  @Column({ type: 'simple-json' })
  features: ShelterFeature[];

  @Field(() => [String], { description: 'Languages spoken by the staff, as ISO 639 codes.' })
  @Column({ type: 'simple-json' })
  languages: string[];

  @Field(() => Int, { description: 'Places for adults.' })
  @Column({ type: 'integer' })
  totalAdultPlaces: number;

  @Field(() => Int, { description: 'Places for children.' })
  @Column({ type: 'integer' })
  totalChildPlaces: number;

  @Field({ description: 'False once the shelter stopped taking people; it leaves every list.' })
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Free adult places: the last report, less placements confirmed since. Held places included. */
  @Column({ type: 'integer', default: 0 })
  freeAdultPlaces: number;

  @Column({ type: 'integer', default: 0 })
  freeChildPlaces: number;

  /** Places held by accepted, not yet confirmed placements (a part of the free places). */
  @Column({ type: 'integer', default: 0 })
  heldAdultPlaces: number;

  @Column({ type: 'integer', default: 0 })
  heldChildPlaces: number;

  /** When the organisation last reported its free places; null before the first report. */
  @TimestampColumn({ nullable: true })
  availabilityReportedAt: Date | null;

  @UuidColumn()
  createdById: string;

  @Field({ description: 'When the shelter was registered.' })
  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisationId' })
  readonly organisation?: Organisation;
}

/** A snapshot of a shelter for the audit log (never anything about where it is: nothing exists). */
export function shelterSnapshot(shelter: Shelter): Record<string, unknown> {
  return {
    displayName: shelter.displayName,
    area: shelter.area,
    targetGroups: shelter.targetGroups,
    features: shelter.features,
    languages: shelter.languages,
    totalAdultPlaces: shelter.totalAdultPlaces,
    totalChildPlaces: shelter.totalChildPlaces,
    active: shelter.active,
  };
}
