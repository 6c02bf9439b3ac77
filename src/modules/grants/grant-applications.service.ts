import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { Actor, isAdmin, isPerson } from '../../common/actor';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Database } from '../../database/database.service';
import { groupedByKey, LoaderFactory, loaderById } from '../../graphql/loaders';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { AuditService } from '../audit';
import { MembershipRole, OrganisationAccess } from '../organisations';
import { GrantApplicationsArgs } from './dto/grant-application.inputs';
import { GrantApplication, GrantApplicationStatus } from './entities/grant-application.entity';
import { isGrantOfficer } from './grant-programmes.service';

/** Who acts for the applying organisation: applies, submits, withdraws and reports back. */
const APPLICANTS = [MembershipRole.ORG_ADMIN];

/**
 * Reading applications, and what every change to one shares (its lock, the conditional status
 * change, the conflict-of-interest check). The applying organisation's ACTIVE members read its
 * applications; municipal officers read every application once it is submitted (a DRAFT is the
 * organisation's working copy); ADMIN, who may act for any organisation, reads all; everyone else
 * sees nothing of them (NOT_FOUND, and left out of lists). GrantApplyingService is what the
 * organisation does with them.
 */
@Injectable()
export class GrantApplicationsService {
  constructor(
    @InjectRepository(GrantApplication)
    private readonly applications: Repository<GrantApplication>,
    private readonly database: Database,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
  ) {}

  readonly byId: LoaderFactory<string, GrantApplication | null> = () =>
    loaderById(this.applications);

  /** Each organisation's applications, newest first (for `Organisation.grantApplications`). */
  readonly byOrganisation: LoaderFactory<string, GrantApplication[]> = () =>
    new DataLoader(async (organisationIds) => {
      const rows = await this.applications.find({
        where: { organisationId: In([...organisationIds]) },
        order: { createdAt: 'DESC', id: 'DESC' },
      });
      return groupedByKey(organisationIds, rows, (row) => row.organisationId);
    });

  /**
   * Which of an organisation's applications the actor may see: `all` for its ACTIVE members and
   * ADMIN, `submitted` (everything but DRAFT) for municipal officers, `none` for anyone else.
   */
  async visibility(actor: Actor, organisationId: string): Promise<'all' | 'submitted' | 'none'> {
    if (isAdmin(actor) || (await this.access.isActiveMember(actor, organisationId))) return 'all';
    return isGrantOfficer(actor) ? 'submitted' : 'none';
  }

  /** Whether the actor may see this application (see `visibility`). */
  async canSee(
    actor: Actor,
    application: Pick<GrantApplication, 'organisationId' | 'status'>,
  ): Promise<boolean> {
    const visibility = await this.visibility(actor, application.organisationId);
    return (
      visibility === 'all' ||
      (visibility === 'submitted' && application.status !== GrantApplicationStatus.DRAFT)
    );
  }

  /**
   * NOT_FOUND when missing or when the caller may not see it (a municipal officer does not see a
   * DRAFT). Every operation on an application starts here.
   */
  async getVisible(actor: Actor, id: string): Promise<GrantApplication> {
    const application = await this.applications.findOneBy({ id });
    if (!application || !(await this.canSee(actor, application))) {
      throw DomainError.notFound('GrantApplication', id);
    }
    return application;
  }

  /** FORBIDDEN (UNAUTHENTICATED when anonymous) unless an ORG_ADMIN of the organisation, or ADMIN. */
  requireApplicantRole(actor: Actor, organisationId: string): Promise<void> {
    return this.access.requireRole(actor, organisationId, APPLICANTS);
  }

  /** The application as its organisation's ORG_ADMIN acts on it: NOT_FOUND, then FORBIDDEN. */
  async getAsApplicant(actor: Actor, id: string): Promise<GrantApplication> {
    const application = await this.getVisible(actor, id);
    await this.requireApplicantRole(actor, application.organisationId);
    return application;
  }

  /** NOT_FOUND when missing; no access check (reads inside a change that already checked it). */
  async get(
    id: string,
    manager: EntityManager = this.applications.manager,
  ): Promise<GrantApplication> {
    const application = await manager.findOneBy(GrantApplication, { id });
    if (!application) throw DomainError.notFound('GrantApplication', id);
    return application;
  }

  /**
   * A municipal officer (or ADMIN) who is an ACTIVE member of the applying organisation may not
   * handle its application (CONFLICT_OF_INTEREST). Checked inside the transaction that acts.
   */
  async requireImpartial(
    manager: EntityManager,
    actor: Actor,
    organisationId: string,
  ): Promise<void> {
    if (
      isPerson(actor) &&
      (await this.access.isActivePerson(actor.personId, organisationId, manager))
    ) {
      throw new DomainError(
        ErrorCode.CONFLICT_OF_INTEREST,
        'You are a member of the applying organisation and cannot handle its application',
        { organisationId },
      );
    }
  }

  /** Oldest first, as they came in. */
  async list(
    actor: Actor,
    args: GrantApplicationsArgs,
  ): Promise<ConnectionShape<GrantApplication>> {
    const filter = args.filter ?? {};
    const query = this.applications.createQueryBuilder('application');
    await this.restrictToVisible(actor, query);
    if (filter.programmeId) {
      query.andWhere('application.programmeId = :programmeId', { programmeId: filter.programmeId });
    }
    if (filter.organisationId) {
      query.andWhere('application.organisationId = :organisationId', {
        organisationId: filter.organisationId,
      });
    }
    if (filter.status) query.andWhere('application.status = :status', { status: filter.status });
    return paginate(query, args, {
      column: 'application.createdAt',
      direction: 'ASC',
      valueOf: (application) => application.createdAt,
    });
  }

  /** Locks the application row until the transaction ends and returns it as it is now. */
  async lock(manager: EntityManager, id: string): Promise<GrantApplication> {
    const application = await this.database.findOneForUpdate(manager, GrantApplication, { id });
    if (!application) throw DomainError.notFound('GrantApplication', id);
    return application;
  }

  /** Moves the application from the status it has (checked by the caller) and audits it. */
  async changeStatus(
    manager: EntityManager,
    actor: Actor,
    application: GrantApplication,
    to: GrantApplicationStatus,
    changes: Partial<GrantApplication> = {},
    detail?: Record<string, unknown>,
  ): Promise<GrantApplication> {
    const from = application.status;
    // Conditional on the status read: a concurrent change that committed first wins.
    const result = await manager.update(
      GrantApplication,
      { id: application.id, status: from },
      { status: to, ...changes },
    );
    if (!result.affected) {
      const current = await this.get(application.id, manager);
      throw DomainError.invalidTransition('GrantApplication', current.status, to);
    }
    Object.assign(application, { status: to, ...changes });
    await this.audit.record(manager, actor, {
      action: `grant_application.${to.toLowerCase()}`,
      entityType: 'GrantApplication',
      entityId: application.id,
      before: { status: from },
      after: { status: to },
      detail,
    });
    return application;
  }

  private async restrictToVisible(
    actor: Actor,
    query: SelectQueryBuilder<GrantApplication>,
  ): Promise<void> {
    if (isAdmin(actor)) return;
    if (!isGrantOfficer(actor)) {
      await this.access.restrictToOwn(actor, query, 'application.organisationId');
      return;
    }
    // Every submitted application, and drafts only of the officer's own organisations.
    const own = await this.access.activeOrganisationIds(actor);
    query.andWhere(
      own.length === 0
        ? 'application.status <> :draft'
        : '(application.status <> :draft OR application.organisationId IN (:...own))',
      { draft: GrantApplicationStatus.DRAFT, own },
    );
  }
}
