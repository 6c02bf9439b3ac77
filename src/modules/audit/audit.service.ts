import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor, actorRef, isAdmin } from '../../common/actor';
import { DomainError } from '../../common/errors/domain-error';
import { Clock } from '../../common/clock';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { AuditLogArgs } from './dto/audit-log.args';
import { AuditLogEntry } from './entities/audit-log-entry.entity';

export interface AuditRecord {
  /** e.g. `organisation.verified` */
  action: string;
  /** e.g. `Organisation` */
  entityType: string;
  entityId: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** Anything else worth keeping: a reason, an amount. */
  detail?: Record<string, unknown>;
}

/**
 * Writes and reads the append-only audit log. Writers pass the EntityManager of their transaction,
 * so the entry commits or rolls back with the change it records.
 */
/** Entries only ADMIN reads, whatever record they are about. */
export const ADMIN_ONLY_ACTIONS = ['person.protected_identity_changed'];

const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+/g;
export const HIDDEN_ADDRESS = '[address hidden]';

/** A summary with every e-mail address replaced (for readers other than ADMIN). */
export function withoutAddresses(value: Record<string, unknown>): Record<string, unknown> {
  const hide = (item: unknown): unknown => {
    if (typeof item === 'string') return item.replace(EMAIL, HIDDEN_ADDRESS);
    if (Array.isArray(item)) return item.map(hide);
    if (item && typeof item === 'object' && !(item instanceof Date)) {
      return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, hide(inner)]));
    }
    return item;
  };
  return hide(value) as Record<string, unknown>;
}

@Injectable()
export class AuditService {
  /** Kinds of record whose entries only ADMIN reads (see `restrictToAdmin`). */
  private readonly adminOnly = new Set<string>();

  constructor(
    @InjectRepository(AuditLogEntry) private readonly entries: Repository<AuditLogEntry>,
    private readonly clock: Clock,
  ) {}

  /**
   * Entries about these kinds of record are for ADMIN only: a module whose records are
   * confidential even from municipal officers (placement requests, shelters) says so at start-up.
   */
  restrictToAdmin(...entityTypes: string[]): void {
    for (const entityType of entityTypes) this.adminOnly.add(entityType);
  }

  async record(manager: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
    await this.recordMany(manager, actor, [record]);
  }

  /** Several entries in one statement, e.g. one per placement request a list returned. */
  async recordMany(manager: EntityManager, actor: Actor, records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { personId, apiClientId } = actorRef(actor);
    const at = this.clock.now();
    await manager.save(
      records.map((record) => {
        const summary: Record<string, unknown> = {};
        if (record.before) summary.before = record.before;
        if (record.after) summary.after = record.after;
        if (record.detail) Object.assign(summary, record.detail);
        return manager.create(AuditLogEntry, {
          at,
          actorPersonId: personId,
          actorApiClientId: apiClientId,
          action: record.action,
          entityType: record.entityType,
          entityId: record.entityId,
          summary,
        });
      }),
    );
  }

  /**
   * Newest first. Access (ADMIN, MUNICIPAL_OFFICER) is declared on the resolver; entries about the
   * kinds of record restricted to ADMIN are left out for everyone else.
   */
  async list(actor: Actor, args: AuditLogArgs): Promise<ConnectionShape<AuditLogEntry>> {
    const query = this.entries.createQueryBuilder('entry');
    const filter = args.filter ?? {};
    if (!isAdmin(actor)) {
      // Who has protected identity is for ADMIN only.
      query.andWhere('entry.action NOT IN (:...adminOnlyActions)', {
        adminOnlyActions: ADMIN_ONLY_ACTIONS,
      });
    }
    if (!isAdmin(actor) && this.adminOnly.size > 0) {
      if (filter.entityType && this.adminOnly.has(filter.entityType)) {
        throw DomainError.forbidden(
          `Only ADMIN reads the audit log of ${filter.entityType} records`,
        );
      }
      query.andWhere('entry.entityType NOT IN (:...adminOnly)', { adminOnly: [...this.adminOnly] });
    }
    if (filter.entityType)
      query.andWhere('entry.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId)
      query.andWhere('entry.entityId = :entityId', { entityId: filter.entityId });
    if (filter.actorPersonId) {
      query.andWhere('entry.actorPersonId = :actorPersonId', {
        actorPersonId: filter.actorPersonId,
      });
    }
    if (filter.action) query.andWhere('entry.action = :action', { action: filter.action });
    if (filter.from) query.andWhere('entry.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('entry.at < :to', { to: filter.to });
    const page = await paginate(query, args, {
      column: 'entry.at',
      direction: 'DESC',
      valueOf: (entry) => entry.at,
    });
    if (!isAdmin(actor)) {
      for (const edge of page.edges) edge.node.summary = withoutAddresses(edge.node.summary);
    }
    return page;
  }
}
