import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, SystemRole } from '../../common/actor';
import { RequireSystemRole } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { ConnectionShape } from '../../graphql/pagination';
import {
  CreateGrantApplicationInput,
  DecideGrantApplicationInput,
  GrantApplicationConnection,
  GrantApplicationIdInput,
  GrantApplicationsArgs,
  ReviewGrantApplicationInput,
  UpdateGrantApplicationInput,
} from './dto/grant-application.inputs';
import { GrantApplication } from './entities/grant-application.entity';
import { GrantReview } from './entities/grant-review.entity';
import { GrantApplicationsService } from './grant-applications.service';
import { GrantApplyingService } from './grant-applying.service';
import { GrantAssessmentService } from './grant-assessment.service';
import { GrantDecisionsService } from './grant-decisions.service';

/** What an organisation does with its applications, and what officers do with them. */
@Resolver(() => GrantApplication)
export class GrantApplicationsResolver {
  constructor(
    private readonly applications: GrantApplicationsService,
    private readonly applying: GrantApplyingService,
    private readonly assessment: GrantAssessmentService,
    private readonly decisions: GrantDecisionsService,
  ) {}

  @Query(() => GrantApplicationConnection, {
    description:
      "Grant applications, oldest first: members of an organisation see all their organisation's (drafts " +
      'included); municipal officers see every submitted one (never a DRAFT of another organisation); others none.',
  })
  grantApplications(
    @CurrentActor() actor: Actor,
    @Args() args: GrantApplicationsArgs,
  ): Promise<ConnectionShape<GrantApplication>> {
    return this.applications.list(actor, args);
  }

  @Query(() => GrantApplication, {
    description:
      "One application: for the applying organisation's members, and for municipal officers once it is submitted " +
      '(NOT_FOUND for others, and for an officer asking for a DRAFT).',
  })
  grantApplication(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID, description: 'The application.' }) id: string,
  ): Promise<GrantApplication> {
    return this.applications.getVisible(actor, id);
  }

  @Mutation(() => GrantApplication, {
    description:
      'Starts an application as DRAFT. ORG_ADMIN of a VERIFIED organisation of a kind the programme is for, ' +
      'while the programme is OPEN, with no overdue follow-up report (FOLLOW_UP_OVERDUE) and no other live ' +
      'application to the programme (CONFLICT).',
  })
  createGrantApplication(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The application.' }) input: CreateGrantApplicationInput,
  ): Promise<GrantApplication> {
    return this.applying.create(actor, input);
  }

  @Mutation(() => GrantApplication, {
    description: "Changes a DRAFT application. The organisation's ORG_ADMIN.",
  })
  updateGrantApplication(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The changes.' }) input: UpdateGrantApplicationInput,
  ): Promise<GrantApplication> {
    return this.applying.update(actor, input);
  }

  @Mutation(() => GrantApplication, {
    description:
      "DRAFT → SUBMITTED, between the programme's opensAt and closesAt. The organisation's ORG_ADMIN.",
  })
  submitGrantApplication(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The application.' }) input: GrantApplicationIdInput,
  ): Promise<GrantApplication> {
    return this.applying.submit(actor, input);
  }

  @Mutation(() => GrantApplication, {
    description:
      "Withdraws an application before the decision (DRAFT, SUBMITTED or UNDER_REVIEW). The organisation's ORG_ADMIN.",
  })
  withdrawGrantApplication(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The application.' }) input: GrantApplicationIdInput,
  ): Promise<GrantApplication> {
    return this.applying.withdraw(actor, input);
  }

  @Mutation(() => GrantApplication, {
    description:
      'SUBMITTED → UNDER_REVIEW. MUNICIPAL_OFFICER who is not a member of the applying organisation ' +
      '(CONFLICT_OF_INTEREST).',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  startGrantReview(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The application.' }) input: GrantApplicationIdInput,
  ): Promise<GrantApplication> {
    return this.assessment.startReview(actor, input);
  }

  @Mutation(() => GrantReview, {
    description:
      'Records your review of an application UNDER_REVIEW (a 1–5 score per criterion and a comment), or revises ' +
      'it until the decision. MUNICIPAL_OFFICER who is not a member of the applying organisation.',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  reviewGrantApplication(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The review.' }) input: ReviewGrantApplicationInput,
  ): Promise<GrantReview> {
    return this.assessment.review(actor, input);
  }

  @Mutation(() => GrantApplication, {
    description:
      'Decides a reviewed application UNDER_REVIEW, finally: APPROVED (the full amount), PARTIALLY_APPROVED or ' +
      'REJECTED (0). The award is reserved from the budget (GRANT_BUDGET_EXCEEDED when it does not fit) and the ' +
      "organisation's admins are notified. MUNICIPAL_OFFICER who is not a member of the applying organisation.",
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  decideGrantApplication(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The decision.' }) input: DecideGrantApplicationInput,
  ): Promise<GrantApplication> {
    return this.decisions.decide(actor, input);
  }
}
