import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { toStockholmIso } from '../../common/time';
import { Database } from '../../database/database.service';
import { NotificationKind } from '../notifications';
import {
  RecordAdjustmentInput,
  RecordDisbursementInput,
  RecordRecoveryInput,
} from './dto/grant-money.inputs';
import { FollowUpReport, FollowUpReportStatus } from './entities/follow-up-report.entity';
import { AWARDED_STATUSES, GrantApplication } from './entities/grant-application.entity';
import { GrantLedgerEntry, GrantLedgerKind } from './entities/grant-ledger-entry.entity';
import { GrantProgramme, GrantProgrammeStatus } from './entities/grant-programme.entity';
import { GrantApplicationsService } from './grant-applications.service';
import { GrantLedgerWriter } from './grant-ledger-writer.service';
import { GrantNotices } from './grant-notices.service';
import { GrantProgrammesService } from './grant-programmes.service';
import { formatKronor, outstandingRecovery } from './grants.rules';

const AWARDED = AWARDED_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * Every movement of grant money, each in one transaction: a conditional UPDATE of the counters the
 * rule limits (the programme's `allocated + x <= budget`, the award's `disbursed + x <= awarded`,
 * the claim's `recovered + x <= disbursed − spent`), the append-only ledger entry and its audit
 * entry (who, when, the amount, the totals before and after; GrantLedgerWriter) and the
 * notification. The conditional
 * UPDATE decides under any concurrency (it re-reads the row it locks); CHECK constraints on the
 * counters are the last line of defence.
 *
 * Lock order: every change that touches a programme and one of its applications locks the
 * programme row first, then the application row (decide, withdraw, submit, and each movement here),
 * so two of them never wait for each other in a cycle (a deadlock on PostgreSQL). Holding the
 * programme's lock also orders a movement against archiving: once the programme is ARCHIVED, no
 * money moves (INVALID_STATE_TRANSITION).
 */
@Injectable()
export class GrantMoneyService {
  constructor(
    private readonly database: Database,
    private readonly programmes: GrantProgrammesService,
    private readonly applications: GrantApplicationsService,
    private readonly notices: GrantNotices,
    private readonly ledger: GrantLedgerWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * Reserves a decided award from the programme's budget (GRANT_BUDGET_EXCEEDED when it does not
   * fit). Runs in the decision's transaction.
   */
  async allocate(
    manager: EntityManager,
    actor: Actor,
    programme: GrantProgramme,
    application: GrantApplication,
    amount: number,
    decidedAt: Date,
  ): Promise<GrantLedgerEntry> {
    await this.reserve(manager, programme, amount, `, not ${formatKronor(amount)}`);
    await this.ledger.addToApplication(manager, application.id, 'awarded', amount);
    return this.ledger.append(
      manager,
      actor,
      programme,
      application,
      GrantLedgerKind.ALLOCATION,
      amount,
      {
        occurredAt: decidedAt,
      },
    );
  }

  /**
   * A payment of an award: never more than what remains of it (GRANT_BUDGET_EXCEEDED), dated
   * between the decision (to the second) and now (BAD_USER_INPUT), and not once the follow-up report is approved
   * (INVALID_STATE_TRANSITION: the award is accounted for; a payment would only become a claim).
   */
  async disburse(actor: Actor, input: RecordDisbursementInput): Promise<GrantLedgerEntry> {
    requirePerson(actor, 'Only a signed-in officer records payments');
    const found = await this.applications.getVisible(actor, input.applicationId);
    if (input.paidAt > this.clock.now()) {
      throw DomainError.badInput('A payment is recorded once made', {
        paidAt: ['must not be in the future'],
      });
    }
    return this.database.transaction(async (manager) => {
      const { programme, application } = await this.prepare(
        manager,
        actor,
        found,
        GrantLedgerKind.DISBURSEMENT,
      );
      // To the second: a time written by hand (`date -u +%FT%TZ` right after the decision) has
      // none of the decision's milliseconds.
      const decidedSecond = application.decidedAt
        ? Math.floor(application.decidedAt.getTime() / 1000) * 1000
        : null;
      if (decidedSecond !== null && input.paidAt.getTime() < decidedSecond) {
        throw DomainError.badInput('A payment cannot precede the decision', {
          paidAt: [
            `must be at or after the decision (${toStockholmIso(application.decidedAt!)}), to the second`,
          ],
        });
      }
      const report = await this.reportOf(manager, application.id);
      if (report?.status === FollowUpReportStatus.APPROVED) {
        throw new DomainError(
          ErrorCode.INVALID_STATE_TRANSITION,
          'The follow-up report is approved: the award is accounted for and takes no more payments',
          { followUpReportStatus: report.status, to: GrantLedgerKind.DISBURSEMENT },
        );
      }
      const paid = await manager
        .createQueryBuilder()
        .update(GrantApplication)
        .set({ disbursed: () => '"disbursed" + :amount' })
        .where('id = :id', { id: application.id })
        .andWhere(`status IN (${AWARDED})`)
        .andWhere('"disbursed" + :amount <= "awarded"')
        .setParameter('amount', input.amount)
        .execute();
      if (!paid.affected) {
        const current = await this.applications.get(application.id, manager);
        this.requireAwarded(current, GrantLedgerKind.DISBURSEMENT);
        throw new DomainError(
          ErrorCode.GRANT_BUDGET_EXCEEDED,
          `Only ${formatKronor(current.awarded - current.disbursed)} of the award remains to be paid`,
          {
            awarded: current.awarded,
            disbursed: current.disbursed,
            remaining: current.awarded - current.disbursed,
            requested: input.amount,
          },
        );
      }
      await this.ledger.addToProgramme(manager, application.programmeId, 'disbursed', input.amount);
      const entry = await this.ledger.append(
        manager,
        actor,
        programme,
        application,
        GrantLedgerKind.DISBURSEMENT,
        input.amount,
        { occurredAt: input.paidAt, reference: input.reference },
      );
      await this.notices.toOrganisationAdmins(manager, application.organisationId, {
        kind: NotificationKind.GRANT_PAYMENT_MADE,
        params: { amount: input.amount, reference: input.reference },
        data: { applicationId: application.id, ledgerEntryId: entry.id, amount: input.amount },
      });
      return entry;
    });
  }

  /**
   * Money paid back after an approved follow-up report: never more than the unspent disbursed
   * money still owed, and received between the first payment of the award and now
   * (BAD_USER_INPUT).
   */
  async recover(actor: Actor, input: RecordRecoveryInput): Promise<GrantLedgerEntry> {
    requirePerson(actor, 'Only a signed-in officer records recoveries');
    const found = await this.applications.getVisible(actor, input.applicationId);
    if (input.receivedAt > this.clock.now()) {
      throw DomainError.badInput('A repayment is recorded once received', {
        receivedAt: ['must not be in the future'],
      });
    }
    return this.database.transaction(async (manager) => {
      const { programme, application } = await this.prepare(
        manager,
        actor,
        found,
        GrantLedgerKind.RECOVERY,
      );
      const report = await this.reportOf(manager, application.id);
      if (report?.status !== FollowUpReportStatus.APPROVED) {
        throw new DomainError(
          ErrorCode.INVALID_STATE_TRANSITION,
          'Unspent money is recovered after the follow-up report is approved',
          { followUpReportStatus: report?.status ?? null, to: GrantLedgerKind.RECOVERY },
        );
      }
      const firstPaidAt = await this.firstPaymentAt(manager, application.id);
      if (firstPaidAt && input.receivedAt < firstPaidAt) {
        throw DomainError.badInput('Money cannot come back before it was paid out', {
          receivedAt: [`must be at or after the first payment (${toStockholmIso(firstPaidAt)})`],
        });
      }
      const recovered = await manager
        .createQueryBuilder()
        .update(GrantApplication)
        .set({ recovered: () => '"recovered" + :amount' })
        .where('id = :id', { id: application.id })
        .andWhere('"recovered" + :amount <= "disbursed" - :spent')
        .setParameters({ amount: input.amount, spent: report.amountSpent })
        .execute();
      if (!recovered.affected) {
        const current = await this.applications.get(application.id, manager);
        const owed = outstandingRecovery(current, report);
        throw DomainError.badInput('More than the organisation owes back', {
          amount: [`must be at most the ${owed} öre of unspent money still owed`],
        });
      }
      await this.ledger.addToProgramme(manager, application.programmeId, 'recovered', input.amount);
      return this.ledger.append(
        manager,
        actor,
        programme,
        application,
        GrantLedgerKind.RECOVERY,
        input.amount,
        {
          occurredAt: input.receivedAt,
          reference: input.reference,
        },
      );
    });
  }

  /**
   * Corrects a decided award by an ADJUSTMENT entry: up within the programme budget
   * (GRANT_BUDGET_EXCEEDED) and the requested amount, and only until the follow-up report is
   * approved (INVALID_STATE_TRANSITION: a raise could no longer be paid); down not below what has
   * been paid (BAD_USER_INPUT). Down is also how an officer releases the unpaid rest of an award
   * back to the programme's budget, e.g. before archiving it. The decision itself stays as it was.
   */
  async adjust(actor: Actor, input: RecordAdjustmentInput): Promise<GrantLedgerEntry> {
    requirePerson(actor, 'Only a signed-in officer adjusts awards');
    const found = await this.applications.getVisible(actor, input.applicationId);
    return this.database.transaction(async (manager) => {
      const { programme, application } = await this.prepare(
        manager,
        actor,
        found,
        GrantLedgerKind.ADJUSTMENT,
      );
      if (input.amount > 0) {
        const report = await this.reportOf(manager, application.id);
        if (report?.status === FollowUpReportStatus.APPROVED) {
          throw new DomainError(
            ErrorCode.INVALID_STATE_TRANSITION,
            'The follow-up report is approved: the award can be lowered, not raised',
            { followUpReportStatus: report.status, to: GrantLedgerKind.ADJUSTMENT },
          );
        }
      }
      const changed = await manager
        .createQueryBuilder()
        .update(GrantApplication)
        .set({ awarded: () => '"awarded" + :amount' })
        .where('id = :id', { id: application.id })
        .andWhere(`status IN (${AWARDED})`)
        .andWhere('"awarded" + :amount >= "disbursed"')
        .andWhere('"awarded" + :amount <= "requestedAmount"')
        .setParameter('amount', input.amount)
        .execute();
      if (!changed.affected) {
        const current = await this.applications.get(application.id, manager);
        this.requireAwarded(current, GrantLedgerKind.ADJUSTMENT);
        throw DomainError.badInput('The award would leave its bounds', {
          amount: [
            `must be from ${current.disbursed - current.awarded} (down to what has been paid) to ` +
              `${current.requestedAmount - current.awarded} (up to the requested amount)`,
          ],
        });
      }
      await this.reserve(manager, programme, input.amount);
      return this.ledger.append(
        manager,
        actor,
        programme,
        application,
        GrantLedgerKind.ADJUSTMENT,
        input.amount,
        {
          occurredAt: this.clock.now(),
          note: input.reason,
        },
      );
    });
  }

  /**
   * Locks the programme row and then the application row (the lock order of the class comment)
   * and checks what every movement shares: the officer is impartial, the award is decided with
   * money, and the programme is not ARCHIVED. Returns the application as it is now.
   */
  private async prepare(
    manager: EntityManager,
    actor: Actor,
    found: GrantApplication,
    kind: GrantLedgerKind,
  ): Promise<{ programme: GrantProgramme; application: GrantApplication }> {
    const programme = await this.programmes.lock(manager, found.programmeId);
    const application = await this.applications.lock(manager, found.id);
    await this.applications.requireImpartial(manager, actor, application.organisationId);
    this.requireAwarded(application, kind);
    if (programme.status === GrantProgrammeStatus.ARCHIVED) {
      throw DomainError.invalidTransition('GrantProgramme', programme.status, kind);
    }
    return { programme, application };
  }

  /** Reserves `amount` of the locked programme's budget (GRANT_BUDGET_EXCEEDED when it does not fit). */
  private async reserve(
    manager: EntityManager,
    programme: GrantProgramme,
    amount: number,
    suffix = '',
  ): Promise<void> {
    const fits = await manager
      .createQueryBuilder()
      .update(GrantProgramme)
      .set({ allocated: () => '"allocated" + :amount' })
      .where('id = :id', { id: programme.id })
      .andWhere('"allocated" + :amount <= "budget"')
      .setParameter('amount', amount)
      .execute();
    if (fits.affected) return;
    const remaining = programme.budget - programme.allocated;
    throw new DomainError(
      ErrorCode.GRANT_BUDGET_EXCEEDED,
      `The programme has ${formatKronor(remaining)} left${suffix}`,
      { budget: programme.budget, allocated: programme.allocated, remaining, requested: amount },
    );
  }

  private reportOf(manager: EntityManager, applicationId: string): Promise<FollowUpReport | null> {
    return manager.findOneBy(FollowUpReport, { applicationId });
  }

  /** When the award was first paid (null before any payment). */
  private async firstPaymentAt(
    manager: EntityManager,
    applicationId: string,
  ): Promise<Date | null> {
    const first = await manager.findOne(GrantLedgerEntry, {
      where: { applicationId, kind: GrantLedgerKind.DISBURSEMENT },
      order: { occurredAt: 'ASC' },
    });
    return first?.occurredAt ?? null;
  }

  private requireAwarded(application: GrantApplication, kind: GrantLedgerKind): void {
    if (!AWARDED_STATUSES.includes(application.status)) {
      throw DomainError.invalidTransition('GrantApplication', application.status, kind);
    }
  }
}
