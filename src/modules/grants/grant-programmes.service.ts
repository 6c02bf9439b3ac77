import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { Actor, hasSystemRole, isPerson, SystemRole } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Database } from '../../database/database.service';
import { whereJsonArrayHas } from '../../database/json-array';
import { LoaderFactory, loaderById } from '../../graphql/loaders';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { AuditService } from '../audit';
import {
  CreateGrantProgrammeInput,
  GrantProgrammeIdInput,
  GrantProgrammesArgs,
  UpdateGrantProgrammeInput,
} from './dto/grant-programme.inputs';
import { FollowUpReport, FollowUpReportStatus } from './entities/follow-up-report.entity';
import {
  GrantApplication,
  PENDING_APPLICATION_STATUSES,
} from './entities/grant-application.entity';
import { GrantProgramme, GrantProgrammeStatus } from './entities/grant-programme.entity';
import {
  archiveBlockers,
  ASSESSING,
  canChangeProgramme,
  changedFields,
  hasArchiveBlockers,
  programmeShapeProblems,
} from './grants.rules';

/** The audit action of each status a programme moves to. */
const STATUS_ACTIONS: Record<GrantProgrammeStatus, string> = {
  [GrantProgrammeStatus.DRAFT]: 'drafted',
  [GrantProgrammeStatus.OPEN]: 'opened',
  [GrantProgrammeStatus.CLOSED]: 'closed',
  [GrantProgrammeStatus.DECIDED]: 'decided',
  [GrantProgrammeStatus.ARCHIVED]: 'archived',
};

/** Municipal officers (and ADMIN) run programmes and see drafts. */
export function isGrantOfficer(actor: Actor): boolean {
  return hasSystemRole(actor, SystemRole.MUNICIPAL_OFFICER);
}

/** The terms of a programme recorded in the audit log. */
function terms(programme: GrantProgramme): Record<string, unknown> {
  return {
    name: programme.name,
    description: programme.description,
    fiscalYear: programme.fiscalYear,
    budget: programme.budget,
    eligibleKinds: programme.eligibleKinds,
    opensAt: programme.opensAt.toISOString(),
    closesAt: programme.closesAt.toISOString(),
    maxPerApplication: programme.maxPerApplication,
    followUpDueAt: programme.followUpDueAt.toISOString(),
    criteria: programme.criteria,
  };
}

/**
 * Grant programmes: officers create them as DRAFT, change them only then, open and close them and
 * archive them; CLOSED becomes DECIDED by itself when no application waits for a decision. Every
 * signed-in person sees programmes that are not DRAFT (organisations need them to apply).
 */
@Injectable()
export class GrantProgrammesService {
  constructor(
    @InjectRepository(GrantProgramme) private readonly programmes: Repository<GrantProgramme>,
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  readonly byId: LoaderFactory<string, GrantProgramme | null> = () => loaderById(this.programmes);

  /** NOT_FOUND when missing, and for a DRAFT unless the caller is an officer. */
  async getVisible(actor: Actor, id: string): Promise<GrantProgramme> {
    const programme = await this.programmes.findOneBy({ id });
    if (!programme || (programme.status === GrantProgrammeStatus.DRAFT && !isGrantOfficer(actor))) {
      throw DomainError.notFound('GrantProgramme', id);
    }
    return programme;
  }

  /** NOT_FOUND when missing. */
  async get(id: string, manager: EntityManager = this.programmes.manager): Promise<GrantProgramme> {
    const programme = await manager.findOneBy(GrantProgramme, { id });
    if (!programme) throw DomainError.notFound('GrantProgramme', id);
    return programme;
  }

  /** Locks the programme row until the transaction ends (decisions and status changes queue on it). */
  async lock(manager: EntityManager, id: string): Promise<GrantProgramme> {
    const programme = await this.database.findOneForUpdate(manager, GrantProgramme, { id });
    if (!programme) throw DomainError.notFound('GrantProgramme', id);
    return programme;
  }

  /** Newest window first. */
  list(actor: Actor, args: GrantProgrammesArgs): Promise<ConnectionShape<GrantProgramme>> {
    const filter = args.filter ?? {};
    const query = this.programmes.createQueryBuilder('programme');
    this.restrictToVisible(actor, query);
    if (filter.status) query.andWhere('programme.status = :status', { status: filter.status });
    if (filter.fiscalYear) {
      query.andWhere('programme.fiscalYear = :fiscalYear', { fiscalYear: filter.fiscalYear });
    }
    if (filter.eligibleKind) {
      whereJsonArrayHas(query, 'programme.eligibleKinds', 'kind', filter.eligibleKind);
    }
    return paginate(query, args, {
      column: 'programme.opensAt',
      direction: 'DESC',
      valueOf: (programme) => programme.opensAt,
    });
  }

  async create(
    actor: Actor,
    input: CreateGrantProgrammeInput,
    options: { id?: string } = {},
  ): Promise<GrantProgramme> {
    if (!isPerson(actor)) throw DomainError.forbidden();
    const shape = { ...input, criteria: this.criteria(input.criteria) };
    this.requireWellFormed(shape);
    return this.database.transaction(async (manager) => {
      const programme = await manager.save(
        manager.create(GrantProgramme, {
          id: options.id,
          name: input.name,
          description: input.description ?? '',
          fiscalYear: input.fiscalYear,
          budget: input.budget,
          eligibleKinds: input.eligibleKinds,
          opensAt: input.opensAt,
          closesAt: input.closesAt,
          maxPerApplication: input.maxPerApplication,
          followUpDueAt: input.followUpDueAt,
          criteria: shape.criteria,
          status: GrantProgrammeStatus.DRAFT,
          allocated: 0,
          disbursed: 0,
          recovered: 0,
          createdById: actor.personId,
          createdAt: this.clock.now(),
          openedAt: null,
          closedAt: null,
          decidedAt: null,
          archivedAt: null,
        }),
      );
      await this.audit.record(manager, actor, {
        action: 'grant_programme.created',
        entityType: 'GrantProgramme',
        entityId: programme.id,
        after: { ...terms(programme), status: programme.status },
      });
      return programme;
    });
  }

  /** DRAFT only: once open, organisations rely on the terms. */
  async update(actor: Actor, input: UpdateGrantProgrammeInput): Promise<GrantProgramme> {
    return this.database.transaction(async (manager) => {
      const programme = await this.lock(manager, input.programmeId);
      if (programme.status !== GrantProgrammeStatus.DRAFT) {
        throw DomainError.invalidTransition('GrantProgramme', programme.status, 'UPDATED');
      }
      const before = terms(programme);
      const { programmeId: _id, criteria, ...changes } = input;
      const defined = Object.fromEntries(
        Object.entries(changes).filter(([, value]) => value !== undefined),
      );
      Object.assign(programme, defined);
      if (criteria) programme.criteria = this.criteria(criteria);
      this.requireWellFormed(programme);
      const saved = await manager.save(programme);
      const diff = changedFields(before, terms(saved));
      if (diff) {
        await this.audit.record(manager, actor, {
          action: 'grant_programme.updated',
          entityType: 'GrantProgramme',
          entityId: saved.id,
          ...diff,
        });
      }
      return saved;
    });
  }

  /** DRAFT → OPEN: published; organisations apply from opensAt. Not once closesAt has passed. */
  async open(actor: Actor, input: GrantProgrammeIdInput): Promise<GrantProgramme> {
    return this.database.transaction(async (manager) => {
      const programme = await this.lock(manager, input.programmeId);
      this.requireTransition(programme, GrantProgrammeStatus.OPEN);
      const now = this.clock.now();
      if (programme.closesAt <= now) {
        throw DomainError.badInput('The application window has already ended', {
          closesAt: ['must be in the future to open the programme'],
        });
      }
      return this.changeStatus(manager, actor, programme, GrantProgrammeStatus.OPEN, {
        openedAt: now,
      });
    });
  }

  /** OPEN → CLOSED (before closesAt, or as the scheduled job does at it); DECIDED if nothing waits. */
  async close(actor: Actor, input: GrantProgrammeIdInput): Promise<GrantProgramme> {
    return this.database.transaction(async (manager) => {
      const programme = await this.lock(manager, input.programmeId);
      return this.closeLocked(manager, actor, programme);
    });
  }

  /** Closes a programme whose row the caller has locked. */
  async closeLocked(
    manager: EntityManager,
    actor: Actor,
    programme: GrantProgramme,
    detail?: Record<string, unknown>,
  ): Promise<GrantProgramme> {
    this.requireTransition(programme, GrantProgrammeStatus.CLOSED);
    const closed = await this.changeStatus(
      manager,
      actor,
      programme,
      GrantProgrammeStatus.CLOSED,
      { closedAt: this.clock.now() },
      detail,
    );
    return this.completeIfDecided(manager, actor, closed);
  }

  /**
   * A CLOSED programme with no application waiting (SUBMITTED or UNDER_REVIEW) becomes DECIDED. Its
   * row must be locked by the caller: every change that can end the last pending application
   * (decide, withdraw, close) locks it first, so two of them cannot each miss the other.
   */
  async completeIfDecided(
    manager: EntityManager,
    actor: Actor,
    programme: GrantProgramme,
  ): Promise<GrantProgramme> {
    if (programme.status !== GrantProgrammeStatus.CLOSED) return programme;
    const pending = await manager.countBy(GrantApplication, {
      programmeId: programme.id,
      status: In(PENDING_APPLICATION_STATUSES),
    });
    if (pending > 0) return programme;
    return this.changeStatus(
      manager,
      actor,
      programme,
      GrantProgrammeStatus.DECIDED,
      { decidedAt: this.clock.now() },
      { automatic: true },
    );
  }

  /**
   * DECIDED → ARCHIVED: the books are closed. Only when every award has an approved follow-up
   * report, is paid in full (an unpaid rest is released first with a negative ADJUSTMENT, which
   * returns it to the budget) and nobody owes unspent money back; otherwise
   * INVALID_STATE_TRANSITION naming the applications (and the unpaid amounts). Afterwards nothing
   * about it changes: every movement of money locks the programme row first and refuses an
   * ARCHIVED programme. The audit entry keeps the closing totals.
   */
  async archive(actor: Actor, input: GrantProgrammeIdInput): Promise<GrantProgramme> {
    return this.database.transaction(async (manager) => {
      const programme = await this.lock(manager, input.programmeId);
      this.requireTransition(programme, GrantProgrammeStatus.ARCHIVED);
      const rows = await manager
        .createQueryBuilder(GrantApplication, 'application')
        .leftJoin(
          FollowUpReport,
          'report',
          'report.applicationId = application.id AND report.status = :approved',
          { approved: FollowUpReportStatus.APPROVED },
        )
        .select('application.id', 'id')
        .addSelect('report.amountSpent', 'amountSpent')
        .addSelect('application.awarded', 'awarded')
        .addSelect('application.disbursed', 'disbursed')
        .addSelect('application.recovered', 'recovered')
        .where('application.programmeId = :id', { id: programme.id })
        .andWhere('application.awarded > 0')
        .orderBy('application.createdAt', 'ASC')
        .addOrderBy('application.id', 'ASC')
        .getRawMany<{
          id: string;
          amountSpent: string | number | null;
          awarded: string | number;
          disbursed: string | number;
          recovered: string | number;
        }>();
      const blockers = archiveBlockers(
        rows.map((row) => ({
          applicationId: row.id,
          awarded: Number(row.awarded),
          disbursed: Number(row.disbursed),
          recovered: Number(row.recovered),
          approvedSpent: row.amountSpent === null ? null : Number(row.amountSpent),
        })),
      );
      if (hasArchiveBlockers(blockers)) {
        throw new DomainError(
          ErrorCode.INVALID_STATE_TRANSITION,
          'Before archiving, every award needs an approved follow-up report, its unpaid rest released ' +
            '(a negative adjustment) and no unspent money owed back',
          { from: programme.status, to: GrantProgrammeStatus.ARCHIVED, ...blockers },
        );
      }
      return this.changeStatus(
        manager,
        actor,
        programme,
        GrantProgrammeStatus.ARCHIVED,
        { archivedAt: this.clock.now() },
        {
          budget: programme.budget,
          allocated: programme.allocated,
          disbursed: programme.disbursed,
          recovered: programme.recovered,
        },
      );
    });
  }

  /** INVALID_STATE_TRANSITION unless the programme takes decisions now (OPEN or CLOSED). */
  requireAssessing(programme: GrantProgramme, to: string): void {
    if (!ASSESSING.includes(programme.status)) {
      throw DomainError.invalidTransition('GrantProgramme', programme.status, to);
    }
  }

  private requireTransition(programme: GrantProgramme, to: GrantProgrammeStatus): void {
    if (!canChangeProgramme(programme.status, to)) {
      throw DomainError.invalidTransition('GrantProgramme', programme.status, to);
    }
  }

  private async changeStatus(
    manager: EntityManager,
    actor: Actor,
    programme: GrantProgramme,
    to: GrantProgrammeStatus,
    stamps: Partial<Pick<GrantProgramme, 'openedAt' | 'closedAt' | 'decidedAt' | 'archivedAt'>>,
    detail?: Record<string, unknown>,
  ): Promise<GrantProgramme> {
    const from = programme.status;
    await manager.update(GrantProgramme, { id: programme.id }, { status: to, ...stamps });
    Object.assign(programme, { status: to, ...stamps });
    await this.audit.record(manager, actor, {
      action: `grant_programme.${STATUS_ACTIONS[to]}`,
      entityType: 'GrantProgramme',
      entityId: programme.id,
      before: { status: from },
      after: { status: to },
      detail,
    });
    return programme;
  }

  private criteria(input: { name: string; weight: number }[]): { name: string; weight: number }[] {
    return input.map(({ name, weight }) => ({ name: name.trim(), weight }));
  }

  private requireWellFormed(shape: Parameters<typeof programmeShapeProblems>[0]): void {
    const problems = programmeShapeProblems(shape);
    if (Object.keys(problems).length > 0) {
      throw DomainError.badInput('The programme is not well-formed', problems);
    }
  }

  private restrictToVisible(actor: Actor, query: SelectQueryBuilder<GrantProgramme>): void {
    if (isGrantOfficer(actor)) return;
    query.andWhere('programme.status <> :draft', { draft: GrantProgrammeStatus.DRAFT });
  }
}
