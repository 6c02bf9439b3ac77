import {
  FollowUpReportsService,
  GrantApplication,
  GrantApplicationStatus,
  GrantLedgerEntry,
  GrantLedgerKind,
  GrantProgramme,
} from '../src/modules/grants';
import { Organisation } from '../src/modules/organisations';
import { AuditLogEntry } from '../src/modules/audit';
import {
  APPROVE_FOLLOW_UP_REPORT,
  CREATE_GRANT_APPLICATION,
  DECIDE_GRANT_APPLICATION,
  RECORD_ADJUSTMENT,
  RECORD_DISBURSEMENT,
  RECORD_RECOVERY,
  SUBMIT_GRANT_APPLICATION,
  WITHDRAW_GRANT_APPLICATION,
} from './support/documents';
import { SignedIn } from './support/factories';
import { GraphQLResponse, outcomeOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

const APPLICANTS = 100;
const ARCHIVE = `mutation($input: GrantProgrammeIdInput!) { archiveGrantProgramme(input: $input) { id status } }`;
const CLOSE = `mutation($input: GrantProgrammeIdInput!) { closeGrantProgramme(input: $input) { id status } }`;
/** Every outcome a grant operation may end with under contention: never INTERNAL_SERVER_ERROR. */
const DOMAIN_OUTCOMES = [
  'OK',
  'INVALID_STATE_TRANSITION',
  'GRANT_BUDGET_EXCEEDED',
  'BAD_USER_INPUT',
];
const AWARD = 10_000;
const BUDGET = 50_000;

type Owner = { organisation: Organisation; admin: SignedIn };

function tally(outcomes: string[]): Record<string, number> {
  return outcomes.reduce<Record<string, number>>(
    (counts, name) => ({ ...counts, [name]: (counts[name] ?? 0) + 1 }),
    {},
  );
}

/**
 * Real parallel HTTP requests against one programme or award, on the database the suite runs on
 * (SQLite by default, PostgreSQL under `npm run test:pg`): the budget, the award and the finality
 * of decisions hold whatever the interleaving.
 */
describe('grants under parallel requests', () => {
  let test: TestApp;
  let officer: SignedIn;
  /** 100 VERIFIED voluntary associations, each with its ORG_ADMIN. */
  let owners: Owner[];

  beforeAll(async () => {
    test = await TestApp.create();
    officer = await test.factories.municipalOfficer();
    owners = [];
    for (let index = 0; index < APPLICANTS; index += 1) {
      owners.push(await test.factories.organisation());
    }
  }, 300_000);

  afterAll(async () => {
    await test.close();
  });

  afterEach(() => test.clock.reset());

  const decided = (response: GraphQLResponse<any>) =>
    outcomeOf(response, (data) => data.decideGrantApplication.status);
  const ok = (response: GraphQLResponse<any>) => outcomeOf(response, 'OK');
  const ledgerOf = (where: Partial<Pick<GrantLedgerEntry, 'programmeId' | 'applicationId'>>) =>
    test.dataSource.getRepository(GrantLedgerEntry).findBy(where);
  const programmeRow = (id: string) =>
    test.dataSource.getRepository(GrantProgramme).findOneByOrFail({ id });
  const applicationRow = (id: string) =>
    test.dataSource.getRepository(GrantApplication).findOneByOrFail({ id });

  /** ALLOCATION + ADJUSTMENT, DISBURSEMENT and RECOVERY summed from ledger entries. */
  const sums = (entries: GrantLedgerEntry[]) => {
    const of = (...kinds: GrantLedgerKind[]) =>
      entries
        .filter((entry) => kinds.includes(entry.kind))
        .reduce((total, entry) => total + entry.amount, 0);
    return {
      allocated: of(GrantLedgerKind.ALLOCATION, GrantLedgerKind.ADJUSTMENT),
      disbursed: of(GrantLedgerKind.DISBURSEMENT),
      recovered: of(GrantLedgerKind.RECOVERY),
    };
  };

  /** The programme's and each application's counters equal the sums of their ledger entries. */
  async function expectBooksBalance(programmeId: string): Promise<void> {
    const entries = await ledgerOf({ programmeId });
    const programme = await programmeRow(programmeId);
    expect({
      allocated: programme.allocated,
      disbursed: programme.disbursed,
      recovered: programme.recovered,
    }).toEqual(sums(entries));
    const applications = await test.dataSource
      .getRepository(GrantApplication)
      .findBy({ programmeId });
    for (const application of applications) {
      expect({
        allocated: application.awarded,
        disbursed: application.disbursed,
        recovered: application.recovered,
      }).toEqual(sums(entries.filter((entry) => entry.applicationId === application.id)));
    }
  }

  /** A 50 000 öre programme with a reviewed application of 10 000 öre from each of `count` owners. */
  async function crowdedProgramme(count = APPLICANTS): Promise<{
    programme: GrantProgramme;
    applications: GrantApplication[];
  }> {
    const programme = await test.factories.grantProgramme({
      budget: BUDGET,
      maxPerApplication: AWARD,
    });
    const applications: GrantApplication[] = [];
    for (const owner of owners.slice(0, count)) {
      applications.push(
        await test.factories.grantApplication(programme, owner, { requestedAmount: AWARD }),
      );
    }
    return { programme, applications };
  }

  it.each([1, 2, 3])(
    'round %i: 100 parallel decisions of 10 000 öre on a 50 000 öre programme: exactly 5 decided, 95 GRANT_BUDGET_EXCEEDED',
    async () => {
      const { programme, applications } = await crowdedProgramme();
      const responses = await Promise.all(
        applications.map((application) =>
          officer.client.request(DECIDE_GRANT_APPLICATION, {
            input: { applicationId: application.id, awardedAmount: AWARD },
          }),
        ),
      );
      expect(tally(responses.map(decided))).toEqual({
        APPROVED: 5,
        GRANT_BUDGET_EXCEEDED: 95,
      });
      expect(await programmeRow(programme.id)).toMatchObject({ allocated: BUDGET });
      const ledger = await ledgerOf({ programmeId: programme.id });
      expect(ledger).toHaveLength(5);
      expect(ledger.every((entry) => entry.kind === GrantLedgerKind.ALLOCATION)).toBe(true);
      expect(ledger.reduce((sum, entry) => sum + entry.amount, 0)).toBe(BUDGET);
      const statuses = await test.dataSource
        .getRepository(GrantApplication)
        .findBy({ programmeId: programme.id });
      expect(tally(statuses.map((application) => application.status))).toEqual({
        APPROVED: 5,
        UNDER_REVIEW: 95,
      });
      // The approved ones are exactly those whose answer said so, each with its ledger entry and audit.
      const approvedIds = responses
        .filter((response) => !response.errors)
        .map((response: any) => response.data.decideGrantApplication.id)
        .sort();
      expect(ledger.map((entry) => entry.applicationId).sort()).toEqual(approvedIds);
      const decisions = await test.dataSource.getRepository(AuditLogEntry).countBy({
        action: 'grant_application.approved',
        entityId: approvedIds[0],
      });
      expect(decisions).toBe(1);
    },
    300_000,
  );

  it('rejections among 100 parallel decisions reserve nothing: every rejection lands, 5 approvals fit', async () => {
    const { programme, applications } = await crowdedProgramme();
    const responses = await Promise.all(
      applications.map((application, index) =>
        officer.client.request(DECIDE_GRANT_APPLICATION, {
          input:
            index % 4 === 0
              ? { applicationId: application.id, awardedAmount: 0, motivation: 'Avslag' }
              : { applicationId: application.id, awardedAmount: AWARD },
        }),
      ),
    );
    expect(tally(responses.map(decided))).toEqual({
      REJECTED: 25,
      APPROVED: 5,
      GRANT_BUDGET_EXCEEDED: 70,
    });
    expect((await programmeRow(programme.id)).allocated).toBe(BUDGET);
  }, 300_000);

  it.each([1, 2, 3, 4, 5])(
    'round %i: ten officers deciding one application at once: one decision lands, nine INVALID_STATE_TRANSITION',
    async () => {
      const programme = await test.factories.grantProgramme({
        budget: BUDGET,
        maxPerApplication: AWARD,
      });
      const application = await test.factories.grantApplication(programme, owners[0], {
        requestedAmount: AWARD,
      });
      const amounts = [AWARD, 0, 5_000, AWARD, 7_000, 0, AWARD, 1_000, 9_999, AWARD];
      const responses = await Promise.all(
        amounts.map((awardedAmount) =>
          officer.client.request(DECIDE_GRANT_APPLICATION, {
            input: { applicationId: application.id, awardedAmount, motivation: 'Beslut' },
          }),
        ),
      );
      const outcomes = responses.map(decided);
      expect(outcomes.filter((outcome) => outcome === 'INVALID_STATE_TRANSITION')).toHaveLength(9);
      const winner =
        amounts[outcomes.findIndex((outcome) => outcome !== 'INVALID_STATE_TRANSITION')];
      const row = await applicationRow(application.id);
      expect(row.awardedAmount).toBe(winner);
      expect(row.awarded).toBe(winner);
      const ledger = await ledgerOf({ applicationId: application.id });
      expect(ledger.map((entry) => entry.amount)).toEqual(winner > 0 ? [winner] : []);
      expect((await programmeRow(programme.id)).allocated).toBe(winner);
    },
  );

  it.each([1, 2, 3, 4, 5])(
    'round %i: 20 parallel payments of 3 000 öre on an award of 10 000: 3 paid, 17 GRANT_BUDGET_EXCEEDED',
    async () => {
      const programme = await test.factories.grantProgramme({
        budget: BUDGET,
        maxPerApplication: AWARD,
      });
      const application = await test.factories.grantApplication(programme, owners[1], {
        requestedAmount: AWARD,
      });
      await test.factories.decideGrant(application.id, AWARD);
      test.clock.advance(60_000);
      const paidAt = new Date(test.clock.now().getTime() - 1000).toISOString();
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          officer.client.request(RECORD_DISBURSEMENT, {
            input: {
              applicationId: application.id,
              amount: 3_000,
              paidAt,
              reference: `UB-${index}`,
            },
          }),
        ),
      );
      expect(tally(responses.map(ok))).toEqual({ OK: 3, GRANT_BUDGET_EXCEEDED: 17 });
      const payments = (await ledgerOf({ applicationId: application.id })).filter(
        (entry) => entry.kind === GrantLedgerKind.DISBURSEMENT,
      );
      expect(payments).toHaveLength(3);
      expect((await applicationRow(application.id)).disbursed).toBe(9_000);
      expect((await programmeRow(programme.id)).disbursed).toBe(9_000);
    },
  );

  it('pays many awards of one programme in parallel without false refusals', async () => {
    const { programme, applications } = await crowdedProgramme(5);
    for (const application of applications) await test.factories.decideGrant(application.id, AWARD);
    test.clock.advance(60_000);
    const paidAt = new Date(test.clock.now().getTime() - 1000).toISOString();
    const responses = await Promise.all(
      applications.flatMap((application) =>
        [1, 2].map((tranche) =>
          officer.client.request(RECORD_DISBURSEMENT, {
            input: {
              applicationId: application.id,
              amount: 5_000,
              paidAt,
              reference: `UB-${tranche}`,
            },
          }),
        ),
      ),
    );
    expect(tally(responses.map(ok))).toEqual({ OK: 10 });
    expect(await programmeRow(programme.id)).toMatchObject({
      allocated: BUDGET,
      disbursed: BUDGET,
    });
  });

  it('recovers no more than is owed when repayments are recorded at once', async () => {
    const programme = await test.factories.grantProgramme({
      budget: BUDGET,
      maxPerApplication: AWARD,
    });
    const owner = owners[2];
    const application = await test.factories.grantApplication(programme, owner, {
      requestedAmount: AWARD,
    });
    await test.factories.decideGrant(application.id, AWARD);
    test.clock.advance(60_000);
    const at = new Date(test.clock.now().getTime() - 1000).toISOString();
    await officer.client.ok(RECORD_DISBURSEMENT, {
      input: { applicationId: application.id, amount: AWARD, paidAt: at, reference: 'UB' },
    });
    const report = await test.get(FollowUpReportsService).submit(owner.admin.actor, {
      applicationId: application.id,
      outcomes: 'Hälften av aktiviteterna blev av.',
      amountSpent: 8_000,
    });
    await officer.client.ok(APPROVE_FOLLOW_UP_REPORT, { input: { reportId: report.id } });
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        officer.client.request(RECORD_RECOVERY, {
          input: {
            applicationId: application.id,
            amount: 500,
            receivedAt: at,
            reference: `IB-${index}`,
          },
        }),
      ),
    );
    expect(tally(responses.map(ok))).toEqual({ OK: 4, BAD_USER_INPUT: 6 });
    expect((await applicationRow(application.id)).recovered).toBe(2_000);
    expect((await programmeRow(programme.id)).recovered).toBe(2_000);
  });

  it('lets parallel adjustments take no more than the budget left', async () => {
    const programme = await test.factories.grantProgramme({
      budget: BUDGET,
      maxPerApplication: BUDGET,
    });
    const application = await test.factories.grantApplication(programme, owners[3], {
      requestedAmount: BUDGET,
    });
    await test.factories.decideGrant(application.id, 30_000, 'Delvis');
    // Another award leaves 10 000 of the budget; the first award could grow by 20 000 by its request.
    const other = await test.factories.grantApplication(programme, owners[7], {
      requestedAmount: 10_000,
    });
    await test.factories.decideGrant(other.id, 10_000);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        officer.client.request(RECORD_ADJUSTMENT, {
          input: { applicationId: application.id, amount: 2_000, reason: 'Tillägg' },
        }),
      ),
    );
    expect(tally(responses.map(ok))).toEqual({ OK: 5, GRANT_BUDGET_EXCEEDED: 15 });
    expect(await programmeRow(programme.id)).toMatchObject({ allocated: BUDGET });
    expect((await applicationRow(application.id)).awarded).toBe(40_000);
  });

  it('lets one organisation have one live application however many it sends at once', async () => {
    const programme = await test.factories.grantProgramme();
    const owner = owners[4];
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        owner.admin.client.request(CREATE_GRANT_APPLICATION, {
          input: {
            programmeId: programme.id,
            organisationId: owner.organisation.id,
            purpose: 'Samma ansökan skickad tio gånger',
            requestedAmount: 1_000,
            budgetLines: [{ label: 'Allt', amount: 1_000 }],
          },
        }),
      ),
    );
    expect(tally(responses.map(ok))).toEqual({ OK: 1, CONFLICT: 9 });
    expect(
      await test.dataSource
        .getRepository(GrantApplication)
        .countBy({ programmeId: programme.id, organisationId: owner.organisation.id }),
    ).toBe(1);
  });

  it.each([1, 2, 3, 4, 5])(
    'round %i: closing while the last decisions land always ends DECIDED',
    async () => {
      const programme = await test.factories.grantProgramme({
        budget: BUDGET,
        maxPerApplication: AWARD,
      });
      const first = await test.factories.grantApplication(programme, owners[5], {
        requestedAmount: AWARD,
      });
      const second = await test.factories.grantApplication(programme, owners[6], {
        requestedAmount: AWARD,
      });
      const responses = await Promise.all([
        officer.client.request(DECIDE_GRANT_APPLICATION, {
          input: { applicationId: first.id, awardedAmount: AWARD },
        }),
        officer.client.request(
          `mutation($input: GrantProgrammeIdInput!) { closeGrantProgramme(input: $input) { status } }`,
          { input: { programmeId: programme.id } },
        ),
        officer.client.request(DECIDE_GRANT_APPLICATION, {
          input: { applicationId: second.id, awardedAmount: 0, motivation: 'Avslag' },
        }),
      ]);
      expect(responses.map(ok)).toEqual(['OK', 'OK', 'OK']);
      expect((await programmeRow(programme.id)).status).toBe('DECIDED');
      expect((await applicationRow(second.id)).status).toBe(GrantApplicationStatus.REJECTED);
    },
  );

  it.each([1, 2, 3])(
    'round %i: programme-first changes (decide, withdraw, submit) racing payments, adjustments and recoveries of the same awards: every request ends in a domain outcome',
    async () => {
      const programme = await test.factories.grantProgramme({
        budget: 10 * AWARD,
        maxPerApplication: AWARD,
      });
      const awards: { owner: Owner; application: GrantApplication }[] = [];
      for (const owner of owners.slice(10, 20)) {
        const application = await test.factories.grantApplication(programme, owner, {
          requestedAmount: AWARD,
        });
        await test.factories.decideGrant(application.id, AWARD);
        awards.push({ owner, application });
      }
      test.clock.advance(60_000);
      const at = new Date(test.clock.now().getTime() - 1000).toISOString();
      // Half the awards are paid in full and reported (4 000 unspent): they take repayments.
      const reported = awards.slice(5);
      for (const { owner, application } of reported) {
        await test.factories.payGrant(application.id, AWARD);
        await test.factories.followUpReport(owner, application.id, AWARD - 4_000);
      }
      test.clock.advance(60_000);
      const receivedAt = new Date(test.clock.now().getTime() - 1000).toISOString();
      const requests: { kind: string; run: Promise<GraphQLResponse<any>> }[] = [];
      const send = (kind: string, run: Promise<GraphQLResponse<any>>) =>
        requests.push({ kind, run });
      awards.forEach(({ owner, application }, index) => {
        const applicationId = application.id;
        if (index < 5) {
          send(
            'pay',
            officer.client.request(RECORD_DISBURSEMENT, {
              input: { applicationId, amount: 3_000, paidAt: at, reference: `UB-${index}` },
            }),
          );
          send(
            'adjust',
            officer.client.request(RECORD_ADJUSTMENT, {
              input: { applicationId, amount: -1_000, reason: 'Mindre lokalhyra' },
            }),
          );
        } else {
          send(
            'recover',
            officer.client.request(RECORD_RECOVERY, {
              input: { applicationId, amount: 4_000, receivedAt, reference: `IB-${index}` },
            }),
          );
        }
        // Stale requests about the same application, twice over: each locks the programme first.
        for (let copy = 0; copy < 2; copy += 1) {
          send(
            'stale',
            officer.client.request(DECIDE_GRANT_APPLICATION, {
              input: { applicationId, awardedAmount: 1_000, motivation: 'Igen' },
            }),
          );
          send(
            'stale',
            owner.admin.client.request(WITHDRAW_GRANT_APPLICATION, { input: { applicationId } }),
          );
          send(
            'stale',
            owner.admin.client.request(SUBMIT_GRANT_APPLICATION, { input: { applicationId } }),
          );
        }
      });
      const responses = await Promise.all(requests.map((request) => request.run));
      const outcomes = (kind: string) =>
        tally(
          responses
            .filter((_, index) => requests[index].kind === kind)
            .map((response) => ok(response)),
        );
      expect(outcomes('pay')).toEqual({ OK: 5 });
      expect(outcomes('adjust')).toEqual({ OK: 5 });
      expect(outcomes('recover')).toEqual({ OK: 5 });
      expect(outcomes('stale')).toEqual({ INVALID_STATE_TRANSITION: 60 });
      expect(await programmeRow(programme.id)).toMatchObject({
        allocated: 10 * AWARD - 5 * 1_000,
        disbursed: 5 * AWARD + 5 * 3_000,
        recovered: 5 * 4_000,
      });
      await expectBooksBalance(programme.id);
    },
    120_000,
  );

  it.each([1, 2, 3, 4, 5])(
    'round %i: money racing the archiving of its programme: none moves once the programme is ARCHIVED',
    async (round) => {
      const programme = await test.factories.grantProgramme({
        budget: 4 * AWARD,
        maxPerApplication: AWARD,
      });
      // Settled: paid in full, reported, nothing owed. Released: its award lowered to nothing.
      const settled = await test.factories.grantApplication(programme, owners[20], {
        requestedAmount: AWARD,
      });
      const released = await test.factories.grantApplication(programme, owners[21], {
        requestedAmount: AWARD,
      });
      await test.factories.decideGrant(settled.id, AWARD);
      await test.factories.decideGrant(released.id, 6_000, 'Delvis');
      await officer.client.ok(CLOSE, { input: { programmeId: programme.id } });
      await test.factories.payGrant(settled.id, AWARD);
      await test.factories.followUpReport({ admin: owners[20].admin }, settled.id, AWARD);
      await officer.client.ok(RECORD_ADJUSTMENT, {
        input: { applicationId: released.id, amount: -6_000, reason: 'Projektet ställdes in' },
      });
      test.clock.advance(60_000);
      const at = new Date(test.clock.now().getTime() - 1000).toISOString();
      const archiving = () =>
        officer.client.request(ARCHIVE, { input: { programmeId: programme.id } });
      const movements = () => [
        ...[1, 2, 3].map(() =>
          officer.client.request(RECORD_ADJUSTMENT, {
            input: { applicationId: released.id, amount: 3_000, reason: 'Projektet blev av' },
          }),
        ),
        ...[1, 2].map((tranche) =>
          officer.client.request(RECORD_DISBURSEMENT, {
            input: {
              applicationId: settled.id,
              amount: 1_000,
              paidAt: at,
              reference: `UB-${tranche}`,
            },
          }),
        ),
        ...[1, 2].map((tranche) =>
          officer.client.request(RECORD_RECOVERY, {
            input: {
              applicationId: settled.id,
              amount: 1_000,
              receivedAt: at,
              reference: `IB-${tranche}`,
            },
          }),
        ),
      ];
      // Odd rounds send the archiving first, even rounds last.
      const responses =
        round % 2 === 1
          ? await Promise.all([archiving(), ...movements()])
          : await Promise.all([...movements(), archiving()]).then((all) => [
              all[all.length - 1],
              ...all.slice(0, -1),
            ]);
      const [archive, ...money] = responses;
      const outcomes = [archive, ...money].map((response) => ok(response));
      expect(outcomes.filter((outcome) => !DOMAIN_OUTCOMES.includes(outcome))).toEqual([]);
      const raised = outcomes.slice(1, 4).filter((outcome) => outcome === 'OK').length;
      // The settled award takes no more money either way.
      expect(outcomes.slice(4)).not.toContain('OK');
      const row = await programmeRow(programme.id);
      if (ok(archive) === 'OK') {
        // Archived first: every movement after it is refused, and the books are as it closed them.
        expect(row.status).toBe('ARCHIVED');
        expect(raised).toBe(0);
        expect((await applicationRow(released.id)).awarded).toBe(0);
        expect(row.allocated).toBe(AWARD);
        const archived = (await test.auditOf(programme.id)).find(
          (entry) => entry.action === 'grant_programme.archived',
        );
        expect(archived?.summary).toMatchObject({
          ...sums(await ledgerOf({ programmeId: programme.id })),
          budget: 4 * AWARD,
        });
      } else {
        // A raise landed first: the released award is live again and the books stay open.
        expect(ok(archive)).toBe('INVALID_STATE_TRANSITION');
        expect(row.status).toBe('DECIDED');
        expect(raised).toBeGreaterThan(0);
        expect((await applicationRow(released.id)).awarded).toBe(raised * 3_000);
      }
      await expectBooksBalance(programme.id);
    },
  );
});
