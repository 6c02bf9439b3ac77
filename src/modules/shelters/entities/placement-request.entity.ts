import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import {
  CreatedAtColumn,
  EnumColumn,
  TimestampColumn,
  UpdatedAtColumn,
  UuidColumn,
} from '../../../database/columns';
import { Organisation } from '../../organisations';
import { Person } from '../../people';
import { Shelter, ShelterFeature } from './shelter.entity';
import { Node } from '../../../graphql/node';

export enum PlacementStatus {
  REQUESTED = 'REQUESTED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
}

/** Requests still waiting for something (an answer, or a confirmation of the held places). */
export const OPEN_PLACEMENT_STATUSES = [PlacementStatus.REQUESTED, PlacementStatus.ACCEPTED];

registerEnumType(PlacementStatus, {
  name: 'PlacementStatus',
  description:
    'REQUESTED → ACCEPTED (places held) | DECLINED; ACCEPTED → CONFIRMED | EXPIRED; REQUESTED or ACCEPTED → CANCELLED.',
  valuesMap: {
    REQUESTED: { description: 'Social services asked; the shelter has not answered.' },
    ACCEPTED: {
      description: 'The shelter said yes: the places are held until `holdExpiresAt`.',
    },
    DECLINED: { description: 'The shelter said no, with a reason.' },
    CONFIRMED: { description: 'The placement was confirmed: the places are taken.' },
    CANCELLED: { description: 'Withdrawn by social services or the shelter before confirmation.' },
    EXPIRED: { description: 'Accepted, but not confirmed in time: the held places were freed.' },
  },
});

/**
 * Social services asks a shelter for places. It never names the person: no name field exists, and
 * the case reference is pseudonymous (one that looks like a personal identity number is refused).
 * Every read of a request and every change of its state is in the audit log.
 */
@ObjectType({
  description:
    'A request from social services for places at a shelter. Pseudonymous: it never names the person.',
  implements: () => [Node],
})
@Entity('placement_requests')
@Index('IDX_placement_requests_organisation_created', ['organisationId', 'createdAt'])
@Index('IDX_placement_requests_shelter_status', ['shelterId', 'status'])
@Index('IDX_placement_requests_status_hold', ['status', 'holdExpiresAt'])
@Check('CHK_placement_requests_people', '"adults" >= 1 AND "children" >= 0')
export class PlacementRequest extends UuidEntity {
  @UuidColumn()
  shelterId: string;

  /** The shelter's organisation (who answers), kept on the row for access checks and lists. */
  @UuidColumn()
  organisationId: string;

  /** The social services officer who asked. */
  @UuidColumn()
  requestedById: string;

  @Field(() => Int, { description: 'Adults needing a place.' })
  @Column({ type: 'integer' })
  adults: number;

  @Field(() => Int, { description: 'Children coming along.' })
  @Column({ type: 'integer' })
  children: number;

  @Field(() => [ShelterFeature], { description: 'What the shelter must offer.' })
  @Column({ type: 'simple-json' })
  needs: ShelterFeature[];

  @Field(() => String, {
    nullable: true,
    description: 'The language the person speaks (ISO 639 code), if not Swedish.',
  })
  @Column({ type: 'varchar', length: 3, nullable: true })
  language: string | null;

  @Field({ description: "Social services' pseudonymous case reference (never a name or number)." })
  @Column({ type: 'varchar', length: 40 })
  caseReference: string;

  @Field(() => PlacementStatus, { description: 'Where the request stands.' })
  @EnumColumn(PlacementStatus)
  status: PlacementStatus;

  @Field(() => Date, {
    nullable: true,
    description:
      'While ACCEPTED: when the held places are freed unless the placement is confirmed.',
  })
  @TimestampColumn({ nullable: true })
  holdExpiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the shelter answered.' })
  @TimestampColumn({ nullable: true })
  answeredAt: Date | null;

  @UuidColumn({ nullable: true })
  answeredById: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the shelter declined, or why the request was cancelled.',
  })
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was confirmed, declined, cancelled or expired.',
  })
  @TimestampColumn({ nullable: true })
  closedAt: Date | null;

  @Field({ description: 'When social services asked.' })
  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Shelter, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shelterId' })
  readonly shelter?: Shelter;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisationId' })
  readonly organisation?: Organisation;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requestedById' })
  readonly requestedBy?: Person;
}

/** What the audit log keeps of a request: its state and sizes, never free text. */
export function placementSnapshot(placement: PlacementRequest): Record<string, unknown> {
  return {
    shelterId: placement.shelterId,
    status: placement.status,
    adults: placement.adults,
    children: placement.children,
    holdExpiresAt: placement.holdExpiresAt?.toISOString() ?? null,
  };
}
