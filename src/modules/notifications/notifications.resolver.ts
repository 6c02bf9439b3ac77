import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { ConnectionShape } from '../../graphql/pagination';
import {
  MyNotificationsArgs,
  NotificationConnection,
  NotificationIdInput,
} from './dto/notification.inputs';
import { Notification } from './entities/notification.entity';
import { NotificationsService } from './notifications.service';

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(private readonly notifications: NotificationsService) {}

  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  myNotifications(
    @CurrentActor() actor: Actor,
    @Args() args: MyNotificationsArgs,
  ): Promise<ConnectionShape<Notification>> {
    return this.notifications.list(actor, args);
  }

  @Mutation(() => Notification, { description: 'Marks one of your notifications read.' })
  markNotificationRead(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The notification.' }) input: NotificationIdInput,
  ): Promise<Notification> {
    return this.notifications.markRead(actor, input.notificationId);
  }
}
