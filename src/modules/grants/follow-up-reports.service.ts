import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { EntityManager, In, Repository } from 'typeorm';
import { Actor, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { isUniqueViolation } from '../../database/database-errors';
import { Database } from '../../database/database.service';
import { byKey, LoaderFactory } from '../../graphql/loaders';
import { AuditService } from '../audit';
import { NotificationKind } from '../notifications';
import {
  FollowUpReportIdInput,
  ReturnFollowUpReportInput,
  SubmitFollowUpReportInput,
} from './dto/grant-money.inputs';
import { FollowUpReport, FollowUpReportStatus } from './entities/follow-up-report.entity';
import { AWARDED_STATUSES } from './entities/grant-application.entity';
import { GrantApplicationsService } from './grant-applications.service';
import { GrantNotices } from './grant-notices.service';

/** What the audit log keeps of a report's content. */
function content(report: FollowUpReport): Record<string, unknown> {
  return { outcomes: report.outcomes, amountSpent: report.amountSpent };
}

/**
 * Follow-up reports (återrapportering): the applying organisation's ORG_ADMIN submits one per award,
 * an officer approves it or returns it with a reason, and a returned report is corrected and
 * submitted again. Each version is in the audit log.
 */
@Injectable()
export class FollowUpReportsService {
  constructor(
    @InjectRepository(FollowUpReport) private readonly reports: Repository<FollowUpReport>,
    private readonly database: Database,
    private readonly applications: GrantApplicationsService,
    private readonly notices: GrantNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  readonly byApplication: LoaderFactory<string, FollowUpReport | null> = () =>
    new DataLoader(async (applicationIds) =>
      byKey(
        applicationIds,
        await this.reports.findBy({ applicationId: In([...applicationIds]) }),
        (report) => report.applicationId,
      ),
    );

  /**
   * The first report, or a corrected one after it was RETURNED (INVALID_STATE_TRANSITION while one
   * waits for an officer or after it was approved). amountSpent is at most the amount awarded.
   */
  async submit(actor: Actor, input: SubmitFollowUpReportInput): Promise<FollowUpReport> {
    const person = requirePerson(actor, 'Only a signed-in ORG_ADMIN submits follow-up reports');
    const found = await this.applications.getAsApplicant(actor, input.applicationId);
    try {
      return await this.database.transaction(async (manager) => {
        // Locked: one submission at a time per application.
        const application = await this.applications.lock(manager, found.id);
        if (!AWARDED_STATUSES.includes(application.status) || application.awarded === 0) {
          throw DomainError.invalidTransition(
            'GrantApplication',
            application.status,
            'FOLLOW_UP_REPORT',
          );
        }
        if (input.amountSpent > application.awarded) {
          throw DomainError.badInput('More than was awarded', {
            amountSpent: [`must be at most the ${application.awarded} öre awarded`],
          });
        }
        const now = this.clock.now();
        const existing = await manager.findOneBy(FollowUpReport, { applicationId: application.id });
        if (!existing) {
          const report = await manager.save(
            manager.create(FollowUpReport, {
              applicationId: application.id,
              outcomes: input.outcomes,
              amountSpent: input.amountSpent,
              status: FollowUpReportStatus.SUBMITTED,
              submissionCount: 1,
              submittedById: person.personId,
              submittedAt: now,
              reviewedById: null,
              reviewedAt: null,
              returnReason: null,
            }),
          );
          await this.record(manager, actor, report, 'grant_follow_up.submitted', {
            after: { status: report.status, ...content(report) },
          });
          return report;
        }
        if (existing.status !== FollowUpReportStatus.RETURNED) {
          throw DomainError.invalidTransition(
            'FollowUpReport',
            existing.status,
            FollowUpReportStatus.SUBMITTED,
          );
        }
        const before = { status: existing.status, ...content(existing) };
        Object.assign(existing, {
          outcomes: input.outcomes,
          amountSpent: input.amountSpent,
          status: FollowUpReportStatus.SUBMITTED,
          submissionCount: existing.submissionCount + 1,
          submittedById: person.personId,
          submittedAt: now,
        });
        const saved = await manager.save(existing);
        await this.record(manager, actor, saved, 'grant_follow_up.resubmitted', {
          before,
          after: { status: saved.status, ...content(saved) },
        });
        return saved;
      });
    } catch (error) {
      // Two first submissions raced past the check: the unique index decided.
      if (isUniqueViolation(error)) {
        throw DomainError.invalidTransition(
          'FollowUpReport',
          FollowUpReportStatus.SUBMITTED,
          FollowUpReportStatus.SUBMITTED,
        );
      }
      throw error;
    }
  }

  /** SUBMITTED → APPROVED: the award is accounted for; unspent paid money becomes a recovery claim. */
  approve(actor: Actor, input: FollowUpReportIdInput): Promise<FollowUpReport> {
    return this.review(actor, input.reportId, FollowUpReportStatus.APPROVED, null);
  }

  /** SUBMITTED → RETURNED with a reason; the organisation's admins are told to correct it. */
  return(actor: Actor, input: ReturnFollowUpReportInput): Promise<FollowUpReport> {
    return this.review(actor, input.reportId, FollowUpReportStatus.RETURNED, input.reason);
  }

  private async review(
    actor: Actor,
    reportId: string,
    to: FollowUpReportStatus.APPROVED | FollowUpReportStatus.RETURNED,
    reason: string | null,
  ): Promise<FollowUpReport> {
    const person = requirePerson(actor, 'Only a signed-in officer reviews follow-up reports');
    const found = await this.reports.findOneBy({ id: reportId });
    if (!found) throw DomainError.notFound('FollowUpReport', reportId);
    return this.database.transaction(async (manager) => {
      const application = await this.applications.lock(manager, found.applicationId);
      await this.applications.requireImpartial(manager, actor, application.organisationId);
      const report = await manager.findOneByOrFail(FollowUpReport, { id: found.id });
      if (report.status !== FollowUpReportStatus.SUBMITTED) {
        throw DomainError.invalidTransition('FollowUpReport', report.status, to);
      }
      const from = report.status;
      Object.assign(report, {
        status: to,
        reviewedById: person.personId,
        reviewedAt: this.clock.now(),
        returnReason: reason,
      });
      const saved = await manager.save(report);
      await this.record(manager, actor, saved, `grant_follow_up.${to.toLowerCase()}`, {
        before: { status: from },
        after: { status: to },
        detail: {
          amountSpent: saved.amountSpent,
          disbursed: application.disbursed,
          ...(reason ? { reason } : {}),
        },
      });
      if (to === FollowUpReportStatus.RETURNED) {
        await this.notices.toOrganisationAdmins(manager, application.organisationId, {
          kind: NotificationKind.FOLLOW_UP_RETURNED,
          params: { reason: reason ?? '' },
          data: { applicationId: application.id, reportId: saved.id },
        });
      }
      return saved;
    });
  }

  /** Audited on the application, whose audit trail is then the whole case. */
  private async record(
    manager: EntityManager,
    actor: Actor,
    report: FollowUpReport,
    action: string,
    change: {
      before?: Record<string, unknown>;
      after?: Record<string, unknown>;
      detail?: Record<string, unknown>;
    },
  ): Promise<void> {
    await this.audit.record(manager, actor, {
      action,
      entityType: 'GrantApplication',
      entityId: report.applicationId,
      before: change.before,
      after: change.after,
      detail: { reportId: report.id, ...change.detail },
    });
  }
}
