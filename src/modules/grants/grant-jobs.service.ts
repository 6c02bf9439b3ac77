import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThanOrEqual, Repository } from 'typeorm';
import { ANONYMOUS } from '../../common/actor';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database.service';
import { NotificationKind, NotificationsService } from '../notifications';
import { FollowUpReport, FollowUpReportStatus } from './entities/follow-up-report.entity';
import { AWARDED_STATUSES, GrantApplication } from './entities/grant-application.entity';
import { GrantProgramme, GrantProgrammeStatus } from './entities/grant-programme.entity';
import { GrantNotices } from './grant-notices.service';
import { GrantProgrammesService } from './grant-programmes.service';

const DAY = 24 * 3600_000;

/** Scheduled work for grants; each run reads the injected clock, so tests drive them. */
@Injectable()
export class GrantJobsService {
  private readonly logger = new Logger(GrantJobsService.name);

  constructor(
    @InjectRepository(GrantProgramme) private readonly programmeRows: Repository<GrantProgramme>,
    @InjectRepository(GrantApplication)
    private readonly applicationRows: Repository<GrantApplication>,
    private readonly database: Database,
    private readonly programmes: GrantProgrammesService,
    private readonly notices: GrantNotices,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * OPEN programmes whose closesAt has passed become CLOSED (and DECIDED when no application
   * waits), as if an officer had closed them; the audit log names no person.
   */
  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'grants-close-programmes' })
  async closeEndedProgrammes(): Promise<number> {
    const now = this.clock.now();
    const ended = await this.programmeRows.findBy({
      status: GrantProgrammeStatus.OPEN,
      closesAt: LessThanOrEqual(now),
    });
    let closed = 0;
    for (const { id } of ended) {
      closed += await this.database.transaction(async (manager) => {
        const programme = await this.programmes.lock(manager, id);
        if (programme.status !== GrantProgrammeStatus.OPEN || programme.closesAt > now) return 0;
        await this.programmes.closeLocked(manager, ANONYMOUS, programme, {
          automatic: true,
          reason: 'the application window ended',
        });
        return 1;
      });
    }
    if (closed > 0) this.logger.log(`Closed ${closed} grant programme(s) at their closing time`);
    return closed;
  }

  /**
   * Once per award, GRANT_FOLLOW_UP_REMINDER_DAYS before its follow-up report is due (or as soon
   * as the award exists, when that is later), the organisation's admins are reminded, unless a
   * report is already in (submitted or approved).
   */
  @Cron(CronExpression.EVERY_HOUR, { name: 'grants-follow-up-reminders' })
  async sendFollowUpReminders(): Promise<number> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + this.config.grantFollowUpReminderDays * DAY);
    const due = await this.awardsWithoutReport(horizon)
      .andWhere('application.followUpReminderSentAt IS NULL')
      .getMany();
    if (due.length === 0) return 0;
    let reminded = 0;
    for (const application of due) {
      reminded += await this.database.transaction(async (manager) => {
        const claimed = await manager.update(
          GrantApplication,
          { id: application.id, followUpReminderSentAt: IsNull() },
          { followUpReminderSentAt: now },
        );
        if (!claimed.affected) return 0;
        const programme = application.programme!;
        const dueAt = programme.followUpDueAt;
        const overdue = dueAt < now;
        await this.notices.toOrganisationAdmins(manager, application.organisationId, {
          kind: NotificationKind.FOLLOW_UP_DUE,
          params: { programmeName: programme.name, dueAt, overdue },
          data: { applicationId: application.id, followUpDueAt: dueAt.toISOString() },
        });
        return 1;
      });
    }
    return reminded;
  }

  /**
   * A follow-up report not in (neither submitted nor approved) the day after it was due: the
   * organisation's admins are reminded then and every week after until it is in. Each round is
   * claimed once (`follow-up-overdue:<application>:<week>`), so reruns and parallel processes send
   * it once; a round missed while nothing ran is not sent late, the current one is.
   */
  @Cron(CronExpression.EVERY_HOUR, { name: 'grants-follow-up-overdue' })
  async sendOverdueFollowUpReminders(): Promise<number> {
    const now = this.clock.now();
    const overdue = await this.awardsWithoutReport(new Date(now.getTime() - DAY)).getMany();
    let reminded = 0;
    for (const application of overdue) {
      const programme = application.programme!;
      const week = Math.floor(
        (now.getTime() - programme.followUpDueAt.getTime() - DAY) / (7 * DAY),
      );
      reminded += await this.database.transaction(async (manager) => {
        const key = `follow-up-overdue:${application.id}:${week}`;
        if (!(await this.notifications.claimReminder(manager, key))) return 0;
        await this.notices.toOrganisationAdmins(manager, application.organisationId, {
          kind: NotificationKind.FOLLOW_UP_OVERDUE,
          params: { programmeName: programme.name, dueAt: programme.followUpDueAt },
          data: {
            applicationId: application.id,
            followUpDueAt: programme.followUpDueAt.toISOString(),
          },
        });
        return 1;
      });
    }
    return reminded;
  }

  /**
   * Awarded applications (with their programme) whose follow-up report is due by `dueBy` and not
   * in: none submitted or approved.
   */
  private awardsWithoutReport(dueBy: Date) {
    return this.applicationRows
      .createQueryBuilder('application')
      .innerJoinAndSelect('application.programme', 'programme')
      .leftJoin(
        FollowUpReport,
        'report',
        'report.applicationId = application.id AND report.status IN (:...delivered)',
        { delivered: [FollowUpReportStatus.SUBMITTED, FollowUpReportStatus.APPROVED] },
      )
      .where('application.status IN (:...awarded)', { awarded: AWARDED_STATUSES })
      .andWhere('application.awarded > 0')
      .andWhere('programme.followUpDueAt <= :dueBy', { dueBy })
      .andWhere('report.id IS NULL');
  }
}
