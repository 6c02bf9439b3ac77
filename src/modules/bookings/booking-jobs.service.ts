import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, MoreThan, Repository } from 'typeorm';
import { ANONYMOUS } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Database } from '../../database/database.service';
import { NotificationsService } from '../notifications';
import { BookingNotifier } from './booking-notifier.service';
import { BookingTransitions } from './booking-transitions.service';
import { Booking, BookingStatus } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';

/** Requests closed per run at most (the next run takes the rest). */
const EXPIRE_BATCH = 500;

/** A request waiting this long for an answer is brought to its approvers' attention. */
const UNANSWERED_HOURS = 48;

/** Scheduled work for bookings; each run reads the injected clock, so tests drive it. */
@Injectable()
export class BookingJobsService {
  private readonly logger = new Logger(BookingJobsService.name);

  constructor(
    @InjectRepository(Booking) private readonly bookings: Repository<Booking>,
    private readonly database: Database,
    private readonly transitions: BookingTransitions,
    private readonly notifier: BookingNotifier,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * A request nobody answered before it started is closed: REQUESTED → EXPIRED (a status of its
   * own, not REJECTED: no one refused it), its time freed, its booker told. One transaction per
   * booking; one answered meanwhile is left as it is. Returns how many expired.
   */
  @Cron(CronExpression.EVERY_5_MINUTES, { name: 'bookings-expire-requests' })
  async expireRequests(): Promise<number> {
    const now = this.clock.now();
    const due = await this.bookings.find({
      where: { status: BookingStatus.REQUESTED, startsAt: LessThanOrEqual(now) },
      order: { startsAt: 'ASC', id: 'ASC' },
      take: EXPIRE_BATCH,
    });
    let expired = 0;
    for (const booking of due) {
      try {
        await this.database.transaction(async (manager) => {
          const changed = await this.transitions.change(
            manager,
            ANONYMOUS,
            booking,
            BookingStatus.EXPIRED,
            { decidedAt: now },
          );
          const resource = await manager.findOneByOrFail(Resource, { id: changed.resourceId });
          await this.notifier.expired(manager, resource, changed);
        });
        expired += 1;
      } catch (error) {
        // Answered or cancelled since it was read: the conditional update changed nothing.
        if (!(error instanceof DomainError && error.code === ErrorCode.INVALID_STATE_TRANSITION))
          throw error;
      }
    }
    if (expired > 0) this.logger.log(`Expired ${expired} unanswered booking request(s)`);
    return expired;
  }

  /**
   * A request (a booking, or a recurring request's bookings) unanswered for 48 hours and not yet
   * started: whoever answers for the resource is reminded, once per request
   * (`booking-unanswered:<series or booking>`), however often or wherever this runs.
   */
  @Cron(CronExpression.EVERY_30_MINUTES, { name: 'bookings-unanswered-reminders' })
  async remindUnanswered(): Promise<number> {
    const now = this.clock.now();
    const waiting = await this.bookings.find({
      where: {
        status: BookingStatus.REQUESTED,
        createdAt: LessThanOrEqual(new Date(now.getTime() - UNANSWERED_HOURS * 3600_000)),
        startsAt: MoreThan(now),
      },
      order: { startsAt: 'ASC', id: 'ASC' },
      take: EXPIRE_BATCH,
    });
    const requests = new Map<string, Booking[]>();
    for (const booking of waiting) {
      const key = booking.seriesId ?? booking.id;
      requests.set(key, [...(requests.get(key) ?? []), booking]);
    }
    let reminded = 0;
    for (const [key, bookings] of requests) {
      reminded += await this.database.transaction(async (manager) => {
        if (!(await this.notifications.claimReminder(manager, `booking-unanswered:${key}`))) {
          return 0;
        }
        const resource = await manager.findOneByOrFail(Resource, { id: bookings[0].resourceId });
        await this.notifier.unanswered(manager, resource, bookings);
        return 1;
      });
    }
    if (reminded > 0) this.logger.log(`Reminded owners of ${reminded} unanswered request(s)`);
    return reminded;
  }
}
