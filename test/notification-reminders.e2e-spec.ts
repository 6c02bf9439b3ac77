import { DateTime } from 'luxon';
import { TIME_ZONE } from '../src/common/time';
import { BookingJobsService } from '../src/modules/bookings';
import {
  CredentialJobsService,
  CredentialKind,
  CredentialsService,
} from '../src/modules/credentials';
import { GrantJobsService } from '../src/modules/grants';
import { NightWalkJobsService } from '../src/modules/night-walks';
import { MailMessage, Notification, NotificationKind } from '../src/modules/notifications';
import { MembershipsService } from '../src/modules/organisations';
import { Locale, Person } from '../src/modules/people';
import { SIGN_UP } from './support/documents';
import { TestApp } from './support/test-app';

const DAY = 24 * 3600_000;

/**
 * The reminders volunteers and staff asked for. Each job runs twice (one after the other, and two at
 * once): each reminder is stored once, however often or wherever it runs.
 */
describe('reminders and notices from scheduled jobs', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create({
      env: { SMTP_URL: 'smtp://127.0.0.1:1', MAIL_FROM: 'samverkan@example.se' },
    });
  });

  afterAll(() => test.close());
  afterEach(() => test.clock.reset());

  const notices = (kind: NotificationKind) =>
    test.dataSource
      .getRepository(Notification)
      .find({ where: { kind }, order: { createdAt: 'ASC' } });

  /** Runs the job once, then twice at the same moment; returns what each run reported. */
  async function runThrice(job: () => Promise<number>): Promise<number[]> {
    const first = await job();
    const parallel = await Promise.all([job(), job()]);
    return [first, ...parallel];
  }

  describe('a credential running out', () => {
    it('reminds the holder and their admins 30 and 7 days before, once each; never naming a protected holder', async () => {
      const owner = await test.factories.organisation({ name: 'Nattvandrarna Kronogården' });
      const open = await test.factories.member(owner.organisation.id, owner.admin, undefined, {
        displayName: 'Alva Öppen',
      });
      const hidden = await test.factories.member(owner.organisation.id, owner.admin, undefined, {
        displayName: 'Hemlig Person',
        protectedIdentity: true,
      });
      await test.dataSource.getRepository(Person).update(hidden.person.id, { locale: Locale.en });
      const credentials = test.get(CredentialsService);
      const validUntil = DateTime.fromJSDate(test.clock.now(), { zone: TIME_ZONE })
        .plus({ days: 20 })
        .toISODate()!;
      // Recorded by the admin: verified at once.
      for (const member of [open, hidden]) {
        await credentials.add(owner.admin.actor, {
          organisationId: owner.organisation.id,
          personId: member.person.id,
          kind: CredentialKind.POLICE_RECORD_CHECK,
          validUntil,
        });
      }
      const job = () => test.get(CredentialJobsService).sendExpiryReminders();
      expect((await runThrice(job)).reduce((a, b) => a + b)).toBe(2);
      const mine = async () =>
        (await notices(NotificationKind.CREDENTIAL_EXPIRING)).filter((notice) =>
          [open.person.id, hidden.person.id].includes(notice.data.personId as string),
        );
      let sent = await mine();
      expect(sent).toHaveLength(4); // each holder, and the admin about each
      const toAdmin = sent.filter((n) => n.recipientPersonId === owner.admin.person.id);
      expect(toAdmin.map((n) => n.body).join('\n')).toContain('Alva Öppen');
      expect(toAdmin.map((n) => n.body).join('\n')).not.toContain('Hemlig Person');
      expect(toAdmin.map((n) => n.body).join('\n')).toContain('en medlem med skyddad identitet');
      const toHidden = sent.find((n) => n.recipientPersonId === hidden.person.id)!;
      expect(toHidden.subject).toMatch(/^Your police record check runs out on \d+ \w+ \d{4}$/);
      expect(sent.every((n) => n.data.daysBefore === 30)).toBe(true);
      // Two weeks on, six days left: the 7-day reminder, once.
      test.clock.advance(14 * DAY);
      expect((await runThrice(job)).reduce((a, b) => a + b)).toBe(2);
      sent = await mine();
      expect(sent).toHaveLength(8);
      expect(sent.filter((n) => n.data.daysBefore === 7)).toHaveLength(4);
      // Mail queued with each (mail is on in this app).
      expect(
        await test.dataSource.getRepository(MailMessage).countBy({
          recipientPersonId: hidden.person.id,
          kind: NotificationKind.CREDENTIAL_EXPIRING,
        }),
      ).toBe(2);
    });

    it('says nothing when a later credential of the kind covers the holder, or they left', async () => {
      const owner = await test.factories.organisation();
      const member = await test.factories.member(owner.organisation.id, owner.admin);
      const leaver = await test.factories.member(owner.organisation.id, owner.admin);
      const credentials = test.get(CredentialsService);
      const today = DateTime.fromJSDate(test.clock.now(), { zone: TIME_ZONE });
      const record = (personId: string, days: number) =>
        credentials.add(owner.admin.actor, {
          organisationId: owner.organisation.id,
          personId,
          kind: CredentialKind.FIRST_AID,
          validUntil: today.plus({ days }).toISODate()!,
        });
      await record(member.person.id, 5);
      await record(member.person.id, 400);
      await record(leaver.person.id, 5);
      await test
        .get(MembershipsService)
        .leave(leaver.actor, { organisationId: owner.organisation.id });
      const other = await test.factories.member(owner.organisation.id, owner.admin);
      await record(other.person.id, 5);
      await test.get(CredentialJobsService).sendExpiryReminders();
      const about = (await notices(NotificationKind.CREDENTIAL_EXPIRING)).map(
        (notice) => notice.data.personId,
      );
      expect(about).not.toContain(member.person.id);
      expect(about).not.toContain(leaver.person.id);
      // …while a member whose only one runs out is reminded (so the query itself works).
      expect(about).toContain(other.person.id);
    });
  });

  describe('a follow-up report overdue', () => {
    it('reminds the admins the day after it was due, then weekly until it is in', async () => {
      const programme = await test.factories.grantProgramme();
      const owner = await test.factories.organisation();
      const application = await test.factories.grantApplication(programme, owner);
      await test.factories.decideGrant(application.id, 2_000_000);
      const due = programme.followUpDueAt.getTime();
      const job = () => test.get(GrantJobsService).sendOverdueFollowUpReminders();
      const count = async () =>
        (await notices(NotificationKind.FOLLOW_UP_OVERDUE)).filter(
          (notice) => notice.data.applicationId === application.id,
        ).length;
      test.clock.set(new Date(due + DAY / 2));
      await runThrice(job);
      expect(await count()).toBe(0); // due, not yet a day late
      test.clock.set(new Date(due + DAY + 3600_000));
      await runThrice(job);
      expect(await count()).toBe(1);
      test.clock.set(new Date(due + 5 * DAY));
      await runThrice(job);
      expect(await count()).toBe(1); // the same week
      test.clock.set(new Date(due + 8 * DAY + 3600_000));
      await runThrice(job);
      expect(await count()).toBe(2);
      const [latest] = (await notices(NotificationKind.FOLLOW_UP_OVERDUE)).slice(-1);
      expect(latest.recipientPersonId).toBe(owner.admin.person.id);
      expect(latest.body).toContain(programme.name);
      expect(latest.body).toContain(
        DateTime.fromJSDate(programme.followUpDueAt, { zone: TIME_ZONE })
          .setLocale('sv')
          .toFormat('d LLLL yyyy'),
      );
      await test.factories.followUpReport(owner, application.id, 2_000_000, { approve: false });
      test.clock.set(new Date(due + 15 * DAY + 3600_000));
      await runThrice(job);
      expect(await count()).toBe(2); // submitted: in
    });
  });

  describe('a booking request unanswered', () => {
    it("reminds the owner's admins after 48 hours, once per request", async () => {
      const owner = await test.factories.organisation();
      const resource = await test.factories.resource({ owner, requiresApproval: true });
      const booker = await test.factories.organisation();
      const booking = await test.factories.booking(resource, booker, {
        startsAt: new Date(test.clock.now().getTime() + 10 * DAY),
      });
      const job = () => test.get(BookingJobsService).remindUnanswered();
      const about = async () =>
        (await notices(NotificationKind.BOOKING_UNANSWERED)).filter((notice) =>
          (notice.data.bookingIds as string[]).includes(booking.id),
        );
      test.clock.advance(47 * 3600_000);
      await runThrice(job);
      expect(await about()).toEqual([]);
      test.clock.advance(2 * 3600_000);
      await runThrice(job);
      const sent = await about();
      expect(sent.map((n) => n.recipientPersonId)).toEqual([owner.admin.person.id]);
      expect(sent[0].subject).toBe(`Obesvarad bokningsförfrågan: ${resource.name}`);
      test.clock.advance(3 * DAY);
      await runThrice(job);
      expect(await about()).toHaveLength(1);
    });
  });

  describe('a walk below its minimum at its signup deadline', () => {
    it('tells its coordinators once, and not about a walk that filled up', async () => {
      const group = await test.factories.nightWalkGroup(3);
      const startsAt = new Date(test.clock.now().getTime() + 2 * DAY);
      const deadline = new Date(startsAt.getTime() - DAY);
      const thin = await test.factories.shift(group, {
        startsAt,
        signupDeadline: deadline,
        minWalkers: 3,
      });
      const full = await test.factories.shift(group, {
        startsAt: new Date(startsAt.getTime() + DAY),
        signupDeadline: deadline,
        minWalkers: 2,
      });
      await group.walkers[0].client.ok(SIGN_UP, { input: { shiftId: thin.id } });
      for (const walker of group.walkers.slice(1)) {
        await walker.client.ok(SIGN_UP, { input: { shiftId: full.id } });
      }
      const job = () => test.get(NightWalkJobsService).warnUnderstaffed();
      const about = async (shiftId: string) =>
        (await notices(NotificationKind.WALK_UNDERSTAFFED)).filter(
          (notice) => notice.data.shiftId === shiftId,
        );
      await runThrice(job);
      expect(await about(thin.id)).toEqual([]); // before the deadline
      test.clock.set(new Date(deadline.getTime() + 60_000));
      await runThrice(job);
      const sent = await about(thin.id);
      expect(sent.map((n) => n.recipientPersonId).sort()).toEqual(
        [group.admin.person.id, group.coordinator.person.id].sort(),
      );
      expect(sent[0].body).toContain('1 av minst 3 vandrare');
      expect(sent[0].body).toMatch(/Bekräfta .* ställ in/);
      expect(await about(full.id)).toEqual([]);
    });
  });

  it('writes a reminder sent later by a job in the language the person has then', async () => {
    const group = await test.factories.nightWalkGroup(1);
    const [walker] = group.walkers;
    const shift = await test.factories.shift(group, {
      startsAt: new Date(test.clock.now().getTime() + 3 * DAY),
    });
    await walker.client.ok(SIGN_UP, { input: { shiftId: shift.id } });
    await walker.client.ok(`mutation { updateProfile(input: { locale: en }) { id } }`);
    test.clock.advance(2 * DAY + 3600_000);
    await test.get(NightWalkJobsService).sendReminders();
    const reminder = (await notices(NotificationKind.SHIFT_REMINDER)).find(
      (notice) => notice.recipientPersonId === walker.person.id,
    )!;
    expect(reminder.subject).toBe('Reminder: night walk within a day');
    const mail = await test.dataSource
      .getRepository(MailMessage)
      .findOneByOrFail({ notificationId: reminder.id });
    expect(mail.textBody).toContain('The night walk starts');
    expect(mail.htmlBody).toContain('lang="en"');
  });
});
