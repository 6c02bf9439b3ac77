import { Args, Context, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { type Actor, requirePerson } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { GraphQLContext } from '../../graphql/context';
import { isSessionEnded, sessionEndedError } from '../../graphql/session-bound-stream';
import type { ConnectionShape } from '../../graphql/pagination';
import { RequestActors } from '../../common/request-actors';
import {
  MarkAllNotificationsReadInput,
  MarkNotificationsReadInput,
  MyNotificationsArgs,
  NotificationConnection,
  NotificationIdInput,
} from './dto/notification.inputs';
import { UpdateNotificationSettingsInput } from './dto/notification-settings.input';
import { NotificationSettingsView } from './dto/notification-settings.type';
import { Notification } from './entities/notification.entity';
import { NotificationEvent, NotificationEvents } from './notification-events.service';
import { NotificationSettingsService } from './notification-settings.service';
import { NotificationsService } from './notifications.service';

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly settings: NotificationSettingsService,
    private readonly events: NotificationEvents,
    private readonly actors: RequestActors,
  ) {}

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

  @Mutation(() => [Notification], {
    description:
      'Marks notifications of yours read, all or none (NOT_FOUND for one that is not yours).',
  })
  markNotificationsRead(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The notifications.' }) input: MarkNotificationsReadInput,
  ): Promise<Notification[]> {
    return this.notifications.markManyRead(actor, input.notificationIds);
  }

  @Mutation(() => Int, {
    description: 'Marks all your unread notifications read; returns how many were marked.',
  })
  markAllNotificationsRead(
    @CurrentActor() actor: Actor,
    @Args('input', {
      nullable: true,
      description: 'Optionally, only those up to an instant.',
    })
    input?: MarkAllNotificationsReadInput,
  ): Promise<number> {
    return this.notifications.markAllRead(actor, input?.upTo);
  }

  @Query(() => NotificationSettingsView, {
    description: 'Which groups of your notifications are also mailed to you.',
  })
  myNotificationSettings(@CurrentActor() actor: Actor): Promise<NotificationSettingsView> {
    return this.settings.mine(actor);
  }

  @Mutation(() => NotificationSettingsView, {
    description:
      'Turns mail on or off per group. Safety-critical kinds (a placement answered or expiring, ' +
      'a walk cancelled within 24 hours) are mailed anyway.',
  })
  updateNotificationSettings(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The groups to change.' }) input: UpdateNotificationSettingsInput,
  ): Promise<NotificationSettingsView> {
    return this.settings.update(actor, input);
  }

  @Subscription(() => Notification, {
    description:
      'Your new notifications as they are stored. When your session ends (sign-out, password ' +
      'change, expired token) it sends one UNAUTHENTICATED error and completes: reconnect with a ' +
      'fresh token.',
    resolve(this: NotificationsResolver, event: NotificationEvent): Notification {
      if (isSessionEnded(event)) {
        throw sessionEndedError();
      }
      return event.notification;
    },
  })
  notificationAdded(
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): AsyncIterableIterator<NotificationEvent> {
    const person = requirePerson(actor, 'Only a signed-in person has notifications');
    return this.actors.whileSignedIn(
      person,
      context,
      this.events.stream(),
      (event) => event.notification.recipientPersonId === person.personId,
    );
  }
}
