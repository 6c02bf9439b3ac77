import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { In, Repository, SelectQueryBuilder } from 'typeorm';
import { Actor, hasSystemRole, requirePerson, SystemRole } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database.service';
import { whereJsonArrayHas } from '../../database/json-array';
import { groupedByKey, LoaderFactory, loaderById } from '../../graphql/loaders';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { AuditService } from '../audit';
import {
  MANAGERS,
  MembershipRole,
  Organisation,
  OrganisationAccess,
  OrganisationsService,
  OrganisationStatus,
} from '../organisations';
import {
  CreateShelterInput,
  ReportShelterAvailabilityInput,
  ShelterAvailability,
  ShelterAvailabilityFilter,
  SheltersArgs,
  UpdateShelterInput,
} from './dto/shelter.inputs';
import { OPEN_PLACEMENT_STATUSES, PlacementRequest } from './entities/placement-request.entity';
import { ShelterAvailabilityReport } from './entities/shelter-availability-report.entity';
import { Shelter, shelterSnapshot } from './entities/shelter.entity';
import { ShelterEvents } from './shelter-events.service';
import {
  AvailabilityStatus,
  availabilityStatus,
  openPlaces,
  SHELTER_OPERATOR_KINDS,
} from './shelters.rules';

const DAY = 24 * 3600_000;

/** Social services (and ADMIN) see every shelter and its counts. */
export function isSocialServices(actor: Actor): boolean {
  return hasSystemRole(actor, SystemRole.SOCIAL_SERVICES);
}

/** A shelter's reports from `from` to `to`; left out: the 30 days up to now. */
export interface ReportRangeKey {
  shelterId: string;
  from?: Date;
  to?: Date;
}

const REPORT_HISTORY_DAYS = 30;

/**
 * Shelters and their availability. A shelter is seen by its organisation's members and by social
 * services; its availability (status, area, groups, features, languages) also by partner apps with
 * `shelters:availability`, without counts, name or organisation. Nothing anywhere says where a
 * shelter is.
 */
@Injectable()
export class SheltersService {
  constructor(
    @InjectRepository(Shelter) private readonly shelters: Repository<Shelter>,
    @InjectRepository(ShelterAvailabilityReport)
    private readonly reports: Repository<ShelterAvailabilityReport>,
    private readonly database: Database,
    private readonly organisations: OrganisationsService,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
    private readonly events: ShelterEvents,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  readonly byId: LoaderFactory<string, Shelter | null> = () => loaderById(this.shelters);

  /** Each shelter's reports in a range, newest first: one query per distinct range. */
  readonly reportsByShelterAndRange: LoaderFactory<ReportRangeKey, ShelterAvailabilityReport[]> =
    () =>
      new DataLoader(
        async (keys) => {
          // The default range is fixed once per batch, so every shelter in it shares one query.
          const now = this.clock.now();
          const rangeOf = (key: ReportRangeKey) => {
            const to = key.to ?? new Date(now.getTime() + 60_000);
            return { from: key.from ?? new Date(to.getTime() - REPORT_HISTORY_DAYS * DAY), to };
          };
          const byRange = new Map<string, ReportRangeKey[]>();
          for (const key of keys) {
            const { from, to } = rangeOf(key);
            const range = `${from.toISOString()}|${to.toISOString()}`;
            byRange.set(range, [...(byRange.get(range) ?? []), key]);
          }
          const found = new Map<ReportRangeKey, ShelterAvailabilityReport[]>();
          for (const group of byRange.values()) {
            const { from, to } = rangeOf(group[0]);
            const rows = await this.reports
              .createQueryBuilder('report')
              .where('report.shelterId IN (:...ids)', { ids: group.map((key) => key.shelterId) })
              .andWhere('report.reportedAt >= :from AND report.reportedAt < :to', { from, to })
              .orderBy('report.reportedAt', 'DESC')
              .addOrderBy('report.id', 'DESC')
              .getMany();
            const grouped = groupedByKey(
              group.map((key) => key.shelterId),
              rows,
              (row) => row.shelterId,
            );
            group.forEach((key, index) => found.set(key, grouped[index]));
          }
          return keys.map((key) => found.get(key) ?? []);
        },
        {
          cacheKeyFn: (key) =>
            `${key.shelterId}|${key.from?.toISOString() ?? ''}|${key.to?.toISOString() ?? ''}`,
        },
      );

  /** Social services, and the shelter organisation's active members. */
  async canSee(actor: Actor, shelter: Shelter): Promise<boolean> {
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
  private async getForChange(
    actor: Actor,
    id: string,
    roles: readonly MembershipRole[],
  ): Promise<Shelter> {
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
      const own = [...(await this.access.activeRoles(actor)).keys()];
      if (own.length === 0) query.andWhere('1 = 0');
      else query.andWhere('shelter.organisationId IN (:...own)', { own });
    }
    if (filter.organisationId) {
      query.andWhere('shelter.organisationId = :organisationId', {
        organisationId: filter.organisationId,
      });
    }
    if (filter.area)
      query.andWhere('LOWER(shelter.area) = :area', { area: filter.area.toLowerCase() });
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

  /** `options.id`: a fixed id (demo data). */
  async create(
    actor: Actor,
    input: CreateShelterInput,
    options: { id?: string } = {},
  ): Promise<Shelter> {
    const person = requirePerson(actor, 'Only a signed-in person registers a shelter');
    await this.access.requireRole(actor, input.organisationId, [MembershipRole.ORG_ADMIN]);
    const organisation = await this.organisations.get(input.organisationId);
    this.organisations.requireVerified(organisation);
    if (!SHELTER_OPERATOR_KINDS.includes(organisation.kind)) {
      throw DomainError.forbidden(
        `A ${organisation.kind} organisation does not run shelters; register a support service instead`,
      );
    }
    return this.database.transaction(async (manager) => {
      await this.access.requireRoleInTransaction(manager, actor, organisation.id, [
        MembershipRole.ORG_ADMIN,
      ]);
      const shelter = await manager.save(
        manager.create(Shelter, {
          id: options.id,
          organisationId: organisation.id,
          displayName: input.displayName,
          area: input.area,
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
   * held for accepted placements; it cannot close while placement requests are open.
   */
  async update(actor: Actor, input: UpdateShelterInput): Promise<Shelter> {
    const found = await this.getForChange(actor, input.shelterId, [MembershipRole.ORG_ADMIN]);
    const updated = await this.database.transaction(async (manager) => {
      const shelter = await this.database.findOneForUpdate(manager, Shelter, { id: found.id });
      if (!shelter) throw DomainError.notFound('Shelter', found.id);
      const before = shelterSnapshot(shelter);
      const { shelterId: _id, ...changes } = input;
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
      return shelter;
    });
    this.events.changed(updated);
    return updated;
  }

  /**
   * The organisation's COORDINATOR or ORG_ADMIN reports its free places (held places included).
   * Every report is kept. A report below the places held for accepted placements is refused:
   * cancel those placements first.
   */
  async reportAvailability(actor: Actor, input: ReportShelterAvailabilityInput): Promise<Shelter> {
    const person = requirePerson(actor, 'Only a signed-in person reports availability');
    const found = await this.getForChange(actor, input.shelterId, MANAGERS);
    const problems: Record<string, string[]> = {};
    if (input.freeAdultPlaces > found.totalAdultPlaces) {
      problems.freeAdultPlaces = [`must be at most the shelter's ${found.totalAdultPlaces} places`];
    }
    if (input.freeChildPlaces > found.totalChildPlaces) {
      problems.freeChildPlaces = [`must be at most the shelter's ${found.totalChildPlaces} places`];
    }
    if (Object.keys(problems).length > 0)
      throw DomainError.badInput('Too many free places', problems);
    const now = this.clock.now();
    const reported = await this.database.transaction(async (manager) => {
      const shelter = await this.database.findOneForUpdate(manager, Shelter, { id: found.id });
      if (!shelter) throw DomainError.notFound('Shelter', found.id);
      if (
        input.freeAdultPlaces < shelter.heldAdultPlaces ||
        input.freeChildPlaces < shelter.heldChildPlaces
      ) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          'Fewer free places than are held for accepted placements: cancel a placement first',
          { heldAdultPlaces: shelter.heldAdultPlaces, heldChildPlaces: shelter.heldChildPlaces },
        );
      }
      shelter.freeAdultPlaces = input.freeAdultPlaces;
      shelter.freeChildPlaces = input.freeChildPlaces;
      shelter.availabilityReportedAt = now;
      await manager.update(
        Shelter,
        { id: shelter.id },
        {
          freeAdultPlaces: shelter.freeAdultPlaces,
          freeChildPlaces: shelter.freeChildPlaces,
          availabilityReportedAt: now,
        },
      );
      await manager.insert(
        ShelterAvailabilityReport,
        manager.create(ShelterAvailabilityReport, {
          shelterId: shelter.id,
          freeAdultPlaces: input.freeAdultPlaces,
          freeChildPlaces: input.freeChildPlaces,
          reportedAt: now,
          reportedById: person.personId,
        }),
      );
      return shelter;
    });
    this.events.changed(reported);
    return reported;
  }

  /**
   * Availability of the active shelters of verified organisations, by area and name. Callers are
   * social services (with counts) and partner apps with `shelters:availability` (without).
   */
  async availability(
    actor: Actor,
    filter: ShelterAvailabilityFilter = {},
  ): Promise<ShelterAvailability[]> {
    const query = this.listed();
    if (filter.area)
      query.andWhere('LOWER(shelter.area) = :area', { area: filter.area.toLowerCase() });
    if (filter.targetGroup) {
      whereJsonArrayHas(query, 'shelter.targetGroups', 'targetGroup', filter.targetGroup);
    }
    if (filter.feature) whereJsonArrayHas(query, 'shelter.features', 'feature', filter.feature);
    if (filter.language) whereJsonArrayHas(query, 'shelter.languages', 'language', filter.language);
    const shelters = await query
      .orderBy('shelter.area', 'ASC')
      .addOrderBy('shelter.displayName', 'ASC')
      .addOrderBy('shelter.id', 'ASC')
      .getMany();
    return shelters.map((shelter) => this.availabilityOf(shelter, isSocialServices(actor)));
  }

  /** Whether the shelter appears in availability lists now (active, organisation verified). */
  async isListed(shelterId: string): Promise<Shelter | null> {
    return this.listed().andWhere('shelter.id = :shelterId', { shelterId }).getOne();
  }

  private listed(): SelectQueryBuilder<Shelter> {
    return this.shelters
      .createQueryBuilder('shelter')
      .innerJoin(Organisation, 'runner', 'runner.id = shelter.organisationId')
      .where('runner.status = :verified', { verified: OrganisationStatus.VERIFIED })
      .andWhere('shelter.active = :active', { active: true });
  }

  /**
   * The shelter's availability; counts and name only `withCounts` (social services, or the
   * shelter's own organisation). A closed shelter has no data to offer.
   */
  availabilityOf(shelter: Shelter, withCounts: boolean): ShelterAvailability {
    const open = openPlaces(shelter);
    return {
      shelterId: shelter.id,
      organisationId: shelter.organisationId,
      displayName: withCounts ? shelter.displayName : null,
      status: shelter.active
        ? availabilityStatus(shelter, this.clock.now(), this.config.shelters.availabilityStaleHours)
        : AvailabilityStatus.NO_DATA,
      area: shelter.area,
      targetGroups: shelter.targetGroups,
      features: shelter.features,
      languages: shelter.languages,
      reportedAt: shelter.availabilityReportedAt,
      freeAdultPlaces: withCounts ? open.adults : null,
      freeChildPlaces: withCounts ? open.children : null,
      heldAdultPlaces: withCounts ? shelter.heldAdultPlaces : null,
      heldChildPlaces: withCounts ? shelter.heldChildPlaces : null,
    };
  }
}
