import { GraphQLSchemaHost } from '@nestjs/graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLObjectType,
  isEnumType,
} from 'graphql';
import { ApiScope } from '../src/common/actor';
import { ENTITIES } from '../src/app.entities';
import {
  MembershipRole,
  Organisation,
  OrganisationKind,
  OrganisationStatus,
} from '../src/modules/organisations';
import {
  PlacementsService,
  Shelter,
  ShelterAvailabilityReport,
  ShelterFeature,
  ShelterAvailabilityService,
} from '../src/modules/shelters';
import { TargetGroup } from '../src/common/target-group';
import { SignedIn } from './support/factories';
import { codesOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

const CREATE = `mutation($input: CreateShelterInput!) { createShelter(input: $input) {
  id displayName area targetGroups features languages totalAdultPlaces totalChildPlaces active } }`;
const UPDATE = `mutation($input: UpdateShelterInput!) { updateShelter(input: $input) {
  id totalAdultPlaces active availability { freeAdultPlaces } } }`;
const REPORT = `mutation($input: ReportShelterAvailabilityInput!) { reportShelterAvailability(input: $input) {
  id availability { status freeAdultPlaces freeChildPlaces reportedAt } } }`;
const SHELTER = `query($id: ID!) { shelter(id: $id) { id displayName organisation { id }
  availability { status freeAdultPlaces heldAdultPlaces }
  availabilityReports { freeAdultPlaces freeChildPlaces reportedAt } } }`;
const SHELTERS = `query($filter: ShelterFilter) { shelters(filter: $filter, first: 100) {
  totalCount edges { node { id displayName } } } }`;
const AVAILABILITY = `query($filter: ShelterAvailabilityFilter) { shelterAvailability(filter: $filter) {
  shelterId displayName status area targetGroups features languages reportedAt
  freeAdultPlaces freeChildPlaces heldAdultPlaces heldChildPlaces organisation { id publicContact } } }`;

const HOUR = 3600_000;

describe('shelters', () => {
  let test: TestApp;
  /** A verified women's shelter organisation with its ORG_ADMIN. */
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

  const shelterCount = () => test.dataSource.getRepository(Shelter).count();
  const input = (overrides: Record<string, unknown> = {}) => ({
    organisationId: jour.organisation.id,
    displayName: test.factories.unique('Skyddat boende'),
    area: 'Trollhättan',
    targetGroups: ['WOMEN', 'WOMEN_WITH_CHILDREN'],
    features: ['REINFORCED_SECURITY'],
    languages: ['sv', 'AR'],
    totalAdultPlaces: 6,
    totalChildPlaces: 4,
    ...overrides,
  });

  describe('registering', () => {
    it('lets the ORG_ADMIN of a verified shelter organisation register a shelter', async () => {
      const { createShelter } = await jour.admin.client.ok(CREATE, { input: input() });
      expect(createShelter).toMatchObject({
        area: 'Trollhättan',
        targetGroups: ['WOMEN', 'WOMEN_WITH_CHILDREN'],
        features: ['REINFORCED_SECURITY'],
        languages: ['sv', 'ar'],
        totalAdultPlaces: 6,
        totalChildPlaces: 4,
        active: true,
      });
      const audit = await test.auditOf(createShelter.id);
      expect(audit.map((entry) => entry.action)).toEqual(['shelter.created']);
    });

    it('refuses everyone else, with nothing stored', async () => {
      const volunteer = await test.factories.member(jour.organisation.id, jour.admin);
      const coordinator = await test.factories.member(
        jour.organisation.id,
        jour.admin,
        MembershipRole.COORDINATOR,
      );
      const other = await test.factories.organisation({ kind: OrganisationKind.WOMENS_SHELTER });
      const walkers = await test.factories.organisation({
        kind: OrganisationKind.NIGHT_WALK_GROUP,
      });
      const pending = await test.factories.organisation({
        kind: OrganisationKind.WOMENS_SHELTER,
        status: OrganisationStatus.PENDING,
      });
      const before = await shelterCount();
      expect(await volunteer.client.code(CREATE, { input: input() })).toBe('FORBIDDEN');
      expect(await coordinator.client.code(CREATE, { input: input() })).toBe('FORBIDDEN');
      expect(await other.admin.client.code(CREATE, { input: input() })).toBe('FORBIDDEN');
      expect(await social.client.code(CREATE, { input: input() })).toBe('FORBIDDEN');
      expect(
        await walkers.admin.client.code(CREATE, {
          input: input({ organisationId: walkers.organisation.id }),
        }),
      ).toBe('FORBIDDEN');
      expect(
        await pending.admin.client.code(CREATE, {
          input: input({ organisationId: pending.organisation.id }),
        }),
      ).toBe('ORGANISATION_NOT_VERIFIED');
      expect(await test.anonymous.code(CREATE, { input: input() })).toBe('UNAUTHENTICATED');
      expect(await shelterCount()).toBe(before);
    });

    it.each([
      ['a street address as area', { area: 'Storgatan 12' }],
      ['a street as area', { area: 'Storgatan, Trollhättan' }],
      ['a landmark as area', { area: 'bakom ICA Kronogården' }],
      ['a district as area', { area: 'Kronogården' }],
      ['a postcode as area', { area: '461 30 Trollhättan' }],
      ['no target group', { targetGroups: [] }],
      ['a language that is not an ISO 639 code', { languages: ['svenska'] }],
      ['no adult places', { totalAdultPlaces: 0 }],
      ['negative child places', { totalChildPlaces: -1 }],
    ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_what, overrides) => {
      const before = await shelterCount();
      expect(await jour.admin.client.code(CREATE, { input: input(overrides) })).toBe(
        'BAD_USER_INPUT',
      );
      expect(await shelterCount()).toBe(before);
    });

    it('stores the area as the official name of a Swedish municipality or county', async () => {
      const { createShelter: municipality } = await jour.admin.client.ok(CREATE, {
        input: input({ area: '  öVERTORNEÅ ' }),
      });
      expect(municipality.area).toBe('Övertorneå');
      const { createShelter: county } = await jour.admin.client.ok(CREATE, {
        input: input({ area: 'västra götaland' }),
      });
      expect(county.area).toBe('Västra Götalands län');
    });

    it('has nowhere to put an address: the input refuses one', async () => {
      const before = await shelterCount();
      const response = await jour.admin.client.request(CREATE, {
        input: { ...input(), address: 'Storgatan 12, 461 30 Trollhättan' },
      });
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(await shelterCount()).toBe(before);
    });
  });

  describe('no address, postcode, coordinates or map position of a shelter anywhere', () => {
    const POSITION =
      /address|street|gata|postcode|postal|zip|postnummer|coordinat|latitude|longitude|^lat$|^lng$|^lon$|geo|location|position|map|adress/i;

    it.each([
      [
        'the committed schema.graphql',
        () => buildSchema(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8')),
      ],
      ['the schema the app serves', () => test.get(GraphQLSchemaHost).schema],
    ])('in %s: no shelter or placement type has such a field', (_which, schemaOf) => {
      const schema = schemaOf();
      const shelterTypes = Object.values(schema.getTypeMap()).filter(
        (type) =>
          /Shelter|Placement/.test(type.name) && !type.name.startsWith('__') && !isEnumType(type),
      );
      // The types this rule is about are all there (so the scan cannot pass by finding nothing).
      expect(shelterTypes.map((type) => type.name)).toEqual(
        expect.arrayContaining([
          'Shelter',
          'ShelterAvailability',
          'PlacementRequest',
          'CreateShelterInput',
          'UpdateShelterInput',
          'RequestPlacementInput',
        ]),
      );
      const offending: string[] = [];
      for (const type of shelterTypes) {
        if (
          type instanceof GraphQLObjectType ||
          type instanceof GraphQLInterfaceType ||
          type instanceof GraphQLInputObjectType
        ) {
          for (const field of Object.keys(type.getFields())) {
            if (POSITION.test(field)) offending.push(`${type.name}.${field}`);
          }
        }
      }
      expect(offending).toEqual([]);
    });

    it('in the database: no shelter table has such a column', async () => {
      const shelterEntities = ENTITIES.filter((entity) =>
        /Shelter|Placement/.test((entity as { name: string }).name),
      );
      const tables = shelterEntities.map((entity) => test.dataSource.getMetadata(entity).tableName);
      expect(tables).toEqual(
        expect.arrayContaining(['shelters', 'shelter_availability_reports', 'placement_requests']),
      );
      const runner = test.dataSource.createQueryRunner();
      try {
        const found = await runner.getTables(tables);
        expect(found).toHaveLength(tables.length);
        const offending = found.flatMap((table) =>
          table.columns
            .filter((column) => POSITION.test(column.name))
            .map((column) => `${table.name}.${column.name}`),
        );
        expect(offending).toEqual([]);
      } finally {
        await runner.release();
      }
    });

    it('the scan would notice one', () => {
      expect(POSITION.test('streetAddress')).toBe(true);
      expect(POSITION.test('postcode')).toBe(true);
      expect(POSITION.test('latitude')).toBe(true);
      expect(POSITION.test('mapPosition')).toBe(true);
      expect(POSITION.test('area')).toBe(false);
    });
  });

  describe('who sees a shelter', () => {
    it('its members and social services; not other organisations, officers or partner apps', async () => {
      const shelter = await test.factories.shelter(jour);
      const volunteer = await test.factories.member(jour.organisation.id, jour.admin);
      const other = await test.factories.organisation({ kind: OrganisationKind.WOMENS_SHELTER });
      const officer = await test.factories.municipalOfficer();
      const partner = await test.factories.apiClient(Object.values(ApiScope));
      for (const reader of [jour.admin, volunteer, social]) {
        const { shelter: seen } = await reader.client.ok(SHELTER, { id: shelter.id });
        expect(seen).toMatchObject({ id: shelter.id, organisation: { id: jour.organisation.id } });
      }
      expect(await other.admin.client.code(SHELTER, { id: shelter.id })).toBe('NOT_FOUND');
      expect(await officer.client.code(SHELTER, { id: shelter.id })).toBe('NOT_FOUND');
      expect(await partner.client.code(SHELTER, { id: shelter.id })).toBe('FORBIDDEN');
      expect(await test.anonymous.code(SHELTER, { id: shelter.id })).toBe('UNAUTHENTICATED');

      const ids = async (client: SignedIn['client']) =>
        (await client.ok(SHELTERS)).shelters.edges.map((edge: any) => edge.node.id);
      expect(await ids(volunteer.client)).toContain(shelter.id);
      expect(await ids(social.client)).toContain(shelter.id);
      expect(await ids(other.admin.client)).not.toContain(shelter.id);
      expect(await ids(officer.client)).toEqual([]);
    });
  });

  describe('availability', () => {
    const availabilityOf = async (shelterId: string) => {
      const { shelterAvailability } = await social.client.ok(AVAILABILITY);
      return shelterAvailability.find((entry: any) => entry.shelterId === shelterId);
    };

    it('is NO_DATA before any report, AVAILABLE with a free adult place, FULL without one', async () => {
      const shelter = await test.factories.shelter(jour);
      expect(await availabilityOf(shelter.id)).toMatchObject({
        status: 'NO_DATA',
        reportedAt: null,
      });
      await jour.admin.client.ok(REPORT, {
        input: { shelterId: shelter.id, freeAdultPlaces: 1, freeChildPlaces: 0 },
      });
      expect(await availabilityOf(shelter.id)).toMatchObject({
        status: 'AVAILABLE',
        freeAdultPlaces: 1,
        freeChildPlaces: 0,
      });
      // Child places alone do not make a shelter available: every placement needs an adult place.
      await jour.admin.client.ok(REPORT, {
        input: { shelterId: shelter.id, freeAdultPlaces: 0, freeChildPlaces: 3 },
      });
      expect(await availabilityOf(shelter.id)).toMatchObject({
        status: 'FULL',
        freeAdultPlaces: 0,
        freeChildPlaces: 3,
      });
    });

    it('becomes NO_DATA once the last report is older than 24 hours', async () => {
      const shelter = await test.factories.shelter(jour, { free: 2 });
      test.clock.advance(24 * HOUR - 60_000);
      expect((await availabilityOf(shelter.id)).status).toBe('AVAILABLE');
      test.clock.advance(2 * 60_000);
      expect(await availabilityOf(shelter.id)).toMatchObject({
        status: 'NO_DATA',
        reportedAt: expect.any(String),
      });
      await jour.admin.client.ok(REPORT, {
        input: { shelterId: shelter.id, freeAdultPlaces: 2, freeChildPlaces: 0 },
      });
      expect((await availabilityOf(shelter.id)).status).toBe('AVAILABLE');
    });

    it('keeps every report, and refuses more free places than the shelter has', async () => {
      const shelter = await test.factories.shelter(jour);
      const coordinator = await test.factories.member(
        jour.organisation.id,
        jour.admin,
        MembershipRole.COORDINATOR,
      );
      await coordinator.client.ok(REPORT, {
        input: { shelterId: shelter.id, freeAdultPlaces: 3, freeChildPlaces: 1 },
      });
      test.clock.advance(HOUR);
      await jour.admin.client.ok(REPORT, {
        input: { shelterId: shelter.id, freeAdultPlaces: 2, freeChildPlaces: 0 },
      });
      const reports = test.dataSource.getRepository(ShelterAvailabilityReport);
      const before = await reports.countBy({ shelterId: shelter.id });
      for (const tooMany of [
        { freeAdultPlaces: 7, freeChildPlaces: 0 },
        { freeAdultPlaces: 1, freeChildPlaces: 5 },
        { freeAdultPlaces: -1, freeChildPlaces: 0 },
      ]) {
        expect(
          await jour.admin.client.code(REPORT, { input: { shelterId: shelter.id, ...tooMany } }),
        ).toBe('BAD_USER_INPUT');
      }
      expect(await reports.countBy({ shelterId: shelter.id })).toBe(before);
      const { shelter: seen } = await jour.admin.client.ok(SHELTER, { id: shelter.id });
      expect(seen.availabilityReports.map((report: any) => report.freeAdultPlaces)).toEqual([2, 3]);
      expect(seen.availability).toMatchObject({ status: 'AVAILABLE', freeAdultPlaces: 2 });
    });

    it('is reported by the organisation’s COORDINATOR or ORG_ADMIN only', async () => {
      const shelter = await test.factories.shelter(jour);
      const volunteer = await test.factories.member(jour.organisation.id, jour.admin);
      const other = await test.factories.organisation({ kind: OrganisationKind.WOMENS_SHELTER });
      const report = { shelterId: shelter.id, freeAdultPlaces: 1, freeChildPlaces: 0 };
      expect(await volunteer.client.code(REPORT, { input: report })).toBe('FORBIDDEN');
      expect(await social.client.code(REPORT, { input: report })).toBe('FORBIDDEN');
      expect(await other.admin.client.code(REPORT, { input: report })).toBe('NOT_FOUND');
      expect(
        await test.dataSource.getRepository(ShelterAvailabilityReport).countBy({
          shelterId: shelter.id,
        }),
      ).toBe(0);
    });

    it('shows partner apps with the scope status, area, groups, features, languages and time, never counts, name or organisation', async () => {
      const shelter = await test.factories.shelter(jour, {
        free: 2,
        features: [ShelterFeature.HONOUR_VIOLENCE_COMPETENCE],
        languages: ['sv', 'ar'],
      });
      const partner = await test.factories.apiClient([ApiScope.SHELTERS_AVAILABILITY]);
      const response = await partner.client.request(AVAILABILITY);
      expect(response.errors).toBeUndefined();
      const seen = response.data?.shelterAvailability.find(
        (entry: any) => entry.shelterId === shelter.id,
      );
      expect(seen).toEqual({
        shelterId: shelter.id,
        displayName: null,
        status: 'AVAILABLE',
        area: 'Trollhättan',
        targetGroups: ['WOMEN', 'WOMEN_WITH_CHILDREN'],
        features: ['HONOUR_VIOLENCE_COMPETENCE'],
        languages: ['sv', 'ar'],
        reportedAt: expect.any(String),
        freeAdultPlaces: null,
        freeChildPlaces: null,
        heldAdultPlaces: null,
        heldChildPlaces: null,
        organisation: null,
      });
    });

    it('shows social services the counts, the name and the organisation to contact', async () => {
      const shelter = await test.factories.shelter(jour, { free: 2 });
      expect(await availabilityOf(shelter.id)).toMatchObject({
        displayName: shelter.displayName,
        freeAdultPlaces: 2,
        freeChildPlaces: 2,
        heldAdultPlaces: 0,
        organisation: { id: jour.organisation.id },
      });
    });

    it('refuses partner apps without the scope, and everyone but social services', async () => {
      const directory = await test.factories.apiClient([ApiScope.DIRECTORY_READ]);
      const officer = await test.factories.municipalOfficer();
      expect(await directory.client.code(AVAILABILITY)).toBe('FORBIDDEN');
      expect(await jour.admin.client.code(AVAILABILITY)).toBe('FORBIDDEN');
      expect(await officer.client.code(AVAILABILITY)).toBe('FORBIDDEN');
      expect(await test.anonymous.code(AVAILABILITY)).toBe('UNAUTHENTICATED');
    });

    it('filters by target group, feature, language and area', async () => {
      const hbtq = await test.factories.organisation({ kind: OrganisationKind.HBTQ_SUPPORT });
      const area = 'Vänersborg';
      const rainbow = await test.factories.shelter(hbtq, {
        area,
        targetGroups: [TargetGroup.HBTQ],
        features: [ShelterFeature.WHEELCHAIR_ACCESSIBLE],
        languages: ['sv', 'en'],
        totalChildPlaces: 0,
        free: 1,
      });
      const honour = await test.factories.shelter(jour, {
        area,
        targetGroups: [TargetGroup.WOMEN],
        features: [ShelterFeature.HONOUR_VIOLENCE_COMPETENCE, ShelterFeature.REINFORCED_SECURITY],
        languages: ['sv', 'ar', 'rom'],
        free: 1,
      });
      const ids = async (filter: Record<string, unknown>) =>
        (await social.client.ok(AVAILABILITY, { filter: { area, ...filter } })).shelterAvailability
          .map((entry: any) => entry.shelterId)
          .sort();
      expect(await ids({})).toEqual([rainbow.id, honour.id].sort());
      expect(await ids({ area: area.toUpperCase() })).toEqual([rainbow.id, honour.id].sort());
      expect(await ids({ targetGroup: 'HBTQ' })).toEqual([rainbow.id]);
      expect(await ids({ feature: 'REINFORCED_SECURITY' })).toEqual([honour.id]);
      expect(await ids({ language: 'EN' })).toEqual([rainbow.id]);
      // "ro" (Romanian) is not "rom" (Romani).
      expect(await ids({ language: 'ro' })).toEqual([]);
      expect(await ids({ language: 'rom' })).toEqual([honour.id]);
      expect(await ids({ targetGroup: 'WOMEN', feature: 'WHEELCHAIR_ACCESSIBLE' })).toEqual([]);
    });

    it('finds an area with Å, Ä or Ö whatever its case, and refuses an area that is none', async () => {
      const shelter = await test.factories.shelter(jour, { area: 'Åmål', free: 1 });
      for (const spelling of ['Åmål', 'åmål', 'ÅMÅL']) {
        const { shelterAvailability } = await social.client.ok(AVAILABILITY, {
          filter: { area: spelling },
        });
        expect(shelterAvailability.map((entry: any) => entry.shelterId)).toEqual([shelter.id]);
        const { shelters } = await jour.admin.client.ok(SHELTERS, { filter: { area: spelling } });
        expect(shelters.edges.map((edge: any) => edge.node.id)).toEqual([shelter.id]);
      }
      expect(await social.client.code(AVAILABILITY, { filter: { area: 'Storgatan 12' } })).toBe(
        'BAD_USER_INPUT',
      );
    });

    it('leaves out closed shelters and those of organisations no longer verified', async () => {
      const area = 'Lilla Edet';
      const closing = await test.factories.shelter(jour, { area, free: 1 });
      const suspendedOwner = await test.factories.organisation({
        kind: OrganisationKind.WOMENS_SHELTER,
      });
      const suspended = await test.factories.shelter(suspendedOwner, { area, free: 1 });
      const ids = async () =>
        (await social.client.ok(AVAILABILITY, { filter: { area } })).shelterAvailability.map(
          (entry: any) => entry.shelterId,
        );
      expect((await ids()).sort()).toEqual([closing.id, suspended.id].sort());
      await jour.admin.client.ok(UPDATE, { input: { shelterId: closing.id, active: false } });
      await test.factories.suspend(suspendedOwner.organisation.id);
      expect(await ids()).toEqual([]);
    });
  });

  describe('changing a shelter', () => {
    it('never lowers its places below those held for accepted placements', async () => {
      const shelter = await test.factories.shelter(jour, { free: 3 });
      const placements = test.get(PlacementsService);
      for (let index = 0; index < 2; index += 1) {
        const placement = await placements.request(social.actor, {
          shelterId: shelter.id,
          adults: 1,
          children: 0,
          needs: [],
          caseReference: `IFO-2026-${index}`,
        });
        await placements.respond(jour.admin.actor, { placementId: placement.id, accept: true });
      }
      expect(
        await jour.admin.client.code(UPDATE, {
          input: { shelterId: shelter.id, totalAdultPlaces: 1 },
        }),
      ).toBe('BAD_USER_INPUT');
      expect(
        await jour.admin.client.code(REPORT, {
          input: { shelterId: shelter.id, freeAdultPlaces: 1, freeChildPlaces: 0 },
        }),
      ).toBe('CONFLICT');
      const { updateShelter } = await jour.admin.client.ok(UPDATE, {
        input: { shelterId: shelter.id, totalAdultPlaces: 2 },
      });
      expect(updateShelter).toMatchObject({
        totalAdultPlaces: 2,
        availability: { freeAdultPlaces: 0 },
      });
      // It cannot close while those requests are open.
      expect(
        await jour.admin.client.code(UPDATE, { input: { shelterId: shelter.id, active: false } }),
      ).toBe('CONFLICT');
      const stored = await test.dataSource
        .getRepository(Shelter)
        .findOneByOrFail({ id: shelter.id });
      expect(stored).toMatchObject({
        active: true,
        totalAdultPlaces: 2,
        freeAdultPlaces: 2,
        heldAdultPlaces: 2,
      });
    });

    it('is for the ORG_ADMIN only, and audited', async () => {
      const shelter = await test.factories.shelter(jour);
      const coordinator = await test.factories.member(
        jour.organisation.id,
        jour.admin,
        MembershipRole.COORDINATOR,
      );
      const change = { input: { shelterId: shelter.id, displayName: 'Nytt namn' } };
      expect(await coordinator.client.code(UPDATE, change)).toBe('FORBIDDEN');
      expect(await social.client.code(UPDATE, change)).toBe('FORBIDDEN');
      await jour.admin.client.ok(UPDATE, change);
      const audit = await test.auditOf(shelter.id);
      expect(audit.map((entry) => entry.action)).toEqual(['shelter.created', 'shelter.updated']);
      expect(audit[1].summary).toMatchObject({
        before: { displayName: shelter.displayName },
        after: { displayName: 'Nytt namn' },
      });
    });
  });
});

describe('shelter queries', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  it('cost the same SQL statements whatever the page size: shelters with organisation, availability and reports', async () => {
    const owner = await test.factories.organisation({ kind: OrganisationKind.WOMENS_SHELTER });
    for (let index = 0; index < 30; index += 1) {
      const shelter = await test.factories.shelter(owner, { free: 1 });
      await test.get(ShelterAvailabilityService).report(owner.admin.actor, {
        shelterId: shelter.id,
        freeAdultPlaces: 2,
        freeChildPlaces: 0,
      });
    }
    const social = await test.factories.socialServices();
    const query = `query($first: Int) { shelters(first: $first) { edges { node {
      displayName organisation { name } availability { status freeAdultPlaces }
      availabilityReports { freeAdultPlaces reportedAt } } } } }`;
    const small = await test.countStatements(() => social.client.ok(query, { first: 5 }));
    const large = await test.countStatements(() => social.client.ok(query, { first: 25 }));
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(4);
    const availability = `{ shelterAvailability { status organisation { name } } }`;
    const all = await test.countStatements(() => social.client.ok(availability));
    expect(all).toBeLessThanOrEqual(3);
  });
});

describe('shelter settings', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create({
      env: { SHELTER_AVAILABILITY_STALE_HOURS: '2', PLACEMENT_HOLD_MINUTES: '30' },
    });
  });

  afterAll(async () => {
    await test.close();
  });

  afterEach(() => test.clock.reset());

  it('take the staleness limit and the hold time from the environment', async () => {
    const jour = await test.factories.organisation({ kind: OrganisationKind.WOMENS_SHELTER });
    const social = await test.factories.socialServices();
    const shelter = await test.factories.shelter(jour, { free: 2 });
    const status = async () =>
      (await social.client.ok(AVAILABILITY)).shelterAvailability.find(
        (entry: any) => entry.shelterId === shelter.id,
      ).status;
    const placements = test.get(PlacementsService);
    const placement = await placements.request(social.actor, {
      shelterId: shelter.id,
      adults: 1,
      children: 0,
      needs: [],
      caseReference: 'IFO-1',
    });
    const accepted = await placements.respond(jour.admin.actor, {
      placementId: placement.id,
      accept: true,
    });
    expect(accepted.holdExpiresAt!.getTime() - test.clock.now().getTime()).toBeGreaterThan(
      29 * 60_000,
    );
    expect(accepted.holdExpiresAt!.getTime() - test.clock.now().getTime()).toBeLessThanOrEqual(
      30 * 60_000,
    );
    expect(await status()).toBe('AVAILABLE');
    test.clock.advance(2 * HOUR + 60_000);
    expect(await status()).toBe('NO_DATA');
  });
});
