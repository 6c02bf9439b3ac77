import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository, SelectQueryBuilder } from 'typeorm';
import { Actor, hasSystemRole, requirePerson, SystemRole } from '../../common/actor';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { swedishArea } from '../../common/swedish-areas';
import { SWEDISH_AREA_MESSAGE } from '../../common/validation';
import { Database } from '../../database/database.service';
import { whereJsonArrayHas } from '../../database/json-array';
import { LoaderFactory, loaderById } from '../../graphql/loaders';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { AuditService } from '../audit';
import {
  MembershipRole,
  Organisation,
  OrganisationAccess,
  OrganisationsService,
  OrganisationStatus,
} from '../organisations';
import { CreateShelterInput, SheltersArgs, UpdateShelterInput } from './dto/shelter.inputs';
import { OPEN_PLACEMENT_STATUSES, PlacementRequest } from './entities/placement-request.entity';
import { Shelter, shelterSnapshot } from './entities/shelter.entity';
import { ShelterEvents } from './shelter-events.service';
import { SHELTER_OPERATOR_KINDS } from './shelters.rules';

/** Social services (and ADMIN) see every shelter and its counts. */
export function isSocialServices(actor: Actor): boolean {
  return hasSystemRole(actor, SystemRole.SOCIAL_SERVICES);
}

/**
 * The official spelling of a shelter's area, or BAD_USER_INPUT: only a Swedish municipality or
 * county, never anything finer (the GraphQL inputs check this too; other callers go through here).
 */
export function requireArea(area: string, field = 'area'): string {
  const official = swedishArea(area);
  if (!official) throw DomainError.badInput('Not an area', { [field]: [SWEDISH_AREA_MESSAGE] });
  return official;
}

/**
 * The register of shelters. A shelter is seen by its organisation's members and by social
 * services; its ORG_ADMIN registers and changes it. Nothing anywhere says where a shelter is.
 */
@Injectable()
export class SheltersService {
  constructor(
    @InjectRepository(Shelter) private readonly shelters: Repository<Shelter>,
    private readonly database: Database,
    private readonly organisations: OrganisationsService,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
    private readonly events: ShelterEvents,
  ) {}

  readonly byId: LoaderFactory<string, Shelter | null> = () => loaderById(this.shelters);

  /** Social services, and the shelter organisation's active members. */
  async canSee(actor: Actor, shelter: Pick<Shelter, 'organisationId'>): Promise<boolean> {
    return (
      isSocialServices(actor) || (await this.access.isActiveMember(actor, shelter.organisationId))
    );
  }

  /** NOT_FOUND when the shelter does not exist or the actor may not see it. */
  async getVisible(actor: Actor, id: string): Promise<Shelter> {
    const shelter = await this.shelters.findOneBy({ id });
    if (!shelter || !(await this.canSee(actor, shelter))) throw DomainError.notFound('Shelter', id);
    return shelter;
  }

  /** The shelter for a change by its organisation: NOT_FOUND unless visible, FORBIDDEN without the role. */
  async getForChange(actor: Actor, id: string, roles: readonly MembershipRole[]): Promise<Shelter> {
    const shelter = await this.getVisible(actor, id);
    await this.access.requireRole(actor, shelter.organisationId, roles);
    return shelter;
  }

  /**
   * Social services see every shelter; everyone else the shelters of the organisations they are an
   * active member of (none: an empty list).
   */
  async list(actor: Actor, args: SheltersArgs): Promise<ConnectionShape<Shelter>> {
    const filter = args.filter ?? {};
    const query = this.shelters.createQueryBuilder('shelter');
    if (!isSocialServices(actor)) {
      await this.access.restrictToOwn(actor, query, 'shelter.organisationId');
    }
    if (filter.organisationId) {
      query.andWhere('shelter.organisationId = :organisationId', {
        organisationId: filter.organisationId,
      });
    }
    if (filter.area) {
      query.andWhere('shelter.area = :area', { area: requireArea(filter.area, 'filter.area') });
    }
    if (filter.targetGroup) {
      whereJsonArrayHas(query, 'shelter.targetGroups', 'targetGroup', filter.targetGroup);
    }
    if (filter.active !== undefined && filter.active !== null) {
      query.andWhere('shelter.active = :active', { active: filter.active });
    }
    return paginate(query, args, {
      column: 'shelter.displayName',
      direction: 'ASC',
      valueOf: (shelter) => shelter.displayName,
    });
  }

  /** Active shelters of verified organisations: what availability lists show and placements reach. */
  listed(): SelectQueryBuilder<Shelter> {
    return this.shelters
      .createQueryBuilder('shelter')
      .innerJoin(Organisation, 'runner', 'runner.id = shelter.organisationId')
      .where('runner.status = :verified', { verified: OrganisationStatus.VERIFIED })
      .andWhere('shelter.active = :active', { active: true });
  }

  /** The shelter if it is listed now (active, its organisation verified), else null. */
  isListed(shelterId: string): Promise<Shelter | null> {
    return this.listed().andWhere('shelter.id = :shelterId', { shelterId }).getOne();
  }

  /** `options.id`: a fixed id (demo data). */
  async create(
    actor: Actor,
    input: CreateShelterInput,
    options: { id?: string } = {},
  ): Promise<Shelter> {
    const person = requirePerson(actor, 'Only a signed-in person registers a shelter');
    await this.access.requireRole(actor, input.organisationId, [MembershipRole.ORG_ADMIN]);
    const organisation = await this.organisations.getVerified(input.organisationId);
    if (!SHELTER_OPERATOR_KINDS.includes(organisation.kind)) {
      throw DomainError.forbidden(
        `A ${organisation.kind} organisation does not run shelters; register a support service instead`,
      );
    }
    const area = requireArea(input.area);
    return this.database.transaction(async (manager) => {
      await this.access.requireRoleInTransaction(manager, actor, organisation.id, [
        MembershipRole.ORG_ADMIN,
      ]);
      const shelter = await manager.save(
        manager.create(Shelter, {
          id: options.id,
          organisationId: organisation.id,
          displayName: input.displayName,
          area,
          targetGroups: input.targetGroups,
          features: input.features,
          languages: input.languages,
          totalAdultPlaces: input.totalAdultPlaces,
          totalChildPlaces: input.totalChildPlaces,
          active: true,
          freeAdultPlaces: 0,
          freeChildPlaces: 0,
          heldAdultPlaces: 0,
          heldChildPlaces: 0,
          availabilityReportedAt: null,
          createdById: person.personId,
        }),
      );
      await this.audit.record(manager, actor, {
        action: 'shelter.created',
        entityType: 'Shelter',
        entityId: shelter.id,
        after: shelterSnapshot(shelter),
      });
      return shelter;
    });
  }

  /**
   * Changes a shelter. Fewer places lower its free places with them, but never below the places
   * held for accepted placements; it cannot close while placement requests are open. Closing a
   * listed shelter is announced once to availability subscribers (as NO_DATA).
   */
  async update(actor: Actor, input: UpdateShelterInput): Promise<Shelter> {
    const found = await this.getForChange(actor, input.shelterId, [MembershipRole.ORG_ADMIN]);
    const { shelterId: _id, ...changes } = input;
    if (changes.area) changes.area = requireArea(changes.area);
    const wasListed = input.active === false && (await this.isListed(found.id)) !== null;
    const updated = await this.database.transaction(async (manager) => {
      const shelter = await this.database.findOneForUpdate(manager, Shelter, { id: found.id });
      if (!shelter) throw DomainError.notFound('Shelter', found.id);
      const before = shelterSnapshot(shelter);
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined && value !== null) Object.assign(shelter, { [key]: value });
      }
      const problems: Record<string, string[]> = {};
      shelter.freeAdultPlaces = Math.min(shelter.freeAdultPlaces, shelter.totalAdultPlaces);
      shelter.freeChildPlaces = Math.min(shelter.freeChildPlaces, shelter.totalChildPlaces);
      if (shelter.heldAdultPlaces > shelter.freeAdultPlaces) {
        problems.totalAdultPlaces = [
          `must be at least ${shelter.heldAdultPlaces}: places held for accepted placements`,
        ];
      }
      if (shelter.heldChildPlaces > shelter.freeChildPlaces) {
        problems.totalChildPlaces = [
          `must be at least ${shelter.heldChildPlaces}: places held for accepted placements`,
        ];
      }
      if (Object.keys(problems).length > 0) {
        throw DomainError.badInput('Fewer places than are held', problems);
      }
      if (before.active === true && !shelter.active) {
        const open = await manager.countBy(PlacementRequest, {
          shelterId: shelter.id,
          status: In(OPEN_PLACEMENT_STATUSES),
        });
        if (open > 0) {
          throw new DomainError(
            ErrorCode.CONFLICT,
            'Answer or cancel the open placement requests before closing the shelter',
            { openPlacementRequests: open },
          );
        }
      }
      await manager.save(shelter);
      await this.audit.record(manager, actor, {
        action: 'shelter.updated',
        entityType: 'Shelter',
        entityId: shelter.id,
        before,
        after: shelterSnapshot(shelter),
      });
      return { shelter, closed: before.active === true && !shelter.active };
    });
    if (updated.closed) {
      if (wasListed) this.events.closed(updated.shelter);
    } else {
      this.events.changed(updated.shelter);
    }
    return updated.shelter;
  }
}
