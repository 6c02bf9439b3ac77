import { DateTime } from 'luxon';
import { ApiScope } from '../src/common/actor';
import { TargetGroup } from '../src/common/target-group';
import {
  MembershipRole,
  Organisation,
  OrganisationKind,
  OrganisationStatus,
} from '../src/modules/organisations';
import {
  ServiceCategory,
  ServiceUsageReport,
  SupportService,
  SupportServiceOpeningSlot,
  SupportServicesService,
  Weekday,
} from '../src/modules/services';
import { stockholmDate } from '../src/common/time';
import { SignedIn } from './support/factories';
import { TestApp } from './support/test-app';

const CREATE = `mutation($input: CreateSupportServiceInput!) { createSupportService(input: $input) {
  id name category address languages targetGroups dailyCapacity active
  openingHours { day opens closes } organisation { id } district { id } } }`;
const UPDATE = `mutation($input: UpdateSupportServiceInput!) { updateSupportService(input: $input) {
  id name dailyCapacity active openingHours { day opens closes } } }`;
const USAGE = `mutation($input: ReportServiceUsageInput!) { reportServiceUsage(input: $input) {
  id date used dailyCapacity overCapacity service { id } } }`;
const DIRECTORY = `query($filter: SupportServiceFilter, $first: Int) { supportServices(filter: $filter, first: $first) {
  totalCount edges { node { id name openNow openUntil nextOpening } } } }`;

/** An instant given as Stockholm wall-clock time. */
const local = (iso: string): Date => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' }).toJSDate();

const EVERY_DAY = (opens: string, closes: string) =>
  Object.values(Weekday).map((day) => ({ day, opens, closes }));

describe('support services', () => {
  let test: TestApp;
  let group: { organisation: Organisation; admin: SignedIn };

  beforeAll(async () => {
    test = await TestApp.create();
    group = await test.factories.organisation({ kind: OrganisationKind.EU_MIGRANT_SUPPORT });
  });

  afterAll(async () => {
    await test.close();
  });

  afterEach(() => test.clock.reset());

  const serviceCount = () => test.dataSource.getRepository(SupportService).count();

  describe('publishing', () => {
    let districtId: string;

    beforeAll(async () => {
      districtId = (await test.factories.district()).id;
    });

    const input = (overrides: Record<string, unknown> = {}) => ({
      organisationId: group.organisation.id,
      name: test.factories.unique('Natthärbärget'),
      category: 'NIGHT_SHELTER',
      districtId,
      address: 'Kungsgatan 12, 461 30 Trollhättan',
      openingHours: [{ day: 'FRIDAY', opens: '21:00', closes: '08:00' }],
      languages: ['sv', 'RO', 'rom'],
      targetGroups: [],
      dailyCapacity: 20,
      ...overrides,
    });

    it('lets the ORG_ADMIN of a verified organisation publish a service with a public address', async () => {
      const { createSupportService } = await group.admin.client.ok(CREATE, { input: input() });
      expect(createSupportService).toMatchObject({
        category: 'NIGHT_SHELTER',
        address: 'Kungsgatan 12, 461 30 Trollhättan',
        languages: ['sv', 'ro', 'rom'],
        targetGroups: [],
        dailyCapacity: 20,
        active: true,
        openingHours: [{ day: 'FRIDAY', opens: '21:00', closes: '08:00' }],
        organisation: { id: group.organisation.id },
        district: { id: districtId },
      });
      // Friday night is two slots: Friday 21:00–24:00 and Saturday 00:00–08:00.
      const slots = await test.dataSource
        .getRepository(SupportServiceOpeningSlot)
        .find({ where: { serviceId: createSupportService.id }, order: { weekday: 'ASC' } });
      expect(
        slots.map(({ weekday, startMinute, endMinute }) => [weekday, startMinute, endMinute]),
      ).toEqual([
        [5, 21 * 60, 24 * 60],
        [6, 0, 8 * 60],
      ]);
    });

    it('refuses everyone else and bad input, with nothing stored', async () => {
      const volunteer = await test.factories.member(group.organisation.id, group.admin);
      const coordinator = await test.factories.member(
        group.organisation.id,
        group.admin,
        MembershipRole.COORDINATOR,
      );
      const other = await test.factories.organisation();
      const pending = await test.factories.organisation({ status: OrganisationStatus.PENDING });
      const before = await serviceCount();
      expect(await volunteer.client.code(CREATE, { input: input() })).toBe('FORBIDDEN');
      expect(await coordinator.client.code(CREATE, { input: input() })).toBe('FORBIDDEN');
      expect(await other.admin.client.code(CREATE, { input: input() })).toBe('FORBIDDEN');
      expect(
        await pending.admin.client.code(CREATE, {
          input: input({ organisationId: pending.organisation.id }),
        }),
      ).toBe('ORGANISATION_NOT_VERIFIED');
      expect(await test.anonymous.code(CREATE, { input: input() })).toBe('UNAUTHENTICATED');
      for (const bad of [
        {
          openingHours: [
            { day: 'MONDAY', opens: '09:00', closes: '12:00' },
            { day: 'MONDAY', opens: '11:00', closes: '14:00' },
          ],
        },
        { openingHours: [{ day: 'MONDAY', opens: '25:00', closes: '12:00' }] },
        { openingHours: [{ day: 'MONDAY', opens: '09:00', closes: '09:00' }] },
        { openingHours: [{ day: 'FUNDAY', opens: '09:00', closes: '12:00' }] },
        { languages: ['romani'] },
        { districtId: '00000000-0000-4000-8000-000000000000' },
        { dailyCapacity: 0 },
        { address: '' },
      ]) {
        expect(await group.admin.client.code(CREATE, { input: input(bad) })).toBe('BAD_USER_INPUT');
      }
      expect(await serviceCount()).toBe(before);
    });

    it('changes are for the ORG_ADMIN; new opening hours replace the old ones', async () => {
      const service = await test.factories.supportService(group, {
        openingHours: EVERY_DAY('09:00', '12:00'),
      });
      const coordinator = await test.factories.member(
        group.organisation.id,
        group.admin,
        MembershipRole.COORDINATOR,
      );
      const change = {
        input: {
          serviceId: service.id,
          openingHours: [{ day: 'SUNDAY', opens: '22:00', closes: '06:00' }],
          dailyCapacity: 15,
        },
      };
      expect(await coordinator.client.code(UPDATE, change)).toBe('FORBIDDEN');
      const { updateSupportService } = await group.admin.client.ok(UPDATE, change);
      expect(updateSupportService).toMatchObject({
        dailyCapacity: 15,
        openingHours: [{ day: 'SUNDAY', opens: '22:00', closes: '06:00' }],
      });
      const slots = await test.dataSource
        .getRepository(SupportServiceOpeningSlot)
        .find({ where: { serviceId: service.id }, order: { weekday: 'ASC' } });
      expect(
        slots.map(({ weekday, startMinute, endMinute }) => [weekday, startMinute, endMinute]),
      ).toEqual([
        [1, 0, 6 * 60],
        [7, 22 * 60, 24 * 60],
      ]);
      const { updateSupportService: cleared } = await group.admin.client.ok(UPDATE, {
        input: { serviceId: service.id, clearDailyCapacity: true },
      });
      expect(cleared.dailyCapacity).toBeNull();
    });
  });

  describe('the public directory', () => {
    let districtA: string;
    let districtB: string;

    beforeAll(async () => {
      districtA = (await test.factories.district()).id;
      districtB = (await test.factories.district()).id;
      const church = await test.factories.organisation({ kind: OrganisationKind.FAITH_BASED });
      const make = (owner: typeof group, name: string, options: Record<string, unknown>) =>
        test.factories.supportService(owner, { name, ...options });
      await Promise.all([
        make(group, 'Katalog Frukost', {
          category: ServiceCategory.FOOD,
          districtId: districtA,
          languages: ['sv', 'ro', 'rom'],
        }),
        make(church, 'Katalog Kvinnocafé', {
          category: ServiceCategory.COUNSELLING,
          districtId: districtB,
          languages: ['sv', 'ro'],
          targetGroups: [TargetGroup.WOMEN],
        }),
        make(church, 'Katalog Ungdomsjour', {
          category: ServiceCategory.COUNSELLING,
          districtId: districtA,
          languages: ['sv', 'en'],
          targetGroups: [TargetGroup.YOUTH],
        }),
      ]);
      const hidden = await test.factories.supportService(group, {
        name: 'Katalog Stängd',
        districtId: districtA,
      });
      await group.admin.client.ok(UPDATE, { input: { serviceId: hidden.id, active: false } });
      const suspended = await test.factories.organisation();
      await test.factories.supportService(suspended, {
        name: 'Katalog Avstängd',
        districtId: districtA,
      });
      await test.factories.suspend(suspended.organisation.id);
    });

    const names = async (filter: Record<string, unknown>, client = test.anonymous) =>
      (await client.ok(DIRECTORY, { filter: { ...filter }, first: 100 })).supportServices.edges
        .map((edge: any) => edge.node.name)
        .filter((name: string) => name.startsWith('Katalog'));

    it('is public, and open to partner apps with directory:read', async () => {
      const partner = await test.factories.apiClient([ApiScope.DIRECTORY_READ]);
      expect(await names({})).toEqual([
        'Katalog Frukost',
        'Katalog Kvinnocafé',
        'Katalog Ungdomsjour',
      ]);
      expect(await names({}, partner.client)).toEqual(await names({}));
    });

    it('leaves out hidden services and those of organisations not verified', async () => {
      expect(await names({})).not.toContain('Katalog Stängd');
      expect(await names({})).not.toContain('Katalog Avstängd');
    });

    it('filters by category, district, language and target group (services for everyone included)', async () => {
      expect(await names({ category: 'COUNSELLING' })).toEqual([
        'Katalog Kvinnocafé',
        'Katalog Ungdomsjour',
      ]);
      expect(await names({ districtId: districtA })).toEqual([
        'Katalog Frukost',
        'Katalog Ungdomsjour',
      ]);
      expect(await names({ language: 'RO' })).toEqual(['Katalog Frukost', 'Katalog Kvinnocafé']);
      expect(await names({ language: 'rom' })).toEqual(['Katalog Frukost']);
      expect(await names({ targetGroup: 'WOMEN' })).toEqual([
        'Katalog Frukost',
        'Katalog Kvinnocafé',
      ]);
      expect(await names({ targetGroup: 'WOMEN', districtId: districtA })).toEqual([
        'Katalog Frukost',
      ]);
    });

    it('refuses a malformed filter with BAD_USER_INPUT', async () => {
      expect(await test.anonymous.code(DIRECTORY, { filter: { language: 'romani' } })).toBe(
        'BAD_USER_INPUT',
      );
    });
  });

  describe('opening hours in Stockholm time', () => {
    let districtId: string;
    let night: SupportService;
    let lunch: SupportService;
    let sunday: SupportService;

    beforeAll(async () => {
      districtId = (await test.factories.district()).id;
      night = await test.factories.supportService(group, {
        name: 'Natt',
        districtId,
        category: ServiceCategory.NIGHT_SHELTER,
        openingHours: EVERY_DAY('21:00', '08:00'),
      });
      lunch = await test.factories.supportService(group, {
        name: 'Lunch',
        districtId,
        openingHours: [
          { day: Weekday.TUESDAY, opens: '11:00', closes: '14:00' },
          { day: Weekday.THURSDAY, opens: '11:00', closes: '14:00' },
        ],
      });
      sunday = await test.factories.supportService(group, {
        name: 'Söndagsmorgon',
        districtId,
        openingHours: [{ day: Weekday.SUNDAY, opens: '09:00', closes: '10:00' }],
      });
    });

    const openAt = async (instant: Date) =>
      (
        await test.anonymous.ok(DIRECTORY, { filter: { districtId, openAt: instant } })
      ).supportServices.edges
        .map((edge: any) => edge.node.name)
        .sort();

    it('openAt finds what is open at that moment, across midnight', async () => {
      expect(await openAt(local('2026-12-01T23:30'))).toEqual(['Natt']); // a Tuesday night
      expect(await openAt(local('2026-12-02T07:59'))).toEqual(['Natt']); // Wednesday morning
      expect(await openAt(local('2026-12-02T08:00'))).toEqual([]);
      expect(await openAt(local('2026-12-01T12:00'))).toEqual(['Lunch']);
      expect(await openAt(local('2026-12-03T13:59'))).toEqual(['Lunch']);
      expect(await openAt(local('2026-12-03T14:00'))).toEqual([]);
    });

    it('openAt follows local time across the daylight-saving changes', async () => {
      // Sunday 29 March 2026: clocks go forward; 09:30 local is 07:30 UTC, a week earlier 08:30 UTC.
      expect(await openAt(new Date('2026-03-29T07:30:00Z'))).toEqual(['Söndagsmorgon']);
      expect(await openAt(new Date('2026-03-29T08:30:00Z'))).toEqual([]);
      expect(await openAt(new Date('2026-03-22T08:30:00Z'))).toEqual(['Söndagsmorgon']);
      expect(await openAt(new Date('2026-03-22T07:30:00Z'))).toEqual([]);
      // Sunday 25 October 2026: clocks go back; 09:30 local is 08:30 UTC again.
      expect(await openAt(new Date('2026-10-25T08:30:00Z'))).toEqual(['Söndagsmorgon']);
      expect(await openAt(new Date('2026-10-25T07:30:00Z'))).toEqual([]);
      // The night of the October change is one hour longer, and open all through it.
      expect(await openAt(new Date('2026-10-25T00:30:00Z'))).toEqual(['Natt']); // 02:30 CEST
      expect(await openAt(new Date('2026-10-25T01:30:00Z'))).toEqual(['Natt']); // 02:30 CET
      expect(await openAt(new Date('2026-10-25T06:59:00Z'))).toEqual(['Natt']); // 07:59 CET
      expect(await openAt(new Date('2026-10-25T07:00:00Z'))).toEqual([]); // 08:00 CET
    });

    it('openNow, openUntil and nextOpening follow the clock and agree with openAt', async () => {
      test.clock.set(local('2026-12-01T23:30'));
      const { supportServices } = await test.anonymous.ok(DIRECTORY, {
        filter: { districtId, openNow: true },
      });
      expect(supportServices.edges.map((edge: any) => edge.node)).toEqual([
        {
          id: night.id,
          name: 'Natt',
          openNow: true,
          openUntil: '2026-12-02T08:00:00.000+01:00',
          nextOpening: '2026-12-02T21:00:00.000+01:00',
        },
      ]);
      const all = await test.anonymous.ok(DIRECTORY, { filter: { districtId } });
      const byName = Object.fromEntries(
        all.supportServices.edges.map((edge: any) => [edge.node.name, edge.node]),
      );
      expect(byName.Lunch).toMatchObject({
        id: lunch.id,
        openNow: false,
        openUntil: null,
        nextOpening: '2026-12-03T11:00:00.000+01:00',
      });
      expect(byName['Söndagsmorgon']).toMatchObject({
        id: sunday.id,
        openNow: false,
        nextOpening: '2026-12-06T09:00:00.000+01:00',
      });
    });

    it('nextOpening keeps the local time after the March change', async () => {
      test.clock.set(local('2026-03-27T12:00'));
      const { supportService } = await test.anonymous.ok(
        `query($id: ID!) { supportService(id: $id) { nextOpening } }`,
        { id: lunch.id },
      );
      expect(supportService.nextOpening).toBe('2026-03-31T11:00:00.000+02:00');
    });
  });

  describe('daily use', () => {
    it('is reported by the COORDINATOR or ORG_ADMIN; above capacity is allowed and flagged; a new report corrects the day', async () => {
      const service = await test.factories.supportService(group, { dailyCapacity: 10 });
      const coordinator = await test.factories.member(
        group.organisation.id,
        group.admin,
        MembershipRole.COORDINATOR,
      );
      test.clock.set(local('2026-12-01T18:00'));
      const { reportServiceUsage: within } = await coordinator.client.ok(USAGE, {
        input: { serviceId: service.id, date: '2026-12-01', used: 8 },
      });
      expect(within).toMatchObject({ used: 8, dailyCapacity: 10, overCapacity: false });
      const { reportServiceUsage: over } = await group.admin.client.ok(USAGE, {
        input: { serviceId: service.id, date: '2026-12-01', used: 13 },
      });
      expect(over).toMatchObject({ id: within.id, used: 13, overCapacity: true });
      const stored = await test.dataSource
        .getRepository(ServiceUsageReport)
        .findBy({ serviceId: service.id });
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ used: 13, overCapacity: true });
    });

    it('refuses a day that has not begun, and people who do not run the service', async () => {
      const service = await test.factories.supportService(group, { dailyCapacity: 10 });
      const volunteer = await test.factories.member(group.organisation.id, group.admin);
      const other = await test.factories.organisation();
      test.clock.set(local('2026-12-01T18:00'));
      const report = (date: string, used = 3) => ({ input: { serviceId: service.id, date, used } });
      expect(await group.admin.client.code(USAGE, report('2026-12-02'))).toBe('BAD_USER_INPUT');
      expect(await group.admin.client.code(USAGE, report('2026-02-30'))).toBe('BAD_USER_INPUT');
      expect(await group.admin.client.code(USAGE, report('2026-12-01', -1))).toBe('BAD_USER_INPUT');
      expect(await volunteer.client.code(USAGE, report('2026-12-01'))).toBe('FORBIDDEN');
      expect(await other.admin.client.code(USAGE, report('2026-12-01'))).toBe('FORBIDDEN');
      expect(
        await test.dataSource.getRepository(ServiceUsageReport).countBy({ serviceId: service.id }),
      ).toBe(0);
    });

    it('is seen by the organisation and municipal officers, not the public', async () => {
      const service = await test.factories.supportService(group, { dailyCapacity: 5 });
      await test.get(SupportServicesService).reportUsage(group.admin.actor, {
        serviceId: service.id,
        date: stockholmDate(test.clock.now()),
        used: 7,
      });
      const query = `query($id: ID!) { supportService(id: $id) { usage { used overCapacity } } }`;
      const officer = await test.factories.municipalOfficer();
      for (const reader of [group.admin.client, officer.client]) {
        expect((await reader.ok(query, { id: service.id })).supportService.usage).toEqual([
          { used: 7, overCapacity: true },
        ]);
      }
      const other = await test.factories.organisation();
      expect(await test.anonymous.code(query, { id: service.id })).toBe('UNAUTHENTICATED');
      expect(await other.admin.client.code(query, { id: service.id })).toBe('FORBIDDEN');
    });
  });

  describe('SQL statements', () => {
    beforeAll(async () => {
      const districts = await Promise.all([1, 2, 3].map(() => test.factories.district()));
      for (let index = 0; index < 30; index += 1) {
        await test.factories.supportService(group, {
          name: `SQL-tjänst ${String(index).padStart(2, '0')}`,
          districtId: districts[index % 3].id,
          openingHours: [{ day: Weekday.MONDAY, opens: '09:00', closes: '17:00' }],
        });
      }
    });

    it('do not grow with the page size: services with their organisation, district and opening state', async () => {
      const query = `query($first: Int) { supportServices(first: $first) { edges { node {
        name openNow nextOpening organisation { name } district { name } } } } }`;
      const small = await test.countStatements(() => test.anonymous.ok(query, { first: 5 }));
      const large = await test.countStatements(() => test.anonymous.ok(query, { first: 25 }));
      expect(large).toBe(small);
      expect(small).toBeLessThanOrEqual(4);
    });
  });
});
