import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, LessThanOrEqual, Repository } from 'typeorm';
import { Actor, isPerson, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { ProtectedIdentityHooks } from '../../common/protected-identity-hooks';
import { escapeLike } from '../../common/text';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { TransactionScope } from '../../database/transaction-scope';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { Locale, Person, PROTECTED_IDENTITY_NAME } from '../people';
import { MyNotificationsArgs } from './dto/notification.inputs';
import { MailMessage, MailStatus } from './entities/mail-message.entity';
import { Notification } from './entities/notification.entity';
import { SentReminder } from './entities/sent-reminder.entity';
import { MailComposer } from './mail/mail-composer';
import { MailDispatcher } from './mail/mail-dispatcher.service';
import { NotificationEvents } from './notification-events.service';
import { GROUP_OF_KIND, isSafetyCritical } from './notification-groups';
import { NotificationSettingsService } from './notification-settings.service';
import { AccountMail, renderAccountMail } from './templates/account-mails';
import { Notice } from './templates/notice-params';
import { renderNotice } from './templates/notice-templates';

/**
 * Stores notifications in the caller's transaction, so they exist exactly when the change they
 * announce does: each in its recipient's language, and, when mail is on and the recipient wants
 * mail of that group (or it is safety-critical), with its mail in the outbox in the same
 * transaction. Once that commits, live subscribers hear of it and the dispatcher is woken.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly settings: NotificationSettingsService,
    private readonly composer: MailComposer,
    private readonly dispatcher: MailDispatcher,
    private readonly events: NotificationEvents,
    private readonly scope: TransactionScope,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    identityHooks: ProtectedIdentityHooks,
  ) {
    identityHooks.register((manager, person) => this.forgetName(manager, person));
  }

  /**
   * A person turned protected identity on: their name leaves every text already stored for
   * someone else (notifications, and mail not yet sent), replaced by the label others see.
   */
  private async forgetName(
    manager: EntityManager,
    person: { id: string; displayName: string },
  ): Promise<void> {
    const name = person.displayName.trim();
    if (name.length === 0) return;
    const pattern = `%${escapeLike(name)}%`;
    const hide = (text: string) => text.split(name).join(PROTECTED_IDENTITY_NAME);
    const notices = await manager
      .createQueryBuilder(Notification, 'notification')
      .where('notification.recipientPersonId <> :id', { id: person.id })
      .andWhere(
        "(notification.subject LIKE :pattern ESCAPE '\\' OR notification.body LIKE :pattern ESCAPE '\\')",
        { pattern },
      )
      .getMany();
    for (const notice of notices) {
      await manager.update(
        Notification,
        { id: notice.id },
        { subject: hide(notice.subject), body: hide(notice.body) },
      );
    }
    const mails = await manager
      .createQueryBuilder(MailMessage, 'mail')
      .where('(mail.recipientPersonId IS NULL OR mail.recipientPersonId <> :id)', { id: person.id })
      .andWhere('mail.status <> :sent', { sent: MailStatus.SENT })
      .andWhere(
        "(mail.subject LIKE :pattern ESCAPE '\\' OR mail.textBody LIKE :pattern ESCAPE '\\')",
        { pattern },
      )
      .getMany();
    for (const mail of mails) {
      await manager.update(
        MailMessage,
        { id: mail.id },
        {
          subject: hide(mail.subject),
          textBody: hide(mail.textBody),
          htmlBody: hide(mail.htmlBody),
        },
      );
    }
  }

  async notify(manager: EntityManager, notices: readonly Notice[]): Promise<void> {
    if (notices.length === 0) return;
    const now = this.clock.now();
    const recipientIds = [...new Set(notices.map((notice) => notice.recipientPersonId))];
    const people = new Map(
      (
        await manager.find(Person, {
          where: { id: In(recipientIds) },
          select: { id: true, email: true, locale: true },
        })
      ).map((person) => [person.id, person]),
    );
    const stored = await manager.save(
      notices.map((notice) => {
        const text = renderNotice(
          notice,
          people.get(notice.recipientPersonId)?.locale ?? Locale.sv,
        );
        return manager.create(Notification, {
          recipientPersonId: notice.recipientPersonId,
          kind: notice.kind,
          subject: text.subject.slice(0, 200),
          body: text.body,
          data: notice.data,
          createdAt: now,
          readAt: null,
        });
      }),
    );
    const queued = this.config.mail
      ? await this.queueMail(manager, notices, stored, people, now)
      : 0;
    this.scope.afterCommit(() => {
      this.events.added(stored);
      if (queued > 0) this.dispatcher.kick();
    });
  }

  /** The outbox rows for the notices whose recipient wants mail of that group; how many. */
  private async queueMail(
    manager: EntityManager,
    notices: readonly Notice[],
    stored: readonly Notification[],
    people: ReadonlyMap<string, Pick<Person, 'id' | 'email' | 'locale'>>,
    now: Date,
  ): Promise<number> {
    const mailOff = await this.settings.mailOffOf(manager, [...people.keys()]);
    const rows = notices.flatMap((notice, index) => {
      const person = people.get(notice.recipientPersonId);
      if (!person) return [];
      const group = GROUP_OF_KIND[notice.kind];
      const critical = isSafetyCritical(notice, now);
      if (!critical && mailOff.get(person.id)?.has(group)) return [];
      const notification = stored[index];
      const mail = this.composer.compose(
        notification,
        person.locale,
        person.id,
        critical ? null : group,
      );
      return [
        manager.create(MailMessage, {
          notificationId: notification.id,
          recipientPersonId: person.id,
          kind: notice.kind,
          unsubscribeGroup: critical ? null : group,
          toAddress: person.email,
          subject: mail.subject.slice(0, 300),
          textBody: mail.textBody,
          htmlBody: mail.htmlBody,
          status: MailStatus.PENDING,
          attempts: 0,
          nextAttemptAt: now,
          lastError: null,
          sentAt: null,
        }),
      ];
    });
    if (rows.length > 0) await manager.save(rows);
    return rows.length;
  }

  /**
   * A mail about the account itself (address verification, an invitation): queued in the caller's
   * transaction whatever the person's settings, with no notification; its links carry single-use
   * tokens. With mail off, the link is written to the log instead, so the flow works in
   * development (never in production, where mail is expected to be on).
   */
  async sendAccountMail(
    manager: EntityManager,
    to: { personId: string | null; address: string; locale: Locale },
    mail: AccountMail,
    link: string,
  ): Promise<void> {
    if (!this.config.mail) {
      this.logger.log(`Mail is off: the ${mail.kind} link for ${to.address} is ${link}`);
      return;
    }
    const text = renderAccountMail(mail, to.locale);
    const composed = this.composer.compose(text, to.locale, to.personId ?? '', null);
    await manager.save(
      manager.create(MailMessage, {
        notificationId: null,
        recipientPersonId: to.personId,
        kind: mail.kind,
        unsubscribeGroup: null,
        toAddress: to.address,
        subject: composed.subject.slice(0, 300),
        textBody: composed.textBody,
        htmlBody: composed.htmlBody,
        status: MailStatus.PENDING,
        attempts: 0,
        nextAttemptAt: this.clock.now(),
        lastError: null,
        sentAt: null,
      }),
    );
    this.scope.afterCommit(() => this.dispatcher.kick());
  }

  /**
   * Claims a reminder in the caller's transaction: true exactly once per key, however many runs
   * or processes ask (the key is the primary key of `sent_reminders`; a second insert does
   * nothing, and reading the row back tells whose insert it was).
   */
  async claimReminder(manager: EntityManager, key: string): Promise<boolean> {
    const claim = randomUUID();
    await manager
      .createQueryBuilder()
      .insert()
      .into(SentReminder)
      .values({ key, claim, sentAt: this.clock.now() })
      .orIgnore()
      .execute();
    const row = await manager.findOne(SentReminder, { where: { key }, select: { claim: true } });
    return row?.claim === claim;
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
    const [marked] = await this.markManyRead(actor, [notificationId]);
    return marked;
  }

  /**
   * Marks the caller's notifications read (those already read keep their time). All or nothing:
   * an id that is not one of the caller's notifications is NOT_FOUND and nothing is marked.
   */
  async markManyRead(actor: Actor, notificationIds: readonly string[]): Promise<Notification[]> {
    const person = requirePerson(actor, 'Only a signed-in person has notifications');
    const ids = [...new Set(notificationIds)];
    const own = ids.length
      ? await this.notifications.findBy({ id: In(ids), recipientPersonId: person.personId })
      : [];
    const missing = ids.find((id) => !own.some((notification) => notification.id === id));
    if (missing) throw DomainError.notFound('Notification', missing);
    const unread = own.filter((notification) => !notification.readAt);
    if (unread.length > 0) {
      const readAt = this.clock.now();
      await this.notifications.update(
        { id: In(unread.map((notification) => notification.id)), readAt: IsNull() },
        { readAt },
      );
      for (const notification of unread) notification.readAt = readAt;
    }
    const order = new Map(ids.map((id, index) => [id, index]));
    return own.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }

  /** Marks every unread notification of the caller read (created up to `upTo`); how many. */
  async markAllRead(actor: Actor, upTo?: Date): Promise<number> {
    const person = requirePerson(actor, 'Only a signed-in person has notifications');
    const result = await this.notifications.update(
      {
        recipientPersonId: person.personId,
        readAt: IsNull(),
        ...(upTo ? { createdAt: LessThanOrEqual(upTo) } : {}),
      },
      { readAt: this.clock.now() },
    );
    return result.affected ?? 0;
  }

  /** How many of the person's notifications are unread. */
  unreadCount(personId: string): Promise<number> {
    return this.notifications.countBy({ recipientPersonId: personId, readAt: IsNull() });
  }
}
