import { Injectable } from '@nestjs/common';
import { escapeHtml } from '../../../common/html';
import { AppConfig } from '../../../config/app-config';
import { Locale } from '../../people';
import { NotificationGroup } from '../notification-groups';
import { NoticeText } from '../templates/notice-templates';
import { UnsubscribeTokens } from './unsubscribe-token';

/** What a mail says besides the notification, per language. */
const FOOTER: Record<
  Locale,
  {
    read: string;
    why: string;
    off: (group: string) => string;
    groups: Record<NotificationGroup, string>;
  }
> = {
  [Locale.sv]: {
    read: 'Läs dina meddelanden i Samverkan',
    why: 'Du får det här mejlet för att det rör dig i Samverkan.',
    off: (group) => `Vill du inte få mejl om ${group}? Stäng av dem här`,
    groups: {
      [NotificationGroup.WALKS]: 'nattvandringar',
      [NotificationGroup.BOOKINGS]: 'bokningar',
      [NotificationGroup.GRANTS]: 'bidrag',
      [NotificationGroup.PLACEMENTS]: 'placeringar',
      [NotificationGroup.ACCOUNT]: 'ditt konto och dina intyg',
    },
  },
  [Locale.en]: {
    read: 'Read your messages in Samverkan',
    why: 'You get this mail because it concerns you in Samverkan.',
    off: (group) => `Rather not get mail about ${group}? Turn it off here`,
    groups: {
      [NotificationGroup.WALKS]: 'night walks',
      [NotificationGroup.BOOKINGS]: 'bookings',
      [NotificationGroup.GRANTS]: 'grants',
      [NotificationGroup.PLACEMENTS]: 'placements',
      [NotificationGroup.ACCOUNT]: 'your account and credentials',
    },
  },
};

export interface ComposedMail {
  subject: string;
  textBody: string;
  htmlBody: string;
}

/**
 * Turns a notification's text into a mail: plain text plus simple HTML with the same words, a
 * link to Samverkan and, for mail that can be turned off, the one-click unsubscribe link (also sent
 * as the List-Unsubscribe header).
 */
@Injectable()
export class MailComposer {
  readonly tokens: UnsubscribeTokens;

  constructor(private readonly config: AppConfig) {
    this.tokens = new UnsubscribeTokens(config.jwt.secret);
  }

  unsubscribeUrl(personId: string, group: NotificationGroup): string {
    return `${this.config.linkBaseUrl}/mail/unsubscribe?token=${this.tokens.create(personId, group)}`;
  }

  compose(
    text: NoticeText,
    locale: Locale,
    personId: string,
    unsubscribeGroup: NotificationGroup | null,
  ): ComposedMail {
    const footer = FOOTER[locale] ?? FOOTER[Locale.sv];
    const home = `${this.config.linkBaseUrl}/`;
    const unsubscribe = unsubscribeGroup ? this.unsubscribeUrl(personId, unsubscribeGroup) : null;
    const off = unsubscribeGroup ? footer.off(footer.groups[unsubscribeGroup]) : null;
    const textBody = [
      text.body,
      '',
      '-- ',
      `${footer.read}: ${home}`,
      footer.why,
      ...(unsubscribe ? [`${off}: ${unsubscribe}`] : []),
      '',
    ].join('\n');
    const paragraphs = text.body
      .split(/\n{2,}/)
      .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
      .join('\n');
    const htmlBody = [
      '<!doctype html>',
      `<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(text.subject)}</title></head>`,
      '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
      paragraphs,
      '<hr>',
      `<p style="font-size: 0.9em; color: #555"><a href="${escapeHtml(home)}">${escapeHtml(footer.read)}</a>. ${escapeHtml(footer.why)}`,
      ...(unsubscribe && off
        ? [` <a href="${escapeHtml(unsubscribe)}">${escapeHtml(off)}</a>.`]
        : []),
      '</p>',
      '</body></html>',
      '',
    ].join('\n');
    return { subject: text.subject, textBody, htmlBody };
  }
}
