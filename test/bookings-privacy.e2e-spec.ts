import { DateTime } from 'luxon';
import request from 'supertest';
import { BookableBy, Booking, Resource } from '../src/modules/bookings';
import { MembershipRole, Organisation, OrganisationKind } from '../src/modules/organisations';
import { SignedIn } from './support/factories';
import { Client, codesOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

const ZONE = 'Europe/Stockholm';
/** A fixed Wednesday morning: nothing here depends on when the suite runs. */
const NOW = DateTime.fromISO('2027-01-13T10:00', { zone: ZONE }).toJSDate();

type Owner = { organisation: Organisation; admin: SignedIn };

const DETAILS = `id startsAt endsAt status busyOnly purpose attendees confidential seriesId
  organisation { id } bookedBy { id }`;
const RESOURCE_BOOKINGS = `query($id: ID!) { resource(id: $id) { bookings { ${DETAILS} } } }`;
const BOOK = `mutation($input: BookResourceInput!) { bookResource(input: $input) { ${DETAILS} } }`;
const RECURRING = `mutation($input: BookResourceRecurringInput!) { bookResourceRecurring(input: $input) {
  bookedCount occurrences { booking { id confidential purpose } } } }`;
const LIST = `query($filter: BookingFilter) { bookings(first: 100, filter: $filter) { totalCount edges { node { id } } } }`;
const AVAILABILITY = `query($id: ID!, $from: DateTime!, $to: DateTime!) {
  resourceAvailability(resourceId: $id, from: $from, to: $to) { minutes } }`;
const CREATE_BLACKOUT = `mutation($input: CreateBlackoutInput!) { createBlackout(input: $input) {
  id affectedBookings { id busyOnly purpose organisation { id } } } }`;
const AUDIT = `query($filter: AuditLogFilter) { auditLog(filter: $filter) { edges { node { action entityId } } } }`;

/**
 * Who sees what of a booking. The parties (members of the booking and of the owning
 * organisation, officers for the municipality's resources, ADMIN) see everything; everyone else
 * signed in sees only busy time, and nothing of someone else's OWNER_ONLY resource; a confidential
 * booking (always a women's shelter's) is "Bokad" in the public calendar.
 */
describe('bookings: who sees what', () => {
  let test: TestApp;
  let officer: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    test = await TestApp.create();
    test.clock.set(NOW);
    officer = await test.factories.municipalOfficer();
    admin = await test.factories.admin();
  });

  beforeEach(() => test.clock.set(NOW));

  afterAll(async () => {
    await test.close();
  });

  const at = (days: number, time: string): Date => {
    const [hour, minute] = time.split(':').map(Number);
    return DateTime.fromJSDate(NOW, { zone: ZONE })
      .startOf('day')
      .plus({ days })
      .set({ hour, minute })
      .toJSDate();
  };
  const association = (kind?: OrganisationKind): Promise<Owner> =>
    test.factories.organisation({ kind });
  const volunteerOf = (owner: Owner) =>
    test.factories.member(owner.organisation.id, owner.admin, MembershipRole.VOLUNTEER);
  const bookingsSeenBy = async (client: Client, resource: Pick<Resource, 'id'>) =>
    (await client.ok(RESOURCE_BOOKINGS, { id: resource.id })).resource.bookings;
  const busy = (booking: Pick<Booking, 'id' | 'status'>) => ({
    id: booking.id,
    status: booking.status,
    busyOnly: true,
    purpose: null,
    attendees: null,
    confidential: null,
    seriesId: null,
    organisation: null,
    bookedBy: null,
  });
  const full = (booking: Booking, booker: Owner) => ({
    id: booking.id,
    busyOnly: false,
    purpose: booking.purpose,
    organisation: { id: booker.organisation.id },
    bookedBy: { id: booker.admin.person.id },
  });

  it('shows outsiders only busy time (start, end, status) of an organisation’s resource, officers included; the parties see everything', async () => {
    const owner = await association();
    const booker = await association();
    const resource = await test.factories.resource({ owner, requiresApproval: true });
    const booking = await test.factories.booking(resource, booker, {
      startsAt: at(2, '18:00'),
      endsAt: at(2, '20:00'),
      purpose: 'Samtalsgrupp',
    });
    expect(booking.status).toBe('REQUESTED');
    const outsider = await association();
    for (const client of [
      outsider.admin.client,
      (await volunteerOf(outsider)).client,
      officer.client,
    ]) {
      const [seen] = await bookingsSeenBy(client, resource);
      expect(seen).toMatchObject(busy(booking));
      expect(new Date(seen.startsAt)).toEqual(booking.startsAt);
      expect(new Date(seen.endsAt)).toEqual(booking.endsAt);
    }
    for (const party of [
      owner.admin,
      await volunteerOf(owner),
      booker.admin,
      await volunteerOf(booker),
      admin,
    ]) {
      const [seen] = await bookingsSeenBy(party.client, resource);
      expect(seen).toMatchObject({ ...full(booking, booker), confidential: false });
    }
  });

  it("shows officers everything of the municipality's resources, and who booked only there", async () => {
    const booker = await association();
    const municipal = await test.factories.resource();
    const booking = await test.factories.booking(municipal, booker, {
      startsAt: at(3, '10:00'),
      endsAt: at(3, '11:00'),
    });
    expect((await bookingsSeenBy(officer.client, municipal))[0]).toMatchObject(
      full(booking, booker),
    );
    const outsider = await association();
    expect((await bookingsSeenBy(outsider.admin.client, municipal))[0]).toMatchObject(
      busy(booking),
    );
  });

  it("shows the bookings of an OWNER_ONLY resource to the owner's members (and officers, as busy time) only", async () => {
    const owner = await association();
    const resource = await test.factories.resource({ owner, bookableBy: BookableBy.OWNER_ONLY });
    const booking = await test.factories.booking(resource, owner, {
      startsAt: at(4, '09:00'),
      endsAt: at(4, '12:00'),
    });
    const outsider = await association();
    expect(await bookingsSeenBy(outsider.admin.client, resource)).toEqual([]);
    expect(await bookingsSeenBy(officer.client, resource)).toEqual([
      expect.objectContaining(busy(booking)),
    ]);
    expect((await bookingsSeenBy((await volunteerOf(owner)).client, resource))[0]).toMatchObject(
      full(booking, owner),
    );
    // Its free time tells when it is booked: the same people only.
    const range = {
      id: resource.id,
      from: at(4, '08:00').toISOString(),
      to: at(4, '18:00').toISOString(),
    };
    expect(await outsider.admin.client.code(AVAILABILITY, range)).toBe('FORBIDDEN');
    await officer.client.ok(AVAILABILITY, range);
    await owner.admin.client.ok(AVAILABILITY, range);
    // …and it has no public calendar, where anyone could read it.
    const feed = await request(test.baseUrl).get(`/calendar/resources/${resource.id}.ics`);
    expect(feed.status).toBe(404);
    expect(feed.text).not.toContain(booking.purpose);
    // Its blackouts' affected bookings too.
    const { createBlackout } = await owner.admin.client.ok(CREATE_BLACKOUT, {
      input: {
        resourceId: resource.id,
        startsAt: at(4, '00:00').toISOString(),
        endsAt: at(5, '00:00').toISOString(),
        reason: 'Service',
      },
    });
    expect(createBlackout.affectedBookings).toEqual([
      {
        id: booking.id,
        busyOnly: false,
        purpose: booking.purpose,
        organisation: { id: owner.organisation.id },
      },
    ]);
    const { resource: seen } = await outsider.admin.client.ok(
      `query($id: ID!, $from: DateTime) { resource(id: $id) { blackouts(from: $from) { id affectedBookings { id } } } }`,
      { id: resource.id, from: at(0, '00:00').toISOString() },
    );
    expect(seen.blackouts).toEqual([{ id: createBlackout.id, affectedBookings: [] }]);
  });

  it('lists (bookings) only what the caller is a party to: officers the municipality’s resources, ADMIN all', async () => {
    const owner = await association();
    const booker = await association();
    const owned = await test.factories.resource({ owner });
    const municipal = await test.factories.resource();
    const betweenTwo = await test.factories.booking(owned, booker, {
      startsAt: at(5, '10:00'),
      endsAt: at(5, '11:00'),
    });
    const withMunicipality = await test.factories.booking(municipal, booker, {
      startsAt: at(5, '10:00'),
      endsAt: at(5, '11:00'),
    });
    const ids = async (client: Client) =>
      (
        await client.ok(LIST, { filter: { organisationId: booker.organisation.id } })
      ).bookings.edges.map((edge: any) => edge.node.id);
    expect(await ids(officer.client)).toEqual([withMunicipality.id]);
    expect(await ids(owner.admin.client)).toEqual([betweenTwo.id]);
    expect(new Set(await ids((await volunteerOf(booker)).client))).toEqual(
      new Set([betweenTwo.id, withMunicipality.id]),
    );
    expect(new Set(await ids(admin.client))).toEqual(new Set([betweenTwo.id, withMunicipality.id]));
    expect(await ids((await association()).admin.client)).toEqual([]);
  });

  it('makes a booking confidential on request, and always for a women’s shelter: "Bokad" in the public calendar, details for the parties', async () => {
    const shelter = await association(OrganisationKind.WOMENS_SHELTER);
    const club = await test.factories.organisation({
      name: test.factories.unique('Schackklubben'),
    });
    const resource = await test.factories.resource();
    const shelterBooking = await shelter.admin.client.ok(BOOK, {
      input: {
        resourceId: resource.id,
        organisationId: shelter.organisation.id,
        startsAt: at(6, '10:00').toISOString(),
        endsAt: at(6, '12:00').toISOString(),
        purpose: 'Stödgrupp',
        confidential: false,
      },
    });
    expect(shelterBooking.bookResource).toMatchObject({
      confidential: true,
      purpose: 'Stödgrupp',
      busyOnly: false,
    });
    const asked = await club.admin.client.ok(BOOK, {
      input: {
        resourceId: resource.id,
        organisationId: club.organisation.id,
        startsAt: at(6, '13:00').toISOString(),
        endsAt: at(6, '14:00').toISOString(),
        purpose: 'Hemligt möte',
        confidential: true,
      },
    });
    expect(asked.bookResource.confidential).toBe(true);
    const open = await test.factories.booking(resource, club, {
      startsAt: at(6, '15:00'),
      endsAt: at(6, '16:00'),
      purpose: 'Schackturnering',
    });
    expect(open.confidential).toBe(false);

    const feed = await request(test.baseUrl).get(`/calendar/resources/${resource.id}.ics`);
    expect(feed.status).toBe(200);
    const text = feed.text.replace(/\r\n /g, '');
    expect(text.match(/SUMMARY:Bokad\r\n/g)).toHaveLength(2);
    expect(text).toContain(`SUMMARY:${club.organisation.name}: Schackturnering`);
    for (const secret of [shelter.organisation.name, 'Stödgrupp', 'Hemligt möte'])
      expect(text).not.toContain(secret);

    // Outsiders see busy time in the API; the parties (the officer for a municipal resource) all.
    const outsider = await association();
    const seen = await bookingsSeenBy(outsider.admin.client, resource);
    expect(seen.map((booking: any) => booking.busyOnly)).toEqual([true, true, true]);
    const [forOfficer] = await bookingsSeenBy(officer.client, resource);
    expect(forOfficer).toMatchObject({
      purpose: 'Stödgrupp',
      confidential: true,
      organisation: { id: shelter.organisation.id },
    });

    // Every occurrence of a recurring booking.
    const { bookResourceRecurring } = await shelter.admin.client.ok(RECURRING, {
      input: {
        resourceId: resource.id,
        organisationId: shelter.organisation.id,
        rrule: 'FREQ=WEEKLY;COUNT=3',
        firstStartsAt: at(7, '18:00').toISOString(),
        durationMinutes: 60,
        purpose: 'Stödgrupp',
      },
    });
    expect(
      bookResourceRecurring.occurrences.map((occurrence: any) => occurrence.booking.confidential),
    ).toEqual([true, true, true]);
  });

  it('keeps the audit entries of bookings for ADMIN (they name organisations and times of confidential bookings)', async () => {
    const shelter = await association(OrganisationKind.WOMENS_SHELTER);
    const booking = await test.factories.booking(await test.factories.resource(), shelter, {
      startsAt: at(8, '10:00'),
      endsAt: at(8, '11:00'),
    });
    expect(
      codesOf(await officer.client.request(AUDIT, { filter: { entityType: 'Booking' } })),
    ).toEqual(['FORBIDDEN']);
    const { auditLog } = await officer.client.ok(AUDIT, { filter: { entityId: booking.id } });
    expect(auditLog.edges).toEqual([]);
    const { auditLog: forAdmin } = await admin.client.ok(AUDIT, {
      filter: { entityId: booking.id },
    });
    expect(forAdmin.edges.map((edge: any) => edge.node.action)).toEqual(['booking.confirmed']);
  });
});
