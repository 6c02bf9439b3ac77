import { GrantApplicationStatus } from './entities/grant-application.entity';
import { FollowUpReportStatus } from './entities/follow-up-report.entity';
import { GrantProgrammeStatus } from './entities/grant-programme.entity';

/** The largest amount one field may hold: 1 000 000 000 kr, in öre. */
export const MAX_AMOUNT = 100_000_000_000;
export const MAX_CRITERIA = 20;
export const MAX_CRITERION_WEIGHT = 100;
export const MIN_SCORE = 1;
export const MAX_SCORE = 5;
export const MAX_BUDGET_LINES = 50;

/** Programme statuses in which applications are reviewed and decided. */
export const ASSESSING: readonly GrantProgrammeStatus[] = [
  GrantProgrammeStatus.OPEN,
  GrantProgrammeStatus.CLOSED,
];

export type Problems = Record<string, string[]>;

function collector(): { problems: Problems; add: (field: string, problem: string) => void } {
  const problems: Problems = {};
  return { problems, add: (field, problem) => (problems[field] ??= []).push(problem) };
}

export interface ProgrammeShape {
  budget: number;
  maxPerApplication: number;
  opensAt: Date;
  closesAt: Date;
  followUpDueAt: Date;
  criteria: readonly { name: string; weight: number }[];
  eligibleKinds: readonly string[];
}

/** Field → problems of a programme's terms; empty when they hold together. */
export function programmeShapeProblems(shape: ProgrammeShape): Problems {
  const { problems, add } = collector();
  if (shape.maxPerApplication > shape.budget)
    add('maxPerApplication', 'must be at most the budget');
  if (shape.closesAt <= shape.opensAt) add('closesAt', 'must be after opensAt');
  if (shape.followUpDueAt <= shape.closesAt) add('followUpDueAt', 'must be after closesAt');
  if (shape.eligibleKinds.length === 0) add('eligibleKinds', 'name at least one kind');
  if (shape.criteria.length === 0) add('criteria', 'name at least one criterion');
  const names = shape.criteria.map((criterion) => criterion.name.trim().toLowerCase());
  if (new Set(names).size !== names.length) add('criteria', 'criterion names must be unique');
  return problems;
}

/** Field → problems of an application's amounts against the programme's maximum. */
export function applicationAmountProblems(
  requestedAmount: number,
  budgetLines: readonly { amount: number }[],
  maxPerApplication: number,
): Problems {
  const { problems, add } = collector();
  if (requestedAmount > maxPerApplication) {
    add('requestedAmount', `must be at most the programme's maximum of ${maxPerApplication} öre`);
  }
  const total = budgetLines.reduce((sum, line) => sum + line.amount, 0);
  if (total !== requestedAmount) {
    add('budgetLines', `must add up to requestedAmount (${requestedAmount} öre), not ${total}`);
  }
  return problems;
}

/** The status a decision gives: APPROVED in full, PARTIALLY_APPROVED, or REJECTED for nothing. */
export function statusForAward(awarded: number, requested: number): GrantApplicationStatus {
  if (awarded === 0) return GrantApplicationStatus.REJECTED;
  return awarded === requested
    ? GrantApplicationStatus.APPROVED
    : GrantApplicationStatus.PARTIALLY_APPROVED;
}

/** 0 ≤ awarded ≤ requested; a motivation unless the full amount is awarded. */
export function decisionProblems(awarded: number, requested: number, motivation: string): Problems {
  const { problems, add } = collector();
  if (awarded < 0) add('awardedAmount', 'must not be negative');
  if (awarded > requested) {
    add('awardedAmount', `must be at most the requested amount (${requested} öre)`);
  }
  if (awarded !== requested && motivation.trim().length === 0) {
    add('motivation', 'is required unless the requested amount is awarded in full');
  }
  return problems;
}

/** One score per criterion of the programme, each 1–5, and nothing else. */
export function scoreProblems(
  scores: readonly { criterion: string; score: number }[],
  criteria: readonly { name: string }[],
): Problems {
  const { problems, add } = collector();
  const known = new Set(criteria.map((criterion) => criterion.name));
  const seen = new Set<string>();
  for (const { criterion, score } of scores) {
    if (!known.has(criterion)) add('scores', `"${criterion}" is not a criterion of the programme`);
    if (seen.has(criterion)) add('scores', `"${criterion}" is scored twice`);
    seen.add(criterion);
    if (!Number.isInteger(score) || score < MIN_SCORE || score > MAX_SCORE) {
      add('scores', `the score of "${criterion}" must be a whole number from 1 to 5`);
    }
  }
  for (const name of known) if (!seen.has(name)) add('scores', `"${name}" has no score`);
  return problems;
}

/** Σ(score × weight) / Σ weight, to two decimals. */
export function weightedScore(
  scores: readonly { criterion: string; score: number }[],
  criteria: readonly { name: string; weight: number }[],
): number {
  let total = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const scored = scores.find((score) => score.criterion === criterion.name);
    if (!scored) continue;
    total += scored.score * criterion.weight;
    weights += criterion.weight;
  }
  return weights === 0 ? 0 : Math.round((total / weights) * 100) / 100;
}

/** The mean of the reviewers' weighted scores, to two decimals; null before any review. */
export function meanScore(reviews: readonly { weightedScore: number }[]): number | null {
  if (reviews.length === 0) return null;
  const sum = reviews.reduce((total, review) => total + review.weightedScore, 0);
  return Math.round((sum / reviews.length) * 100) / 100;
}

/** Applications are accepted while the programme is OPEN, from opensAt until closesAt. */
export function applicationWindowOpen(
  programme: { status: GrantProgrammeStatus; opensAt: Date; closesAt: Date },
  now: Date,
): boolean {
  return (
    programme.status === GrantProgrammeStatus.OPEN &&
    programme.opensAt <= now &&
    now < programme.closesAt
  );
}

/** Drafts can be written from when the programme is published (OPEN) until it closes. */
export function draftsAccepted(
  programme: { status: GrantProgrammeStatus; closesAt: Date },
  now: Date,
): boolean {
  return programme.status === GrantProgrammeStatus.OPEN && now < programme.closesAt;
}

/**
 * Whether the organisation owes a follow-up report: an award above zero, the programme's due date
 * passed, and no APPROVED report (a submitted one still waiting for an officer does not count yet).
 */
export function followUpOverdue(
  award: { awarded: number },
  followUpDueAt: Date,
  report: { status: FollowUpReportStatus } | null,
  now: Date,
): boolean {
  return (
    award.awarded > 0 && followUpDueAt < now && report?.status !== FollowUpReportStatus.APPROVED
  );
}

/**
 * Money the organisation owes back: disbursed but, by its approved follow-up report, not spent,
 * less what it has repaid. Zero until the report is approved.
 */
export function outstandingRecovery(
  award: { disbursed: number; recovered: number },
  report: { status: FollowUpReportStatus; amountSpent: number } | null,
): number {
  if (report?.status !== FollowUpReportStatus.APPROVED) return 0;
  return Math.max(0, award.disbursed - report.amountSpent - award.recovered);
}

/** An award as archiving sees it: its counters and its approved follow-up report's amountSpent. */
export interface AwardToSettle {
  applicationId: string;
  awarded: number;
  disbursed: number;
  recovered: number;
  /** amountSpent of the APPROVED follow-up report; null without one. */
  approvedSpent: number | null;
}

/** What keeps a programme from being archived; every list empty when nothing does. */
export interface ArchiveBlockers {
  /** Awards above zero without an approved follow-up report. */
  withoutApprovedReport: string[];
  /** Awards not paid in full: release the rest with a negative adjustment first. */
  unpaidAwards: { applicationId: string; awarded: number; disbursed: number; remaining: number }[];
  /** Awards whose organisation still owes unspent money back. */
  owingRecovery: string[];
}

/**
 * The books of a programme close only when every award above zero has an approved follow-up report,
 * is paid in full, and nothing is owed back.
 */
export function archiveBlockers(awards: readonly AwardToSettle[]): ArchiveBlockers {
  const live = awards.filter((award) => award.awarded > 0);
  return {
    withoutApprovedReport: live
      .filter((award) => award.approvedSpent === null)
      .map((award) => award.applicationId),
    unpaidAwards: live
      .filter((award) => award.awarded > award.disbursed)
      .map(({ applicationId, awarded, disbursed }) => ({
        applicationId,
        awarded,
        disbursed,
        remaining: awarded - disbursed,
      })),
    owingRecovery: live
      .filter(
        (award) =>
          award.approvedSpent !== null &&
          award.disbursed - award.approvedSpent - award.recovered > 0,
      )
      .map((award) => award.applicationId),
  };
}

export function hasArchiveBlockers(blockers: ArchiveBlockers): boolean {
  return Object.values(blockers).some((list: unknown[]) => list.length > 0);
}

const PROGRAMME_TRANSITIONS: Record<GrantProgrammeStatus, readonly GrantProgrammeStatus[]> = {
  [GrantProgrammeStatus.DRAFT]: [GrantProgrammeStatus.OPEN],
  [GrantProgrammeStatus.OPEN]: [GrantProgrammeStatus.CLOSED],
  [GrantProgrammeStatus.CLOSED]: [GrantProgrammeStatus.DECIDED],
  [GrantProgrammeStatus.DECIDED]: [GrantProgrammeStatus.ARCHIVED],
  [GrantProgrammeStatus.ARCHIVED]: [],
};

export function canChangeProgramme(from: GrantProgrammeStatus, to: GrantProgrammeStatus): boolean {
  return PROGRAMME_TRANSITIONS[from].includes(to);
}

const KRONOR = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK' });

/** Öre as Swedish kronor for people to read, e.g. 1250050 → "12 500,50 kr". */
export function formatKronor(ore: number): string {
  return KRONOR.format(ore / 100).replace(/\u00a0/g, ' ');
}

/**
 * The fields that differ between two snapshots, as the audit log's before/after; null when
 * nothing changed (nothing to record).
 */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const changed = Object.keys(after).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  if (changed.length === 0) return null;
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key]])),
    after: Object.fromEntries(changed.map((key) => [key, after[key]])),
  };
}
