import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { FindOptionsWhere, In, LessThan, MoreThan, Repository } from 'typeorm';
import { Actor } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { LoaderFactory, RequestLoaders } from '../../graphql/loaders';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { TimeRangeArgs } from '../../graphql/time-range.args';
import { BookingVisibility } from './booking-visibility.service';
import { Interval, minutesOf, overlaps } from './bookings.rules';
import { BookingsArgs } from './dto/booking.inputs';
import { Blackout } from './entities/blackout.entity';
import { Booking, LIVE_BOOKING_STATUSES } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';

/** What `Resource.bookings` and `Resource.blackouts` show when no range is given. */
export const DEFAULT_RANGE_DAYS = 30;
/** The longest range those fields answer for (BAD_USER_INPUT beyond it). */
const MAX_RANGE_DAYS = 366;
/** Most rows one range query of the loaders reads; more is BAD_USER_INPUT (ask for less). */
const MAX_RANGE_ROWS = 5_000;

const DAY_MS = 24 * 3600_000;

/** A resource and an interval: the key of the range loaders. */
interface ResourceRangeKey {
  resourceId: string;
  startsAt: Date;
  endsAt: Date;
}

const rangeKey = (key: Interval) => `${key.startsAt.toISOString()}|${key.endsAt.toISOString()}`;

/**
 * The ranges asked for, in groups that overlap (each group read in one query over its span): the
 * default "from now" of several fields differs by the milliseconds between them, while two ranges
 * far apart are never read as one span with everything in between.
 */
function overlappingGroups<K extends Interval>(
  keys: readonly K[],
): { span: Interval; keys: K[] }[] {
  const sorted = [...keys].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const groups: { span: Interval; keys: K[] }[] = [];
  for (const key of sorted) {
    const last = groups.at(-1);
    if (last && key.startsAt < last.span.endsAt) {
      last.keys.push(key);
      if (key.endsAt > last.span.endsAt) last.span.endsAt = key.endsAt;
    } else {
      groups.push({ span: { startsAt: key.startsAt, endsAt: key.endsAt }, keys: [key] });
    }
  }
  return groups;
}

/**
 * Rows of several resources overlapping their ranges: one `IN (…)` query per group of overlapping
 * ranges (usually one per request), split per key in memory; a query that would read more than
 * MAX_RANGE_ROWS rows fails its keys with BAD_USER_INPUT.
 */
function rangeLoader<T extends Interval & { resourceId: string }>(
  find: (resourceIds: string[], span: Interval, take: number) => Promise<T[]>,
): DataLoader<ResourceRangeKey, T[]> {
  return new DataLoader(
    async (keys) => {
      const found = new Map<ResourceRangeKey, T[] | Error>();
      for (const group of overlappingGroups(keys)) {
        const resourceIds = [...new Set(group.keys.map((key) => key.resourceId))];
        const rows = await find(resourceIds, group.span, MAX_RANGE_ROWS + 1);
        const tooMany = DomainError.badInput(
          'Too many bookings in the range: ask for a shorter one',
          {
            to: [`at most ${MAX_RANGE_ROWS} per request and range`],
          },
        );
        for (const key of group.keys) {
          found.set(
            key,
            rows.length > MAX_RANGE_ROWS
              ? tooMany
              : rows.filter((row) => row.resourceId === key.resourceId && overlaps(row, key)),
          );
        }
      }
      return keys.map((key) => found.get(key) ?? []);
    },
    { cacheKeyFn: (key) => `${key.resourceId}|${rangeKey(key)}` },
  );
}

/**
 * Reading bookings. A resource's live bookings are shown to every signed-in person as busy time,
 * with their details to the parties only (see BookingVisibility); the `bookings` list holds only
 * bookings the caller is a party to, in every status.
 */
@Injectable()
export class BookingsService {
  constructor(
    @InjectRepository(Booking) private readonly bookings: Repository<Booking>,
    @InjectRepository(Blackout) private readonly blackouts: Repository<Blackout>,
    private readonly visibility: BookingVisibility,
    private readonly clock: Clock,
  ) {}

  /** Live (REQUESTED and CONFIRMED) bookings per resource overlapping a range, by start. */
  readonly liveByResourceAndRange: LoaderFactory<ResourceRangeKey, Booking[]> = () =>
    rangeLoader((resourceIds, range, take) =>
      this.bookings.find({
        where: {
          resourceId: In(resourceIds),
          status: In(LIVE_BOOKING_STATUSES),
          ...overlapping(range),
        } as FindOptionsWhere<Booking>,
        order: { startsAt: 'ASC', id: 'ASC' },
        take,
      }),
    );

  /** Blackouts per resource overlapping a range, by start. */
  readonly blackoutsByResourceAndRange: LoaderFactory<ResourceRangeKey, Blackout[]> = () =>
    rangeLoader((resourceIds, range, take) =>
      this.blackouts.find({
        where: { resourceId: In(resourceIds), ...overlapping(range) } as FindOptionsWhere<Blackout>,
        order: { startsAt: 'ASC', id: 'ASC' },
        take,
      }),
    );

  /**
   * The range a relation field shows: from now for 30 days unless the client says otherwise;
   * BAD_USER_INPUT when it is empty or longer than MAX_RANGE_DAYS.
   */
  range(args: TimeRangeArgs): Interval {
    const startsAt = args.from ?? this.clock.now();
    const range = {
      startsAt,
      endsAt: args.to ?? new Date(startsAt.getTime() + DEFAULT_RANGE_DAYS * DAY_MS),
    };
    if (range.endsAt <= range.startsAt)
      throw DomainError.badInput('The range is empty', {
        to: ['must be after from (default: now)'],
      });
    if (minutesOf(range) > MAX_RANGE_DAYS * 24 * 60) {
      throw DomainError.badInput('The range is too long', {
        to: [`at most ${MAX_RANGE_DAYS} days after from`],
      });
    }
    return range;
  }

  /** The resource's live bookings in the range that the actor sees (`Resource.bookings`). */
  async liveOf(
    actor: Actor,
    resource: Resource,
    args: TimeRangeArgs,
    loaders: RequestLoaders,
  ): Promise<Booking[]> {
    const bookings = await loaders
      .get(this.liveByResourceAndRange)
      .load({ resourceId: resource.id, ...this.range(args) });
    return this.visibility.visibleOf(actor, resource, bookings);
  }

  /** The resource's blackouts in the range (every signed-in person sees them). */
  blackoutsOf(
    resource: Resource,
    args: TimeRangeArgs,
    loaders: RequestLoaders,
  ): Promise<Blackout[]> {
    return loaders
      .get(this.blackoutsByResourceAndRange)
      .load({ resourceId: resource.id, ...this.range(args) });
  }

  /** The live bookings inside a blackout that the actor sees (`Blackout.affectedBookings`). */
  async affectedBy(actor: Actor, blackout: Blackout, loaders: RequestLoaders): Promise<Booking[]> {
    const bookings = await loaders.get(this.liveByResourceAndRange).load({
      resourceId: blackout.resourceId,
      startsAt: blackout.startsAt,
      endsAt: blackout.endsAt,
    });
    return this.visibility.visibleIn(actor, blackout.resourceId, bookings, loaders);
  }

  /** NOT_FOUND when there is no such booking. */
  async get(id: string): Promise<Booking> {
    const booking = await this.bookings.findOneBy({ id });
    if (!booking) throw DomainError.notFound('Booking', id);
    return booking;
  }

  /**
   * Bookings the actor is a party to, in every status, by start: those of their organisations, of
   * the resources their organisations own, and — for municipal officers — of the municipality's
   * resources; ADMIN sees all.
   */
  async list(actor: Actor, args: BookingsArgs): Promise<ConnectionShape<Booking>> {
    const filter = args.filter ?? {};
    const viewer = await this.visibility.viewer(actor);
    const query = this.bookings
      .createQueryBuilder('booking')
      .innerJoin(Resource, 'resource', 'resource.id = booking.resourceId');
    if (!viewer.admin) {
      const own = [...viewer.organisationIds];
      const parties: string[] = [];
      if (own.length > 0) {
        parties.push(
          'booking.organisationId IN (:...own)',
          'resource.ownerOrganisationId IN (:...own)',
        );
      }
      if (viewer.officer) parties.push('resource.ownerOrganisationId IS NULL');
      query.andWhere(parties.length > 0 ? `(${parties.join(' OR ')})` : '1 = 0', { own });
    }
    if (filter.resourceId)
      query.andWhere('booking.resourceId = :resourceId', { resourceId: filter.resourceId });
    if (filter.organisationId) {
      query.andWhere('booking.organisationId = :organisationId', {
        organisationId: filter.organisationId,
      });
    }
    if (filter.from) query.andWhere('booking.endsAt > :from', { from: filter.from });
    if (filter.to) query.andWhere('booking.startsAt < :to', { to: filter.to });
    if (filter.status) query.andWhere('booking.status = :status', { status: filter.status });
    return paginate(query, args, {
      column: 'booking.startsAt',
      direction: 'ASC',
      valueOf: (booking) => booking.startsAt,
    });
  }
}

function overlapping(range: Interval) {
  return { startsAt: LessThan(range.endsAt), endsAt: MoreThan(range.startsAt) };
}
