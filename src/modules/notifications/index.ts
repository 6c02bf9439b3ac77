export { Notification, NotificationKind } from './entities/notification.entity';
export { NotificationsModule } from './notifications.module';
export { NotificationsService, type Notice } from './notifications.service';
