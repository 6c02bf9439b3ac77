import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor, isPerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { MyNotificationsArgs } from './dto/notification.inputs';
import { Notification, NotificationKind } from './entities/notification.entity';

export interface Notice {
  recipientPersonId: string;
  kind: NotificationKind;
  subject: string;
  body: string;
  data: Record<string, unknown>;
}

/**
 * Stores notifications in the caller's transaction, so they exist exactly when the change they
 * announce does. No mail transport is configured yet: notifications are stored and logged (kind
 * and count only, never their text, which can name people and places).
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly clock: Clock,
  ) {}

  async notify(manager: EntityManager, notices: Notice[]): Promise<void> {
    if (notices.length === 0) return;
    const now = this.clock.now();
    await manager.save(
      notices.map((notice) =>
        manager.create(Notification, { ...notice, createdAt: now, readAt: null }),
      ),
    );
    this.logger.log(
      `Stored ${notices.length} ${notices[0].kind} notification(s); no mail transport configured`,
    );
  }

  /** The signed-in person's notifications, newest first. */
  list(actor: Actor, args: MyNotificationsArgs): Promise<ConnectionShape<Notification>> {
    if (!isPerson(actor)) throw DomainError.forbidden('Only a signed-in person has notifications');
    const query = this.notifications
      .createQueryBuilder('notification')
      .where('notification.recipientPersonId = :personId', { personId: actor.personId });
    if (args.unreadOnly) query.andWhere('notification.readAt IS NULL');
    return paginate(query, args, {
      column: 'notification.createdAt',
      direction: 'DESC',
      valueOf: (n) => n.createdAt,
    });
  }

  async markRead(actor: Actor, notificationId: string): Promise<Notification> {
    const notification = await this.notifications.findOneBy({ id: notificationId });
    if (!notification || !isPerson(actor) || notification.recipientPersonId !== actor.personId) {
      throw DomainError.notFound('Notification', notificationId);
    }
    if (!notification.readAt) {
      notification.readAt = this.clock.now();
      await this.notifications.update({ id: notification.id }, { readAt: notification.readAt });
    }
    return notification;
  }
}
