import { Injectable } from '@nestjs/common';
import { In, LessThan, MoreThan } from 'typeorm';
import { Actor, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { Database } from '../../database/database.service';
import { AuditService } from '../audit';
import { BookingNotifier } from './booking-notifier.service';
import { BlackoutIdInput, CreateBlackoutInput } from './dto/resource.inputs';
import { Blackout } from './entities/blackout.entity';
import { Booking, LIVE_BOOKING_STATUSES } from './entities/booking.entity';
import { ResourceSchedule } from './resource-schedule.service';
import { ResourcesService } from './resources.service';

/** The longest blackout (a resource closed for longer is better removed or changed). */
const MAX_BLACKOUT_DAYS = 366;

/**
 * Blackouts: the owner closes a resource for a period. New bookings in it are refused
 * (RESOURCE_BLACKED_OUT); bookings already made are not touched: they are listed on the blackout
 * (`Blackout.affectedBookings`) and their bookers notified, for the owner to settle with each.
 * Adding one locks the resource, so every booking either was made before it (and is listed and
 * notified) or is checked against it.
 */
@Injectable()
export class BlackoutsService {
  constructor(
    private readonly database: Database,
    private readonly resources: ResourcesService,
    private readonly schedule: ResourceSchedule,
    private readonly notifier: BookingNotifier,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateBlackoutInput): Promise<Blackout> {
    const person = requirePerson(actor, 'Only a signed-in person closes resources');
    const found = await this.resources.get(input.resourceId);
    await this.resources.requireOwnerSide(actor, found);
    const problems: Record<string, string[]> = {};
    if (input.endsAt <= input.startsAt) problems.endsAt = ['must be after startsAt'];
    else if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_BLACKOUT_DAYS * 24 * 3600_000)
      problems.endsAt = [`a blackout lasts at most ${MAX_BLACKOUT_DAYS} days`];
    else if (input.endsAt <= this.clock.now()) problems.endsAt = ['must be in the future'];
    if (Object.keys(problems).length > 0)
      throw DomainError.badInput('The blackout is not well-formed', problems);
    return this.database.transaction(async (manager) => {
      const resource = await this.schedule.lockForChange(manager, found.id);
      const blackout = await manager.save(
        manager.create(Blackout, {
          resourceId: resource.id,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          reason: input.reason,
          createdById: person.personId,
        }),
      );
      // Read under the lock: no booking of the resource is being made meanwhile.
      const affected = await manager.find(Booking, {
        where: {
          resourceId: resource.id,
          status: In(LIVE_BOOKING_STATUSES),
          startsAt: LessThan(blackout.endsAt),
          endsAt: MoreThan(blackout.startsAt),
        },
        order: { startsAt: 'ASC', id: 'ASC' },
      });
      await this.notifier.blackedOut(manager, resource, blackout, affected);
      await this.audit.record(manager, actor, {
        action: 'blackout.created',
        entityType: 'Blackout',
        entityId: blackout.id,
        after: {
          resourceId: resource.id,
          startsAt: blackout.startsAt.toISOString(),
          endsAt: blackout.endsAt.toISOString(),
          reason: blackout.reason,
          affectedBookingIds: affected.map((booking) => booking.id),
        },
      });
      return blackout;
    });
  }

  /** Opens the period for bookings again; returns the blackout as it was. */
  async remove(actor: Actor, input: BlackoutIdInput): Promise<Blackout> {
    const blackout = await this.database.dataSource.manager.findOneBy(Blackout, {
      id: input.blackoutId,
    });
    if (!blackout) throw DomainError.notFound('Blackout', input.blackoutId);
    await this.resources.requireOwnerSide(actor, await this.resources.get(blackout.resourceId));
    await this.database.transaction(async (manager) => {
      await this.schedule.lockForChange(manager, blackout.resourceId);
      const removed = await manager.delete(Blackout, { id: blackout.id });
      if (!removed.affected) throw DomainError.notFound('Blackout', blackout.id);
      await this.audit.record(manager, actor, {
        action: 'blackout.removed',
        entityType: 'Blackout',
        entityId: blackout.id,
        before: {
          resourceId: blackout.resourceId,
          startsAt: blackout.startsAt.toISOString(),
          endsAt: blackout.endsAt.toISOString(),
          reason: blackout.reason,
        },
      });
    });
    return blackout;
  }
}
