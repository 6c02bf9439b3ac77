import { DateTime } from 'luxon';
import { In } from 'typeorm';
import { CredentialKind } from '../src/modules/credentials';
import { OrganisationStatus } from '../src/modules/organisations';
import {
  NightWalkJobsService,
  Shift,
  Signup,
  SignupStatus,
  WalkReport,
} from '../src/modules/night-walks';
import { Notification, NotificationKind } from '../src/modules/notifications';
import {
  ADD_CREDENTIAL,
  CANCEL_SHIFT,
  CANCEL_SIGNUP,
  CHECK_IN,
  CONFIRM_SHIFT,
  CREATE_SHIFT_SERIES,
  LEAVE_ORGANISATION,
  SIGN_UP,
  UPDATE_SHIFT,
} from './support/documents';
import { SignedIn } from './support/factories';
import { codesOf } from './support/graphql-client';
import { toStockholmIso } from '../src/common/time';
import { TestApp } from './support/test-app';

const CREATE = `mutation($input: CreateShiftInput!) {
  createShift(input: $input) { id status startsAt endsAt minWalkers maxWalkers confirmedCount waitlistCount availablePlaces }
}`;
const REPORT = `mutation($input: SubmitWalkReportInput!) { submitWalkReport(input: $input) { id notes } }`;
const SHIFT = `query($id: ID!) { shift(id: $id) {
  id status confirmedCount waitlistCount understaffed
  signups { id status position person { id displayName } }
} }`;

const HOUR = 3600_000;

describe('night walks', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  afterEach(() => test.clock.reset());

  const later = (hours: number) => new Date(test.clock.now().getTime() + hours * HOUR);
  const count = (entity: typeof Shift | typeof Signup | typeof WalkReport) =>
    test.dataSource.getRepository(entity).count();
  const signUp = (who: SignedIn, shiftId: string, joinWaitlist = false) =>
    who.client.request(SIGN_UP, { input: { shiftId, joinWaitlist } });
  /** Signs up, which must succeed, and returns the signup. */
  const signedUp = async (who: SignedIn, shiftId: string, joinWaitlist?: boolean) =>
    (await who.client.ok(SIGN_UP, { input: { shiftId, joinWaitlist } })).signUpForShift;
  const storedShift = (id: string) => test.dataSource.getRepository(Shift).findOneByOrFail({ id });
  /** The kinds of the person's notifications (of one kind, if given). */
  const notificationKinds = async (personId: string, kind?: NotificationKind) =>
    (
      await test.dataSource
        .getRepository(Notification)
        .findBy(kind ? { recipientPersonId: personId, kind } : { recipientPersonId: personId })
    ).map((notification) => notification.kind);
  /** A createShift input: 48 hours ahead, 4 hours long, at Torget for 6 walkers unless told otherwise. */
  const shiftInput = (
    organisationId: string,
    districtId: string,
    options: { startsAt?: Date; hours?: number; meetingPoint?: string; maxWalkers?: number } = {},
  ) => {
    const startsAt = options.startsAt ?? later(48);
    return {
      organisationId,
      districtId,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + (options.hours ?? 4) * HOUR).toISOString(),
      meetingPoint: options.meetingPoint ?? 'Torget',
      maxWalkers: options.maxWalkers ?? 6,
    };
  };

  describe('publishing', () => {
    it('lets a coordinator publish a walk that the public then sees in the district’s schedule', async () => {
      const g = await test.factories.nightWalkGroup(0);
      const district = await test.factories.district('Kronogården');
      const { createShift } = await g.coordinator.client.ok(CREATE, {
        input: shiftInput(g.organisation.id, district.id, { meetingPoint: 'Kronogårdstorget' }),
      });
      expect(createShift).toMatchObject({
        status: 'PLANNED',
        minWalkers: 3,
        maxWalkers: 6,
        confirmedCount: 0,
        availablePlaces: 6,
      });
      const { shifts } = await test.anonymous.ok(
        `query($district: ID!) { shifts(filter: { districtId: $district }) { totalCount edges { node { id meetingPoint organisation { name } district { name } } } } }`,
        { district: district.id },
      );
      expect(shifts.edges).toEqual([
        {
          node: {
            id: createShift.id,
            meetingPoint: 'Kronogårdstorget',
            organisation: { name: g.organisation.name },
            district: { name: 'Kronogården' },
          },
        },
      ]);
    });

    it('reads an explicit null in an optional field as its default (as partner apps send unset variables)', async () => {
      const g = await test.factories.nightWalkGroup(1);
      const district = await test.factories.district();
      const startsAt = later(30);
      const { createShift } = await g.coordinator.client.ok(CREATE, {
        input: {
          organisationId: g.organisation.id,
          districtId: district.id,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
          meetingPoint: 'Torget',
          maxWalkers: 4,
          minWalkers: null,
          requiredCredentials: null,
          signupDeadline: null,
        },
      });
      expect(createShift).toMatchObject({ minWalkers: 3, maxWalkers: 4 });
      const signup = (
        await g.walkers[0].client.ok(SIGN_UP, {
          input: { shiftId: createShift.id, joinWaitlist: null },
        })
      ).signUpForShift;
      const { shift } = await g.coordinator.client.ok(
        `query($id: ID!) { shift(id: $id) { requiredCredentials signups(status: null) { id } } }`,
        { id: createShift.id },
      );
      expect(shift).toEqual({ requiredCredentials: [], signups: [{ id: signup.id }] });
      test.clock.advance(33 * HOUR);
      const { submitWalkReport } = await g.coordinator.client.ok(REPORT, {
        input: {
          shiftId: createShift.id,
          youngPeopleMet: 0,
          adultsMet: 0,
          referrals: 0,
          policeContacted: 0,
          notes: null,
          areasCovered: null,
          incidentCategories: null,
        },
      });
      expect(submitWalkReport.notes).toBe('');
    });

    it.each([
      ['endsAt before startsAt', { endsAt: -1 }, 'endsAt'],
      ['minWalkers below 2', { minWalkers: 1 }, 'minWalkers'],
      ['maxWalkers below minWalkers', { minWalkers: 4, maxWalkers: 3 }, 'maxWalkers'],
      ['a start in the past', { startsAt: -50, endsAt: -49 }, 'startsAt'],
      ['a deadline after the start', { signupDeadline: 1 }, 'signupDeadline'],
    ])(
      'refuses %s with BAD_USER_INPUT naming the field, storing nothing',
      async (_case, change, field) => {
        const g = await test.factories.nightWalkGroup(0);
        const district = await test.factories.district();
        const startsAt = later(48);
        const input: Record<string, unknown> = shiftInput(g.organisation.id, district.id, {
          startsAt,
        });
        for (const [key, value] of Object.entries(change)) {
          input[key] = ['startsAt', 'endsAt', 'signupDeadline'].includes(key)
            ? new Date(startsAt.getTime() + value * HOUR).toISOString()
            : value;
        }
        const before = await count(Shift);
        const response = await g.coordinator.client.request(CREATE, { input });
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
        expect(
          Object.keys((response.errors?.[0].extensions.details as { fields: object }).fields),
        ).toContain(field);
        expect(await count(Shift)).toBe(before);
      },
    );

    it('is for the organisation’s COORDINATOR and ORG_ADMIN only, of a VERIFIED organisation', async () => {
      const g = await test.factories.nightWalkGroup(1);
      const other = await test.factories.nightWalkGroup(0);
      const district = await test.factories.district();
      const startsAt = later(48);
      const input = (organisationId: string) => ({
        input: shiftInput(organisationId, district.id, { startsAt, hours: 3, maxWalkers: 5 }),
      });
      const before = await count(Shift);
      expect(await g.walkers[0].client.code(CREATE, input(g.organisation.id))).toBe('FORBIDDEN');
      expect(await other.admin.client.code(CREATE, input(g.organisation.id))).toBe('FORBIDDEN');
      for (const status of [OrganisationStatus.PENDING, OrganisationStatus.SUSPENDED]) {
        const unverified = await test.factories.organisation({ status });
        expect(await unverified.admin.client.code(CREATE, input(unverified.organisation.id))).toBe(
          'ORGANISATION_NOT_VERIFIED',
        );
      }
      expect(await count(Shift)).toBe(before);
      await g.admin.client.ok(CREATE, input(g.organisation.id));
    });

    it('creates a Friday/Saturday series at 21:00 Stockholm time, also across the change to summer time', async () => {
      const g = await test.factories.nightWalkGroup(0);
      const district = await test.factories.district();
      test.clock.set(new Date('2027-03-01T12:00:00Z'));
      const { createShiftSeries } = await g.coordinator.client.ok(
        `mutation($input: CreateShiftSeriesInput!) { createShiftSeries(input: $input) { startsAt endsAt signupDeadline } }`,
        {
          input: {
            organisationId: g.organisation.id,
            districtId: district.id,
            rrule: 'FREQ=WEEKLY;BYDAY=FR,SA',
            firstStartsAt: '2027-03-19T21:00:00+01:00',
            durationMinutes: 240,
            until: '2027-04-04T00:00:00+02:00',
            meetingPoint: 'Sylte centrum',
            maxWalkers: 6,
            signupDeadlineMinutesBefore: 120,
          },
        },
      );
      expect(createShiftSeries.map((walk: { startsAt: string }) => walk.startsAt)).toEqual([
        '2027-03-19T21:00:00.000+01:00',
        '2027-03-20T21:00:00.000+01:00',
        '2027-03-26T21:00:00.000+01:00',
        '2027-03-27T21:00:00.000+01:00',
        '2027-04-02T21:00:00.000+02:00',
        '2027-04-03T21:00:00.000+02:00',
      ]);
      expect(createShiftSeries[0]).toMatchObject({
        endsAt: '2027-03-20T01:00:00.000+01:00',
        signupDeadline: '2027-03-19T19:00:00.000+01:00',
      });
    });

    it('refuses a series with an invalid rule, storing nothing', async () => {
      const g = await test.factories.nightWalkGroup(0);
      const district = await test.factories.district();
      const before = await count(Shift);
      const code = await g.coordinator.client.code(CREATE_SHIFT_SERIES, {
        input: {
          organisationId: g.organisation.id,
          districtId: district.id,
          rrule: 'FREQ=SECONDLY',
          firstStartsAt: later(48).toISOString(),
          durationMinutes: 120,
          until: later(24 * 30).toISOString(),
          meetingPoint: 'Torget',
          maxWalkers: 6,
        },
      });
      expect(code).toBe('BAD_USER_INPUT');
      expect(await count(Shift)).toBe(before);
    });
  });

  describe('signing up', () => {
    it('confirms a member, notifies them, and shows names to walkers and coordinators but counts to others', async () => {
      const g = await test.factories.nightWalkGroup(2);
      const shift = await test.factories.shift(g);
      const signup = await signedUp(g.walkers[0], shift.id);
      expect(signup).toMatchObject({
        status: 'CONFIRMED',
        position: null,
        shift: { id: shift.id, confirmedCount: 1 },
      });
      const forWalker = await g.walkers[0].client.ok(SHIFT, { id: shift.id });
      expect(forWalker.shift.signups.map((signup: any) => signup.person.id)).toEqual([
        g.walkers[0].person.id,
      ]);
      await g.coordinator.client.ok(SHIFT, { id: shift.id });
      expect(await g.walkers[1].client.code(SHIFT, { id: shift.id })).toBe('FORBIDDEN');
      const anonymous = await test.anonymous.request(SHIFT, { id: shift.id });
      expect((anonymous.data as any).shift).toMatchObject({ confirmedCount: 1, signups: null });
      expect(codesOf(anonymous)).toEqual(['UNAUTHENTICATED']);
      expect(await notificationKinds(g.walkers[0].person.id)).toEqual(['SIGNUP_CONFIRMED']);
    });

    it('refuses people who are not active members of the organisation (FORBIDDEN)', async () => {
      const g = await test.factories.nightWalkGroup(0);
      const other = await test.factories.nightWalkGroup(1);
      const shift = await test.factories.shift(g);
      expect(codesOf(await signUp(other.walkers[0], shift.id))).toEqual(['FORBIDDEN']);
      expect(await test.dataSource.getRepository(Signup).countBy({ shiftId: shift.id })).toBe(0);
      expect((await storedShift(shift.id)).confirmedCount).toBe(0);
    });

    it('refuses a second signup for the same walk (ALREADY_SIGNED_UP), and allows one after cancelling', async () => {
      const g = await test.factories.nightWalkGroup(1);
      const shift = await test.factories.shift(g);
      const signup = await signedUp(g.walkers[0], shift.id);
      expect(codesOf(await signUp(g.walkers[0], shift.id, true))).toEqual(['ALREADY_SIGNED_UP']);
      await g.walkers[0].client.ok(CANCEL_SIGNUP, { input: { signupId: signup.id } });
      expect((await signedUp(g.walkers[0], shift.id)).status).toBe('CONFIRMED');
    });

    it('refuses a walk overlapping one the person has a place on (SCHEDULE_CONFLICT); back-to-back is fine', async () => {
      const g = await test.factories.nightWalkGroup(1);
      const district = await test.factories.district();
      const start = later(72);
      const first = await test.factories.shift(g, {
        districtId: district.id,
        startsAt: start,
        endsAt: new Date(start.getTime() + 4 * HOUR),
      });
      const overlapping = await test.factories.shift(g, {
        startsAt: new Date(start.getTime() + 3 * HOUR),
        endsAt: new Date(start.getTime() + 6 * HOUR),
      });
      const backToBack = await test.factories.shift(g, {
        startsAt: new Date(start.getTime() + 4 * HOUR),
        endsAt: new Date(start.getTime() + 6 * HOUR),
      });
      await signedUp(g.walkers[0], first.id);
      const conflict = await signUp(g.walkers[0], overlapping.id);
      expect(codesOf(conflict)).toEqual(['SCHEDULE_CONFLICT']);
      expect(conflict.errors?.[0].extensions.details).toEqual({ shiftId: first.id });
      await signedUp(g.walkers[0], backToBack.id);
    });

    it('requires the walk’s credentials, verified and valid until the walk ends (CREDENTIAL_REQUIRED)', async () => {
      const g = await test.factories.nightWalkGroup(1);
      const walker = g.walkers[0];
      const startsAt = DateTime.fromJSDate(later(24 * 5))
        .setZone('Europe/Stockholm')
        .set({ hour: 22, minute: 0 });
      const shift = await test.factories.shift(g, {
        startsAt: startsAt.toJSDate(),
        endsAt: startsAt.plus({ hours: 4 }).toJSDate(), // 02:00 the next day
        requiredCredentials: [CredentialKind.POLICE_RECORD_CHECK],
      });
      const missing = await signUp(walker, shift.id);
      expect(codesOf(missing)).toEqual(['CREDENTIAL_REQUIRED']);
      expect(missing.errors?.[0].extensions.details).toEqual({ missing: ['POLICE_RECORD_CHECK'] });
      // Self-recorded: not verified yet.
      await walker.client.ok(ADD_CREDENTIAL, {
        input: {
          organisationId: g.organisation.id,
          kind: 'POLICE_RECORD_CHECK',
          validUntil: startsAt.plus({ years: 1 }).toISODate(),
        },
      });
      expect(codesOf(await signUp(walker, shift.id))).toEqual(['CREDENTIAL_REQUIRED']);
      // Verified, but it expires on the evening the walk starts, before it ends after midnight.
      await g.admin.client.ok(ADD_CREDENTIAL, {
        input: {
          organisationId: g.organisation.id,
          personId: walker.person.id,
          kind: 'POLICE_RECORD_CHECK',
          validUntil: startsAt.toISODate(),
        },
      });
      expect(codesOf(await signUp(walker, shift.id))).toEqual(['CREDENTIAL_REQUIRED']);
      await g.admin.client.ok(ADD_CREDENTIAL, {
        input: {
          organisationId: g.organisation.id,
          personId: walker.person.id,
          kind: 'POLICE_RECORD_CHECK',
          validUntil: startsAt.plus({ days: 1 }).toISODate(),
        },
      });
      expect((await signedUp(walker, shift.id)).status).toBe('CONFIRMED');
    });

    it('closes signups after the deadline, at the start, and for cancelled walks (SIGNUP_CLOSED)', async () => {
      const g = await test.factories.nightWalkGroup(3);
      const startsAt = later(24);
      const shift = await test.factories.shift(g, {
        startsAt,
        signupDeadline: new Date(startsAt.getTime() - 2 * HOUR),
      });
      test.clock.advance(22 * HOUR + 60_000);
      expect(codesOf(await signUp(g.walkers[0], shift.id))).toEqual(['SIGNUP_CLOSED']);
      test.clock.reset();
      const started = await test.factories.shift(g, { startsAt: later(1) });
      test.clock.advance(HOUR);
      expect(codesOf(await signUp(g.walkers[1], started.id))).toEqual(['SIGNUP_CLOSED']);
      test.clock.reset();
      const cancelled = await test.factories.shift(g);
      await g.coordinator.client.ok(CANCEL_SHIFT, {
        input: { shiftId: cancelled.id, reason: 'Oväder' },
      });
      expect(codesOf(await signUp(g.walkers[2], cancelled.id))).toEqual(['SIGNUP_CLOSED']);
    });

    it('answers SHIFT_FULL when full, or queues with a position when asked to', async () => {
      const g = await test.factories.nightWalkGroup(5);
      const shift = await test.factories.shift(g, { minWalkers: 2, maxWalkers: 2 });
      await signedUp(g.walkers[0], shift.id);
      await signedUp(g.walkers[1], shift.id);
      expect(codesOf(await signUp(g.walkers[2], shift.id))).toEqual(['SHIFT_FULL']);
      const queued = [];
      for (const walker of g.walkers.slice(2)) {
        queued.push(await signedUp(walker, shift.id, true));
      }
      expect(queued.map((signup) => [signup.status, signup.position])).toEqual([
        ['WAITLISTED', 1],
        ['WAITLISTED', 2],
        ['WAITLISTED', 3],
      ]);
      expect(queued[2].shift).toMatchObject({ confirmedCount: 2, waitlistCount: 3 });
    });
  });

  describe('waitlist', () => {
    it('gives a freed place to the first on the waitlist in the same transaction, and notifies them', async () => {
      const g = await test.factories.nightWalkGroup(4);
      const shift = await test.factories.shift(g, { minWalkers: 2, maxWalkers: 2 });
      const [a, b, c, d] = g.walkers;
      const first = await signedUp(a, shift.id);
      await signedUp(b, shift.id);
      await signedUp(c, shift.id, true);
      await signedUp(d, shift.id, true);
      await a.client.ok(CANCEL_SIGNUP, { input: { signupId: first.id } });
      const { shift: after } = await g.coordinator.client.ok(SHIFT, { id: shift.id });
      expect(after).toMatchObject({ confirmedCount: 2, waitlistCount: 1 });
      expect(
        after.signups.map((signup: any) => [signup.person.id, signup.status, signup.position]),
      ).toEqual([
        [b.person.id, 'CONFIRMED', null],
        [c.person.id, 'CONFIRMED', null],
        [d.person.id, 'WAITLISTED', 1],
      ]);
      expect(await notificationKinds(c.person.id)).toEqual(['PROMOTED_FROM_WAITLIST']);
    });

    it('promotes two people when two confirmed walkers cancel at the same moment', async () => {
      for (let round = 0; round < 3; round += 1) {
        const g = await test.factories.nightWalkGroup(5);
        const shift = await test.factories.shift(g, { minWalkers: 2, maxWalkers: 3 });
        const signups: { id: string }[] = [];
        for (const walker of g.walkers) {
          signups.push(await signedUp(walker, shift.id, true));
        }
        const responses = await Promise.all([
          g.walkers[0].client.request(CANCEL_SIGNUP, { input: { signupId: signups[0].id } }),
          g.walkers[1].client.request(CANCEL_SIGNUP, { input: { signupId: signups[1].id } }),
        ]);
        expect(responses.flatMap(codesOf)).toEqual([]);
        const stored = await test.dataSource.getRepository(Signup).findBy({ shiftId: shift.id });
        const statusOf = (index: number) =>
          stored.find((signup) => signup.id === signups[index].id)?.status;
        expect([0, 1, 2, 3, 4].map(statusOf)).toEqual([
          'CANCELLED',
          'CANCELLED',
          'CONFIRMED',
          'CONFIRMED',
          'CONFIRMED',
        ]);
        expect(await storedShift(shift.id)).toMatchObject({
          confirmedCount: 3,
          waitlistCount: 0,
        });
      }
    });

    it('passes over someone who meanwhile got a place on an overlapping walk, keeping their turn', async () => {
      const g = await test.factories.nightWalkGroup(3);
      const start = later(96);
      const shift = await test.factories.shift(g, {
        startsAt: start,
        minWalkers: 2,
        maxWalkers: 2,
      });
      const clash = await test.factories.shift(g, { startsAt: new Date(start.getTime() + HOUR) });
      const [a, b, c] = g.walkers;
      const seated = await signedUp(a, shift.id);
      await test.factories.member(g.organisation.id, g.admin).then((x) => signedUp(x, shift.id));
      await signedUp(b, shift.id, true);
      await signedUp(c, shift.id, true);
      await signedUp(b, clash.id);
      await a.client.ok(CANCEL_SIGNUP, { input: { signupId: seated.id } });
      const { shift: after } = await g.coordinator.client.ok(SHIFT, { id: shift.id });
      const status = (person: SignedIn) =>
        after.signups.find((signup: any) => signup.person.id === person.person.id);
      expect(status(b)).toMatchObject({ status: 'WAITLISTED', position: 1 });
      expect(status(c)).toMatchObject({ status: 'CONFIRMED' });
    });

    it('passes over someone who left the organisation or lacks a newly required credential', async () => {
      const g = await test.factories.nightWalkGroup(4);
      const shift = await test.factories.shift(g, { minWalkers: 2, maxWalkers: 2 });
      const [a, b, left, lacking] = g.walkers;
      const seated = await signedUp(a, shift.id);
      await signedUp(b, shift.id);
      await signedUp(left, shift.id, true);
      await signedUp(lacking, shift.id, true);
      const third = await test.factories.member(g.organisation.id, g.admin);
      await signedUp(third, shift.id, true);
      await left.client.ok(LEAVE_ORGANISATION, { input: { organisationId: g.organisation.id } });
      // Now the walk needs first aid, which only the third person on the waitlist has.
      await g.admin.client.ok(ADD_CREDENTIAL, {
        input: {
          organisationId: g.organisation.id,
          personId: third.person.id,
          kind: 'FIRST_AID',
          validUntil: DateTime.fromJSDate(later(24 * 60)).toISODate(),
        },
      });
      await g.coordinator.client.ok(UPDATE_SHIFT, {
        input: { shiftId: shift.id, requiredCredentials: ['FIRST_AID'] },
      });
      await a.client.ok(CANCEL_SIGNUP, { input: { signupId: seated.id } });
      const stored = await test.dataSource.getRepository(Signup).findBy({ shiftId: shift.id });
      const statusOf = (who: SignedIn) =>
        stored.find(
          (signup) => signup.personId === who.person.id && signup.status !== SignupStatus.CANCELLED,
        )?.status;
      expect([b, left, lacking, third].map(statusOf)).toEqual([
        'CONFIRMED',
        'WAITLISTED',
        'WAITLISTED',
        'CONFIRMED',
      ]);
    });

    it('calls nobody in once the walk has started, and nothing changes after it has ended', async () => {
      const g = await test.factories.nightWalkGroup(3);
      const shift = await test.factories.shift(g, {
        startsAt: later(2),
        endsAt: later(5),
        minWalkers: 2,
        maxWalkers: 2,
      });
      const [a, b, c] = g.walkers;
      const first = await signedUp(a, shift.id);
      const second = await signedUp(b, shift.id);
      await signedUp(c, shift.id, true);
      test.clock.advance(3 * HOUR);
      // During the walk a coordinator may still cancel a signup, but the waitlist stays as it is.
      await g.coordinator.client.ok(CANCEL_SIGNUP, { input: { signupId: first.id } });
      expect(await storedShift(shift.id)).toMatchObject({ confirmedCount: 1, waitlistCount: 1 });
      expect(
        await notificationKinds(c.person.id, NotificationKind.PROMOTED_FROM_WAITLIST),
      ).toHaveLength(0);
      test.clock.advance(3 * HOUR);
      // After it: neither a signup nor the walk can be cancelled any more.
      expect(
        await g.coordinator.client.code(CANCEL_SIGNUP, { input: { signupId: second.id } }),
      ).toBe('INVALID_STATE_TRANSITION');
      expect(
        await g.coordinator.client.code(CANCEL_SHIFT, {
          input: { shiftId: shift.id, reason: 'För sent' },
        }),
      ).toBe('INVALID_STATE_TRANSITION');
      expect((await storedShift(shift.id)).status).toBe('PLANNED');
    });

    it('promotes from the waitlist when the coordinator adds places', async () => {
      const g = await test.factories.nightWalkGroup(3);
      const shift = await test.factories.shift(g, { minWalkers: 2, maxWalkers: 2 });
      for (const walker of g.walkers) await signedUp(walker, shift.id, true);
      const { updateShift } = await g.coordinator.client.ok(
        `mutation($input: UpdateShiftInput!) { updateShift(input: $input) { maxWalkers confirmedCount waitlistCount } }`,
        { input: { shiftId: shift.id, maxWalkers: 3 } },
      );
      expect(updateShift).toEqual({ maxWalkers: 3, confirmedCount: 3, waitlistCount: 0 });
      expect(
        await g.coordinator.client.code(UPDATE_SHIFT, {
          input: { shiftId: shift.id, maxWalkers: 2 },
        }),
      ).toBe('BAD_USER_INPUT');
    });
  });

  describe('staffing', () => {
    const UNDERSTAFFED = `query($id: ID!) { understaffedShifts(organisationId: $id) { id confirmedCount minWalkers } }`;

    it('lists walks below minWalkers once their deadline has passed; the coordinator confirms or cancels', async () => {
      const g = await test.factories.nightWalkGroup(3);
      const startsAt = later(10);
      const short = await test.factories.shift(g, {
        startsAt,
        signupDeadline: later(2),
        minWalkers: 3,
      });
      const staffed = await test.factories.shift(g, {
        startsAt: later(11),
        signupDeadline: later(2),
        minWalkers: 2,
      });
      const open = await test.factories.shift(g, { startsAt: later(12), minWalkers: 3 });
      await signedUp(g.walkers[0], short.id);
      await signedUp(g.walkers[1], staffed.id);
      await signedUp(g.walkers[2], staffed.id);
      expect(
        (await g.coordinator.client.ok(UNDERSTAFFED, { id: g.organisation.id })).understaffedShifts,
      ).toEqual([]);
      test.clock.advance(3 * HOUR);
      const { understaffedShifts } = await g.coordinator.client.ok(UNDERSTAFFED, {
        id: g.organisation.id,
      });
      expect(understaffedShifts).toEqual([{ id: short.id, confirmedCount: 1, minWalkers: 3 }]);
      expect(understaffedShifts.map((shift: { id: string }) => shift.id)).not.toContain(open.id);
      expect(await g.walkers[0].client.code(UNDERSTAFFED, { id: g.organisation.id })).toBe(
        'FORBIDDEN',
      );
      const { confirmShift } = await g.coordinator.client.ok(
        `mutation($input: ShiftIdInput!) { confirmShift(input: $input) { status } }`,
        { input: { shiftId: short.id } },
      );
      expect(confirmShift.status).toBe('CONFIRMED');
      expect(
        (await g.coordinator.client.ok(UNDERSTAFFED, { id: g.organisation.id })).understaffedShifts,
      ).toEqual([]);
    });

    it('lists a walk whose signups close at its start (the default) while it is under way', async () => {
      const g = await test.factories.nightWalkGroup(1);
      const shift = await test.factories.shift(g, {
        startsAt: later(2),
        endsAt: later(5),
        minWalkers: 3,
      });
      await signedUp(g.walkers[0], shift.id);
      const listed = async () =>
        (
          await g.coordinator.client.ok(UNDERSTAFFED, { id: g.organisation.id })
        ).understaffedShifts.map((walk: { id: string }) => walk.id);
      expect(await listed()).toEqual([]);
      test.clock.advance(2 * HOUR + 60_000);
      expect(await listed()).toEqual([shift.id]);
      test.clock.advance(3 * HOUR);
      expect(await listed()).toEqual([]);
    });

    it('cancelling a walk notifies everyone signed up (confirmed and waitlisted) and frees them', async () => {
      const g = await test.factories.nightWalkGroup(3);
      const shift = await test.factories.shift(g, { minWalkers: 2, maxWalkers: 2 });
      for (const walker of g.walkers) await signedUp(walker, shift.id, true);
      const { cancelShift } = await g.coordinator.client.ok(
        `mutation($input: CancelShiftInput!) { cancelShift(input: $input) { status cancelReason confirmedCount waitlistCount } }`,
        { input: { shiftId: shift.id, reason: 'Storm' } },
      );
      expect(cancelShift).toEqual({
        status: 'CANCELLED',
        cancelReason: 'Storm',
        confirmedCount: 0,
        waitlistCount: 0,
      });
      const signups = await test.dataSource.getRepository(Signup).findBy({ shiftId: shift.id });
      expect(signups.map((signup) => signup.status)).toEqual([
        'CANCELLED',
        'CANCELLED',
        'CANCELLED',
      ]);
      for (const walker of g.walkers) {
        expect(await notificationKinds(walker.person.id)).toContain('SHIFT_CANCELLED');
      }
      // Freed: the same evening can be walked with another walk.
      const other = await test.factories.shift(g, {
        startsAt: shift.startsAt,
        endsAt: shift.endsAt,
      });
      await signedUp(g.walkers[0], other.id);
      expect(
        await g.coordinator.client.code(CANCEL_SHIFT, {
          input: { shiftId: shift.id, reason: 'igen' },
        }),
      ).toBe('INVALID_STATE_TRANSITION');
    });

    it('refuses to move a walk onto another walk one of its walkers has a place on (SCHEDULE_CONFLICT)', async () => {
      const g = await test.factories.nightWalkGroup(1);
      const walker = g.walkers[0];
      const first = await test.factories.shift(g, { startsAt: later(48), endsAt: later(50) });
      const second = await test.factories.shift(g, { startsAt: later(50), endsAt: later(52) });
      await signedUp(walker, first.id);
      const onSecond = await signedUp(walker, second.id);
      const UPDATE = `mutation($input: UpdateShiftInput!) { updateShift(input: $input) { startsAt } }`;
      const response = await g.coordinator.client.request(UPDATE, {
        input: { shiftId: second.id, startsAt: later(49), endsAt: later(51) },
      });
      expect(codesOf(response)).toEqual(['SCHEDULE_CONFLICT']);
      expect(response.errors?.[0].extensions.details).toEqual({
        conflicts: [{ signupId: onSecond.id, shiftId: first.id }],
      });
      const stored = await storedShift(second.id);
      expect(stored.startsAt.getTime()).toBe(second.startsAt.getTime());
      // Later, clear of the first walk, is fine.
      await g.coordinator.client.ok(UPDATE, {
        input: { shiftId: second.id, startsAt: later(51), endsAt: later(53) },
      });
    });

    it('reminds again when a reminded walk is moved to a later day', async () => {
      const g = await test.factories.nightWalkGroup(1);
      const shift = await test.factories.shift(g, { startsAt: later(20), endsAt: later(22) });
      await signedUp(g.walkers[0], shift.id);
      const jobs = test.get(NightWalkJobsService);
      const reminders = async () =>
        (await notificationKinds(g.walkers[0].person.id, NotificationKind.SHIFT_REMINDER)).length;
      await jobs.sendReminders();
      expect(await reminders()).toBe(1);
      await g.coordinator.client.ok(UPDATE_SHIFT, {
        input: { shiftId: shift.id, startsAt: later(68), endsAt: later(70) },
      });
      await jobs.sendReminders();
      expect(await reminders()).toBe(1);
      test.clock.advance(48 * HOUR);
      await jobs.sendReminders();
      expect(await reminders()).toBe(2);
    });

    it('reminds confirmed walkers once, a day before', async () => {
      const g = await test.factories.nightWalkGroup(2);
      const soon = await test.factories.shift(g, { startsAt: later(20) });
      const far = await test.factories.shift(g, { startsAt: later(50) });
      await signedUp(g.walkers[0], soon.id);
      await signedUp(g.walkers[1], far.id);
      const jobs = test.get(NightWalkJobsService);
      await jobs.sendReminders();
      await jobs.sendReminders();
      const reminders = (walker: SignedIn) =>
        notificationKinds(walker.person.id, NotificationKind.SHIFT_REMINDER);
      expect(await reminders(g.walkers[0])).toEqual(['SHIFT_REMINDER']);
      expect(await reminders(g.walkers[1])).toEqual([]);
    });
  });

  describe('check-in, no-shows and reports', () => {
    it('checks in from an hour before the start; after the end, the unchecked become NO_SHOW', async () => {
      const g = await test.factories.nightWalkGroup(3);
      const shift = await test.factories.shift(g, { startsAt: later(5), endsAt: later(9) });
      const signups = [];
      for (const walker of g.walkers) signups.push(await signedUp(walker, shift.id));
      expect(await g.walkers[0].client.code(CHECK_IN, { input: { signupId: signups[0].id } })).toBe(
        'CHECK_IN_CLOSED',
      );
      test.clock.advance(4 * HOUR + 60_000);
      expect(
        (await g.walkers[0].client.ok(CHECK_IN, { input: { signupId: signups[0].id } })).checkIn
          .status,
      ).toBe('ATTENDED');
      expect(await g.walkers[0].client.code(CHECK_IN, { input: { signupId: signups[0].id } })).toBe(
        'INVALID_STATE_TRANSITION',
      );
      expect(await g.walkers[1].client.code(CHECK_IN, { input: { signupId: signups[0].id } })).toBe(
        'FORBIDDEN',
      );
      test.clock.advance(5 * HOUR);
      expect(await test.get(NightWalkJobsService).markNoShows()).toBeGreaterThanOrEqual(2);
      const stored = await test.dataSource.getRepository(Signup).findBy({ shiftId: shift.id });
      expect(stored.map((signup) => [signup.personId, signup.status]).sort()).toEqual(
        [
          [g.walkers[0].person.id, 'ATTENDED'],
          [g.walkers[1].person.id, 'NO_SHOW'],
          [g.walkers[2].person.id, 'NO_SHOW'],
        ].sort(),
      );
      // The walker can no longer check in; the coordinator can correct a no-show.
      expect(await g.walkers[1].client.code(CHECK_IN, { input: { signupId: signups[1].id } })).toBe(
        'CHECK_IN_CLOSED',
      );
      expect(
        (await g.coordinator.client.ok(CHECK_IN, { input: { signupId: signups[1].id } })).checkIn
          .status,
      ).toBe('ATTENDED');
    });

    it('a walker who checked in reports after the walk and completes it; a no-show, an outsider, a second report or one before the end are refused', async () => {
      const g = await test.factories.nightWalkGroup(3);
      const shift = await test.factories.shift(g, { startsAt: later(2), endsAt: later(6) });
      const signups = [];
      for (const walker of g.walkers.slice(0, 2)) {
        signups.push(await signedUp(walker, shift.id));
      }
      const input = {
        shiftId: shift.id,
        youngPeopleMet: 14,
        adultsMet: 3,
        referrals: 1,
        policeContacted: 0,
        incidentCategories: ['ALCOHOL'],
        areasCovered: ['Kronogårdstorget', 'Skolan'],
        notes: 'Lugn kväll, ungdomar samlades vid skolan.',
      };
      test.clock.advance(3 * HOUR);
      // During the walk: checked in, but the report comes after it.
      await g.walkers[0].client.ok(CHECK_IN, { input: { signupId: signups[0].id } });
      const early = await g.walkers[0].client.request(REPORT, { input });
      expect(codesOf(early)).toEqual(['INVALID_STATE_TRANSITION']);
      // The message and the details name the walk's real status and when it ends.
      const status = (await storedShift(shift.id)).status;
      const endsAt = toStockholmIso(shift.endsAt);
      expect(early.errors?.[0].message).toBe(
        `Shift cannot go from ${status} to COMPLETED before it ends (${endsAt})`,
      );
      expect(early.errors?.[0].extensions).toMatchObject({
        details: { from: status, to: 'COMPLETED', endsAt },
      });
      test.clock.advance(4 * HOUR);
      await test.get(NightWalkJobsService).markNoShows();
      // Neither the walker who never came nor someone not on the walk can report (or gain hours).
      expect(await g.walkers[1].client.code(REPORT, { input })).toBe('FORBIDDEN');
      expect(await g.walkers[2].client.code(REPORT, { input })).toBe('FORBIDDEN');
      await g.walkers[0].client.ok(REPORT, { input });
      const stored = await storedShift(shift.id);
      expect(stored.status).toBe('COMPLETED');
      const statuses = await test.dataSource
        .getRepository(Signup)
        .findBy({ id: In(signups.map((signup) => signup.id)) });
      expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({
        [signups[0].id]: 'ATTENDED',
        [signups[1].id]: 'NO_SHOW',
      });
      expect(await g.coordinator.client.code(REPORT, { input })).toBe('INVALID_STATE_TRANSITION');
      const { shift: seen } = await g.coordinator.client.ok(
        `query($id: ID!) { shift(id: $id) { status report { youngPeopleMet incidentCategories areasCovered submittedBy { id } } } }`,
        { id: shift.id },
      );
      expect(seen.report).toEqual({
        youngPeopleMet: 14,
        incidentCategories: ['ALCOHOL'],
        areasCovered: ['Kronogårdstorget', 'Skolan'],
        submittedBy: { id: g.walkers[0].person.id },
      });
      const outsider = await test.factories.signedIn();
      expect(
        await outsider.client.code(`query($id: ID!) { shift(id: $id) { report { id } } }`, {
          id: shift.id,
        }),
      ).toBe('FORBIDDEN');
    });

    it.each([
      ['notes', { notes: 'Pratade med 811218-9876 vid torget' }],
      ['notes', { notes: 'personnummer 198112189876' }],
      ['notes', { notes: 'Felskrivet: 811218-9875' }],
      ['areasCovered', { areasCovered: ['Torget 811218-9876'] }],
    ])(
      'refuses a report whose %s holds a personal identity number, storing nothing',
      async (field, change) => {
        const g = await test.factories.nightWalkGroup(1);
        const shift = await test.factories.shift(g, { startsAt: later(1), endsAt: later(4) });
        test.clock.advance(5 * HOUR);
        const before = await count(WalkReport);
        const response = await g.coordinator.client.request(REPORT, {
          input: {
            shiftId: shift.id,
            youngPeopleMet: 1,
            adultsMet: 0,
            referrals: 0,
            policeContacted: 0,
            ...change,
          },
        });
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
        expect(
          Object.keys((response.errors?.[0].extensions.details as { fields: object }).fields),
        ).toEqual([field]);
        expect(await count(WalkReport)).toBe(before);
        expect((await storedShift(shift.id)).status).toBe('PLANNED');
      },
    );
  });

  describe('hours', () => {
    it('credits attended, reported walks by their duration; myHours and volunteerHours agree', async () => {
      const g = await test.factories.nightWalkGroup(2);
      const [a, b] = g.walkers;
      const long = await test.factories.shift(g, { startsAt: later(1), endsAt: later(5) }); // 4 h
      const short = await test.factories.shift(g, { startsAt: later(6), endsAt: later(8.5) }); // 2.5 h
      const unreported = await test.factories.shift(g, { startsAt: later(9), endsAt: later(11) });
      const ids: Record<string, string> = {};
      for (const [walker, shift] of [
        [a, long],
        [b, long],
        [a, short],
        [a, unreported],
      ] as const) {
        ids[`${walker.person.id}:${shift.id}`] = (await signedUp(walker, shift.id)).id;
      }
      test.clock.advance(12 * HOUR);
      for (const [walker, shift] of [
        [a, long],
        [b, long],
        [a, short],
        [a, unreported],
      ] as const) {
        await g.coordinator.client.ok(CHECK_IN, {
          input: { signupId: ids[`${walker.person.id}:${shift.id}`] },
        });
      }
      for (const shift of [long, short]) {
        await g.coordinator.client.ok(REPORT, {
          input: {
            shiftId: shift.id,
            youngPeopleMet: 0,
            adultsMet: 0,
            referrals: 0,
            policeContacted: 0,
          },
        });
      }
      const range = { from: later(-24).toISOString(), to: later(24).toISOString() };
      const mine = await a.client.ok(
        `query($from: DateTime, $to: DateTime) { myHours(from: $from, to: $to) { walks minutes hours } }`,
        range,
      );
      expect(mine.myHours).toEqual({ walks: 2, minutes: 390, hours: 6.5 });
      const { volunteerHours } = await g.coordinator.client.ok(
        `query($org: ID!, $from: DateTime, $to: DateTime) { volunteerHours(organisationId: $org, from: $from, to: $to) { person { id } walks minutes hours } }`,
        { org: g.organisation.id, ...range },
      );
      expect(volunteerHours).toEqual([
        { person: { id: a.person.id }, walks: 2, minutes: 390, hours: 6.5 },
        { person: { id: b.person.id }, walks: 1, minutes: 240, hours: 4 },
      ]);
      expect(
        await a.client.code(
          `query($org: ID!) { volunteerHours(organisationId: $org) { minutes } }`,
          { org: g.organisation.id },
        ),
      ).toBe('FORBIDDEN');
    });
  });

  describe('visibility and notifications', () => {
    it('hides a suspended organisation’s walks from the public but not from its members', async () => {
      const g = await test.factories.nightWalkGroup(1);
      const shift = await test.factories.shift(g);
      await test.factories.suspend(g.organisation.id);
      expect(
        await test.anonymous.code(`query($id: ID!) { shift(id: $id) { id } }`, { id: shift.id }),
      ).toBe('NOT_FOUND');
      await g.walkers[0].client.ok(`query($id: ID!) { shift(id: $id) { id } }`, { id: shift.id });
      const { shifts } = await test.anonymous.ok(
        `query($org: ID!) { shifts(filter: { organisationId: $org }) { totalCount } }`,
        { org: g.organisation.id },
      );
      expect(shifts.totalCount).toBe(0);
    });

    it('takes no signups, changes or confirmations for a suspended organisation’s walks', async () => {
      const g = await test.factories.nightWalkGroup(1);
      const shift = await test.factories.shift(g);
      await test.factories.suspend(g.organisation.id);
      expect(codesOf(await signUp(g.walkers[0], shift.id))).toEqual(['ORGANISATION_NOT_VERIFIED']);
      expect(
        await g.coordinator.client.code(UPDATE_SHIFT, {
          input: { shiftId: shift.id, maxWalkers: 6 },
        }),
      ).toBe('ORGANISATION_NOT_VERIFIED');
      expect(await g.coordinator.client.code(CONFIRM_SHIFT, { input: { shiftId: shift.id } })).toBe(
        'ORGANISATION_NOT_VERIFIED',
      );
      expect(await storedShift(shift.id)).toMatchObject({
        status: 'PLANNED',
        confirmedCount: 0,
        maxWalkers: shift.maxWalkers,
      });
    });

    it('lists walks under their organisation and district, and mine under myShifts', async () => {
      const g = await test.factories.nightWalkGroup(1);
      const district = await test.factories.district();
      const shift = await test.factories.shift(g, { districtId: district.id });
      await signedUp(g.walkers[0], shift.id);
      const byOrg = await test.anonymous.ok(
        `query($id: ID!) { organisation(id: $id) { shifts { id } } }`,
        { id: g.organisation.id },
      );
      expect(byOrg.organisation.shifts).toEqual([{ id: shift.id }]);
      const byDistrict = await test.anonymous.ok(
        `query($id: ID!) { district(id: $id) { shifts { id } } }`,
        { id: district.id },
      );
      expect(byDistrict.district.shifts).toEqual([{ id: shift.id }]);
      const mine = await g.walkers[0].client.ok(`{ myShifts { id mySignup { status } } }`);
      expect(mine.myShifts).toEqual([{ id: shift.id, mySignup: { status: 'CONFIRMED' } }]);
    });

    it('lets people read and mark their own notifications, and nobody else’s', async () => {
      const g = await test.factories.nightWalkGroup(1);
      const shift = await test.factories.shift(g);
      await signedUp(g.walkers[0], shift.id);
      const { myNotifications } = await g.walkers[0].client.ok(
        `{ myNotifications(unreadOnly: true) { totalCount edges { node { id kind subject data readAt } } } }`,
      );
      expect(myNotifications.totalCount).toBe(1);
      const [{ node }] = myNotifications.edges;
      expect(node).toMatchObject({
        kind: 'SIGNUP_CONFIRMED',
        data: { shiftId: shift.id },
        readAt: null,
      });
      const MARK = `mutation($input: NotificationIdInput!) { markNotificationRead(input: $input) { readAt } }`;
      expect(await g.admin.client.code(MARK, { input: { notificationId: node.id } })).toBe(
        'NOT_FOUND',
      );
      expect(
        (await g.walkers[0].client.ok(MARK, { input: { notificationId: node.id } }))
          .markNotificationRead.readAt,
      ).not.toBeNull();
      const unread = await g.walkers[0].client.ok(
        `{ myNotifications(unreadOnly: true) { totalCount } }`,
      );
      expect(unread.myNotifications.totalCount).toBe(0);
    });
  });
});
