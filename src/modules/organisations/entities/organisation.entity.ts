import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import {
  CreatedAtColumn,
  EnumColumn,
  TimestampColumn,
  UpdatedAtColumn,
} from '../../../database/columns';
import { Node } from '../../../graphql/node';

export enum OrganisationKind {
  VOLUNTARY_ASSOCIATION = 'VOLUNTARY_ASSOCIATION',
  WOMENS_SHELTER = 'WOMENS_SHELTER',
  EU_MIGRANT_SUPPORT = 'EU_MIGRANT_SUPPORT',
  NIGHT_WALK_GROUP = 'NIGHT_WALK_GROUP',
  HBTQ_SUPPORT = 'HBTQ_SUPPORT',
  FAITH_BASED = 'FAITH_BASED',
  OTHER = 'OTHER',
}

export enum OrganisationStatus {
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
  SUSPENDED = 'SUSPENDED',
}

registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'What kind of organisation this is.',
  valuesMap: {
    VOLUNTARY_ASSOCIATION: { description: 'A voluntary association (ideell förening).' },
    WOMENS_SHELTER: { description: "A women's shelter (kvinnojour, skyddat boende)." },
    EU_MIGRANT_SUPPORT: { description: 'A group supporting vulnerable EU migrants.' },
    NIGHT_WALK_GROUP: { description: 'A night-walk group (nattvandrare).' },
    HBTQ_SUPPORT: { description: 'An HBTQ support organisation or support line.' },
    FAITH_BASED: { description: 'A faith-based organisation.' },
    OTHER: { description: 'Any other kind of organisation.' },
  },
});

registerEnumType(OrganisationStatus, {
  name: 'OrganisationStatus',
  description:
    'Where an organisation is in verification: PENDING → VERIFIED | REJECTED, VERIFIED ↔ SUSPENDED.',
  valuesMap: {
    PENDING: { description: 'Registered, waiting for a municipal officer.' },
    VERIFIED: { description: 'Verified: may publish shifts, apply for grants and book resources.' },
    REJECTED: { description: 'Refused by a municipal officer.' },
    SUSPENDED: { description: 'Verified once, suspended for now; can be verified again.' },
  },
});

@ObjectType({
  description: 'An organisation the municipality works with.',
  implements: () => [Node],
})
@Entity('organisations')
@Index('UQ_organisations_number', ['organisationNumber'], { unique: true })
@Index('IDX_organisations_status_name', ['status', 'name'])
export class Organisation extends UuidEntity {
  @Field({ description: 'Name of the organisation.' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'Organisationsnummer, NNNNNN-NNNN (Luhn-checked).' })
  @Column({ type: 'varchar', length: 11 })
  organisationNumber: string;

  @Field(() => OrganisationKind, { description: 'What kind of organisation this is.' })
  @EnumColumn(OrganisationKind)
  kind: OrganisationKind;

  @Field({ description: 'What the organisation does (public).' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => String, {
    nullable: true,
    description: 'Public contact: an email address, phone number or web page (public).',
  })
  @Column({ type: 'varchar', length: 300, nullable: true })
  publicContact: string | null;

  @Field(() => OrganisationStatus, { description: 'Verification status.' })
  @EnumColumn(OrganisationStatus)
  status: OrganisationStatus;

  /** Reason given with the last rejection or suspension; shown to members and officers. */
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Field(() => Date, { nullable: true, description: 'When a municipal officer last verified it.' })
  @TimestampColumn({ nullable: true })
  verifiedAt: Date | null;

  @Field({ description: 'When it was registered.' })
  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
