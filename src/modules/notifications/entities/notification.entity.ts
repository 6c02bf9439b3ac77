import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { EnumColumn, TimestampColumn, UuidColumn } from '../../../database/columns';
import { JSONObjectScalar } from '../../../graphql/scalars';
import { Person } from '../../people';

export enum NotificationKind {
  SIGNUP_CONFIRMED = 'SIGNUP_CONFIRMED',
  PROMOTED_FROM_WAITLIST = 'PROMOTED_FROM_WAITLIST',
  SHIFT_CANCELLED = 'SHIFT_CANCELLED',
  SHIFT_REMINDER = 'SHIFT_REMINDER',
  SHIFT_MESSAGE = 'SHIFT_MESSAGE',
  WALK_UNDERSTAFFED = 'WALK_UNDERSTAFFED',
  CREDENTIAL_EXPIRING = 'CREDENTIAL_EXPIRING',
  PLACEMENT_REQUESTED = 'PLACEMENT_REQUESTED',
  PLACEMENT_ANSWERED = 'PLACEMENT_ANSWERED',
  PLACEMENT_CONFIRMED = 'PLACEMENT_CONFIRMED',
  PLACEMENT_CANCELLED = 'PLACEMENT_CANCELLED',
  PLACEMENT_EXPIRED = 'PLACEMENT_EXPIRED',
  BOOKING_REQUESTED = 'BOOKING_REQUESTED',
  BOOKING_APPROVED = 'BOOKING_APPROVED',
  BOOKING_REJECTED = 'BOOKING_REJECTED',
  BOOKING_CANCELLED = 'BOOKING_CANCELLED',
  BOOKING_BLACKED_OUT = 'BOOKING_BLACKED_OUT',
  BOOKING_EXPIRED = 'BOOKING_EXPIRED',
  BOOKING_UNANSWERED = 'BOOKING_UNANSWERED',
  APPLICATION_DECIDED = 'APPLICATION_DECIDED',
  GRANT_PAYMENT_MADE = 'GRANT_PAYMENT_MADE',
  FOLLOW_UP_DUE = 'FOLLOW_UP_DUE',
  FOLLOW_UP_OVERDUE = 'FOLLOW_UP_OVERDUE',
  FOLLOW_UP_RETURNED = 'FOLLOW_UP_RETURNED',
}

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification is about.',
  valuesMap: {
    SIGNUP_CONFIRMED: { description: 'Your signup for a night walk is confirmed.' },
    PROMOTED_FROM_WAITLIST: {
      description: 'A place opened up: you moved from the waitlist to confirmed.',
    },
    SHIFT_CANCELLED: { description: 'A night walk you were signed up for was cancelled.' },
    SHIFT_REMINDER: { description: 'A night walk you are confirmed for starts within 24 hours.' },
    SHIFT_MESSAGE: {
      description: 'A coordinator wrote to everyone with a place or on the waitlist of a walk.',
    },
    WALK_UNDERSTAFFED: {
      description:
        'A walk you coordinate is still below its minimum at its signup deadline: confirm or cancel it.',
    },
    CREDENTIAL_EXPIRING: {
      description:
        'A credential runs out in 30 or 7 days (to the volunteer and their organisation admins).',
    },
    PLACEMENT_REQUESTED: { description: 'Social services asked one of your shelters for places.' },
    PLACEMENT_ANSWERED: { description: 'A shelter accepted or declined your placement request.' },
    PLACEMENT_CONFIRMED: { description: 'A placement with held places was confirmed.' },
    PLACEMENT_CANCELLED: { description: 'A placement request was withdrawn before confirmation.' },
    PLACEMENT_EXPIRED: {
      description: 'An accepted placement was not confirmed in time: its places were freed.',
    },
    BOOKING_REQUESTED: {
      description: "A booking of your organisation's resource waits for your approval.",
    },
    BOOKING_APPROVED: { description: 'The owner approved your booking of a resource.' },
    BOOKING_REJECTED: { description: 'The owner rejected your booking of a resource (with why).' },
    BOOKING_CANCELLED: { description: 'The owner cancelled your booking of a resource.' },
    BOOKING_BLACKED_OUT: {
      description:
        'The owner closed a resource in the time of your booking (it stands until settled).',
    },
    BOOKING_EXPIRED: {
      description: 'Your booking request was not answered before it started: it is closed.',
    },
    BOOKING_UNANSWERED: {
      description: 'A booking request of a resource you answer for has waited 48 hours.',
    },
    APPLICATION_DECIDED: {
      description: "A decision was made on your organisation's grant application.",
    },
    GRANT_PAYMENT_MADE: {
      description: 'The municipality paid (part of) a grant to your organisation.',
    },
    FOLLOW_UP_DUE: {
      description: "A follow-up report on your organisation's grant is due soon.",
    },
    FOLLOW_UP_OVERDUE: {
      description:
        "A follow-up report on your organisation's grant is overdue (the day after, then weekly).",
    },
    FOLLOW_UP_RETURNED: {
      description: "An officer returned your organisation's follow-up report to be corrected.",
    },
  },
});

/** A message to one person, stored and readable by them (and sent by mail when a transport is set up). */
@ObjectType({ description: 'A message to you, e.g. that a walk was cancelled or you got a place.' })
@Entity('notifications')
@Index('IDX_notifications_recipient_created', ['recipientPersonId', 'createdAt'])
export class Notification extends UuidEntity {
  @UuidColumn()
  recipientPersonId: string;

  @Field(() => NotificationKind, { description: 'What it is about.' })
  @EnumColumn(NotificationKind)
  kind: NotificationKind;

  @Field({ description: 'Short subject line.' })
  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Field({ description: 'The message.' })
  @Column({ type: 'text' })
  body: string;

  @Field(() => JSONObjectScalar, {
    description: 'Ids of the records it concerns, e.g. `{ "shiftId": "…" }`.',
  })
  @Column({ type: 'simple-json' })
  data: Record<string, unknown>;

  @Field({ description: 'When it was created.' })
  @TimestampColumn()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When you marked it read.' })
  @TimestampColumn({ nullable: true })
  readAt: Date | null;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipientPersonId' })
  readonly recipient?: Person;
}
