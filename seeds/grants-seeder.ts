import { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, In } from 'typeorm';
import { PersonActor } from '../src/common/actor';
import { Clock } from '../src/common/clock';
import { TIME_ZONE } from '../src/common/time';
import {
  FollowUpReportsService,
  GrantApplyingService,
  GrantAssessmentService,
  GrantDecisionsService,
  GrantJobsService,
  GrantMoneyService,
  GrantProgramme,
  GrantProgrammesService,
} from '../src/modules/grants';
import {
  DemoGrantApplication,
  DemoGrantProgramme,
  GRANT_OFFICER_EMAIL,
  GRANT_PROGRAMMES,
} from './demo-grants';

const DAY = 24 * 3600_000;

interface Step {
  /** Days from the moment of seeding (negative: in the past). */
  day: number;
  run: () => Promise<unknown>;
}

/**
 * Grant programmes, applications, reviews, decisions, payments and follow-up reports through the
 * services, as the demo grant officer and the organisations' admins, each step with the clock set
 * to the day it happened. Only when no demo programme exists yet, so running it again changes
 * nothing. At the end the follow-up reminder job runs as it would have.
 */
export async function seedGrants(
  app: INestApplicationContext,
  actor: (email: string) => PersonActor,
  count: (kind: string, created: boolean, n?: number) => void,
): Promise<void> {
  const existing = await app
    .get(DataSource)
    .getRepository(GrantProgramme)
    .countBy({ id: In(GRANT_PROGRAMMES.map((programme) => programme.id)) });
  if (existing > 0) {
    count('grantProgrammes', false, existing);
    return;
  }
  const clock = app.get(Clock);
  const now = clock.now().getTime();
  const seeder = new GrantSeeder(app, actor, count, now);
  for (const programme of GRANT_PROGRAMMES) {
    const steps = seeder.stepsOf(programme).sort((a, b) => a.day - b.day);
    for (const step of steps) await clock.at(new Date(now + step.day * DAY), step.run);
  }
  await app.get(GrantJobsService).sendFollowUpReminders();
}

class GrantSeeder {
  private readonly programmes: GrantProgrammesService;
  private readonly applying: GrantApplyingService;
  private readonly assessment: GrantAssessmentService;
  private readonly decisions: GrantDecisionsService;
  private readonly money: GrantMoneyService;
  private readonly reports: FollowUpReportsService;
  private readonly clock: Clock;
  private readonly officer: PersonActor;
  /** Application id → its follow-up report's id, once submitted. */
  private readonly reportIds = new Map<string, string>();

  constructor(
    app: INestApplicationContext,
    private readonly actor: (email: string) => PersonActor,
    private readonly count: (kind: string, created: boolean, n?: number) => void,
    private readonly now: number,
  ) {
    this.programmes = app.get(GrantProgrammesService);
    this.applying = app.get(GrantApplyingService);
    this.assessment = app.get(GrantAssessmentService);
    this.decisions = app.get(GrantDecisionsService);
    this.money = app.get(GrantMoneyService);
    this.reports = app.get(FollowUpReportsService);
    this.clock = app.get(Clock);
    this.officer = actor(GRANT_OFFICER_EMAIL);
  }

  private at(day: number): Date {
    return new Date(this.now + day * DAY);
  }

  /** Everything that happened to a programme, each at its day (sorted by the caller). */
  stepsOf(programme: DemoGrantProgramme): Step[] {
    const year =
      DateTime.fromMillis(this.now, { zone: TIME_ZONE }).year + programme.fiscalYearOffset;
    const steps: Step[] = [
      {
        day: programme.createdDay,
        run: async () => {
          await this.programmes.create(
            this.officer,
            {
              name: programme.name(year),
              description: programme.description,
              fiscalYear: year,
              budget: programme.budget,
              eligibleKinds: programme.eligibleKinds,
              opensAt: this.at(programme.opensDay),
              closesAt: this.at(programme.closesDay),
              maxPerApplication: programme.maxPerApplication,
              followUpDueAt: this.at(programme.followUpDueDay),
              criteria: programme.criteria,
            },
            { id: programme.id },
          );
          await this.programmes.open(this.officer, { programmeId: programme.id });
          this.count('grantProgrammes', true);
        },
      },
    ];
    const closedDay = programme.closedDay;
    if (closedDay !== undefined) {
      steps.push({
        day: closedDay,
        run: () => this.programmes.close(this.officer, { programmeId: programme.id }),
      });
    }
    for (const application of programme.applications) {
      steps.push(...this.applicationSteps(programme, application));
    }
    return steps;
  }

  private applicationSteps(
    programme: DemoGrantProgramme,
    application: DemoGrantApplication,
  ): Step[] {
    const applicant = this.actor(application.applicantEmail);
    const applicationId = application.id;
    const steps: Step[] = [
      {
        day: application.createdDay,
        run: async () => {
          await this.applying.create(
            applicant,
            {
              programmeId: programme.id,
              organisationId: application.organisationId,
              purpose: application.purpose,
              requestedAmount: application.budgetLines.reduce((sum, line) => sum + line.amount, 0),
              budgetLines: application.budgetLines,
            },
            { id: applicationId },
          );
          this.count('grantApplications', true);
        },
      },
    ];
    const step = (day: number | undefined, run: () => Promise<unknown>) => {
      if (day !== undefined) steps.push({ day, run });
    };
    step(application.submittedDay, () => this.applying.submit(applicant, { applicationId }));
    step(application.withdrawnDay, () => this.applying.withdraw(applicant, { applicationId }));
    const review = application.review;
    if (review) {
      step(review.day - 0.5, () => this.assessment.startReview(this.officer, { applicationId }));
      step(review.day, () =>
        this.assessment.review(this.officer, {
          applicationId,
          scores: programme.criteria.map((criterion, index) => ({
            criterion: criterion.name,
            score: review.scores[index],
          })),
          comment: review.comment,
        }),
      );
    }
    const decision = application.decision;
    step(decision?.day, () =>
      this.decisions.decide(this.officer, {
        applicationId,
        awardedAmount: decision?.awardedAmount ?? 0,
        motivation: decision?.motivation ?? '',
      }),
    );
    for (const payment of application.payments ?? []) {
      step(payment.day, async () => {
        await this.money.disburse(this.officer, {
          applicationId,
          amount: payment.amount,
          paidAt: this.clock.now(),
          reference: payment.reference,
        });
        this.count('grantPayments', true);
      });
    }
    const followUp = application.followUp;
    if (followUp) {
      step(followUp.day, async () => {
        const report = await this.reports.submit(applicant, {
          applicationId,
          outcomes: followUp.outcomes,
          amountSpent: followUp.amountSpent,
        });
        this.reportIds.set(applicationId, report.id);
      });
      const returned = followUp.returned;
      step(returned?.day, () =>
        this.reports.return(this.officer, {
          reportId: this.reportOf(applicationId),
          reason: returned?.reason ?? '',
        }),
      );
      step(followUp.approvedDay, () =>
        this.reports.approve(this.officer, { reportId: this.reportOf(applicationId) }),
      );
    }
    return steps;
  }

  private reportOf(applicationId: string): string {
    const found = this.reportIds.get(applicationId);
    if (!found) throw new Error(`The demo application ${applicationId} has no follow-up report`);
    return found;
  }
}
