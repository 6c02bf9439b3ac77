import { registerEnumType } from '@nestjs/graphql';
import { NotificationKind } from './entities/notification.entity';
import { Notice } from './templates/notice-params';

/** The groups of kinds a person turns mail on or off for. */
export enum NotificationGroup {
  WALKS = 'WALKS',
  BOOKINGS = 'BOOKINGS',
  GRANTS = 'GRANTS',
  PLACEMENTS = 'PLACEMENTS',
  ACCOUNT = 'ACCOUNT',
}

registerEnumType(NotificationGroup, {
  name: 'NotificationGroup',
  description: 'A group of notification kinds; mail is turned on or off per group.',
  valuesMap: {
    WALKS: { description: 'Night walks: signups, places, reminders, cancellations, messages.' },
    BOOKINGS: { description: 'Bookings of rooms, vehicles and equipment.' },
    GRANTS: { description: 'Grant decisions, payments and follow-up reports.' },
    PLACEMENTS: { description: 'Placement requests between social services and shelters.' },
    ACCOUNT: { description: 'Your account and credentials.' },
  },
});

export const GROUP_OF_KIND: Record<NotificationKind, NotificationGroup> = {
  [NotificationKind.SIGNUP_CONFIRMED]: NotificationGroup.WALKS,
  [NotificationKind.PROMOTED_FROM_WAITLIST]: NotificationGroup.WALKS,
  [NotificationKind.SHIFT_CANCELLED]: NotificationGroup.WALKS,
  [NotificationKind.SHIFT_REMINDER]: NotificationGroup.WALKS,
  [NotificationKind.SHIFT_MESSAGE]: NotificationGroup.WALKS,
  [NotificationKind.WALK_UNDERSTAFFED]: NotificationGroup.WALKS,
  [NotificationKind.CREDENTIAL_EXPIRING]: NotificationGroup.ACCOUNT,
  [NotificationKind.PLACEMENT_REQUESTED]: NotificationGroup.PLACEMENTS,
  [NotificationKind.PLACEMENT_ANSWERED]: NotificationGroup.PLACEMENTS,
  [NotificationKind.PLACEMENT_CONFIRMED]: NotificationGroup.PLACEMENTS,
  [NotificationKind.PLACEMENT_CANCELLED]: NotificationGroup.PLACEMENTS,
  [NotificationKind.PLACEMENT_EXPIRED]: NotificationGroup.PLACEMENTS,
  [NotificationKind.BOOKING_REQUESTED]: NotificationGroup.BOOKINGS,
  [NotificationKind.BOOKING_APPROVED]: NotificationGroup.BOOKINGS,
  [NotificationKind.BOOKING_REJECTED]: NotificationGroup.BOOKINGS,
  [NotificationKind.BOOKING_CANCELLED]: NotificationGroup.BOOKINGS,
  [NotificationKind.BOOKING_BLACKED_OUT]: NotificationGroup.BOOKINGS,
  [NotificationKind.BOOKING_EXPIRED]: NotificationGroup.BOOKINGS,
  [NotificationKind.BOOKING_UNANSWERED]: NotificationGroup.BOOKINGS,
  [NotificationKind.APPLICATION_DECIDED]: NotificationGroup.GRANTS,
  [NotificationKind.GRANT_PAYMENT_MADE]: NotificationGroup.GRANTS,
  [NotificationKind.FOLLOW_UP_DUE]: NotificationGroup.GRANTS,
  [NotificationKind.FOLLOW_UP_OVERDUE]: NotificationGroup.GRANTS,
  [NotificationKind.FOLLOW_UP_RETURNED]: NotificationGroup.GRANTS,
};

/** Kinds mailed whatever the settings say: someone's safety or shelter may hang on them. */
export const ALWAYS_MAILED_KINDS: readonly NotificationKind[] = [
  NotificationKind.PLACEMENT_ANSWERED,
  NotificationKind.PLACEMENT_EXPIRED,
];

/** A walk cancelled this close to its start is mailed whatever the settings say. */
export const LATE_CANCELLATION_HOURS = 24;

/**
 * True when the notice must reach the person by mail even with its group turned off: a placement
 * answered or expiring, or a walk cancelled within 24 hours of its start.
 */
export function isSafetyCritical(notice: Notice, now: Date): boolean {
  if (ALWAYS_MAILED_KINDS.includes(notice.kind)) return true;
  return (
    notice.kind === NotificationKind.SHIFT_CANCELLED &&
    notice.params.startsAt.getTime() - now.getTime() < LATE_CANCELLATION_HOURS * 3600_000
  );
}
