import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { EntityManager, In, Repository } from 'typeorm';
import { Actor, hasSystemRole, isPerson, SystemRole } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { containsPattern } from '../../common/text';
import { isUniqueViolation } from '../../database/database-errors';
import { Database } from '../../database/database.service';
import { groupedByKey, LoaderFactory, loaderById } from '../../graphql/loaders';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { AuditService } from '../audit';
import { DistrictsService } from '../districts';
import { Person } from '../people';
import {
  OrganisationDecisionInput,
  OrganisationsArgs,
  RegisterOrganisationInput,
  UpdateOrganisationInput,
} from './dto/organisation.inputs';
import {
  Membership,
  MembershipRole,
  membershipSnapshot,
  MembershipStatus,
} from './entities/membership.entity';
import { OrganisationDistrict } from './entities/organisation-district.entity';
import { Organisation, OrganisationStatus } from './entities/organisation.entity';
import { OrganisationAccess } from './organisation-access.service';
import { canChangeStatus, normaliseOrganisationNumber } from './organisations.rules';

/** Officers decide about organisations; ADMIN may too. */
function isOfficer(actor: Actor): boolean {
  return hasSystemRole(actor, SystemRole.MUNICIPAL_OFFICER);
}

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(OrganisationDistrict)
    private readonly organisationDistricts: Repository<OrganisationDistrict>,
    private readonly database: Database,
    private readonly districts: DistrictsService,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  readonly byId: LoaderFactory<string, Organisation | null> = () => loaderById(this.organisations);

  /** District ids per organisation; the districts themselves go through the district loader. */
  readonly districtIdsByOrganisation: LoaderFactory<string, string[]> = () =>
    new DataLoader(async (organisationIds) => {
      const rows = await this.organisationDistricts.findBy({
        organisationId: In([...organisationIds]),
      });
      return groupedByKey(organisationIds, rows, (row) => row.organisationId).map((group) =>
        group.map((row) => row.districtId),
      );
    });

  /**
   * Whether the actor may see this organisation: everyone sees VERIFIED ones; officers see all;
   * members (ACTIVE) see their own whatever its status.
   */
  async canSee(actor: Actor, organisation: Organisation): Promise<boolean> {
    if (organisation.status === OrganisationStatus.VERIFIED || isOfficer(actor)) return true;
    return this.access.isActiveMember(actor, organisation.id);
  }

  /** The organisation, or NOT_FOUND when it does not exist or the actor may not see it. */
  async getVisible(actor: Actor, id: string): Promise<Organisation> {
    const organisation = await this.organisations.findOneBy({ id });
    if (!organisation || !(await this.canSee(actor, organisation))) {
      throw DomainError.notFound('Organisation', id);
    }
    return organisation;
  }

  /** Loads an organisation for a write; NOT_FOUND when it does not exist. */
  async get(id: string): Promise<Organisation> {
    const organisation = await this.organisations.findOneBy({ id });
    if (!organisation) throw DomainError.notFound('Organisation', id);
    return organisation;
  }

  /** Loads an organisation that must be VERIFIED (NOT_FOUND, ORGANISATION_NOT_VERIFIED). */
  async getVerified(id: string): Promise<Organisation> {
    const organisation = await this.get(id);
    this.requireVerified(organisation);
    return organisation;
  }

  /** Refuses with ORGANISATION_NOT_VERIFIED unless the organisation is VERIFIED. */
  requireVerified(organisation: Organisation): void {
    if (organisation.status !== OrganisationStatus.VERIFIED) {
      throw new DomainError(
        ErrorCode.ORGANISATION_NOT_VERIFIED,
        'Only a verified organisation can do this',
        { organisationId: organisation.id, status: organisation.status },
      );
    }
  }

  /** The public directory: VERIFIED organisations by name; officers may filter by any status. */
  list(actor: Actor, args: OrganisationsArgs): Promise<ConnectionShape<Organisation>> {
    const filter = args.filter ?? {};
    const status = filter.status ?? OrganisationStatus.VERIFIED;
    if (status !== OrganisationStatus.VERIFIED && !isOfficer(actor)) {
      throw DomainError.forbidden(
        'Only municipal officers list organisations that are not verified',
      );
    }
    const query = this.organisations
      .createQueryBuilder('organisation')
      .where('organisation.status = :status', { status });
    if (filter.kind) query.andWhere('organisation.kind = :kind', { kind: filter.kind });
    if (filter.districtId) {
      query.innerJoin(
        OrganisationDistrict,
        'served',
        'served.organisationId = organisation.id AND served.districtId = :districtId',
        { districtId: filter.districtId },
      );
    }
    if (filter.search) {
      query.andWhere("LOWER(organisation.name) LIKE :search ESCAPE '\\'", {
        search: containsPattern(filter.search),
      });
    }
    return paginate(query, args, {
      column: 'organisation.name',
      direction: 'ASC',
      valueOf: (o) => o.name,
    });
  }

  /**
   * Registers a PENDING organisation; the caller becomes its ORG_ADMIN. An invalid
   * organisationsnummer → BAD_USER_INPUT; one already registered → CONFLICT.
   */
  async register(
    actor: Actor,
    input: RegisterOrganisationInput,
    options: { id?: string } = {},
  ): Promise<Organisation> {
    if (!isPerson(actor))
      throw DomainError.forbidden('Only a signed-in person can register an organisation');
    const organisationNumber = normaliseOrganisationNumber(input.organisationNumber);
    if (!organisationNumber) {
      throw DomainError.badInput('Invalid organisationsnummer', {
        organisationNumber: ['must be ten digits, NNNNNN-NNNN, with a valid check digit'],
      });
    }
    await this.districts.requireExisting(input.districtIds, 'districtIds');
    const registrant = await this.database.dataSource
      .getRepository(Person)
      .findOne({ where: { id: actor.personId }, select: { id: true, emailVerifiedAt: true } });
    if (!registrant?.emailVerifiedAt) {
      throw DomainError.forbidden('Verify your e-mail address before registering an organisation');
    }
    try {
      const organisation = await this.database.transaction(async (manager) => {
        const created = await manager.save(
          manager.create(Organisation, {
            id: options.id,
            name: input.name.trim(),
            organisationNumber,
            kind: input.kind,
            description: input.description?.trim() ?? '',
            publicContact: input.publicContact?.trim() || null,
            status: OrganisationStatus.PENDING,
            statusReason: null,
            verifiedAt: null,
          }),
        );
        await this.replaceDistricts(manager, created.id, input.districtIds);
        const membership = await manager.save(
          manager.create(Membership, {
            organisationId: created.id,
            personId: actor.personId,
            invitedEmail: null,
            role: MembershipRole.ORG_ADMIN,
            status: MembershipStatus.ACTIVE,
            invitedById: null,
            joinedAt: this.clock.now(),
            leftAt: null,
          }),
        );
        await this.audit.record(manager, actor, {
          action: 'organisation.registered',
          entityType: 'Organisation',
          entityId: created.id,
          after: {
            name: created.name,
            organisationNumber,
            kind: created.kind,
            status: created.status,
            districtIds: [...new Set(input.districtIds)],
          },
        });
        await this.audit.record(manager, actor, {
          action: 'membership.created',
          entityType: 'Membership',
          entityId: membership.id,
          after: membershipSnapshot(membership),
        });
        return created;
      });
      this.access.forget(actor);
      return organisation;
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          'An organisation with that organisationsnummer is registered',
          {
            field: 'organisationNumber',
          },
        );
      }
      throw error;
    }
  }

  /** ORG_ADMIN of the organisation. */
  async update(actor: Actor, input: UpdateOrganisationInput): Promise<Organisation> {
    await this.get(input.organisationId);
    await this.access.requireRole(actor, input.organisationId, [MembershipRole.ORG_ADMIN]);
    if (input.districtIds) await this.districts.requireExisting(input.districtIds, 'districtIds');
    return this.database.transaction(async (manager) => {
      const organisation = await this.database.findOneForUpdate(manager, Organisation, {
        id: input.organisationId,
      });
      if (!organisation) throw DomainError.notFound('Organisation', input.organisationId);
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      const change = <K extends 'name' | 'description' | 'publicContact'>(
        key: K,
        value: Organisation[K],
      ) => {
        if (organisation[key] === value) return;
        before[key] = organisation[key];
        after[key] = value;
        organisation[key] = value;
      };
      if (input.name !== undefined) change('name', input.name.trim());
      if (input.description !== undefined) change('description', input.description.trim());
      if (input.publicContact !== undefined)
        change('publicContact', input.publicContact.trim() || null);
      if (input.districtIds) {
        const current = (
          await manager.findBy(OrganisationDistrict, { organisationId: organisation.id })
        )
          .map((row) => row.districtId)
          .sort();
        const next = [...new Set(input.districtIds)].sort();
        if (current.join() !== next.join()) {
          await this.replaceDistricts(manager, organisation.id, next);
          before.districtIds = current;
          after.districtIds = next;
        }
      }
      if (Object.keys(after).length === 0) return organisation;
      const saved = await manager.save(organisation);
      await this.audit.record(manager, actor, {
        action: 'organisation.updated',
        entityType: 'Organisation',
        entityId: organisation.id,
        before,
        after,
      });
      return saved;
    });
  }

  /** MUNICIPAL_OFFICER (or ADMIN) changes the status; members of the organisation may not. */
  async decide(
    actor: Actor,
    input: OrganisationDecisionInput,
    to: OrganisationStatus.VERIFIED | OrganisationStatus.REJECTED | OrganisationStatus.SUSPENDED,
  ): Promise<Organisation> {
    const reason = input.reason?.trim() || null;
    if (to !== OrganisationStatus.VERIFIED && !reason) {
      throw DomainError.badInput('A reason is required', {
        reason: ['is required when rejecting or suspending'],
      });
    }
    // A missing organisation has no members: NOT_FOUND comes from the locked read below.
    if (await this.access.isActiveMember(actor, input.organisationId)) {
      throw new DomainError(
        ErrorCode.CONFLICT_OF_INTEREST,
        'You are a member of this organisation and cannot decide on it',
      );
    }
    return this.database.transaction(async (manager) => {
      const organisation = await this.database.findOneForUpdate(manager, Organisation, {
        id: input.organisationId,
      });
      if (!organisation) throw DomainError.notFound('Organisation', input.organisationId);
      const from = organisation.status;
      if (!canChangeStatus(from, to)) throw DomainError.invalidTransition('Organisation', from, to);
      organisation.status = to;
      organisation.statusReason = reason;
      if (to === OrganisationStatus.VERIFIED) organisation.verifiedAt = this.clock.now();
      const saved = await manager.save(organisation);
      await this.audit.record(manager, actor, {
        action: `organisation.${to.toLowerCase()}`,
        entityType: 'Organisation',
        entityId: organisation.id,
        before: { status: from },
        after: { status: to },
        detail: reason ? { reason } : undefined,
      });
      return saved;
    });
  }

  private async replaceDistricts(
    manager: EntityManager,
    organisationId: string,
    districtIds: string[],
  ): Promise<void> {
    await manager.delete(OrganisationDistrict, { organisationId });
    const unique = [...new Set(districtIds)];
    if (unique.length > 0) {
      await manager.insert(
        OrganisationDistrict,
        unique.map((districtId) => ({ organisationId, districtId })),
      );
    }
  }
}
