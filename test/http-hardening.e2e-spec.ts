import { createHash } from 'node:crypto';
import request, { Response } from 'supertest';
import { MailComposer } from '../src/modules/notifications/mail/mail-composer';
import { NotificationGroup } from '../src/modules/notifications';
import { Person } from '../src/modules/people';
import { TestApp } from './support/test-app';

/** A Content-Security-Policy header as directive → sources. */
function parsePolicy(header: string | undefined): Map<string, string[]> {
  expect(header).toBeDefined();
  return new Map(
    header!
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
}

/** The sources that apply to a kind of load: its own directive, else default-src. */
function sourcesFor(policy: Map<string, string[]>, directive: string): string[] {
  return policy.get(directive) ?? policy.get('default-src') ?? [];
}

/**
 * Whether a source list allows loading `url` from a page at `page` (CSP 3 source matching for
 * 'self' and scheme://host[/path] sources, which is all these policies use).
 */
function allows(sources: string[], url: string, page: string): boolean {
  const target = new URL(url, page);
  return sources.some((source) => {
    if (source === "'self'") return target.origin === new URL(page).origin;
    if (!/^https?:\/\//.test(source)) return false;
    const allowed = new URL(source);
    if (allowed.origin !== target.origin) return false;
    if (!/^https?:\/\/[^/]+\/./.test(source)) return true;
    return allowed.pathname.endsWith('/')
      ? target.pathname.startsWith(allowed.pathname)
      : target.pathname === allowed.pathname;
  });
}

function hashOf(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Whether inline code (a <script> or <style> element) may run under these sources. */
function allowsInline(sources: string[], text: string): boolean {
  if (sources.includes(hashOf(text))) return true;
  const hashesOrNonces = sources.some((source) => /^'(sha(256|384|512)|nonce)-/.test(source));
  return sources.includes("'unsafe-inline'") && !hashesOrNonces;
}

/** What a page loads, read from its HTML. */
function resourcesOf(html: string) {
  const attribute = (tag: string, name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
  return {
    scriptUrls: scripts.map(([, attrs]) => attribute(attrs, 'src')).filter((src) => src),
    inlineScripts: scripts
      .filter(([, attrs]) => !attribute(attrs, 'src'))
      .map(([, , body]) => body),
    styleUrls: [...html.matchAll(/<link\b[^>]*>/gi)]
      .map(([tag]) => tag)
      .filter((tag) => /\brel\s*=\s*["']?stylesheet/i.test(tag))
      .map((tag) => attribute(tag, 'href')),
    inlineStyles: [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)].map(
      ([, body]) => body,
    ),
  };
}

interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  req?: { id?: string; method?: string; url?: string; headers?: Record<string, string> };
  res?: { statusCode?: number | null };
}

function linesSince(test: TestApp, mark: number): LogLine[] {
  return test.logs
    .since(mark)
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

const STRICT = ["default-src 'none'", "frame-ancestors 'none'"];

function expectSecurityHeaders(response: Response): void {
  expect(response.headers['x-powered-by']).toBeUndefined();
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(parsePolicy(response.headers['content-security-policy']).get('frame-ancestors')).toEqual([
    "'none'",
  ]);
}

function expectApiPolicy(response: Response): void {
  const policy = response.headers['content-security-policy'];
  for (const directive of STRICT) expect(policy).toContain(directive);
  const parsed = parsePolicy(policy);
  // Nothing may run or load: no directive but default-src, base-uri, form-action, frame-ancestors.
  expect([...parsed.keys()].sort()).toEqual([
    'base-uri',
    'default-src',
    'form-action',
    'frame-ancestors',
  ]);
  expect(new Set([...parsed.values()].flat())).toEqual(new Set(["'none'"]));
}

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { __typename } }`;
const SETTINGS = `{ myNotificationSettings { groups { group mail } } }`;

describe('HTTP hardening (development)', () => {
  let test: TestApp;

  beforeAll(async () => {
    // Debug level: a token that reached any log line would be found.
    test = await TestApp.create({ env: { NODE_ENV: 'development', LOG_LEVEL: 'debug' } });
  });

  afterAll(async () => {
    await test.close();
  });

  async function calendarFeedPath(): Promise<{ path: string; token: string }> {
    const person = await test.factories.signedIn();
    const { myCalendarUrl } = await person.client.ok(`{ myCalendarUrl }`);
    const path = new URL(myCalendarUrl).pathname;
    return { path, token: /\/calendar\/feeds\/(.+)\.ics$/.exec(path)![1] };
  }

  async function unsubscribeLink() {
    const walker = await test.factories.signedIn();
    const url = test.get(MailComposer).unsubscribeUrl(walker.person.id, NotificationGroup.WALKS);
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    const token = decodeURIComponent(/[?&]token=([^&]+)/.exec(path)![1]);
    const walksMail = async () =>
      (
        (await walker.client.ok(SETTINGS)).myNotificationSettings.groups as {
          group: string;
          mail: boolean;
        }[]
      ).find((setting) => setting.group === 'WALKS')!.mail;
    return { path, token, walksMail };
  }

  describe('request bodies', () => {
    it('refuses a GraphQL body over the limit with 413 and BAD_USER_INPUT, before anything runs', async () => {
      const email = `${test.factories.unique('stor')}@example.se`;
      const input = {
        email,
        password: 'Blåbärssylt på tisdagar i Kiruna 1987',
        displayName: 'Stor',
      };
      const response = await request(test.baseUrl)
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .send({
          query: REGISTER,
          // A registration that would succeed, with an unused variable that takes it over the limit.
          variables: { input, padding: 'x'.repeat(110_000) },
        });
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toEqual({
        errors: [
          {
            message: expect.any(String),
            extensions: { code: 'BAD_USER_INPUT', reason: 'PAYLOAD_TOO_LARGE' },
          },
        ],
      });
      expect(response.headers['x-request-id']).toBeDefined();
      expectSecurityHeaders(response);
      expect(await test.dataSource.getRepository(Person).countBy({ email })).toBe(0);
      // The same registration under the limit goes through: the limit alone stopped it.
      const under = await request(test.baseUrl)
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .send({ query: REGISTER, variables: { input, padding: 'x'.repeat(1_000) } });
      expect(under.status).toBe(200);
      expect(under.body.errors).toBeUndefined();
      expect(await test.dataSource.getRepository(Person).countBy({ email })).toBe(1);
    });

    it('refuses malformed JSON with 400 and BAD_USER_INPUT in the GraphQL shape', async () => {
      const response = await request(test.baseUrl)
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .send('{"query": ');
      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'BAD_REQUEST',
      });
    });

    it('refuses a form over the limit on another route in its error shape, before anything runs', async () => {
      const link = await unsubscribeLink();
      const response = await request(test.baseUrl)
        .post(link.path)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(`List-Unsubscribe=One-Click&padding=${'x'.repeat(110_000)}`);
      expect(response.status).toBe(413);
      expect(response.body).toEqual({
        error: {
          code: 'BAD_USER_INPUT',
          message: expect.any(String),
          details: { reason: 'PAYLOAD_TOO_LARGE' },
        },
      });
      expect(response.body.statusCode).toBeUndefined();
      expect(await link.walksMail()).toBe(true);
    });
  });

  describe('security headers', () => {
    it('are on GraphQL answers, /health and calendar feeds, with the strict API policy', async () => {
      const { path } = await calendarFeedPath();
      const district = await test.factories.district();
      const responses = [
        await request(test.baseUrl)
          .post('/graphql')
          .set('Content-Type', 'application/json')
          .send({ query: '{ districts { totalCount } }' }),
        await request(test.baseUrl).get('/health'),
        await request(test.baseUrl).get(path),
        await request(test.baseUrl).get(`/calendar/districts/${district.id}.ics`),
        // Errors too: a refused feed, an unknown route.
        await request(test.baseUrl).get('/calendar/feeds/nobody.forged.ics'),
        await request(test.baseUrl).get('/nothing-here'),
      ];
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 404, 404]);
      expect(responses[2].headers['content-type']).toMatch(/^text\/calendar/);
      for (const response of responses) {
        expectSecurityHeaders(response);
        expectApiPolicy(response);
        // HSTS only in production: development runs on plain HTTP.
        expect(response.headers['strict-transport-security']).toBeUndefined();
      }
      // An error on a calendar route is JSON, and says so.
      expect(responses[4].headers['content-type']).toMatch(/^application\/json/);
      // No ETag: answers are per caller and never cached, so nothing hashes their bodies.
      expect(responses[0].headers.etag).toBeUndefined();
    });

    it('serve GraphiQL (GET /graphql for a browser) with a policy that allows what it loads', async () => {
      const response = await request(test.baseUrl)
        .get('/graphql')
        .set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expectSecurityHeaders(response);
      const page = `${test.baseUrl}/graphql`;
      const policy = parsePolicy(response.headers['content-security-policy']);
      const html = response.text;
      const loads = resourcesOf(html);
      expect(loads.scriptUrls.length).toBeGreaterThan(0);
      expect(loads.inlineScripts.length).toBeGreaterThan(0);
      expect(loads.styleUrls.length).toBeGreaterThan(0);

      const scripts = sourcesFor(policy, 'script-src');
      for (const url of loads.scriptUrls)
        expect([url, allows(scripts, url!, page)]).toEqual([url, true]);
      for (const body of loads.inlineScripts) expect(allowsInline(scripts, body)).toBe(true);
      // Scripts: exactly those, nothing inline but the page's own script, nothing evaluated.
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(scripts).not.toContain("'unsafe-eval'");
      expect(scripts.filter((source) => source.startsWith("'sha256-"))).toEqual(
        loads.inlineScripts.map(hashOf),
      );
      expect(allows(scripts, 'https://evil.example/x.js', page)).toBe(false);
      expect(allows(scripts, 'https://unpkg.com/some-other-package/index.js', page)).toBe(false);

      const styles = sourcesFor(policy, 'style-src');
      for (const url of loads.styleUrls)
        expect([url, allows(styles, url!, page)]).toEqual([url, true]);
      for (const body of loads.inlineStyles) expect(allowsInline(styles, body)).toBe(true);
      // GraphiQL's stylesheet imports its fonts from Google Fonts.
      expect(allows(styles, 'https://fonts.googleapis.com/css2?family=Fira+Code', page)).toBe(true);
      expect(
        allows(sourcesFor(policy, 'font-src'), 'https://fonts.gstatic.com/s/roboto/a.woff2', page),
      ).toBe(true);

      // Queries and subscriptions go to the URL the page names, on this origin.
      const endpoint = /\burl:\s*'([^']+)'/.exec(html)?.[1];
      expect(endpoint).toBe('/graphql');
      const connect = sourcesFor(policy, 'connect-src');
      expect(allows(connect, endpoint!, page)).toBe(true);
      expect(connect).toEqual(expect.arrayContaining(['ws:', 'wss:']));
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
      expect(sourcesFor(policy, 'object-src')).toEqual(["'none'"]);
    });

    it('give other pages (and the web app to come) the same-origin page policy', async () => {
      const link = await unsubscribeLink();
      const response = await request(test.baseUrl).get(link.path);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expectSecurityHeaders(response);
      const policy = parsePolicy(response.headers['content-security-policy']);
      expect(policy.get('default-src')).toEqual(["'none'"]);
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('style-src')).toEqual(["'self'"]);
      expect(policy.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      // The page's form posts to this origin.
      const action = /<form[^>]*\saction="([^"]+)"/.exec(response.text)![1];
      expect(allows(policy.get('form-action')!, action.replace(/&amp;/g, '&'), test.baseUrl)).toBe(
        true,
      );
      expect(allows(policy.get('form-action')!, 'https://evil.example/', test.baseUrl)).toBe(false);
    });
  });

  describe('request logs', () => {
    it('never hold the token of a personal calendar feed, and keep the request id and route', async () => {
      const { path, token } = await calendarFeedPath();
      const mark = test.logs.mark();
      const feed = await request(test.baseUrl).get(path).set('X-Request-Id', 'kalender-0001');
      expect(feed.status).toBe(200);
      const shouted = await request(test.baseUrl).get(`${path.toUpperCase()}?lang=sv`);
      expect(shouted.status).toBe(404); // the token is case-sensitive; the route is not
      const refused = await request(test.baseUrl).get(path.replace(/\.[^./]+\.ics$/, '.x.ics'));
      expect(refused.status).toBe(404);
      const lines = linesSince(test, mark);
      const logged = test.logs.since(mark);
      expect(logged).not.toContain(token);
      expect(logged).not.toContain(token.split('.')[1]);
      expect(logged.toLowerCase()).not.toContain(token.split('.')[1].toLowerCase());
      const completed = lines.filter((line) => line.msg === 'request completed');
      expect(completed.map((line) => line.req?.url)).toEqual([
        '/calendar/feeds/[redacted].ics',
        '/CALENDAR/FEEDS/[redacted].ICS?lang=sv',
        '/calendar/feeds/[redacted].ics',
      ]);
      expect(completed[0].req?.id).toBe('kalender-0001');
      expect(completed.map((line) => line.res?.statusCode)).toEqual([200, 404, 404]);
    });

    it('never hold the token of an unsubscribe link (page, one-click POST, refused body)', async () => {
      const link = await unsubscribeLink();
      const mark = test.logs.mark();
      expect((await request(test.baseUrl).get(link.path)).status).toBe(200);
      await request(test.baseUrl)
        .post(link.path)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(`List-Unsubscribe=One-Click&padding=${'x'.repeat(110_000)}`)
        .expect(413);
      const done = await request(test.baseUrl)
        .post(link.path)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('List-Unsubscribe=One-Click');
      expect(done.status).toBe(200);
      // A page's address in a Referer is redacted too.
      await request(test.baseUrl)
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .set('Referer', `https://app.example${link.path}`)
        .send({ query: '{ districts { totalCount } }' })
        .expect(200);

      const logged = test.logs.since(mark);
      const signature = link.token.split('.').pop()!;
      expect(logged).not.toContain(signature);
      expect(logged).not.toContain(encodeURIComponent(link.token));
      const lines = linesSince(test, mark).filter((line) => line.req);
      expect(lines.map((line) => [line.msg, line.req?.method, line.req?.url])).toEqual([
        ['request completed', 'GET', '/mail/unsubscribe?token=[redacted]'],
        ['request body refused', 'POST', '/mail/unsubscribe?token=[redacted]'],
        ['request completed', 'POST', '/mail/unsubscribe?token=[redacted]'],
        ['request completed', 'POST', '/graphql'],
      ]);
      expect(lines.every((line) => line.req?.id)).toBe(true);
      expect(lines[3].req?.headers?.referer).toBe(
        'https://app.example/mail/unsubscribe?token=[redacted]',
      );
      // The link did its work.
      expect(await link.walksMail()).toBe(false);
    });
  });
});

describe('HTTP hardening (production)', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create({ env: { NODE_ENV: 'production' } });
  });

  afterAll(async () => {
    await test.close();
  });

  it('sends HSTS and the same headers, and serves no GraphiQL', async () => {
    const responses = [
      await request(test.baseUrl)
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .send({ query: '{ districts { totalCount } }' }),
      await request(test.baseUrl).get('/health'),
      await request(test.baseUrl).get('/graphql').set('Accept', 'text/html'),
    ];
    for (const response of responses) {
      expectSecurityHeaders(response);
      expect(response.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
    }
    expect(responses[2].headers['content-type']).not.toMatch(/^text\/html/);
    expectApiPolicy(responses[2]);
  });
});
