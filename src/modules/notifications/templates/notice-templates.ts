import { Locale } from '../../people';
import { NotificationKind } from '../entities/notification.entity';
import { NoticeFormat, noticeFormat } from './notice-format';
import { Notice, NoticeParams } from './notice-params';

export interface NoticeText {
  subject: string;
  body: string;
}

type Template<P> = (params: P, format: NoticeFormat) => NoticeText;

/** One template per kind and language; the type makes a missing one a compile error, a test a red run. */
type Templates = {
  [K in NotificationKind]: Record<Locale, Template<NoticeParams[K]>>;
};

const CREDENTIAL_NAMES: Record<Locale, Record<string, string>> = {
  [Locale.sv]: {
    POLICE_RECORD_CHECK: 'utdrag ur belastningsregistret',
    FIRST_AID: 'intyg om första hjälpen',
    NIGHT_WALK_TRAINING: 'intyg om nattvandrarutbildning',
    DRIVING_LICENCE: 'körkort',
  },
  [Locale.en]: {
    POLICE_RECORD_CHECK: 'police record check',
    FIRST_AID: 'first-aid certificate',
    NIGHT_WALK_TRAINING: 'night-walk training certificate',
    DRIVING_LICENCE: 'driving licence',
  },
};

const DECISIONS: Record<Locale, Record<string, string>> = {
  [Locale.sv]: {
    APPROVED: 'beviljad',
    PARTIALLY_APPROVED: 'delvis beviljad',
    REJECTED: 'avslagen',
  },
  [Locale.en]: {
    APPROVED: 'approved',
    PARTIALLY_APPROVED: 'partly approved',
    REJECTED: 'rejected',
  },
};

function credentialName(locale: Locale, kind: string): string {
  return CREDENTIAL_NAMES[locale][kind] ?? kind;
}

export const NOTICE_TEMPLATES: Templates = {
  [NotificationKind.SIGNUP_CONFIRMED]: {
    sv: (p, f) => ({
      subject: 'Du är anmäld till nattvandringen',
      body: `Välkommen! Nattvandringen börjar ${f.when(p.startsAt)} vid ${p.meetingPoint}.`,
    }),
    en: (p, f) => ({
      subject: 'You are signed up for the night walk',
      body: `Welcome! The night walk starts ${f.when(p.startsAt)} at ${p.meetingPoint}.`,
    }),
  },
  [NotificationKind.PROMOTED_FROM_WAITLIST]: {
    sv: (p, f) => ({
      subject: 'Du har fått en plats på nattvandringen',
      body:
        'En plats blev ledig: du är nu anmäld till nattvandringen som börjar ' +
        `${f.when(p.startsAt)} vid ${p.meetingPoint}.`,
    }),
    en: (p, f) => ({
      subject: 'You have a place on the night walk',
      body:
        'A place opened up: you are now signed up for the night walk that starts ' +
        `${f.when(p.startsAt)} at ${p.meetingPoint}.`,
    }),
  },
  [NotificationKind.SHIFT_CANCELLED]: {
    sv: (p, f) => ({
      subject: 'Nattvandringen är inställd',
      body: `Nattvandringen ${f.when(p.startsAt)} vid ${p.meetingPoint} är inställd: ${p.reason}`,
    }),
    en: (p, f) => ({
      subject: 'The night walk is cancelled',
      body: `The night walk ${f.when(p.startsAt)} at ${p.meetingPoint} is cancelled: ${p.reason}`,
    }),
  },
  [NotificationKind.SHIFT_REMINDER]: {
    sv: (p, f) => ({
      subject: 'Påminnelse: nattvandring inom ett dygn',
      body: `Nattvandringen börjar ${f.when(p.startsAt)} vid ${p.meetingPoint}.`,
    }),
    en: (p, f) => ({
      subject: 'Reminder: night walk within a day',
      body: `The night walk starts ${f.when(p.startsAt)} at ${p.meetingPoint}.`,
    }),
  },
  [NotificationKind.SHIFT_MESSAGE]: {
    sv: (p, f) => ({
      subject: `${p.copy ? 'Kopia: ' : ''}${p.subject}`,
      body:
        `Meddelande från ${p.organisationName} om nattvandringen ${f.when(p.startsAt)} vid ` +
        `${p.meetingPoint}${p.copy ? ' (din kopia av det som skickades till vandrarna)' : ''}:\n\n` +
        p.body,
    }),
    en: (p, f) => ({
      subject: `${p.copy ? 'Copy: ' : ''}${p.subject}`,
      body:
        `Message from ${p.organisationName} about the night walk ${f.when(p.startsAt)} at ` +
        `${p.meetingPoint}${p.copy ? ' (your copy of what was sent to the walkers)' : ''}:\n\n` +
        p.body,
    }),
  },
  [NotificationKind.WALK_UNDERSTAFFED]: {
    sv: (p, f) => ({
      subject: 'För få anmälda till nattvandringen',
      body:
        `Anmälan till nattvandringen ${f.when(p.startsAt)} vid ${p.meetingPoint} har stängt med ` +
        `${p.confirmed} av minst ${p.minimum} vandrare. Bekräfta att den blir av eller ställ in ` +
        'den, så att de anmälda vet vad som gäller.',
    }),
    en: (p, f) => ({
      subject: 'Too few walkers for the night walk',
      body:
        `Signups for the night walk ${f.when(p.startsAt)} at ${p.meetingPoint} closed with ` +
        `${p.confirmed} of at least ${p.minimum} walkers. Confirm that it goes ahead or cancel ` +
        'it, so the walkers know where they stand.',
    }),
  },
  [NotificationKind.CREDENTIAL_EXPIRING]: {
    sv: (p, f) => {
      const what = credentialName(Locale.sv, p.credentialKind);
      const whose = p.holder === null ? 'Ditt' : 'Ett';
      const holder =
        p.holder === null
          ? ''
          : ` för ${p.holder.name ?? 'en medlem med skyddad identitet'} i ${p.organisationName}`;
      return {
        subject: `${whose} ${what} går ut ${f.date(p.validUntil)}`,
        body:
          `${whose} ${what}${holder} gäller till och med ${f.date(p.validUntil)}. ` +
          (p.holder === null
            ? `Visa ett nytt för ${p.organisationName} i tid, så att du kan fortsätta vandra.`
            : 'Be om ett nytt i tid och registrera det i Samverkan.'),
      };
    },
    en: (p, f) => {
      const what = credentialName(Locale.en, p.credentialKind);
      const whose = p.holder === null ? 'Your' : 'A';
      const holder =
        p.holder === null
          ? ''
          : ` of ${p.holder.name ?? 'a member with protected identity'} in ${p.organisationName}`;
      return {
        subject: `${whose} ${what} runs out on ${f.date(p.validUntil)}`,
        body:
          `${whose} ${what}${holder} is valid until ${f.date(p.validUntil)}. ` +
          (p.holder === null
            ? `Show a new one to ${p.organisationName} in time, so you can keep walking.`
            : 'Ask for a new one in time and record it in Samverkan.'),
      };
    },
  },
  [NotificationKind.PLACEMENT_REQUESTED]: {
    sv: () => ({
      subject: 'Ny förfrågan om plats',
      body: 'Socialtjänsten frågar efter plats hos er. Svara i Samverkan.',
    }),
    en: () => ({
      subject: 'New request for a place',
      body: 'Social services are asking you for a place. Answer in Samverkan.',
    }),
  },
  [NotificationKind.PLACEMENT_ANSWERED]: {
    sv: (p, f) =>
      p.holdExpiresAt
        ? {
            subject: 'Platsen är reserverad',
            body: `Boendet håller platserna till ${f.when(p.holdExpiresAt)}. Bekräfta placeringen innan dess.`,
          }
        : {
            subject: 'Förfrågan om plats avböjdes',
            body: 'Boendet kan inte ta emot. Se svaret i Samverkan.',
          },
    en: (p, f) =>
      p.holdExpiresAt
        ? {
            subject: 'The place is reserved',
            body: `The shelter holds the places until ${f.when(p.holdExpiresAt)}. Confirm the placement before then.`,
          }
        : {
            subject: 'The request for a place was declined',
            body: 'The shelter cannot take anyone in. See the answer in Samverkan.',
          },
  },
  [NotificationKind.PLACEMENT_CONFIRMED]: {
    sv: () => ({
      subject: 'Placeringen är bekräftad',
      body: 'En placering är bekräftad. Se Samverkan.',
    }),
    en: () => ({
      subject: 'The placement is confirmed',
      body: 'A placement is confirmed. See Samverkan.',
    }),
  },
  [NotificationKind.PLACEMENT_CANCELLED]: {
    sv: () => ({
      subject: 'Förfrågan om plats återkallades',
      body: 'En förfrågan om plats har återkallats. Se Samverkan.',
    }),
    en: () => ({
      subject: 'A request for a place was withdrawn',
      body: 'A request for a place has been withdrawn. See Samverkan.',
    }),
  },
  [NotificationKind.PLACEMENT_EXPIRED]: {
    sv: () => ({
      subject: 'Reserverad plats har släppts',
      body: 'En placering bekräftades inte i tid; platserna är lediga igen.',
    }),
    en: () => ({
      subject: 'A reserved place was released',
      body: 'A placement was not confirmed in time; its places are free again.',
    }),
  },
  [NotificationKind.BOOKING_REQUESTED]: {
    sv: (p, f) => ({
      subject: `Bokningsförfrågan: ${p.resourceName}`,
      body:
        `${p.resourceName} önskas ${occasionsSv(p, f)}: ${p.purpose}. ` +
        'Godkänn eller avslå förfrågan.',
    }),
    en: (p, f) => ({
      subject: `Booking request: ${p.resourceName}`,
      body:
        `${p.resourceName} is asked for ${occasionsEn(p, f)}: ${p.purpose}. ` +
        'Approve or reject the request.',
    }),
  },
  [NotificationKind.BOOKING_APPROVED]: {
    sv: (p, f) => ({
      subject: `Bokningen är godkänd: ${p.resourceName}`,
      body: `Din bokning av ${p.resourceName} ${f.range(p.startsAt, p.endsAt)} är godkänd.`,
    }),
    en: (p, f) => ({
      subject: `Booking approved: ${p.resourceName}`,
      body: `Your booking of ${p.resourceName} ${f.range(p.startsAt, p.endsAt)} is approved.`,
    }),
  },
  [NotificationKind.BOOKING_REJECTED]: {
    sv: (p, f) => ({
      subject: `Bokningen är avslagen: ${p.resourceName}`,
      body: `Din bokning av ${p.resourceName} ${f.range(p.startsAt, p.endsAt)} är avslagen: ${p.reason}`,
    }),
    en: (p, f) => ({
      subject: `Booking rejected: ${p.resourceName}`,
      body: `Your booking of ${p.resourceName} ${f.range(p.startsAt, p.endsAt)} is rejected: ${p.reason}`,
    }),
  },
  [NotificationKind.BOOKING_CANCELLED]: {
    sv: (p, f) => {
      const reason = p.reason ? `: ${p.reason}` : '.';
      return p.occasions === 1
        ? {
            subject: `Bokningen är avbokad: ${p.resourceName}`,
            body: `Din bokning av ${p.resourceName} ${f.range(p.startsAt, p.endsAt)} har avbokats av ägaren${reason}`,
          }
        : {
            subject: `Bokningarna är avbokade: ${p.resourceName}`,
            body:
              `Dina ${p.occasions} återstående bokningar av ${p.resourceName} från ` +
              `${f.range(p.startsAt, p.endsAt)} har avbokats av ägaren${reason}`,
          };
    },
    en: (p, f) => {
      const reason = p.reason ? `: ${p.reason}` : '.';
      return p.occasions === 1
        ? {
            subject: `Booking cancelled: ${p.resourceName}`,
            body: `Your booking of ${p.resourceName} ${f.range(p.startsAt, p.endsAt)} was cancelled by the owner${reason}`,
          }
        : {
            subject: `Bookings cancelled: ${p.resourceName}`,
            body:
              `Your ${p.occasions} remaining bookings of ${p.resourceName} from ` +
              `${f.range(p.startsAt, p.endsAt)} were cancelled by the owner${reason}`,
          };
    },
  },
  [NotificationKind.BOOKING_BLACKED_OUT]: {
    sv: (p, f) => ({
      subject: `Stängt under din bokning: ${p.resourceName}`,
      body:
        `${p.resourceName} är stängt ${f.range(p.closedFrom, p.closedTo)} (${p.reason}), under ` +
        `din bokning ${f.range(p.startsAt, p.endsAt)}. Bokningen står kvar tills du och ägaren ` +
        'har kommit överens: avboka den eller hör av dig till ägaren.',
    }),
    en: (p, f) => ({
      subject: `Closed during your booking: ${p.resourceName}`,
      body:
        `${p.resourceName} is closed ${f.range(p.closedFrom, p.closedTo)} (${p.reason}), during ` +
        `your booking ${f.range(p.startsAt, p.endsAt)}. The booking stands until you and the ` +
        'owner agree: cancel it or get in touch with the owner.',
    }),
  },
  [NotificationKind.BOOKING_EXPIRED]: {
    sv: (p, f) => ({
      subject: `Bokningsförfrågan besvarades inte: ${p.resourceName}`,
      body:
        `Din förfrågan om ${p.resourceName} ${f.range(p.startsAt, p.endsAt)} besvarades inte ` +
        'innan den började och är stängd.',
    }),
    en: (p, f) => ({
      subject: `Booking request not answered: ${p.resourceName}`,
      body:
        `Your request for ${p.resourceName} ${f.range(p.startsAt, p.endsAt)} was not answered ` +
        'before it started and is closed.',
    }),
  },
  [NotificationKind.BOOKING_UNANSWERED]: {
    sv: (p, f) => ({
      subject: `Obesvarad bokningsförfrågan: ${p.resourceName}`,
      body:
        `En förfrågan om ${p.resourceName} ${occasionsSv(p, f)} (${p.purpose}) har väntat på svar ` +
        `sedan ${f.when(p.askedAt)}. Godkänn eller avslå den, så att den som frågade kan planera.`,
    }),
    en: (p, f) => ({
      subject: `Unanswered booking request: ${p.resourceName}`,
      body:
        `A request for ${p.resourceName} ${occasionsEn(p, f)} (${p.purpose}) has waited for an ` +
        `answer since ${f.when(p.askedAt)}. Approve or reject it, so whoever asked can plan.`,
    }),
  },
  [NotificationKind.APPLICATION_DECIDED]: {
    sv: (p, f) => ({
      subject: `Beslut om bidrag: ${p.programmeName}`,
      body:
        `Ansökan är ${DECISIONS.sv[p.decision] ?? p.decision}: ${f.kronor(p.awarded)} av sökta ` +
        `${f.kronor(p.requested)}.` +
        (p.motivation ? ` Motivering: ${p.motivation}` : ''),
    }),
    en: (p, f) => ({
      subject: `Grant decision: ${p.programmeName}`,
      body:
        `The application is ${DECISIONS.en[p.decision] ?? p.decision}: ${f.kronor(p.awarded)} of ` +
        `the ${f.kronor(p.requested)} applied for.` +
        (p.motivation ? ` Reasons: ${p.motivation}` : ''),
    }),
  },
  [NotificationKind.GRANT_PAYMENT_MADE]: {
    sv: (p, f) => ({
      subject: 'Utbetalning av bidrag',
      body: `Kommunen har betalat ut ${f.kronor(p.amount)} (${p.reference}) av ert beviljade bidrag.`,
    }),
    en: (p, f) => ({
      subject: 'Grant payment',
      body: `The municipality has paid ${f.kronor(p.amount)} (${p.reference}) of your awarded grant.`,
    }),
  },
  [NotificationKind.FOLLOW_UP_DUE]: {
    sv: (p, f) => ({
      subject: p.overdue ? 'Återrapporteringen är försenad' : 'Dags för återrapportering',
      body:
        `Återrapporteringen av bidraget från ${p.programmeName} ska vara inne ` +
        `${f.date(p.dueAt)}. Utan godkänd återrapport kan ni inte söka nya bidrag.`,
    }),
    en: (p, f) => ({
      subject: p.overdue ? 'The follow-up report is overdue' : 'Time for the follow-up report',
      body:
        `The follow-up report on the grant from ${p.programmeName} is due on ` +
        `${f.date(p.dueAt)}. Without an approved report you cannot apply for new grants.`,
    }),
  },
  [NotificationKind.FOLLOW_UP_OVERDUE]: {
    sv: (p, f) => ({
      subject: `Återrapporteringen är försenad: ${p.programmeName}`,
      body:
        `Återrapporteringen av bidraget från ${p.programmeName} skulle ha varit inne ` +
        `${f.date(p.dueAt)}. Lämna in den i Samverkan: utan godkänd återrapport kan ni inte söka ` +
        'nya bidrag. Vi påminner varje vecka tills den är inne.',
    }),
    en: (p, f) => ({
      subject: `The follow-up report is overdue: ${p.programmeName}`,
      body:
        `The follow-up report on the grant from ${p.programmeName} was due on ` +
        `${f.date(p.dueAt)}. Submit it in Samverkan: without an approved report you cannot apply ` +
        'for new grants. We remind you every week until it is in.',
    }),
  },
  [NotificationKind.FOLLOW_UP_RETURNED]: {
    sv: (p) => ({
      subject: 'Återrapporteringen behöver kompletteras',
      body: `Handläggaren har skickat tillbaka er återrapportering: ${p.reason}`,
    }),
    en: (p) => ({
      subject: 'The follow-up report needs more',
      body: `The officer returned your follow-up report: ${p.reason}`,
    }),
  },
};

function occasionsSv(p: NoticeParams[NotificationKind.BOOKING_REQUESTED], f: NoticeFormat) {
  const first = f.range(p.startsAt, p.endsAt);
  return p.occasions === 1 ? first : `${p.occasions} tillfällen från ${first}`;
}

function occasionsEn(p: NoticeParams[NotificationKind.BOOKING_REQUESTED], f: NoticeFormat) {
  const first = f.range(p.startsAt, p.endsAt);
  return p.occasions === 1 ? first : `${p.occasions} times from ${first}`;
}

/** The notice's subject and body in `locale` (Swedish for an unknown one). */
export function renderNotice(notice: Notice, locale: Locale): NoticeText {
  const templates = NOTICE_TEMPLATES[notice.kind] as Record<Locale, Template<typeof notice.params>>;
  const template = templates[locale] ?? templates[Locale.sv];
  return template(notice.params, noticeFormat(locale));
}
