import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { In, LessThan, MoreThan, Repository } from 'typeorm';
import { Actor, hasSystemRole, SystemRole } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { LoaderFactory, loaderById } from '../../graphql/loaders';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { OrganisationAccess } from '../organisations';
import { Interval, overlaps } from './bookings.rules';
import { BookingsArgs } from './dto/booking.inputs';
import { Blackout } from './entities/blackout.entity';
import { Booking, LIVE_BOOKING_STATUSES } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';

/** What `Resource.bookings` and `Resource.blackouts` show when no range is given. */
export const DEFAULT_RANGE_DAYS = 30;

/** A resource and an interval: the key of the range loaders. */
export interface ResourceRangeKey {
  resourceId: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Rows of several resources overlapping several ranges, in one query: everything of those
 * resources overlapping the union of the ranges, then split per key in memory.
 */
function rangeLoader<T extends Interval & { resourceId: string }>(
  find: (resourceIds: string[], span: Interval) => Promise<T[]>,
): DataLoader<ResourceRangeKey, T[]> {
  return new DataLoader(
    async (keys) => {
      const span = {
        startsAt: new Date(Math.min(...keys.map((key) => key.startsAt.getTime()))),
        endsAt: new Date(Math.max(...keys.map((key) => key.endsAt.getTime()))),
      };
      const rows = await find([...new Set(keys.map((key) => key.resourceId))], span);
      return keys.map((key) =>
        rows.filter((row) => row.resourceId === key.resourceId && overlaps(row, key)),
      );
    },
    {
      cacheKeyFn: (key) =>
        `${key.resourceId}|${key.startsAt.toISOString()}|${key.endsAt.toISOString()}`,
    },
  );
}

/**
 * Reading bookings. Every signed-in person sees a resource's live bookings (when, which
 * organisation, what for: what its public calendar shows); the parties to a booking — members of
 * the booking organisation and of the owning organisation, and municipal officers — also see who
 * booked it and its cancelled and rejected history.
 */
@Injectable()
export class BookingsService {
  constructor(
    @InjectRepository(Booking) private readonly bookings: Repository<Booking>,
    @InjectRepository(Blackout) private readonly blackouts: Repository<Blackout>,
    private readonly access: OrganisationAccess,
    private readonly clock: Clock,
  ) {}

  readonly byId: LoaderFactory<string, Booking | null> = () => loaderById(this.bookings);

  /** Live (REQUESTED and CONFIRMED) bookings per resource overlapping a range, by start. */
  readonly liveByResourceAndRange: LoaderFactory<ResourceRangeKey, Booking[]> = () =>
    rangeLoader((resourceIds, span) =>
      this.bookings.find({
        where: {
          resourceId: In(resourceIds),
          status: In(LIVE_BOOKING_STATUSES),
          startsAt: LessThan(span.endsAt),
          endsAt: MoreThan(span.startsAt),
        },
        order: { startsAt: 'ASC', id: 'ASC' },
      }),
    );

  /** Blackouts per resource overlapping a range, by start. */
  readonly blackoutsByResourceAndRange: LoaderFactory<ResourceRangeKey, Blackout[]> = () =>
    rangeLoader((resourceIds, span) =>
      this.blackouts.find({
        where: {
          resourceId: In(resourceIds),
          startsAt: LessThan(span.endsAt),
          endsAt: MoreThan(span.startsAt),
        },
        order: { startsAt: 'ASC', id: 'ASC' },
      }),
    );

  /** The range a relation field shows: from now for 30 days unless the client says otherwise. */
  defaultRange(from?: Date, to?: Date): Interval {
    const startsAt = from ?? this.clock.now();
    return {
      startsAt,
      endsAt: to ?? new Date(startsAt.getTime() + DEFAULT_RANGE_DAYS * 24 * 3600_000),
    };
  }

  /** NOT_FOUND when there is no such booking. */
  async get(id: string): Promise<Booking> {
    const booking = await this.bookings.findOneBy({ id });
    if (!booking) throw DomainError.notFound('Booking', id);
    return booking;
  }

  /**
   * Whether the actor is a party to the booking: a municipal officer, or an active member of the
   * booking organisation or of the organisation that owns the resource.
   */
  async isParty(
    actor: Actor,
    booking: Pick<Booking, 'organisationId'>,
    resource: Pick<Resource, 'ownerOrganisationId'>,
  ): Promise<boolean> {
    if (hasSystemRole(actor, SystemRole.MUNICIPAL_OFFICER)) return true;
    const roles = await this.access.activeRoles(actor);
    return (
      roles.has(booking.organisationId) ||
      (resource.ownerOrganisationId !== null && roles.has(resource.ownerOrganisationId))
    );
  }

  /**
   * Bookings the actor is a party to, in every status, by start: municipal officers see all;
   * others those of their organisations and of the resources their organisations own.
   */
  async list(actor: Actor, args: BookingsArgs): Promise<ConnectionShape<Booking>> {
    const filter = args.filter ?? {};
    const query = this.bookings.createQueryBuilder('booking');
    if (!hasSystemRole(actor, SystemRole.MUNICIPAL_OFFICER)) {
      const own = [...(await this.access.activeRoles(actor)).keys()];
      if (own.length === 0) {
        query.andWhere('1 = 0');
      } else {
        query
          .innerJoin(Resource, 'resource', 'resource.id = booking.resourceId')
          .andWhere(
            '(booking.organisationId IN (:...own) OR resource.ownerOrganisationId IN (:...own))',
            { own },
          );
      }
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
