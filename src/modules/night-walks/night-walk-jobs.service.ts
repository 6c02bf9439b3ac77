import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { Database } from '../../database/database.service';
import { NotificationKind, NotificationsService } from '../notifications';
import { MANAGERS, OrganisationAccess } from '../organisations';
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
    private readonly access: OrganisationAccess,
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
            params: { startsAt: shift.startsAt, meetingPoint: shift.meetingPoint },
            data: { shiftId: shift.id, signupId: signup.id },
          })),
        );
        return walkers.length;
      });
    }
    return sent;
  }

  /**
   * A walk still PLANNED and below its minimum once its signup deadline has passed: its
   * organisation's coordinators and admins hear of it (once per walk), to confirm or cancel it.
   */
  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'night-walks-understaffed' })
  async warnUnderstaffed(): Promise<number> {
    const now = this.clock.now();
    const due = await this.shifts
      .createQueryBuilder('shift')
      .where('shift.status = :planned', { planned: ShiftStatus.PLANNED })
      .andWhere('shift.signupDeadline <= :now AND shift.endsAt > :now', { now })
      .andWhere('shift.confirmedCount < shift.minWalkers')
      .getMany();
    let warned = 0;
    for (const { id } of due) {
      warned += await this.database.transaction(async (manager) => {
        // Read again in the transaction: confirmed or filled since the query, nobody is told.
        const shift = await manager.findOneByOrFail(Shift, { id });
        if (shift.status !== ShiftStatus.PLANNED || shift.confirmedCount >= shift.minWalkers) {
          return 0;
        }
        if (!(await this.notifications.claimReminder(manager, `walk-understaffed:${id}`))) {
          return 0;
        }
        const coordinators = await this.access.activePeopleWithRole(
          shift.organisationId,
          MANAGERS,
          manager,
        );
        await this.notifications.notify(
          manager,
          coordinators.map((recipientPersonId) => ({
            recipientPersonId,
            kind: NotificationKind.WALK_UNDERSTAFFED,
            params: {
              startsAt: shift.startsAt,
              meetingPoint: shift.meetingPoint,
              confirmed: shift.confirmedCount,
              minimum: shift.minWalkers,
            },
            data: { shiftId: shift.id },
          })),
        );
        return 1;
      });
    }
    if (warned > 0) this.logger.log(`Warned about ${warned} understaffed walk(s)`);
    return warned;
  }
}
