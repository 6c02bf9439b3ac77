import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, LessThan, MoreThan, Repository } from 'typeorm';
import { Actor, hasSystemRole, requirePerson, SystemRole } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { containsPattern } from '../../common/text';
import { Database } from '../../database/database.service';
import { LoaderFactory, loaderById } from '../../graphql/loaders';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { AuditService } from '../audit';
import { DistrictsService } from '../districts';
import { MembershipRole, OrganisationAccess, OrganisationsService } from '../organisations';
import {
  busyFor,
  freeIntervals,
  Interval,
  minutesOf,
  plusMinutes,
  resourceRuleProblems,
  windowEnd,
} from './bookings.rules';
import {
  CreateResourceInput,
  FreeInterval,
  ResourceAvailabilityArgs,
  ResourcesArgs,
  UpdateResourceInput,
} from './dto/resource.inputs';
import { Blackout } from './entities/blackout.entity';
import { Booking, LIVE_BOOKING_STATUSES } from './entities/booking.entity';
import { BookableBy, Resource } from './entities/resource.entity';
import { ResourceSchedule } from './resource-schedule.service';

/** The longest range `resourceAvailability` answers for. */
export const MAX_AVAILABILITY_DAYS = 92;

const OWNER_ROLES = [MembershipRole.ORG_ADMIN];

/** The columns an update may change, and whether null clears them. */
const NULLABLE_FIELDS = [
  'districtId',
  'capacity',
  'minDurationMinutes',
  'maxDurationMinutes',
  'bookingWindowDays',
  'weeklyQuotaHours',
] as const;
const REQUIRED_FIELDS = [
  'name',
  'kind',
  'location',
  'description',
  'bookableBy',
  'allowedKinds',
  'requiresApproval',
  'bufferMinutes',
] as const;

/** The rules of a resource, as recorded in the audit log. */
function snapshot(resource: Resource): Record<string, unknown> {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = resource;
  return { ...rest };
}

/**
 * Shared resources: who may add and change them (a MUNICIPAL_OFFICER for the municipality's, the
 * owning organisation's ORG_ADMIN for its own), reading them (every signed-in person), and when
 * they are free.
 */
@Injectable()
export class ResourcesService {
  constructor(
    @InjectRepository(Resource) private readonly resources: Repository<Resource>,
    @InjectRepository(Booking) private readonly bookings: Repository<Booking>,
    @InjectRepository(Blackout) private readonly blackouts: Repository<Blackout>,
    private readonly database: Database,
    private readonly schedule: ResourceSchedule,
    private readonly organisations: OrganisationsService,
    private readonly access: OrganisationAccess,
    private readonly districts: DistrictsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  readonly byId: LoaderFactory<string, Resource | null> = () => loaderById(this.resources);

  /** NOT_FOUND when there is no such resource (every signed-in person sees every resource). */
  async get(id: string): Promise<Resource> {
    const resource = await this.resources.findOneBy({ id });
    if (!resource) throw DomainError.notFound('Resource', id);
    return resource;
  }

  /** Whether the actor answers for the resource: its owner's ORG_ADMIN, or an officer for the municipality's. */
  async isOwnerSide(
    actor: Actor,
    resource: Pick<Resource, 'ownerOrganisationId'>,
  ): Promise<boolean> {
    if (resource.ownerOrganisationId === null)
      return hasSystemRole(actor, SystemRole.MUNICIPAL_OFFICER);
    return this.access.hasRole(actor, resource.ownerOrganisationId, OWNER_ROLES);
  }

  /** FORBIDDEN unless the actor answers for the resource (see isOwnerSide). */
  async requireOwnerSide(
    actor: Actor,
    resource: Pick<Resource, 'ownerOrganisationId'>,
  ): Promise<void> {
    if (actor.kind === 'anonymous') throw DomainError.unauthenticated();
    if (!(await this.isOwnerSide(actor, resource))) {
      throw DomainError.forbidden(
        resource.ownerOrganisationId === null
          ? "Only municipal officers manage the municipality's resources"
          : "Only the owning organisation's ORG_ADMIN manages this resource",
      );
    }
  }

  /** Every signed-in person sees every resource (the guard keeps others out). */
  async list(args: ResourcesArgs): Promise<ConnectionShape<Resource>> {
    const filter = args.filter ?? {};
    const query = this.resources.createQueryBuilder('resource');
    if (filter.kind) query.andWhere('resource.kind = :kind', { kind: filter.kind });
    if (filter.districtId)
      query.andWhere('resource.districtId = :districtId', { districtId: filter.districtId });
    if (filter.ownerOrganisationId) {
      query.andWhere('resource.ownerOrganisationId = :owner', {
        owner: filter.ownerOrganisationId,
      });
    }
    if (filter.municipal === true) query.andWhere('resource.ownerOrganisationId IS NULL');
    if (filter.municipal === false) query.andWhere('resource.ownerOrganisationId IS NOT NULL');
    if (filter.search) {
      query.andWhere(`LOWER(resource.name) LIKE :search ESCAPE '\\'`, {
        search: containsPattern(filter.search),
      });
    }
    if (filter.bookableByOrganisationId) {
      const organisation = await this.organisations.get(filter.bookableByOrganisationId);
      query.andWhere(
        new Brackets((where) => {
          where
            .where('resource.ownerOrganisationId = :bookerId', { bookerId: organisation.id })
            .orWhere('resource.bookableBy = :all', { all: BookableBy.ALL_VERIFIED })
            .orWhere('(resource.bookableBy = :listed AND resource.allowedKinds LIKE :kind)', {
              listed: BookableBy.LISTED_KINDS,
              kind: `%"${organisation.kind}"%`,
            });
        }),
      );
    }
    return paginate(query, args, {
      column: 'resource.name',
      direction: 'ASC',
      valueOf: (resource) => resource.name,
    });
  }

  /** `options.id`: a fixed id (demo data). */
  async create(
    actor: Actor,
    input: CreateResourceInput,
    options: { id?: string } = {},
  ): Promise<Resource> {
    const person = requirePerson(actor, 'Only a signed-in person adds resources');
    const ownerOrganisationId = input.ownerOrganisationId ?? null;
    if (ownerOrganisationId) {
      const owner = await this.organisations.get(ownerOrganisationId);
      await this.access.requireRole(actor, owner.id, OWNER_ROLES);
      this.organisations.requireVerified(owner);
    } else {
      await this.requireOwnerSide(actor, { ownerOrganisationId: null });
    }
    if (input.districtId) await this.districts.requireExisting([input.districtId], 'districtId');
    const fields = {
      ownerOrganisationId,
      name: input.name,
      kind: input.kind,
      districtId: input.districtId ?? null,
      capacity: input.capacity ?? null,
      location: input.location,
      description: input.description,
      bookableBy: input.bookableBy,
      allowedKinds: input.allowedKinds,
      requiresApproval: input.requiresApproval,
      bufferMinutes: input.bufferMinutes,
      minDurationMinutes: input.minDurationMinutes ?? null,
      maxDurationMinutes: input.maxDurationMinutes ?? null,
      bookingWindowDays: input.bookingWindowDays ?? null,
      weeklyQuotaHours: input.weeklyQuotaHours ?? null,
    };
    this.requireSensibleRules(fields);
    return this.database.transaction(async (manager) => {
      const resource = await manager.save(
        manager.create(Resource, { ...fields, id: options.id, createdById: person.personId }),
      );
      await this.audit.record(manager, actor, {
        action: 'resource.created',
        entityType: 'Resource',
        entityId: resource.id,
        after: snapshot(resource),
      });
      return resource;
    });
  }

  /** Changes apply to bookings made from then on; it waits for bookings being made (lock). */
  async update(actor: Actor, input: UpdateResourceInput): Promise<Resource> {
    const found = await this.get(input.resourceId);
    await this.requireOwnerSide(actor, found);
    if (input.districtId) await this.districts.requireExisting([input.districtId], 'districtId');
    return this.database.transaction(async (manager) => {
      const resource = await this.schedule.lockForChange(manager, found.id);
      const before = snapshot(resource);
      for (const field of NULLABLE_FIELDS) {
        if (input[field] !== undefined) Object.assign(resource, { [field]: input[field] });
      }
      for (const field of REQUIRED_FIELDS) {
        const value = input[field];
        if (value !== undefined && value !== null) Object.assign(resource, { [field]: value });
      }
      // Moving away from LISTED_KINDS without naming kinds drops them.
      if (input.bookableBy && input.bookableBy !== BookableBy.LISTED_KINDS && !input.allowedKinds)
        resource.allowedKinds = [];
      this.requireSensibleRules(resource);
      const saved = await manager.save(resource);
      await this.audit.record(manager, actor, {
        action: 'resource.updated',
        entityType: 'Resource',
        entityId: saved.id,
        before,
        after: snapshot(saved),
      });
      return saved;
    });
  }

  /**
   * Free time of the resource in [from, to): from now at the earliest and within its booking
   * window, without its live bookings (each widened by the buffer on both sides) and blackouts,
   * and without gaps shorter than its minimum duration.
   */
  async availability(args: ResourceAvailabilityArgs): Promise<FreeInterval[]> {
    if (args.to <= args.from)
      throw DomainError.badInput('The range is empty', { to: ['must be after from'] });
    if (minutesOf({ startsAt: args.from, endsAt: args.to }) > MAX_AVAILABILITY_DAYS * 24 * 60) {
      throw DomainError.badInput('The range is too long', {
        to: [`at most ${MAX_AVAILABILITY_DAYS} days after from`],
      });
    }
    const resource = await this.get(args.resourceId);
    const now = this.clock.now();
    const limit = windowEnd(now, resource.bookingWindowDays);
    const range: Interval = {
      startsAt: args.from > now ? args.from : now,
      endsAt: limit && limit < args.to ? limit : args.to,
    };
    if (range.endsAt <= range.startsAt) return [];
    const buffer = resource.bufferMinutes;
    const [held, closed] = await Promise.all([
      this.bookings.find({
        where: {
          resourceId: resource.id,
          status: In(LIVE_BOOKING_STATUSES),
          startsAt: LessThan(plusMinutes(range.endsAt, buffer)),
          blockedUntil: MoreThan(plusMinutes(range.startsAt, -buffer)),
        },
      }),
      this.blackouts.find({
        where: {
          resourceId: resource.id,
          startsAt: LessThan(range.endsAt),
          endsAt: MoreThan(range.startsAt),
        },
      }),
    ]);
    const busy = [...held.map((booking) => busyFor(booking, buffer)), ...closed];
    return freeIntervals(range, busy, resource.minDurationMinutes ?? 0).map((free) => ({
      ...free,
      minutes: Math.floor(minutesOf(free)),
    }));
  }

  private requireSensibleRules(rules: Parameters<typeof resourceRuleProblems>[0]): void {
    const problems = resourceRuleProblems(rules);
    if (Object.keys(problems).length > 0)
      throw DomainError.badInput("The resource's booking rules contradict each other", problems);
  }
}
