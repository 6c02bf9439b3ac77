import { readFileSync } from 'node:fs';
import { IsNull, Not } from 'typeorm';
import { join } from 'node:path';
import { MembershipRole } from '../src/modules/organisations';
import {
  MailDispatcher,
  MailMessage,
  MailStatus,
  Notification,
  NotificationKind,
  NotificationsService,
} from '../src/modules/notifications';
import { Database } from '../src/database/database.service';
import { PlacementsService } from '../src/modules/shelters';
import { ShiftPlanningService } from '../src/modules/night-walks';
import { Locale, Person } from '../src/modules/people';
import { RETRY_DELAYS_MS } from '../src/modules/notifications/mail/mail-dispatcher.service';
import { GROUP_OF_KIND } from '../src/modules/notifications/notification-groups';
import { SIGN_UP } from './support/documents';
import { SignedIn } from './support/factories';
import { SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';

const MAIL_FROM = 'Samverkan <samverkan@trollhattan.example>';
const MINUTE = 60_000;

describe('notifications by mail', () => {
  let sink: SmtpSink;
  let test: TestApp;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    test = await TestApp.create({ env: { SMTP_URL: sink.url, MAIL_FROM } });
  });

  afterAll(async () => {
    await test.close();
    await sink.stop();
  });

  beforeEach(() => {
    sink.mode = 'accept';
    sink.mails.length = 0;
  });

  afterEach(() => test.clock.reset());

  const dispatch = () => test.get(MailDispatcher).dispatch();
  const outbox = () => test.dataSource.getRepository(MailMessage);

  async function withLocale(member: SignedIn, locale: Locale): Promise<void> {
    await test.dataSource.getRepository(Person).update(member.person.id, { locale });
  }

  /**
   * A walk of a fresh group, with `walkers` volunteers; each walker signs up with `signUp`. The
   * invitation mails of building the group are sent and forgotten, so a test sees only its own.
   */
  async function walkWith(walkers = 2) {
    const group = await test.factories.nightWalkGroup(walkers);
    const shift = await test.factories.shift(group, {
      startsAt: new Date('2026-12-11T20:00:00Z'),
      endsAt: new Date('2026-12-12T00:00:00Z'),
    });
    await dispatch();
    sink.mails.length = 0;
    return { group, shift };
  }

  const signUp = (walker: SignedIn, shiftId: string) =>
    walker.client.ok(SIGN_UP, { input: { shiftId } });

  it("sends a signup's mail once, in Swedish to a Swedish walker and in English to an English one", async () => {
    const { group, shift } = await walkWith(2);
    const [swede, english] = group.walkers;
    await withLocale(english, Locale.en);
    await signUp(swede, shift.id);
    await signUp(english, shift.id);
    expect(await dispatch()).toBe(2);
    expect(await dispatch()).toBe(0);
    const [sv] = sink.to(swede.person.email);
    const [en] = sink.to(english.person.email);
    expect(sink.mails).toHaveLength(2);
    expect(sv.subject).toBe('Du är anmäld till nattvandringen');
    expect(sv.text).toContain('fredag 11 december kl. 21.00 vid Kronogårdstorget');
    expect(en.subject).toBe('You are signed up for the night walk');
    expect(en.text).toContain('Friday 11 December at 21:00 at Kronogårdstorget');
    expect(en.html).toContain('<p>Welcome! The night walk starts Friday 11 December');
    // A stable Message-ID from the outbox row, and a one-click unsubscribe (RFC 8058).
    const row = await outbox().findOneByOrFail({
      toAddress: swede.person.email,
      notificationId: Not(IsNull()),
    });
    expect(sv.messageId).toBe(`<${row.id}@trollhattan.example>`);
    expect(row).toMatchObject({ status: MailStatus.SENT, attempts: 1, lastError: null });
    expect(sv.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(sv.header('list-unsubscribe')).toMatch(/\/mail\/unsubscribe\?token=/);
    // The notification in the API is in the reader's language too.
    const stored = await test.dataSource
      .getRepository(Notification)
      .findOneByOrFail({ recipientPersonId: english.person.id });
    expect(stored.body).toBe(en.text.split('\n')[0]);
  });

  it('retries while the mail server is away and delivers once when it is back', async () => {
    const { group, shift } = await walkWith(1);
    sink.mode = 'defer';
    await signUp(group.walkers[0], shift.id);
    expect(await dispatch()).toBe(0);
    const waiting = await outbox().findOneByOrFail({
      toAddress: group.walkers[0].person.email,
      notificationId: Not(IsNull()),
    });
    expect(waiting).toMatchObject({ status: MailStatus.PENDING, attempts: 1 });
    expect(waiting.lastError).toMatch(/451|Try again/);
    const delay = waiting.nextAttemptAt!.getTime() - test.clock.now().getTime();
    expect(delay).toBeGreaterThan(0.75 * MINUTE);
    expect(delay).toBeLessThan(1.25 * MINUTE);
    // Not yet due: nothing is tried.
    sink.mode = 'accept';
    expect(await dispatch()).toBe(0);
    test.clock.advance(2 * MINUTE);
    expect(await dispatch()).toBe(1);
    expect(await dispatch()).toBe(0);
    expect(sink.mails).toHaveLength(1);
    expect(await outbox().findOneByOrFail({ id: waiting.id })).toMatchObject({
      status: MailStatus.SENT,
      attempts: 2,
    });
  });

  it('gives up after the last attempt, backing off as it goes', async () => {
    const { group, shift } = await walkWith(1);
    sink.mode = 'defer';
    await signUp(group.walkers[0], shift.id);
    const id = (
      await outbox().findOneByOrFail({
        toAddress: group.walkers[0].person.email,
        notificationId: Not(IsNull()),
      })
    ).id;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= RETRY_DELAYS_MS.length + 1; attempt += 1) {
      await dispatch();
      const row = await outbox().findOneByOrFail({ id });
      if (row.status === MailStatus.FAILED) break;
      waits.push(row.nextAttemptAt!.getTime() - test.clock.now().getTime());
      test.clock.set(new Date(row.nextAttemptAt!.getTime() + 1000));
    }
    const failed = await outbox().findOneByOrFail({ id });
    expect(failed).toMatchObject({ status: MailStatus.FAILED, attempts: 6, nextAttemptAt: null });
    expect(waits).toHaveLength(RETRY_DELAYS_MS.length);
    waits.forEach((wait, index) => {
      expect(wait).toBeGreaterThan(RETRY_DELAYS_MS[index] * 0.75);
      expect(wait).toBeLessThan(RETRY_DELAYS_MS[index] * 1.25);
    });
    expect(sink.mails).toHaveLength(0);
  });

  it('marks a permanently refused mail FAILED, shows it to ADMIN, and sends it again on retryMail', async () => {
    const { group, shift } = await walkWith(1);
    sink.mode = 'reject';
    await signUp(group.walkers[0], shift.id);
    await dispatch();
    const admin = await test.factories.admin();
    const page = await admin.client.ok(
      `{ mailOutbox(status: FAILED, first: 100) { totalCount edges { node { id kind toAddress status attempts lastError sentAt } } } }`,
    );
    const failed = page.mailOutbox.edges
      .map((edge: { node: Record<string, unknown> }) => edge.node)
      .find((node: { toAddress: string }) => node.toAddress === group.walkers[0].person.email);
    expect(failed).toMatchObject({
      kind: 'SIGNUP_CONFIRMED',
      status: 'FAILED',
      attempts: 1,
      sentAt: null,
    });
    expect(failed.lastError).toMatch(/550|Mailbox unavailable/);
    sink.mode = 'accept';
    const retried = await admin.client.ok(
      `mutation($input: MailIdInput!) { retryMail(input: $input) { status attempts } }`,
      { input: { mailId: failed.id } },
    );
    expect(retried.retryMail).toEqual({ status: 'PENDING', attempts: 0 });
    await dispatch();
    expect(sink.to(group.walkers[0].person.email)).toHaveLength(1);
    expect(
      await admin.client.code(
        `mutation($input: MailIdInput!) { retryMail(input: $input) { status } }`,
        { input: { mailId: failed.id } },
      ),
    ).toBe('INVALID_STATE_TRANSITION');
    expect((await test.auditOf(failed.id)).map((entry) => entry.action)).toEqual([
      'mail_message.retried',
    ]);
  });

  it('leaves neither notification nor mail when the change rolls back', async () => {
    const person = await test.factories.person();
    const notifications = test.get(NotificationsService);
    await expect(
      test.get(Database).transaction(async (manager) => {
        await notifications.notify(manager, [
          {
            recipientPersonId: person.id,
            kind: NotificationKind.SHIFT_REMINDER,
            params: { startsAt: new Date(), meetingPoint: 'Torget' },
            data: {},
          },
        ]);
        throw new Error('the change failed after notifying');
      }),
    ).rejects.toThrow('the change failed');
    expect(
      await test.dataSource.getRepository(Notification).countBy({ recipientPersonId: person.id }),
    ).toBe(0);
    expect(
      await outbox().countBy({ recipientPersonId: person.id, notificationId: Not(IsNull()) }),
    ).toBe(0);
    expect(await dispatch()).toBe(0);
    // The same change committing stores and mails it.
    await test.get(Database).transaction((manager) =>
      notifications.notify(manager, [
        {
          recipientPersonId: person.id,
          kind: NotificationKind.SHIFT_REMINDER,
          params: { startsAt: new Date(), meetingPoint: 'Torget' },
          data: {},
        },
      ]),
    );
    expect(
      await outbox().countBy({ recipientPersonId: person.id, notificationId: Not(IsNull()) }),
    ).toBe(1);
    expect(await dispatch()).toBe(1);
  });

  describe('settings', () => {
    const SETTINGS = `{ myNotificationSettings { mailEnabled groups { group mail kinds alwaysMailed } } }`;
    const UPDATE = `mutation($input: UpdateNotificationSettingsInput!) {
      updateNotificationSettings(input: $input) { groups { group mail } } }`;

    it('turns mail off per group, keeping the notifications; a late cancellation is mailed anyway', async () => {
      const { group, shift } = await walkWith(1);
      const [walker] = group.walkers;
      const before = await walker.client.ok(SETTINGS);
      expect(before.myNotificationSettings.mailEnabled).toBe(true);
      const walks = before.myNotificationSettings.groups.find(
        (setting: { group: string }) => setting.group === 'WALKS',
      );
      expect(walks).toMatchObject({ mail: true, alwaysMailed: ['SHIFT_CANCELLED'] });
      expect(walks.kinds).toContain('SIGNUP_CONFIRMED');
      const after = await walker.client.ok(UPDATE, {
        input: { groups: [{ group: 'WALKS', mail: false }] },
      });
      expect(after.updateNotificationSettings.groups).toContainEqual({
        group: 'WALKS',
        mail: false,
      });
      expect(after.updateNotificationSettings.groups).toContainEqual({
        group: 'GRANTS',
        mail: true,
      });
      await signUp(walker, shift.id);
      expect(
        await test.dataSource
          .getRepository(Notification)
          .countBy({ recipientPersonId: walker.person.id }),
      ).toBe(1);
      expect(
        await outbox().countBy({
          recipientPersonId: walker.person.id,
          notificationId: Not(IsNull()),
        }),
      ).toBe(0);
      // Cancelled more than a day ahead: no mail. Another walk cancelled within 24 hours: mailed.
      await test
        .get(ShiftPlanningService)
        .cancel(group.admin.actor, { shiftId: shift.id, reason: 'Storm' });
      expect(
        await outbox().countBy({
          recipientPersonId: walker.person.id,
          notificationId: Not(IsNull()),
        }),
      ).toBe(0);
      const soon = await test.factories.shift(group, {
        startsAt: new Date(test.clock.now().getTime() + 5 * 3600_000),
      });
      await signUp(walker, soon.id);
      await test
        .get(ShiftPlanningService)
        .cancel(group.admin.actor, { shiftId: soon.id, reason: 'Storm' });
      const mailed = await outbox().findBy({
        recipientPersonId: walker.person.id,
        notificationId: Not(IsNull()),
      });
      expect(mailed.map((mail) => mail.kind)).toEqual([NotificationKind.SHIFT_CANCELLED]);
      // Safety-critical mail has no unsubscribe link.
      expect(mailed[0].unsubscribeGroup).toBeNull();
      expect(mailed[0].textBody).not.toContain('/mail/unsubscribe');
    });

    it('mails a placement answer with placements turned off, but not a new request', async () => {
      const social = await test.factories.socialServices();
      const owner = await test.factories.organisation();
      const shelter = await test.factories.shelter(owner, { free: 2 });
      for (const person of [social, owner.admin]) {
        await person.client.ok(UPDATE, {
          input: { groups: [{ group: 'PLACEMENTS', mail: false }] },
        });
      }
      const placements = test.get(PlacementsService);
      const placement = await placements.request(social.actor, {
        shelterId: shelter.id,
        adults: 1,
        children: 0,
        needs: [],
        caseReference: 'IFO-2026-17',
      });
      await placements.respond(owner.admin.actor, { placementId: placement.id, accept: true });
      expect(
        (
          await outbox().findBy({
            recipientPersonId: owner.admin.person.id,
            notificationId: Not(IsNull()),
          })
        ).map((m) => m.kind),
      ).toEqual([]);
      expect(
        (
          await outbox().findBy({
            recipientPersonId: social.person.id,
            notificationId: Not(IsNull()),
          })
        ).map((m) => m.kind),
      ).toEqual([NotificationKind.PLACEMENT_ANSWERED]);
    });

    it('refuses an unknown group or the same group twice with BAD_USER_INPUT', async () => {
      const person = await test.factories.signedIn();
      expect(
        await person.client.code(UPDATE, { input: { groups: [{ group: 'NOPE', mail: false }] } }),
      ).toBe('BAD_USER_INPUT');
      expect(
        await person.client.code(UPDATE, {
          input: {
            groups: [
              { group: 'WALKS', mail: false },
              { group: 'WALKS', mail: true },
            ],
          },
        }),
      ).toBe('BAD_USER_INPUT');
      expect(await person.client.code(UPDATE, { input: { groups: [] } })).toBe('BAD_USER_INPUT');
      const settings = await person.client.ok(SETTINGS);
      expect(
        settings.myNotificationSettings.groups.every((setting: { mail: boolean }) => setting.mail),
      ).toBe(true);
    });

    it("turns a group off with the mail's one-click link (POST); opening it (GET) only asks", async () => {
      const { group, shift } = await walkWith(1);
      const [walker] = group.walkers;
      await signUp(walker, shift.id);
      await dispatch();
      const [mail] = sink.to(walker.person.email);
      const link = /<([^>]+)>/.exec(mail.header('list-unsubscribe') ?? '')![1];
      const path = link.replace(/^https?:\/\/[^/]+/, '');
      const page = await fetch(`${test.baseUrl}${path}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<form method="post"');
      const still = await walker.client.ok(SETTINGS);
      expect(still.myNotificationSettings.groups).toContainEqual(
        expect.objectContaining({ group: 'WALKS', mail: true }),
      );
      const done = await fetch(`${test.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(done.status).toBe(200);
      const now = await walker.client.ok(SETTINGS);
      expect(now.myNotificationSettings.groups).toContainEqual(
        expect.objectContaining({ group: 'WALKS', mail: false }),
      );
      // A forged or altered token changes nothing.
      const forged = path.replace(/WALKS\.[^.&]+$/, 'GRANTS.forged');
      expect((await fetch(`${test.baseUrl}${forged}`, { method: 'POST' })).status).toBe(404);
      const tampered = path.replace('WALKS', 'GRANTS');
      expect((await fetch(`${test.baseUrl}${tampered}`, { method: 'POST' })).status).toBe(404);
      const after = await walker.client.ok(SETTINGS);
      expect(after.myNotificationSettings.groups).toContainEqual(
        expect.objectContaining({ group: 'GRANTS', mail: true }),
      );
    });
  });

  describe('in the API', () => {
    const COUNT = `{ me { unreadNotificationCount } }`;
    const MINE = `{ myNotifications(first: 100) { edges { node { id kind readAt } } } }`;

    it('marks some or all notifications read, and counts the unread', async () => {
      const { group } = await walkWith(1);
      const [walker] = group.walkers;
      for (let index = 0; index < 3; index += 1) {
        const shift = await test.factories.shift(group, {
          startsAt: new Date(test.clock.now().getTime() + (index + 2) * 24 * 3600_000),
        });
        await signUp(walker, shift.id);
      }
      expect((await walker.client.ok(COUNT)).me.unreadNotificationCount).toBe(3);
      const ids = (await walker.client.ok(MINE)).myNotifications.edges.map(
        (edge: { node: { id: string } }) => edge.node.id,
      );
      const MARK = `mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { id readAt } }`;
      // Someone else's notification in the list: NOT_FOUND and nothing is marked.
      const stranger = await walkWith(1);
      await signUp(stranger.group.walkers[0], stranger.shift.id);
      const theirs = (await stranger.group.walkers[0].client.ok(MINE)).myNotifications.edges[0].node
        .id;
      expect(await walker.client.code(MARK, { input: { notificationIds: [ids[0], theirs] } })).toBe(
        'NOT_FOUND',
      );
      expect((await walker.client.ok(COUNT)).me.unreadNotificationCount).toBe(3);
      const marked = await walker.client.ok(MARK, { input: { notificationIds: ids.slice(0, 2) } });
      expect(marked.markNotificationsRead.map((n: { id: string }) => n.id)).toEqual(
        ids.slice(0, 2),
      );
      expect(marked.markNotificationsRead.every((n: { readAt: string | null }) => n.readAt)).toBe(
        true,
      );
      expect((await walker.client.ok(COUNT)).me.unreadNotificationCount).toBe(1);
      const all = await walker.client.ok(`mutation { markAllNotificationsRead }`);
      expect(all.markAllNotificationsRead).toBe(1);
      expect((await walker.client.ok(COUNT)).me.unreadNotificationCount).toBe(0);
      expect((await stranger.group.walkers[0].client.ok(COUNT)).me.unreadNotificationCount).toBe(1);
    });

    it('marks all read only up to an instant, so a newer one stays unread', async () => {
      const { group } = await walkWith(1);
      const [walker] = group.walkers;
      const first = await test.factories.shift(group);
      await signUp(walker, first.id);
      const upTo = new Date(test.clock.now().getTime() + 1000);
      test.clock.advance(60_000);
      const second = await test.factories.shift(group, {
        startsAt: new Date(test.clock.now().getTime() + 5 * 24 * 3600_000),
      });
      await signUp(walker, second.id);
      const marked = await walker.client.ok(
        `mutation($input: MarkAllNotificationsReadInput) { markAllNotificationsRead(input: $input) }`,
        { input: { upTo: upTo.toISOString() } },
      );
      expect(marked.markAllNotificationsRead).toBe(1);
      expect((await walker.client.ok(COUNT)).me.unreadNotificationCount).toBe(1);
    });

    it("shows the unread count only on one's own person", async () => {
      const { group } = await walkWith(1);
      const members = await group.admin.client.ok(
        `query($id: ID!) { organisation(id: $id) { members { person { id unreadNotificationCount } } } }`,
        { id: group.organisation.id },
      );
      const people = members.organisation.members.map(
        (member: { person: { id: string; unreadNotificationCount: number | null } }) =>
          member.person,
      );
      const other = people.find((person: { id: string }) => person.id !== group.admin.person.id);
      const self = people.find((person: { id: string }) => person.id === group.admin.person.id);
      expect(other.unreadNotificationCount).toBeNull();
      expect(self.unreadNotificationCount).toEqual(expect.any(Number));
    });
  });

  describe('messageShiftWalkers', () => {
    const MESSAGE = `mutation($input: MessageShiftWalkersInput!) {
      messageShiftWalkers(input: $input) { walkers copies shift { id } } }`;

    it('reaches the confirmed and the waitlisted, copies the coordinators, and is audited', async () => {
      const group = await test.factories.nightWalkGroup(3);
      const shift = await test.factories.shift(group, { minWalkers: 2, maxWalkers: 2 });
      const [a, b, c] = group.walkers;
      await signUp(a, shift.id);
      await signUp(b, shift.id);
      await c.client.ok(SIGN_UP, { input: { shiftId: shift.id, joinWaitlist: true } });
      await withLocale(c, Locale.en);
      const result = await group.coordinator.client.ok(MESSAGE, {
        input: { shiftId: shift.id, subject: 'Samling vid torget', body: 'Ta med reflexväst.' },
      });
      expect(result.messageShiftWalkers).toEqual({
        walkers: 3,
        copies: 2,
        shift: { id: shift.id },
      });
      const notices = await test.dataSource
        .getRepository(Notification)
        .findBy({ kind: NotificationKind.SHIFT_MESSAGE });
      const byPerson = new Map(
        notices.filter((n) => n.data.shiftId === shift.id).map((n) => [n.recipientPersonId, n]),
      );
      expect(byPerson.get(a.person.id)?.subject).toBe('Samling vid torget');
      expect(byPerson.get(a.person.id)?.body).toContain('Ta med reflexväst.');
      expect(byPerson.get(c.person.id)?.body).toMatch(/^Message from .* about the night walk/);
      expect(byPerson.get(group.coordinator.person.id)?.subject).toBe('Kopia: Samling vid torget');
      expect(byPerson.get(group.admin.person.id)?.subject).toBe('Kopia: Samling vid torget');
      expect(byPerson.size).toBe(5);
      const audit = await test.auditOf(shift.id);
      expect(audit.map((entry) => entry.action)).toContain('shift.messaged');
      const entry = audit.find((e) => e.action === 'shift.messaged')!;
      expect(entry.actorPersonId).toBe(group.coordinator.person.id);
      expect(JSON.stringify(entry.summary)).not.toContain('reflexväst');
    });

    it('refuses a personal identity number in the text, and a volunteer, changing nothing', async () => {
      const group = await test.factories.nightWalkGroup(2);
      const shift = await test.factories.shift(group);
      await signUp(group.walkers[0], shift.id);
      const count = () =>
        test.dataSource
          .getRepository(Notification)
          .countBy({ kind: NotificationKind.SHIFT_MESSAGE });
      const before = await count();
      const response = await group.coordinator.client.request(MESSAGE, {
        input: {
          shiftId: shift.id,
          subject: 'Om en person',
          body: 'Hen heter 19811218-9876, ring.',
        },
      });
      expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(
        await group.walkers[1].client.code(MESSAGE, {
          input: { shiftId: shift.id, subject: 'Hej', body: 'Hej allihop' },
        }),
      ).toBe('FORBIDDEN');
      const cancelled = await test.factories.shift(group);
      await test
        .get(ShiftPlanningService)
        .cancel(group.admin.actor, { shiftId: cancelled.id, reason: 'Storm' });
      expect(
        await group.coordinator.client.code(MESSAGE, {
          input: { shiftId: cancelled.id, subject: 'Hej', body: 'Hej allihop' },
        }),
      ).toBe('INVALID_STATE_TRANSITION');
      expect(await count()).toBe(before);
    });
  });

  it('names a coordinator role with a walk they do not coordinate: FORBIDDEN for another organisation', async () => {
    const mine = await test.factories.nightWalkGroup(1);
    const theirs = await test.factories.nightWalkGroup(1);
    const shift = await test.factories.shift(theirs);
    const coordinator = await test.factories.member(
      mine.organisation.id,
      mine.admin,
      MembershipRole.COORDINATOR,
    );
    expect(
      await coordinator.client.code(
        `mutation($input: MessageShiftWalkersInput!) { messageShiftWalkers(input: $input) { walkers } }`,
        { input: { shiftId: shift.id, subject: 'Hej', body: 'Hej allihop' } },
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('notifications without mail', () => {
  it('stores notifications, queues no mail, and says once at start-up that mail is off', async () => {
    const test = await TestApp.create();
    try {
      // This file's log: one app with mail on (above), this one without.
      expect(test.logs.lines.filter((line) => line.includes('Mail is off'))).toHaveLength(1);
      expect(test.logs.lines.filter((line) => line.includes('Mail is on'))).toHaveLength(1);
      const group = await test.factories.nightWalkGroup(1);
      const shift = await test.factories.shift(group);
      await group.walkers[0].client.ok(SIGN_UP, { input: { shiftId: shift.id } });
      expect(
        await test.dataSource
          .getRepository(Notification)
          .countBy({ recipientPersonId: group.walkers[0].person.id }),
      ).toBe(1);
      expect(await test.dataSource.getRepository(MailMessage).count()).toBe(0);
      expect(await test.get(MailDispatcher).dispatch()).toBe(0);
      const settings = await group.walkers[0].client.ok(
        `{ myNotificationSettings { mailEnabled } }`,
      );
      expect(settings.myNotificationSettings.mailEnabled).toBe(false);
    } finally {
      await test.close();
    }
  });
});

describe('docs/guides/notifications.md', () => {
  const section = readFileSync(join(__dirname, '..', 'docs', 'guides', 'notifications.md'), 'utf8');
  const examples = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);

  it('lists every kind with its group', () => {
    const rows = new Map(
      [...section.matchAll(/^\| `([A-Z_]+)` +\| ([A-Z]+) +\|/gm)].map((match) => [
        match[1],
        match[2],
      ]),
    );
    expect([...rows.keys()].sort()).toEqual(Object.values(NotificationKind).sort());
    for (const [kind, group] of rows) expect(group).toBe(GROUP_OF_KIND[kind as NotificationKind]);
  });

  it('runs its examples', async () => {
    const test = await TestApp.create({ env: { SMTP_URL: 'smtp://127.0.0.1:1', MAIL_FROM } });
    try {
      expect(examples).toHaveLength(4);
      const admin = await test.factories.admin();
      const group = await test.factories.nightWalkGroup(1);
      const shift = await test.factories.shift(group);
      await group.walkers[0].client.ok(SIGN_UP, { input: { shiftId: shift.id } });
      const [outboxQuery, mine, settings, nextWalkAndMessage] = examples;
      const message = nextWalkAndMessage.slice(nextWalkAndMessage.indexOf('mutation'));
      expect((await admin.client.ok(outboxQuery)).mailOutbox.totalCount).toBe(0);
      const read = await group.walkers[0].client.ok(mine);
      expect(read.me.unreadNotificationCount).toBe(1);
      expect(read.myNotifications.edges).toHaveLength(1);
      expect(
        (await group.walkers[0].client.ok(settings)).updateNotificationSettings.groups,
      ).toContainEqual({
        group: 'BOOKINGS',
        mail: false,
      });
      const sent = await group.coordinator.client.ok(message.replace('"…"', `"${shift.id}"`));
      expect(sent.messageShiftWalkers).toEqual({ walkers: 1, copies: 2 });
    } finally {
      await test.close();
    }
  });
});
