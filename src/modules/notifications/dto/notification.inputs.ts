import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsOptional,
  IsUUID,
} from 'class-validator';
import { Connection, ConnectionArgs } from '../../../graphql/pagination';
import { MailMessage, MailStatus } from '../entities/mail-message.entity';
import { Notification } from '../entities/notification.entity';

/** What `markNotificationsRead` accepts at once. */
export const MAX_MARKED_AT_ONCE = 100;

@ArgsType()
export class MyNotificationsArgs extends ConnectionArgs {
  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Only notifications not yet marked read.',
  })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}

@InputType({ description: 'Names one of your notifications.' })
export class NotificationIdInput {
  @Field(() => ID, { description: 'The notification.' })
  @IsUUID()
  notificationId: string;
}

/** A page of notifications (Relay connection). */
export const NotificationConnection = Connection(Notification, 'Notification');

@InputType({ description: 'Names notifications of yours to mark read.' })
export class MarkNotificationsReadInput {
  @Field(() => [ID], { description: `The notifications (at most ${MAX_MARKED_AT_ONCE}).` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MARKED_AT_ONCE)
  @IsUUID('all', { each: true })
  notificationIds: string[];
}

@InputType({ description: 'Which of your unread notifications to mark read.' })
export class MarkAllNotificationsReadInput {
  @Field({
    nullable: true,
    description:
      'Only those created at or before this instant (e.g. the newest one you have shown), so one ' +
      'that arrived meanwhile stays unread. All when left out.',
  })
  @IsOptional()
  @IsDate()
  upTo?: Date;
}

@ArgsType()
export class MailOutboxArgs extends ConnectionArgs {
  @Field(() => MailStatus, { nullable: true, description: 'Only mail in this state.' })
  @IsOptional()
  @IsEnum(MailStatus)
  status?: MailStatus;
}

@InputType({ description: 'Names a mail in the outbox.' })
export class MailIdInput {
  @Field(() => ID, { description: 'The mail.' })
  @IsUUID()
  mailId: string;
}

/** A page of the mail outbox (Relay connection). */
export const MailMessageConnection = Connection(MailMessage, 'MailMessage');
