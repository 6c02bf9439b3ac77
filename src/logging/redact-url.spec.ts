import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('hides the token of a personal calendar feed and keeps the route', () => {
    const token = '0b5b1c1e-6a7c-4c36-9e0e-3d1c2b8f2a11.Zm9vYmFyYmF6';
    expect(redactUrl(`/calendar/feeds/${token}.ics`)).toBe('/calendar/feeds/[redacted].ics');
    expect(redactUrl(`/calendar/feeds/${token}`)).toBe('/calendar/feeds/[redacted]');
    expect(redactUrl(`/Calendar//FEEDS/${token}.ICS/?x=1`)).toBe(
      '/Calendar//FEEDS/[redacted].ICS/?x=1',
    );
    expect(redactUrl(`/calendar/feeds/${token}/more`)).toBe('/calendar/feeds/[redacted]/more');
    expect(redactUrl(`https://samverkan.example/calendar/feeds/${token}.ics`)).toBe(
      'https://samverkan.example/calendar/feeds/[redacted].ics',
    );
  });

  it('hides secret query parameters by name and keeps the others', () => {
    expect(redactUrl('/mail/unsubscribe?token=p.WALKS.c2ln')).toBe(
      '/mail/unsubscribe?token=[redacted]',
    );
    expect(redactUrl('/verify-email?lang=sv&token=abc&x=1')).toBe(
      '/verify-email?lang=sv&token=[redacted]&x=1',
    );
    expect(
      redactUrl('/invitations?invitationToken=a&Token=b&%74oken=c&code=d&api_key=e&password=f'),
    ).toBe(
      '/invitations?invitationToken=[redacted]&Token=[redacted]&%74oken=[redacted]&code=[redacted]' +
        '&api_key=[redacted]&password=[redacted]',
    );
    expect(redactUrl('https://app.example/x?token=abc#token=def')).toBe(
      'https://app.example/x?token=[redacted]#[redacted]',
    );
  });

  it('leaves URLs without secrets as they are', () => {
    for (const url of [
      '/graphql',
      '/health',
      '/calendar/districts/0b5b1c1e-6a7c-4c36-9e0e-3d1c2b8f2a11.ics',
      '/calendar/resources/0b5b1c1e-6a7c-4c36-9e0e-3d1c2b8f2a11.ics',
      '/calendar/feeds',
      '/mail/unsubscribe?lang=sv&flag',
      '',
    ]) {
      expect(redactUrl(url)).toBe(url);
    }
  });
});
