import { Injectable } from '@nestjs/common';
import { EntityManager, Not } from 'typeorm';
import { Actor, isPerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { toStockholmIso } from '../../common/time';
import { isUniqueViolation } from '../../database/database-errors';
import { Database } from '../../database/database.service';
import { AuditService } from '../audit';
import { Organisation, OrganisationsService } from '../organisations';
import {
  CreateGrantApplicationInput,
  GrantApplicationIdInput,
  UpdateGrantApplicationInput,
} from './dto/grant-application.inputs';
import { FollowUpReport, FollowUpReportStatus } from './entities/follow-up-report.entity';
import {
  AWARDED_STATUSES,
  GrantApplication,
  GrantApplicationStatus,
  WITHDRAWABLE_STATUSES,
} from './entities/grant-application.entity';
import { GrantProgramme } from './entities/grant-programme.entity';
import { GrantApplicationsService } from './grant-applications.service';
import { GrantProgrammesService } from './grant-programmes.service';
import {
  applicationAmountProblems,
  applicationWindowOpen,
  changedFields,
  draftsAccepted,
} from './grants.rules';

/** What the audit log keeps of an application's content. */
function content(application: GrantApplication): Record<string, unknown> {
  return {
    purpose: application.purpose,
    requestedAmount: application.requestedAmount,
    budgetLines: application.budgetLines,
  };
}

/**
 * What the applying organisation's ORG_ADMIN does: write a draft, change it, submit it, withdraw
 * it. Applications come only from VERIFIED organisations of an eligible kind, while the programme
 * is OPEN (submitting: between opensAt and closesAt), from organisations without an overdue
 * follow-up report, one live application per organisation and programme.
 */
@Injectable()
export class GrantApplyingService {
  constructor(
    private readonly database: Database,
    private readonly applications: GrantApplicationsService,
    private readonly programmes: GrantProgrammesService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * A DRAFT, by an ORG_ADMIN of a VERIFIED organisation of an eligible kind, while the programme is
   * OPEN and has not closed, with no overdue follow-up report, and no other live application of the
   * organisation to the programme (CONFLICT; a partial unique index holds it under any concurrency).
   */
  async create(
    actor: Actor,
    input: CreateGrantApplicationInput,
    options: { id?: string } = {},
  ): Promise<GrantApplication> {
    if (!isPerson(actor)) throw DomainError.forbidden();
    const programme = await this.programmes.getVisible(actor, input.programmeId);
    const organisation = await this.organisations.get(input.organisationId);
    await this.applications.requireApplicantRole(actor, organisation.id);
    this.requireEligible(programme, organisation);
    const now = this.clock.now();
    if (!draftsAccepted(programme, now)) throw this.notAccepting(programme, 'DRAFT');
    this.requireAmounts(input.requestedAmount, input.budgetLines, programme);
    try {
      return await this.database.transaction(async (manager) => {
        await this.requireNoOverdueFollowUp(manager, organisation.id);
        const live = await manager.findOneBy(GrantApplication, {
          programmeId: programme.id,
          organisationId: organisation.id,
          status: Not(GrantApplicationStatus.WITHDRAWN),
        });
        if (live) throw this.duplicate(live.id);
        const application = await manager.save(
          manager.create(GrantApplication, {
            id: options.id,
            programmeId: programme.id,
            organisationId: organisation.id,
            purpose: input.purpose,
            requestedAmount: input.requestedAmount,
            budgetLines: input.budgetLines.map(({ label, amount }) => ({ label, amount })),
            status: GrantApplicationStatus.DRAFT,
            createdById: actor.personId,
            createdAt: this.clock.now(),
            submittedAt: null,
            reviewStartedAt: null,
            withdrawnAt: null,
            awardedAmount: null,
            motivation: null,
            decidedById: null,
            decidedAt: null,
            awarded: 0,
            disbursed: 0,
            recovered: 0,
            followUpReminderSentAt: null,
          }),
        );
        await this.audit.record(manager, actor, {
          action: 'grant_application.created',
          entityType: 'GrantApplication',
          entityId: application.id,
          after: {
            programmeId: programme.id,
            organisationId: organisation.id,
            status: application.status,
            ...content(application),
          },
        });
        return application;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw this.duplicate();
      throw error;
    }
  }

  /** DRAFT only; the budget lines must still add up. */
  async update(actor: Actor, input: UpdateGrantApplicationInput): Promise<GrantApplication> {
    const found = await this.applications.getAsApplicant(actor, input.applicationId);
    return this.database.transaction(async (manager) => {
      const application = await this.applications.lock(manager, found.id);
      if (application.status !== GrantApplicationStatus.DRAFT) {
        throw DomainError.invalidTransition('GrantApplication', application.status, 'UPDATED');
      }
      const programme = await this.programmes.get(application.programmeId, manager);
      if (!draftsAccepted(programme, this.clock.now()))
        throw this.notAccepting(programme, 'UPDATED');
      const before = content(application);
      if (input.purpose !== undefined) application.purpose = input.purpose;
      if (input.requestedAmount !== undefined) application.requestedAmount = input.requestedAmount;
      if (input.budgetLines !== undefined) {
        application.budgetLines = input.budgetLines.map(({ label, amount }) => ({ label, amount }));
      }
      this.requireAmounts(application.requestedAmount, application.budgetLines, programme);
      const saved = await manager.save(application);
      const diff = changedFields(before, content(saved));
      if (diff) {
        await this.audit.record(manager, actor, {
          action: 'grant_application.updated',
          entityType: 'GrantApplication',
          entityId: saved.id,
          ...diff,
        });
      }
      return saved;
    });
  }

  /** DRAFT → SUBMITTED, within the programme's window, with the same checks as creating it. */
  async submit(actor: Actor, input: GrantApplicationIdInput): Promise<GrantApplication> {
    const found = await this.applications.getAsApplicant(actor, input.applicationId);
    const organisation = await this.organisations.get(found.organisationId);
    return this.database.transaction(async (manager) => {
      // The programme's lock orders this against closing it (which may make it DECIDED).
      const programme = await this.programmes.lock(manager, found.programmeId);
      const application = await this.applications.lock(manager, found.id);
      if (application.status !== GrantApplicationStatus.DRAFT) {
        throw DomainError.invalidTransition(
          'GrantApplication',
          application.status,
          GrantApplicationStatus.SUBMITTED,
        );
      }
      this.requireEligible(programme, organisation);
      if (!applicationWindowOpen(programme, this.clock.now())) {
        throw this.notAccepting(programme, GrantApplicationStatus.SUBMITTED);
      }
      this.requireAmounts(application.requestedAmount, application.budgetLines, programme);
      await this.requireNoOverdueFollowUp(manager, organisation.id);
      return this.applications.changeStatus(
        manager,
        actor,
        application,
        GrantApplicationStatus.SUBMITTED,
        {
          submittedAt: this.clock.now(),
        },
      );
    });
  }

  /** DRAFT, SUBMITTED or UNDER_REVIEW → WITHDRAWN; the last pending one may make the programme DECIDED. */
  async withdraw(actor: Actor, input: GrantApplicationIdInput): Promise<GrantApplication> {
    const found = await this.applications.getAsApplicant(actor, input.applicationId);
    return this.database.transaction(async (manager) => {
      const programme = await this.programmes.lock(manager, found.programmeId);
      const application = await this.applications.lock(manager, found.id);
      if (!WITHDRAWABLE_STATUSES.includes(application.status)) {
        throw DomainError.invalidTransition(
          'GrantApplication',
          application.status,
          GrantApplicationStatus.WITHDRAWN,
        );
      }
      const withdrawn = await this.applications.changeStatus(
        manager,
        actor,
        application,
        GrantApplicationStatus.WITHDRAWN,
        { withdrawnAt: this.clock.now() },
      );
      await this.programmes.completeIfDecided(manager, actor, programme);
      return withdrawn;
    });
  }

  /**
   * FOLLOW_UP_OVERDUE when the organisation has an award above zero whose programme's follow-up
   * date has passed without an approved report.
   */
  private async requireNoOverdueFollowUp(
    manager: EntityManager,
    organisationId: string,
  ): Promise<void> {
    const overdue = await manager
      .createQueryBuilder(GrantApplication, 'application')
      .innerJoin(GrantProgramme, 'programme', 'programme.id = application.programmeId')
      .leftJoin(
        FollowUpReport,
        'report',
        'report.applicationId = application.id AND report.status = :approved',
        { approved: FollowUpReportStatus.APPROVED },
      )
      .where('application.organisationId = :organisationId', { organisationId })
      .andWhere('application.status IN (:...awarded)', { awarded: AWARDED_STATUSES })
      .andWhere('application.awarded > 0')
      .andWhere('programme.followUpDueAt < :now', { now: this.clock.now() })
      .andWhere('report.id IS NULL')
      .select('application.id', 'id')
      .getRawMany<{ id: string }>();
    if (overdue.length > 0) {
      throw new DomainError(
        ErrorCode.FOLLOW_UP_OVERDUE,
        'The organisation has a follow-up report that is overdue: submit it (and have it approved) first',
        {
          applicationIds: overdue.map((row) => row.id),
        },
      );
    }
  }

  private requireEligible(programme: GrantProgramme, organisation: Organisation): void {
    this.organisations.requireVerified(organisation);
    if (!programme.eligibleKinds.includes(organisation.kind)) {
      throw DomainError.badInput('The organisation may not apply to this programme', {
        organisationId: [
          `is a ${organisation.kind}; the programme is for ${programme.eligibleKinds.join(', ')}`,
        ],
      });
    }
  }

  private requireAmounts(
    requestedAmount: number,
    budgetLines: { amount: number }[],
    programme: GrantProgramme,
  ): void {
    const problems = applicationAmountProblems(
      requestedAmount,
      budgetLines,
      programme.maxPerApplication,
    );
    if (Object.keys(problems).length > 0) {
      throw DomainError.badInput('The amounts do not hold together', problems);
    }
  }

  private notAccepting(programme: GrantProgramme, to: string): DomainError {
    return new DomainError(
      ErrorCode.INVALID_STATE_TRANSITION,
      'The programme does not accept applications now',
      {
        to,
        programmeStatus: programme.status,
        opensAt: toStockholmIso(programme.opensAt),
        closesAt: toStockholmIso(programme.closesAt),
      },
    );
  }

  private duplicate(applicationId?: string): DomainError {
    return new DomainError(
      ErrorCode.CONFLICT,
      'The organisation already has an application to this programme; withdraw it to start again',
      applicationId ? { applicationId } : undefined,
    );
  }
}
