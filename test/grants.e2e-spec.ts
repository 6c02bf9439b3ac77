import { SystemRole } from '../src/common/actor';
import {
  GrantApplication,
  GrantApplicationStatus,
  GrantJobsService,
  GrantLedgerEntry,
  GrantProgramme,
  GrantReview,
} from '../src/modules/grants';
import { Notification, NotificationKind } from '../src/modules/notifications';
import {
  MembershipRole,
  MembershipsService,
  OrganisationKind,
  OrganisationStatus,
} from '../src/modules/organisations';
import {
  CREATE_GRANT_APPLICATION,
  CREATE_GRANT_PROGRAMME,
  DECIDE_GRANT_APPLICATION,
  REVIEW_GRANT_APPLICATION,
  START_GRANT_REVIEW,
  SUBMIT_GRANT_APPLICATION,
  WITHDRAW_GRANT_APPLICATION,
} from './support/documents';
import { SignedIn } from './support/factories';
import { codesOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const PROGRAMME = `query($id: ID!) { grantProgramme(id: $id) {
  id name status budget maxPerApplication allocated disbursed recovered remaining eligibleKinds
  criteria { name weight } openedAt closedAt decidedAt
} }`;
const APPLICATION = `query($id: ID!) { grantApplication(id: $id) {
  id status purpose requestedAmount budgetLines { label amount } submittedAt
  awarded disbursed decision { awardedAmount motivation decidedAt decidedBy { id displayName } }
  organisation { id name } programme { id name }
} }`;
const UPDATE_APPLICATION = `mutation($input: UpdateGrantApplicationInput!) {
  updateGrantApplication(input: $input) { id requestedAmount budgetLines { label amount } purpose }
}`;

describe('grants: programmes, applications and assessment', () => {
  let test: TestApp;
  let officer: SignedIn;

  beforeAll(async () => {
    test = await TestApp.create();
    officer = await test.factories.municipalOfficer();
  });

  afterAll(async () => {
    await test.close();
  });

  afterEach(() => test.clock.reset());

  const later = (ms: number) => new Date(test.clock.now().getTime() + ms);
  const count = (entity: typeof GrantProgramme | typeof GrantApplication | typeof GrantReview) =>
    test.dataSource.getRepository(entity).count();
  const stored = (id: string) =>
    test.dataSource.getRepository(GrantApplication).findOneByOrFail({ id });
  const actions = async (entityId: string) =>
    (await test.auditOf(entityId)).map((entry) => entry.action);

  /** A createGrantProgramme input: 500 000 kr, 50 000 kr per application, open now for 30 days. */
  const programmeInput = (overrides: Record<string, unknown> = {}) => ({
    name: test.factories.unique('Föreningsbidrag'),
    fiscalYear: 2027,
    budget: 50_000_000,
    eligibleKinds: ['VOLUNTARY_ASSOCIATION', 'NIGHT_WALK_GROUP'],
    opensAt: later(-HOUR).toISOString(),
    closesAt: later(30 * DAY).toISOString(),
    maxPerApplication: 5_000_000,
    followUpDueAt: later(400 * DAY).toISOString(),
    criteria: [
      { name: 'Barn och unga', weight: 3 },
      { name: 'Ideellt engagemang', weight: 1 },
    ],
    ...overrides,
  });

  /** A createGrantApplication input for `requested` öre in two budget lines. */
  const applicationInput = (
    programmeId: string,
    organisationId: string,
    requested = 2_000_000,
    overrides: Record<string, unknown> = {},
  ) => ({
    programmeId,
    organisationId,
    purpose: 'Sommaraktiviteter för barn och unga i Sylte',
    requestedAmount: requested,
    budgetLines: [
      { label: 'Ledararvoden', amount: requested - 500_000 },
      { label: 'Material', amount: 500_000 },
    ],
    ...overrides,
  });

  describe('programmes', () => {
    it('lets an officer create a DRAFT that only officers see, and open it for everyone signed in', async () => {
      const { createGrantProgramme } = await officer.client.ok(CREATE_GRANT_PROGRAMME, {
        input: programmeInput({ description: 'Stöd till föreningars ordinarie verksamhet.' }),
      });
      expect(createGrantProgramme).toMatchObject({
        status: 'DRAFT',
        budget: 50_000_000,
        allocated: 0,
        remaining: 50_000_000,
      });
      const { admin } = await test.factories.organisation();
      expect(await admin.client.code(PROGRAMME, { id: createGrantProgramme.id })).toBe('NOT_FOUND');
      const LIST = `query($status: GrantProgrammeStatus) { grantProgrammes(first: 100, filter: { status: $status }) { edges { node { id } } } }`;
      const listed = async (who: SignedIn, status?: string) =>
        (await who.client.ok(LIST, { status })).grantProgrammes.edges.map((e: any) => e.node.id);
      expect(await listed(admin)).not.toContain(createGrantProgramme.id);
      expect(await listed(admin, 'DRAFT')).toEqual([]);
      expect(await listed(officer, 'DRAFT')).toContain(createGrantProgramme.id);

      const { openGrantProgramme } = await officer.client.ok(
        `mutation($input: GrantProgrammeIdInput!) { openGrantProgramme(input: $input) { id status openedAt } }`,
        { input: { programmeId: createGrantProgramme.id } },
      );
      expect(openGrantProgramme.status).toBe('OPEN');
      expect(await listed(admin)).toContain(createGrantProgramme.id);
      const { grantProgramme } = await admin.client.ok(PROGRAMME, { id: createGrantProgramme.id });
      expect(grantProgramme).toMatchObject({
        status: 'OPEN',
        criteria: [
          { name: 'Barn och unga', weight: 3 },
          { name: 'Ideellt engagemang', weight: 1 },
        ],
      });

      const audit = await test.auditOf(createGrantProgramme.id);
      expect(audit.map((entry) => entry.action)).toEqual([
        'grant_programme.created',
        'grant_programme.opened',
      ]);
      expect(audit[0].actorPersonId).toBe(officer.person.id);
      expect(audit[0].summary).toMatchObject({
        after: { budget: 50_000_000, maxPerApplication: 5_000_000, status: 'DRAFT' },
      });
      expect(audit[1].summary).toEqual({ before: { status: 'DRAFT' }, after: { status: 'OPEN' } });
    });

    it.each([
      ['a negative budget', { budget: -100 }],
      ['a zero budget', { budget: 0 }],
      ['a fractional budget', { budget: 1000.5 }],
      ['a budget beyond SafeInt', { budget: 2 ** 53 }],
      ['a zero maximum per application', { maxPerApplication: 0 }],
      ['a maximum above the budget', { maxPerApplication: 60_000_000 }],
      ['closing before opening', { closesAt: new Date(Date.now() - 2 * DAY).toISOString() }],
      ['follow-up before closing', { followUpDueAt: new Date(Date.now() + DAY).toISOString() }],
      ['no eligible kinds', { eligibleKinds: [] }],
      ['no criteria', { criteria: [] }],
      [
        'two criteria of one name',
        {
          criteria: [
            { name: 'Trygghet', weight: 1 },
            { name: 'trygghet ', weight: 2 },
          ],
        },
      ],
      ['a criterion weight of 0', { criteria: [{ name: 'Trygghet', weight: 0 }] }],
    ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_case, overrides) => {
      const before = await count(GrantProgramme);
      const response = await officer.client.request(CREATE_GRANT_PROGRAMME, {
        input: programmeInput(overrides),
      });
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(await count(GrantProgramme)).toBe(before);
    });

    it('changes a DRAFT (audited with before and after) but not an open programme', async () => {
      const UPDATE = `mutation($input: UpdateGrantProgrammeInput!) { updateGrantProgramme(input: $input) { id budget name } }`;
      const draft = await test.factories.grantProgramme({ open: false, budget: 10_000_000 });
      const { updateGrantProgramme } = await officer.client.ok(UPDATE, {
        input: { programmeId: draft.id, budget: 20_000_000 },
      });
      expect(updateGrantProgramme.budget).toBe(20_000_000);
      const [, updated] = await test.auditOf(draft.id);
      expect(updated).toMatchObject({
        action: 'grant_programme.updated',
        actorPersonId: officer.person.id,
        summary: { before: { budget: 10_000_000 }, after: { budget: 20_000_000 } },
      });
      expect(
        await officer.client.code(UPDATE, {
          input: { programmeId: draft.id, maxPerApplication: 30_000_000 },
        }),
      ).toBe('BAD_USER_INPUT');
      const open = await test.factories.grantProgramme();
      expect(
        await officer.client.code(UPDATE, { input: { programmeId: open.id, budget: 1 } }),
      ).toBe('INVALID_STATE_TRANSITION');
    });

    it('reads null in an optional field as "leave it as it is", for every field', async () => {
      const FULL = `query($id: ID!) { grantProgramme(id: $id) {
        name description fiscalYear budget eligibleKinds opensAt closesAt maxPerApplication
        followUpDueAt criteria { name weight }
      } }`;
      const UPDATE = `mutation($input: UpdateGrantProgrammeInput!) { updateGrantProgramme(input: $input) { id } }`;
      // A description given as null when creating is the default: empty.
      const { createGrantProgramme } = await officer.client.ok(CREATE_GRANT_PROGRAMME, {
        input: programmeInput({ description: null }),
      });
      const programmeId = createGrantProgramme.id;
      const before = (await officer.client.ok(FULL, { id: programmeId })).grantProgramme;
      expect(before.description).toBe('');
      const fields = [
        'name',
        'description',
        'fiscalYear',
        'budget',
        'eligibleKinds',
        'opensAt',
        'closesAt',
        'maxPerApplication',
        'followUpDueAt',
        'criteria',
      ];
      for (const field of fields) {
        const response = await officer.client.request(UPDATE, {
          input: { programmeId, [field]: null },
        });
        expect([field, codesOf(response)]).toEqual([field, []]);
      }
      expect(
        await officer.client.ok(UPDATE, {
          input: Object.fromEntries([
            ['programmeId', programmeId],
            ...fields.map((field) => [field, null]),
          ]),
        }),
      ).toBeDefined();
      expect((await officer.client.ok(FULL, { id: programmeId })).grantProgramme).toEqual(before);
      expect(await actions(programmeId)).toEqual(['grant_programme.created']);
      // Alongside a real change, null still leaves its field alone.
      await officer.client.ok(UPDATE, {
        input: { programmeId, name: 'Nytt namn på programmet', budget: null, criteria: null },
      });
      expect((await officer.client.ok(FULL, { id: programmeId })).grantProgramme).toEqual({
        ...before,
        name: 'Nytt namn på programmet',
      });
    });

    it('refuses every transition the programme is not in a state for', async () => {
      const statusChange = (name: string) =>
        `mutation($input: GrantProgrammeIdInput!) { ${name}(input: $input) { id status } }`;
      const draft = await test.factories.grantProgramme({ open: false });
      for (const name of ['closeGrantProgramme', 'archiveGrantProgramme']) {
        expect(
          await officer.client.code(statusChange(name), { input: { programmeId: draft.id } }),
        ).toBe('INVALID_STATE_TRANSITION');
      }
      const open = await test.factories.grantProgramme();
      for (const name of ['openGrantProgramme', 'archiveGrantProgramme']) {
        expect(
          await officer.client.code(statusChange(name), { input: { programmeId: open.id } }),
        ).toBe('INVALID_STATE_TRANSITION');
      }
      // With nothing to decide, closing it decides it.
      const { closeGrantProgramme } = await officer.client.ok(statusChange('closeGrantProgramme'), {
        input: { programmeId: open.id },
      });
      expect(closeGrantProgramme.status).toBe('DECIDED');
      expect(await actions(open.id)).toEqual([
        'grant_programme.created',
        'grant_programme.opened',
        'grant_programme.closed',
        'grant_programme.decided',
      ]);
      // A programme whose window has already ended cannot be opened.
      const ended = await test.factories.grantProgramme({
        open: false,
        opensAt: later(-10 * DAY),
        closesAt: later(-DAY),
      });
      expect(
        await officer.client.code(statusChange('openGrantProgramme'), {
          input: { programmeId: ended.id },
        }),
      ).toBe('BAD_USER_INPUT');
    });

    it('filters by status, fiscal year and eligible kind', async () => {
      const year = 2031;
      const forShelters = await test.factories.grantProgramme({
        fiscalYear: year,
        eligibleKinds: [OrganisationKind.WOMENS_SHELTER],
      });
      const forAssociations = await test.factories.grantProgramme({ fiscalYear: year });
      const draft = await test.factories.grantProgramme({ fiscalYear: year, open: false });
      const LIST = `query($filter: GrantProgrammeFilter) { grantProgrammes(filter: $filter) { totalCount edges { node { id } } } }`;
      const ids = async (filter: Record<string, unknown>) =>
        (await officer.client.ok(LIST, { filter })).grantProgrammes.edges.map(
          (edge: any) => edge.node.id,
        );
      expect(new Set(await ids({ fiscalYear: year }))).toEqual(
        new Set([forShelters.id, forAssociations.id, draft.id]),
      );
      expect(await ids({ fiscalYear: year, eligibleKind: 'WOMENS_SHELTER' })).toEqual([
        forShelters.id,
      ]);
      expect(await ids({ fiscalYear: year, status: 'DRAFT' })).toEqual([draft.id]);
    });

    it('closes programmes at closesAt by the scheduled job: CLOSED while decisions wait, DECIDED when none do', async () => {
      const waiting = await test.factories.grantProgramme({ closesAt: later(2 * DAY) });
      const empty = await test.factories.grantProgramme({ closesAt: later(2 * DAY) });
      const applicant = await test.factories.organisation();
      await test.factories.grantApplication(waiting, applicant, { stage: 'SUBMITTED' });
      const jobs = test.get(GrantJobsService);
      expect(await jobs.closeEndedProgrammes()).toBe(0);
      test.clock.advance(2 * DAY + 1000);
      expect(await jobs.closeEndedProgrammes()).toBeGreaterThanOrEqual(2);
      const status = async (id: string) =>
        (await test.dataSource.getRepository(GrantProgramme).findOneByOrFail({ id })).status;
      expect(await status(waiting.id)).toBe('CLOSED');
      expect(await status(empty.id)).toBe('DECIDED');
      const closed = (await test.auditOf(waiting.id)).find(
        (entry) => entry.action === 'grant_programme.closed',
      );
      expect(closed).toMatchObject({ actorPersonId: null, summary: { automatic: true } });
      expect(await jobs.closeEndedProgrammes()).toBe(0);
    });
  });

  describe('applications', () => {
    it('lets an ORG_ADMIN write a draft, change it and submit it; audited at each step', async () => {
      const programme = await test.factories.grantProgramme({ maxPerApplication: 5_000_000 });
      const { organisation, admin } = await test.factories.organisation();
      const { createGrantApplication } = await admin.client.ok(CREATE_GRANT_APPLICATION, {
        input: applicationInput(programme.id, organisation.id),
      });
      expect(createGrantApplication).toMatchObject({ status: 'DRAFT', requestedAmount: 2_000_000 });
      const { updateGrantApplication } = await admin.client.ok(UPDATE_APPLICATION, {
        input: {
          applicationId: createGrantApplication.id,
          requestedAmount: 3_000_000,
          budgetLines: [{ label: 'Ledararvoden', amount: 3_000_000 }],
        },
      });
      expect(updateGrantApplication).toMatchObject({
        requestedAmount: 3_000_000,
        budgetLines: [{ label: 'Ledararvoden', amount: 3_000_000 }],
      });
      const { submitGrantApplication } = await admin.client.ok(SUBMIT_GRANT_APPLICATION, {
        input: { applicationId: createGrantApplication.id },
      });
      expect(submitGrantApplication.status).toBe('SUBMITTED');
      const audit = await test.auditOf(createGrantApplication.id);
      expect(audit.map((entry) => [entry.action, entry.actorPersonId])).toEqual([
        ['grant_application.created', admin.person.id],
        ['grant_application.updated', admin.person.id],
        ['grant_application.submitted', admin.person.id],
      ]);
      expect(audit[1].summary).toMatchObject({
        before: { requestedAmount: 2_000_000 },
        after: { requestedAmount: 3_000_000 },
      });
      // Submitted: no more changes, no second submission.
      expect(
        await admin.client.code(UPDATE_APPLICATION, {
          input: { applicationId: createGrantApplication.id, purpose: 'Något helt annat nu' },
        }),
      ).toBe('INVALID_STATE_TRANSITION');
      expect(
        await admin.client.code(SUBMIT_GRANT_APPLICATION, {
          input: { applicationId: createGrantApplication.id },
        }),
      ).toBe('INVALID_STATE_TRANSITION');
    });

    it.each([
      ['a negative amount', { requestedAmount: -1 }],
      ['a zero amount', { requestedAmount: 0 }],
      ['a fractional amount', { requestedAmount: 1_999_999.5 }],
      ['an amount as text', { requestedAmount: '2000000' }],
      [
        'more than the programme allows',
        { requestedAmount: 5_000_001, budgetLines: [{ label: 'Allt', amount: 5_000_001 }] },
      ],
      ['budget lines that do not add up', { budgetLines: [{ label: 'Allt', amount: 1_999_999 }] }],
      [
        'a zero budget line',
        {
          budgetLines: [
            { label: 'Allt', amount: 2_000_000 },
            { label: 'Inget', amount: 0 },
          ],
        },
      ],
      [
        'a negative budget line',
        {
          budgetLines: [
            { label: 'Allt', amount: 2_100_000 },
            { label: 'Rabatt', amount: -100_000 },
          ],
        },
      ],
      ['no budget lines', { budgetLines: [] }],
    ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_case, overrides) => {
      const programme = await test.factories.grantProgramme({ maxPerApplication: 5_000_000 });
      const { organisation, admin } = await test.factories.organisation();
      const before = await count(GrantApplication);
      const response = await admin.client.request(CREATE_GRANT_APPLICATION, {
        input: applicationInput(programme.id, organisation.id, 2_000_000, overrides),
      });
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(await count(GrantApplication)).toBe(before);
    });

    it('keeps the budget lines adding up when a draft changes', async () => {
      const programme = await test.factories.grantProgramme();
      const owner = await test.factories.organisation();
      const draft = await test.factories.grantApplication(programme, owner, {
        stage: 'DRAFT',
        requestedAmount: 1_000_000,
      });
      expect(
        await owner.admin.client.code(UPDATE_APPLICATION, {
          input: { applicationId: draft.id, requestedAmount: 1_500_000 },
        }),
      ).toBe('BAD_USER_INPUT');
      expect((await stored(draft.id)).requestedAmount).toBe(1_000_000);
    });

    it('reads null in an optional field of a draft as "leave it as it is", for every field', async () => {
      const programme = await test.factories.grantProgramme();
      const owner = await test.factories.organisation();
      const draft = await test.factories.grantApplication(programme, owner, {
        stage: 'DRAFT',
        requestedAmount: 1_000_000,
      });
      const read = async () =>
        (await owner.admin.client.ok(APPLICATION, { id: draft.id })).grantApplication;
      const before = await read();
      for (const field of ['purpose', 'requestedAmount', 'budgetLines']) {
        const response = await owner.admin.client.request(UPDATE_APPLICATION, {
          input: { applicationId: draft.id, [field]: null },
        });
        expect([field, codesOf(response)]).toEqual([field, []]);
      }
      await owner.admin.client.ok(UPDATE_APPLICATION, {
        input: { applicationId: draft.id, purpose: null, requestedAmount: null, budgetLines: null },
      });
      expect(await read()).toEqual(before);
      expect(await actions(draft.id)).toEqual(['grant_application.created']);
      await owner.admin.client.ok(UPDATE_APPLICATION, {
        input: {
          applicationId: draft.id,
          purpose: 'Ett nytt syfte med ansökan',
          requestedAmount: null,
          budgetLines: null,
        },
      });
      expect(await read()).toEqual({ ...before, purpose: 'Ett nytt syfte med ansökan' });
    });

    it('reads null in a filter as no condition', async () => {
      const programme = await test.factories.grantProgramme();
      const owner = await test.factories.organisation();
      const application = await test.factories.grantApplication(programme, owner, {
        stage: 'SUBMITTED',
      });
      const applications = await officer.client.ok(
        `query($programmeId: ID) { grantApplications(filter: { programmeId: $programmeId, organisationId: null, status: null }) { edges { node { id } } } }`,
        { programmeId: programme.id },
      );
      expect(applications.grantApplications.edges).toEqual([{ node: { id: application.id } }]);
      const programmes = await officer.client.ok(
        `{ grantProgrammes(first: 100, filter: { status: null, fiscalYear: null, eligibleKind: null }) { edges { node { id } } } }`,
      );
      expect(programmes.grantProgrammes.edges).toContainEqual({ node: { id: programme.id } });
      const ledger = await officer.client.ok(
        `query($id: ID!) { grantLedger(programmeId: $id, applicationId: null) { totalCount } }`,
        { id: programme.id },
      );
      expect(ledger.grantLedger.totalCount).toBe(0);
      const own = await owner.admin.client.ok(
        `query($id: ID!) { organisation(id: $id) { grantApplications(status: null) { id } } }`,
        { id: owner.organisation.id },
      );
      expect(own.organisation.grantApplications).toEqual([{ id: application.id }]);
    });

    it('accepts applications only while the programme is OPEN and within its window', async () => {
      const { organisation, admin } = await test.factories.organisation();
      const create = (programmeId: string) =>
        admin.client.request(CREATE_GRANT_APPLICATION, {
          input: applicationInput(programmeId, organisation.id),
        });
      // A DRAFT programme does not exist for the organisation.
      const draft = await test.factories.grantProgramme({ open: false });
      expect(codesOf(await create(draft.id))).toEqual(['NOT_FOUND']);
      // Published but not yet open: a draft may be written, not submitted.
      const upcoming = await test.factories.grantProgramme({
        opensAt: later(2 * DAY),
        closesAt: later(20 * DAY),
      });
      const early = (await create(upcoming.id)).data?.createGrantApplication;
      expect(early.status).toBe('DRAFT');
      expect(
        await admin.client.code(SUBMIT_GRANT_APPLICATION, { input: { applicationId: early.id } }),
      ).toBe('INVALID_STATE_TRANSITION');
      test.clock.advance(2 * DAY + 1000);
      expect(
        (await admin.client.ok(SUBMIT_GRANT_APPLICATION, { input: { applicationId: early.id } }))
          .submitGrantApplication.status,
      ).toBe('SUBMITTED');
      // After closesAt nothing is accepted, even before the job has closed it.
      test.clock.advance(18 * DAY);
      const ended = await test.factories.organisation();
      expect(
        await ended.admin.client.code(CREATE_GRANT_APPLICATION, {
          input: applicationInput(upcoming.id, ended.organisation.id),
        }),
      ).toBe('INVALID_STATE_TRANSITION');
      test.clock.reset();
      // Closed by an officer.
      const closed = await test.factories.grantProgramme();
      await officer.client.ok(
        `mutation($input: GrantProgrammeIdInput!) { closeGrantProgramme(input: $input) { id } }`,
        { input: { programmeId: closed.id } },
      );
      expect(codesOf(await create(closed.id))).toEqual(['INVALID_STATE_TRANSITION']);
    });

    it('accepts applications only from VERIFIED organisations of an eligible kind', async () => {
      const programme = await test.factories.grantProgramme({
        eligibleKinds: [OrganisationKind.VOLUNTARY_ASSOCIATION],
      });
      for (const status of [OrganisationStatus.PENDING, OrganisationStatus.SUSPENDED]) {
        const { organisation, admin } = await test.factories.organisation({ status });
        expect(
          await admin.client.code(CREATE_GRANT_APPLICATION, {
            input: applicationInput(programme.id, organisation.id),
          }),
        ).toBe('ORGANISATION_NOT_VERIFIED');
      }
      const shelter = await test.factories.organisation({ kind: OrganisationKind.WOMENS_SHELTER });
      const response = await shelter.admin.client.request(CREATE_GRANT_APPLICATION, {
        input: applicationInput(programme.id, shelter.organisation.id),
      });
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0].extensions.details).toEqual({
        fields: { organisationId: [expect.stringMatching(/WOMENS_SHELTER/)] },
      });
      // Suspended after writing the draft: it cannot be submitted.
      const owner = await test.factories.organisation();
      const draft = await test.factories.grantApplication(programme, owner, { stage: 'DRAFT' });
      await test.factories.suspend(owner.organisation.id);
      expect(
        await owner.admin.client.code(SUBMIT_GRANT_APPLICATION, {
          input: { applicationId: draft.id },
        }),
      ).toBe('ORGANISATION_NOT_VERIFIED');
    });

    it('allows one live application per organisation and programme, a new one after withdrawing', async () => {
      const programme = await test.factories.grantProgramme();
      const { organisation, admin } = await test.factories.organisation();
      const input = applicationInput(programme.id, organisation.id);
      const first = (await admin.client.ok(CREATE_GRANT_APPLICATION, { input }))
        .createGrantApplication;
      const duplicate = await admin.client.request(CREATE_GRANT_APPLICATION, { input });
      expect(codesOf(duplicate)).toEqual(['CONFLICT']);
      expect(duplicate.errors?.[0].extensions.details).toEqual({ applicationId: first.id });
      const { withdrawGrantApplication } = await admin.client.ok(WITHDRAW_GRANT_APPLICATION, {
        input: { applicationId: first.id },
      });
      expect(withdrawGrantApplication.status).toBe('WITHDRAWN');
      expect(
        await admin.client.code(WITHDRAW_GRANT_APPLICATION, { input: { applicationId: first.id } }),
      ).toBe('INVALID_STATE_TRANSITION');
      const second = (await admin.client.ok(CREATE_GRANT_APPLICATION, { input }))
        .createGrantApplication;
      expect(second.status).toBe('DRAFT');
      // Another organisation applies to the same programme independently.
      const other = await test.factories.organisation();
      await other.admin.client.ok(CREATE_GRANT_APPLICATION, {
        input: applicationInput(programme.id, other.organisation.id),
      });
    });

    it('lets only the ORG_ADMIN apply; members read; officers see it once submitted; others see nothing (NOT_FOUND)', async () => {
      const programme = await test.factories.grantProgramme();
      const owner = await test.factories.organisation();
      const coordinator = await test.factories.member(
        owner.organisation.id,
        owner.admin,
        MembershipRole.COORDINATOR,
      );
      const volunteer = await test.factories.member(owner.organisation.id, owner.admin);
      const other = await test.factories.organisation();
      for (const who of [coordinator, volunteer, other.admin, officer]) {
        expect(
          await who.client.code(CREATE_GRANT_APPLICATION, {
            input: applicationInput(programme.id, owner.organisation.id),
          }),
        ).toBe('FORBIDDEN');
      }
      const application = await test.factories.grantApplication(programme, owner, {
        stage: 'DRAFT',
      });
      const id = application.id;
      // Members read the draft; to officers and other organisations it does not exist yet.
      for (const who of [owner.admin, coordinator, volunteer]) {
        expect((await who.client.ok(APPLICATION, { id })).grantApplication.id).toBe(id);
      }
      for (const who of [other.admin, officer]) {
        expect(await who.client.code(APPLICATION, { id })).toBe('NOT_FOUND');
      }
      for (const document of [SUBMIT_GRANT_APPLICATION, WITHDRAW_GRANT_APPLICATION]) {
        for (const who of [other.admin, officer]) {
          expect(await who.client.code(document, { input: { applicationId: id } })).toBe(
            'NOT_FOUND',
          );
        }
        expect(await volunteer.client.code(document, { input: { applicationId: id } })).toBe(
          'FORBIDDEN',
        );
      }
      expect(
        await other.admin.client.code(UPDATE_APPLICATION, {
          input: { applicationId: id, purpose: 'Kapad ansökan om pengar' },
        }),
      ).toBe('NOT_FOUND');
      // Lists: filtered, never an error.
      const LIST = `query($programmeId: ID) { grantApplications(filter: { programmeId: $programmeId }) { totalCount edges { node { id } } } }`;
      const listed = async (who: SignedIn) =>
        (await who.client.ok(LIST, { programmeId: programme.id })).grantApplications.edges.map(
          (edge: any) => edge.node.id,
        );
      expect(await listed(volunteer)).toEqual([id]);
      expect(await listed(officer)).toEqual([]);
      expect(await listed(other.admin)).toEqual([]);
      const social = await test.factories.socialServices();
      expect(await listed(social)).toEqual([]);
      // Organisation.grantApplications: members all, officers the submitted ones; others an error.
      const OWN = `query($id: ID!) { organisation(id: $id) { name grantApplications { id status } } }`;
      const ownOf = async (who: SignedIn) =>
        (await who.client.ok(OWN, { id: owner.organisation.id })).organisation.grantApplications;
      expect(await ownOf(volunteer)).toEqual([{ id, status: 'DRAFT' }]);
      expect(await ownOf(officer)).toEqual([]);
      // Once submitted, officers see it everywhere.
      await owner.admin.client.ok(SUBMIT_GRANT_APPLICATION, { input: { applicationId: id } });
      expect((await officer.client.ok(APPLICATION, { id })).grantApplication.status).toBe(
        'SUBMITTED',
      );
      expect(await listed(officer)).toEqual([id]);
      expect(await ownOf(officer)).toEqual([{ id, status: 'SUBMITTED' }]);
      expect(await listed(other.admin)).toEqual([]);
      const foreign = await other.admin.client.request(OWN, { id: owner.organisation.id });
      expect(codesOf(foreign)).toEqual(['FORBIDDEN']);
      expect((foreign.data as any).organisation.grantApplications).toBeNull();
      expect(codesOf(await test.anonymous.request(OWN, { id: owner.organisation.id }))).toEqual([
        'UNAUTHENTICATED',
      ]);
    });

    it("keeps a DRAFT the organisation's own: officers neither see nor handle it; ADMIN, who acts for any organisation, does", async () => {
      const programme = await test.factories.grantProgramme();
      const owner = await test.factories.organisation();
      const draft = await test.factories.grantApplication(programme, owner, { stage: 'DRAFT' });
      const submitted = await test.factories.grantApplication(
        programme,
        await test.factories.organisation(),
        { stage: 'SUBMITTED' },
      );
      const id = draft.id;
      // The officer's handling of it is NOT_FOUND too, not a state error that gives it away.
      expect(await officer.client.code(START_GRANT_REVIEW, { input: { applicationId: id } })).toBe(
        'NOT_FOUND',
      );
      expect(
        await officer.client.code(DECIDE_GRANT_APPLICATION, {
          input: { applicationId: id, awardedAmount: 0, motivation: 'Avslag' },
        }),
      ).toBe('NOT_FOUND');
      expect(
        await officer.client.code(UPDATE_APPLICATION, {
          input: { applicationId: id, purpose: 'Handläggarens syfte med pengarna' },
        }),
      ).toBe('NOT_FOUND');
      const LIST = `query($programmeId: ID, $status: GrantApplicationStatus) { grantApplications(filter: { programmeId: $programmeId, status: $status }) { totalCount edges { node { id } } } }`;
      const listed = async (who: SignedIn, status?: string) =>
        (await who.client.ok(LIST, { programmeId: programme.id, status })).grantApplications;
      expect(await listed(officer)).toEqual({
        totalCount: 1,
        edges: [{ node: { id: submitted.id } }],
      });
      expect((await listed(officer, 'DRAFT')).totalCount).toBe(0);
      // An officer who is a member of the organisation reads it as a member.
      const insider = await test.factories.member(
        owner.organisation.id,
        owner.admin,
        MembershipRole.VOLUNTEER,
        { systemRole: SystemRole.MUNICIPAL_OFFICER },
      );
      expect((await insider.client.ok(APPLICATION, { id })).grantApplication.status).toBe('DRAFT');
      expect((await listed(insider)).totalCount).toBe(2);
      const admin = await test.factories.admin();
      expect((await admin.client.ok(APPLICATION, { id })).grantApplication.status).toBe('DRAFT');
      expect((await listed(admin)).totalCount).toBe(2);
      expect(await stored(id)).toMatchObject({ status: 'DRAFT', purpose: draft.purpose });
    });

    it('withdrawing the last application waiting in a CLOSED programme makes it DECIDED', async () => {
      const programme = await test.factories.grantProgramme();
      const owner = await test.factories.organisation();
      const application = await test.factories.grantApplication(programme, owner, {
        stage: 'UNDER_REVIEW',
      });
      await officer.client.ok(
        `mutation($input: GrantProgrammeIdInput!) { closeGrantProgramme(input: $input) { status } }`,
        { input: { programmeId: programme.id } },
      );
      expect((await officer.client.ok(PROGRAMME, { id: programme.id })).grantProgramme.status).toBe(
        'CLOSED',
      );
      await owner.admin.client.ok(WITHDRAW_GRANT_APPLICATION, {
        input: { applicationId: application.id },
      });
      const { grantProgramme } = await officer.client.ok(PROGRAMME, { id: programme.id });
      expect(grantProgramme.status).toBe('DECIDED');
      expect(grantProgramme.decidedAt).not.toBeNull();
      // Both changes are audited: the withdrawal by the ORG_ADMIN, the programme's by nobody.
      const withdrawn = (await test.auditOf(application.id)).filter(
        (entry) => entry.action === 'grant_application.withdrawn',
      );
      expect(withdrawn).toHaveLength(1);
      expect(withdrawn[0]).toMatchObject({
        actorPersonId: owner.admin.person.id,
        entityType: 'GrantApplication',
        summary: { before: { status: 'UNDER_REVIEW' }, after: { status: 'WITHDRAWN' } },
      });
      const decided = (await test.auditOf(programme.id)).filter(
        (entry) => entry.action === 'grant_programme.decided',
      );
      expect(decided).toHaveLength(1);
      expect(decided[0].summary).toMatchObject({
        before: { status: 'CLOSED' },
        after: { status: 'DECIDED' },
        automatic: true,
      });
    });
  });

  describe('assessment', () => {
    const scores = (first: number, second: number) => [
      { criterion: 'Barn och unga', score: first },
      { criterion: 'Trygghet', score: second },
    ];

    it('starts a review, scores it by the weighted criteria and decides; the organisation is told', async () => {
      const programme = await test.factories.grantProgramme();
      const owner = await test.factories.organisation();
      const application = await test.factories.grantApplication(programme, owner, {
        stage: 'SUBMITTED',
        requestedAmount: 3_000_000,
      });
      const applicationId = application.id;
      const started = await officer.client.ok(START_GRANT_REVIEW, { input: { applicationId } });
      expect(started.startGrantReview.status).toBe('UNDER_REVIEW');
      const { reviewGrantApplication } = await officer.client.ok(REVIEW_GRANT_APPLICATION, {
        input: { applicationId, scores: scores(5, 2), comment: 'Stark förankring i Sylte.' },
      });
      // (5 × 2 + 2 × 1) / 3
      expect(reviewGrantApplication.weightedScore).toBe(4);
      const second = await test.factories.municipalOfficer();
      await second.client.ok(REVIEW_GRANT_APPLICATION, {
        input: { applicationId, scores: scores(3, 3), comment: 'Rimlig budget.' },
      });
      // Revising one's review replaces it.
      await second.client.ok(REVIEW_GRANT_APPLICATION, {
        input: { applicationId, scores: scores(4, 1), comment: 'Rimlig budget, svag uppföljning.' },
      });
      const REVIEWS = `query($id: ID!) { grantApplication(id: $id) { weightedScore reviews { weightedScore comment reviewer { id } scores { criterion score } } } }`;
      const { grantApplication } = await officer.client.ok(REVIEWS, { id: applicationId });
      expect(grantApplication.reviews.map((review: any) => review.weightedScore)).toEqual([4, 3]);
      expect(grantApplication.weightedScore).toBe(3.5);
      // The organisation sees the decision, not the scoring.
      const theirs = await owner.admin.client.request(REVIEWS, { id: applicationId });
      expect(codesOf(theirs)).toEqual(['FORBIDDEN', 'FORBIDDEN']);

      const { decideGrantApplication } = await officer.client.ok(DECIDE_GRANT_APPLICATION, {
        input: {
          applicationId,
          awardedAmount: 2_000_000,
          motivation: 'Materialkostnaden ryms inte i årets ram.',
        },
      });
      expect(decideGrantApplication.status).toBe('PARTIALLY_APPROVED');
      const { grantApplication: decided } = await owner.admin.client.ok(APPLICATION, {
        id: applicationId,
      });
      expect(decided).toMatchObject({
        status: 'PARTIALLY_APPROVED',
        awarded: 2_000_000,
        disbursed: 0,
        decision: {
          awardedAmount: 2_000_000,
          motivation: 'Materialkostnaden ryms inte i årets ram.',
          decidedBy: { id: officer.person.id },
        },
      });
      const notices = await test.dataSource.getRepository(Notification).findBy({
        recipientPersonId: owner.admin.person.id,
        kind: NotificationKind.APPLICATION_DECIDED,
      });
      expect(notices).toHaveLength(1);
      expect(notices[0].data).toMatchObject({ applicationId, awardedAmount: 2_000_000 });
      expect(notices[0].body).toMatch(/delvis beviljad: 20 000 kr av sökta 30 000 kr\./);

      const audit = await test.auditOf(applicationId);
      expect(audit.map((entry) => entry.action)).toEqual([
        'grant_application.created',
        'grant_application.submitted',
        'grant_application.under_review',
        'grant_application.reviewed',
        'grant_application.reviewed',
        'grant_application.review_revised',
        'grant_application.partially_approved',
        'grant_ledger.allocation',
      ]);
      const decision = audit[6];
      expect(decision.actorPersonId).toBe(officer.person.id);
      expect(decision.summary).toMatchObject({
        before: { status: 'UNDER_REVIEW' },
        after: { status: 'PARTIALLY_APPROVED' },
        requestedAmount: 3_000_000,
        awardedAmount: 2_000_000,
        motivation: 'Materialkostnaden ryms inte i årets ram.',
      });
      expect(audit[7].summary).toMatchObject({
        amount: 2_000_000,
        before: { programme: { allocated: 0 } },
        after: { award: { awarded: 2_000_000 }, programme: { allocated: 2_000_000 } },
      });
    });

    it('refuses scores that do not match the criteria', async () => {
      const programme = await test.factories.grantProgramme();
      const owner = await test.factories.organisation();
      const { id: applicationId } = await test.factories.grantApplication(programme, owner, {
        stage: 'UNDER_REVIEW',
      });
      const before = await count(GrantReview);
      for (const given of [
        [{ criterion: 'Barn och unga', score: 3 }],
        [...scores(3, 3), { criterion: 'Kultur', score: 3 }],
        [
          { criterion: 'Barn och unga', score: 3 },
          { criterion: 'Barn och unga', score: 4 },
        ],
        scores(6, 3),
        scores(0, 3),
        scores(2.5, 3),
      ]) {
        expect(
          await officer.client.code(REVIEW_GRANT_APPLICATION, {
            input: { applicationId, scores: given, comment: 'Bedömning' },
          }),
        ).toBe('BAD_USER_INPUT');
      }
      expect(await count(GrantReview)).toBe(before);
    });

    it('applies the decision rules: 0 ≤ awarded ≤ requested, a motivation unless in full, a review first', async () => {
      const programme = await test.factories.grantProgramme();
      const decide = async (applicationId: string, awardedAmount: number, motivation?: string) =>
        officer.client.request(DECIDE_GRANT_APPLICATION, {
          input: { applicationId, awardedAmount, motivation },
        });
      const owner = await test.factories.organisation();
      const { id } = await test.factories.grantApplication(programme, owner, {
        requestedAmount: 1_000_000,
      });
      for (const [amount, motivation] of [
        [1_000_001, 'För mycket'],
        [-1, 'Negativt'],
        [500_000.5, 'Bråkdel'],
        [500_000, undefined],
        [500_000, '   '],
        [0, undefined],
      ] as const) {
        expect(codesOf(await decide(id, amount, motivation))).toEqual(['BAD_USER_INPUT']);
      }
      expect((await stored(id)).status).toBe('UNDER_REVIEW');
      expect(
        await test.dataSource.getRepository(GrantLedgerEntry).countBy({ applicationId: id }),
      ).toBe(0);
      // In full, no motivation is needed.
      const full = await decide(id, 1_000_000);
      expect(full.data?.decideGrantApplication.status).toBe('APPROVED');
      expect((await stored(id)).motivation).toBeNull();
      // Decisions are final.
      expect(codesOf(await decide(id, 0, 'Ändrat oss'))).toEqual(['INVALID_STATE_TRANSITION']);
      expect((await stored(id)).awardedAmount).toBe(1_000_000);

      // A rejection reserves nothing.
      const rejected = await test.factories.organisation();
      const refused = await test.factories.grantApplication(programme, rejected);
      const response = await decide(refused.id, 0, 'Verksamheten ligger utanför programmet.');
      expect(response.data?.decideGrantApplication.status).toBe('REJECTED');
      expect(
        await test.dataSource
          .getRepository(GrantLedgerEntry)
          .countBy({ applicationId: refused.id }),
      ).toBe(0);
      expect(
        (await officer.client.ok(PROGRAMME, { id: programme.id })).grantProgramme,
      ).toMatchObject({ allocated: 1_000_000, remaining: programme.budget - 1_000_000 });

      // Not yet reviewed, or not yet under review.
      const early = await test.factories.organisation();
      const unreviewed = await test.factories.grantApplication(programme, early, {
        stage: 'UNDER_REVIEW',
      });
      expect(codesOf(await decide(unreviewed.id, 0, 'Nej'))).toEqual(['INVALID_STATE_TRANSITION']);
      const earlier = await test.factories.organisation();
      const submitted = await test.factories.grantApplication(programme, earlier, {
        stage: 'SUBMITTED',
      });
      expect(codesOf(await decide(submitted.id, 0, 'Nej'))).toEqual(['INVALID_STATE_TRANSITION']);
      expect(
        codesOf(
          await officer.client.request(REVIEW_GRANT_APPLICATION, {
            input: { applicationId: submitted.id, scores: scores(3, 3), comment: 'För tidigt' },
          }),
        ),
      ).toEqual(['INVALID_STATE_TRANSITION']);
      expect(
        codesOf(await officer.client.request(START_GRANT_REVIEW, { input: { applicationId: id } })),
      ).toEqual(['INVALID_STATE_TRANSITION']);
      // A withdrawn application is not decided either.
      expect(
        await owner.admin.client.code(WITHDRAW_GRANT_APPLICATION, {
          input: { applicationId: id },
        }),
      ).toBe('INVALID_STATE_TRANSITION');
      expect((await stored(id)).status).toBe('APPROVED');
    });

    it('refuses an award beyond the budget with GRANT_BUDGET_EXCEEDED, changing nothing', async () => {
      const programme = await test.factories.grantProgramme({
        budget: 3_000_000,
        maxPerApplication: 2_000_000,
      });
      const first = await test.factories.grantApplication(
        programme,
        await test.factories.organisation(),
        { requestedAmount: 2_000_000 },
      );
      await test.factories.decideGrant(first.id, 2_000_000);
      const owner = await test.factories.organisation();
      const second = await test.factories.grantApplication(programme, owner, {
        requestedAmount: 2_000_000,
      });
      const auditBefore = await actions(second.id);
      const response = await officer.client.request(DECIDE_GRANT_APPLICATION, {
        input: { applicationId: second.id, awardedAmount: 2_000_000 },
      });
      expect(codesOf(response)).toEqual(['GRANT_BUDGET_EXCEEDED']);
      expect(response.errors?.[0].extensions.details).toEqual({
        budget: 3_000_000,
        allocated: 2_000_000,
        remaining: 1_000_000,
        requested: 2_000_000,
      });
      const after = await stored(second.id);
      expect(after).toMatchObject({ status: 'UNDER_REVIEW', awardedAmount: null, awarded: 0 });
      expect(await actions(second.id)).toEqual(auditBefore);
      expect(
        await test.dataSource
          .getRepository(Notification)
          .countBy({ recipientPersonId: owner.admin.person.id }),
      ).toBe(0);
      // What fits is decided.
      const { decideGrantApplication } = await officer.client.ok(DECIDE_GRANT_APPLICATION, {
        input: { applicationId: second.id, awardedAmount: 1_000_000, motivation: 'Det som ryms' },
      });
      expect(decideGrantApplication.status).toBe('PARTIALLY_APPROVED');
      expect(
        (await officer.client.ok(PROGRAMME, { id: programme.id })).grantProgramme.remaining,
      ).toBe(0);
    });

    it('makes a CLOSED programme DECIDED with its last decision', async () => {
      const programme = await test.factories.grantProgramme();
      const one = await test.factories.grantApplication(
        programme,
        await test.factories.organisation(),
      );
      const two = await test.factories.grantApplication(
        programme,
        await test.factories.organisation(),
      );
      await officer.client.ok(
        `mutation($input: GrantProgrammeIdInput!) { closeGrantProgramme(input: $input) { status } }`,
        { input: { programmeId: programme.id } },
      );
      await test.factories.decideGrant(one.id, 0, 'Avslag');
      expect((await officer.client.ok(PROGRAMME, { id: programme.id })).grantProgramme.status).toBe(
        'CLOSED',
      );
      await test.factories.decideGrant(two.id, 5_000_000);
      expect((await officer.client.ok(PROGRAMME, { id: programme.id })).grantProgramme.status).toBe(
        'DECIDED',
      );
    });

    it('refuses an officer who is an ACTIVE member of the applying organisation (CONFLICT_OF_INTEREST)', async () => {
      const programme = await test.factories.grantProgramme();
      const owner = await test.factories.organisation();
      const member = await test.factories.member(
        owner.organisation.id,
        owner.admin,
        MembershipRole.VOLUNTEER,
        { systemRole: SystemRole.MUNICIPAL_OFFICER },
      );
      const submitted = await test.factories.grantApplication(programme, owner, {
        stage: 'SUBMITTED',
      });
      const input = { applicationId: submitted.id };
      expect(await member.client.code(START_GRANT_REVIEW, { input })).toBe('CONFLICT_OF_INTEREST');
      await officer.client.ok(START_GRANT_REVIEW, { input });
      expect(
        await member.client.code(REVIEW_GRANT_APPLICATION, {
          input: { ...input, scores: scores(5, 5), comment: 'Min egen förening, toppen!' },
        }),
      ).toBe('CONFLICT_OF_INTEREST');
      await officer.client.ok(REVIEW_GRANT_APPLICATION, {
        input: { ...input, scores: scores(3, 3), comment: 'Ok' },
      });
      expect(
        await member.client.code(DECIDE_GRANT_APPLICATION, {
          input: { ...input, awardedAmount: 5_000_000 },
        }),
      ).toBe('CONFLICT_OF_INTEREST');
      expect((await stored(submitted.id)).status).toBe('UNDER_REVIEW');
      // Having left the organisation, the officer may handle it.
      await test
        .get(MembershipsService)
        .leave(member.actor, { organisationId: owner.organisation.id });
      const { decideGrantApplication } = await member.client.ok(DECIDE_GRANT_APPLICATION, {
        input: { ...input, awardedAmount: 5_000_000 },
      });
      expect(decideGrantApplication.status).toBe('APPROVED');
    });

    it('lets only municipal officers assess', async () => {
      const programme = await test.factories.grantProgramme();
      const owner = await test.factories.organisation();
      const { id } = await test.factories.grantApplication(programme, owner, {
        stage: 'SUBMITTED',
      });
      for (const who of [owner.admin, await test.factories.socialServices()]) {
        expect(await who.client.code(START_GRANT_REVIEW, { input: { applicationId: id } })).toBe(
          'FORBIDDEN',
        );
      }
      const admin = await test.factories.admin();
      expect(
        (await admin.client.ok(START_GRANT_REVIEW, { input: { applicationId: id } }))
          .startGrantReview.status,
      ).toBe('UNDER_REVIEW');
      expect(
        (await test.dataSource.getRepository(GrantApplication).findOneByOrFail({ id })).status,
      ).toBe(GrantApplicationStatus.UNDER_REVIEW);
    });
  });

  describe('SQL statements', () => {
    const NESTED = `query($first: Int, $programmeId: ID) { grantApplications(first: $first, filter: { programmeId: $programmeId }) {
      totalCount edges { node {
        id status requestedAmount awarded disbursed recovered remainingAward outstandingRecovery followUpOverdue weightedScore
        organisation { name } programme { name remaining }
        reviews { weightedScore reviewer { displayName } }
        decision { awardedAmount decidedBy { displayName } }
        followUpReport { status submittedBy { displayName } }
      } } } }`;
    let programmeId: string;

    beforeAll(async () => {
      const programme = await test.factories.grantProgramme({ budget: 100_000_000 });
      programmeId = programme.id;
      for (let index = 0; index < 26; index += 1) {
        const owner = await test.factories.organisation({
          name: `Bidragsräkning ${String(index).padStart(2, '0')}`,
        });
        const application = await test.factories.grantApplication(programme, owner, {
          requestedAmount: 1_000_000,
        });
        if (index % 2 === 0) {
          await test.factories.decideGrant(application.id, 1_000_000);
          await owner.admin.client.ok(
            `mutation($input: SubmitFollowUpReportInput!) { submitFollowUpReport(input: $input) { id } }`,
            {
              input: {
                applicationId: application.id,
                outcomes: 'Allt genomfört enligt plan.',
                amountSpent: 1_000_000,
              },
            },
          );
        } else {
          await test.factories.decideGrant(application.id, 0, 'Avslag');
        }
      }
    }, 120_000);

    it('do not grow with the page size: applications with organisation, programme, reviews, score, money and report', async () => {
      const small = await test.countStatements(() =>
        officer.client.ok(NESTED, { first: 5, programmeId }),
      );
      const large = await test.countStatements(() =>
        officer.client.ok(NESTED, { first: 25, programmeId }),
      );
      expect(large).toBe(small);
      expect(small).toBeLessThanOrEqual(12);
    });

    it('do not grow with the page size: organisations with their grant applications', async () => {
      const admin = await test.factories.admin();
      const query = `query($first: Int) { organisations(first: $first, filter: { search: "Bidragsräkning" }) { edges { node { name
        grantApplications { status awarded programme { name } decision { decidedBy { displayName } } } } } } }`;
      const small = await test.countStatements(() => admin.client.ok(query, { first: 5 }));
      const large = await test.countStatements(() => admin.client.ok(query, { first: 25 }));
      expect(large).toBe(small);
    });
  });
});
