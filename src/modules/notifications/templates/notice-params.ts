import { NotificationKind } from '../entities/notification.entity';

/** A walk as notices name it: when and where the walkers meet. */
interface Walk {
  startsAt: Date;
  meetingPoint: string;
}

/** A booking (or the first of a recurring request's) as notices name it. */
interface BookedTime {
  resourceName: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * What each kind's templates need to write their text. Callers pass facts (times as instants,
 * amounts in öre, names of places and programmes), never finished sentences, so the text can be
 * written in the reader's language. Nothing here may name a person with protected identity, a
 * shelter, or a placement's case: the templates could only repeat it.
 */
export interface NoticeParams {
  [NotificationKind.SIGNUP_CONFIRMED]: Walk;
  [NotificationKind.PROMOTED_FROM_WAITLIST]: Walk;
  [NotificationKind.SHIFT_CANCELLED]: Walk & { reason: string };
  [NotificationKind.SHIFT_REMINDER]: Walk;
  [NotificationKind.SHIFT_MESSAGE]: Walk & {
    organisationName: string;
    subject: string;
    body: string;
    /** The copy a coordinator gets of a message to the walkers. */
    copy: boolean;
  };
  [NotificationKind.WALK_UNDERSTAFFED]: Walk & { confirmed: number; minimum: number };
  [NotificationKind.CREDENTIAL_EXPIRING]: {
    /** A CredentialKind. */
    credentialKind: string;
    validUntil: string;
    organisationName: string;
    /** Null when the notice goes to the holder; else their name, or null-ish for protected identity. */
    holder: { name: string | null } | null;
  };
  [NotificationKind.PLACEMENT_REQUESTED]: Record<string, never>;
  [NotificationKind.PLACEMENT_ANSWERED]: { holdExpiresAt: Date | null };
  [NotificationKind.PLACEMENT_CONFIRMED]: Record<string, never>;
  [NotificationKind.PLACEMENT_CANCELLED]: Record<string, never>;
  [NotificationKind.PLACEMENT_EXPIRED]: Record<string, never>;
  [NotificationKind.BOOKING_REQUESTED]: BookedTime & { occasions: number; purpose: string };
  [NotificationKind.BOOKING_APPROVED]: BookedTime;
  [NotificationKind.BOOKING_REJECTED]: BookedTime & { reason: string };
  [NotificationKind.BOOKING_CANCELLED]: BookedTime & { occasions: number; reason: string | null };
  [NotificationKind.BOOKING_BLACKED_OUT]: BookedTime & {
    closedFrom: Date;
    closedTo: Date;
    reason: string;
  };
  [NotificationKind.BOOKING_EXPIRED]: BookedTime;
  [NotificationKind.BOOKING_UNANSWERED]: BookedTime & {
    occasions: number;
    purpose: string;
    askedAt: Date;
  };
  [NotificationKind.APPLICATION_DECIDED]: {
    programmeName: string;
    /** A decided GrantApplicationStatus: APPROVED, PARTIALLY_APPROVED or REJECTED. */
    decision: string;
    awarded: number;
    requested: number;
    motivation: string | null;
  };
  [NotificationKind.GRANT_PAYMENT_MADE]: { amount: number; reference: string };
  [NotificationKind.FOLLOW_UP_DUE]: { programmeName: string; dueAt: Date; overdue: boolean };
  [NotificationKind.FOLLOW_UP_OVERDUE]: { programmeName: string; dueAt: Date };
  [NotificationKind.FOLLOW_UP_RETURNED]: { reason: string };
}

/** A notification to be stored (and mailed): to whom, what kind, the facts, and the ids it concerns. */
export type Notice = {
  [K in NotificationKind]: {
    recipientPersonId: string;
    kind: K;
    params: NoticeParams[K];
    data: Record<string, unknown>;
  };
}[NotificationKind];

/** A notice before its recipients are known (e.g. "to the organisation's admins"). */
export type UnaddressedNotice = {
  [K in NotificationKind]: Omit<Extract<Notice, { kind: K }>, 'recipientPersonId'>;
}[NotificationKind];
