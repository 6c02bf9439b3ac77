import request from 'supertest';
import { PROTECTED_IDENTITY_LABEL } from '../src/common/display-name';
import { Booking } from '../src/modules/bookings';
import { GrantApplication } from '../src/modules/grants';
import { Shift, WalkReport } from '../src/modules/night-walks';
import { Notification, NotificationKind } from '../src/modules/notifications';
import { Organisation, OrganisationKind } from '../src/modules/organisations';
import { Person, PROTECTED_IDENTITY_NAME } from '../src/modules/people';
import { PlacementRequest } from '../src/modules/shelters';
import { CREATE_GRANT_APPLICATION, SIGN_UP } from './support/documents';
import { GraphQLResponse } from './support/graphql-client';
import { TestApp } from './support/test-app';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const CREATE_SHIFT = `mutation($input: CreateShiftInput!) { createShift(input: $input) { id } }`;
const REPORT = `mutation($input: SubmitWalkReportInput!) { submitWalkReport(input: $input) { id } }`;
const MESSAGE = `mutation($input: MessageShiftWalkersInput!) { messageShiftWalkers(input: $input) { walkers } }`;
const BOOK = `mutation($input: BookResourceInput!) { bookResource(input: $input) { id } }`;
const REQUEST_PLACEMENT = `mutation($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`;
const RESPOND = `mutation($input: RespondToPlacementInput!) { respondToPlacement(input: $input) { id } }`;
const UPDATE_ORGANISATION = `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id } }`;
const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }`;

/**
 * Skatteverket's test number 811218-9876 (and 19811218-9876), disguised the ways issue 11 found
 * slipping through: invisible characters inside, non-ASCII digits, spaced-out digits.
 */
const DISGUISED = {
  zeroWidthAndFullwidth: 'Pratade med ８１１２１８\u200b-９８７６ vid torget',
  softHyphens: 'Möte om 8\u00ad1\u00ad1\u00ad2\u00ad1\u00ad8-9\u00ad8\u00ad7\u00ad6',
  arabicIndic: 'Hon har ٨١١٢١٨-٩٨٧٦ och är känd sedan tidigare',
  spacedOut: 'Samling vid 8 1 1 2 1 8 9 8 7 6',
  pairs: 'Kontakt: 19 81 12 18 98 76',
  wordJoiners: 'Ledaren är 19811218\u2060-\u20609876, läxhjälp för barn',
  devanagari: 'Hen heter १९८११२१८-९८७६, ring.',
};

/** The fields a BAD_USER_INPUT answer names. */
function refusedFields(response: GraphQLResponse): string[] {
  expect(response.errors?.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
  const details = response.errors?.[0].extensions.details as { fields: Record<string, string[]> };
  return Object.keys(details.fields);
}

describe('free text: no personal identity number in any disguise; names and dates that make sense', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  afterEach(() => test.clock.reset());

  const later = (hours: number) => new Date(test.clock.now().getTime() + hours * HOUR);
  const count = (
    entity: typeof Shift | typeof WalkReport | typeof Booking | typeof GrantApplication,
  ) => test.dataSource.getRepository(entity).count();

  describe('a disguised personnummer is refused with BAD_USER_INPUT and nothing is stored', () => {
    it("in a walk report's notes", async () => {
      const group = await test.factories.nightWalkGroup(1);
      const shift = await test.factories.shift(group, { startsAt: later(1), endsAt: later(4) });
      test.clock.advance(5 * HOUR);
      const before = await count(WalkReport);
      const input = {
        shiftId: shift.id,
        youngPeopleMet: 3,
        adultsMet: 0,
        referrals: 0,
        policeContacted: 0,
      };
      const response = await group.coordinator.client.request(REPORT, {
        input: { ...input, notes: DISGUISED.zeroWidthAndFullwidth },
      });
      expect(refusedFields(response)).toEqual(['notes']);
      expect(await count(WalkReport)).toBe(before);
      // The same report without the number is taken.
      await group.coordinator.client.ok(REPORT, {
        input: { ...input, notes: 'Lugnt vid torget 2026-11-27 kl. 21.00, ring 070-123 45 67' },
      });
    });

    it("in a walk's meeting point", async () => {
      const group = await test.factories.nightWalkGroup(0);
      const district = await test.factories.district();
      const before = await count(Shift);
      const response = await group.coordinator.client.request(CREATE_SHIFT, {
        input: {
          organisationId: group.organisation.id,
          districtId: district.id,
          startsAt: later(48).toISOString(),
          endsAt: later(52).toISOString(),
          meetingPoint: DISGUISED.spacedOut,
          maxWalkers: 6,
        },
      });
      expect(refusedFields(response)).toEqual(['meetingPoint']);
      expect(await count(Shift)).toBe(before);
    });

    it('in a message to the walkers (messageShiftWalkers body)', async () => {
      const group = await test.factories.nightWalkGroup(1);
      const shift = await test.factories.shift(group);
      await group.walkers[0].client.ok(SIGN_UP, { input: { shiftId: shift.id } });
      const messages = () =>
        test.dataSource
          .getRepository(Notification)
          .countBy({ kind: NotificationKind.SHIFT_MESSAGE });
      const before = await messages();
      const response = await group.coordinator.client.request(MESSAGE, {
        input: { shiftId: shift.id, subject: 'Om en person', body: DISGUISED.devanagari },
      });
      expect(refusedFields(response)).toEqual(['body']);
      expect(await messages()).toBe(before);
    });

    it("in a booking's purpose, which therefore never reaches the anonymous resource calendar", async () => {
      const resource = await test.factories.resource();
      const booker = await test.factories.organisation();
      const input = (purpose: string, day: number) => ({
        resourceId: resource.id,
        organisationId: booker.organisation.id,
        purpose,
        startsAt: later(day * 24).toISOString(),
        endsAt: later(day * 24 + 2).toISOString(),
      });
      const before = await count(Booking);
      const response = await booker.admin.client.request(BOOK, {
        input: input(DISGUISED.softHyphens, 3),
      });
      expect(refusedFields(response)).toEqual(['purpose']);
      expect(await count(Booking)).toBe(before);
      await booker.admin.client.ok(BOOK, { input: input('Styrelsemöte', 4) });

      const feed = await request(test.baseUrl).get(`/calendar/resources/${resource.id}.ics`);
      expect(feed.status).toBe(200);
      const text = feed.text.replace(/\r\n /g, '');
      expect(text).toContain('Styrelsemöte'); // the feed shows purposes…
      expect(text).not.toContain('Möte om'); // …and the refused one is not among them
      expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    });

    it("in a placement's decline reason", async () => {
      const jour = await test.factories.organisation({ kind: OrganisationKind.WOMENS_SHELTER });
      const social = await test.factories.socialServices();
      const shelter = await test.factories.shelter(jour, { free: 1 });
      const { requestPlacement } = await social.client.ok(REQUEST_PLACEMENT, {
        input: { shelterId: shelter.id, adults: 1, caseReference: 'IFO-2026-0901' },
      });
      const response = await jour.admin.client.request(RESPOND, {
        input: { placementId: requestPlacement.id, accept: false, reason: DISGUISED.arabicIndic },
      });
      expect(refusedFields(response)).toEqual(['reason']);
      const stored = await test.dataSource
        .getRepository(PlacementRequest)
        .findOneByOrFail({ id: requestPlacement.id });
      expect(stored).toMatchObject({ status: 'REQUESTED', reason: null });
    });

    it("in an organisation's description", async () => {
      const { organisation, admin } = await test.factories.organisation();
      const response = await admin.client.request(UPDATE_ORGANISATION, {
        input: { organisationId: organisation.id, description: DISGUISED.pairs },
      });
      expect(refusedFields(response)).toEqual(['description']);
      const stored = await test.dataSource
        .getRepository(Organisation)
        .findOneByOrFail({ id: organisation.id });
      expect(stored.description).toBe('Testförening');
    });

    it("in a grant application's purpose", async () => {
      const programme = await test.factories.grantProgramme();
      const applicant = await test.factories.organisation();
      const before = await count(GrantApplication);
      const response = await applicant.admin.client.request(CREATE_GRANT_APPLICATION, {
        input: {
          programmeId: programme.id,
          organisationId: applicant.organisation.id,
          purpose: DISGUISED.wordJoiners,
          requestedAmount: 1_000_000,
          budgetLines: [{ label: 'Verksamhet', amount: 1_000_000 }],
        },
      });
      expect(refusedFields(response)).toEqual(['purpose']);
      expect(await count(GrantApplication)).toBe(before);
    });
  });

  describe('display names', () => {
    it('uses the label people see for a protected identity', () => {
      expect(PROTECTED_IDENTITY_LABEL).toBe(PROTECTED_IDENTITY_NAME);
    });

    it.each([
      ['the protected-identity label', 'Skyddad identitet'],
      ['the label in another case and spacing', '  skyddad   IDENTITET '],
      ['nothing but invisible and direction-override characters', '\u200b\u202e'],
      ['an identity number', 'Anna ８１１２１８-９８７６'],
    ])('refuses %s, keeping the name', async (_what, displayName) => {
      const person = await test.factories.signedIn({ displayName: 'Anna' });
      const response = await person.client.request(UPDATE_PROFILE, { input: { displayName } });
      expect(refusedFields(response)).toEqual(['displayName']);
      const stored = await test.dataSource
        .getRepository(Person)
        .findOneByOrFail({ id: person.person.id });
      expect(stored.displayName).toBe('Anna');
    });

    it('stores a name trimmed and NFC-normalised', async () => {
      const person = await test.factories.signedIn({ displayName: 'Anna' });
      // "Åsa" written as A + combining ring above, with spaces around it.
      const { updateProfile } = await person.client.ok(UPDATE_PROFILE, {
        input: { displayName: '  A\u030asa  ' },
      });
      expect(updateProfile.displayName).toBe('\u00c5sa');
      const stored = await test.dataSource
        .getRepository(Person)
        .findOneByOrFail({ id: person.person.id });
      expect(stored.displayName).toBe('Åsa');
      expect(stored.displayName).toBe('Åsa'.normalize('NFC'));
    });
  });

  describe('dates within a sensible range', () => {
    it('refuses a walk in the year 9999, storing nothing', async () => {
      const group = await test.factories.nightWalkGroup(0);
      const district = await test.factories.district();
      const before = await count(Shift);
      const response = await group.coordinator.client.request(CREATE_SHIFT, {
        input: {
          organisationId: group.organisation.id,
          districtId: district.id,
          startsAt: '9999-06-05T21:00:00+02:00',
          endsAt: '9999-06-06T01:00:00+02:00',
          meetingPoint: 'Kronogårdstorget',
          maxWalkers: 6,
        },
      });
      expect(refusedFields(response).sort()).toEqual(['endsAt', 'startsAt']);
      expect(await count(Shift)).toBe(before);
    });

    it('refuses a booking ten years ahead, storing nothing', async () => {
      const resource = await test.factories.resource();
      const booker = await test.factories.organisation();
      const startsAt = new Date(test.clock.now().getTime() + 10 * 365 * DAY);
      const before = await count(Booking);
      const response = await booker.admin.client.request(BOOK, {
        input: {
          resourceId: resource.id,
          organisationId: booker.organisation.id,
          purpose: 'Styrelsemöte',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
        },
      });
      expect(refusedFields(response).sort()).toEqual(['endsAt', 'startsAt']);
      expect(await count(Booking)).toBe(before);
    });
  });
});
