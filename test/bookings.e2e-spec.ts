import { DateTime } from 'luxon';
import request from 'supertest';
import { In } from 'typeorm';
import {
  Blackout,
  BookableBy,
  Booking,
  BookingJobsService,
  BookingSeries,
  BookingStatus,
  Resource,
  ResourceKind,
} from '../src/modules/bookings';
import { Notification, NotificationKind } from '../src/modules/notifications';
import {
  MembershipRole,
  Organisation,
  OrganisationKind,
  OrganisationStatus,
} from '../src/modules/organisations';
import { SignedIn } from './support/factories';
import { Client, codesOf } from './support/graphql-client';
import { parseFeed } from './support/ical';
import { TestApp } from './support/test-app';

const ZONE = 'Europe/Stockholm';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/**
 * "Now" for this suite: a fixed Wednesday morning, so no test depends on when it runs (a run just
 * before midnight used to compute "in 14 days" on one date and be checked on the next).
 */
const NOW = DateTime.fromISO('2027-01-13T10:00', { zone: ZONE }).toJSDate();

const BOOK = `mutation($input: BookResourceInput!) {
  bookResource(input: $input) { id status startsAt endsAt purpose attendees }
}`;
const CREATE_RESOURCE = `mutation($input: CreateResourceInput!) { createResource(input: $input) {
  id name kind location capacity bookableBy allowedKinds requiresApproval bufferMinutes minDurationMinutes
  maxDurationMinutes bookingWindowDays weeklyQuotaHours municipal owner { id } district { id }
} }`;
const UPDATE_RESOURCE = `mutation($input: UpdateResourceInput!) { updateResource(input: $input) {
  id name bufferMinutes capacity maxDurationMinutes weeklyQuotaHours requiresApproval
} }`;
const APPROVE = `mutation($input: BookingIdInput!) { approveBooking(input: $input) { id status decidedAt } }`;
const REJECT = `mutation($input: RejectBookingInput!) { rejectBooking(input: $input) { id status rejectionReason } }`;
const CANCEL = `mutation($input: CancelBookingInput!) { cancelBooking(input: $input) { id status cancelledAt } }`;
const CREATE_BLACKOUT = `mutation($input: CreateBlackoutInput!) { createBlackout(input: $input) {
  id startsAt endsAt reason resource { id } affectedBookings { id status }
} }`;
const REMOVE_BLACKOUT = `mutation($input: BlackoutIdInput!) { removeBlackout(input: $input) { id } }`;
const RECURRING = `mutation($input: BookResourceRecurringInput!) { bookResourceRecurring(input: $input) {
  seriesId bookedCount refusedCount
  occurrences { startsAt endsAt outcome booking { id status seriesId }
    refusal { code bookingId blackoutId startsAt endsAt isoWeek quotaMinutesLeft } }
} }`;
const AVAILABILITY = `query($id: ID!, $from: DateTime!, $to: DateTime!) {
  resourceAvailability(resourceId: $id, from: $from, to: $to) { startsAt endsAt minutes }
}`;

type Owner = { organisation: Organisation; admin: SignedIn };

describe('shared resources and bookings', () => {
  let test: TestApp;
  let officer: SignedIn;

  beforeAll(async () => {
    test = await TestApp.create();
    test.clock.set(NOW);
    officer = await test.factories.municipalOfficer();
  });

  afterAll(async () => {
    await test.close();
  });

  beforeEach(() => test.clock.set(NOW));

  /** A Stockholm wall-clock time `days` days from the suite's today (NOW), e.g. at(7, '18:00'). */
  const at = (days: number, time: string): Date => {
    const [hour, minute] = time.split(':').map(Number);
    return DateTime.fromJSDate(NOW, { zone: ZONE })
      .startOf('day')
      .plus({ days })
      .set({ hour, minute })
      .toJSDate();
  };
  /** Monday 00:00 (Stockholm) of the ISO week `weeks` weeks after this one. */
  const monday = (weeks: number): DateTime =>
    DateTime.fromJSDate(NOW, { zone: ZONE }).startOf('week').plus({ weeks });
  const plus = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * MINUTE);
  const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });

  const bookingInput = (
    resource: Pick<Resource, 'id'>,
    owner: { organisation: Pick<Organisation, 'id'> },
    startsAt: Date,
    endsAt: Date,
    extra: Record<string, unknown> = {},
  ) => ({
    input: {
      resourceId: resource.id,
      organisationId: owner.organisation.id,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      purpose: 'Föräldramöte',
      ...extra,
    },
  });
  const book = (
    client: Client,
    resource: Pick<Resource, 'id'>,
    owner: { organisation: Pick<Organisation, 'id'> },
    startsAt: Date,
    endsAt: Date,
    extra: Record<string, unknown> = {},
  ) => client.request(BOOK, bookingInput(resource, owner, startsAt, endsAt, extra));
  const booked = async (...args: Parameters<typeof book>) => {
    const response = await book(...args);
    expect(response.errors).toBeUndefined();
    return response.data?.bookResource;
  };
  const bookingsOf = (resourceId: string) =>
    test.dataSource
      .getRepository(Booking)
      .find({ where: { resourceId }, order: { startsAt: 'ASC' } });
  const liveBookingsOf = (resourceId: string) =>
    test.dataSource.getRepository(Booking).countBy({
      resourceId,
      status: In([BookingStatus.REQUESTED, BookingStatus.CONFIRMED]),
    });
  const notificationsOf = (personId: string, kind: NotificationKind) =>
    test.dataSource.getRepository(Notification).findBy({ recipientPersonId: personId, kind });
  const association = (kind?: OrganisationKind): Promise<Owner> =>
    test.factories.organisation({ kind });

  describe('resources', () => {
    it('lets an officer add a municipal resource with only name, kind and location, and the documented defaults', async () => {
      const { createResource } = await officer.client.ok(CREATE_RESOURCE, {
        input: {
          name: 'Stadsdelskontoret Kronogården',
          kind: 'ROOM',
          location: 'Kronogårdstorget 1',
        },
      });
      expect(createResource).toMatchObject({
        municipal: true,
        owner: null,
        district: null,
        capacity: null,
        bookableBy: 'ALL_VERIFIED',
        allowedKinds: [],
        requiresApproval: false,
        bufferMinutes: 0,
        minDurationMinutes: null,
        maxDurationMinutes: null,
        bookingWindowDays: null,
        weeklyQuotaHours: null,
      });
      const audit = await test.auditOf(createResource.id);
      expect(audit.map((entry) => entry.action)).toEqual(['resource.created']);
    });

    it("lets a verified organisation's ORG_ADMIN add its own, and no one else", async () => {
      const owner = await association();
      const district = await test.factories.district();
      const input = {
        ownerOrganisationId: owner.organisation.id,
        name: 'Minibussen',
        kind: 'VEHICLE',
        location: 'Hämtas vid föreningsgården',
        districtId: district.id,
        capacity: 8,
        bookableBy: 'LISTED_KINDS',
        allowedKinds: ['NIGHT_WALK_GROUP', 'VOLUNTARY_ASSOCIATION'],
        requiresApproval: true,
        bufferMinutes: 30,
        minDurationMinutes: 60,
        maxDurationMinutes: 600,
        bookingWindowDays: 60,
        weeklyQuotaHours: 10,
      };
      const coordinator = await test.factories.member(
        owner.organisation.id,
        owner.admin,
        MembershipRole.COORDINATOR,
      );
      const before = await test.dataSource.getRepository(Resource).count();
      expect(await coordinator.client.code(CREATE_RESOURCE, { input })).toBe('FORBIDDEN');
      expect(await officer.client.code(CREATE_RESOURCE, { input })).toBe('FORBIDDEN');
      expect(await (await association()).admin.client.code(CREATE_RESOURCE, { input })).toBe(
        'FORBIDDEN',
      );
      // The municipality's own resources are for officers.
      const { ownerOrganisationId: _owner, ...municipal } = input;
      expect(await owner.admin.client.code(CREATE_RESOURCE, { input: municipal })).toBe(
        'FORBIDDEN',
      );
      expect(await test.dataSource.getRepository(Resource).count()).toBe(before);

      const { createResource } = await owner.admin.client.ok(CREATE_RESOURCE, { input });
      expect(createResource).toMatchObject({
        municipal: false,
        owner: { id: owner.organisation.id },
        district: { id: district.id },
        capacity: 8,
        bookableBy: 'LISTED_KINDS',
        allowedKinds: ['NIGHT_WALK_GROUP', 'VOLUNTARY_ASSOCIATION'],
        bufferMinutes: 30,
        weeklyQuotaHours: 10,
      });
    });

    it('refuses a pending organisation (ORGANISATION_NOT_VERIFIED) and contradictory rules (BAD_USER_INPUT), storing nothing', async () => {
      const pending = await test.factories.organisation({ status: OrganisationStatus.PENDING });
      const before = await test.dataSource.getRepository(Resource).count();
      expect(
        await pending.admin.client.code(CREATE_RESOURCE, {
          input: {
            ownerOrganisationId: pending.organisation.id,
            name: 'Rum',
            kind: 'ROOM',
            location: 'Här',
          },
        }),
      ).toBe('ORGANISATION_NOT_VERIFIED');
      for (const rules of [
        { bookableBy: 'OWNER_ONLY' },
        { bookableBy: 'LISTED_KINDS' },
        { allowedKinds: ['WOMENS_SHELTER'] },
        { minDurationMinutes: 120, maxDurationMinutes: 60 },
        { bufferMinutes: -5 },
        { name: ' ' },
      ]) {
        const response = await officer.client.request(CREATE_RESOURCE, {
          input: { name: 'Rum', kind: 'ROOM', location: 'Här', ...rules },
        });
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      }
      expect(await test.dataSource.getRepository(Resource).count()).toBe(before);
    });

    it('is changed by whoever may add it; null clears a limit; the audit log has before and after', async () => {
      const owner = await association();
      const resource = await test.factories.resource({
        owner,
        capacity: 12,
        maxDurationMinutes: 240,
      });
      const update = {
        resourceId: resource.id,
        name: 'Lilla salen',
        bufferMinutes: 15,
        capacity: null,
        weeklyQuotaHours: 6,
      };
      expect(await officer.client.code(UPDATE_RESOURCE, { input: update })).toBe('FORBIDDEN');
      const outsider = await association();
      expect(await outsider.admin.client.code(UPDATE_RESOURCE, { input: update })).toBe(
        'FORBIDDEN',
      );
      const { updateResource } = await owner.admin.client.ok(UPDATE_RESOURCE, { input: update });
      expect(updateResource).toMatchObject({
        name: 'Lilla salen',
        bufferMinutes: 15,
        capacity: null,
        maxDurationMinutes: 240,
        weeklyQuotaHours: 6,
      });
      const [, updated] = await test.auditOf(resource.id);
      expect(updated.action).toBe('resource.updated');
      expect(updated.summary).toMatchObject({
        before: { name: resource.name, capacity: 12 },
        after: { name: 'Lilla salen', capacity: null },
      });
      const municipal = await test.factories.resource();
      expect(
        await owner.admin.client.code(UPDATE_RESOURCE, {
          input: { resourceId: municipal.id, name: 'Kapat' },
        }),
      ).toBe('FORBIDDEN');
      await officer.client.ok(UPDATE_RESOURCE, {
        input: { resourceId: municipal.id, requiresApproval: true },
      });
    });

    it('are listed for every signed-in person, filtered by kind, owner and who may book them', async () => {
      const nightWalkers = await association(OrganisationKind.NIGHT_WALK_GROUP);
      const shelter = await association(OrganisationKind.WOMENS_SHELTER);
      const tag = test.factories.unique('Listning');
      const open = await test.factories.resource({ name: `${tag} A öppen` });
      const listed = await test.factories.resource({
        name: `${tag} B nattvandrare`,
        kind: ResourceKind.EQUIPMENT,
        bookableBy: BookableBy.LISTED_KINDS,
        allowedKinds: [OrganisationKind.NIGHT_WALK_GROUP],
      });
      const own = await test.factories.resource({
        name: `${tag} C egen`,
        owner: shelter,
        bookableBy: BookableBy.OWNER_ONLY,
      });
      const names = async (client: Client, filter: Record<string, unknown>) =>
        (
          await client.ok(
            `query($filter: ResourceFilter) { resources(filter: $filter) { totalCount edges { node { name } } } }`,
            { filter: { search: tag, ...filter } },
          )
        ).resources.edges.map((edge: any) => edge.node.name);
      const volunteer = await test.factories.member(
        nightWalkers.organisation.id,
        nightWalkers.admin,
      );
      expect(await names(volunteer.client, {})).toEqual([open.name, listed.name, own.name]);
      expect(await names(volunteer.client, { kind: 'EQUIPMENT' })).toEqual([listed.name]);
      expect(await names(volunteer.client, { municipal: false })).toEqual([own.name]);
      expect(
        await names(volunteer.client, { ownerOrganisationId: shelter.organisation.id }),
      ).toEqual([own.name]);
      expect(
        await names(volunteer.client, { bookableByOrganisationId: nightWalkers.organisation.id }),
      ).toEqual([open.name, listed.name]);
      expect(
        await names(volunteer.client, { bookableByOrganisationId: shelter.organisation.id }),
      ).toEqual([open.name, own.name]);
      expect(codesOf(await test.anonymous.request(`{ resources { totalCount } }`))).toEqual([
        'UNAUTHENTICATED',
      ]);
      expect(
        await volunteer.client.code(`query($id: ID!) { resource(id: $id) { id } }`, {
          id: '00000000-0000-4000-8000-000000000000',
        }),
      ).toBe('NOT_FOUND');
    });
  });

  describe('booking', () => {
    it('confirms at once without approval, with the resource, organisation and booker as fields', async () => {
      const owner = await association();
      const resource = await test.factories.resource();
      const startsAt = at(5, '18:00');
      const booking = await booked(owner.admin.client, resource, owner, startsAt, at(5, '20:00'), {
        attendees: 12,
      });
      expect(booking).toMatchObject({
        status: 'CONFIRMED',
        purpose: 'Föräldramöte',
        attendees: 12,
      });
      expect(local(booking.startsAt).toFormat('HH:mm')).toBe('18:00');
      const { bookings } = await owner.admin.client.ok(
        `query($id: ID!) { bookings(filter: { resourceId: $id }) { totalCount edges { node {
          id resource { id name } organisation { id } bookedBy { id } } } } }`,
        { id: resource.id },
      );
      expect(bookings.edges[0].node).toEqual({
        id: booking.id,
        resource: { id: resource.id, name: resource.name },
        organisation: { id: owner.organisation.id },
        bookedBy: { id: owner.admin.person.id },
      });
      const audit = await test.auditOf(booking.id);
      expect(audit.map((entry) => entry.action)).toEqual(['booking.confirmed']);
    });

    it('never lets two live bookings overlap: half-open intervals, back-to-back is fine', async () => {
      const [first, second] = [await association(), await association()];
      const resource = await test.factories.resource();
      const taken = await booked(
        first.admin.client,
        resource,
        first,
        at(6, '18:00'),
        at(6, '20:00'),
      );
      // Back to back on both sides.
      await booked(second.admin.client, resource, second, at(6, '20:00'), at(6, '21:00'));
      await booked(second.admin.client, resource, second, at(6, '16:00'), at(6, '18:00'));
      for (const [from, to] of [
        ['19:59', '20:30'],
        ['17:00', '18:01'],
        ['18:30', '19:30'],
        ['17:00', '21:30'],
        ['18:00', '20:00'],
      ]) {
        const response = await book(second.admin.client, resource, second, at(6, from), at(6, to));
        expect(codesOf(response)).toEqual(['BOOKING_CONFLICT']);
        if (from === '18:30') {
          expect(response.errors?.[0].extensions.details).toMatchObject({ bookingId: taken.id });
        }
      }
      expect(await liveBookingsOf(resource.id)).toBe(3);
    });

    it('keeps the buffer free between bookings, on both sides', async () => {
      const owner = await association();
      const resource = await test.factories.resource({ bufferMinutes: 30 });
      const taken = await booked(
        owner.admin.client,
        resource,
        owner,
        at(6, '18:00'),
        at(6, '20:00'),
      );
      const tooClose = [
        ['20:00', '21:00'],
        ['20:29', '21:00'],
        ['16:00', '17:31'],
      ];
      for (const [from, to] of tooClose) {
        const response = await book(owner.admin.client, resource, owner, at(6, from), at(6, to));
        expect(codesOf(response)).toEqual(['BOOKING_CONFLICT']);
        expect(response.errors?.[0].extensions.details).toMatchObject({
          bookingId: taken.id,
          endsAt: DateTime.fromJSDate(at(6, '20:30'), { zone: ZONE }).toISO(),
        });
      }
      await booked(owner.admin.client, resource, owner, at(6, '20:30'), at(6, '21:00'));
      await booked(owner.admin.client, resource, owner, at(6, '16:00'), at(6, '17:30'));
      expect(await liveBookingsOf(resource.id)).toBe(3);
    });

    it("is for the organisation's COORDINATOR or ORG_ADMIN only, and only where bookableBy lets it (FORBIDDEN)", async () => {
      const owner = await association(OrganisationKind.VOLUNTARY_ASSOCIATION);
      const coordinator = await test.factories.member(
        owner.organisation.id,
        owner.admin,
        MembershipRole.COORDINATOR,
      );
      const volunteer = await test.factories.member(owner.organisation.id, owner.admin);
      const other = await association(OrganisationKind.NIGHT_WALK_GROUP);
      const open = await test.factories.resource();
      const slot = [at(8, '10:00'), at(8, '11:00')] as const;

      expect(codesOf(await book(volunteer.client, open, owner, ...slot))).toEqual(['FORBIDDEN']);
      expect(codesOf(await book(other.admin.client, open, owner, ...slot))).toEqual(['FORBIDDEN']);
      expect(codesOf(await book(officer.client, open, owner, ...slot))).toEqual(['FORBIDDEN']);
      expect(await liveBookingsOf(open.id)).toBe(0);
      await booked(coordinator.client, open, owner, ...slot);

      const ownersOnly = await test.factories.resource({
        owner: other,
        bookableBy: BookableBy.OWNER_ONLY,
      });
      expect(codesOf(await book(owner.admin.client, ownersOnly, owner, ...slot))).toEqual([
        'FORBIDDEN',
      ]);
      await booked(other.admin.client, ownersOnly, other, ...slot);

      const nightWalkKit = await test.factories.resource({
        kind: ResourceKind.EQUIPMENT,
        bookableBy: BookableBy.LISTED_KINDS,
        allowedKinds: [OrganisationKind.NIGHT_WALK_GROUP],
      });
      expect(codesOf(await book(owner.admin.client, nightWalkKit, owner, ...slot))).toEqual([
        'FORBIDDEN',
      ]);
      expect(await liveBookingsOf(nightWalkKit.id)).toBe(0);
      await booked(other.admin.client, nightWalkKit, other, ...slot);
    });

    it('is for verified organisations only (ORGANISATION_NOT_VERIFIED), storing nothing', async () => {
      const resource = await test.factories.resource();
      const pending = await test.factories.organisation({ status: OrganisationStatus.PENDING });
      const suspended = await test.factories.organisation({ status: OrganisationStatus.SUSPENDED });
      for (const owner of [pending, suspended]) {
        expect(
          codesOf(await book(owner.admin.client, resource, owner, at(8, '10:00'), at(8, '11:00'))),
        ).toEqual(['ORGANISATION_NOT_VERIFIED']);
      }
      expect(await bookingsOf(resource.id)).toEqual([]);
    });

    it('refuses an end before the start, durations outside the limits and too many attendees (BAD_USER_INPUT), storing nothing', async () => {
      const owner = await association();
      const resource = await test.factories.resource({
        minDurationMinutes: 60,
        maxDurationMinutes: 240,
        capacity: 10,
      });
      const cases: [string, string, Record<string, unknown>][] = [
        ['10:00', '10:00', {}],
        ['10:00', '09:00', {}],
        ['10:00', '10:59', {}],
        ['10:00', '14:01', {}],
        ['10:00', '11:00', { attendees: 11 }],
        ['10:00', '11:00', { purpose: '' }],
      ];
      for (const [from, to, extra] of cases) {
        const response = await book(
          owner.admin.client,
          resource,
          owner,
          at(9, from),
          at(9, to),
          extra,
        );
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      }
      expect(await bookingsOf(resource.id)).toEqual([]);
      await booked(owner.admin.client, resource, owner, at(9, '10:00'), at(9, '14:00'), {
        attendees: 10,
      });
    });

    it('refuses a start in the past or beyond the booking window (BOOKING_OUTSIDE_WINDOW), storing nothing', async () => {
      const owner = await association();
      const resource = await test.factories.resource({ bookingWindowDays: 14 });
      const past = new Date(test.clock.now().getTime() - HOUR);
      expect(
        codesOf(await book(owner.admin.client, resource, owner, past, plus(past, 120))),
      ).toEqual(['BOOKING_OUTSIDE_WINDOW']);
      expect(
        codesOf(await book(owner.admin.client, resource, owner, at(15, '00:00'), at(15, '02:00'))),
      ).toEqual(['BOOKING_OUTSIDE_WINDOW']);
      expect(await bookingsOf(resource.id)).toEqual([]);
      // The whole 14th day is inside the window.
      await booked(owner.admin.client, resource, owner, at(14, '23:00'), at(15, '01:00'));
    });

    it('counts a weekly quota per organisation by ISO week in Stockholm (BOOKING_QUOTA_EXCEEDED), storing nothing', async () => {
      const [owner, other] = [await association(), await association()];
      const resource = await test.factories.resource({ weeklyQuotaHours: 4 });
      const week = monday(2);
      const on = (day: number, time: string) => {
        const [hour, minute] = time.split(':').map(Number);
        return week.plus({ days: day }).set({ hour, minute }).toJSDate();
      };
      await booked(owner.admin.client, resource, owner, on(0, '18:00'), on(0, '21:00'));
      const cancelled = await booked(
        owner.admin.client,
        resource,
        owner,
        on(1, '09:00'),
        on(1, '10:00'),
      );
      await owner.admin.client.ok(CANCEL, { input: { bookingId: cancelled.id } });
      const over = await book(owner.admin.client, resource, owner, on(2, '18:00'), on(2, '19:01'));
      expect(codesOf(over)).toEqual(['BOOKING_QUOTA_EXCEEDED']);
      expect(over.errors?.[0].extensions.details).toMatchObject({
        isoWeek: week.toFormat("kkkk-'W'WW"),
        quotaMinutesLeft: 60,
      });
      expect(await liveBookingsOf(resource.id)).toBe(1);
      // Exactly the quota (the cancelled hour does not count), another organisation, another week.
      await booked(owner.admin.client, resource, owner, on(2, '18:00'), on(2, '19:00'));
      await booked(other.admin.client, resource, other, on(3, '18:00'), on(3, '22:00'));
      await booked(owner.admin.client, resource, owner, on(7, '18:00'), on(7, '22:00'));
      // Sunday 23:00 to Monday 01:00 counts an hour in each week: both are full now.
      expect(
        codesOf(await book(owner.admin.client, resource, owner, on(13, '23:00'), on(14, '01:00'))),
      ).toEqual(['BOOKING_QUOTA_EXCEEDED']);
      const fresh = await test.factories.resource({ weeklyQuotaHours: 2 });
      await booked(owner.admin.client, fresh, owner, on(6, '22:00'), on(7, '02:00'));
    });

    it("does not count the owner's own bookings against the quota (others' are counted)", async () => {
      const owner = await association();
      const other = await association();
      const resource = await test.factories.resource({ owner, weeklyQuotaHours: 2 });
      const week = monday(2);
      const on = (day: number, hour: number) => week.plus({ days: day }).set({ hour }).toJSDate();
      for (const day of [0, 1, 2]) {
        await booked(owner.admin.client, resource, owner, on(day, 9), on(day, 17));
      }
      await booked(other.admin.client, resource, other, on(3, 9), on(3, 11));
      expect(codesOf(await book(other.admin.client, resource, other, on(4, 9), on(4, 10)))).toEqual(
        ['BOOKING_QUOTA_EXCEEDED'],
      );
    });

    it('reports the minutes left as a whole number when times carry seconds', async () => {
      const owner = await association();
      const resource = await test.factories.resource({ weeklyQuotaHours: 4 });
      const week = monday(2);
      // 2 h 59 min 30 s booked: 60.5 minutes are left, reported as 60.
      await test.factories.booking(resource, owner, {
        startsAt: week.plus({ days: 1 }).set({ hour: 10, second: 30 }).toJSDate(),
        endsAt: week.plus({ days: 1 }).set({ hour: 13 }).toJSDate(),
      });
      const single = await book(
        owner.admin.client,
        resource,
        owner,
        week.plus({ days: 2 }).set({ hour: 10 }).toJSDate(),
        week.plus({ days: 2 }).set({ hour: 12 }).toJSDate(),
      );
      expect(single.errors?.[0].extensions).toMatchObject({
        code: 'BOOKING_QUOTA_EXCEEDED',
        details: { quotaMinutesLeft: 60 },
      });
      const { bookResourceRecurring } = await owner.admin.client.ok(RECURRING, {
        input: {
          resourceId: resource.id,
          organisationId: owner.organisation.id,
          rrule: 'FREQ=DAILY;COUNT=1',
          firstStartsAt: week.plus({ days: 3 }).set({ hour: 10 }).toJSDate().toISOString(),
          durationMinutes: 120,
          purpose: 'Samtalsgrupp',
          skipConflicts: true,
        },
      });
      expect(bookResourceRecurring.occurrences[0].refusal).toMatchObject({
        code: 'BOOKING_QUOTA_EXCEEDED',
        quotaMinutesLeft: 60,
      });
    });
  });

  describe('approval', () => {
    async function requestedBooking(requiresOwner = true) {
      const owner = await association();
      const ownerCoordinator = await test.factories.member(
        owner.organisation.id,
        owner.admin,
        MembershipRole.COORDINATOR,
      );
      const booker = await association();
      const resource = requiresOwner
        ? await test.factories.resource({ owner, requiresApproval: true })
        : await test.factories.resource({ requiresApproval: true });
      const booking = await booked(
        booker.admin.client,
        resource,
        booker,
        at(10, '18:00'),
        at(10, '20:00'),
      );
      return { owner, ownerCoordinator, booker, resource, booking };
    }

    it("starts REQUESTED, tells the owner's ORG_ADMINs, and only they approve; the booker is notified", async () => {
      const { owner, ownerCoordinator, booker, resource, booking } = await requestedBooking();
      expect(booking.status).toBe('REQUESTED');
      expect(
        await notificationsOf(owner.admin.person.id, NotificationKind.BOOKING_REQUESTED),
      ).toHaveLength(1);
      // The time is held while it waits.
      expect(
        codesOf(await book(owner.admin.client, resource, owner, at(10, '19:00'), at(10, '21:00'))),
      ).toEqual(['BOOKING_CONFLICT']);
      for (const client of [booker.admin.client, ownerCoordinator.client, officer.client]) {
        expect(await client.code(APPROVE, { input: { bookingId: booking.id } })).toBe('FORBIDDEN');
      }
      const { approveBooking } = await owner.admin.client.ok(APPROVE, {
        input: { bookingId: booking.id },
      });
      expect(approveBooking.status).toBe('CONFIRMED');
      expect(approveBooking.decidedAt).not.toBeNull();
      const [notice] = await notificationsOf(
        booker.admin.person.id,
        NotificationKind.BOOKING_APPROVED,
      );
      expect(notice.data).toMatchObject({ bookingId: booking.id, resourceId: resource.id });
      expect(await owner.admin.client.code(APPROVE, { input: { bookingId: booking.id } })).toBe(
        'INVALID_STATE_TRANSITION',
      );
      expect((await test.auditOf(booking.id)).map((entry) => entry.action)).toEqual([
        'booking.requested',
        'booking.approved',
      ]);
    });

    it('tells every municipal officer of a request for a municipal resource (not ADMIN)', async () => {
      const [first, second] = [
        await test.factories.municipalOfficer(),
        await test.factories.municipalOfficer(),
      ];
      const admin = await test.factories.admin();
      const { booking, resource } = await requestedBooking(false);
      for (const someone of [first, second]) {
        const notices = await notificationsOf(
          someone.person.id,
          NotificationKind.BOOKING_REQUESTED,
        );
        expect(notices.map((notice) => notice.data)).toEqual([
          { resourceId: resource.id, bookingIds: [booking.id] },
        ]);
      }
      expect(await notificationsOf(admin.person.id, NotificationKind.BOOKING_REQUESTED)).toEqual(
        [],
      );
    });

    it('takes an answer only before the booking starts', async () => {
      const { owner, booking } = await requestedBooking();
      test.clock.set(at(10, '18:00'));
      for (const [query, input] of [
        [APPROVE, { bookingId: booking.id }],
        [REJECT, { bookingId: booking.id, reason: 'För sent' }],
      ] as const) {
        expect(await owner.admin.client.code(query, { input })).toBe('INVALID_STATE_TRANSITION');
      }
    });

    it('closes a request nobody answered before it started (EXPIRED, the booker told, the time freed)', async () => {
      const { owner, booker, resource, booking } = await requestedBooking();
      const later = await booked(
        booker.admin.client,
        resource,
        booker,
        at(11, '18:00'),
        at(11, '20:00'),
      );
      const confirmed = await booked(
        owner.admin.client,
        resource,
        owner,
        at(10, '12:00'),
        at(10, '13:00'),
      );
      const jobs = test.get(BookingJobsService);
      test.clock.set(at(10, '17:59'));
      await jobs.expireRequests();
      expect((await bookingsOf(resource.id)).map((row) => row.status)).toEqual([
        'CONFIRMED',
        'REQUESTED',
        'REQUESTED',
      ]);
      test.clock.set(at(10, '18:00'));
      expect(await jobs.expireRequests()).toBeGreaterThanOrEqual(1);
      const stored = await bookingsOf(resource.id);
      expect(stored.map((row) => [row.id, row.status])).toEqual([
        [confirmed.id, 'CONFIRMED'],
        [booking.id, 'EXPIRED'],
        [later.id, 'REQUESTED'],
      ]);
      expect(stored[1].decidedAt).not.toBeNull();
      const [notice] = await notificationsOf(
        booker.admin.person.id,
        NotificationKind.BOOKING_EXPIRED,
      );
      expect(notice.data).toMatchObject({ bookingId: booking.id, resourceId: resource.id });
      expect((await test.auditOf(booking.id)).map((entry) => entry.action)).toEqual([
        'booking.requested',
        'booking.expired',
      ]);
      // Nothing left to close; an expired request is final and holds nothing.
      expect(
        await notificationsOf(booker.admin.person.id, NotificationKind.BOOKING_EXPIRED),
      ).toHaveLength(1);
      await jobs.expireRequests();
      expect(
        await notificationsOf(booker.admin.person.id, NotificationKind.BOOKING_EXPIRED),
      ).toHaveLength(1);
      expect(await owner.admin.client.code(CANCEL, { input: { bookingId: booking.id } })).toBe(
        'INVALID_STATE_TRANSITION',
      );
      await booked(owner.admin.client, resource, owner, at(10, '18:30'), at(10, '19:30'));
    });

    it('lets a municipal officer answer for municipal resources', async () => {
      const { booker, booking } = await requestedBooking(false);
      expect(await booker.admin.client.code(APPROVE, { input: { bookingId: booking.id } })).toBe(
        'FORBIDDEN',
      );
      const { approveBooking } = await officer.client.ok(APPROVE, {
        input: { bookingId: booking.id },
      });
      expect(approveBooking.status).toBe('CONFIRMED');
    });

    it('needs a reason to reject; the booker gets it; a rejected booking never blocks', async () => {
      const { owner, booker, resource, booking } = await requestedBooking();
      const noReason = await owner.admin.client.request(REJECT, {
        input: { bookingId: booking.id, reason: ' ' },
      });
      expect(codesOf(noReason)).toEqual(['BAD_USER_INPUT']);
      expect(
        codesOf(
          await owner.admin.client.request(
            `mutation($id: ID!) { rejectBooking(input: { bookingId: $id }) { id } }`,
            { id: booking.id },
          ),
        ),
      ).toEqual(['BAD_USER_INPUT']);
      expect(
        await booker.admin.client.code(REJECT, { input: { bookingId: booking.id, reason: 'Nej' } }),
      ).toBe('FORBIDDEN');
      const { rejectBooking } = await owner.admin.client.ok(REJECT, {
        input: { bookingId: booking.id, reason: 'Lokalen renoveras' },
      });
      expect(rejectBooking).toMatchObject({
        status: 'REJECTED',
        rejectionReason: 'Lokalen renoveras',
      });
      const [notice] = await notificationsOf(
        booker.admin.person.id,
        NotificationKind.BOOKING_REJECTED,
      );
      expect(notice.body).toContain('Lokalen renoveras');
      expect(await owner.admin.client.code(APPROVE, { input: { bookingId: booking.id } })).toBe(
        'INVALID_STATE_TRANSITION',
      );
      // The same time is free again, for anyone.
      const again = await booked(
        owner.admin.client,
        resource,
        owner,
        at(10, '18:00'),
        at(10, '20:00'),
      );
      expect(again.status).toBe('CONFIRMED'); // the owner's own booking needs no approval
    });

    it('will not approve a request the owner has since blacked out (RESOURCE_BLACKED_OUT)', async () => {
      const { owner, booking, resource } = await requestedBooking();
      await owner.admin.client.ok(CREATE_BLACKOUT, {
        input: {
          resourceId: resource.id,
          startsAt: at(10, '00:00').toISOString(),
          endsAt: at(11, '00:00').toISOString(),
          reason: 'Vattenskada',
        },
      });
      expect(await owner.admin.client.code(APPROVE, { input: { bookingId: booking.id } })).toBe(
        'RESOURCE_BLACKED_OUT',
      );
      await owner.admin.client.ok(REJECT, {
        input: { bookingId: booking.id, reason: 'Vattenskada' },
      });
    });
  });

  describe('cancelling', () => {
    it('frees the slot at once, for the booker organisation or the owner, who then notifies the booker', async () => {
      const owner = await association();
      const booker = await association();
      const volunteer = await test.factories.member(booker.organisation.id, booker.admin);
      const coordinator = await test.factories.member(
        booker.organisation.id,
        booker.admin,
        MembershipRole.COORDINATOR,
      );
      const resource = await test.factories.resource({ owner });
      const slot = [at(12, '18:00'), at(12, '20:00')] as const;
      const first = await booked(booker.admin.client, resource, booker, ...slot);
      expect(codesOf(await book(owner.admin.client, resource, owner, ...slot))).toEqual([
        'BOOKING_CONFLICT',
      ]);
      expect(await volunteer.client.code(CANCEL, { input: { bookingId: first.id } })).toBe(
        'FORBIDDEN',
      );
      expect(
        await (await association()).admin.client.code(CANCEL, { input: { bookingId: first.id } }),
      ).toBe('FORBIDDEN');
      const { cancelBooking } = await coordinator.client.ok(CANCEL, {
        input: { bookingId: first.id },
      });
      expect(cancelBooking.status).toBe('CANCELLED');
      expect(
        await notificationsOf(booker.admin.person.id, NotificationKind.BOOKING_CANCELLED),
      ).toEqual([]);
      expect(await coordinator.client.code(CANCEL, { input: { bookingId: first.id } })).toBe(
        'INVALID_STATE_TRANSITION',
      );
      // The same slot, at once.
      const second = await booked(booker.admin.client, resource, booker, ...slot);
      await owner.admin.client.ok(CANCEL, {
        input: { bookingId: second.id, reason: 'Bussen är på service' },
      });
      const [notice] = await notificationsOf(
        booker.admin.person.id,
        NotificationKind.BOOKING_CANCELLED,
      );
      expect(notice.body).toContain('Bussen är på service');
      await booked(owner.admin.client, resource, owner, ...slot);
    });

    it('is over once the booking has ended', async () => {
      const owner = await association();
      const resource = await test.factories.resource();
      const booking = await booked(
        owner.admin.client,
        resource,
        owner,
        at(1, '10:00'),
        at(1, '11:00'),
      );
      test.clock.set(at(1, '11:00'));
      expect(await owner.admin.client.code(CANCEL, { input: { bookingId: booking.id } })).toBe(
        'INVALID_STATE_TRANSITION',
      );
    });
  });

  describe('blackouts', () => {
    it('close a period: new bookings are refused, bookings already made are listed and kept', async () => {
      const owner = await association();
      const booker = await association();
      const resource = await test.factories.resource({ owner });
      const inside = await booked(
        booker.admin.client,
        resource,
        booker,
        at(20, '10:00'),
        at(20, '12:00'),
      );
      const straddling = await booked(
        booker.admin.client,
        resource,
        booker,
        at(21, '23:00'),
        at(22, '01:00'),
      );
      const cancelled = await booked(
        booker.admin.client,
        resource,
        booker,
        at(21, '10:00'),
        at(21, '11:00'),
      );
      await booker.admin.client.ok(CANCEL, { input: { bookingId: cancelled.id } });
      const outside = await booked(
        booker.admin.client,
        resource,
        booker,
        at(23, '10:00'),
        at(23, '11:00'),
      );
      const input = {
        resourceId: resource.id,
        startsAt: at(20, '00:00').toISOString(),
        endsAt: at(22, '00:00').toISOString(),
        reason: 'Målning',
      };
      expect(await booker.admin.client.code(CREATE_BLACKOUT, { input })).toBe('FORBIDDEN');
      expect(await officer.client.code(CREATE_BLACKOUT, { input })).toBe('FORBIDDEN');
      expect(
        codesOf(
          await owner.admin.client.request(CREATE_BLACKOUT, {
            input: { ...input, endsAt: input.startsAt },
          }),
        ),
      ).toEqual(['BAD_USER_INPUT']);
      const { createBlackout } = await owner.admin.client.ok(CREATE_BLACKOUT, { input });
      expect(createBlackout.resource.id).toBe(resource.id);
      expect(createBlackout.affectedBookings).toEqual([
        { id: inside.id, status: 'CONFIRMED' },
        { id: straddling.id, status: 'CONFIRMED' },
      ]);
      // Their booker is told, once per booking; the cancelled and the later one are not touched.
      const notices = await notificationsOf(
        booker.admin.person.id,
        NotificationKind.BOOKING_BLACKED_OUT,
      );
      expect(notices.map((notice) => notice.data)).toEqual([
        { bookingId: inside.id, resourceId: resource.id, blackoutId: createBlackout.id },
        { bookingId: straddling.id, resourceId: resource.id, blackoutId: createBlackout.id },
      ]);
      expect(notices[0].body).toContain('Målning');
      const statuses = (await bookingsOf(resource.id)).map((booking) => booking.status);
      expect(statuses).toEqual(['CONFIRMED', 'CANCELLED', 'CONFIRMED', 'CONFIRMED']);
      expect(outside.status).toBe('CONFIRMED');

      const refused = await book(
        booker.admin.client,
        resource,
        booker,
        at(21, '14:00'),
        at(21, '15:00'),
      );
      expect(codesOf(refused)).toEqual(['RESOURCE_BLACKED_OUT']);
      expect(refused.errors?.[0].extensions.details).toMatchObject({
        blackoutId: createBlackout.id,
      });
      expect(await liveBookingsOf(resource.id)).toBe(3);

      expect(
        await booker.admin.client.code(REMOVE_BLACKOUT, {
          input: { blackoutId: createBlackout.id },
        }),
      ).toBe('FORBIDDEN');
      await owner.admin.client.ok(REMOVE_BLACKOUT, { input: { blackoutId: createBlackout.id } });
      expect(
        await test.dataSource.getRepository(Blackout).countBy({ resourceId: resource.id }),
      ).toBe(0);
      await booked(booker.admin.client, resource, booker, at(21, '14:00'), at(21, '15:00'));
      expect((await test.auditOf(createBlackout.id)).map((entry) => entry.action)).toEqual([
        'blackout.created',
        'blackout.removed',
      ]);
    });

    it("of a municipal resource are the officers' to add", async () => {
      const resource = await test.factories.resource();
      const { createBlackout } = await officer.client.ok(CREATE_BLACKOUT, {
        input: {
          resourceId: resource.id,
          startsAt: at(3, '00:00').toISOString(),
          endsAt: at(4, '00:00').toISOString(),
          reason: 'Val',
        },
      });
      const { resource: seen } = await (
        await association()
      ).admin.client.ok(
        `query($id: ID!, $from: DateTime) { resource(id: $id) { blackouts(from: $from) { id reason } } }`,
        { id: resource.id, from: at(0, '00:00').toISOString() },
      );
      expect(seen.blackouts).toEqual([{ id: createBlackout.id, reason: 'Val' }]);
    });
  });

  describe('recurring bookings', () => {
    /** Weekly on Tuesdays 18:00–20:00 for 12 weeks from 9 March 2027, across the change to summer time. */
    const tuesdays = (owner: Owner, resource: Resource, skipConflicts?: boolean) =>
      owner.admin.client.request(RECURRING, {
        input: {
          resourceId: resource.id,
          organisationId: owner.organisation.id,
          rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=12',
          firstStartsAt: '2027-03-09T18:00:00+01:00',
          durationMinutes: 120,
          purpose: 'Samtalsgrupp',
          skipConflicts,
        },
      });

    beforeEach(() => test.clock.set(new Date('2027-03-01T12:00:00Z')));

    it('keeps 18:00–20:00 local time across the daylight-saving change', async () => {
      const owner = await association();
      const resource = await test.factories.resource();
      const response = await tuesdays(owner, resource);
      expect(response.errors).toBeUndefined();
      const result = response.data?.bookResourceRecurring;
      expect(result).toMatchObject({ bookedCount: 12, refusedCount: 0 });
      const occurrences = result.occurrences;
      expect(occurrences).toHaveLength(12);
      for (const occurrence of occurrences) {
        expect(occurrence.outcome).toBe('BOOKED');
        expect(local(occurrence.startsAt).toFormat('ccc HH:mm')).toBe('Tue 18:00');
        expect(local(occurrence.endsAt).toFormat('HH:mm')).toBe('20:00');
        expect(occurrence.booking).toMatchObject({
          status: 'CONFIRMED',
          seriesId: result.seriesId,
        });
      }
      expect(local(occurrences[0].startsAt).toISODate()).toBe('2027-03-09');
      expect(local(occurrences[11].startsAt).toISODate()).toBe('2027-05-25');
      const stored = await bookingsOf(resource.id);
      expect(stored.map((booking) => booking.startsAt.toISOString().slice(11, 16))).toEqual([
        '17:00',
        '17:00',
        '17:00',
        ...Array(9).fill('16:00'),
      ]);
    });

    it('with one occurrence taken: all or nothing books none; skipConflicts books 11 and reports the one', async () => {
      const owner = await association();
      const other = await association();
      const resource = await test.factories.resource();
      const taken = await test.factories.booking(resource, other, {
        startsAt: new Date('2027-04-06T19:00:00+02:00'),
        endsAt: new Date('2027-04-06T21:00:00+02:00'),
      });

      const allOrNothing = (await tuesdays(owner, resource)).data?.bookResourceRecurring;
      expect(allOrNothing).toMatchObject({ seriesId: null, bookedCount: 0, refusedCount: 1 });
      const outcomes = allOrNothing.occurrences.map((occurrence: any) => occurrence.outcome);
      expect(outcomes.filter((outcome: string) => outcome === 'NOT_BOOKED')).toHaveLength(11);
      const refused = allOrNothing.occurrences[4];
      expect(refused.outcome).toBe('REFUSED');
      expect(local(refused.startsAt).toISODate()).toBe('2027-04-06');
      expect(refused.refusal).toMatchObject({ code: 'BOOKING_CONFLICT', bookingId: taken.id });
      expect(new Date(refused.refusal.startsAt).getTime()).toBe(taken.startsAt.getTime());
      expect(await liveBookingsOf(resource.id)).toBe(1);
      expect(
        await test.dataSource
          .getRepository(BookingSeries)
          .countBy({ organisationId: owner.organisation.id }),
      ).toBe(0);

      const skipping = (await tuesdays(owner, resource, true)).data?.bookResourceRecurring;
      expect(skipping).toMatchObject({ bookedCount: 11, refusedCount: 1 });
      expect(skipping.seriesId).not.toBeNull();
      expect(skipping.occurrences[4]).toMatchObject({ outcome: 'REFUSED', booking: null });
      expect(
        skipping.occurrences.filter((occurrence: any) => occurrence.outcome === 'BOOKED'),
      ).toHaveLength(11);
      const stored = await bookingsOf(resource.id);
      expect(stored.filter((booking) => booking.seriesId === skipping.seriesId)).toHaveLength(11);
      expect(stored).toHaveLength(12);
    });

    it('reports blackouts, the window and the quota per occurrence', async () => {
      const owner = await association();
      const resource = await test.factories.resource({
        bookingWindowDays: 60,
        weeklyQuotaHours: 3,
      });
      const { createBlackout } = await officer.client.ok(CREATE_BLACKOUT, {
        input: {
          resourceId: resource.id,
          startsAt: '2027-03-16T00:00:00+01:00',
          endsAt: '2027-03-17T00:00:00+01:00',
          reason: 'Stängt',
        },
      });
      // Two hours booked in week 12 leave one: that Tuesday's two hours do not fit.
      await test.factories.booking(resource, owner, {
        startsAt: new Date('2027-03-25T10:00:00+01:00'),
        endsAt: new Date('2027-03-25T12:00:00+01:00'),
      });
      const result = (await tuesdays(owner, resource, true)).data?.bookResourceRecurring;
      const byDate = new Map<string, any>(
        result.occurrences.map((occurrence: any) => [
          local(occurrence.startsAt).toISODate(),
          occurrence,
        ]),
      );
      expect(byDate.get('2027-03-09').outcome).toBe('BOOKED');
      expect(byDate.get('2027-03-16').refusal).toMatchObject({
        code: 'RESOURCE_BLACKED_OUT',
        blackoutId: createBlackout.id,
      });
      expect(byDate.get('2027-03-23').refusal).toMatchObject({
        code: 'BOOKING_QUOTA_EXCEEDED',
        isoWeek: '2027-W12',
        quotaMinutesLeft: 60,
      });
      // 60 days from 1 March: the last day is 30 April.
      expect(byDate.get('2027-04-27').outcome).toBe('BOOKED');
      expect(byDate.get('2027-05-04').refusal.code).toBe('BOOKING_OUTSIDE_WINDOW');
      expect(result.bookedCount).toBe(6);
    });

    it('cancels what is left of a series at once: the bookings not yet started, for the booker or the owner', async () => {
      const owner = await association();
      const coordinator = await test.factories.member(
        owner.organisation.id,
        owner.admin,
        MembershipRole.COORDINATOR,
      );
      const volunteer = await test.factories.member(owner.organisation.id, owner.admin);
      const resource = await test.factories.resource();
      const { seriesId } = (await tuesdays(owner, resource)).data!.bookResourceRecurring;
      const CANCEL_SERIES = `mutation($input: CancelBookingSeriesInput!) {
        cancelBookingSeries(input: $input) { id status startsAt seriesId } }`;
      const input = { seriesId, reason: 'Gruppen slutar' };
      for (const client of [volunteer.client, (await association()).admin.client]) {
        expect(await client.code(CANCEL_SERIES, { input })).toBe('FORBIDDEN');
      }
      // The third Tuesday is under way: it stays, the nine after it go.
      test.clock.set(new Date('2027-03-23T18:30:00+01:00'));
      const { cancelBookingSeries } = await coordinator.client.ok(CANCEL_SERIES, { input });
      expect(cancelBookingSeries).toHaveLength(9);
      expect(local(cancelBookingSeries[0].startsAt).toISODate()).toBe('2027-03-30');
      expect(
        cancelBookingSeries.every(
          (booking: any) => booking.status === 'CANCELLED' && booking.seriesId === seriesId,
        ),
      ).toBe(true);
      expect((await bookingsOf(resource.id)).map((booking) => booking.status)).toEqual([
        'CONFIRMED',
        'CONFIRMED',
        'CONFIRMED',
        ...Array(9).fill('CANCELLED'),
      ]);
      expect(await officer.client.code(CANCEL_SERIES, { input })).toBe('INVALID_STATE_TRANSITION');
      // Their time is free at once; the booker cancelled, so nobody was notified.
      await booked(
        owner.admin.client,
        resource,
        owner,
        new Date('2027-03-30T18:00:00+02:00'),
        new Date('2027-03-30T20:00:00+02:00'),
      );
      expect(
        await notificationsOf(owner.admin.person.id, NotificationKind.BOOKING_CANCELLED),
      ).toEqual([]);

      // The owner (an officer, for a municipal resource) cancels another: the booker is told once.
      test.clock.set(new Date('2027-03-01T12:00:00Z'));
      const other = await test.factories.resource();
      const { seriesId: second } = (await tuesdays(owner, other)).data!.bookResourceRecurring;
      const { cancelBookingSeries: all } = await officer.client.ok(CANCEL_SERIES, {
        input: { seriesId: second, reason: 'Lokalen byggs om' },
      });
      expect(all).toHaveLength(12);
      const notices = await notificationsOf(
        owner.admin.person.id,
        NotificationKind.BOOKING_CANCELLED,
      );
      expect(notices).toHaveLength(1);
      expect(notices[0].body).toContain('Lokalen byggs om');
      expect(notices[0].data).toMatchObject({ seriesId: second, resourceId: other.id });
      expect(
        await coordinator.client.code(CANCEL_SERIES, {
          input: { seriesId: '00000000-0000-4000-8000-000000000000' },
        }),
      ).toBe('NOT_FOUND');
    });

    it('refuses a rule it cannot read, or one that gives no date within two years (BAD_USER_INPUT)', async () => {
      const owner = await association();
      const resource = await test.factories.resource();
      for (const rrule of [
        'FREQ=WEEKLY;BYDAY=TU',
        'FREQ=HOURLY;COUNT=3',
        'inte en regel',
        // 30 February: answered at once (the search stops two years on), not searched to 9999.
        'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1',
        'FREQ=MONTHLY;COUNT=30',
      ]) {
        const response = await owner.admin.client.request(RECURRING, {
          input: {
            resourceId: resource.id,
            organisationId: owner.organisation.id,
            rrule,
            firstStartsAt: '2027-03-09T18:00:00+01:00',
            durationMinutes: 120,
            purpose: 'Samtalsgrupp',
          },
        });
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      }
      expect(await bookingsOf(resource.id)).toEqual([]);
    });
  });

  describe('seeing bookings', () => {
    it("shows every signed-in person a resource's live bookings as busy time, the details to the parties (see bookings-privacy)", async () => {
      const owner = await association();
      const booker = await association();
      const bookerVolunteer = await test.factories.member(booker.organisation.id, booker.admin);
      const ownerVolunteer = await test.factories.member(owner.organisation.id, owner.admin);
      const outsider = await association();
      const resource = await test.factories.resource({ owner });
      const live = await booked(
        booker.admin.client,
        resource,
        booker,
        at(4, '10:00'),
        at(4, '12:00'),
      );
      const gone = await booked(
        booker.admin.client,
        resource,
        booker,
        at(4, '14:00'),
        at(4, '15:00'),
      );
      await booker.admin.client.ok(CANCEL, { input: { bookingId: gone.id } });
      const CALENDAR = `query($id: ID!) { resource(id: $id) { bookings { id status busyOnly purpose organisation { id } bookedBy { id } } } }`;
      const seenBy = async (client: Client) =>
        (await client.ok(CALENDAR, { id: resource.id })).resource.bookings;

      // Officers are outsiders to a booking between two organisations.
      for (const other of [outsider.admin, officer]) {
        expect(await seenBy(other.client)).toEqual([
          {
            id: live.id,
            status: 'CONFIRMED',
            busyOnly: true,
            purpose: null,
            organisation: null,
            bookedBy: null,
          },
        ]);
      }
      for (const party of [bookerVolunteer, ownerVolunteer]) {
        expect(await seenBy(party.client)).toEqual([
          {
            id: live.id,
            status: 'CONFIRMED',
            busyOnly: false,
            purpose: 'Föräldramöte',
            organisation: { id: booker.organisation.id },
            bookedBy: { id: booker.admin.person.id },
          },
        ]);
      }
      const LIST = `query($id: ID!) { bookings(filter: { resourceId: $id }) { totalCount edges { node { id status } } } }`;
      for (const other of [outsider.admin, officer]) {
        expect((await other.client.ok(LIST, { id: resource.id })).bookings.totalCount).toBe(0);
      }
      for (const party of [bookerVolunteer, ownerVolunteer]) {
        const { bookings } = await party.client.ok(LIST, { id: resource.id });
        expect(bookings.edges.map((edge: any) => edge.node.status)).toEqual([
          'CONFIRMED',
          'CANCELLED',
        ]);
      }
      const { bookings: cancelledOnly } = await ownerVolunteer.client.ok(
        `query($id: ID!) { bookings(filter: { resourceId: $id, status: CANCELLED }) { edges { node { id } } } }`,
        { id: resource.id },
      );
      expect(cancelledOnly.edges).toEqual([{ node: { id: gone.id } }]);
    });

    it('answers a range of at most 366 days, not empty (BAD_USER_INPUT), one query per range asked for', async () => {
      const owner = await association();
      const resource = await test.factories.resource();
      const early = await booked(
        owner.admin.client,
        resource,
        owner,
        at(2, '10:00'),
        at(2, '11:00'),
      );
      const late = await booked(
        owner.admin.client,
        resource,
        owner,
        at(300, '10:00'),
        at(300, '11:00'),
      );
      const RANGES = `query($id: ID!, $from: DateTime, $to: DateTime) { resource(id: $id) {
        bookings(from: $from, to: $to) { id } } }`;
      const BLACKOUTS = `query($id: ID!, $from: DateTime, $to: DateTime) { resource(id: $id) {
        blackouts(from: $from, to: $to) { id } } }`;
      const range = (from: Date, to: Date) => ({
        id: resource.id,
        from: from.toISOString(),
        to: to.toISOString(),
      });
      for (const [from, to] of [
        [at(0, '00:00'), at(367, '00:00')],
        [at(3, '00:00'), at(3, '00:00')],
        [at(3, '00:00'), at(2, '00:00')],
      ]) {
        for (const query of [RANGES, BLACKOUTS]) {
          expect(codesOf(await owner.admin.client.request(query, range(from, to)))).toEqual([
            'BAD_USER_INPUT',
          ]);
        }
      }
      const { resource: year } = await owner.admin.client.ok(
        RANGES,
        range(at(0, '00:00'), at(366, '00:00')),
      );
      expect(year.bookings).toEqual([{ id: early.id }, { id: late.id }]);
      // Two ranges far apart in one request: each gets its own, and nothing in between is read.
      const { resource: both } = await owner.admin.client.ok(
        `query($id: ID!, $a: DateTime, $b: DateTime, $c: DateTime, $d: DateTime) { resource(id: $id) {
          soon: bookings(from: $a, to: $b) { id } later: bookings(from: $c, to: $d) { id } } }`,
        {
          id: resource.id,
          a: at(2, '00:00').toISOString(),
          b: at(3, '00:00').toISOString(),
          c: at(300, '00:00').toISOString(),
          d: at(301, '00:00').toISOString(),
        },
      );
      expect(both).toEqual({ soon: [{ id: early.id }], later: [{ id: late.id }] });
    });

    it('answers free intervals with buffers and blackouts applied, from now and within the window', async () => {
      const owner = await association();
      const resource = await test.factories.resource({ bufferMinutes: 30, bookingWindowDays: 10 });
      await booked(owner.admin.client, resource, owner, at(2, '10:00'), at(2, '12:00'));
      await booked(owner.admin.client, resource, owner, at(2, '14:00'), at(2, '15:00'));
      await officer.client.ok(CREATE_BLACKOUT, {
        input: {
          resourceId: resource.id,
          startsAt: at(2, '17:00').toISOString(),
          endsAt: at(2, '18:00').toISOString(),
          reason: 'Städning',
        },
      });
      const free = async (from: Date, to: Date) =>
        (
          await owner.admin.client.ok(AVAILABILITY, {
            id: resource.id,
            from: from.toISOString(),
            to: to.toISOString(),
          })
        ).resourceAvailability.map((interval: any) => [
          local(interval.startsAt).toFormat('HH:mm'),
          local(interval.endsAt).toFormat('HH:mm'),
          interval.minutes,
        ]);
      expect(await free(at(2, '08:00'), at(2, '20:00'))).toEqual([
        ['08:00', '09:30', 90],
        ['12:30', '13:30', 60],
        ['15:30', '17:00', 90],
        ['18:00', '20:00', 120],
      ]);
      // Each free interval can be booked end to end.
      await booked(owner.admin.client, resource, owner, at(2, '12:30'), at(2, '13:30'));
      expect(await free(at(2, '12:00'), at(2, '14:00'))).toEqual([]);
      // Not in the past, not beyond the window (the 10th day is the last).
      const now = test.clock.now();
      const [first] = (
        await owner.admin.client.ok(AVAILABILITY, {
          id: resource.id,
          from: new Date(now.getTime() - 5 * HOUR).toISOString(),
          to: new Date(now.getTime() + HOUR).toISOString(),
        })
      ).resourceAvailability;
      expect(Math.abs(new Date(first.startsAt).getTime() - now.getTime())).toBeLessThan(60_000);
      expect(await free(at(11, '08:00'), at(11, '20:00'))).toEqual([]);
      expect(
        codesOf(
          await owner.admin.client.request(AVAILABILITY, {
            id: resource.id,
            from: at(3, '10:00').toISOString(),
            to: at(3, '09:00').toISOString(),
          }),
        ),
      ).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('calendar feed', () => {
    it('publishes confirmed bookings with purpose and organisation name only', async () => {
      const booker = await test.factories.organisation({
        name: test.factories.unique('Fritidsföreningen'),
        admin: await test.factories.signedIn({ displayName: 'Bokaren Bengtsson' }),
      });
      const resource = await test.factories.resource({ requiresApproval: true });
      const confirmed = await booked(
        booker.admin.client,
        resource,
        booker,
        at(3, '18:00'),
        at(3, '20:00'),
        {
          purpose: 'Styrelsemöte',
          attendees: 9,
        },
      );
      await officer.client.ok(APPROVE, { input: { bookingId: confirmed.id } });
      await booked(booker.admin.client, resource, booker, at(4, '18:00'), at(4, '20:00'), {
        purpose: 'Väntar på svar',
      });
      const cancelled = await booked(
        booker.admin.client,
        resource,
        booker,
        at(5, '18:00'),
        at(5, '20:00'),
        {
          purpose: 'Inställt möte',
        },
      );
      await officer.client.ok(APPROVE, { input: { bookingId: cancelled.id } });
      await booker.admin.client.ok(CANCEL, { input: { bookingId: cancelled.id } });

      const response = await request(test.baseUrl).get(`/calendar/resources/${resource.id}.ics`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/calendar/);
      const text = response.text.replace(/\r\n /g, '');
      expect(text).toContain(`SUMMARY:${booker.organisation.name}: Styrelsemöte`);
      expect(text).toContain('DTSTART;TZID=Europe/Stockholm:');
      expect(text).toContain(`UID:${confirmed.id}@samverkan`);
      expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
      expect(
        parseFeed(response.text).map(({ uid, start, end, summary }) => ({
          uid,
          start,
          end,
          summary,
        })),
      ).toEqual([
        {
          uid: `${confirmed.id}@samverkan`,
          start: at(3, '18:00'),
          end: at(3, '20:00'),
          summary: `${booker.organisation.name}: Styrelsemöte`,
        },
      ]);
      expect(text).not.toContain('Väntar på svar');
      expect(text).not.toContain('Inställt möte');
      expect(text).not.toContain('Bengtsson');
      expect(text).not.toContain('ATTENDEE');

      const unknown = await request(test.baseUrl).get(
        '/calendar/resources/00000000-0000-4000-8000-000000000000.ics',
      );
      expect(unknown.status).toBe(404);
      expect((await request(test.baseUrl).get('/calendar/resources/nonsense.ics')).status).toBe(
        404,
      );
    });
  });

  describe('the database as the last line of defence', () => {
    it('refuses an overlapping live booking written past the service (exclusion constraint or triggers)', async () => {
      const owner = await association();
      const resource = await test.factories.resource({ bufferMinutes: 15 });
      const existing = await test.factories.booking(resource, owner, {
        startsAt: at(6, '10:00'),
        endsAt: at(6, '12:00'),
      });
      const repository = test.dataSource.getRepository(Booking);
      const row = (startsAt: Date, endsAt: Date, status = BookingStatus.CONFIRMED) =>
        repository.create({
          resourceId: resource.id,
          organisationId: owner.organisation.id,
          bookedById: owner.admin.person.id,
          startsAt,
          endsAt,
          blockedUntil: plus(endsAt, 15),
          purpose: 'Förbi tjänsten',
          status,
        });
      // Inside the buffer after the existing booking.
      await expect(repository.insert(row(at(6, '12:10'), at(6, '13:00')))).rejects.toThrow(
        /BOOKING_CONFLICT|EX_bookings_no_overlap/,
      );
      await expect(repository.insert(row(at(6, '09:00'), at(6, '10:30')))).rejects.toThrow(
        /BOOKING_CONFLICT|EX_bookings_no_overlap/,
      );
      // Placed before it: ends at 09:50, before 10:00, but its buffer holds until 10:05. (A check
      // that compared the new booking's endsAt instead of its blockedUntil would let it in.)
      await expect(repository.insert(row(at(6, '09:00'), at(6, '09:50')))).rejects.toThrow(
        /BOOKING_CONFLICT|EX_bookings_no_overlap/,
      );
      // Exactly the buffer before it is fine; stretching its buffer into the next one is not.
      const before = row(at(6, '09:00'), at(6, '09:45'));
      await repository.insert(before);
      await expect(
        repository.update({ id: before.id }, { blockedUntil: at(6, '10:05') }),
      ).rejects.toThrow(/BOOKING_CONFLICT|EX_bookings_no_overlap/);
      // Reviving a cancelled overlapping booking is refused as well.
      const cancelled = row(at(6, '11:00'), at(6, '11:30'), BookingStatus.CANCELLED);
      await repository.insert(cancelled);
      await expect(
        repository.update({ id: cancelled.id }, { status: BookingStatus.CONFIRMED }),
      ).rejects.toThrow(/BOOKING_CONFLICT|EX_bookings_no_overlap/);
      // Exactly the buffer apart is fine, as is another resource at the same time.
      await repository.insert(row(at(6, '12:15'), at(6, '13:00')));
      const elsewhere = await test.factories.resource();
      const sameTime = row(at(6, '10:00'), at(6, '12:00'));
      sameTime.resourceId = elsewhere.id;
      await repository.insert(sameTime);
      expect(await liveBookingsOf(resource.id)).toBe(3);
      expect(existing.status).toBe('CONFIRMED');
    });
  });

  describe('SQL statements', () => {
    let tag: string;
    let booker: Owner;

    beforeAll(async () => {
      tag = test.factories.unique('SQL-räkning');
      const owner = await association();
      booker = await association();
      const district = await test.factories.district();
      for (let index = 0; index < 30; index += 1) {
        const resource = await test.factories.resource({
          name: `${tag} ${String(index).padStart(2, '0')}`,
          districtId: district.id,
          ...(index % 2 === 0 ? { owner } : {}),
        });
        for (const day of [3, 4]) {
          await test.factories.booking(resource, booker, {
            startsAt: at(day, '10:00'),
            endsAt: at(day, '12:00'),
          });
        }
      }
    });

    it('do not grow with the page size: bookings with resource, owner, organisation and booker', async () => {
      const query = `query($first: Int, $id: ID!) { bookings(first: $first, filter: { organisationId: $id }) {
        totalCount edges { node { purpose resource { name owner { name } } organisation { name } bookedBy { displayName } } } } }`;
      for (const client of [officer.client, booker.admin.client]) {
        const small = await test.countStatements(() =>
          client.ok(query, { first: 5, id: booker.organisation.id }),
        );
        const large = await test.countStatements(() =>
          client.ok(query, { first: 50, id: booker.organisation.id }),
        );
        expect(large).toBe(small);
      }
    });

    it('do not grow with the page size: resources with owner, district, bookings and blackouts', async () => {
      const query = `query($first: Int, $search: String) { resources(first: $first, filter: { search: $search }) {
        edges { node { name owner { name } district { name } blackouts { reason }
          bookings { purpose organisation { name } bookedBy { displayName } } } } } }`;
      const small = await test.countStatements(() =>
        booker.admin.client.ok(query, { first: 5, search: tag }),
      );
      const large = await test.countStatements(() =>
        booker.admin.client.ok(query, { first: 30, search: tag }),
      );
      expect(large).toBe(small);
    });
  });
});
