import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { In, Repository } from 'typeorm';
import { Actor, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { Database } from '../../database/database.service';
import { groupedByKey, LoaderFactory } from '../../graphql/loaders';
import { AuditService } from '../audit';
import {
  GrantApplicationIdInput,
  ReviewGrantApplicationInput,
} from './dto/grant-application.inputs';
import { GrantApplication, GrantApplicationStatus } from './entities/grant-application.entity';
import { GrantReview } from './entities/grant-review.entity';
import { GrantApplicationsService } from './grant-applications.service';
import { GrantProgrammesService } from './grant-programmes.service';
import { scoreProblems, weightedScore } from './grants.rules';

/**
 * Assessment by municipal officers: starting the review and scoring against the programme's
 * criteria (GrantDecisionsService makes the decision). An officer who is an ACTIVE member of the
 * applying organisation is refused (CONFLICT_OF_INTEREST).
 */
@Injectable()
export class GrantAssessmentService {
  constructor(
    @InjectRepository(GrantReview) private readonly reviews: Repository<GrantReview>,
    private readonly database: Database,
    private readonly programmes: GrantProgrammesService,
    private readonly applications: GrantApplicationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Each application's reviews, oldest first. */
  readonly reviewsByApplication: LoaderFactory<string, GrantReview[]> = () =>
    new DataLoader(async (applicationIds) => {
      const rows = await this.reviews.find({
        where: { applicationId: In([...applicationIds]) },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      return groupedByKey(applicationIds, rows, (row) => row.applicationId);
    });

  /** SUBMITTED → UNDER_REVIEW. */
  async startReview(actor: Actor, input: GrantApplicationIdInput): Promise<GrantApplication> {
    requirePerson(actor, 'Only a signed-in officer reviews applications');
    const found = await this.applications.getVisible(actor, input.applicationId);
    return this.database.transaction(async (manager) => {
      const application = await this.applications.lock(manager, found.id);
      await this.applications.requireImpartial(manager, actor, application.organisationId);
      const to = GrantApplicationStatus.UNDER_REVIEW;
      if (application.status !== GrantApplicationStatus.SUBMITTED) {
        throw DomainError.invalidTransition('GrantApplication', application.status, to);
      }
      this.programmes.requireAssessing(
        await this.programmes.get(application.programmeId, manager),
        to,
      );
      return this.applications.changeStatus(manager, actor, application, to, {
        reviewStartedAt: this.clock.now(),
      });
    });
  }

  /**
   * Records (or revises) the caller's review of an application UNDER_REVIEW: a score of 1–5 for
   * each criterion of the programme, and a comment.
   */
  async review(actor: Actor, input: ReviewGrantApplicationInput): Promise<GrantReview> {
    const person = requirePerson(actor, 'Only a signed-in officer reviews applications');
    const found = await this.applications.getVisible(actor, input.applicationId);
    return this.database.transaction(async (manager) => {
      // Locked, so a review cannot slip in after the decision.
      const application = await this.applications.lock(manager, found.id);
      await this.applications.requireImpartial(manager, actor, application.organisationId);
      if (application.status !== GrantApplicationStatus.UNDER_REVIEW) {
        throw DomainError.invalidTransition('GrantApplication', application.status, 'REVIEWED');
      }
      const programme = await this.programmes.get(application.programmeId, manager);
      const problems = scoreProblems(input.scores, programme.criteria);
      if (Object.keys(problems).length > 0) {
        throw DomainError.badInput('The scores do not match the criteria', problems);
      }
      // In the programme's order of criteria.
      const scores = programme.criteria.map((criterion) => ({
        criterion: criterion.name,
        score: input.scores.find((score) => score.criterion === criterion.name)?.score ?? 0,
      }));
      const score = weightedScore(scores, programme.criteria);
      const now = this.clock.now();
      const existing = await manager.findOneBy(GrantReview, {
        applicationId: application.id,
        reviewerId: person.personId,
      });
      const review =
        existing ??
        manager.create(GrantReview, {
          applicationId: application.id,
          reviewerId: person.personId,
          createdAt: now,
        });
      const before = existing
        ? {
            scores: existing.scores,
            comment: existing.comment,
            weightedScore: existing.weightedScore,
          }
        : undefined;
      Object.assign(review, {
        scores,
        comment: input.comment,
        weightedScore: score,
        revisedAt: now,
      });
      const saved = await manager.save(review);
      await this.audit.record(manager, actor, {
        action: existing ? 'grant_application.review_revised' : 'grant_application.reviewed',
        entityType: 'GrantApplication',
        entityId: application.id,
        before,
        after: { scores, comment: input.comment, weightedScore: score },
        detail: { reviewId: saved.id },
      });
      return saved;
    });
  }
}
