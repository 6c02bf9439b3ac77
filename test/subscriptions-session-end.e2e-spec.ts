import type { Client as WsClient } from 'graphql-ws';
import { ApiScope } from '../src/common/actor';
import { OrganisationKind } from '../src/modules/organisations';
import { SHIFT_CHANGED } from '../src/modules/night-walks/shift-events.service';
import { SHELTER_AVAILABILITY_CHANGED } from '../src/modules/shelters/shelter-events.service';
import { SIGN_UP } from './support/documents';
import { connect, Followed, follow, subscribed, until } from './support/subscriptions';
import { TestApp } from './support/test-app';

const SHIFTS = `subscription($d: ID!) { shiftChanged(districtId: $d) { id confirmedCount } }`;
const SHELTERS = `subscription { shelterAvailabilityChanged { shelterId status } }`;
const REPORT = `mutation($input: ReportShelterAvailabilityInput!) { reportShelterAvailability(input: $input) { id } }`;
const REVOKE = `mutation($input: ApiClientIdInput!) { revokeApiClient(input: $input) { id } }`;

/** The subscription ended as a client can act on: one UNAUTHENTICATED error, then completed. */
async function endedWithUnauthenticated(live: Followed): Promise<void> {
  await until(() => live.completed, 'the subscription to complete');
  const last = live.events.at(-1);
  expect(last.data).toBeNull();
  expect(last.errors.map((error: any) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
  expect(live.errors).toEqual([]);
}

/**
 * A subscription opened with credentials ends when they stop holding (sign-out, a revoked key),
 * with an error a client can act on, instead of going silent.
 */
describe('subscriptions end with the session that opened them', () => {
  let test: TestApp;
  const sockets: WsClient[] = [];

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    for (const socket of sockets) await socket.dispose();
    await test.close();
  });

  const open = (params?: Record<string, unknown>) => {
    const socket = connect(test, params);
    sockets.push(socket);
    return socket;
  };

  it('shiftChanged: a signed-in follower’s logout ends theirs; an anonymous one keeps hearing', async () => {
    const group = await test.factories.nightWalkGroup(1);
    const district = await test.factories.district();
    const walk = await test.factories.shift(group, { districtId: district.id });
    const volunteer = await test.factories.signedIn();
    const signedIn = follow(open({ Authorization: `Bearer ${volunteer.token}` }), SHIFTS, {
      d: district.id,
    });
    const anonymous = follow(open(), SHIFTS, { d: district.id });
    await subscribed(test, SHIFT_CHANGED, 2);

    await volunteer.client.ok('mutation { logout }');
    await endedWithUnauthenticated(signedIn);
    // Ended at once, not at its next event: nothing of the walk reached it.
    expect(signedIn.events).toHaveLength(1);
    await subscribed(test, SHIFT_CHANGED, 1);

    await group.walkers[0].client.ok(SIGN_UP, { input: { shiftId: walk.id } });
    await until(() => anonymous.events.length === 1, 'the signup on the anonymous subscription');
    expect(anonymous.events[0].data.shiftChanged).toEqual({ id: walk.id, confirmedCount: 1 });
    expect(anonymous.completed).toBe(false);
    anonymous.stop();
  });

  it('shelterAvailabilityChanged: social services’ logout ends theirs, and a revoked key the partner’s', async () => {
    const jour = await test.factories.organisation({ kind: OrganisationKind.WOMENS_SHELTER });
    const shelter = await test.factories.shelter(jour);
    const social = await test.factories.socialServices();
    const partner = await test.factories.apiClient([ApiScope.SHELTERS_AVAILABILITY]);
    const asSocial = follow(open({ Authorization: `Bearer ${social.token}` }), SHELTERS);
    const asPartner = follow(open({ 'X-Api-Key': partner.apiKey }), SHELTERS);
    await subscribed(test, SHELTER_AVAILABILITY_CHANGED, 2);

    await social.client.ok('mutation { logout }');
    await endedWithUnauthenticated(asSocial);
    expect(asPartner.completed).toBe(false);

    const admin = await test.factories.admin();
    await admin.client.ok(REVOKE, { input: { apiClientId: partner.apiClient.id } });
    // A key has no sign-out event: the next event (or the periodic check) finds it revoked.
    await jour.admin.client.ok(REPORT, {
      input: { shelterId: shelter.id, freeAdultPlaces: 1, freeChildPlaces: 0 },
    });
    await endedWithUnauthenticated(asPartner);
    expect(asPartner.events).toHaveLength(1);
    await subscribed(test, SHELTER_AVAILABILITY_CHANGED, 0);
  });
});
