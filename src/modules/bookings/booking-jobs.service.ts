import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, Repository } from 'typeorm';
import { ANONYMOUS } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Database } from '../../database/database.service';
import { BookingNotifier } from './booking-notifier.service';
import { BookingTransitions } from './booking-transitions.service';
import { Booking, BookingStatus } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';

/** Requests closed per run at most (the next run takes the rest). */
const EXPIRE_BATCH = 500;

/** Scheduled work for bookings; each run reads the injected clock, so tests drive it. */
@Injectable()
export class BookingJobsService {
  private readonly logger = new Logger(BookingJobsService.name);

  constructor(
    @InjectRepository(Booking) private readonly bookings: Repository<Booking>,
    private readonly database: Database,
    private readonly transitions: BookingTransitions,
    private readonly notifier: BookingNotifier,
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
}
