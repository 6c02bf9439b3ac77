import { Injectable } from '@nestjs/common';
import { Actor } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { BookingVisibility } from './booking-visibility.service';
import { Database } from '../../database/database.service';
import { busyFor, freeIntervals, Interval, minutesOf, windowEnd } from './bookings.rules';
import { FreeInterval, ResourceAvailabilityArgs } from './dto/resource.inputs';
import { ResourceSchedule } from './resource-schedule.service';
import { ResourcesService } from './resources.service';

/** The longest range `resourceAvailability` answers for. */
const MAX_AVAILABILITY_DAYS = 92;

/** When a resource is free (what someone who may see its bookings as busy time may ask). */
@Injectable()
export class ResourceAvailabilityService {
  constructor(
    private readonly database: Database,
    private readonly schedule: ResourceSchedule,
    private readonly resources: ResourcesService,
    private readonly visibility: BookingVisibility,
    private readonly clock: Clock,
  ) {}

  /**
   * Free time of the resource in [from, to): from now at the earliest and within its booking
   * window, without its live bookings (each widened by the buffer on both sides) and blackouts,
   * and without gaps shorter than its minimum duration. FORBIDDEN for someone else's OWNER_ONLY
   * resource (its bookings are the owner's business).
   */
  async availability(actor: Actor, args: ResourceAvailabilityArgs): Promise<FreeInterval[]> {
    if (args.to <= args.from)
      throw DomainError.badInput('The range is empty', { to: ['must be after from'] });
    if (minutesOf({ startsAt: args.from, endsAt: args.to }) > MAX_AVAILABILITY_DAYS * 24 * 60) {
      throw DomainError.badInput('The range is too long', {
        to: [`at most ${MAX_AVAILABILITY_DAYS} days after from`],
      });
    }
    const resource = await this.resources.get(args.resourceId);
    await this.visibility.requireSchedule(actor, resource);
    const now = this.clock.now();
    const limit = windowEnd(now, resource.bookingWindowDays);
    const range: Interval = {
      startsAt: args.from > now ? args.from : now,
      endsAt: limit && limit < args.to ? limit : args.to,
    };
    if (range.endsAt <= range.startsAt) return [];
    const manager = this.database.dataSource.manager;
    const [held, closed] = await Promise.all([
      this.schedule.heldAround(manager, resource, range),
      this.schedule.blackoutsIn(manager, resource.id, range),
    ]);
    const busy = [...held.map((booking) => busyFor(booking, resource.bufferMinutes)), ...closed];
    return freeIntervals(range, busy, resource.minDurationMinutes ?? 0).map((free) => ({
      ...free,
      minutes: Math.floor(minutesOf(free)),
    }));
  }
}
