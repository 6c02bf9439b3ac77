import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database.service';
import { Shelter } from './entities/shelter.entity';
import { PlacementHolds } from './placement-holds.service';
import { ShelterEvents } from './shelter-events.service';

/** Scheduled work for shelters; each run reads the injected clock, so tests drive them. */
@Injectable()
export class ShelterJobsService {
  private readonly logger = new Logger(ShelterJobsService.name);
  /** Up to when shelters that went stale have been announced. */
  private staleAnnouncedUntil: Date;

  constructor(
    @InjectRepository(Shelter) private readonly shelters: Repository<Shelter>,
    private readonly database: Database,
    private readonly holds: PlacementHolds,
    private readonly events: ShelterEvents,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.staleAnnouncedUntil = clock.now();
  }

  /**
   * Accepted placements not confirmed in time expire, and their held places are freed: one
   * transaction per placement, so a job never holds one shelter while waiting for another's row.
   * Returns how many expired.
   */
  @Cron(CronExpression.EVERY_MINUTE, { name: 'shelters-expire-holds' })
  async expireHolds(): Promise<number> {
    const now = this.clock.now();
    const due = await this.holds.due(this.shelters.manager, now);
    let expired = 0;
    for (const placement of due) {
      const shelter = await this.database.transaction((manager) =>
        this.holds.expire(manager, [placement], now),
      );
      if (!shelter) continue;
      expired += 1;
      this.events.changed(shelter);
    }
    if (expired > 0) this.logger.log(`Expired ${expired} placement hold(s)`);
    return expired;
  }

  /**
   * Subscribers hear when a shelter's last report grows too old (its status becomes NO_DATA), since
   * nothing else changes then.
   */
  @Cron(CronExpression.EVERY_5_MINUTES, { name: 'shelters-announce-stale' })
  async announceStale(): Promise<number> {
    const now = this.clock.now();
    const staleMs = this.config.shelters.availabilityStaleHours * 3600_000;
    const since = this.staleAnnouncedUntil;
    if (now <= since) return 0;
    const stale = await this.shelters
      .createQueryBuilder('shelter')
      .where('shelter.active = :active', { active: true })
      .andWhere(
        'shelter.availabilityReportedAt >= :from AND shelter.availabilityReportedAt < :to',
        {
          from: new Date(since.getTime() - staleMs),
          to: new Date(now.getTime() - staleMs),
        },
      )
      .getMany();
    this.staleAnnouncedUntil = now;
    for (const shelter of stale) this.events.changed(shelter);
    return stale.length;
  }
}
