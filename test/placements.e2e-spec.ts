import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLInputObjectType, GraphQLObjectType } from 'graphql';
import { In } from 'typeorm';
import { ApiScope } from '../src/common/actor';
import { AuditLogEntry } from '../src/modules/audit';
import { Notification, NotificationKind } from '../src/modules/notifications';
import { MembershipRole, Organisation, OrganisationKind } from '../src/modules/organisations';
import {
  PlacementRequest,
  Shelter,
  ShelterFeature,
  ShelterJobsService,
} from '../src/modules/shelters';
import { SignedIn } from './support/factories';
import { codesOf, outcomeOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

const REQUEST = `mutation($input: RequestPlacementInput!) { requestPlacement(input: $input) {
  id status adults children needs language caseReference holdExpiresAt shelter { id } } }`;
const RESPOND = `mutation($input: RespondToPlacementInput!) { respondToPlacement(input: $input) {
  id status holdExpiresAt reason answeredAt } }`;
const CONFIRM = `mutation($input: PlacementIdInput!) { confirmPlacement(input: $input) { id status closedAt } }`;
const CANCEL = `mutation($input: CancelPlacementInput!) { cancelPlacement(input: $input) { id status reason } }`;
const LIST = `query($filter: PlacementRequestFilter) { placementRequests(filter: $filter, first: 100) {
  totalCount edges { node { id status caseReference shelter { id } } } } }`;
const ONE = `query($id: ID!) { placementRequest(id: $id) { id status caseReference } }`;
const AVAILABILITY = `{ shelterAvailability { shelterId status freeAdultPlaces heldAdultPlaces } }`;

const MINUTE = 60_000;

describe('placement requests', () => {
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

  afterEach(() => test.clock.reset());

  let sequence = 0;
  const ask = (shelterId: string, overrides: Record<string, unknown> = {}) => {
    sequence += 1;
    return {
      input: {
        shelterId,
        adults: 1,
        children: 0,
        caseReference: `IFO-2026-${String(sequence).padStart(4, '0')}`,
        ...overrides,
      },
    };
  };
  const request = async (shelterId: string, overrides: Record<string, unknown> = {}) =>
    (await social.client.ok(REQUEST, ask(shelterId, overrides))).requestPlacement;
  const stored = (id: string) => test.dataSource.getRepository(Shelter).findOneByOrFail({ id });
  const placementCount = () => test.dataSource.getRepository(PlacementRequest).count();
  const notificationsOf = (personId: string) =>
    test.dataSource
      .getRepository(Notification)
      .find({ where: { recipientPersonId: personId }, order: { createdAt: 'ASC' } });

  describe('the way through', () => {
    it('social services ask, the shelter accepts and holds the places, social services confirm', async () => {
      const coordinator = await test.factories.member(
        jour.organisation.id,
        jour.admin,
        MembershipRole.COORDINATOR,
      );
      const shelter = await test.factories.shelter(jour, {
        free: 3,
        features: [ShelterFeature.REINFORCED_SECURITY],
      });
      const asked = await request(shelter.id, {
        adults: 1,
        children: 2,
        needs: ['REINFORCED_SECURITY'],
        language: 'AR',
      });
      expect(asked).toMatchObject({
        status: 'REQUESTED',
        adults: 1,
        children: 2,
        needs: ['REINFORCED_SECURITY'],
        language: 'ar',
        holdExpiresAt: null,
        shelter: { id: shelter.id },
      });
      // The shelter's coordinators hear of it.
      for (const staff of [jour.admin, coordinator]) {
        expect((await notificationsOf(staff.person.id)).map((n) => n.kind)).toContain(
          'PLACEMENT_REQUESTED',
        );
      }

      const before = test.clock.now().getTime();
      const { respondToPlacement: accepted } = await coordinator.client.ok(RESPOND, {
        input: { placementId: asked.id, accept: true },
      });
      expect(accepted.status).toBe('ACCEPTED');
      const hold = new Date(accepted.holdExpiresAt).getTime() - before;
      expect(hold).toBeGreaterThanOrEqual(240 * MINUTE - 5000);
      expect(hold).toBeLessThanOrEqual(240 * MINUTE + 5000);
      expect(await stored(shelter.id)).toMatchObject({
        freeAdultPlaces: 3,
        heldAdultPlaces: 1,
        freeChildPlaces: 2,
        heldChildPlaces: 2,
      });
      const { shelterAvailability } = await social.client.ok(AVAILABILITY);
      expect(shelterAvailability.find((entry: any) => entry.shelterId === shelter.id)).toEqual({
        shelterId: shelter.id,
        status: 'AVAILABLE',
        freeAdultPlaces: 2,
        heldAdultPlaces: 1,
      });
      expect((await notificationsOf(social.person.id)).map((n) => n.kind)).toContain(
        'PLACEMENT_ANSWERED',
      );

      const { confirmPlacement } = await social.client.ok(CONFIRM, {
        input: { placementId: asked.id },
      });
      expect(confirmPlacement).toMatchObject({ status: 'CONFIRMED', closedAt: expect.any(String) });
      expect(await stored(shelter.id)).toMatchObject({
        freeAdultPlaces: 2,
        heldAdultPlaces: 0,
        freeChildPlaces: 0,
        heldChildPlaces: 0,
      });
      expect((await notificationsOf(coordinator.person.id)).map((n) => n.kind)).toContain(
        'PLACEMENT_CONFIRMED',
      );
    });

    it('tells the shelter who at social services asked', async () => {
      const shelter = await test.factories.shelter(jour, { free: 1 });
      const asked = await request(shelter.id);
      const { placementRequest } = await jour.admin.client.ok(
        `query($id: ID!) { placementRequest(id: $id) { requestedBy { displayName } } }`,
        { id: asked.id },
      );
      expect(placementRequest.requestedBy.displayName).toBe(social.person.displayName);
    });

    it('declining needs a reason, and frees nothing because nothing was held', async () => {
      const shelter = await test.factories.shelter(jour, { free: 2 });
      const asked = await request(shelter.id);
      expect(
        await jour.admin.client.code(RESPOND, { input: { placementId: asked.id, accept: false } }),
      ).toBe('BAD_USER_INPUT');
      const { respondToPlacement } = await jour.admin.client.ok(RESPOND, {
        input: { placementId: asked.id, accept: false, reason: 'Vi kan inte ta emot barn just nu' },
      });
      expect(respondToPlacement).toMatchObject({
        status: 'DECLINED',
        reason: 'Vi kan inte ta emot barn just nu',
      });
      expect(await stored(shelter.id)).toMatchObject({ freeAdultPlaces: 2, heldAdultPlaces: 0 });
    });

    it('cancelling an accepted request frees its places at once, and tells the other side', async () => {
      const shelter = await test.factories.shelter(jour, { free: 1 });
      const asked = await request(shelter.id);
      await jour.admin.client.ok(RESPOND, { input: { placementId: asked.id, accept: true } });
      expect((await stored(shelter.id)).heldAdultPlaces).toBe(1);
      const { cancelPlacement } = await social.client.ok(CANCEL, {
        input: { placementId: asked.id, reason: 'Personen har ordnat annat boende' },
      });
      expect(cancelPlacement.status).toBe('CANCELLED');
      expect(await stored(shelter.id)).toMatchObject({ freeAdultPlaces: 1, heldAdultPlaces: 0 });
      const cancelled = (await notificationsOf(jour.admin.person.id)).filter(
        (n) => n.kind === NotificationKind.PLACEMENT_CANCELLED,
      );
      expect(cancelled.map((n) => n.data.placementId)).toContain(asked.id);
      // Notifications carry the request's id and status, never its case reference or free text.
      const everything = [
        ...(await notificationsOf(jour.admin.person.id)),
        ...(await notificationsOf(social.person.id)),
      ].filter((n) => n.kind.startsWith('PLACEMENT_'));
      expect(everything.length).toBeGreaterThanOrEqual(3);
      const text = JSON.stringify(everything.map((n) => [n.subject, n.body, n.data]));
      expect(text).not.toContain(asked.caseReference);
      expect(text).not.toContain('ordnat annat boende');
      // The freed place can be held for someone else.
      const next = await request(shelter.id);
      expect(
        (await jour.admin.client.ok(RESPOND, { input: { placementId: next.id, accept: true } }))
          .respondToPlacement.status,
      ).toBe('ACCEPTED');
    });

    it('refuses every illegal change of state with INVALID_STATE_TRANSITION', async () => {
      const shelter = await test.factories.shelter(jour, { free: 2 });
      const asked = await request(shelter.id);
      expect(await social.client.code(CONFIRM, { input: { placementId: asked.id } })).toBe(
        'INVALID_STATE_TRANSITION',
      );
      await jour.admin.client.ok(RESPOND, { input: { placementId: asked.id, accept: true } });
      expect(
        await jour.admin.client.code(RESPOND, { input: { placementId: asked.id, accept: true } }),
      ).toBe('INVALID_STATE_TRANSITION');
      await social.client.ok(CONFIRM, { input: { placementId: asked.id } });
      expect(await social.client.code(CONFIRM, { input: { placementId: asked.id } })).toBe(
        'INVALID_STATE_TRANSITION',
      );
      expect(
        await social.client.code(CANCEL, { input: { placementId: asked.id, reason: 'För sent' } }),
      ).toBe('INVALID_STATE_TRANSITION');
      // The places were taken once, whatever was tried afterwards.
      expect(await stored(shelter.id)).toMatchObject({ freeAdultPlaces: 1, heldAdultPlaces: 0 });
    });

    it('refuses a request the shelter cannot meet', async () => {
      const shelter = await test.factories.shelter(jour, { free: 2, totalChildPlaces: 1 });
      const before = await placementCount();
      expect(await social.client.code(REQUEST, ask(shelter.id, { children: 2 }))).toBe(
        'SHELTER_AT_CAPACITY',
      );
      expect(await social.client.code(REQUEST, ask(shelter.id, { needs: ['PETS_ALLOWED'] }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(await social.client.code(REQUEST, ask(shelter.id, { adults: 0 }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(await placementCount()).toBe(before);
    });

    it('holds only places that were reported free (SHELTER_AT_CAPACITY)', async () => {
      const shelter = await test.factories.shelter(jour);
      const asked = await request(shelter.id);
      expect(
        await jour.admin.client.code(RESPOND, { input: { placementId: asked.id, accept: true } }),
      ).toBe('SHELTER_AT_CAPACITY');
      const stillAsked = await test.dataSource
        .getRepository(PlacementRequest)
        .findOneByOrFail({ id: asked.id });
      expect(stillAsked.status).toBe('REQUESTED');
    });
  });

  describe('never a name or an identity number', () => {
    it.each([
      '811218-9876',
      '19811218-9876',
      '8112189876',
      'IFO 811218-9875',
      'Anna Andersson, 811218-9876',
      'Anna <script>',
    ])(
      'refuses the case reference %p with BAD_USER_INPUT and stores nothing',
      async (reference) => {
        const shelter = await test.factories.shelter(jour, { free: 1 });
        const before = await placementCount();
        const response = await social.client.request(
          REQUEST,
          ask(shelter.id, { caseReference: reference }),
        );
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
        expect(await placementCount()).toBe(before);
      },
    );

    it('has no field for a name, in the request or the record', async () => {
      const schema = test.get(GraphQLSchemaHost).schema;
      const input = schema.getType('RequestPlacementInput') as GraphQLInputObjectType;
      const type = schema.getType('PlacementRequest') as GraphQLObjectType;
      const columns = test.dataSource
        .getMetadata(PlacementRequest)
        .columns.map((c) => c.propertyName);
      for (const fields of [
        Object.keys(input.getFields()),
        Object.keys(type.getFields()),
        columns,
      ]) {
        expect(fields.length).toBeGreaterThan(3);
        expect(fields.filter((field) => /name|personnummer|identity|birth/i.test(field))).toEqual(
          [],
        );
      }
      const shelter = await test.factories.shelter(jour, { free: 1 });
      const response = await social.client.request(
        REQUEST,
        ask(shelter.id, { name: 'Anna Andersson' }),
      );
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    });

    it('refuses an identity number in a reason', async () => {
      const shelter = await test.factories.shelter(jour, { free: 1 });
      const asked = await request(shelter.id);
      expect(
        await jour.admin.client.code(RESPOND, {
          input: {
            placementId: asked.id,
            accept: false,
            reason: 'Känner 811218-9876 sedan tidigare',
          },
        }),
      ).toBe('BAD_USER_INPUT');
    });
  });

  describe('who does what', () => {
    it('only social services request placements', async () => {
      const shelter = await test.factories.shelter(jour, { free: 1 });
      const officer = await test.factories.municipalOfficer();
      const partner = await test.factories.apiClient(Object.values(ApiScope));
      const before = await placementCount();
      for (const caller of [jour.admin.client, officer.client, partner.client]) {
        expect(await caller.code(REQUEST, ask(shelter.id))).toBe('FORBIDDEN');
      }
      expect(await test.anonymous.code(REQUEST, ask(shelter.id))).toBe('UNAUTHENTICATED');
      expect(await placementCount()).toBe(before);
    });

    it("only the shelter's organisation answers; other organisations see nothing of either", async () => {
      const shelter = await test.factories.shelter(jour, { free: 2 });
      const asked = await request(shelter.id);
      const volunteer = await test.factories.member(jour.organisation.id, jour.admin);
      const other = await test.factories.organisation({ kind: OrganisationKind.WOMENS_SHELTER });
      const otherShelter = await test.factories.shelter(other, { free: 1 });
      const theirs = await request(otherShelter.id);
      const officer = await test.factories.municipalOfficer();
      const accept = { input: { placementId: asked.id, accept: true } };

      expect(await social.client.code(RESPOND, accept)).toBe('FORBIDDEN');
      for (const outsider of [other.admin, volunteer, officer]) {
        expect(await outsider.client.code(RESPOND, accept)).toBe('NOT_FOUND');
        expect(await outsider.client.code(CONFIRM, { input: { placementId: asked.id } })).toBe(
          'NOT_FOUND',
        );
        expect(
          await outsider.client.code(CANCEL, { input: { placementId: asked.id, reason: 'Nej' } }),
        ).toBe('NOT_FOUND');
        expect(await outsider.client.code(ONE, { id: asked.id })).toBe('NOT_FOUND');
      }
      // The other organisation's coordinators see their own requests only.
      const { placementRequests } = await other.admin.client.ok(LIST);
      expect(placementRequests.edges.map((edge: any) => edge.node.id)).toEqual([theirs.id]);
      // Volunteers, officers and partner apps see no requests at all.
      const partner = await test.factories.apiClient(Object.values(ApiScope));
      for (const caller of [volunteer.client, officer.client, partner.client]) {
        expect(await caller.code(LIST)).toBe('FORBIDDEN');
      }
      expect(await test.anonymous.code(LIST)).toBe('UNAUTHENTICATED');
      // Nothing changed.
      const unchanged = await test.dataSource
        .getRepository(PlacementRequest)
        .findOneByOrFail({ id: asked.id });
      expect(unchanged.status).toBe('REQUESTED');
      // The shelter sees it; social services see both.
      const ours = await jour.admin.client.ok(LIST, { filter: { shelterId: shelter.id } });
      expect(ours.placementRequests.edges.map((edge: any) => edge.node.id)).toEqual([asked.id]);
      const all = await social.client.ok(LIST, {
        filter: { shelterId: otherShelter.id, status: ['REQUESTED'] },
      });
      expect(all.placementRequests.edges.map((edge: any) => edge.node.id)).toEqual([theirs.id]);
    });
  });

  describe('the audit log', () => {
    it('records every state change, with who did it', async () => {
      const shelter = await test.factories.shelter(jour, { free: 1 });
      const asked = await request(shelter.id);
      await jour.admin.client.ok(RESPOND, { input: { placementId: asked.id, accept: true } });
      await social.client.ok(CONFIRM, { input: { placementId: asked.id } });
      const changes = (await test.auditOf(asked.id)).filter(
        (entry) => entry.action !== 'placement.read',
      );
      expect(changes.map((entry) => [entry.action, entry.actorPersonId])).toEqual([
        ['placement.requested', social.person.id],
        ['placement.accepted', jour.admin.person.id],
        ['placement.confirmed', social.person.id],
      ]);
      expect(changes[1].summary).toMatchObject({
        before: { status: 'REQUESTED' },
        after: { status: 'ACCEPTED', adults: 1 },
      });
      // The audit never keeps the case reference or free text.
      expect(JSON.stringify(changes.map((entry) => entry.summary))).not.toContain(
        asked.caseReference,
      );
    });

    it('keeps entries about placement requests and shelters from municipal officers (ADMIN only)', async () => {
      const shelter = await test.factories.shelter(jour, { free: 1 });
      const asked = await request(shelter.id);
      await social.client.ok(ONE, { id: asked.id });
      const officer = await test.factories.municipalOfficer();
      const admin = await test.factories.admin();
      const AUDIT = `query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 100) {
        totalCount edges { node { entityType entityId summary } } } }`;
      for (const entityType of ['PlacementRequest', 'Shelter']) {
        expect(await officer.client.code(AUDIT, { filter: { entityType } })).toBe('FORBIDDEN');
      }
      for (const entityId of [asked.id, shelter.id]) {
        const { auditLog } = await officer.client.ok(AUDIT, { filter: { entityId } });
        expect(auditLog.totalCount).toBe(0);
        const seenByAdmin = await admin.client.ok(AUDIT, { filter: { entityId } });
        expect(seenByAdmin.auditLog.totalCount).toBeGreaterThan(0);
      }
      const { auditLog: everything } = await officer.client.ok(AUDIT, {});
      expect(
        everything.edges.filter((edge: any) =>
          ['PlacementRequest', 'Shelter'].includes(edge.node.entityType),
        ),
      ).toEqual([]);
      // Officers still read the rest of the log.
      expect(everything.totalCount).toBeGreaterThan(0);
    });

    it('records every read: each request a list returns, and each single read', async () => {
      const shelter = await test.factories.shelter(jour, { free: 2 });
      const first = await request(shelter.id);
      const second = await request(shelter.id);
      const reads = async (id: string) =>
        test.dataSource
          .getRepository(AuditLogEntry)
          .findBy({ entityId: id, action: 'placement.read' });
      expect(await reads(first.id)).toHaveLength(0);
      await jour.admin.client.ok(LIST, { filter: { shelterId: shelter.id } });
      await social.client.ok(ONE, { id: first.id });
      expect((await reads(first.id)).map((entry) => entry.actorPersonId).sort()).toEqual(
        [jour.admin.person.id, social.person.id].sort(),
      );
      expect((await reads(second.id)).map((entry) => entry.actorPersonId)).toEqual([
        jour.admin.person.id,
      ]);
      // A page of one is one read.
      await social.client.ok(
        `query($f: PlacementRequestFilter) { placementRequests(filter: $f, first: 1) { edges { node { id } } } }`,
        { f: { shelterId: shelter.id } },
      );
      const total = await test.dataSource.getRepository(AuditLogEntry).countBy({
        entityId: In([first.id, second.id]),
        action: 'placement.read',
      });
      expect(total).toBe(4);
    });
  });

  describe('holds that are not confirmed in time', () => {
    it('expire after 4 hours: the scheduled job frees the places and tells both sides', async () => {
      const shelter = await test.factories.shelter(jour, { free: 1 });
      const asked = await request(shelter.id);
      await jour.admin.client.ok(RESPOND, { input: { placementId: asked.id, accept: true } });
      const jobs = test.get(ShelterJobsService);

      test.clock.advance(239 * MINUTE);
      await jobs.expireHolds();
      expect((await stored(shelter.id)).heldAdultPlaces).toBe(1);

      test.clock.advance(2 * MINUTE);
      // Before the job has run, the hold has still run out: confirming is refused.
      expect(await social.client.code(CONFIRM, { input: { placementId: asked.id } })).toBe(
        'INVALID_STATE_TRANSITION',
      );
      // (The job also runs every minute by itself: what it did is checked, not how often it ran.)
      await jobs.expireHolds();
      const expired = await test.dataSource
        .getRepository(PlacementRequest)
        .findOneByOrFail({ id: asked.id });
      expect(expired.status).toBe('EXPIRED');
      expect(await stored(shelter.id)).toMatchObject({ freeAdultPlaces: 1, heldAdultPlaces: 0 });
      for (const side of [social, jour.admin]) {
        const expiredNotices = (await notificationsOf(side.person.id)).filter(
          (n) => n.kind === NotificationKind.PLACEMENT_EXPIRED,
        );
        expect(expiredNotices.map((n) => n.data.placementId)).toContain(asked.id);
      }
      const audit = await test.auditOf(asked.id);
      expect(audit.map((entry) => entry.action)).toContain('placement.expired');
      // Running again changes nothing.
      await jobs.expireHolds();
      expect((await stored(shelter.id)).heldAdultPlaces).toBe(0);
    });

    it('a hold that has run out cannot be cancelled either: it expires', async () => {
      const shelter = await test.factories.shelter(jour, { free: 1 });
      const asked = await request(shelter.id);
      await jour.admin.client.ok(RESPOND, { input: { placementId: asked.id, accept: true } });
      test.clock.advance(241 * MINUTE);
      const response = await social.client.request(CANCEL, {
        input: { placementId: asked.id, reason: 'För sent' },
      });
      expect(codesOf(response)).toEqual(['INVALID_STATE_TRANSITION']);
      expect(response.errors?.[0].extensions.details).toMatchObject({ from: 'EXPIRED' });
      await test.get(ShelterJobsService).expireHolds();
      const expired = await test.dataSource
        .getRepository(PlacementRequest)
        .findOneByOrFail({ id: asked.id });
      expect(expired.status).toBe('EXPIRED');
      expect((await test.auditOf(asked.id)).map((entry) => entry.action)).not.toContain(
        'placement.cancelled',
      );
    });

    it('an expired hold does not block an acceptance even before the job has run', async () => {
      const shelter = await test.factories.shelter(jour, { free: 1 });
      const first = await request(shelter.id);
      await jour.admin.client.ok(RESPOND, { input: { placementId: first.id, accept: true } });
      const second = await request(shelter.id);
      expect(
        await jour.admin.client.code(RESPOND, { input: { placementId: second.id, accept: true } }),
      ).toBe('SHELTER_AT_CAPACITY');
      test.clock.advance(241 * MINUTE);
      await jour.admin.client.ok(RESPOND, { input: { placementId: second.id, accept: true } });
      const statuses = await test.dataSource
        .getRepository(PlacementRequest)
        .findBy({ id: In([first.id, second.id]) });
      expect(Object.fromEntries(statuses.map((p) => [p.id, p.status]))).toEqual({
        [first.id]: 'EXPIRED',
        [second.id]: 'ACCEPTED',
      });
      expect(await stored(shelter.id)).toMatchObject({ freeAdultPlaces: 1, heldAdultPlaces: 1 });
    });
  });

  describe('under concurrent acceptances', () => {
    it.each([1, 2, 3, 4, 5])(
      'round %p: holds never exceed the free places (exactly 3 of 12 accepted, 9 SHELTER_AT_CAPACITY)',
      async () => {
        const shelter = await test.factories.shelter(jour, { free: 3 });
        const asked = await Promise.all(Array.from({ length: 12 }, () => request(shelter.id)));
        const outcomes = await Promise.all(
          asked.map(async (placement) =>
            outcomeOf(
              await jour.admin.client.request(RESPOND, {
                input: { placementId: placement.id, accept: true },
              }),
              (data: any) => data.respondToPlacement.status,
            ),
          ),
        );
        expect(outcomes.filter((outcome) => outcome === 'ACCEPTED')).toHaveLength(3);
        expect(outcomes.filter((outcome) => outcome === 'SHELTER_AT_CAPACITY')).toHaveLength(9);
        expect(await stored(shelter.id)).toMatchObject({ freeAdultPlaces: 3, heldAdultPlaces: 3 });
        const accepted = await test.dataSource
          .getRepository(PlacementRequest)
          .countBy({ shelterId: shelter.id, status: 'ACCEPTED' as never });
        expect(accepted).toBe(3);
      },
    );

    it('mixed sizes: the held adult and child places stay within the free ones', async () => {
      const shelter = await test.factories.shelter(jour, { free: 4 });
      // 4 adult and 2 child places free: requests of 2 adults, or 1 adult with 2 children.
      const asked = await Promise.all([
        ...Array.from({ length: 4 }, () => request(shelter.id, { adults: 2 })),
        ...Array.from({ length: 4 }, () => request(shelter.id, { adults: 1, children: 2 })),
      ]);
      await Promise.all(
        asked.map((placement) =>
          jour.admin.client.request(RESPOND, {
            input: { placementId: placement.id, accept: true },
          }),
        ),
      );
      const row = await stored(shelter.id);
      expect(row.heldAdultPlaces).toBeLessThanOrEqual(4);
      expect(row.heldChildPlaces).toBeLessThanOrEqual(2);
      const held = await test.dataSource
        .getRepository(PlacementRequest)
        .findBy({ shelterId: shelter.id, status: 'ACCEPTED' as never });
      expect(held.reduce((sum, p) => sum + p.adults, 0)).toBe(row.heldAdultPlaces);
      expect(held.reduce((sum, p) => sum + p.children, 0)).toBe(row.heldChildPlaces);
      expect(row.heldAdultPlaces).toBeGreaterThanOrEqual(3);
    });
  });

  describe('SQL statements', () => {
    it('do not grow with the page size: requests with their shelter and its organisation, reads audited', async () => {
      const owner = await test.factories.organisation({ kind: OrganisationKind.WOMENS_SHELTER });
      for (let index = 0; index < 6; index += 1) {
        const shelter = await test.factories.shelter(owner, { free: 1 });
        for (let n = 0; n < 5; n += 1) await request(shelter.id);
      }
      const query = `query($first: Int, $org: ID!) { placementRequests(first: $first, filter: { organisationId: $org }) {
        edges { node { id status shelter { displayName availability { status } organisation { name } } } } } }`;
      const small = await test.countStatements(() =>
        owner.admin.client.ok(query, { first: 5, org: owner.organisation.id }),
      );
      const large = await test.countStatements(() =>
        owner.admin.client.ok(query, { first: 25, org: owner.organisation.id }),
      );
      expect(large).toBe(small);
    });
  });
});
