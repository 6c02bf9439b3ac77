import { ApiScope } from '../src/common/actor';
import { Organisation, OrganisationKind } from '../src/modules/organisations';
import { PlacementsService, ShelterJobsService } from '../src/modules/shelters';
import { SHELTER_AVAILABILITY_CHANGED } from '../src/modules/shelters/shelter-events.service';
import { SignedIn } from './support/factories';
import { connect, follow, subscribed, until } from './support/subscriptions';
import { TestApp } from './support/test-app';

const REPORT = `mutation($input: ReportShelterAvailabilityInput!) { reportShelterAvailability(input: $input) { id } }`;
const FOLLOW = `subscription($area: String) { shelterAvailabilityChanged(area: $area) {
  shelterId status area displayName freeAdultPlaces heldAdultPlaces organisation { id } } }`;

describe('shelterAvailabilityChanged subscription', () => {
  let test: TestApp;
  let jour: { organisation: Organisation; admin: SignedIn };
  let social: SignedIn;

  beforeAll(async () => {
    test = await TestApp.create();
    jour = await test.factories.organisation({ kind: OrganisationKind.WOMENS_SHELTER });
    social = await test.factories.socialServices();
  });

  afterAll(async () => {
    await test.close();
  });

  beforeEach(async () => {
    await subscribed(test, SHELTER_AVAILABILITY_CHANGED, 0);
  });

  afterEach(() => test.clock.reset());

  const report = (shelterId: string, freeAdultPlaces: number) =>
    jour.admin.client.ok(REPORT, { input: { shelterId, freeAdultPlaces, freeChildPlaces: 0 } });

  it('gives each availability an id of its own, the same in lists and events, for every caller', async () => {
    const area = 'Vänersborg';
    const shelter = await test.factories.shelter(jour, { area });
    const other = await test.factories.shelter(jour, { area });
    const partner = await test.factories.apiClient([ApiScope.SHELTERS_AVAILABILITY]);
    const LIST = `query($area: String) { shelterAvailability(filter: { area: $area }) { id shelterId } }`;
    const idsOf = (list: { id: string; shelterId: string }[]) =>
      Object.fromEntries(list.map((row) => [row.shelterId, row.id]));
    const { shelterAvailability: seenBySocial } = await social.client.ok(LIST, { area });
    const { shelterAvailability: seenByPartner } = await partner.client.ok(LIST, { area });
    const ids = idsOf(seenBySocial);
    expect(idsOf(seenByPartner)).toEqual(ids);
    expect(ids[shelter.id]).toBeDefined();
    expect(new Set([ids[shelter.id], ids[other.id], shelter.id, other.id]).size).toBe(4);

    const socket = connect(test, { Authorization: `Bearer ${social.token}` });
    const live = follow(
      socket,
      `subscription($area: String) { shelterAvailabilityChanged(area: $area) { id shelterId } }`,
      { area },
    );
    await subscribed(test, SHELTER_AVAILABILITY_CHANGED, 1);
    await report(shelter.id, 3);
    await until(() => live.events.length === 1, 'the report');
    expect(live.events[0].data.shelterAvailabilityChanged).toEqual({
      id: ids[shelter.id],
      shelterId: shelter.id,
    });
    live.stop();
    await socket.dispose();
    expect((await social.client.ok(LIST, { area })).shelterAvailability).toEqual(seenBySocial);
  });

  it('tells social services the counts and partner apps the status, for the area followed', async () => {
    const area = 'Uddevalla';
    const shelter = await test.factories.shelter(jour, { area });
    const elsewhere = await test.factories.shelter(jour, { area: 'Borås' });
    const partner = await test.factories.apiClient([ApiScope.SHELTERS_AVAILABILITY]);
    const asSocial = connect(test, { Authorization: `Bearer ${social.token}` });
    const asPartner = connect(test, { 'X-Api-Key': partner.apiKey });
    const socialEvents = follow(asSocial, FOLLOW, { area: area.toLowerCase() });
    const partnerEvents = follow(asPartner, FOLLOW, { area });
    await subscribed(test, SHELTER_AVAILABILITY_CHANGED, 2);

    await report(elsewhere.id, 1);
    await report(shelter.id, 2);
    const placements = test.get(PlacementsService);
    const placement = await placements.request(social.actor, {
      shelterId: shelter.id,
      adults: 1,
      children: 0,
      needs: [],
      caseReference: 'IFO-LIVE-1',
    });
    await placements.respond(jour.admin.actor, { placementId: placement.id, accept: true });
    await until(
      () => socialEvents.events.length >= 2 && partnerEvents.events.length >= 2,
      'the report and the hold',
    );
    socialEvents.stop();
    partnerEvents.stop();
    await asSocial.dispose();
    await asPartner.dispose();
    expect(socialEvents.errors).toEqual([]);
    expect(socialEvents.events.map((event) => event.data.shelterAvailabilityChanged)).toEqual([
      {
        shelterId: shelter.id,
        status: 'AVAILABLE',
        area,
        displayName: shelter.displayName,
        freeAdultPlaces: 2,
        heldAdultPlaces: 0,
        organisation: { id: jour.organisation.id },
      },
      {
        shelterId: shelter.id,
        status: 'AVAILABLE',
        area,
        displayName: shelter.displayName,
        freeAdultPlaces: 1,
        heldAdultPlaces: 1,
        organisation: { id: jour.organisation.id },
      },
    ]);
    expect(partnerEvents.errors).toEqual([]);
    expect(partnerEvents.events.map((event) => event.data.shelterAvailabilityChanged)).toEqual([
      {
        shelterId: shelter.id,
        status: 'AVAILABLE',
        area,
        displayName: null,
        freeAdultPlaces: null,
        heldAdultPlaces: null,
        organisation: null,
      },
      {
        shelterId: shelter.id,
        status: 'AVAILABLE',
        area,
        displayName: null,
        freeAdultPlaces: null,
        heldAdultPlaces: null,
        organisation: null,
      },
    ]);
  });

  it('refuses partner apps without the scope, other people and anonymous subscribers', async () => {
    const directory = await test.factories.apiClient([ApiScope.DIRECTORY_READ]);
    const cases: [Record<string, unknown> | undefined, string][] = [
      [{ 'X-Api-Key': directory.apiKey }, 'FORBIDDEN'],
      [{ Authorization: `Bearer ${jour.admin.token}` }, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ];
    for (const [params, code] of cases) {
      const client = connect(test, params);
      const subscription = follow(client, FOLLOW, {});
      await until(() => subscription.errors.length > 0, `the refusal (${code})`);
      subscription.stop();
      await client.dispose();
      expect(JSON.stringify(subscription.errors)).toContain(code);
      expect(subscription.events).toEqual([]);
    }
  });

  it('announces a shelter whose last report grew too old, and one that closed, as NO_DATA', async () => {
    const area = 'Mellerud';
    const ageing = await test.factories.shelter(jour, { area, free: 1 });
    const closing = await test.factories.shelter(jour, { area, free: 1 });
    const client = connect(test, { Authorization: `Bearer ${social.token}` });
    const subscription = follow(client, FOLLOW, { area });
    await subscribed(test, SHELTER_AVAILABILITY_CHANGED, 1);

    await jour.admin.client.ok(
      `mutation($input: UpdateShelterInput!) { updateShelter(input: $input) { id } }`,
      { input: { shelterId: closing.id, active: false } },
    );
    await until(() => subscription.events.length >= 1, 'the closing');
    test.clock.advance(24 * 3600_000 + 60_000);
    await test.get(ShelterJobsService).announceStale();
    await until(() => subscription.events.length >= 2, 'the stale shelter');
    // A second run announces nothing new.
    await test.get(ShelterJobsService).announceStale();
    await new Promise((resolve) => setTimeout(resolve, 100));
    subscription.stop();
    await client.dispose();
    expect(
      subscription.events.map((event) => {
        const { shelterId, status } = event.data.shelterAvailabilityChanged;
        return { shelterId, status };
      }),
    ).toEqual([
      { shelterId: closing.id, status: 'NO_DATA' },
      { shelterId: ageing.id, status: 'NO_DATA' },
    ]);
  });

  it('after the closing, says nothing more of a closed shelter; a suspended organisation’s shelter closes unannounced', async () => {
    const area = 'Säffle';
    const closing = await test.factories.shelter(jour, { area, free: 1 });
    const other = await test.factories.organisation({ kind: OrganisationKind.WOMENS_SHELTER });
    const suspendedShelter = await test.factories.shelter(other, { area, free: 1 });
    await test.factories.suspend(other.organisation.id);
    const shown = await test.factories.shelter(jour, { area });
    const client = connect(test, { Authorization: `Bearer ${social.token}` });
    const subscription = follow(client, FOLLOW, { area });
    await subscribed(test, SHELTER_AVAILABILITY_CHANGED, 1);
    const UPDATE = `mutation($input: UpdateShelterInput!) { updateShelter(input: $input) { id } }`;
    await jour.admin.client.ok(UPDATE, { input: { shelterId: closing.id, active: false } });
    await jour.admin.client.ok(UPDATE, {
      input: { shelterId: closing.id, features: ['PETS_ALLOWED'] },
    });
    await other.admin.client.ok(UPDATE, {
      input: { shelterId: suspendedShelter.id, active: false },
    });
    await report(shown.id, 1);
    await until(() => subscription.events.length >= 2, 'the closing and the report');
    await new Promise((resolve) => setTimeout(resolve, 100));
    subscription.stop();
    await client.dispose();
    expect(
      subscription.events.map((event) => {
        const { shelterId, status } = event.data.shelterAvailabilityChanged;
        return { shelterId, status };
      }),
    ).toEqual([
      { shelterId: closing.id, status: 'NO_DATA' },
      { shelterId: shown.id, status: 'AVAILABLE' },
    ]);
  });

  it('checks the subscriber afresh for every event: a revoked key hears of it once, then nothing', async () => {
    const area = 'Arvika';
    const shelter = await test.factories.shelter(jour, { area });
    const partner = await test.factories.apiClient([ApiScope.SHELTERS_AVAILABILITY]);
    const client = connect(test, { 'X-Api-Key': partner.apiKey });
    const subscription = follow(client, FOLLOW, { area });
    await subscribed(test, SHELTER_AVAILABILITY_CHANGED, 1);
    await report(shelter.id, 1);
    await until(() => subscription.events.length >= 1, 'the first report');
    const admin = await test.factories.admin();
    await admin.client.ok(
      `mutation($input: ApiClientIdInput!) { revokeApiClient(input: $input) { id } }`,
      { input: { apiClientId: partner.apiClient.id } },
    );
    await report(shelter.id, 2);
    await report(shelter.id, 3);
    await until(() => subscription.completed, 'the end of the subscription');
    await new Promise((resolve) => setTimeout(resolve, 200));
    subscription.stop();
    await client.dispose();
    // The first report, then the refusal the client can act on (no counts of the later reports).
    expect(subscription.events).toHaveLength(2);
    expect(subscription.events[0].data.shelterAvailabilityChanged.freeAdultPlaces).toBeNull();
    expect(subscription.events[1].data).toBeNull();
    expect(subscription.events[1].errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
