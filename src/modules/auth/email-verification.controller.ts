import { Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { Public } from '../../common/decorators/access.decorators';
import { escapeHtml, htmlPage } from '../../common/html';
import { EmailVerificationService } from './email-verification.service';

/**
 * The link in a verification mail. Opening it (GET) shows a button, so a mail scanner that
 * fetches links does not use up the single-use token; the button (POST) verifies.
 */
@Controller('verify-email')
export class EmailVerificationController {
  constructor(private readonly verification: EmailVerificationService) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  confirm(@Query('token') token: string | undefined): string {
    const action = escapeHtml(`/verify-email?token=${encodeURIComponent(token ?? '')}`);
    return htmlPage(
      'Samverkan',
      `<form method="post" action="${action}">` +
        '<p>Bekräfta att e-postadressen är din. / Confirm that the address is yours.</p>' +
        '<button type="submit">Bekräfta / Confirm</button></form>',
    );
  }

  @Post()
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async verify(@Query('token') token: string | undefined): Promise<string> {
    await this.verification.verify(token ?? '');
    return htmlPage(
      'Samverkan',
      '<p>Klart: adressen är bekräftad. Logga in i Samverkan.</p>' +
        '<p>Done: the address is verified. Sign in to Samverkan.</p>',
    );
  }
}
