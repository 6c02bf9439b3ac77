import { DateTime } from 'luxon';
import { SystemRole } from '../src/common/actor';
import { BookingJobsService } from '../src/modules/bookings';
import { CredentialJobsService } from '../src/modules/credentials';
import { GrantJobsService } from '../src/modules/grants';
import { NightWalkJobsService, Shift } from '../src/modules/night-walks';
import {
  AccountMailKind,
  MailMessage,
  Notification,
  NotificationGroup,
  NotificationKind,
} from '../src/modules/notifications';
import {
  ALWAYS_MAILED_KINDS,
  GROUP_OF_KIND,
  LATE_CANCELLATION_HOURS,
} from '../src/modules/notifications/notification-groups';
import {
  Membership,
  MembershipRole,
  MembershipStatus,
  OrganisationKind,
} from '../src/modules/organisations';
import { Person } from '../src/modules/people';
import { PlacementRequest, Shelter, ShelterJobsService } from '../src/modules/shelters';
import {
  ADD_CREDENTIAL,
  CANCEL_SHIFT,
  CANCEL_SIGNUP,
  DECIDE_GRANT_APPLICATION,
  RECORD_DISBURSEMENT,
  RETURN_FOLLOW_UP_REPORT,
  SIGN_UP,
  SUBMIT_FOLLOW_UP_REPORT,
} from './support/documents';
import { PersonOptions, SignedIn } from './support/factories';
import { TestApp } from './support/test-app';

const ZONE = 'Europe/Stockholm';
/** A fixed Wednesday morning, far from a daylight-saving change: nothing depends on the run. */
const T0 = DateTime.fromISO('2027-01-13T09:00', { zone: ZONE }).toJSDate();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (offset: number) => new Date(T0.getTime() + offset);
/** A Stockholm date `days` after T0, as credentials take it. */
const dateIn = (days: number) =>
  DateTime.fromJSDate(T0, { zone: ZONE }).plus({ days }).toISODate() as string;

const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`;
const MAIL_SETTINGS = `mutation($input: UpdateNotificationSettingsInput!) {
  updateNotificationSettings(input: $input) { mailEnabled } }`;
const MESSAGE_WALKERS = `mutation($input: MessageShiftWalkersInput!) {
  messageShiftWalkers(input: $input) { walkers copies } }`;
const BOOK = `mutation($input: BookResourceInput!) { bookResource(input: $input) { id status } }`;
const APPROVE_BOOKING = `mutation($input: BookingIdInput!) { approveBooking(input: $input) { id } }`;
const REJECT_BOOKING = `mutation($input: RejectBookingInput!) { rejectBooking(input: $input) { id } }`;
const CANCEL_BOOKING = `mutation($input: CancelBookingInput!) { cancelBooking(input: $input) { id } }`;
const CREATE_BLACKOUT = `mutation($input: CreateBlackoutInput!) {
  createBlackout(input: $input) { affectedBookings { id } } }`;
const REQUEST_PLACEMENT = `mutation($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`;
const RESPOND = `mutation($input: RespondToPlacementInput!) { respondToPlacement(input: $input) { status } }`;
const CONFIRM_PLACEMENT = `mutation($input: PlacementIdInput!) { confirmPlacement(input: $input) { status } }`;
const CANCEL_PLACEMENT = `mutation($input: CancelPlacementInput!) { cancelPlacement(input: $input) { status } }`;

/** One stored text: a notification (subject, body, data) or its mail (subject, text, HTML). */
interface CrawledRow {
  source: 'notification' | 'mail';
  id: string;
  kind: string;
  recipientPersonId: string | null;
  fields: [name: string, text: string][];
}

/** What must not be written where: read from the database, not from what this test made. */
interface Secrets {
  /** People with protected identity and the strings that would name them. */
  protectedPeople: { id: string; needles: string[] }[];
  /** Each placement's case reference and its distinctive part. */
  caseReferences: { placementId: string; needles: string[] }[];
  shelters: { id: string; organisationId: string; needles: string[] }[];
  /** Organisation id → its ACTIVE members. */
  activeMembers: Map<string, Set<string>>;
}

interface Leak {
  rowId: string;
  rule: 'protected name' | 'case reference' | 'shelter name';
  message: string;
}

function decodeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function normalised(text: string): string {
  return decodeHtml(text).normalize('NFC').toLocaleLowerCase('sv');
}

/** The whole string and each of its words of four letters or more (a first name alone leaks too). */
function needlesOf(text: string): string[] {
  const words = text.split(/[\s-]+/).filter((word) => word.length >= 4);
  return [...new Set([text, ...words])];
}

function crawlRows(notifications: Notification[], mails: MailMessage[]): CrawledRow[] {
  return [
    ...notifications.map((n): CrawledRow => ({
      source: 'notification',
      id: n.id,
      kind: n.kind,
      recipientPersonId: n.recipientPersonId,
      fields: [
        ['subject', n.subject],
        ['body', n.body],
        ['data', JSON.stringify(n.data)],
      ],
    })),
    ...mails.map((m): CrawledRow => ({
      source: 'mail',
      id: m.id,
      kind: m.kind,
      recipientPersonId: m.recipientPersonId,
      fields: [
        ['subject', m.subject],
        ['textBody', m.textBody],
        ['htmlBody', m.htmlBody],
      ],
    })),
  ];
}

/** Every place a protected name, a case reference or a shelter name is written where it may not be. */
function leaksIn(rows: readonly CrawledRow[], secrets: Secrets): Leak[] {
  const leaks: Leak[] = [];
  for (const row of rows) {
    const where = `${row.source} ${row.kind} ${row.id} to ${row.recipientPersonId}`;
    for (const [field, raw] of row.fields) {
      const text = normalised(raw);
      const found = (needles: string[]) =>
        needles.find((needle) => text.includes(normalised(needle)));
      for (const person of secrets.protectedPeople) {
        if (person.id === row.recipientPersonId) continue;
        const needle = found(person.needles);
        if (needle) {
          leaks.push({
            rowId: row.id,
            rule: 'protected name',
            message: `${where}: ${field} names protected person ${person.id} ("${needle}")`,
          });
        }
      }
      for (const reference of secrets.caseReferences) {
        const needle = found(reference.needles);
        if (needle) {
          leaks.push({
            rowId: row.id,
            rule: 'case reference',
            message: `${where}: ${field} holds the case reference of ${reference.placementId} ("${needle}")`,
          });
        }
      }
      for (const shelter of secrets.shelters) {
        if (secrets.activeMembers.get(shelter.organisationId)?.has(row.recipientPersonId ?? ''))
          continue;
        const needle = found(shelter.needles);
        if (needle) {
          leaks.push({
            rowId: row.id,
            rule: 'shelter name',
            message: `${where}: ${field} names shelter ${shelter.id} outside its organisation ("${needle}")`,
          });
        }
      }
    }
  }
  return leaks;
}

/**
 * A crawl over every notification kind: no protected person's name in anyone else's notification
 * or mail, no case reference anywhere, no shelter name outside its organisation. One world in
 * which people with protected identity take part in every flow that could name a person (walkers,
 * coordinators, credential holders, admins, bookers, applicants, officers, social services and
 * shelter staff), every kind triggered through the real services and jobs, then every stored
 * notification and every mail in the outbox read back.
 */
describe('notifications and mail: a privacy crawl over every kind', () => {
  let test: TestApp;
  let notifications: Notification[];
  let mails: MailMessage[];
  let rows: CrawledRow[];
  let secrets: Secrets;
  /** The people of the world, by role. */
  const cast = {} as Record<
    | 'walkAdmin'
    | 'walkAdmin2'
    | 'coordinator'
    | 'walker1'
    | 'walker2'
    | 'namedWalker'
    | 'quietWalker'
    | 'bookerAdmin'
    | 'booker'
    | 'jourAdmin'
    | 'jourCoordinator'
    | 'jour2Admin'
    | 'grantAdmin'
    | 'grantAdmin2'
    | 'returnedAdmin'
    | 'social1'
    | 'social2'
    | 'officer1'
    | 'officer2',
    SignedIn
  >;
  const placements: Record<string, string> = {};
  const shelterNames = ['Kornknarren Vitsippa', 'Lärkträdet Blåklocka'];

  beforeAll(async () => {
    test = await TestApp.create({
      env: { SMTP_URL: 'smtp://127.0.0.1:1', MAIL_FROM: 'Samverkan <samverkan@example.se>' },
    });
    test.clock.set(T0);
    await buildWorldAndTriggerEveryKind();
    notifications = await test.dataSource.getRepository(Notification).find();
    mails = await test.dataSource.getRepository(MailMessage).find();
    rows = crawlRows(notifications, mails);
    secrets = await secretsInDatabase();
  });

  afterAll(async () => {
    await test.close();
  });

  const person = (displayName: string, options: PersonOptions = {}) =>
    test.factories.signedIn({ displayName, ...options });
  const secret = (displayName: string, options: PersonOptions = {}) =>
    person(displayName, { ...options, protectedIdentity: true });
  const member = (
    organisationId: string,
    admin: SignedIn,
    role: MembershipRole,
    displayName: string,
    protectedIdentity = false,
  ) => test.factories.member(organisationId, admin, role, { displayName, protectedIdentity });

  async function buildWorldAndTriggerEveryKind(): Promise<void> {
    const f = test.factories;
    const iso = (date: Date) => date.toISOString();

    // A night-walk group: a plain admin, a protected second admin, a protected coordinator,
    // two protected walkers and two plain ones.
    cast.walkAdmin = await person('Astrid Lindqvist');
    const walks = await f.organisation({
      kind: OrganisationKind.NIGHT_WALK_GROUP,
      admin: cast.walkAdmin,
    });
    const w = walks.organisation.id;
    cast.walkAdmin2 = await member(
      w,
      cast.walkAdmin,
      MembershipRole.ORG_ADMIN,
      'Tindra Vallgrenius',
      true,
    );
    cast.coordinator = await member(
      w,
      cast.walkAdmin,
      MembershipRole.COORDINATOR,
      'Zelmira Quistorp',
      true,
    );
    cast.walker1 = await member(
      w,
      cast.walkAdmin,
      MembershipRole.VOLUNTEER,
      'Ylvali Brandtberg',
      true,
    );
    cast.walker2 = await member(
      w,
      cast.walkAdmin,
      MembershipRole.VOLUNTEER,
      'Xenia Vingqvist',
      true,
    );
    cast.namedWalker = await member(w, cast.walkAdmin, MembershipRole.VOLUNTEER, 'Nils Holgersson');
    cast.quietWalker = await member(w, cast.walkAdmin, MembershipRole.VOLUNTEER, 'Karl Oskarsson');

    // A group booking resources, through its protected coordinator.
    cast.bookerAdmin = await person('Britt Bokström');
    const bookers = await f.organisation({ admin: cast.bookerAdmin });
    cast.booker = await member(
      bookers.organisation.id,
      cast.bookerAdmin,
      MembershipRole.COORDINATOR,
      'Majvor Fjällbrink',
      true,
    );

    // Two women's shelters' organisations, each with a shelter; protected staff in both.
    cast.jourAdmin = await person('Jenny Jourdal');
    const jour = await f.organisation({
      kind: OrganisationKind.WOMENS_SHELTER,
      admin: cast.jourAdmin,
    });
    cast.jourCoordinator = await member(
      jour.organisation.id,
      cast.jourAdmin,
      MembershipRole.COORDINATOR,
      'Gunvor Sjöstjärna',
      true,
    );
    cast.jour2Admin = await secret('Hedvig Lodbrok');
    const jour2 = await f.organisation({
      kind: OrganisationKind.WOMENS_SHELTER,
      admin: cast.jour2Admin,
    });
    const shelter = await f.shelter(jour, { displayName: shelterNames[0], free: 6 });
    const shelter2 = await f.shelter(jour2, { displayName: shelterNames[1], free: 6 });

    // Two associations applying for grants: one through a protected second admin.
    cast.grantAdmin = await person('Greta Garbosson');
    const grantees = await f.organisation({ admin: cast.grantAdmin });
    cast.grantAdmin2 = await member(
      grantees.organisation.id,
      cast.grantAdmin,
      MembershipRole.ORG_ADMIN,
      'Elvira Trolleholm',
      true,
    );
    cast.returnedAdmin = await person('Gösta Andersson');
    const returned = await f.organisation({ admin: cast.returnedAdmin });

    // Municipal staff, one of each protected.
    cast.social1 = await secret('Ronja Mattisdotter', { systemRole: SystemRole.SOCIAL_SERVICES });
    cast.social2 = await person('Sixten Sparre', { systemRole: SystemRole.SOCIAL_SERVICES });
    cast.officer1 = await secret('Idun Kvarnström', { systemRole: SystemRole.MUNICIPAL_OFFICER });
    cast.officer2 = await person('Olle Officersson', { systemRole: SystemRole.MUNICIPAL_OFFICER });

    // Both languages, and mail turned off for a group by a few (who still get what is critical).
    for (const who of [
      cast.walkAdmin2,
      cast.walker2,
      cast.jourAdmin,
      cast.officer2,
      cast.returnedAdmin,
    ]) {
      await who.client.ok(UPDATE_PROFILE, { input: { locale: 'en' } });
    }
    for (const [who, group] of [
      [cast.quietWalker, NotificationGroup.WALKS],
      [cast.grantAdmin2, NotificationGroup.GRANTS],
      [cast.social2, NotificationGroup.PLACEMENTS],
    ] as const) {
      await who.client.ok(MAIL_SETTINGS, { input: { groups: [{ group, mail: false }] } });
    }

    // CREDENTIAL_EXPIRING: a plain walker (named to the admins), a protected walker and the
    // protected second admin (not named), and one inside the last week.
    const credential = async (holder: SignedIn, validUntil: string) =>
      cast.walkAdmin.client.ok(ADD_CREDENTIAL, {
        input: {
          organisationId: w,
          personId: holder.person.id,
          kind: 'POLICE_RECORD_CHECK',
          validUntil,
        },
      });
    await credential(cast.namedWalker, dateIn(20));
    await credential(cast.walker1, dateIn(20));
    await credential(cast.walkAdmin2, dateIn(20));
    await credential(cast.quietWalker, dateIn(5));
    expect(await test.get(CredentialJobsService).sendExpiryReminders()).toBe(4);

    // Night walks.
    const district = await f.district();
    const shift = (startsAt: Date, options: Partial<Parameters<typeof f.shift>[1]> = {}) =>
      f.shift(walks, { districtId: district.id, startsAt, minWalkers: 2, ...options });
    const signUp = async (who: SignedIn, shiftId: string, joinWaitlist = false) =>
      (await who.client.ok(SIGN_UP, { input: { shiftId, joinWaitlist } })).signUpForShift;
    // SIGNUP_CONFIRMED, PROMOTED_FROM_WAITLIST, SHIFT_MESSAGE, later SHIFT_REMINDER.
    const full = await shift(at(30 * HOUR), { maxWalkers: 2, meetingPoint: 'Kronogårdstorget' });
    await signUp(cast.walker1, full.id);
    const leaving = await signUp(cast.namedWalker, full.id);
    expect((await signUp(cast.walker2, full.id, true)).status).toBe('WAITLISTED');
    await cast.namedWalker.client.ok(CANCEL_SIGNUP, { input: { signupId: leaving.id } });
    const { messageShiftWalkers } = await cast.coordinator.client.ok(MESSAGE_WALKERS, {
      input: {
        shiftId: full.id,
        subject: 'Samling',
        body: 'Vi ses vid torget, ta med reflexväst.',
      },
    });
    expect(messageShiftWalkers).toEqual({ walkers: 2, copies: 3 });
    // SHIFT_CANCELLED, days ahead (mail as settings say) and within 24 hours (mailed anyway).
    for (const startsAt of [at(3 * DAY), at(10 * HOUR)]) {
      const cancelled = await shift(startsAt);
      await signUp(cast.quietWalker, cancelled.id);
      await signUp(startsAt < at(DAY) ? cast.walker2 : cast.walker1, cancelled.id);
      await cast.coordinator.client.ok(CANCEL_SHIFT, {
        input: { shiftId: cancelled.id, reason: 'För få ledare i kväll' },
      });
    }
    // WALK_UNDERSTAFFED, once its signup deadline has passed.
    const thin = await shift(at(4 * DAY), { minWalkers: 3, signupDeadline: at(HOUR) });
    await signUp(cast.namedWalker, thin.id);

    // Bookings of a municipal room (officers answer) and of the night-walk group's van (its admins).
    const room = await f.resource({ requiresApproval: true, name: 'Samlingssalen Folkets hus' });
    const van = await f.resource({
      requiresApproval: true,
      name: 'Nattvandrarbussen',
      owner: walks,
    });
    const book = async (resourceId: string, startsAt: Date) =>
      (
        await cast.booker.client.ok(BOOK, {
          input: {
            resourceId,
            organisationId: bookers.organisation.id,
            startsAt: iso(startsAt),
            endsAt: iso(new Date(startsAt.getTime() + 2 * HOUR)),
            purpose: 'Styrelsemöte',
          },
        })
      ).bookResource;
    const approved = await book(room.id, at(7 * DAY));
    expect(approved.status).toBe('REQUESTED');
    await cast.officer2.client.ok(APPROVE_BOOKING, { input: { bookingId: approved.id } });
    const rejected = await book(room.id, at(8 * DAY));
    await cast.officer1.client.ok(REJECT_BOOKING, {
      input: { bookingId: rejected.id, reason: 'Salen används för valet' },
    });
    const cancelled = await book(room.id, at(9 * DAY));
    await cast.officer1.client.ok(APPROVE_BOOKING, { input: { bookingId: cancelled.id } });
    await cast.officer2.client.ok(CANCEL_BOOKING, {
      input: { bookingId: cancelled.id, reason: 'Vattenskada' },
    });
    const blackedOut = await book(room.id, at(10 * DAY));
    await cast.officer2.client.ok(APPROVE_BOOKING, { input: { bookingId: blackedOut.id } });
    const { createBlackout } = await cast.officer1.client.ok(CREATE_BLACKOUT, {
      input: {
        resourceId: room.id,
        startsAt: iso(at(10 * DAY - HOUR)),
        endsAt: iso(at(10 * DAY + 5 * HOUR)),
        reason: 'Renovering',
      },
    });
    expect(createBlackout.affectedBookings).toEqual([{ id: blackedOut.id }]);
    const vanTrip = await book(van.id, at(7 * DAY));
    await cast.walkAdmin2.client.ok(APPROVE_BOOKING, { input: { bookingId: vanTrip.id } });
    // BOOKING_UNANSWERED and BOOKING_EXPIRED come later from this one.
    await book(room.id, at(3 * DAY));

    // Placement requests with distinctive case references, every way through.
    let sequence = 0;
    const request = async (asker: SignedIn, shelterId: string) => {
      sequence += 1;
      const caseReference = `KASUS-ZQ${4700 + sequence}-TH`;
      const { requestPlacement } = await asker.client.ok(REQUEST_PLACEMENT, {
        input: { shelterId, adults: 1, children: 0, caseReference },
      });
      placements[caseReference] = requestPlacement.id;
      return requestPlacement.id as string;
    };
    const respond = (who: SignedIn, placementId: string, accept: boolean, reason?: string) =>
      who.client.ok(RESPOND, { input: { placementId, accept, reason } });
    const confirm = (who: SignedIn, placementId: string) =>
      who.client.ok(CONFIRM_PLACEMENT, { input: { placementId } });
    const cancel = (who: SignedIn, placementId: string) =>
      who.client.ok(CANCEL_PLACEMENT, { input: { placementId, reason: 'Löst på annat sätt' } });
    // Accepted by the shelter, confirmed by social services (PLACEMENT_CONFIRMED to the shelter).
    const p1 = await request(cast.social1, shelter.id);
    await respond(cast.jourCoordinator, p1, true);
    await confirm(cast.social1, p1);
    // Accepted and confirmed by the shelter (PLACEMENT_CONFIRMED to social services).
    const p2 = await request(cast.social1, shelter.id);
    await respond(cast.jourAdmin, p2, true);
    await confirm(cast.jourCoordinator, p2);
    // Declined (PLACEMENT_ANSWERED without a hold, mailed even with placements mail off).
    const p3 = await request(cast.social2, shelter.id);
    await respond(cast.jourCoordinator, p3, false, 'Inga platser för den målgruppen nu');
    // Withdrawn by social services, and by the shelter after accepting.
    await cancel(cast.social1, await request(cast.social1, shelter.id));
    const p5 = await request(cast.social2, shelter.id);
    await respond(cast.jourAdmin, p5, true);
    await cancel(cast.jourAdmin, p5);
    // Accepted and left unconfirmed: PLACEMENT_EXPIRED later.
    await respond(cast.jourCoordinator, await request(cast.social1, shelter.id), true);
    // The other organisation's shelter.
    const p7 = await request(cast.social2, shelter2.id);
    await respond(cast.jour2Admin, p7, true);
    await confirm(cast.social2, p7);

    // Grants: decided by a protected officer, paid, a follow-up report returned, reminders.
    const programme = await f.grantProgramme({
      fiscalYear: 2027,
      opensAt: at(-HOUR),
      closesAt: at(2 * DAY),
      followUpDueAt: at(3 * DAY),
    });
    const application = await f.grantApplication(programme, {
      organisation: grantees.organisation,
      admin: cast.grantAdmin2,
    });
    await cast.officer1.client.ok(DECIDE_GRANT_APPLICATION, {
      input: {
        applicationId: application.id,
        awardedAmount: 3_000_000,
        motivation: 'Delvis beviljad inom ramen',
      },
    });
    await cast.officer2.client.ok(RECORD_DISBURSEMENT, {
      input: {
        applicationId: application.id,
        amount: 1_000_000,
        paidAt: iso(test.clock.now()),
        reference: 'UB 2027-0042',
      },
    });
    const second = await f.grantApplication(programme, {
      organisation: returned.organisation,
      admin: cast.returnedAdmin,
    });
    await cast.officer2.client.ok(DECIDE_GRANT_APPLICATION, {
      input: { applicationId: second.id, awardedAmount: 5_000_000 },
    });
    const { submitFollowUpReport } = await cast.returnedAdmin.client.ok(SUBMIT_FOLLOW_UP_REPORT, {
      input: {
        applicationId: second.id,
        outcomes: 'Läxhjälp varje vecka.',
        amountSpent: 4_000_000,
      },
    });
    await cast.officer1.client.ok(RETURN_FOLLOW_UP_REPORT, {
      input: { reportId: submitFollowUpReport.id, reason: 'Redovisa kostnaderna per aktivitet' },
    });
    const grantJobs = test.get(GrantJobsService);
    expect(await grantJobs.sendFollowUpReminders()).toBe(2);

    // The jobs, as the clock moves on.
    const walkJobs = test.get(NightWalkJobsService);
    test.clock.set(at(2 * HOUR));
    expect(await walkJobs.warnUnderstaffed()).toBe(1);
    test.clock.set(at(5 * HOUR));
    expect(await test.get(ShelterJobsService).expireHolds()).toBe(1);
    test.clock.set(at(7 * HOUR));
    expect(await walkJobs.sendReminders()).toBe(2);
    const bookingJobs = test.get(BookingJobsService);
    test.clock.set(at(49 * HOUR));
    expect(await bookingJobs.remindUnanswered()).toBe(1);
    test.clock.set(at(3 * DAY + MINUTE));
    expect(await bookingJobs.expireRequests()).toBe(1);
    test.clock.set(at(4 * DAY + HOUR));
    expect(await grantJobs.sendOverdueFollowUpReminders()).toBe(2);
  }

  async function secretsInDatabase(): Promise<Secrets> {
    const people = await test.dataSource
      .getRepository(Person)
      .find({ where: { protectedIdentity: true } });
    const requests = await test.dataSource.getRepository(PlacementRequest).find();
    const shelters = await test.dataSource.getRepository(Shelter).find();
    const memberships = await test.dataSource
      .getRepository(Membership)
      .findBy({ status: MembershipStatus.ACTIVE });
    const activeMembers = new Map<string, Set<string>>();
    for (const membership of memberships) {
      if (!membership.personId) continue;
      const members = activeMembers.get(membership.organisationId) ?? new Set<string>();
      members.add(membership.personId);
      activeMembers.set(membership.organisationId, members);
    }
    return {
      protectedPeople: people.map((p) => ({
        id: p.id,
        needles: [...needlesOf(p.displayName), p.email],
      })),
      caseReferences: requests.map((r) => ({
        placementId: r.id,
        needles: [r.caseReference, r.caseReference.split('-')[1]],
      })),
      shelters: shelters.map((s) => ({
        id: s.id,
        organisationId: s.organisationId,
        needles: needlesOf(s.displayName),
      })),
      activeMembers,
    };
  }

  const kindsOf = (list: readonly { kind: string }[]) =>
    [...new Set(list.map((row) => row.kind))].sort();
  const noticesTo = (who: SignedIn, kind?: NotificationKind) =>
    notifications.filter(
      (n) => n.recipientPersonId === who.person.id && (kind === undefined || n.kind === kind),
    );
  const mailOf = (notification: Notification) =>
    mails.find((mail) => mail.notificationId === notification.id);

  it('crawled every notification kind, in notifications and in mail', () => {
    const every = Object.values(NotificationKind).sort();
    expect(kindsOf(notifications)).toEqual(every);
    // Mails about the account itself (invitations, verification) are crawled too, not counted here.
    expect(kindsOf(mails.filter((mail) => mail.notificationId !== null))).toEqual(every);
  });

  it('had people with protected identity, case references and shelters in play', () => {
    // Who is protected, read back: every flow above had one of them in it.
    const protectedIds = secrets.protectedPeople.map((p) => p.id).sort();
    expect(protectedIds).toEqual(
      [
        cast.walkAdmin2,
        cast.coordinator,
        cast.walker1,
        cast.walker2,
        cast.booker,
        cast.jourCoordinator,
        cast.jour2Admin,
        cast.grantAdmin2,
        cast.social1,
        cast.officer1,
      ]
        .map((who) => who.person.id)
        .sort(),
    );
    expect(secrets.caseReferences.map((r) => r.placementId).sort()).toEqual(
      Object.values(placements).sort(),
    );
    expect(secrets.shelters).toHaveLength(2);
    // What each of them was told (their own notices), so none of the flows missed them.
    const received = (who: SignedIn) => kindsOf(noticesTo(who));
    expect(received(cast.walker1)).toEqual(
      expect.arrayContaining([
        NotificationKind.SIGNUP_CONFIRMED,
        NotificationKind.SHIFT_MESSAGE,
        NotificationKind.SHIFT_REMINDER,
        NotificationKind.SHIFT_CANCELLED,
        NotificationKind.CREDENTIAL_EXPIRING,
      ]),
    );
    expect(received(cast.walker2)).toEqual(
      expect.arrayContaining([
        NotificationKind.PROMOTED_FROM_WAITLIST,
        NotificationKind.SHIFT_MESSAGE,
        NotificationKind.SHIFT_REMINDER,
        NotificationKind.SHIFT_CANCELLED,
      ]),
    );
    expect(received(cast.coordinator)).toEqual(
      expect.arrayContaining([NotificationKind.SHIFT_MESSAGE, NotificationKind.WALK_UNDERSTAFFED]),
    );
    expect(received(cast.walkAdmin2)).toEqual(
      expect.arrayContaining([
        NotificationKind.CREDENTIAL_EXPIRING,
        NotificationKind.BOOKING_REQUESTED,
        NotificationKind.WALK_UNDERSTAFFED,
      ]),
    );
    expect(received(cast.booker)).toEqual([
      NotificationKind.BOOKING_APPROVED,
      NotificationKind.BOOKING_BLACKED_OUT,
      NotificationKind.BOOKING_CANCELLED,
      NotificationKind.BOOKING_EXPIRED,
      NotificationKind.BOOKING_REJECTED,
    ]);
    expect(received(cast.officer1)).toEqual([
      NotificationKind.BOOKING_REQUESTED,
      NotificationKind.BOOKING_UNANSWERED,
    ]);
    expect(received(cast.jourCoordinator)).toEqual([
      NotificationKind.PLACEMENT_CANCELLED,
      NotificationKind.PLACEMENT_CONFIRMED,
      NotificationKind.PLACEMENT_EXPIRED,
      NotificationKind.PLACEMENT_REQUESTED,
    ]);
    expect(received(cast.jour2Admin)).toEqual([
      NotificationKind.PLACEMENT_CONFIRMED,
      NotificationKind.PLACEMENT_REQUESTED,
    ]);
    expect(received(cast.social1)).toEqual([
      NotificationKind.PLACEMENT_ANSWERED,
      NotificationKind.PLACEMENT_CONFIRMED,
      NotificationKind.PLACEMENT_EXPIRED,
    ]);
    expect(received(cast.grantAdmin2)).toEqual([
      NotificationKind.APPLICATION_DECIDED,
      NotificationKind.FOLLOW_UP_DUE,
      NotificationKind.FOLLOW_UP_OVERDUE,
      NotificationKind.GRANT_PAYMENT_MADE,
    ]);
    // The admins heard of the protected holders' credentials too (without their names, below).
    const about = (holder: SignedIn) =>
      noticesTo(cast.walkAdmin, NotificationKind.CREDENTIAL_EXPIRING).filter(
        (n) => n.data.personId === holder.person.id,
      );
    expect(about(cast.walker1)).toHaveLength(1);
    expect(about(cast.walkAdmin2)).toHaveLength(1);
  });

  it("names no person with protected identity in anyone else's notification or mail", () => {
    const leaks = leaksIn(rows, secrets).filter((leak) => leak.rule === 'protected name');
    expect(leaks.map((leak) => leak.message)).toEqual([]);
  });

  it('writes no case reference into any notification or mail', () => {
    const leaks = leaksIn(rows, secrets).filter((leak) => leak.rule === 'case reference');
    expect(leaks.map((leak) => leak.message)).toEqual([]);
  });

  it("names a shelter only to the active members of the shelter's own organisation", () => {
    const leaks = leaksIn(rows, secrets).filter((leak) => leak.rule === 'shelter name');
    expect(leaks.map((leak) => leak.message)).toEqual([]);
  });

  it('names a plain credential holder to their admins, in both languages and in the mail', () => {
    const { displayName } = cast.namedWalker.person;
    for (const [admin, protectedWords] of [
      [cast.walkAdmin, 'en medlem med skyddad identitet'],
      [cast.walkAdmin2, 'a member with protected identity'],
    ] as const) {
      const reminders = noticesTo(admin, NotificationKind.CREDENTIAL_EXPIRING);
      const named = reminders.filter((n) => n.data.personId === cast.namedWalker.person.id);
      expect(named).toHaveLength(1);
      expect(named[0].body).toContain(displayName);
      expect(mailOf(named[0])?.textBody).toContain(displayName);
      expect(mailOf(named[0])?.htmlBody).toContain(displayName);
      const unnamed = reminders.filter((n) => n.data.personId === cast.walker1.person.id);
      expect(unnamed).toHaveLength(1);
      expect(unnamed[0].body).toContain(protectedWords);
      expect(mailOf(unnamed[0])?.textBody).toContain(protectedWords);
    }
    // The holder is told about their own, without their name.
    const own = noticesTo(cast.namedWalker, NotificationKind.CREDENTIAL_EXPIRING);
    expect(own).toHaveLength(1);
    expect(own[0].body).not.toContain(displayName);
  });

  it('the crawl catches a name, a case reference or a shelter name where it does not belong', () => {
    // Were the plain holder protected, exactly their admins' reminders (and mail) would leak.
    const asIfProtected: Secrets = {
      ...secrets,
      protectedPeople: [
        ...secrets.protectedPeople,
        { id: cast.namedWalker.person.id, needles: needlesOf(cast.namedWalker.person.displayName) },
      ],
    };
    const flagged = new Set(
      leaksIn(rows, asIfProtected)
        .filter((leak) => leak.rule === 'protected name')
        .map((leak) => leak.rowId),
    );
    const naming = notifications.filter(
      (n) =>
        n.kind === NotificationKind.CREDENTIAL_EXPIRING &&
        n.data.personId === cast.namedWalker.person.id &&
        n.recipientPersonId !== cast.namedWalker.person.id,
    );
    expect(naming).toHaveLength(2);
    expect([...flagged].sort()).toEqual(naming.flatMap((n) => [n.id, mailOf(n)?.id]).sort());
    // A placement notice that said which shelter and which case: a leak to social services, to
    // the shelter's own staff only the case reference is.
    const reference = Object.keys(placements)[0];
    const tampered = (who: SignedIn): CrawledRow => ({
      source: 'notification',
      id: `tampered-${who.person.id}`,
      kind: NotificationKind.PLACEMENT_ANSWERED,
      recipientPersonId: who.person.id,
      fields: [['body', `${shelterNames[0]} (${reference.toLowerCase()}) svarade.`]],
    });
    expect(leaksIn([tampered(cast.social1)], secrets).map((leak) => leak.rule)).toEqual([
      'case reference',
      'shelter name',
    ]);
    expect(leaksIn([tampered(cast.jourCoordinator)], secrets).map((leak) => leak.rule)).toEqual([
      'case reference',
    ]);
    // A first name alone, in HTML, names a protected person.
    const firstName = cast.coordinator.person.displayName.split(' ')[0];
    expect(
      leaksIn(
        [{ ...tampered(cast.walkAdmin), fields: [['htmlBody', `<p>Hälsningar ${firstName}</p>`]] }],
        secrets,
      ).map((leak) => leak.rule),
    ).toEqual(['protected name']);
  });

  it('mails every notification to whoever has that mail on, and what is critical to everyone', async () => {
    const mailOff = new Map<string, NotificationGroup[]>([
      [cast.quietWalker.person.id, [NotificationGroup.WALKS]],
      [cast.grantAdmin2.person.id, [NotificationGroup.GRANTS]],
      [cast.social2.person.id, [NotificationGroup.PLACEMENTS]],
    ]);
    const shifts = new Map(
      (await test.dataSource.getRepository(Shift).find()).map((s) => [s.id, s]),
    );
    const critical = (n: Notification) => {
      if (ALWAYS_MAILED_KINDS.includes(n.kind)) return true;
      if (n.kind !== NotificationKind.SHIFT_CANCELLED) return false;
      const shift = shifts.get(n.data.shiftId as string);
      return shift!.startsAt.getTime() - n.createdAt.getTime() < LATE_CANCELLATION_HOURS * HOUR;
    };
    const wrong: string[] = [];
    let withheld = 0;
    let mailedAnyway = 0;
    for (const n of notifications) {
      const off = mailOff.get(n.recipientPersonId)?.includes(GROUP_OF_KIND[n.kind]) ?? false;
      const expected = critical(n) || !off;
      const mail = mailOf(n);
      if (off && !expected) withheld += 1;
      if (off && expected) mailedAnyway += 1;
      if (Boolean(mail) !== expected) {
        wrong.push(
          `${n.kind} ${n.id} to ${n.recipientPersonId}: mail ${mail ? 'queued' : 'missing'}`,
        );
      } else if (mail) {
        expect(mail).toMatchObject({
          recipientPersonId: n.recipientPersonId,
          kind: n.kind,
          subject: n.subject,
        });
        expect(mail.textBody.startsWith(`${n.body}\n`)).toBe(true);
      }
    }
    expect(wrong).toEqual([]);
    // Every mail belongs to one notification, and the settings were put to the test both ways.
    // (Mails about the account itself — invitations — have no notification.)
    const noticeMails = mails.filter((mail) => mail.notificationId !== null);
    expect(noticeMails.length).toBeGreaterThan(0);
    expect(
      noticeMails.every((mail) => notifications.some((n) => n.id === mail.notificationId)),
    ).toBe(true);
    expect(new Set(noticeMails.map((mail) => mail.notificationId)).size).toBe(noticeMails.length);
    expect(
      mails
        .filter((mail) => mail.notificationId === null)
        .every((mail) => mail.kind === AccountMailKind.MEMBERSHIP_INVITATION),
    ).toBe(true);
    expect(withheld).toBeGreaterThanOrEqual(3);
    expect(mailedAnyway).toBeGreaterThanOrEqual(2);
    // Each person's mail goes to their own address.
    const people = new Map(
      (await test.dataSource.getRepository(Person).find()).map((p) => [p.id, p.email]),
    );
    expect(
      mails.filter(
        (mail) => mail.recipientPersonId && mail.toAddress !== people.get(mail.recipientPersonId),
      ),
    ).toEqual([]);
  });
});
