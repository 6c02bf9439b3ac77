import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { EnumColumn, TimestampColumn, UuidColumn } from '../../../database/columns';
import { Person } from '../../people';
import { Shift } from './shift.entity';

export enum SignupStatus {
  CONFIRMED = 'CONFIRMED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
  ATTENDED = 'ATTENDED',
  NO_SHOW = 'NO_SHOW',
}

/** Signups that hold a place on the walk (for overlaps and calendars). */
export const SEATED_STATUSES = [SignupStatus.CONFIRMED, SignupStatus.ATTENDED];

/** Every status but CANCELLED: the person's one live signup for a walk (a unique index holds it). */
export const LIVE_SIGNUP_STATUSES = [
  SignupStatus.CONFIRMED,
  SignupStatus.WAITLISTED,
  SignupStatus.ATTENDED,
  SignupStatus.NO_SHOW,
];

/** The person's live signup among a walk's signups, if any. */
export function liveSignupOf<T extends Pick<Signup, 'personId' | 'status'>>(
  signups: readonly T[],
  personId: string,
): T | undefined {
  return signups.find(
    (signup) => signup.personId === personId && signup.status !== SignupStatus.CANCELLED,
  );
}

registerEnumType(SignupStatus, {
  name: 'SignupStatus',
  description: "A person's signup for a night walk.",
  valuesMap: {
    CONFIRMED: { description: 'Has a place.' },
    WAITLISTED: { description: 'Waits for a place, first come first served.' },
    CANCELLED: { description: 'Cancelled by the person or a coordinator, or with the walk.' },
    ATTENDED: { description: 'Checked in: walked.' },
    NO_SHOW: { description: 'Confirmed, but did not check in before the walk ended.' },
  },
});

@ObjectType({ description: "A person's signup for a night walk." })
@Entity('signups')
@Index('UQ_signups_active', ['shiftId', 'personId'], {
  unique: true,
  where: `"status" <> 'CANCELLED'`,
})
@Index('IDX_signups_shift_status', ['shiftId', 'status'])
@Index('IDX_signups_person_status', ['personId', 'status'])
export class Signup extends UuidEntity {
  @UuidColumn()
  shiftId: string;

  @UuidColumn()
  personId: string;

  @Field(() => SignupStatus, {
    description: 'CONFIRMED, WAITLISTED, CANCELLED, ATTENDED or NO_SHOW.',
  })
  @EnumColumn(SignupStatus)
  status: SignupStatus;

  /** Order of arrival on the shift; the waitlist is served in this order. */
  @Column({ type: 'integer' })
  queueNumber: number;

  @Field({ description: 'When the person signed up.' })
  @TimestampColumn()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the person checked in.' })
  @TimestampColumn({ nullable: true })
  checkedInAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the person moved from the waitlist to a place.',
  })
  @TimestampColumn({ nullable: true })
  promotedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the signup was cancelled.' })
  @TimestampColumn({ nullable: true })
  cancelledAt: Date | null;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Shift, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shiftId' })
  readonly shift?: Shift;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  readonly person?: Person;
}
