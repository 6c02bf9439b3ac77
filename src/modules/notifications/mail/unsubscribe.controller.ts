import { Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { Public } from '../../../common/decorators/access.decorators';
import { DomainError } from '../../../common/errors/domain-error';
import { escapeHtml, htmlPage } from '../../../common/html';
import { NotificationSettingsService } from '../notification-settings.service';
import { MailComposer } from './mail-composer';

/**
 * The link in every mail that can be turned off (RFC 8058). A mail client's one-click POST turns
 * the group off at once; a person who opens the link in a browser gets a page with a button, so a
 * link scanner fetching it (GET) changes nothing. The token is the credential.
 */
@Controller('mail/unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly composer: MailComposer,
    private readonly settings: NotificationSettingsService,
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  confirm(@Query('token') token: string | undefined): string {
    this.read(token);
    const action = `/mail/unsubscribe?token=${encodeURIComponent(token ?? '')}`;
    return htmlPage(
      'Sluta få mejl / Stop mail',
      `<form method="post" action="${escapeHtml(action)}">` +
        '<p>Vill du sluta få mejl om det här i Samverkan? Du ser dem fortfarande när du loggar in.</p>' +
        '<p>Stop getting mail about this from Samverkan? You still see it when you sign in.</p>' +
        '<input type="hidden" name="List-Unsubscribe" value="One-Click">' +
        '<button type="submit">Sluta skicka / Stop sending</button></form>',
    );
  }

  @Post()
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async unsubscribe(@Query('token') token: string | undefined): Promise<string> {
    const { personId, group } = this.read(token);
    await this.settings.turnOff(personId, group);
    return htmlPage(
      'Avslutat / Done',
      '<p>Klart: du får inte längre de här mejlen. Du kan slå på dem igen under inställningar.</p>' +
        '<p>Done: you will not get these mails any more. You can turn them on again in your settings.</p>',
    );
  }

  private read(token: string | undefined) {
    const read = token ? this.composer.tokens.read(token) : null;
    if (!read) throw DomainError.notFound('Unsubscribe link');
    return read;
  }
}
