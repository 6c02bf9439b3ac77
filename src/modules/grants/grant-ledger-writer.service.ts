import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { AuditService } from '../audit';
import { GrantApplication } from './entities/grant-application.entity';
import { GrantLedgerEntry, GrantLedgerKind } from './entities/grant-ledger-entry.entity';
import { GrantProgramme } from './entities/grant-programme.entity';

/**
 * The book-keeping under GrantMoneyService, always in its transaction: appending a ledger entry
 * with its audit record, and the counters kept with the ledger. It checks no rule: the caller has
 * locked the rows and moved the limited counter by its conditional UPDATE.
 */
@Injectable()
export class GrantLedgerWriter {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Adds to one of an award's counters (kept with the ledger in the same transaction). */
  async addToApplication(
    manager: EntityManager,
    applicationId: string,
    column: 'awarded',
    amount: number,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(GrantApplication)
      .set({ [column]: () => `"${column}" + :amount` })
      .where('id = :id', { id: applicationId })
      .setParameter('amount', amount)
      .execute();
  }

  /** Adds to one of a programme's counters (kept with the ledger in the same transaction). */
  async addToProgramme(
    manager: EntityManager,
    programmeId: string,
    column: 'disbursed' | 'recovered',
    amount: number,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(GrantProgramme)
      .set({ [column]: () => `"${column}" + :amount` })
      .where('id = :id', { id: programmeId })
      .setParameter('amount', amount)
      .execute();
  }

  /** Appends the entry and its audit record: who, when, how much, and the totals before and after. */
  async append(
    manager: EntityManager,
    actor: Actor,
    programme: GrantProgramme,
    application: GrantApplication,
    kind: GrantLedgerKind,
    amount: number,
    fields: { occurredAt: Date; reference?: string; note?: string },
  ): Promise<GrantLedgerEntry> {
    const person = requirePerson(actor, 'Only a signed-in officer moves grant money');
    const entry = await manager.save(
      manager.create(GrantLedgerEntry, {
        programmeId: application.programmeId,
        applicationId: application.id,
        organisationId: application.organisationId,
        kind,
        amount,
        occurredAt: fields.occurredAt,
        reference: fields.reference ?? null,
        note: fields.note ?? null,
        recordedById: person.personId,
        recordedAt: this.clock.now(),
      }),
    );
    const moved = (of: GrantLedgerKind[]) => (of.includes(kind) ? amount : 0);
    const allocation = moved([GrantLedgerKind.ALLOCATION, GrantLedgerKind.ADJUSTMENT]);
    const payment = moved([GrantLedgerKind.DISBURSEMENT]);
    const repayment = moved([GrantLedgerKind.RECOVERY]);
    // The rows as locked before the movement, plus the movement (shift 1).
    const totals = (shift: 0 | 1) => ({
      award: {
        awarded: application.awarded + shift * allocation,
        disbursed: application.disbursed + shift * payment,
        recovered: application.recovered + shift * repayment,
      },
      programme: {
        allocated: programme.allocated + shift * allocation,
        disbursed: programme.disbursed + shift * payment,
        recovered: programme.recovered + shift * repayment,
        remaining: programme.budget - programme.allocated - shift * allocation,
      },
    });
    await this.audit.record(manager, actor, {
      action: `grant_ledger.${kind.toLowerCase()}`,
      entityType: 'GrantApplication',
      entityId: application.id,
      before: totals(0),
      after: totals(1),
      detail: {
        ledgerEntryId: entry.id,
        programmeId: application.programmeId,
        kind,
        amount,
        occurredAt: fields.occurredAt.toISOString(),
        ...(fields.reference ? { reference: fields.reference } : {}),
        ...(fields.note ? { reason: fields.note } : {}),
      },
    });
    return entry;
  }
}
