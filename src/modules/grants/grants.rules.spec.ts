import { FollowUpReportStatus } from './entities/follow-up-report.entity';
import { GrantApplicationStatus } from './entities/grant-application.entity';
import { GrantProgrammeStatus } from './entities/grant-programme.entity';
import {
  applicationAmountProblems,
  archiveBlockers,
  applicationWindowOpen,
  canChangeProgramme,
  decisionProblems,
  draftsAccepted,
  followUpOverdue,
  formatKronor,
  hasArchiveBlockers,
  meanScore,
  outstandingRecovery,
  programmeShapeProblems,
  scoreProblems,
  statusForAward,
  weightedScore,
} from './grants.rules';

const DAY = 24 * 3600_000;
const at = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * DAY);

describe('programme terms', () => {
  const terms = {
    budget: 1_000_000,
    maxPerApplication: 100_000,
    opensAt: at(0),
    closesAt: at(30),
    followUpDueAt: at(400),
    criteria: [
      { name: 'Barn och unga', weight: 2 },
      { name: 'Trygghet', weight: 1 },
    ],
    eligibleKinds: ['VOLUNTARY_ASSOCIATION'],
  };

  it('accepts terms that hold together', () => {
    expect(programmeShapeProblems(terms)).toEqual({});
  });

  it.each([
    ['maxPerApplication', { maxPerApplication: 1_000_001 }],
    ['closesAt', { closesAt: at(0) }],
    ['followUpDueAt', { followUpDueAt: at(30) }],
    ['eligibleKinds', { eligibleKinds: [] }],
    ['criteria', { criteria: [] }],
    [
      'criteria',
      {
        criteria: [
          { name: 'Trygghet', weight: 1 },
          { name: ' TRYGGHET ', weight: 3 },
        ],
      },
    ],
  ])('names %s when it does not', (field, change) => {
    expect(Object.keys(programmeShapeProblems({ ...terms, ...change }))).toEqual([field]);
  });
});

describe('application amounts', () => {
  it('needs budget lines adding up to the request, and the request within the maximum', () => {
    expect(applicationAmountProblems(300, [{ amount: 100 }, { amount: 200 }], 300)).toEqual({});
    expect(Object.keys(applicationAmountProblems(300, [{ amount: 100 }], 300))).toEqual([
      'budgetLines',
    ]);
    expect(Object.keys(applicationAmountProblems(301, [{ amount: 301 }], 300))).toEqual([
      'requestedAmount',
    ]);
  });
});

describe('decisions', () => {
  it('approve in full, partially, or reject', () => {
    expect(statusForAward(1000, 1000)).toBe(GrantApplicationStatus.APPROVED);
    expect(statusForAward(1, 1000)).toBe(GrantApplicationStatus.PARTIALLY_APPROVED);
    expect(statusForAward(999, 1000)).toBe(GrantApplicationStatus.PARTIALLY_APPROVED);
    expect(statusForAward(0, 1000)).toBe(GrantApplicationStatus.REJECTED);
  });

  it('keep 0 ≤ awarded ≤ requested and need a motivation unless in full', () => {
    expect(decisionProblems(1000, 1000, '')).toEqual({});
    expect(decisionProblems(500, 1000, 'Delvis')).toEqual({});
    expect(Object.keys(decisionProblems(500, 1000, '  '))).toEqual(['motivation']);
    expect(Object.keys(decisionProblems(0, 1000, ''))).toEqual(['motivation']);
    expect(Object.keys(decisionProblems(1001, 1000, 'För mycket'))).toEqual(['awardedAmount']);
    expect(Object.keys(decisionProblems(-1, 1000, 'Negativt'))).toEqual(['awardedAmount']);
  });
});

describe('scores', () => {
  const criteria = [
    { name: 'Barn och unga', weight: 3 },
    { name: 'Trygghet', weight: 1 },
  ];

  it('weigh each criterion', () => {
    const scores = [
      { criterion: 'Barn och unga', score: 5 },
      { criterion: 'Trygghet', score: 1 },
    ];
    expect(scoreProblems(scores, criteria)).toEqual({});
    expect(weightedScore(scores, criteria)).toBe(4);
    expect(
      weightedScore(
        [
          { criterion: 'Barn och unga', score: 4 },
          { criterion: 'Trygghet', score: 3 },
        ],
        [
          { name: 'Barn och unga', weight: 2 },
          { name: 'Trygghet', weight: 1 },
        ],
      ),
    ).toBe(3.67);
  });

  it('must cover every criterion once, from 1 to 5, and nothing else', () => {
    expect(scoreProblems([{ criterion: 'Barn och unga', score: 3 }], criteria).scores).toEqual([
      '"Trygghet" has no score',
    ]);
    expect(
      scoreProblems(
        [
          { criterion: 'Barn och unga', score: 3 },
          { criterion: 'Trygghet', score: 6 },
          { criterion: 'Kultur', score: 3 },
        ],
        criteria,
      ).scores,
    ).toHaveLength(2);
  });

  it('average over reviewers, null before the first', () => {
    expect(meanScore([])).toBeNull();
    expect(meanScore([{ weightedScore: 4 }, { weightedScore: 3 }])).toBe(3.5);
    expect(meanScore([{ weightedScore: 1 }, { weightedScore: 2 }, { weightedScore: 2 }])).toBe(
      1.67,
    );
  });
});

describe('the application window', () => {
  const programme = { status: GrantProgrammeStatus.OPEN, opensAt: at(10), closesAt: at(20) };

  it('takes submissions from opensAt until (not at) closesAt, while OPEN', () => {
    expect(applicationWindowOpen(programme, at(9))).toBe(false);
    expect(applicationWindowOpen(programme, at(10))).toBe(true);
    expect(applicationWindowOpen(programme, new Date(at(20).getTime() - 1))).toBe(true);
    expect(applicationWindowOpen(programme, at(20))).toBe(false);
    expect(
      applicationWindowOpen({ ...programme, status: GrantProgrammeStatus.CLOSED }, at(15)),
    ).toBe(false);
  });

  it('takes drafts from publication until closesAt', () => {
    expect(draftsAccepted(programme, at(0))).toBe(true);
    expect(draftsAccepted(programme, at(20))).toBe(false);
    expect(draftsAccepted({ ...programme, status: GrantProgrammeStatus.DRAFT }, at(15))).toBe(
      false,
    );
  });
});

describe('follow-up', () => {
  const report = (status: FollowUpReportStatus, amountSpent = 0) => ({ status, amountSpent });

  it('is overdue after the due date for an award without an approved report', () => {
    const due = at(100);
    expect(followUpOverdue({ awarded: 1000 }, due, null, at(99))).toBe(false);
    expect(followUpOverdue({ awarded: 1000 }, due, null, at(101))).toBe(true);
    expect(
      followUpOverdue({ awarded: 1000 }, due, report(FollowUpReportStatus.SUBMITTED), at(101)),
    ).toBe(true);
    expect(
      followUpOverdue({ awarded: 1000 }, due, report(FollowUpReportStatus.RETURNED), at(101)),
    ).toBe(true);
    expect(
      followUpOverdue({ awarded: 1000 }, due, report(FollowUpReportStatus.APPROVED), at(101)),
    ).toBe(false);
    expect(followUpOverdue({ awarded: 0 }, due, null, at(101))).toBe(false);
  });

  it('claims back unspent disbursed money once the report is approved', () => {
    const award = { disbursed: 10_000, recovered: 0 };
    expect(outstandingRecovery(award, null)).toBe(0);
    expect(outstandingRecovery(award, report(FollowUpReportStatus.SUBMITTED, 8_000))).toBe(0);
    expect(outstandingRecovery(award, report(FollowUpReportStatus.APPROVED, 8_000))).toBe(2_000);
    expect(
      outstandingRecovery(
        { ...award, recovered: 500 },
        report(FollowUpReportStatus.APPROVED, 8_000),
      ),
    ).toBe(1_500);
    // Spent more than was paid (the rest of the award is still to come): nothing owed.
    expect(outstandingRecovery(award, report(FollowUpReportStatus.APPROVED, 12_000))).toBe(0);
  });
});

describe('programme status', () => {
  it('moves DRAFT → OPEN → CLOSED → DECIDED → ARCHIVED, one step at a time', () => {
    const order = [
      GrantProgrammeStatus.DRAFT,
      GrantProgrammeStatus.OPEN,
      GrantProgrammeStatus.CLOSED,
      GrantProgrammeStatus.DECIDED,
      GrantProgrammeStatus.ARCHIVED,
    ];
    for (const [index, from] of order.entries()) {
      for (const [other, to] of order.entries()) {
        expect(canChangeProgramme(from, to)).toBe(other === index + 1);
      }
    }
  });
});

describe('kronor', () => {
  it('shows öre as Swedish kronor', () => {
    expect(formatKronor(1_250_050)).toBe('12 500,50 kr');
    expect(formatKronor(0)).toBe('0,00 kr');
  });
});

describe('archiving', () => {
  const award = (overrides: Partial<Parameters<typeof archiveBlockers>[0][number]> = {}) => ({
    applicationId: 'a',
    awarded: 10_000,
    disbursed: 10_000,
    recovered: 0,
    approvedSpent: 10_000 as number | null,
    ...overrides,
  });

  it('closes the books when every award is reported, paid in full and nothing is owed', () => {
    const settled = archiveBlockers([
      award(),
      award({ applicationId: 'b', approvedSpent: 8_000, recovered: 2_000 }),
      // An award released to nothing needs no report.
      award({ applicationId: 'c', awarded: 0, disbursed: 0, approvedSpent: null }),
    ]);
    expect(settled).toEqual({ withoutApprovedReport: [], unpaidAwards: [], owingRecovery: [] });
    expect(hasArchiveBlockers(settled)).toBe(false);
    expect(hasArchiveBlockers(archiveBlockers([]))).toBe(false);
  });

  it('names the awards without an approved report, with an unpaid rest, or owing money back', () => {
    const blockers = archiveBlockers([
      award({ applicationId: 'unreported', approvedSpent: null }),
      award({ applicationId: 'unpaid', disbursed: 4_000, approvedSpent: 4_000 }),
      award({ applicationId: 'owing', approvedSpent: 7_000, recovered: 1_000 }),
    ]);
    expect(blockers).toEqual({
      withoutApprovedReport: ['unreported'],
      unpaidAwards: [
        { applicationId: 'unpaid', awarded: 10_000, disbursed: 4_000, remaining: 6_000 },
      ],
      owingRecovery: ['owing'],
    });
    expect(hasArchiveBlockers(blockers)).toBe(true);
  });
});
