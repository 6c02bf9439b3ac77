import { createClient, Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { NOTIFICATION_ADDED } from '../src/modules/notifications/notification-events.service';
import { SIGN_UP } from './support/documents';
import { SignedIn, TEST_PASSWORD } from './support/factories';
import { subscribed, until } from './support/subscriptions';
import { TestApp } from './support/test-app';

const QUERY = `subscription { notificationAdded { kind subject data } }`;

/** One subscription's events, errors and whether it completed. */
interface Live {
  events: any[];
  errors: unknown[];
  completed: boolean;
  stop: () => void;
}

describe('notificationAdded', () => {
  let test: TestApp;
  const clients: WsClient[] = [];

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await test.close();
  });

  beforeEach(() => subscribed(test, NOTIFICATION_ADDED, 0));

  function follow(connectionParams: Record<string, unknown>): Live {
    const client = createClient({
      url: `${test.baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
    });
    clients.push(client);
    const live: Live = { events: [], errors: [], completed: false, stop: () => undefined };
    live.stop = client.subscribe(
      { query: QUERY },
      {
        next: (event) => live.events.push(event),
        error: (error) => live.errors.push(error),
        complete: () => (live.completed = true),
      },
    );
    return live;
  }

  const as = (person: SignedIn) => follow({ Authorization: `Bearer ${person.token}` });

  it("tells a person of their own new notifications, and nobody else's", async () => {
    const group = await test.factories.nightWalkGroup(2);
    const shift = await test.factories.shift(group);
    const [mine, theirs] = group.walkers;
    const a = as(mine);
    const b = as(theirs);
    await subscribed(test, NOTIFICATION_ADDED, 2);
    await mine.client.ok(SIGN_UP, { input: { shiftId: shift.id } });
    await until(() => a.events.length >= 1, 'the notification');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(a.events.map((event) => event.data.notificationAdded)).toEqual([
      {
        kind: 'SIGNUP_CONFIRMED',
        subject: 'Du är anmäld till nattvandringen',
        data: expect.objectContaining({ shiftId: shift.id }),
      },
    ]);
    expect(b.events).toEqual([]);
    a.stop();
    b.stop();
  });

  it('ends with an UNAUTHENTICATED error the client sees when the session ends', async () => {
    const person = await test.factories.signedIn();
    const live = as(person);
    await subscribed(test, NOTIFICATION_ADDED, 1);
    await person.client.ok(`mutation { logout }`);
    await until(() => live.completed || live.errors.length > 0, 'the end of the subscription');
    expect(live.events).toHaveLength(1);
    expect(live.events[0].data).toBeNull();
    expect(live.events[0].errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(live.completed).toBe(true);
    await subscribed(test, NOTIFICATION_ADDED, 0);
  });

  it('ends the subscriptions of other sessions on a password change, not of the one that changed it', async () => {
    const person = await test.factories.signedIn();
    const other = await test.factories.signIn(person.person);
    const current = as(person);
    const elsewhere = as(other);
    await subscribed(test, NOTIFICATION_ADDED, 2);
    await person.client.ok(
      `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { id } }`,
      { input: { currentPassword: TEST_PASSWORD, newPassword: 'ett annat långt lösenord 42' } },
    );
    await until(() => elsewhere.completed, 'the other session’s subscription to end');
    expect(elsewhere.events[0].errors[0].extensions.code).toBe('UNAUTHENTICATED');
    await subscribed(test, NOTIFICATION_ADDED, 1);
    expect(current.completed).toBe(false);
    expect(current.events).toEqual([]);
    current.stop();
  });

  it('refuses anonymous callers and partner apps', async () => {
    const anonymous = follow({});
    await until(() => anonymous.errors.length + anonymous.events.length > 0, 'the refusal');
    const partner = await test.factories.apiClient([]);
    const app = follow({ 'X-Api-Key': partner.apiKey });
    await until(() => app.errors.length + app.events.length > 0, 'the refusal');
    const codes = [anonymous, app].map((live) => {
      const errors = (live.errors[0] ?? live.events[0]?.errors) as Array<{
        extensions: { code: string };
      }>;
      return errors[0].extensions.code;
    });
    expect(codes).toEqual(['UNAUTHENTICATED', 'FORBIDDEN']);
  });
});
