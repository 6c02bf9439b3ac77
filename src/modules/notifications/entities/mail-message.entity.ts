import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import {
  CreatedAtColumn,
  EnumColumn,
  TimestampColumn,
  UuidColumn,
} from '../../../database/columns';
import { Person } from '../../people';
import { NotificationGroup } from '../notification-groups';
import { AccountMailKind } from '../templates/account-mails';
import { Notification, NotificationKind } from './notification.entity';

/** What a mail is about: a notification's kind, or a mail about the account itself. */
export const MailKind = { ...NotificationKind, ...AccountMailKind } as const;
export type MailKind = NotificationKind | AccountMailKind;

registerEnumType(MailKind, {
  name: 'MailKind',
  description: 'What a mail is about: the kind of its notification, or a mail about the account.',
  valuesMap: {
    ...Object.fromEntries(
      Object.values(NotificationKind).map((kind) => [
        kind,
        { description: `The mail of a ${kind} notification.` },
      ]),
    ),
    EMAIL_VERIFICATION: { description: 'The link that verifies an account’s address.' },
    ACCOUNT_EXISTS: {
      description: 'To an address that already has an account, when someone registers it again.',
    },
    MEMBERSHIP_INVITATION: { description: 'An invitation to an organisation, with its code.' },
  },
});

export enum MailStatus {
  PENDING = 'PENDING',
  SENDING = 'SENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

registerEnumType(MailStatus, {
  name: 'MailStatus',
  description:
    'PENDING → SENDING → SENT; after the last failed attempt (or a permanent refusal) FAILED.',
  valuesMap: {
    PENDING: { description: 'Waiting to be sent (at `nextAttemptAt`).' },
    SENDING: {
      description:
        'Claimed by a process that is sending it; reclaimed at `nextAttemptAt` if that process died.',
    },
    SENT: { description: 'Accepted by the mail server.' },
    FAILED: { description: 'Given up: see `lastError`; `retryMail` queues it again.' },
  },
});

/**
 * The mail outbox: one row per notification to be mailed, written in the notification's own
 * transaction, so a change that rolls back sends nothing and one that commits always sends. The
 * dispatcher claims rows (SENDING, with a lease in `nextAttemptAt`), sends, and marks them SENT,
 * or back to PENDING with a later `nextAttemptAt`, or FAILED. The row's id is the mail's
 * Message-ID, so a resend after a crash carries the same one.
 */
@ObjectType({
  description:
    'A mail in the outbox (ADMIN): to whom, about what, and how sending it went. Its text is not shown.',
})
@Entity('mail_outbox')
@Index('IDX_mail_outbox_due', ['status', 'nextAttemptAt'])
@Index('IDX_mail_outbox_created', ['createdAt'])
export class MailMessage extends UuidEntity {
  @UuidColumn({ nullable: true })
  notificationId: string | null;

  /** Null for a mail to an address without an account (an invitation). */
  @UuidColumn({ nullable: true })
  recipientPersonId: string | null;

  @Field(() => MailKind, { description: 'What it is about.' })
  @EnumColumn(MailKind)
  kind: MailKind;

  /** The group its unsubscribe link turns off; null for mail that cannot be turned off. */
  @EnumColumn(NotificationGroup, { nullable: true })
  unsubscribeGroup: NotificationGroup | null;

  @Field({ description: 'The address it goes to.' })
  @Column({ type: 'varchar', length: 254 })
  toAddress: string;

  @Field({ description: 'Its subject line.' })
  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  textBody: string;

  @Column({ type: 'text' })
  htmlBody: string;

  @Field(() => MailStatus, { description: 'Where it stands.' })
  @EnumColumn(MailStatus)
  status: MailStatus;

  @Field(() => Int, { description: 'How many times sending it was tried.' })
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Field(() => Date, {
    nullable: true,
    description: 'When it is (next) tried; null once SENT or FAILED.',
  })
  @TimestampColumn({ nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "The mail server's last refusal or the connection error.",
  })
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true, description: 'When the mail server accepted it.' })
  @TimestampColumn({ nullable: true })
  sentAt: Date | null;

  @Field({ description: 'When it was queued (with its notification).' })
  @CreatedAtColumn()
  createdAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipientPersonId' })
  readonly recipient?: Person;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Notification, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'notificationId' })
  readonly notification?: Notification;
}
