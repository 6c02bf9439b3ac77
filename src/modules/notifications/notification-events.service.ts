import { Inject, Injectable } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import { PUB_SUB, SESSION_ENDED } from '../../graphql/pubsub';
import { Notification } from './entities/notification.entity';

export const NOTIFICATION_ADDED = 'notificationAdded';

/** What `notificationAdded` yields: a new notification, or the end of the subscriber's session. */
export type NotificationEvent = { notification: Notification } | { sessionEnded: true };

/**
 * Announces stored notifications to their recipients' `notificationAdded` subscriptions, after the
 * transaction that stored them commits, and follows one person's: their notifications only, and
 * their session checked on every event, whenever one of their sessions ends, and every
 * `checkEveryMs`; once it no longer holds, one last `sessionEnded` event and the stream ends.
 */
@Injectable()
export class NotificationEvents {
  constructor(@Inject(PUB_SUB) private readonly pubSub: PubSub) {}

  added(notifications: readonly Notification[]): void {
    for (const notification of notifications) {
      void this.pubSub.publish(NOTIFICATION_ADDED, { notification });
    }
  }

  stream(
    personId: string,
    stillSignedIn: () => Promise<boolean>,
    checkEveryMs: number,
  ): AsyncIterableIterator<NotificationEvent> {
    return new PersonStream(this.pubSub, personId, stillSignedIn, checkEveryMs);
  }
}

class PersonStream implements AsyncIterableIterator<NotificationEvent> {
  private readonly queue: NotificationEvent[] = [];
  private waiting: ((result: IteratorResult<NotificationEvent>) => void) | null = null;
  private readonly subscriptions: Promise<number>[];
  private readonly timer: NodeJS.Timeout;
  /** Checks and deliveries in arrival order, so a notification never overtakes the session's end. */
  private chain: Promise<void> = Promise.resolve();
  private ended = false;
  private finished = false;
  private unsubscribed = false;

  constructor(
    private readonly pubSub: PubSub,
    private readonly personId: string,
    private readonly stillSignedIn: () => Promise<boolean>,
    checkEveryMs: number,
  ) {
    this.subscriptions = [
      pubSub.subscribe(NOTIFICATION_ADDED, (payload: { notification: Notification }) => {
        if (payload.notification.recipientPersonId === personId) {
          this.inOrder(() => this.push({ notification: payload.notification }));
        }
      }),
      pubSub.subscribe(SESSION_ENDED, (payload: { personId: string }) => {
        if (payload.personId === personId) this.inOrder(() => undefined);
      }),
    ];
    this.timer = setInterval(() => this.inOrder(() => undefined), checkEveryMs);
    this.timer.unref();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<NotificationEvent> {
    return this;
  }

  next(): Promise<IteratorResult<NotificationEvent>> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve({ value: queued, done: false });
    if (this.ended) return this.return();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<NotificationEvent>> {
    this.stop();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<NotificationEvent>> {
    this.stop();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  /** Checks the session, then (if it holds) runs `deliver`; one at a time, in arrival order. */
  private inOrder(deliver: () => void): void {
    this.chain = this.chain.then(async () => {
      if (this.ended) return;
      if (await this.stillSignedIn().catch(() => false)) {
        deliver();
        return;
      }
      this.ended = true;
      this.push({ sessionEnded: true });
      this.unsubscribe();
    });
  }

  private push(event: NotificationEvent): void {
    if (this.finished) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting({ value: event, done: false });
    } else {
      this.queue.push(event);
    }
  }

  private unsubscribe(): void {
    if (this.unsubscribed) return;
    this.unsubscribed = true;
    clearInterval(this.timer);
    for (const subscription of this.subscriptions) {
      void subscription.then((id) => this.pubSub.unsubscribe(id));
    }
  }

  private stop(): void {
    if (this.finished) return;
    this.finished = true;
    this.ended = true;
    this.unsubscribe();
    this.queue.length = 0;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.({ value: undefined, done: true });
  }
}
