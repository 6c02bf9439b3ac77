import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../../graphql/context';
import { required } from '../../graphql/loaders';
import { PeopleService, Person } from '../people';
import { GrantDecision } from './dto/grant-application.inputs';
import { FollowUpReport } from './entities/follow-up-report.entity';
import { GrantApplication } from './entities/grant-application.entity';
import { GrantLedgerEntry } from './entities/grant-ledger-entry.entity';
import { GrantReview } from './entities/grant-review.entity';
import { GrantApplicationsService } from './grant-applications.service';

/** A person through the per-request loader; they exist as long as anything names them. */
function personOf(
  people: PeopleService,
  context: GraphQLContext,
  id: string,
  what: string,
): Promise<Person> {
  return required(context.loaders.get(people.byId).load(id), `The person ${what} names`);
}

function applicationOf(
  applications: GrantApplicationsService,
  context: GraphQLContext,
  id: string,
  what: string,
): Promise<GrantApplication> {
  return required(context.loaders.get(applications.byId).load(id), `The application ${what} names`);
}

@Resolver(() => GrantDecision)
export class GrantDecisionFieldsResolver {
  constructor(private readonly people: PeopleService) {}

  @ResolveField(() => Person, { description: 'The officer who decided.' })
  decidedBy(
    @Parent() decision: GrantDecision,
    @Context() context: GraphQLContext,
  ): Promise<Person> {
    return personOf(this.people, context, decision.decidedById, 'A decision');
  }
}

/** Reviews are only reached through `GrantApplication.reviews` (officers) or a mutation. */
@Resolver(() => GrantReview)
export class GrantReviewFieldsResolver {
  constructor(
    private readonly people: PeopleService,
    private readonly applications: GrantApplicationsService,
  ) {}

  @ResolveField(() => Person, { description: 'The officer who reviewed.' })
  reviewer(@Parent() review: GrantReview, @Context() context: GraphQLContext): Promise<Person> {
    return personOf(this.people, context, review.reviewerId, `Review ${review.id}`);
  }

  @ResolveField(() => GrantApplication, { description: 'The application reviewed.' })
  application(
    @Parent() review: GrantReview,
    @Context() context: GraphQLContext,
  ): Promise<GrantApplication> {
    return applicationOf(this.applications, context, review.applicationId, `Review ${review.id}`);
  }
}

/** Ledger entries are only reached through `grantLedger` (filtered by organisation) or a mutation. */
@Resolver(() => GrantLedgerEntry)
export class GrantLedgerEntryFieldsResolver {
  constructor(
    private readonly people: PeopleService,
    private readonly applications: GrantApplicationsService,
  ) {}

  @ResolveField(() => GrantApplication, { description: 'The application the money concerns.' })
  application(
    @Parent() entry: GrantLedgerEntry,
    @Context() context: GraphQLContext,
  ): Promise<GrantApplication> {
    return applicationOf(this.applications, context, entry.applicationId, `Entry ${entry.id}`);
  }

  @ResolveField(() => Person, { description: 'The officer who recorded it.' })
  recordedBy(
    @Parent() entry: GrantLedgerEntry,
    @Context() context: GraphQLContext,
  ): Promise<Person> {
    return personOf(this.people, context, entry.recordedById, `Entry ${entry.id}`);
  }
}

/** Reports are only reached through their application or a mutation. */
@Resolver(() => FollowUpReport)
export class FollowUpReportFieldsResolver {
  constructor(
    private readonly people: PeopleService,
    private readonly applications: GrantApplicationsService,
  ) {}

  @ResolveField(() => GrantApplication, { description: 'The application reported on.' })
  application(
    @Parent() report: FollowUpReport,
    @Context() context: GraphQLContext,
  ): Promise<GrantApplication> {
    return applicationOf(this.applications, context, report.applicationId, `Report ${report.id}`);
  }

  @ResolveField(() => Person, { description: 'Who last submitted it.' })
  submittedBy(
    @Parent() report: FollowUpReport,
    @Context() context: GraphQLContext,
  ): Promise<Person> {
    return personOf(this.people, context, report.submittedById, `Report ${report.id}`);
  }

  @ResolveField(() => Person, {
    nullable: true,
    description: 'The officer who last approved or returned it.',
  })
  async reviewedBy(
    @Parent() report: FollowUpReport,
    @Context() context: GraphQLContext,
  ): Promise<Person | null> {
    if (!report.reviewedById) return null;
    return personOf(this.people, context, report.reviewedById, `Report ${report.id}`);
  }
}
