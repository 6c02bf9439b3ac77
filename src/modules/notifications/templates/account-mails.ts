import { Locale } from '../../people';
import { NoticeText } from './notice-templates';

/** Mails about the account itself: not notifications (never in `myNotifications`), never turned off. */
export enum AccountMailKind {
  EMAIL_VERIFICATION = 'EMAIL_VERIFICATION',
  ACCOUNT_EXISTS = 'ACCOUNT_EXISTS',
  MEMBERSHIP_INVITATION = 'MEMBERSHIP_INVITATION',
}

export interface AccountMailParams {
  [AccountMailKind.EMAIL_VERIFICATION]: { link: string; validHours: number };
  [AccountMailKind.ACCOUNT_EXISTS]: { signInUrl: string };
  [AccountMailKind.MEMBERSHIP_INVITATION]: {
    organisationName: string;
    /** A MembershipRole. */
    role: string;
    link: string;
    token: string;
    membershipId: string;
    expiresOn: string;
  };
}

export type AccountMail = {
  [K in AccountMailKind]: { kind: K; params: AccountMailParams[K] };
}[AccountMailKind];

const ROLES: Record<Locale, Record<string, string>> = {
  [Locale.sv]: { ORG_ADMIN: 'administratör', COORDINATOR: 'samordnare', VOLUNTEER: 'volontär' },
  [Locale.en]: { ORG_ADMIN: 'administrator', COORDINATOR: 'coordinator', VOLUNTEER: 'volunteer' },
};

type Templates = {
  [K in AccountMailKind]: Record<Locale, (params: AccountMailParams[K]) => NoticeText>;
};

export const ACCOUNT_MAIL_TEMPLATES: Templates = {
  [AccountMailKind.EMAIL_VERIFICATION]: {
    sv: (p) => ({
      subject: 'Bekräfta din e-postadress i Samverkan',
      body:
        `Öppna länken för att bekräfta att adressen är din (den gäller i ${p.validHours} timmar ` +
        `och kan användas en gång):\n\n${p.link}\n\nHar du inte skapat något konto kan du ` +
        'strunta i det här mejlet.',
    }),
    en: (p) => ({
      subject: 'Confirm your e-mail address in Samverkan',
      body:
        `Open the link to confirm that the address is yours (it works for ${p.validHours} hours, ` +
        `once):\n\n${p.link}\n\nIf you did not create an account, ignore this mail.`,
    }),
  },
  [AccountMailKind.ACCOUNT_EXISTS]: {
    sv: (p) => ({
      subject: 'Du har redan ett konto i Samverkan',
      body:
        'Någon försökte skapa ett konto i Samverkan med din adress. Du har redan ett konto: logga ' +
        `in på ${p.signInUrl}. Var det inte du behöver du inte göra något.`,
    }),
    en: (p) => ({
      subject: 'You already have an account in Samverkan',
      body:
        'Someone tried to create a Samverkan account with your address. You already have one: ' +
        `sign in at ${p.signInUrl}. If it was not you, there is nothing to do.`,
    }),
  },
  [AccountMailKind.MEMBERSHIP_INVITATION]: {
    sv: (p) => ({
      subject: `Inbjudan till ${p.organisationName}`,
      body:
        `${p.organisationName} bjuder in dig som ${ROLES.sv[p.role] ?? p.role} i Samverkan. ` +
        `Logga in (eller skapa ett konto med den här adressen och bekräfta den) och tacka ja:\n\n` +
        `${p.link}\n\nInbjudan gäller till och med ${p.expiresOn}. Inbjudningskod: ${p.token}`,
    }),
    en: (p) => ({
      subject: `Invitation to ${p.organisationName}`,
      body:
        `${p.organisationName} invites you as ${ROLES.en[p.role] ?? p.role} in Samverkan. Sign ` +
        `in (or create an account with this address and confirm it) and accept:\n\n${p.link}\n\n` +
        `The invitation is valid until ${p.expiresOn}. Invitation code: ${p.token}`,
    }),
  },
};

export function renderAccountMail(mail: AccountMail, locale: Locale): NoticeText {
  const templates = ACCOUNT_MAIL_TEMPLATES[mail.kind] as Record<
    Locale,
    (params: typeof mail.params) => NoticeText
  >;
  return (templates[locale] ?? templates[Locale.sv])(mail.params);
}
