import { Args, Context, Float, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { Clock } from '../../common/clock';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import { DomainError } from '../../common/errors/domain-error';
import type { GraphQLContext } from '../../graphql/context';
import { SafeIntScalar } from '../../graphql/scalars';
import { Organisation, OrganisationsService } from '../organisations';
import { GrantDecision } from './dto/grant-application.inputs';
import { FollowUpReport } from './entities/follow-up-report.entity';
import {
  AWARDED_STATUSES,
  GrantApplication,
  GrantApplicationStatus,
} from './entities/grant-application.entity';
import { GrantProgramme } from './entities/grant-programme.entity';
import { GrantReview } from './entities/grant-review.entity';
import { FollowUpReportsService } from './follow-up-reports.service';
import { GrantApplicationsService } from './grant-applications.service';
import { GrantAssessmentService } from './grant-assessment.service';
import { GrantLedgerService, LedgerTotals } from './grant-ledger.service';
import { GrantProgrammesService, isGrantOfficer } from './grant-programmes.service';
import { followUpOverdue, meanScore, outstandingRecovery } from './grants.rules';

/**
 * Relation and money fields of an application. An application is only ever reached through
 * something its reader may see (the lists and records check), so these fields check only what is
 * for officers alone: the reviews and their scores.
 */
@Resolver(() => GrantApplication)
export class GrantApplicationFieldsResolver {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly programmes: GrantProgrammesService,
    private readonly assessment: GrantAssessmentService,
    private readonly ledger: GrantLedgerService,
    private readonly reports: FollowUpReportsService,
    private readonly clock: Clock,
  ) {}

  @ResolveField(() => Organisation, { description: 'The applying organisation.' })
  async organisation(
    @Parent() application: GrantApplication,
    @Context() context: GraphQLContext,
  ): Promise<Organisation> {
    const organisation = await context.loaders
      .get(this.organisations.byId)
      .load(application.organisationId);
    if (!organisation)
      throw new Error(`Application ${application.id} names a missing organisation`);
    return organisation;
  }

  @ResolveField(() => GrantProgramme, { description: 'The programme applied to.' })
  programme(
    @Parent() application: GrantApplication,
    @Context() context: GraphQLContext,
  ): Promise<GrantProgramme> {
    return this.programmeOf(application, context);
  }

  @ResolveField(() => [GrantReview], {
    nullable: true,
    description:
      "The officers' reviews, oldest first: for municipal officers only (others get null with an error).",
  })
  reviews(
    @Parent() application: GrantApplication,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<GrantReview[]> {
    this.requireOfficer(actor);
    return context.loaders.get(this.assessment.reviewsByApplication).load(application.id);
  }

  @ResolveField(() => Float, {
    nullable: true,
    description:
      "The mean of the reviewers' weighted scores (1.0–5.0), null before the first review: for municipal " +
      'officers only.',
  })
  async weightedScore(
    @Parent() application: GrantApplication,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<number | null> {
    this.requireOfficer(actor);
    return meanScore(
      await context.loaders.get(this.assessment.reviewsByApplication).load(application.id),
    );
  }

  @ResolveField(() => GrantDecision, {
    nullable: true,
    description: 'The decision, once made: amount, motivation, who and when.',
  })
  decision(@Parent() application: GrantApplication): GrantDecision | null {
    if (
      application.awardedAmount === null ||
      application.decidedAt === null ||
      application.decidedById === null
    ) {
      return null;
    }
    return {
      awardedAmount: application.awardedAmount,
      motivation: application.motivation,
      decidedAt: application.decidedAt,
      decidedById: application.decidedById,
    };
  }

  @ResolveField(() => SafeIntScalar, {
    description:
      'The award now, in öre: the ALLOCATION of the decision plus any ADJUSTMENT entries (0 before a decision).',
  })
  async awarded(
    @Parent() application: GrantApplication,
    @Context() context: GraphQLContext,
  ): Promise<number> {
    return (await this.totals(application, context)).allocated;
  }

  @ResolveField(() => SafeIntScalar, { description: 'Paid out so far, in öre.' })
  async disbursed(
    @Parent() application: GrantApplication,
    @Context() context: GraphQLContext,
  ): Promise<number> {
    return (await this.totals(application, context)).disbursed;
  }

  @ResolveField(() => SafeIntScalar, { description: 'Paid back by the organisation, in öre.' })
  async recovered(
    @Parent() application: GrantApplication,
    @Context() context: GraphQLContext,
  ): Promise<number> {
    return (await this.totals(application, context)).recovered;
  }

  @ResolveField(() => SafeIntScalar, {
    description: 'Of the award, not yet paid, in öre: awarded − disbursed.',
  })
  async remainingAward(
    @Parent() application: GrantApplication,
    @Context() context: GraphQLContext,
  ): Promise<number> {
    const totals = await this.totals(application, context);
    return totals.allocated - totals.disbursed;
  }

  @ResolveField(() => SafeIntScalar, {
    description:
      'Unspent money the organisation owes back, in öre: after an approved follow-up report, disbursed − ' +
      'amountSpent − recovered (0 otherwise).',
  })
  async outstandingRecovery(
    @Parent() application: GrantApplication,
    @Context() context: GraphQLContext,
  ): Promise<number> {
    const [totals, report] = await Promise.all([
      this.totals(application, context),
      context.loaders.get(this.reports.byApplication).load(application.id),
    ]);
    return outstandingRecovery(totals, report);
  }

  @ResolveField(() => FollowUpReport, {
    nullable: true,
    description: 'The follow-up report on the award, once submitted.',
  })
  followUpReport(
    @Parent() application: GrantApplication,
    @Context() context: GraphQLContext,
  ): Promise<FollowUpReport | null> {
    return context.loaders.get(this.reports.byApplication).load(application.id);
  }

  @ResolveField(() => Boolean, {
    description:
      "True when the award's follow-up report is overdue: the programme's followUpDueAt has passed without an " +
      'approved report. While it is, the organisation cannot apply for grants (FOLLOW_UP_OVERDUE).',
  })
  async followUpOverdue(
    @Parent() application: GrantApplication,
    @Context() context: GraphQLContext,
  ): Promise<boolean> {
    if (!AWARDED_STATUSES.includes(application.status)) return false;
    const [programme, report] = await Promise.all([
      this.programmeOf(application, context),
      context.loaders.get(this.reports.byApplication).load(application.id),
    ]);
    return followUpOverdue(application, programme.followUpDueAt, report, this.clock.now());
  }

  private totals(application: GrantApplication, context: GraphQLContext): Promise<LedgerTotals> {
    return context.loaders.get(this.ledger.totalsByApplication).load(application.id);
  }

  private async programmeOf(
    application: GrantApplication,
    context: GraphQLContext,
  ): Promise<GrantProgramme> {
    const programme = await context.loaders.get(this.programmes.byId).load(application.programmeId);
    if (!programme) throw new Error(`Application ${application.id} names a missing programme`);
    return programme;
  }

  private requireOfficer(actor: Actor): void {
    if (!isGrantOfficer(actor)) {
      throw DomainError.forbidden('Only municipal officers see the reviews of an application');
    }
  }
}

/** Adds `Organisation.grantApplications` (the organisations module does not know about grants). */
@Resolver(() => Organisation)
export class OrganisationGrantApplicationsResolver {
  constructor(private readonly applications: GrantApplicationsService) {}

  @ResolveField(() => [GrantApplication], {
    nullable: true,
    description:
      "The organisation's grant applications, newest first: all of them for its members; for municipal officers " +
      'those it has submitted (not its drafts); others get null with an error.',
  })
  async grantApplications(
    @Parent() organisation: Organisation,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
    @Args('status', {
      type: () => [GrantApplicationStatus],
      nullable: true,
      description: 'Only these statuses (default all).',
    })
    statuses: GrantApplicationStatus[] | null,
  ): Promise<GrantApplication[]> {
    const visibility = await this.applications.visibility(actor, organisation.id);
    if (visibility === 'none') {
      throw DomainError.forbidden(
        "Only the organisation's members and municipal officers see its grant applications",
      );
    }
    const loaded = await context.loaders
      .get(this.applications.byOrganisation)
      .load(organisation.id);
    // A DRAFT is the organisation's working copy: officers see the applications it has sent in.
    const all =
      visibility === 'all'
        ? loaded
        : loaded.filter((application) => application.status !== GrantApplicationStatus.DRAFT);
    return statuses ? all.filter((application) => statuses.includes(application.status)) : all;
  }
}
