import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import {
  CreatedAtColumn,
  EnumColumn,
  TimestampColumn,
  UpdatedAtColumn,
  UuidColumn,
} from '../../../database/columns';
import { Person } from '../../people';
import { Organisation } from './organisation.entity';

export enum MembershipRole {
  ORG_ADMIN = 'ORG_ADMIN',
  COORDINATOR = 'COORDINATOR',
  VOLUNTEER = 'VOLUNTEER',
}

export enum MembershipStatus {
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  LEFT = 'LEFT',
}

registerEnumType(MembershipRole, {
  name: 'MembershipRole',
  description: "A person's role in an organisation.",
  valuesMap: {
    ORG_ADMIN: {
      description:
        'Manages the organisation, its members, services, shelters, applications, resources.',
    },
    COORDINATOR: { description: "Manages the organisation's shifts, reports and bookings." },
    VOLUNTEER: { description: 'Books shifts, checks in, reports on walks they walked.' },
  },
});

registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description: 'INVITED → ACTIVE → LEFT (an invitation can also be declined or withdrawn: LEFT).',
  valuesMap: {
    INVITED: {
      description: 'Invited; waits for the person to accept (they may not have an account yet).',
    },
    ACTIVE: { description: 'A member.' },
    LEFT: { description: 'Left, removed, or the invitation was declined or withdrawn.' },
  },
});

export const LIVE_MEMBERSHIP_STATUSES = [MembershipStatus.INVITED, MembershipStatus.ACTIVE];

@ObjectType({ description: "A person's membership of an organisation, or an invitation to one." })
@Entity('memberships')
@Index('UQ_memberships_live_person', ['organisationId', 'personId'], {
  unique: true,
  where: `"status" IN ('INVITED', 'ACTIVE') AND "personId" IS NOT NULL`,
})
@Index('UQ_memberships_open_invitation', ['organisationId', 'invitedEmail'], {
  unique: true,
  where: `"status" = 'INVITED'`,
})
@Index('IDX_memberships_person', ['personId'])
@Index('IDX_memberships_invited_email', ['invitedEmail'])
export class Membership extends UuidEntity {
  @UuidColumn()
  organisationId: string;

  /** Null while an invitation waits for someone without an account. */
  @UuidColumn({ nullable: true })
  personId: string | null;

  /** The address the invitation was sent to (lower-cased). */
  @Column({ type: 'varchar', length: 254, nullable: true })
  invitedEmail: string | null;

  @Field(() => MembershipRole, { description: 'Role in the organisation.' })
  @EnumColumn(MembershipRole)
  role: MembershipRole;

  @Field(() => MembershipStatus, { description: 'INVITED, ACTIVE or LEFT.' })
  @EnumColumn(MembershipStatus)
  status: MembershipStatus;

  @UuidColumn({ nullable: true })
  invitedById: string | null;

  /** SHA-256 of the invitation's own token (mailed to the address); cleared once answered. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  invitationTokenHash: string | null;

  /** After this an open invitation can no longer be accepted. */
  @Field(() => Date, {
    nullable: true,
    description: 'Until when an open invitation can be accepted; null once answered.',
  })
  @TimestampColumn({ nullable: true })
  invitationExpiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the person became a member.' })
  @TimestampColumn({ nullable: true })
  joinedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the membership ended.' })
  @TimestampColumn({ nullable: true })
  leftAt: Date | null;

  @Field({ description: 'When the membership or invitation was created.' })
  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisationId' })
  readonly organisation?: Organisation;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'personId' })
  readonly person?: Person;
}

/** A snapshot of a membership for the audit log. */
export function membershipSnapshot(membership: Membership): Record<string, unknown> {
  return {
    organisationId: membership.organisationId,
    personId: membership.personId,
    role: membership.role,
    status: membership.status,
  };
}
