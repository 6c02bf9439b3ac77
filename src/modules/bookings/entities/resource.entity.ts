import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import {
  CreatedAtColumn,
  EnumColumn,
  UpdatedAtColumn,
  UuidColumn,
} from '../../../database/columns';
import { District } from '../../districts';
import { Organisation, OrganisationKind } from '../../organisations';
import { Node } from '../../../graphql/node';

export enum ResourceKind {
  ROOM = 'ROOM',
  VEHICLE = 'VEHICLE',
  EQUIPMENT = 'EQUIPMENT',
}

export enum BookableBy {
  ALL_VERIFIED = 'ALL_VERIFIED',
  OWNER_ONLY = 'OWNER_ONLY',
  LISTED_KINDS = 'LISTED_KINDS',
}

registerEnumType(ResourceKind, {
  name: 'ResourceKind',
  description: 'What kind of thing a shared resource is.',
  valuesMap: {
    ROOM: { description: 'A meeting room or premises, e.g. a room in a family house.' },
    VEHICLE: { description: 'A vehicle, e.g. a minibus.' },
    EQUIPMENT: { description: 'Equipment, e.g. a night-walk kit (vests, torches, phones).' },
  },
});

registerEnumType(BookableBy, {
  name: 'BookableBy',
  description: 'Which organisations may book a resource (always VERIFIED ones only).',
  valuesMap: {
    ALL_VERIFIED: { description: 'Every verified organisation (the default).' },
    OWNER_ONLY: { description: 'Only the owning organisation (not for municipal resources).' },
    LISTED_KINDS: {
      description: 'Organisations of the kinds in `allowedKinds`, and the owner itself.',
    },
  },
});

/**
 * Something partner organisations book: a room, a vehicle, equipment. Owned by the municipality
 * (`ownerOrganisationId` null) or by an organisation. The booking rules (who, how long, how far
 * ahead, how much per week, buffer between bookings) are columns of the resource; a change applies
 * to bookings made from then on.
 */
@ObjectType({
  description: 'A shared resource (room, vehicle, equipment) that organisations can book.',
  implements: () => [Node],
})
@Entity('resources')
@Index('IDX_resources_name', ['name'])
@Index('IDX_resources_owner', ['ownerOrganisationId'])
@Index('IDX_resources_district', ['districtId'])
@Check('CHK_resources_capacity', '"capacity" IS NULL OR "capacity" >= 1')
@Check('CHK_resources_buffer', '"bufferMinutes" >= 0')
@Check(
  'CHK_resources_durations',
  '("minDurationMinutes" IS NULL OR "minDurationMinutes" >= 1) AND ("maxDurationMinutes" IS NULL OR "maxDurationMinutes" >= 1) AND ("minDurationMinutes" IS NULL OR "maxDurationMinutes" IS NULL OR "maxDurationMinutes" >= "minDurationMinutes")',
)
@Check('CHK_resources_window', '"bookingWindowDays" IS NULL OR "bookingWindowDays" >= 1')
@Check('CHK_resources_quota', '"weeklyQuotaHours" IS NULL OR "weeklyQuotaHours" >= 1')
@Check(
  'CHK_resources_owner_only',
  `"bookableBy" <> 'OWNER_ONLY' OR "ownerOrganisationId" IS NOT NULL`,
)
export class Resource extends UuidEntity {
  /** The owning organisation; null: the municipality. */
  @UuidColumn({ nullable: true })
  ownerOrganisationId: string | null;

  @Field({ description: 'Name, e.g. "Familjehuset, stora samlingsrummet".' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => ResourceKind, { description: 'ROOM, VEHICLE or EQUIPMENT.' })
  @EnumColumn(ResourceKind)
  kind: ResourceKind;

  @UuidColumn({ nullable: true })
  districtId: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Most people it holds (seats, places); null when it does not apply.',
  })
  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  @Field({ description: 'Where it is or is picked up (public text, never a protected address).' })
  @Column({ type: 'varchar', length: 300 })
  location: string;

  @Field({ description: 'More about the resource (public).' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => BookableBy, { description: 'Which organisations may book it.' })
  @EnumColumn(BookableBy, { default: BookableBy.ALL_VERIFIED })
  bookableBy: BookableBy;

  @Field(() => [OrganisationKind], {
    description: 'With LISTED_KINDS: the organisation kinds that may book it (else empty).',
  })
  @Column({ type: 'simple-json' })
  allowedKinds: OrganisationKind[];

  @Field({
    description:
      'Whether a booking starts REQUESTED and waits for the owner to approve it (else CONFIRMED at once).',
  })
  @Column({ type: 'boolean', default: false })
  requiresApproval: boolean;

  @Field(() => Int, {
    description: 'Minutes kept free between two bookings (cleaning, handing over); 0: none.',
  })
  @Column({ type: 'integer', default: 0 })
  bufferMinutes: number;

  @Field(() => Int, { nullable: true, description: 'Shortest booking in minutes; null: no limit.' })
  @Column({ type: 'integer', nullable: true })
  minDurationMinutes: number | null;

  @Field(() => Int, { nullable: true, description: 'Longest booking in minutes; null: no limit.' })
  @Column({ type: 'integer', nullable: true })
  maxDurationMinutes: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'How far ahead it can be booked: a booking starts at the latest on the Stockholm date this many days ' +
      'from today; null: no limit.',
  })
  @Column({ type: 'integer', nullable: true })
  bookingWindowDays: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Hours each organisation may book it per ISO week (Monday–Sunday, Stockholm time), counting requested ' +
      'and confirmed bookings; null: no quota.',
  })
  @Column({ type: 'integer', nullable: true })
  weeklyQuotaHours: number | null;

  @UuidColumn()
  createdById: string;

  @Field({ description: 'When the resource was added.' })
  @CreatedAtColumn()
  createdAt: Date;

  @Field({ description: 'When it was last changed.' })
  @UpdatedAtColumn()
  updatedAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ownerOrganisationId' })
  readonly owner?: Organisation;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => District, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'districtId' })
  readonly district?: District;
}
