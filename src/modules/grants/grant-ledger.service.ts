import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { Repository } from 'typeorm';
import { Actor } from '../../common/actor';
import { LoaderFactory } from '../../graphql/loaders';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { OrganisationAccess } from '../organisations';
import { GrantLedgerArgs } from './dto/grant-money.inputs';
import { GrantLedgerEntry, GrantLedgerKind } from './entities/grant-ledger-entry.entity';
import { GrantProgrammesService, isGrantOfficer } from './grant-programmes.service';

/** Sums of one owner's (a programme's or an application's) ledger entries, in öre. */
export interface LedgerTotals {
  /** ALLOCATION + ADJUSTMENT: the programme's allocated money, or the application's award. */
  allocated: number;
  disbursed: number;
  recovered: number;
}

const NO_MONEY: LedgerTotals = Object.freeze({ allocated: 0, disbursed: 0, recovered: 0 });

/**
 * Reading the append-only ledger (GrantMoneyService writes it). What the API shows as totals are
 * sums of the ledger itself, one GROUP BY per page of programmes or applications; a test compares
 * them with the counters the writes keep.
 */
@Injectable()
export class GrantLedgerService {
  constructor(
    @InjectRepository(GrantLedgerEntry) private readonly entries: Repository<GrantLedgerEntry>,
    private readonly programmes: GrantProgrammesService,
    private readonly access: OrganisationAccess,
  ) {}

  readonly totalsByProgramme: LoaderFactory<string, LedgerTotals> = () =>
    new DataLoader((ids) => this.sums('programmeId', ids));

  readonly totalsByApplication: LoaderFactory<string, LedgerTotals> = () =>
    new DataLoader((ids) => this.sums('applicationId', ids));

  /** One GROUP BY over the ledger for a page of owners. */
  private async sums(
    column: 'programmeId' | 'applicationId',
    ids: readonly string[],
  ): Promise<LedgerTotals[]> {
    const rows = await this.entries
      .createQueryBuilder('entry')
      .select(`entry.${column}`, 'ownerId')
      .addSelect('entry.kind', 'kind')
      .addSelect('SUM(entry.amount)', 'total')
      .where(`entry.${column} IN (:...ids)`, { ids: [...ids] })
      .groupBy(`entry.${column}`)
      .addGroupBy('entry.kind')
      .getRawMany<{ ownerId: string; kind: GrantLedgerKind; total: string | number }>();
    const totals = new Map<string, LedgerTotals>(ids.map((id) => [id, { ...NO_MONEY }]));
    for (const row of rows) {
      const owner = totals.get(row.ownerId);
      if (!owner) continue;
      const total = Number(row.total);
      if (row.kind === GrantLedgerKind.DISBURSEMENT) owner.disbursed += total;
      else if (row.kind === GrantLedgerKind.RECOVERY) owner.recovered += total;
      else owner.allocated += total;
    }
    return ids.map((id) => totals.get(id) ?? { ...NO_MONEY });
  }

  /**
   * A programme's entries in the order they were recorded. Officers see all; members of an
   * applying organisation see their organisation's entries; others an empty page.
   */
  async list(actor: Actor, args: GrantLedgerArgs): Promise<ConnectionShape<GrantLedgerEntry>> {
    const programme = await this.programmes.getVisible(actor, args.programmeId);
    const query = this.entries
      .createQueryBuilder('entry')
      .where('entry.programmeId = :programmeId', { programmeId: programme.id });
    if (args.applicationId) {
      query.andWhere('entry.applicationId = :applicationId', { applicationId: args.applicationId });
    }
    if (!isGrantOfficer(actor)) {
      await this.access.restrictToOwn(actor, query, 'entry.organisationId');
    }
    return paginate(query, args, {
      column: 'entry.recordedAt',
      direction: 'ASC',
      valueOf: (entry) => entry.recordedAt,
    });
  }
}
