import { DateTime } from 'luxon';
import { generateSync } from 'otplib';
import request from 'supertest';
import { Blackout, Booking, Resource } from '../src/modules/bookings';
import { GrantApplication, GrantLedgerEntry, GrantProgramme } from '../src/modules/grants';
import { Shift, Signup } from '../src/modules/night-walks';
import { Membership, Organisation } from '../src/modules/organisations';
import { Person } from '../src/modules/people';
import { SupportService } from '../src/modules/services';
import { PlacementRequest, Shelter, ShelterAvailabilityReport } from '../src/modules/shelters';
import {
  ASSOCIATION_GRANT,
  DEMO_APPLICATIONS,
  EU_MIGRANT_SUPPORT,
  SHELTER_PARTNERSHIP,
} from '../seeds/demo-grants';
import {
  DEMO_API_KEY,
  DEMO_SHELTER_BOARD_KEY,
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  organisationId,
  ORGANISATIONS,
  PEOPLE,
} from '../seeds/demo-data';
import { DISTRICT_OFFICE, FAMILY_HOUSE, MINIBUS } from '../seeds/demo-bookings';
import { demoWalkFridays } from '../seeds/night-walks-seeder';
import { SeedReport, seedDemoData } from '../seeds/seeder';
import { Client } from './support/graphql-client';
import { TestApp } from './support/test-app';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken person { systemRole } twoFactorChallenge { challenge next } } }`;

describe('demo data', () => {
  let test: TestApp;
  /** What the first run of the seeder reported (every test sees the data it loaded). */
  let first: SeedReport;

  beforeAll(async () => {
    test = await TestApp.create();
    first = await seedDemoData(test.app);
  });

  afterAll(async () => {
    await test.close();
  });

  it('loads through the services and can be loaded again without changing anything', async () => {
    expect(first.created).toMatchObject({
      people: PEOPLE.length,
      organisations: ORGANISATIONS.length,
      districts: 16,
    });
    const counts = async () => ({
      people: await test.dataSource.getRepository(Person).count(),
      organisations: await test.dataSource.getRepository(Organisation).count(),
      memberships: await test.dataSource.getRepository(Membership).count(),
      shifts: await test.dataSource.getRepository(Shift).count(),
      signups: await test.dataSource.getRepository(Signup).count(),
      shelters: await test.dataSource.getRepository(Shelter).count(),
      shelterReports: await test.dataSource.getRepository(ShelterAvailabilityReport).count(),
      placements: await test.dataSource.getRepository(PlacementRequest).count(),
      services: await test.dataSource.getRepository(SupportService).count(),
      resources: await test.dataSource.getRepository(Resource).count(),
      bookings: await test.dataSource.getRepository(Booking).count(),
      blackouts: await test.dataSource.getRepository(Blackout).count(),
      grantProgrammes: await test.dataSource.getRepository(GrantProgramme).count(),
      grantApplications: await test.dataSource.getRepository(GrantApplication).count(),
      grantLedger: await test.dataSource.getRepository(GrantLedgerEntry).count(),
    });
    const before = await counts();
    expect(before.shifts).toBeGreaterThan(0);
    expect(before.bookings).toBeGreaterThan(0);
    expect(before.grantProgrammes).toBe(3);
    const second = await seedDemoData(test.app);
    expect(second.created).toEqual({});
    expect(second.existing).toMatchObject({
      people: PEOPLE.length,
      organisations: ORGANISATIONS.length,
    });
    expect(await counts()).toEqual(before);
  });

  /** A demo account's session (staff sign in with a second factor: see the demo logins test). */
  const signIn = async (email: string): Promise<Client> => {
    const person = await test.dataSource.getRepository(Person).findOneByOrFail({ email });
    return (await test.factories.signIn(person)).client;
  };
  const DAY = 24 * 3600_000;
  const nattvandrarna = organisationId('Nattvandrarna Kronogården');
  const tryggaVuxna = organisationId('Trygga Vuxna Sylte');
  const SHIFTS = `query($filter: ShiftFilter) { shifts(filter: $filter, first: 60) { totalCount edges { node {
    id startsAt endsAt status minWalkers maxWalkers confirmedCount waitlistCount cancelReason
    organisation { name kind } district { name } } } } }`;
  const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' });

  it('has two night-walk groups walking every Friday and Saturday 21:00–01:00 in three districts for eight weeks', async () => {
    // From now to the end of the eighth weekend of the series (its first Friday is at least three
    // hours away, so at some hours of a Friday it is a week later).
    const now = test.clock.now();
    const firstFriday = demoWalkFridays(now).upcoming;
    const { shifts } = await test.anonymous.ok(SHIFTS, {
      filter: { from: now, to: new Date(firstFriday.getTime() + 8 * 7 * DAY) },
    });
    const walks = shifts.edges.map((edge: any) => edge.node);
    const series = walks.filter((walk: any) => local(walk.startsAt).toFormat('HH:mm') === '21:00');
    const perDistrict: Record<string, number> = {};
    for (const walk of series) {
      perDistrict[walk.district.name] = (perDistrict[walk.district.name] ?? 0) + 1;
      expect([5, 6]).toContain(local(walk.startsAt).weekday);
      expect(local(walk.endsAt).toFormat('HH:mm')).toBe('01:00');
      expect(local(walk.endsAt).toISODate()).toBe(
        local(walk.startsAt).plus({ days: 1 }).toISODate(),
      );
      expect(walk.organisation.kind).toBe('NIGHT_WALK_GROUP');
    }
    expect(perDistrict).toEqual({ Kronogården: 16, Lextorp: 16, Sylte: 16 });
    expect(new Set(series.map((walk: any) => walk.organisation.name))).toEqual(
      new Set(['Nattvandrarna Kronogården', 'Trygga Vuxna Sylte']),
    );
    // Some full (one with a waitlist), some with places left, some below their minimum.
    const full = series.filter((walk: any) => walk.confirmedCount === walk.maxWalkers);
    expect(full.length).toBeGreaterThanOrEqual(2);
    expect(full.filter((walk: any) => walk.waitlistCount > 0).length).toBeGreaterThanOrEqual(2);
    expect(
      series.filter((walk: any) => walk.confirmedCount > 0 && walk.confirmedCount < walk.minWalkers)
        .length,
    ).toBeGreaterThanOrEqual(3);
    expect(series.some((walk: any) => walk.confirmedCount === 0)).toBe(true);
  });

  it('shows a coordinator an understaffed walk whose signups have closed', async () => {
    const coordinator = await signIn('karin@nattvandrarna.example');
    const { understaffedShifts } = await coordinator.ok(
      `query($id: ID!) { understaffedShifts(organisationId: $id) { signupDeadline startsAt minWalkers confirmedCount understaffed } }`,
      { id: nattvandrarna },
    );
    expect(understaffedShifts.length).toBeGreaterThanOrEqual(1);
    const now = test.clock.now().getTime();
    for (const walk of understaffedShifts) {
      expect(walk.understaffed).toBe(true);
      expect(walk.confirmedCount).toBeLessThan(walk.minWalkers);
      expect(new Date(walk.signupDeadline).getTime()).toBeLessThanOrEqual(now);
      expect(new Date(walk.startsAt).getTime()).toBeGreaterThan(now);
    }
  });

  it('has past walks with reports, one walked but not reported yet, a cancelled walk, a no-show and hours credited to those who walked', async () => {
    const coordinator = await signIn('omar@nattvandrarna.example');
    const now = test.clock.now();
    const range = { from: new Date(now.getTime() - 35 * DAY), to: now };
    const { shifts } = await coordinator.ok(
      `query($filter: ShiftFilter) { shifts(filter: $filter, first: 60) { edges { node {
        status endsAt cancelReason report { youngPeopleMet areasCovered } signups { status person { displayName } } } } } }`,
      { filter: { organisationId: nattvandrarna, ...range } },
    );
    const past = shifts.edges.map((edge: any) => edge.node);
    const completed = past.filter((walk: any) => walk.status === 'COMPLETED');
    expect(completed).toHaveLength(2);
    expect(completed.every((walk: any) => walk.report?.youngPeopleMet > 0)).toBe(true);
    // The last one ended with everyone checked in, and waits for its report (the guide's example).
    const waiting = past.filter(
      (walk: any) => walk.status !== 'COMPLETED' && walk.status !== 'CANCELLED',
    );
    expect(waiting).toHaveLength(1);
    expect(new Date(waiting[0].endsAt).getTime()).toBeLessThan(now.getTime());
    expect(waiting[0].report).toBeNull();
    expect(waiting[0].signups.map((signup: any) => signup.status)).toEqual(
      Array(4).fill('ATTENDED'),
    );
    const cancelled = past.filter((walk: any) => walk.status === 'CANCELLED');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0].cancelReason).toMatch(/Storm/);
    const statuses = past.flatMap((walk: any) => walk.signups.map((signup: any) => signup.status));
    expect(statuses).toContain('NO_SHOW');
    expect(statuses).toContain('ATTENDED');
    expect(statuses).not.toContain('CONFIRMED');

    const { volunteerHours } = await coordinator.ok(
      `query($id: ID!, $from: DateTime, $to: DateTime) { volunteerHours(organisationId: $id, from: $from, to: $to) { person { displayName } walks hours } }`,
      { id: nattvandrarna, ...range },
    );
    const hoursOf = (name: string) =>
      volunteerHours.find((row: any) => row.person.displayName === name);
    expect(hoursOf('Lina Svensson')).toMatchObject({ walks: 2, hours: 8 });
    expect(hoursOf('Omar Hassan')).toMatchObject({ walks: 1, hours: 4 });
    expect(hoursOf('Hanna Olsson')).toBeUndefined();
    const lina = await signIn('lina@nattvandrarna.example');
    const { myHours } = await lina.ok(
      `query($from: DateTime, $to: DateTime) { myHours(from: $from, to: $to) { walks hours } }`,
      range,
    );
    expect(myHours).toEqual({ walks: 2, hours: 8 });

    const sylte = await signIn('bjorn@tryggavuxna.example');
    const { shifts: sylteWalks } = await sylte.ok(SHIFTS, {
      filter: { organisationId: tryggaVuxna, status: 'COMPLETED', ...range },
    });
    expect(sylteWalks.totalCount).toBe(4);
  });

  it('refuses a walker whose police record check runs out before a later walk (CREDENTIAL_REQUIRED)', async () => {
    const now = test.clock.now();
    const { shifts } = await test.anonymous.ok(SHIFTS, {
      filter: {
        organisationId: tryggaVuxna,
        from: new Date(now.getTime() + 6 * 7 * DAY),
        to: new Date(now.getTime() + 9 * 7 * DAY),
      },
    });
    expect(shifts.totalCount).toBeGreaterThan(0);
    const dragan = await signIn('dragan@tryggavuxna.example');
    const SIGN_UP = `mutation($id: ID!) { signUpForShift(input: { shiftId: $id }) { status } }`;
    expect(await dragan.code(SIGN_UP, { id: shifts.edges[0].node.id })).toBe('CREDENTIAL_REQUIRED');
    const mikael = await signIn('mikael@tryggavuxna.example');
    const { signUpForShift } = await mikael.ok(SIGN_UP, { id: shifts.edges[0].node.id });
    expect(signUpForShift.status).toBe('CONFIRMED');
  });

  it('has shared resources: a family-house room and a district office (municipal, approval needed), a minibus of a voluntary association, night-walk kits', async () => {
    const anders = await signIn('anders@fritidsylte.example');
    const { resources } = await anders.ok(`{ resources(first: 50) { edges { node {
      id name kind municipal requiresApproval bookableBy allowedKinds bufferMinutes owner { name kind } } } } }`);
    const byId = new Map<string, any>(
      resources.edges.map((edge: any) => [edge.node.id, edge.node]),
    );
    for (const id of [FAMILY_HOUSE, DISTRICT_OFFICE]) {
      expect(byId.get(id)).toMatchObject({ kind: 'ROOM', municipal: true, requiresApproval: true });
    }
    expect(byId.get(FAMILY_HOUSE).name).toMatch(/Familjehuset/);
    expect(byId.get(MINIBUS)).toMatchObject({
      kind: 'VEHICLE',
      municipal: false,
      owner: { name: 'Fritidsföreningen Sylte', kind: 'VOLUNTARY_ASSOCIATION' },
      bookableBy: 'LISTED_KINDS',
    });
    const kits = resources.edges
      .map((edge: any) => edge.node)
      .filter((node: any) => node.kind === 'EQUIPMENT');
    expect(kits.length).toBeGreaterThanOrEqual(2);
    for (const kit of kits) {
      expect(kit.name).toMatch(/Nattvandringskit/);
      expect(kit.allowedKinds).toEqual(['NIGHT_WALK_GROUP']);
    }
  });

  it('has bookings over the coming month: confirmed, waiting and rejected, one weekly series, a blackout, a calendar', async () => {
    const officer = await signIn('handlaggare@samverkan.example');
    const now = test.clock.now();
    // Every demo booking starts within the coming month (ADMIN sees them all).
    const { bookings: all } = await (
      await signIn('admin@samverkan.example')
    ).ok(`{ bookings(first: 100) { totalCount edges { node { startsAt resource { kind } } } } }`);
    expect(all.totalCount).toBeGreaterThanOrEqual(14);
    for (const { node } of all.edges) {
      expect(new Date(node.startsAt).getTime()).toBeGreaterThan(now.getTime());
      expect(new Date(node.startsAt).getTime()).toBeLessThan(now.getTime() + 31 * DAY);
    }
    expect(new Set(all.edges.map((edge: any) => edge.node.resource.kind))).toEqual(
      new Set(['ROOM', 'VEHICLE', 'EQUIPMENT']),
    );
    // The officer answers for the municipality's rooms and kits (the minibus is Fritidsföreningen's).
    const { bookings } = await officer.ok(
      `query($filter: BookingFilter) { bookings(first: 100, filter: $filter) { edges { node {
        startsAt status seriesId resource { kind } } } } }`,
      { filter: { from: now, to: new Date(now.getTime() + 31 * DAY) } },
    );
    const nodes = bookings.edges.map((edge: any) => edge.node);
    expect(new Set(nodes.map((node: any) => node.status))).toEqual(
      new Set(['CONFIRMED', 'REQUESTED', 'REJECTED']),
    );
    expect(new Set(nodes.map((node: any) => node.resource.kind))).toEqual(
      new Set(['ROOM', 'EQUIPMENT']),
    );
    const series = new Map<string, any[]>();
    for (const node of nodes.filter((candidate: any) => candidate.seriesId)) {
      series.set(node.seriesId, [...(series.get(node.seriesId) ?? []), node]);
    }
    expect(series.size).toBe(1);
    const weekly = [...series.values()][0];
    expect(weekly.length).toBeGreaterThanOrEqual(4);
    for (const [index, node] of weekly.entries()) {
      expect(local(node.startsAt).toFormat('ccc HH:mm')).toBe('Tue 18:00');
      if (index > 0)
        expect(local(node.startsAt).diff(local(weekly[index - 1].startsAt), 'days').days).toBe(7);
    }
    expect(weekly.map((node: any) => node.status)).toContain('REQUESTED');
    // The minibus owner has a request to answer, and was told about it.
    const anders = await signIn('anders@fritidsylte.example');
    const { bookings: waiting } = await anders.ok(
      `query($id: ID!) { bookings(filter: { resourceId: $id, status: REQUESTED }) { totalCount } }`,
      { id: MINIBUS },
    );
    expect(waiting.totalCount).toBe(1);
    const { myNotifications } = await anders.ok(`{ myNotifications { edges { node { kind } } } }`);
    expect(myNotifications.edges.map((edge: any) => edge.node.kind)).toContain('BOOKING_REQUESTED');
    // The district office is closed for a day.
    const { resource } = await officer.ok(
      `query($id: ID!, $to: DateTime) { resource(id: $id) { blackouts(to: $to) { reason } } }`,
      { id: DISTRICT_OFFICE, to: new Date(now.getTime() + 31 * DAY) },
    );
    expect(resource.blackouts).toHaveLength(1);
    const feed = await request(test.baseUrl).get(`/calendar/resources/${FAMILY_HOUSE}.ics`);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('Hjälpande Händer Väst: Språkcafé');
    // The women's shelter's group is there as "Bokad" only.
    expect(feed.text).toContain('SUMMARY:Bokad');
    expect(feed.text).not.toContain('Kvinnojouren');
    expect(feed.text).not.toContain('Stödgrupp');
  });

  it('has the demo logins of the README, in every system role', async () => {
    for (const [email, role] of [
      ['admin@samverkan.example', 'ADMIN'],
      ['handlaggare@samverkan.example', 'MUNICIPAL_OFFICER'],
      ['socialtjanst@samverkan.example', 'SOCIAL_SERVICES'],
      ['karin@nattvandrarna.example', null],
    ] as const) {
      const { login } = await test.anonymous.ok(LOGIN, {
        input: { email, password: DEMO_PASSWORD },
      });
      if (role === null) {
        expect(login.person.systemRole).toBeNull();
        continue;
      }
      // Staff give the demo authenticator's code (README) as the second step.
      expect(login.twoFactorChallenge.next).toBe('CODE');
      const { completeTwoFactorLogin } = await test.anonymous.ok(
        `mutation($input: CompleteTwoFactorLoginInput!) { completeTwoFactorLogin(input: $input) { person { systemRole } } }`,
        {
          input: {
            challenge: login.twoFactorChallenge.challenge,
            code: generateSync({
              secret: DEMO_TOTP_SECRET,
              epoch: Math.floor(test.clock.now().getTime() / 1000),
            }),
          },
        },
      );
      expect(completeTwoFactorLogin.person.systemRole).toBe(role);
    }
  });

  it('gives the night-walk group members in every membership role, one with protected identity', async () => {
    const karin = await signIn('karin@nattvandrarna.example');
    const { organisation } = await karin.ok(
      `{ organisation(id: "${ORGANISATIONS[0].id}") { name status members { role status person { displayName } } credentials { kind verified } } }`,
    );
    expect(organisation.status).toBe('VERIFIED');
    expect(new Set(organisation.members.map((member: any) => member.role))).toEqual(
      new Set(['ORG_ADMIN', 'COORDINATOR', 'VOLUNTEER']),
    );
    expect(organisation.members.map((member: any) => member.person?.displayName)).toContain(
      'Skyddad identitet',
    );
    expect(organisation.members.some((member: any) => member.status === 'INVITED')).toBe(true);
    expect(organisation.credentials.every((credential: any) => credential.verified)).toBe(true);
  });

  it('has organisations of every kind in the public directory, and pending and suspended ones for officers', async () => {
    const { organisations } = await test.anonymous.ok(
      `{ organisations(first: 100) { edges { node { kind } } } }`,
    );
    expect(new Set(organisations.edges.map((edge: any) => edge.node.kind))).toEqual(
      new Set([
        'NIGHT_WALK_GROUP',
        'WOMENS_SHELTER',
        'EU_MIGRANT_SUPPORT',
        'HBTQ_SUPPORT',
        'VOLUNTARY_ASSOCIATION',
        'FAITH_BASED',
      ]),
    );
    const officer = await signIn('handlaggare@samverkan.example');
    for (const status of ['PENDING', 'SUSPENDED']) {
      const { organisations: listed } = await officer.ok(
        `query($status: OrganisationStatus) { organisations(filter: { status: $status }) { totalCount } }`,
        { status },
      );
      expect(listed.totalCount).toBe(1);
    }
  });

  describe('grants', () => {
    const kr = (kronor: number) => kronor * 100;
    const PROGRAMMES = `{ grantProgrammes(first: 10) { edges { node {
      id name status fiscalYear budget allocated disbursed recovered remaining eligibleKinds criteria { name weight }
    } } } }`;

    it('has three programmes modelled on the background documents, with totals from the ledger', async () => {
      const officer = await signIn('handlaggare@samverkan.example');
      const { grantProgrammes } = await officer.ok(PROGRAMMES);
      const byId = new Map<string, any>(
        grantProgrammes.edges.map((edge: any) => [edge.node.id, edge.node]),
      );
      expect(byId.get(ASSOCIATION_GRANT)).toMatchObject({
        name: expect.stringMatching(/^Föreningsbidrag \d{4}$/),
        status: 'OPEN',
        budget: kr(600_000),
        allocated: kr(180_000),
        disbursed: 0,
        remaining: kr(420_000),
      });
      expect(byId.get(ASSOCIATION_GRANT).eligibleKinds).toContain('NIGHT_WALK_GROUP');
      expect(byId.get(SHELTER_PARTNERSHIP)).toMatchObject({
        name: expect.stringMatching(/^IOP Kvinnojouren Trollhättan/),
        status: 'DECIDED',
        eligibleKinds: ['WOMENS_SHELTER'],
        allocated: kr(1_200_000),
        disbursed: kr(600_000),
        remaining: 0,
      });
      expect(byId.get(EU_MIGRANT_SUPPORT)).toMatchObject({
        name: expect.stringMatching(/EU-medborgare/),
        status: 'DECIDED',
        fiscalYear: byId.get(ASSOCIATION_GRANT).fiscalYear - 1,
        allocated: kr(250_000),
        disbursed: kr(250_000),
      });
      // An organisation sees the same published programmes.
      const karin = await signIn('karin@nattvandrarna.example');
      expect((await karin.ok(PROGRAMMES)).grantProgrammes.edges).toHaveLength(3);
    });

    it('has applications in every state, reviewed and decided by the demo grant officer', async () => {
      const officer = await signIn('handlaggare@samverkan.example');
      const { grantApplications } =
        await officer.ok(`{ grantApplications(first: 30) { edges { node {
        status weightedScore organisation { name } reviews { comment }
        decision { motivation decidedBy { displayName } }
      } } } }`);
      const applications = grantApplications.edges.map((edge: any) => edge.node);
      // The officer sees every state but DRAFT, which only the organisation sees.
      expect(new Set(applications.map((application: any) => application.status))).toEqual(
        new Set([
          'SUBMITTED',
          'UNDER_REVIEW',
          'APPROVED',
          'PARTIALLY_APPROVED',
          'REJECTED',
          'WITHDRAWN',
        ]),
      );
      const decided = applications.filter((application: any) => application.decision);
      expect(decided.length).toBeGreaterThanOrEqual(5);
      for (const application of decided) {
        expect(application.decision.decidedBy.displayName).toBe('Maria Lindqvist');
        expect(application.reviews.length).toBeGreaterThan(0);
        expect(application.weightedScore).toBeGreaterThan(0);
        if (application.status !== 'APPROVED') expect(application.decision.motivation).toBeTruthy();
      }
      const underReview = applications.find((a: any) => a.status === 'UNDER_REVIEW');
      expect(underReview.organisation.name).toBe('Fritidsföreningen Sylte');
      expect(underReview.reviews).toHaveLength(1);
      const birgitta = await signIn('birgitta@stodcentrum.example');
      const own = await birgitta.ok(
        `{ grantApplications(filter: { status: DRAFT }) { edges { node { status organisation { name } } } } }`,
      );
      expect(own.grantApplications.edges).toEqual([
        { node: { status: 'DRAFT', organisation: { name: 'Stödcentrum Kyrkan Trollhättan' } } },
      ]);
    });

    it('has two payments and one overdue follow-up report, which keeps its organisation from applying', async () => {
      const officer = await signIn('handlaggare@samverkan.example');
      let payments = 0;
      for (const programmeId of [ASSOCIATION_GRANT, SHELTER_PARTNERSHIP, EU_MIGRANT_SUPPORT]) {
        const { grantLedger } = await officer.ok(
          `query($id: ID!) { grantLedger(programmeId: $id, first: 100) { edges { node { kind amount reference } } } }`,
          { id: programmeId },
        );
        payments += grantLedger.edges.filter(
          (edge: any) => edge.node.kind === 'DISBURSEMENT',
        ).length;
      }
      expect(payments).toBe(2);

      const ioana = await signIn('ioana@hjalpandehander.example');
      const { grantApplication } = await ioana.ok(
        `query($id: ID!) { grantApplication(id: $id) { status followUpOverdue disbursed
          followUpReport { status returnReason } programme { followUpDueAt } } }`,
        { id: DEMO_APPLICATIONS.euMigrants },
      );
      expect(grantApplication).toMatchObject({
        status: 'APPROVED',
        followUpOverdue: true,
        disbursed: kr(250_000),
        followUpReport: { status: 'RETURNED', returnReason: expect.stringMatching(/20 000 kr/) },
      });
      expect(new Date(grantApplication.programme.followUpDueAt).getTime()).toBeLessThan(Date.now());
      const overdue = await ioana.code(
        `mutation($input: CreateGrantApplicationInput!) { createGrantApplication(input: $input) { id } }`,
        {
          input: {
            programmeId: ASSOCIATION_GRANT,
            organisationId: organisationId('Hjälpande Händer Väst'),
            purpose: 'Vinteröppet härbärge även nästa år',
            requestedAmount: kr(50_000),
            budgetLines: [{ label: 'Härbärge', amount: kr(50_000) }],
          },
        },
      );
      expect(overdue).toBe('FOLLOW_UP_OVERDUE');
      const { myNotifications } = await ioana.ok(`{ myNotifications { edges { node { kind } } } }`);
      const kinds = myNotifications.edges.map((edge: any) => edge.node.kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'APPLICATION_DECIDED',
          'GRANT_PAYMENT_MADE',
          'FOLLOW_UP_RETURNED',
          'FOLLOW_UP_DUE',
        ]),
      );

      // The women's shelter sees its own partnership and payment, not the others' applications.
      const eva = await signIn('eva@kvinnojouren.example');
      const own = await eva.ok(
        `query($id: ID!) { grantApplication(id: $id) { status awarded disbursed remainingAward } }`,
        { id: DEMO_APPLICATIONS.shelter },
      );
      expect(own.grantApplication).toEqual({
        status: 'APPROVED',
        awarded: kr(1_200_000),
        disbursed: kr(600_000),
        remainingAward: kr(600_000),
      });
      expect(
        await eva.code(`query($id: ID!) { grantApplication(id: $id) { id } }`, {
          id: DEMO_APPLICATIONS.euMigrants,
        }),
      ).toBe('NOT_FOUND');
    });
  });

  it('has a working demo API key for partner apps', async () => {
    const { districts } = await test
      .client({ apiKey: DEMO_API_KEY })
      .ok(`{ districts { totalCount } }`);
    expect(districts.totalCount).toBe(16);
  });

  it('has a demo shelter-vacancy board key that sees status without counts', async () => {
    const board = test.client({ apiKey: DEMO_SHELTER_BOARD_KEY });
    const { shelterAvailability } = await board.ok(
      `{ shelterAvailability { status area freeAdultPlaces displayName } }`,
    );
    expect(shelterAvailability).toHaveLength(3);
    for (const entry of shelterAvailability) {
      expect(entry).toMatchObject({ freeAdultPlaces: null, displayName: null });
    }
    expect(
      await test.client({ apiKey: DEMO_API_KEY }).code(`{ shelterAvailability { status } }`),
    ).toBe('FORBIDDEN');
  });

  it('has three shelters with 30 days of availability, one of them stale, and a placement request waiting', async () => {
    const social = await signIn('socialtjanst@samverkan.example');
    const { shelterAvailability } = await social.ok(
      `{ shelterAvailability { displayName status area targetGroups features languages freeAdultPlaces } }`,
    );
    const byName = Object.fromEntries(
      shelterAvailability.map((entry: any) => [entry.displayName, entry]),
    );
    expect(Object.keys(byName).sort()).toEqual(
      ['Boende Vega', 'Regnbågshuset', 'Skyddat boende Linnéa'].sort(),
    );
    expect(byName['Skyddat boende Linnéa']).toMatchObject({
      status: 'AVAILABLE',
      features: expect.arrayContaining(['REINFORCED_SECURITY', 'HONOUR_VIOLENCE_COMPETENCE']),
    });
    expect(byName['Boende Vega']).toMatchObject({
      status: 'FULL',
      targetGroups: ['WOMEN_WITH_CHILDREN'],
    });
    expect(byName['Regnbågshuset']).toMatchObject({
      status: 'NO_DATA',
      targetGroups: ['HBTQ', 'YOUTH'],
    });

    const eva = await signIn('eva@kvinnojouren.example');
    const { shelters } = await eva.ok(`{ shelters { edges { node { displayName
      availabilityReports(from: "${new Date(test.clock.now().getTime() - 31 * DAY).toISOString()}") { reportedAt } } } } }`);
    for (const edge of shelters.edges) {
      const days = new Set(
        edge.node.availabilityReports.map((report: any) => local(report.reportedAt).toISODate()),
      );
      expect(days.size).toBeGreaterThanOrEqual(29);
    }
    const { placementRequests } = await eva.ok(
      `{ placementRequests(filter: { status: [REQUESTED] }) { edges { node { adults children needs language caseReference shelter { displayName } } } } }`,
    );
    expect(placementRequests.edges.map((edge: any) => edge.node)).toEqual([
      {
        adults: 1,
        children: 2,
        needs: ['REINFORCED_SECURITY'],
        language: 'ar',
        caseReference: 'IFO-2026-0417',
        shelter: { displayName: 'Skyddat boende Linnéa' },
      },
    ]);
    // The shelter has the places today: Eva can accept it (the guide's next step).
    const { placementRequests: waiting } = await eva.ok(
      `{ placementRequests(filter: { status: [REQUESTED] }) { edges { node { id } } } }`,
    );
    const accepted = await eva.request(
      `mutation($input: RespondToPlacementInput!) { respondToPlacement(input: $input) { status } }`,
      { input: { placementId: waiting.edges[0].node.id, accept: true } },
    );
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.respondToPlacement.status).toBe('ACCEPTED');
  });

  it('has eight support services across categories and districts, two by an EU-migrant group in Romanian and Romani', async () => {
    const { supportServices } = await test.anonymous.ok(
      `{ supportServices(first: 100) { edges { node { name category languages district { name } organisation { kind } } } } }`,
    );
    const services = supportServices.edges.map((edge: any) => edge.node);
    expect(services).toHaveLength(8);
    expect(new Set(services.map((service: any) => service.category)).size).toBeGreaterThanOrEqual(
      7,
    );
    expect(
      new Set(services.map((service: any) => service.district.name)).size,
    ).toBeGreaterThanOrEqual(4);
    const euMigrant = services.filter(
      (service: any) => service.organisation.kind === 'EU_MIGRANT_SUPPORT',
    );
    expect(euMigrant).toHaveLength(2);
    for (const service of euMigrant)
      expect(service.languages).toEqual(expect.arrayContaining(['ro', 'rom']));
    const { supportServices: inRomani } = await test.anonymous.ok(
      `{ supportServices(filter: { language: "rom" }) { totalCount } }`,
    );
    expect(inRomani.totalCount).toBe(2);
  });
});
