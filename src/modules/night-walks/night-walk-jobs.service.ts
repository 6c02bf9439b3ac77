import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { toStockholmIso } from '../../common/time';
import { Database } from '../../database/database.service';
import { NotificationKind, NotificationsService } from '../notifications';
import { OPEN_SHIFT_STATUSES, Shift, ShiftStatus } from './entities/shift.entity';
import { Signup, SignupStatus } from './entities/signup.entity';

const REMINDER_HOURS_BEFORE = 24;

/** Scheduled work for night walks; each run reads the injected clock, so tests drive them. */
@Injectable()
export class NightWalkJobsService {
  private readonly logger = new Logger(NightWalkJobsService.name);

  constructor(
    @InjectRepository(Shift) private readonly shifts: Repository<Shift>,
    private readonly database: Database,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** After a walk ends, confirmed walkers who did not check in become NO_SHOW. */
  @Cron(CronExpression.EVERY_5_MINUTES, { name: 'night-walks-no-shows' })
  async markNoShows(): Promise<number> {
    const now = this.clock.now();
    const affected = await this.database.transaction(async (manager) => {
      const ended = manager
        .createQueryBuilder()
        .subQuery()
        .select('shift.id')
        .from(Shift, 'shift')
        .where('shift.endsAt <= :now')
        .andWhere('shift.status <> :cancelled')
        .getQuery();
      const result = await manager
        .createQueryBuilder()
        .update(Signup)
        .set({ status: SignupStatus.NO_SHOW })
        .where('status = :confirmed')
        .andWhere(`"shiftId" IN ${ended}`)
        .setParameters({ now, cancelled: ShiftStatus.CANCELLED, confirmed: SignupStatus.CONFIRMED })
        .execute();
      return result.affected ?? 0;
    });
    if (affected > 0) this.logger.log(`Marked ${affected} signup(s) NO_SHOW`);
    return affected;
  }

  /** A day before a walk, its confirmed walkers get a reminder (once). */
  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'night-walks-reminders' })
  async sendReminders(): Promise<number> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + REMINDER_HOURS_BEFORE * 3600_000);
    const due = await this.shifts
      .createQueryBuilder('shift')
      .where('shift.status IN (:...open)', { open: OPEN_SHIFT_STATUSES })
      .andWhere('shift.reminderSentAt IS NULL')
      .andWhere('shift.startsAt > :now AND shift.startsAt <= :horizon', { now, horizon })
      .getMany();
    let sent = 0;
    for (const shift of due) {
      sent += await this.database.transaction(async (manager) => {
        const claimed = await manager.update(
          Shift,
          { id: shift.id, reminderSentAt: IsNull() },
          { reminderSentAt: now },
        );
        if (!claimed.affected) return 0;
        const walkers = await manager.findBy(Signup, {
          shiftId: shift.id,
          status: SignupStatus.CONFIRMED,
        });
        await this.notifications.notify(
          manager,
          walkers.map((signup) => ({
            recipientPersonId: signup.personId,
            kind: NotificationKind.SHIFT_REMINDER,
            subject: 'Påminnelse: nattvandring inom ett dygn',
            body: `Nattvandringen börjar ${toStockholmIso(shift.startsAt)} vid ${shift.meetingPoint}.`,
            data: { shiftId: shift.id, signupId: signup.id },
          })),
        );
        return walkers.length;
      });
    }
    return sent;
  }
}
