import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { MailMessage } from './entities/mail-message.entity';
import { Notification } from './entities/notification.entity';
import { NotificationSettings } from './entities/notification-settings.entity';
import { SentReminder } from './entities/sent-reminder.entity';
import { MailComposer } from './mail/mail-composer';
import { MailDispatcher } from './mail/mail-dispatcher.service';
import { MailOutboxResolver } from './mail/mail-outbox.resolver';
import { MailOutboxService } from './mail/mail-outbox.service';
import { MailTransport } from './mail/mail-transport';
import { UnsubscribeController } from './mail/unsubscribe.controller';
import { NotificationEvents } from './notification-events.service';
import { NotificationSettingsService } from './notification-settings.service';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { PersonNotificationFieldsResolver } from './person-notification-fields.resolver';

@Module({
  imports: [
    TypeOrmModule.forFeature([Notification, MailMessage, NotificationSettings, SentReminder]),
    AuditModule,
  ],
  controllers: [UnsubscribeController],
  providers: [
    NotificationsService,
    NotificationSettingsService,
    NotificationEvents,
    NotificationsResolver,
    PersonNotificationFieldsResolver,
    MailComposer,
    MailTransport,
    MailDispatcher,
    MailOutboxService,
    MailOutboxResolver,
  ],
  exports: [NotificationsService, MailDispatcher],
})
export class NotificationsModule {}
