import { Inject, Injectable } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import { PUB_SUB } from '../../graphql/pubsub';
import type { SessionEnded } from '../../graphql/session-bound-stream';
import { Notification } from './entities/notification.entity';

export const NOTIFICATION_ADDED = 'notificationAdded';

/** What `notificationAdded` yields: a new notification, or the end of the subscriber's session. */
export type NotificationEvent = { notification: Notification } | SessionEnded;

/**
 * Announces stored notifications to their recipients' `notificationAdded` subscriptions, after the
 * transaction that stored them commits (the subscription follows its caller's session with
 * RequestActors.whileSignedIn).
 */
@Injectable()
export class NotificationEvents {
  constructor(@Inject(PUB_SUB) private readonly pubSub: PubSub) {}

  added(notifications: readonly Notification[]): void {
    for (const notification of notifications) {
      void this.pubSub.publish(NOTIFICATION_ADDED, { notification });
    }
  }

  /** Every stored notification, as `{ notification }` (filter by recipient). */
  stream(): AsyncIterableIterator<{ notification: Notification }> {
    return this.pubSub.asyncIterableIterator(NOTIFICATION_ADDED);
  }
}
