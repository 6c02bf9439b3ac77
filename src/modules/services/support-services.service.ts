import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor, hasSystemRole, requirePerson, SystemRole } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { stockholmDate } from '../../common/time';
import { isUniqueViolation } from '../../database/database-errors';
import { Database } from '../../database/database.service';
import { whereJsonArrayHas } from '../../database/json-array';
import { LoaderFactory, loaderById, RangeKey, rangeLoader } from '../../graphql/loaders';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { DistrictsService } from '../districts';
import {
  MANAGERS,
  MembershipRole,
  Organisation,
  OrganisationAccess,
  OrganisationsService,
  OrganisationStatus,
} from '../organisations';
import {
  CreateSupportServiceInput,
  ReportServiceUsageInput,
  SupportServicesArgs,
  UpdateSupportServiceInput,
} from './dto/support-service.inputs';
import { SupportServiceOpeningSlot } from './entities/opening-slot.entity';
import { ServiceUsageReport } from './entities/service-usage-report.entity';
import { SupportService } from './entities/support-service.entity';
import {
  localWeekMinute,
  openingHoursProblem,
  openingSlots,
  OpeningState,
  openingState,
  WeeklyOpening,
} from './opening-hours.rules';

/** Days from `from` to `to`, both included (YYYY-MM-DD). */
export interface UsageRange {
  from: string;
  to: string;
}

/**
 * The public directory of support services (food, night shelters, advice…), run by organisations.
 * Anyone (and partner apps with `directory:read`) finds active services of verified organisations
 * by category, district, language, target group and opening hours; the organisation's ORG_ADMIN
 * publishes and changes them, its COORDINATOR and ORG_ADMIN report daily use.
 */
@Injectable()
export class SupportServicesService {
  constructor(
    @InjectRepository(SupportService) private readonly services: Repository<SupportService>,
    @InjectRepository(ServiceUsageReport)
    private readonly usage: Repository<ServiceUsageReport>,
    private readonly database: Database,
    private readonly organisations: OrganisationsService,
    private readonly districts: DistrictsService,
    private readonly access: OrganisationAccess,
    private readonly clock: Clock,
  ) {}

  readonly byId: LoaderFactory<string, SupportService | null> = () => loaderById(this.services);

  /** Each service's usage reports between two days (inclusive), by date: one query per range. */
  readonly usageByServiceAndRange: LoaderFactory<RangeKey<UsageRange>, ServiceUsageReport[]> = () =>
    rangeLoader<UsageRange, ServiceUsageReport>({
      rangeId: (range) => `${range.from}|${range.to}`,
      ownerOf: (row) => row.serviceId,
      query: (ids, range) =>
        this.usage
          .createQueryBuilder('report')
          .where('report.serviceId IN (:...ids)', { ids })
          .andWhere('report.date >= :from AND report.date <= :to', range)
          .orderBy('report.date', 'ASC')
          .getMany(),
    });

  /**
   * Whether each service is open now, until when and when it next opens: worked out once per
   * service and request (three fields share it), at one "now" for the whole page.
   */
  readonly openingStateOf: LoaderFactory<SupportService, OpeningState> = () =>
    new DataLoader(
      (services) => {
        const now = this.clock.now();
        return Promise.resolve(services.map((service) => openingState(service.openingHours, now)));
      },
      { cacheKeyFn: (service) => service.id },
    );

  /** The service's own side: its organisation's members, and municipal officers. */
  private async onOrganisationSide(actor: Actor, service: SupportService): Promise<boolean> {
    return (
      hasSystemRole(actor, SystemRole.MUNICIPAL_OFFICER) ||
      this.access.isActiveMember(actor, service.organisationId)
    );
  }

  /** A service's use is for its organisation's members and municipal officers: FORBIDDEN otherwise. */
  async requireUsageReader(actor: Actor, service: SupportService): Promise<void> {
    if (!(await this.onOrganisationSide(actor, service))) {
      throw DomainError.forbidden(
        "Only the organisation and municipal officers see a service's use",
      );
    }
  }

  /** Public: an active service of a verified organisation; its members also see it otherwise. */
  async getVisible(actor: Actor, id: string): Promise<SupportService> {
    const service = await this.services.findOneBy({ id });
    if (!service) throw DomainError.notFound('SupportService', id);
    if (service.active) {
      const runner = await this.organisations.get(service.organisationId);
      if (runner.status === OrganisationStatus.VERIFIED) return service;
    }
    if (!(await this.onOrganisationSide(actor, service))) {
      throw DomainError.notFound('SupportService', id);
    }
    return service;
  }

  /** The directory, by name: active services of verified organisations. */
  list(args: SupportServicesArgs): Promise<ConnectionShape<SupportService>> {
    const filter = args.filter ?? {};
    const query = this.services
      .createQueryBuilder('service')
      .innerJoin(Organisation, 'runner', 'runner.id = service.organisationId')
      .where('runner.status = :verified', { verified: OrganisationStatus.VERIFIED })
      .andWhere('service.active = :active', { active: true });
    if (filter.category)
      query.andWhere('service.category = :category', { category: filter.category });
    if (filter.districtId) {
      query.andWhere('service.districtId = :districtId', { districtId: filter.districtId });
    }
    if (filter.organisationId) {
      query.andWhere('service.organisationId = :organisationId', {
        organisationId: filter.organisationId,
      });
    }
    if (filter.language) whereJsonArrayHas(query, 'service.languages', 'language', filter.language);
    if (filter.targetGroup) {
      whereJsonArrayHas(query, 'service.targetGroups', 'targetGroup', filter.targetGroup, {
        orEmpty: true,
      });
    }
    const openAt = filter.openAt ?? (typeof filter.openNow === 'boolean' ? this.clock.now() : null);
    if (openAt) {
      const { weekday, minute } = localWeekMinute(openAt);
      const open = query
        .subQuery()
        .select('1')
        .from(SupportServiceOpeningSlot, 'slot')
        .where('slot.serviceId = service.id')
        .andWhere(
          'slot.weekday = :weekday AND slot.startMinute <= :minute AND slot.endMinute > :minute',
        )
        .getQuery();
      // openNow: false asks for the services that are closed now.
      const closedNow = !filter.openAt && filter.openNow === false;
      query.andWhere(`${closedNow ? 'NOT ' : ''}EXISTS ${open}`, { weekday, minute });
    }
    return paginate(query, args, {
      column: 'service.name',
      direction: 'ASC',
      valueOf: (service) => service.name,
    });
  }

  /** `options.id`: a fixed id (demo data). */
  async create(
    actor: Actor,
    input: CreateSupportServiceInput,
    options: { id?: string } = {},
  ): Promise<SupportService> {
    const person = requirePerson(actor, 'Only a signed-in person publishes a service');
    await this.access.requireRole(actor, input.organisationId, [MembershipRole.ORG_ADMIN]);
    await this.organisations.getVerified(input.organisationId);
    await this.districts.requireExisting([input.districtId], 'districtId');
    const openingHours = input.openingHours ?? [];
    this.requireValidHours(openingHours);
    return this.database.transaction(async (manager) => {
      await this.access.requireRoleInTransaction(manager, actor, input.organisationId, [
        MembershipRole.ORG_ADMIN,
      ]);
      const service = await manager.save(
        manager.create(SupportService, {
          id: options.id,
          organisationId: input.organisationId,
          districtId: input.districtId,
          name: input.name,
          category: input.category,
          description: input.description ?? '',
          address: input.address,
          openingHours: asStored(openingHours),
          languages: input.languages ?? [],
          targetGroups: input.targetGroups ?? [],
          dailyCapacity: input.dailyCapacity ?? null,
          active: true,
          createdById: person.personId,
        }),
      );
      await this.writeSlots(manager, service);
      return service;
    });
  }

  async update(actor: Actor, input: UpdateSupportServiceInput): Promise<SupportService> {
    const found = await this.getVisible(actor, input.serviceId);
    await this.access.requireRole(actor, found.organisationId, [MembershipRole.ORG_ADMIN]);
    if (input.districtId) await this.districts.requireExisting([input.districtId], 'districtId');
    if (input.openingHours) this.requireValidHours(input.openingHours);
    return this.database.transaction(async (manager) => {
      const service = await this.database.findOneForUpdate(manager, SupportService, {
        id: found.id,
      });
      if (!service) throw DomainError.notFound('SupportService', found.id);
      const { serviceId: _id, clearDailyCapacity, openingHours, ...changes } = input;
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined && value !== null) Object.assign(service, { [key]: value });
      }
      if (clearDailyCapacity) service.dailyCapacity = null;
      if (openingHours) service.openingHours = asStored(openingHours);
      await manager.save(service);
      if (openingHours) await this.writeSlots(manager, service);
      return service;
    });
  }

  /**
   * Records how many people a service served on a day (today or earlier); a second report for the
   * same day replaces the first. Above the daily capacity is allowed, and flagged.
   */
  async reportUsage(actor: Actor, input: ReportServiceUsageInput): Promise<ServiceUsageReport> {
    const person = requirePerson(actor, 'Only a signed-in person reports use');
    const service = await this.getVisible(actor, input.serviceId);
    await this.access.requireRole(actor, service.organisationId, MANAGERS);
    const today = stockholmDate(this.clock.now());
    if (!isCalendarDate(input.date) || input.date > today) {
      throw DomainError.badInput('Not a day that has begun', {
        date: [`must be a real date, ${today} or earlier`],
      });
    }
    const values = {
      used: input.used,
      dailyCapacity: service.dailyCapacity,
      overCapacity: service.dailyCapacity !== null && input.used > service.dailyCapacity,
      reportedById: person.personId,
      reportedAt: this.clock.now(),
    };
    const save = () =>
      this.database.transaction(async (manager) => {
        const existing = await this.database.findOneForUpdate(manager, ServiceUsageReport, {
          serviceId: service.id,
          date: input.date,
        });
        if (existing) {
          Object.assign(existing, values);
          return manager.save(existing);
        }
        return manager.save(
          manager.create(ServiceUsageReport, {
            serviceId: service.id,
            date: input.date,
            ...values,
          }),
        );
      });
    try {
      return await save();
    } catch (error) {
      // Two first reports of one day raced; the unique index kept one: this one replaces it.
      if (isUniqueViolation(error)) return save();
      throw error;
    }
  }

  private requireValidHours(hours: readonly WeeklyOpening[]): void {
    const problem = openingHoursProblem(hours);
    if (problem) throw DomainError.badInput('Invalid opening hours', { openingHours: [problem] });
  }

  private async writeSlots(manager: EntityManager, service: SupportService): Promise<void> {
    await manager.delete(SupportServiceOpeningSlot, { serviceId: service.id });
    const slots = openingSlots(service.openingHours);
    if (slots.length > 0) {
      await manager.insert(
        SupportServiceOpeningSlot,
        slots.map((slot) =>
          manager.create(SupportServiceOpeningSlot, { serviceId: service.id, ...slot }),
        ),
      );
    }
  }
}

/** Opening hours as stored: the three fields, nothing else the input object carries. */
function asStored(hours: readonly WeeklyOpening[]): WeeklyOpening[] {
  return hours.map(({ day, opens, closes }) => ({ day, opens, closes }));
}

/** YYYY-MM-DD that names a real day (2026-02-30 does not). */
function isCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
