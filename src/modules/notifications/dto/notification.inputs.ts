import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { Connection, ConnectionArgs } from '../../../graphql/pagination';
import { Notification } from '../entities/notification.entity';

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
