export { MailMessage, MailStatus } from './entities/mail-message.entity';
export { Notification, NotificationKind } from './entities/notification.entity';
export { NotificationSettings } from './entities/notification-settings.entity';
export { SentReminder } from './entities/sent-reminder.entity';
export { MailDispatcher } from './mail/mail-dispatcher.service';
export { NotificationGroup } from './notification-groups';
export { NotificationsModule } from './notifications.module';
export { NotificationsService } from './notifications.service';
export type { Notice, NoticeParams, UnaddressedNotice } from './templates/notice-params';
