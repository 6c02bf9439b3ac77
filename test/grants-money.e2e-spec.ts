import { SystemRole } from '../src/common/actor';
import {
  FollowUpReport,
  GrantApplication,
  GrantJobsService,
  GrantLedgerEntry,
  GrantLedgerKind,
  GrantProgramme,
} from '../src/modules/grants';
import { Notification, NotificationKind } from '../src/modules/notifications';
import { MembershipRole, Organisation } from '../src/modules/organisations';
import { MAX_AMOUNT } from '../src/modules/grants/grants.rules';
import {
  APPROVE_FOLLOW_UP_REPORT,
  CREATE_GRANT_APPLICATION,
  CREATE_GRANT_PROGRAMME,
  DECIDE_GRANT_APPLICATION,
  RECORD_ADJUSTMENT,
  RECORD_DISBURSEMENT,
  RECORD_RECOVERY,
  RETURN_FOLLOW_UP_REPORT,
  REVIEW_GRANT_APPLICATION,
  START_GRANT_REVIEW,
  SUBMIT_FOLLOW_UP_REPORT,
  SUBMIT_GRANT_APPLICATION,
} from './support/documents';
import { SignedIn } from './support/factories';
import { codesOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const ARCHIVE = `mutation($input: GrantProgrammeIdInput!) { archiveGrantProgramme(input: $input) { id status archivedAt } }`;
const MONEY = `query($id: ID!) { grantApplication(id: $id) {
  status awarded disbursed recovered remainingAward outstandingRecovery followUpOverdue
  followUpReport { status amountSpent submissionCount returnReason reviewedBy { id } submittedBy { id } }
  programme { allocated disbursed recovered remaining }
} }`;
const LEDGER = `query($programmeId: ID!, $applicationId: ID, $first: Int, $after: String) {
  grantLedger(programmeId: $programmeId, applicationId: $applicationId, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id kind amount reference note occurredAt recordedBy { id } application { id organisation { id } } } }
  }
}`;

type Owner = { organisation: Organisation; admin: SignedIn };

describe('grants: money and follow-up', () => {
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

  const now = () => test.clock.now();
  const ago = (ms: number) => new Date(now().getTime() - ms).toISOString();
  const money = async (id: string, who: SignedIn = officer) =>
    (await who.client.ok(MONEY, { id })).grantApplication;
  const notices = (personId: string, kind: NotificationKind) =>
    test.dataSource.getRepository(Notification).findBy({ recipientPersonId: personId, kind });

  /** An award of `awarded` öre (of `requested`) in a fresh programme, decided a minute ago. */
  async function award(
    awarded = 10_000_000,
    requested = awarded,
    programmeOptions: Parameters<TestApp['factories']['grantProgramme']>[0] = {},
  ): Promise<{ programme: GrantProgramme; owner: Owner; application: GrantApplication }> {
    const programme = await test.factories.grantProgramme({
      budget: 100_000_000,
      maxPerApplication: 20_000_000,
      ...programmeOptions,
    });
    const owner = await test.factories.organisation();
    const application = await test.factories.grantApplication(programme, owner, {
      requestedAmount: requested,
    });
    await test.factories.decideGrant(application.id, awarded);
    test.clock.advance(60_000);
    return { programme, owner, application };
  }

  const pay = (
    applicationId: string,
    amount: number,
    who: SignedIn = officer,
    paidAt = ago(1000),
  ) =>
    who.client.request(RECORD_DISBURSEMENT, {
      input: { applicationId, amount, paidAt, reference: `UB-${amount}` },
    });

  const report = (owner: Owner, applicationId: string, amountSpent: number) =>
    owner.admin.client.request(SUBMIT_FOLLOW_UP_REPORT, {
      input: { applicationId, outcomes: 'Läger, läxhjälp och 40 nya medlemmar.', amountSpent },
    });

  describe('disbursements', () => {
    it('pays an award in tranches, never beyond what remains; each payment notified and audited', async () => {
      const { owner, application } = await award(10_000_000);
      const coAdmin = await test.factories.member(
        owner.organisation.id,
        owner.admin,
        MembershipRole.ORG_ADMIN,
      );
      const first = await pay(application.id, 6_000_000);
      expect(first.data?.recordDisbursement).toMatchObject({
        kind: 'DISBURSEMENT',
        amount: 6_000_000,
        reference: 'UB-6000000',
        application: { awarded: 10_000_000, disbursed: 6_000_000, remainingAward: 4_000_000 },
      });
      const over = await pay(application.id, 4_000_001);
      expect(codesOf(over)).toEqual(['GRANT_BUDGET_EXCEEDED']);
      expect(over.errors?.[0].extensions.details).toEqual({
        awarded: 10_000_000,
        disbursed: 6_000_000,
        remaining: 4_000_000,
        requested: 4_000_001,
      });
      await pay(application.id, 4_000_000);
      expect(codesOf(await pay(application.id, 1))).toEqual(['GRANT_BUDGET_EXCEEDED']);
      expect(await money(application.id)).toMatchObject({
        disbursed: 10_000_000,
        remainingAward: 0,
        programme: { allocated: 10_000_000, disbursed: 10_000_000 },
      });
      // Both ORG_ADMINs are told about each payment.
      for (const admin of [owner.admin, coAdmin]) {
        const payments = await notices(admin.person.id, NotificationKind.GRANT_PAYMENT_MADE);
        expect(payments.map((notice) => notice.data.amount).sort()).toEqual([4_000_000, 6_000_000]);
      }
      const audit = (await test.auditOf(application.id)).filter(
        (entry) => entry.action === 'grant_ledger.disbursement',
      );
      expect(audit).toHaveLength(2);
      expect(audit[0]).toMatchObject({
        actorPersonId: officer.person.id,
        summary: {
          amount: 6_000_000,
          reference: 'UB-6000000',
          before: { award: { disbursed: 0 }, programme: { disbursed: 0 } },
          after: { award: { disbursed: 6_000_000 }, programme: { disbursed: 6_000_000 } },
        },
      });
    });

    it.each([
      ['zero', 0],
      ['negative', -100],
      ['fractional', 100.5],
    ])('refuses a %s amount with BAD_USER_INPUT, recording nothing', async (_case, amount) => {
      const { application } = await award();
      expect(codesOf(await pay(application.id, amount))).toEqual(['BAD_USER_INPUT']);
      expect(
        await test.dataSource
          .getRepository(GrantLedgerEntry)
          .countBy({ applicationId: application.id, kind: GrantLedgerKind.DISBURSEMENT }),
      ).toBe(0);
    });

    it('refuses a payment dated in the future or before the decision', async () => {
      const { application } = await award();
      expect(
        codesOf(
          await pay(application.id, 1000, officer, new Date(now().getTime() + DAY).toISOString()),
        ),
      ).toEqual(['BAD_USER_INPUT']);
      expect(codesOf(await pay(application.id, 1000, officer, ago(DAY)))).toEqual([
        'BAD_USER_INPUT',
      ]);
    });

    it('takes a payment dated the second of the decision, written without milliseconds', async () => {
      const programme = await test.factories.grantProgramme({ budget: 100_000_000 });
      const application = await test.factories.grantApplication(
        programme,
        await test.factories.organisation(),
      );
      // Decided at …:…:SS.750; the payment is written as an officer types it right after.
      test.clock.set(new Date(Math.floor(now().getTime() / 1000) * 1000 + 750));
      const decided = await test.factories.decideGrant(application.id, 1_000_000);
      const second = new Date(Math.floor(decided.decidedAt!.getTime() / 1000) * 1000);
      expect(second.getTime()).toBeLessThan(decided.decidedAt!.getTime());
      const before = new Date(second.getTime() - 1000).toISOString().replace('.000Z', 'Z');
      const refused = await pay(application.id, 1000, officer, before);
      expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
      const typed = second.toISOString().replace('.000Z', 'Z');
      expect((await pay(application.id, 1000, officer, typed)).errors).toBeUndefined();
      test.clock.reset();
    });

    it('pays only decided awards: not a rejected, undecided or withdrawn application', async () => {
      const programme = await test.factories.grantProgramme();
      const rejected = await test.factories.grantApplication(
        programme,
        await test.factories.organisation(),
      );
      await test.factories.decideGrant(rejected.id, 0, 'Avslag');
      const undecided = await test.factories.grantApplication(
        programme,
        await test.factories.organisation(),
      );
      for (const id of [rejected.id, undecided.id]) {
        expect(codesOf(await pay(id, 1000))).toEqual(['INVALID_STATE_TRANSITION']);
      }
    });

    it('lets only impartial municipal officers pay', async () => {
      const { owner, application } = await award();
      expect(codesOf(await pay(application.id, 1000, owner.admin))).toEqual(['FORBIDDEN']);
      const insider = await test.factories.member(
        owner.organisation.id,
        owner.admin,
        MembershipRole.VOLUNTEER,
        { systemRole: SystemRole.MUNICIPAL_OFFICER },
      );
      expect(codesOf(await pay(application.id, 1000, insider))).toEqual(['CONFLICT_OF_INTEREST']);
      expect((await money(application.id)).disbursed).toBe(0);
    });

    it('takes payments while the follow-up report is submitted or returned, none once it is approved', async () => {
      const { owner, application } = await award(10_000_000);
      await pay(application.id, 4_000_000);
      const submitted = (await report(owner, application.id, 4_000_000)).data?.submitFollowUpReport;
      expect(codesOf(await pay(application.id, 1_000_000))).toEqual([]);
      await officer.client.ok(RETURN_FOLLOW_UP_REPORT, {
        input: { reportId: submitted.id, reason: 'Kvitton saknas.' },
      });
      expect(codesOf(await pay(application.id, 1_000_000))).toEqual([]);
      await report(owner, application.id, 6_000_000);
      await officer.client.ok(APPROVE_FOLLOW_UP_REPORT, { input: { reportId: submitted.id } });
      // Approved: the award is accounted for; a payment now would only become a claim.
      const refused = await pay(application.id, 1_000_000);
      expect(codesOf(refused)).toEqual(['INVALID_STATE_TRANSITION']);
      expect(refused.errors?.[0].extensions.details).toMatchObject({
        followUpReportStatus: 'APPROVED',
        to: 'DISBURSEMENT',
      });
      expect(await money(application.id)).toMatchObject({
        disbursed: 6_000_000,
        remainingAward: 4_000_000,
        outstandingRecovery: 0,
      });
      expect(
        await test.dataSource
          .getRepository(GrantLedgerEntry)
          .countBy({ applicationId: application.id, kind: GrantLedgerKind.DISBURSEMENT }),
      ).toBe(3);
    });
  });

  describe('follow-up reports and recovery', () => {
    it('is submitted, returned with a reason, corrected, approved; the unspent money is then recovered', async () => {
      const { owner, application } = await award(10_000_000);
      await pay(application.id, 10_000_000);
      const volunteer = await test.factories.member(owner.organisation.id, owner.admin);
      expect(codesOf(await report({ ...owner, admin: volunteer }, application.id, 1))).toEqual([
        'FORBIDDEN',
      ]);
      expect(codesOf(await report(owner, application.id, 10_000_001))).toEqual(['BAD_USER_INPUT']);
      const submitted = (await report(owner, application.id, 9_000_000)).data?.submitFollowUpReport;
      expect(submitted).toMatchObject({ status: 'SUBMITTED', submissionCount: 1 });
      // Nothing to recover before the report is approved.
      const recover = (amount: number) =>
        officer.client.request(RECORD_RECOVERY, {
          input: {
            applicationId: application.id,
            amount,
            receivedAt: ago(1000),
            reference: 'IB-1',
          },
        });
      expect(codesOf(await recover(1_000_000))).toEqual(['INVALID_STATE_TRANSITION']);
      expect(codesOf(await report(owner, application.id, 9_000_000))).toEqual([
        'INVALID_STATE_TRANSITION',
      ]);

      const { returnFollowUpReport } = await officer.client.ok(RETURN_FOLLOW_UP_REPORT, {
        input: { reportId: submitted.id, reason: 'Kvitton för lägret saknas.' },
      });
      expect(returnFollowUpReport).toMatchObject({
        status: 'RETURNED',
        returnReason: 'Kvitton för lägret saknas.',
      });
      const returned = await notices(owner.admin.person.id, NotificationKind.FOLLOW_UP_RETURNED);
      expect(returned).toHaveLength(1);
      expect(returned[0].body).toMatch(/Kvitton för lägret saknas/);
      expect(
        await officer.client.code(APPROVE_FOLLOW_UP_REPORT, { input: { reportId: submitted.id } }),
      ).toBe('INVALID_STATE_TRANSITION');

      const corrected = (await report(owner, application.id, 8_000_000)).data?.submitFollowUpReport;
      expect(corrected).toMatchObject({
        id: submitted.id,
        status: 'SUBMITTED',
        submissionCount: 2,
      });
      await officer.client.ok(APPROVE_FOLLOW_UP_REPORT, { input: { reportId: submitted.id } });
      expect(codesOf(await report(owner, application.id, 8_000_000))).toEqual([
        'INVALID_STATE_TRANSITION',
      ]);
      expect(await money(application.id, owner.admin)).toMatchObject({
        outstandingRecovery: 2_000_000,
        followUpReport: {
          status: 'APPROVED',
          amountSpent: 8_000_000,
          reviewedBy: { id: officer.person.id },
        },
      });

      // Never more than is owed, in parts if need be.
      expect(codesOf(await recover(2_000_001))).toEqual(['BAD_USER_INPUT']);
      const part = await recover(500_000);
      expect(part.data?.recordRecovery).toMatchObject({
        kind: 'RECOVERY',
        amount: 500_000,
        application: { recovered: 500_000, outstandingRecovery: 1_500_000 },
      });
      await recover(1_500_000);
      expect(codesOf(await recover(1))).toEqual(['BAD_USER_INPUT']);
      expect(await money(application.id)).toMatchObject({
        recovered: 2_000_000,
        outstandingRecovery: 0,
        programme: { recovered: 2_000_000 },
      });
      const actions = (await test.auditOf(application.id)).map((entry) => entry.action);
      expect(actions.slice(-6)).toEqual([
        'grant_follow_up.submitted',
        'grant_follow_up.returned',
        'grant_follow_up.resubmitted',
        'grant_follow_up.approved',
        'grant_ledger.recovery',
        'grant_ledger.recovery',
      ]);
    });

    it('refuses a negative or fractional amount spent or recovered with BAD_USER_INPUT', async () => {
      const { owner, application } = await award(1_000_000);
      await pay(application.id, 1_000_000);
      expect(codesOf(await report(owner, application.id, -1))).toEqual(['BAD_USER_INPUT']);
      expect(codesOf(await report(owner, application.id, 500_000.5))).toEqual(['BAD_USER_INPUT']);
      expect(
        await test.dataSource
          .getRepository(FollowUpReport)
          .countBy({ applicationId: application.id }),
      ).toBe(0);
      await test.factories.followUpReport(owner, application.id, 500_000);
      for (const amount of [0, -1, 0.5]) {
        expect(
          await officer.client.code(RECORD_RECOVERY, {
            input: {
              applicationId: application.id,
              amount,
              receivedAt: ago(1000),
              reference: 'IB',
            },
          }),
        ).toBe('BAD_USER_INPUT');
      }
      expect((await money(application.id)).recovered).toBe(0);
    });

    it('dates a repayment between the first payment and now (BAD_USER_INPUT otherwise)', async () => {
      const { owner, application } = await award(1_000_000);
      const decidedAt = ago(30_000);
      const paidAt = ago(10_000);
      await pay(application.id, 600_000, officer, paidAt);
      test.clock.advance(60_000);
      await pay(application.id, 400_000, officer, ago(1000));
      await test.factories.followUpReport(owner, application.id, 500_000);
      const recover = (receivedAt: string) =>
        officer.client.request(RECORD_RECOVERY, {
          input: { applicationId: application.id, amount: 100_000, receivedAt, reference: 'IB' },
        });
      for (const receivedAt of [
        '2001-01-01T00:00:00Z',
        decidedAt,
        new Date(new Date(paidAt).getTime() - 1).toISOString(),
        new Date(now().getTime() + HOUR).toISOString(),
      ]) {
        const refused = await recover(receivedAt);
        expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
        expect(refused.errors?.[0].extensions.details).toEqual({
          fields: { receivedAt: [expect.any(String)] },
        });
      }
      expect((await money(application.id)).recovered).toBe(0);
      // At the first payment itself, and between the payments, it is fine.
      expect(codesOf(await recover(paidAt))).toEqual([]);
      expect(codesOf(await recover(ago(30_000)))).toEqual([]);
      expect((await money(application.id)).recovered).toBe(200_000);
    });

    it('lets only impartial municipal officers approve, return and recover', async () => {
      const { owner, application } = await award(1_000_000);
      await pay(application.id, 1_000_000);
      const insider = await test.factories.member(
        owner.organisation.id,
        owner.admin,
        MembershipRole.VOLUNTEER,
        { systemRole: SystemRole.MUNICIPAL_OFFICER },
      );
      const submitted = (await report(owner, application.id, 700_000)).data?.submitFollowUpReport;
      expect(
        await insider.client.code(APPROVE_FOLLOW_UP_REPORT, { input: { reportId: submitted.id } }),
      ).toBe('CONFLICT_OF_INTEREST');
      expect(
        await insider.client.code(RETURN_FOLLOW_UP_REPORT, {
          input: { reportId: submitted.id, reason: 'Egen förening' },
        }),
      ).toBe('CONFLICT_OF_INTEREST');
      expect((await money(application.id)).followUpReport).toMatchObject({
        status: 'SUBMITTED',
        reviewedBy: null,
      });
      await officer.client.ok(APPROVE_FOLLOW_UP_REPORT, { input: { reportId: submitted.id } });
      expect(
        await insider.client.code(RECORD_RECOVERY, {
          input: {
            applicationId: application.id,
            amount: 300_000,
            receivedAt: ago(1000),
            reference: 'IB',
          },
        }),
      ).toBe('CONFLICT_OF_INTEREST');
      expect(await money(application.id)).toMatchObject({
        recovered: 0,
        outstandingRecovery: 300_000,
      });
      const actions = (await test.auditOf(application.id)).map((entry) => entry.action);
      expect(actions.filter((action) => action.startsWith('grant_follow_up.'))).toEqual([
        'grant_follow_up.submitted',
        'grant_follow_up.approved',
      ]);
      expect(actions).not.toContain('grant_ledger.recovery');
    });

    it('is only for awards: a rejected application has nothing to report', async () => {
      const programme = await test.factories.grantProgramme();
      const owner = await test.factories.organisation();
      const rejected = await test.factories.grantApplication(programme, owner);
      await test.factories.decideGrant(rejected.id, 0, 'Avslag');
      expect(codesOf(await report(owner, rejected.id, 0))).toEqual(['INVALID_STATE_TRANSITION']);
    });

    it('blocks new applications while a report is overdue (FOLLOW_UP_OVERDUE) until it is approved', async () => {
      const { owner, application, programme } = await award(5_000_000);
      const next = await test.factories.grantProgramme({
        closesAt: new Date(now().getTime() + 400 * DAY),
      });
      const draft = await test.factories.grantApplication(next, owner, { stage: 'DRAFT' });
      const apply = (target: GrantProgramme) =>
        owner.admin.client.request(CREATE_GRANT_APPLICATION, {
          input: {
            programmeId: target.id,
            organisationId: owner.organisation.id,
            purpose: 'Nästa års verksamhet för barn och unga',
            requestedAmount: 1_000_000,
            budgetLines: [{ label: 'Verksamhet', amount: 1_000_000 }],
          },
        });
      expect((await money(application.id, owner.admin)).followUpOverdue).toBe(false);
      // Past the due date without a report.
      test.clock.set(new Date(programme.followUpDueAt.getTime() + HOUR));
      expect((await money(application.id, owner.admin)).followUpOverdue).toBe(true);
      const refused = await owner.admin.client.request(SUBMIT_GRANT_APPLICATION, {
        input: { applicationId: draft.id },
      });
      expect(codesOf(refused)).toEqual(['FOLLOW_UP_OVERDUE']);
      expect(refused.errors?.[0].extensions.details).toEqual({ applicationIds: [application.id] });
      const third = await test.factories.grantProgramme({
        closesAt: new Date(now().getTime() + 30 * DAY),
      });
      expect(codesOf(await apply(third))).toEqual(['FOLLOW_UP_OVERDUE']);
      // A submitted report waiting for the officer is not yet an approved one.
      const submitted = (await report(owner, application.id, 5_000_000)).data?.submitFollowUpReport;
      expect(codesOf(await apply(third))).toEqual(['FOLLOW_UP_OVERDUE']);
      await officer.client.ok(APPROVE_FOLLOW_UP_REPORT, { input: { reportId: submitted.id } });
      expect((await money(application.id, owner.admin)).followUpOverdue).toBe(false);
      expect(codesOf(await apply(third))).toEqual([]);
      await owner.admin.client.ok(SUBMIT_GRANT_APPLICATION, { input: { applicationId: draft.id } });
      // Another organisation was never blocked.
      const other = await test.factories.organisation();
      await test.factories.grantApplication(third, other, { stage: 'SUBMITTED' });
    });

    it('reminds the organisation once before the report is due, not when it is in', async () => {
      const closesAt = new Date(now().getTime() + 10 * DAY);
      const followUpDueAt = new Date(now().getTime() + 100 * DAY);
      const reminded = await award(1_000_000, 1_000_000, { closesAt, followUpDueAt });
      const reported = await award(1_000_000, 1_000_000, { closesAt, followUpDueAt });
      await report(reported.owner, reported.application.id, 1_000_000);
      const jobs = test.get(GrantJobsService);
      const due = () => notices(reminded.owner.admin.person.id, NotificationKind.FOLLOW_UP_DUE);
      await jobs.sendFollowUpReminders();
      expect(await due()).toHaveLength(0);
      // GRANT_FOLLOW_UP_REMINDER_DAYS (14) before the due date.
      test.clock.set(new Date(followUpDueAt.getTime() - 13 * DAY));
      await jobs.sendFollowUpReminders();
      await jobs.sendFollowUpReminders();
      const sent = await due();
      expect(sent).toHaveLength(1);
      expect(sent[0].data).toMatchObject({ applicationId: reminded.application.id });
      expect(
        await notices(reported.owner.admin.person.id, NotificationKind.FOLLOW_UP_DUE),
      ).toHaveLength(0);
      test.clock.set(new Date(followUpDueAt.getTime() + DAY));
      await jobs.sendFollowUpReminders();
      expect(await due()).toHaveLength(1);
    });
  });

  describe('adjustments', () => {
    it('corrects an award up within the budget and the requested amount, down not below what is paid', async () => {
      const { programme, application } = await award(6_000_000, 8_000_000, {
        budget: 10_000_000,
        maxPerApplication: 10_000_000,
      });
      const adjust = (amount: number, reason = 'Räknefel i beslutet') =>
        officer.client.request(RECORD_ADJUSTMENT, {
          input: { applicationId: application.id, amount, reason },
        });
      const up = await adjust(1_500_000);
      expect(up.data?.recordAdjustment).toMatchObject({
        kind: 'ADJUSTMENT',
        amount: 1_500_000,
        note: 'Räknefel i beslutet',
        application: { awarded: 7_500_000 },
      });
      // Beyond what was requested.
      expect(codesOf(await adjust(500_001))).toEqual(['BAD_USER_INPUT']);
      // Another award takes the rest of the budget; then an increase no longer fits.
      const other = await test.factories.grantApplication(
        programme,
        await test.factories.organisation(),
        { requestedAmount: 2_500_000 },
      );
      await test.factories.decideGrant(other.id, 2_500_000);
      expect(codesOf(await adjust(100_000))).toEqual(['GRANT_BUDGET_EXCEEDED']);
      // Down, but not below what has been paid.
      await pay(application.id, 5_000_000);
      expect(codesOf(await adjust(-2_500_001))).toEqual(['BAD_USER_INPUT']);
      await adjust(-2_500_000, 'Lägret blev inställt');
      expect(codesOf(await adjust(0))).toEqual(['BAD_USER_INPUT']);
      expect(codesOf(await adjust(1.5))).toEqual(['BAD_USER_INPUT']);
      expect(await money(application.id)).toMatchObject({
        awarded: 5_000_000,
        disbursed: 5_000_000,
        remainingAward: 0,
        programme: { allocated: 7_500_000, remaining: 2_500_000 },
      });
      // The decision itself is as it was.
      const decision = await officer.client.ok(
        `query($id: ID!) { grantApplication(id: $id) { status decision { awardedAmount } } }`,
        { id: application.id },
      );
      expect(decision.grantApplication).toEqual({
        status: 'PARTIALLY_APPROVED',
        decision: { awardedAmount: 6_000_000 },
      });
    });

    it('lets only impartial municipal officers adjust an award', async () => {
      const { owner, application } = await award(1_000_000, 2_000_000);
      const insider = await test.factories.member(
        owner.organisation.id,
        owner.admin,
        MembershipRole.VOLUNTEER,
        { systemRole: SystemRole.MUNICIPAL_OFFICER },
      );
      for (const amount of [500_000, -500_000]) {
        expect(
          await insider.client.code(RECORD_ADJUSTMENT, {
            input: { applicationId: application.id, amount, reason: 'Egen förening' },
          }),
        ).toBe('CONFLICT_OF_INTEREST');
      }
      expect((await money(application.id)).awarded).toBe(1_000_000);
      expect(
        (await test.auditOf(application.id)).filter(
          (entry) => entry.action === 'grant_ledger.adjustment',
        ),
      ).toEqual([]);
    });

    it('raises an award only until its follow-up report is approved; lowering it stays possible', async () => {
      const { owner, application } = await award(1_000_000, 2_000_000);
      await pay(application.id, 600_000);
      await test.factories.followUpReport(owner, application.id, 600_000);
      const adjust = (amount: number) =>
        officer.client.request(RECORD_ADJUSTMENT, {
          input: { applicationId: application.id, amount, reason: 'Efter återrapporten' },
        });
      expect(codesOf(await adjust(100_000))).toEqual(['INVALID_STATE_TRANSITION']);
      expect(codesOf(await adjust(-400_000))).toEqual([]);
      expect(await money(application.id)).toMatchObject({ awarded: 600_000, remainingAward: 0 });
    });
  });

  describe('large amounts', () => {
    it('carries amounts above 2^31 öre through GraphQL exactly, up to MAX_AMOUNT', async () => {
      const at = (ms: number) => new Date(now().getTime() + ms).toISOString();
      const programmeInput = {
        name: 'Storstadssatsningen',
        fiscalYear: 2027,
        budget: 10_000_000_000,
        eligibleKinds: ['VOLUNTARY_ASSOCIATION'],
        opensAt: at(-HOUR),
        closesAt: at(30 * DAY),
        maxPerApplication: 5_000_000_000,
        followUpDueAt: at(300 * DAY),
        criteria: [{ name: 'Nytta', weight: 1 }],
      };
      // 1 000 000 000 kr is the most any amount may be: one öre more is refused.
      expect(
        await officer.client.code(CREATE_GRANT_PROGRAMME, {
          input: { ...programmeInput, budget: MAX_AMOUNT + 1 },
        }),
      ).toBe('BAD_USER_INPUT');
      const { createGrantProgramme } = await officer.client.ok(CREATE_GRANT_PROGRAMME, {
        input: programmeInput,
      });
      expect(createGrantProgramme).toMatchObject({
        budget: 10_000_000_000,
        maxPerApplication: 5_000_000_000,
        remaining: 10_000_000_000,
      });
      const programmeId = createGrantProgramme.id;
      await officer.client.ok(
        `mutation($input: GrantProgrammeIdInput!) { openGrantProgramme(input: $input) { status } }`,
        { input: { programmeId } },
      );
      const owner = await test.factories.organisation();
      const { createGrantApplication } = await owner.admin.client.ok(CREATE_GRANT_APPLICATION, {
        input: {
          programmeId,
          organisationId: owner.organisation.id,
          purpose: 'Ett nytt aktivitetshus för hela stadsdelen',
          requestedAmount: 4_294_967_297,
          budgetLines: [
            { label: 'Bygget', amount: 4_000_000_000 },
            { label: 'Inredning', amount: 294_967_297 },
          ],
        },
      });
      expect(createGrantApplication.requestedAmount).toBe(4_294_967_297);
      const applicationId = createGrantApplication.id;
      await owner.admin.client.ok(SUBMIT_GRANT_APPLICATION, { input: { applicationId } });
      await officer.client.ok(START_GRANT_REVIEW, { input: { applicationId } });
      await officer.client.ok(REVIEW_GRANT_APPLICATION, {
        input: { applicationId, scores: [{ criterion: 'Nytta', score: 5 }], comment: 'Stort.' },
      });
      await officer.client.ok(DECIDE_GRANT_APPLICATION, {
        input: {
          applicationId,
          awardedAmount: 3_000_000_001,
          motivation: 'Inredningen ingår inte',
        },
      });
      test.clock.advance(60_000);
      const paid = await pay(applicationId, 2_147_483_649);
      expect(paid.data?.recordDisbursement).toMatchObject({
        amount: 2_147_483_649,
        application: {
          awarded: 3_000_000_001,
          disbursed: 2_147_483_649,
          remainingAward: 852_516_352,
        },
      });
      expect(codesOf(await pay(applicationId, 852_516_353))).toEqual(['GRANT_BUDGET_EXCEEDED']);
      expect(await money(applicationId)).toMatchObject({
        awarded: 3_000_000_001,
        disbursed: 2_147_483_649,
        programme: {
          allocated: 3_000_000_001,
          disbursed: 2_147_483_649,
          remaining: 6_999_999_999,
        },
      });
      const { grantLedger } = await officer.client.ok(LEDGER, { programmeId });
      expect(grantLedger.edges.map((edge: any) => [edge.node.kind, edge.node.amount])).toEqual([
        ['ALLOCATION', 3_000_000_001],
        ['DISBURSEMENT', 2_147_483_649],
      ]);
      const decision = await owner.admin.client.ok(
        `query($id: ID!) { grantApplication(id: $id) { decision { awardedAmount } budgetLines { amount } } }`,
        { id: applicationId },
      );
      expect(decision.grantApplication).toEqual({
        decision: { awardedAmount: 3_000_000_001 },
        budgetLines: [{ amount: 4_000_000_000 }, { amount: 294_967_297 }],
      });
    });
  });

  describe('the ledger', () => {
    it('shows officers every entry, an organisation its own, others nothing', async () => {
      const { programme, owner, application } = await award(4_000_000);
      await pay(application.id, 1_000_000);
      const other = await test.factories.grantApplication(
        programme,
        await test.factories.organisation(),
        { requestedAmount: 1_000_000 },
      );
      await test.factories.decideGrant(other.id, 1_000_000);
      const entries = async (who: SignedIn, applicationId?: string) =>
        (
          await who.client.ok(LEDGER, { programmeId: programme.id, applicationId })
        ).grantLedger.edges.map((edge: any) => [edge.node.kind, edge.node.amount]);
      expect(await entries(officer)).toEqual([
        ['ALLOCATION', 4_000_000],
        ['DISBURSEMENT', 1_000_000],
        ['ALLOCATION', 1_000_000],
      ]);
      expect(await entries(officer, other.id)).toEqual([['ALLOCATION', 1_000_000]]);
      const volunteer = await test.factories.member(owner.organisation.id, owner.admin);
      expect(await entries(volunteer)).toEqual([
        ['ALLOCATION', 4_000_000],
        ['DISBURSEMENT', 1_000_000],
      ]);
      const stranger = await test.factories.organisation();
      expect(await entries(stranger.admin)).toEqual([]);
      const { grantLedger } = await officer.client.ok(LEDGER, {
        programmeId: programme.id,
        first: 2,
      });
      expect(grantLedger.totalCount).toBe(3);
      expect(grantLedger.pageInfo.hasNextPage).toBe(true);
      const rest = await officer.client.ok(LEDGER, {
        programmeId: programme.id,
        first: 2,
        after: grantLedger.pageInfo.endCursor,
      });
      expect(rest.grantLedger.edges).toHaveLength(1);
      expect(grantLedger.edges[0].node.recordedBy.id).toBeDefined();
    });

    it('is append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused', async () => {
      const { application } = await award(1_000_000);
      const entries = test.dataSource.getRepository(GrantLedgerEntry);
      const entry = await entries.findOneByOrFail({ applicationId: application.id });
      await expect(entries.update({ id: entry.id }, { amount: 1 })).rejects.toThrow(/append-only/);
      await expect(entries.delete({ id: entry.id })).rejects.toThrow(/append-only/);
      // Nor a DELETE of every row, nor (on PostgreSQL, where it exists) TRUNCATE.
      await expect(test.dataSource.query('DELETE FROM "grant_ledger_entries"')).rejects.toThrow(
        /append-only/,
      );
      if (test.dataSource.options.type === 'postgres') {
        await expect(test.dataSource.query('TRUNCATE "grant_ledger_entries"')).rejects.toThrow(
          /append-only/,
        );
      }
      expect((await entries.findOneByOrFail({ id: entry.id })).amount).toBe(1_000_000);
      expect(await entries.countBy({ applicationId: application.id })).toBe(1);
    });

    it('keeps every total equal to the sum of the ledger after a mix of movements', async () => {
      const programme = await test.factories.grantProgramme({
        budget: 30_000_000,
        maxPerApplication: 10_000_000,
      });
      const owners: Owner[] = [];
      const applications: GrantApplication[] = [];
      for (let index = 0; index < 4; index += 1) {
        owners.push(await test.factories.organisation());
        applications.push(
          await test.factories.grantApplication(programme, owners[index], {
            requestedAmount: 10_000_000,
          }),
        );
      }
      await test.factories.decideGrant(applications[0].id, 10_000_000);
      await test.factories.decideGrant(applications[1].id, 7_000_000);
      await test.factories.decideGrant(applications[2].id, 0, 'Avslag');
      await test.factories.decideGrant(applications[3].id, 9_000_000);
      test.clock.advance(60_000);
      await pay(applications[0].id, 6_000_000);
      await pay(applications[0].id, 4_000_000);
      await pay(applications[1].id, 7_000_000);
      await pay(applications[3].id, 3_000_000);
      await officer.client.ok(RECORD_ADJUSTMENT, {
        input: { applicationId: applications[3].id, amount: -4_000_000, reason: 'Mindre projekt' },
      });
      await officer.client.ok(RECORD_ADJUSTMENT, {
        input: { applicationId: applications[1].id, amount: 1_000_000, reason: 'Räknefel' },
      });
      const { submitFollowUpReport } = (await report(owners[0], applications[0].id, 7_500_000))
        .data as any;
      await officer.client.ok(APPROVE_FOLLOW_UP_REPORT, {
        input: { reportId: submitFollowUpReport.id },
      });
      await officer.client.ok(RECORD_RECOVERY, {
        input: {
          applicationId: applications[0].id,
          amount: 2_000_000,
          receivedAt: ago(1000),
          reference: 'IB-7',
        },
      });
      // Refused movements leave no trace.
      expect(codesOf(await pay(applications[3].id, 2_000_001))).toEqual(['GRANT_BUDGET_EXCEEDED']);
      expect(
        await officer.client.code(RECORD_ADJUSTMENT, {
          input: { applicationId: applications[1].id, amount: 9_000_000, reason: 'För mycket' },
        }),
      ).toBe('BAD_USER_INPUT');

      const sums = async (column: 'programmeId' | 'applicationId', id: string) => {
        const rows: { kind: string; total: string | number }[] = await test.dataSource
          .getRepository(GrantLedgerEntry)
          .createQueryBuilder('entry')
          .select('entry.kind', 'kind')
          .addSelect('SUM(entry.amount)', 'total')
          .where(`entry.${column} = :id`, { id })
          .groupBy('entry.kind')
          .getRawMany();
        const of = (...kinds: string[]) =>
          rows
            .filter((row) => kinds.includes(row.kind))
            .reduce((total, row) => total + Number(row.total), 0);
        return {
          allocated: of('ALLOCATION', 'ADJUSTMENT'),
          disbursed: of('DISBURSEMENT'),
          recovered: of('RECOVERY'),
        };
      };
      const ledger = await sums('programmeId', programme.id);
      expect(ledger).toEqual({
        allocated: 23_000_000,
        disbursed: 20_000_000,
        recovered: 2_000_000,
      });
      const storedProgramme = await test.dataSource
        .getRepository(GrantProgramme)
        .findOneByOrFail({ id: programme.id });
      expect({
        allocated: storedProgramme.allocated,
        disbursed: storedProgramme.disbursed,
        recovered: storedProgramme.recovered,
      }).toEqual(ledger);
      const { grantProgramme } = await officer.client.ok(
        `query($id: ID!) { grantProgramme(id: $id) { budget allocated disbursed recovered remaining } }`,
        { id: programme.id },
      );
      expect(grantProgramme).toEqual({
        budget: 30_000_000,
        ...ledger,
        remaining: 30_000_000 - ledger.allocated,
      });
      for (const application of applications) {
        const expected = await sums('applicationId', application.id);
        const row = await test.dataSource
          .getRepository(GrantApplication)
          .findOneByOrFail({ id: application.id });
        expect({
          allocated: row.awarded,
          disbursed: row.disbursed,
          recovered: row.recovered,
        }).toEqual(expected);
        const seen = await money(application.id);
        expect({
          allocated: seen.awarded,
          disbursed: seen.disbursed,
          recovered: seen.recovered,
        }).toEqual(expected);
        expect(seen.remainingAward).toBe(expected.allocated - expected.disbursed);
      }
      // And the programme's totals are the sums of its applications'.
      const perApplication = await Promise.all(
        applications.map((application) => sums('applicationId', application.id)),
      );
      expect(perApplication.reduce((total, sum) => total + sum.allocated, 0)).toBe(
        ledger.allocated,
      );
    });
  });

  describe('archiving', () => {
    it('closes the books only when every award is reported and nothing is owed; then nothing moves', async () => {
      const { programme, owner, application } = await award(4_000_000, 4_000_000, {
        closesAt: new Date(now().getTime() + DAY),
      });
      await pay(application.id, 4_000_000);
      await officer.client.ok(
        `mutation($input: GrantProgrammeIdInput!) { closeGrantProgramme(input: $input) { status } }`,
        { input: { programmeId: programme.id } },
      );
      const archive = () =>
        officer.client.request(ARCHIVE, { input: { programmeId: programme.id } });
      const unreported = await archive();
      expect(codesOf(unreported)).toEqual(['INVALID_STATE_TRANSITION']);
      expect(unreported.errors?.[0].extensions.details).toMatchObject({
        withoutApprovedReport: [application.id],
      });
      const { submitFollowUpReport } = (await report(owner, application.id, 3_000_000)).data as any;
      await officer.client.ok(APPROVE_FOLLOW_UP_REPORT, {
        input: { reportId: submitFollowUpReport.id },
      });
      const owing = await archive();
      expect(codesOf(owing)).toEqual(['INVALID_STATE_TRANSITION']);
      expect(owing.errors?.[0].extensions.details).toMatchObject({
        owingRecovery: [application.id],
      });
      await officer.client.ok(RECORD_RECOVERY, {
        input: {
          applicationId: application.id,
          amount: 1_000_000,
          receivedAt: ago(1000),
          reference: 'IB-9',
        },
      });
      const archived = await archive();
      expect(archived.data?.archiveGrantProgramme.status).toBe('ARCHIVED');
      expect(
        await officer.client.code(RECORD_ADJUSTMENT, {
          input: { applicationId: application.id, amount: -1, reason: 'Efteråt' },
        }),
      ).toBe('INVALID_STATE_TRANSITION');
      expect(codesOf(await archive())).toEqual(['INVALID_STATE_TRANSITION']);
      expect(
        await test.dataSource
          .getRepository(FollowUpReport)
          .countBy({ applicationId: application.id }),
      ).toBe(1);
    });

    it('refuses while an award has an unpaid rest, naming it; a negative adjustment releases it to the budget', async () => {
      const { programme, owner, application } = await award(10_000_000, 10_000_000, {
        budget: 50_000_000,
        closesAt: new Date(now().getTime() + DAY),
      });
      await officer.client.ok(
        `mutation($input: GrantProgrammeIdInput!) { closeGrantProgramme(input: $input) { status } }`,
        { input: { programmeId: programme.id } },
      );
      await pay(application.id, 4_000_000);
      await test.factories.followUpReport(owner, application.id, 4_000_000);
      const archive = () =>
        officer.client.request(ARCHIVE, { input: { programmeId: programme.id } });
      const refused = await archive();
      expect(codesOf(refused)).toEqual(['INVALID_STATE_TRANSITION']);
      expect(refused.errors?.[0].extensions.details).toEqual({
        from: 'DECIDED',
        to: 'ARCHIVED',
        withoutApprovedReport: [],
        unpaidAwards: [
          {
            applicationId: application.id,
            awarded: 10_000_000,
            disbursed: 4_000_000,
            remaining: 6_000_000,
          },
        ],
        owingRecovery: [],
      });
      expect((await money(application.id)).programme).toMatchObject({
        allocated: 10_000_000,
        remaining: 40_000_000,
      });
      // The officer releases the unpaid rest: the award shrinks to what was paid, the budget frees.
      const release = await officer.client.ok(RECORD_ADJUSTMENT, {
        input: {
          applicationId: application.id,
          amount: -6_000_000,
          reason: 'Resten betalas inte ut',
        },
      });
      expect(release.recordAdjustment).toMatchObject({ kind: 'ADJUSTMENT', amount: -6_000_000 });
      expect(await money(application.id)).toMatchObject({
        awarded: 4_000_000,
        disbursed: 4_000_000,
        remainingAward: 0,
        outstandingRecovery: 0,
        programme: { allocated: 4_000_000, disbursed: 4_000_000, remaining: 46_000_000 },
      });
      const archived = await archive();
      expect(archived.data?.archiveGrantProgramme.status).toBe('ARCHIVED');
      // Closing the books is audited: who, when, and the totals they closed at.
      const entries = await test.auditOf(programme.id);
      const closing = entries.filter((entry) => entry.action === 'grant_programme.archived');
      expect(closing).toHaveLength(1);
      expect(closing[0]).toMatchObject({
        actorPersonId: officer.person.id,
        entityType: 'GrantProgramme',
        summary: {
          before: { status: 'DECIDED' },
          after: { status: 'ARCHIVED' },
          budget: 50_000_000,
          allocated: 4_000_000,
          disbursed: 4_000_000,
          recovered: 0,
        },
      });
      // Afterwards no money moves at all.
      expect(codesOf(await pay(application.id, 1))).toEqual(['INVALID_STATE_TRANSITION']);
      for (const amount of [1, -1]) {
        expect(
          await officer.client.code(RECORD_ADJUSTMENT, {
            input: { applicationId: application.id, amount, reason: 'Efteråt' },
          }),
        ).toBe('INVALID_STATE_TRANSITION');
      }
    });
  });
});
