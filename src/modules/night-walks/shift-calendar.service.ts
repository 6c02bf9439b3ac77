import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { IsNull, Repository } from 'typeorm';
import { Actor, isPerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { stockholmCalendar } from '../../common/ical';
import { TIME_ZONE } from '../../common/time';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database.service';
import { DistrictsService } from '../districts';
import { Organisation, OrganisationStatus } from '../organisations';
import { CalendarFeed } from './entities/calendar-feed.entity';
import { Shift, ShiftStatus } from './entities/shift.entity';
import { SEATED_STATUSES, Signup } from './entities/signup.entity';

/** The organisation name selected alongside each walk (same order as the entities). */
interface RunnerRow {
  runnerName: string;
}

const EVENT_STATUS: Record<ShiftStatus, ICalEventStatus> = {
  [ShiftStatus.PLANNED]: ICalEventStatus.TENTATIVE,
  [ShiftStatus.CONFIRMED]: ICalEventStatus.CONFIRMED,
  [ShiftStatus.COMPLETED]: ICalEventStatus.CONFIRMED,
  [ShiftStatus.CANCELLED]: ICalEventStatus.CANCELLED,
};

/** A calendar shows walks from this long ago … */
const PAST_DAYS = 30;
/** … until this far ahead. */
const AHEAD_DAYS = 180;

/**
 * iCalendar feeds: a district's public schedule, and each volunteer's own walks behind a private,
 * revocable URL. The URL's token is an HMAC of the feed's id, so no secret is stored and the URL can
 * be shown again; rotating JWT_SECRET changes every personal feed URL.
 */
@Injectable()
export class ShiftCalendarService {
  constructor(
    @InjectRepository(Shift) private readonly shifts: Repository<Shift>,
    @InjectRepository(CalendarFeed) private readonly feeds: Repository<CalendarFeed>,
    private readonly database: Database,
    private readonly districts: DistrictsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The public schedule of a district: verified organisations' walks, cancelled ones marked so. */
  async districtCalendar(districtId: string): Promise<string> {
    const district = await this.districts.get(districtId);
    const { from, to } = this.window();
    const walks = await this.shifts
      .createQueryBuilder('shift')
      .innerJoin(Organisation, 'runner', 'runner.id = shift.organisationId')
      .addSelect('runner.name', 'runnerName')
      .where('shift.districtId = :districtId', { districtId })
      .andWhere('runner.status = :verified', { verified: OrganisationStatus.VERIFIED })
      .andWhere('shift.startsAt >= :from AND shift.startsAt < :to', { from, to })
      .orderBy('shift.startsAt', 'ASC')
      .getRawAndEntities();
    return this.render(`Nattvandring ${district.name}`, walks.entities, walks.raw as RunnerRow[]);
  }

  /** The walks the feed's owner holds a place on. NOT_FOUND for an unknown or revoked token. */
  async personalCalendar(token: string): Promise<string> {
    const feed = await this.feedFor(token);
    const { from, to } = this.window();
    const walks = await this.shifts
      .createQueryBuilder('shift')
      .innerJoin(Signup, 'signup', 'signup.shiftId = shift.id')
      .innerJoin(Organisation, 'runner', 'runner.id = shift.organisationId')
      .addSelect('runner.name', 'runnerName')
      .where('signup.personId = :personId', { personId: feed.personId })
      .andWhere('signup.status IN (:...seated)', { seated: SEATED_STATUSES })
      .andWhere('shift.startsAt >= :from AND shift.startsAt < :to', { from, to })
      .orderBy('shift.startsAt', 'ASC')
      .getRawAndEntities();
    return this.render('Mina nattvandringar', walks.entities, walks.raw as RunnerRow[]);
  }

  /** The signed-in person's feed URL, creating the feed on first use. */
  async urlFor(actor: Actor, baseUrl: string): Promise<string> {
    if (!isPerson(actor)) throw DomainError.forbidden('Only a signed-in person has a calendar');
    let feed = await this.feeds.findOneBy({ personId: actor.personId, revokedAt: IsNull() });
    if (!feed) {
      feed = await this.database.transaction(async (manager) => {
        const existing = await manager.findOneBy(CalendarFeed, {
          personId: actor.personId,
          revokedAt: IsNull(),
        });
        return (
          existing ??
          manager.save(manager.create(CalendarFeed, { personId: actor.personId, revokedAt: null }))
        );
      });
    }
    return `${baseUrl}/calendar/feeds/${this.tokenFor(feed.id)}.ics`;
  }

  /** Ends the current URL (anyone who had it sees nothing more) and returns a new one. */
  async regenerate(actor: Actor, baseUrl: string): Promise<string> {
    if (!isPerson(actor)) throw DomainError.forbidden('Only a signed-in person has a calendar');
    await this.feeds.update(
      { personId: actor.personId, revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
    return this.urlFor(actor, baseUrl);
  }

  private tokenFor(feedId: string): string {
    const mac = createHmac('sha256', this.config.jwt.secret)
      .update(`calendar-feed:${feedId}`)
      .digest('base64url');
    return `${feedId}.${mac}`;
  }

  private async feedFor(token: string): Promise<CalendarFeed> {
    const [feedId, mac] = token.split('.');
    const expected = feedId ? this.tokenFor(feedId).split('.')[1] : '';
    const valid =
      Boolean(mac) &&
      /^[0-9a-f-]{36}$/.test(feedId) &&
      mac.length === expected.length &&
      timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
    const feed = valid ? await this.feeds.findOneBy({ id: feedId, revokedAt: IsNull() }) : null;
    if (!feed) throw DomainError.notFound('Calendar');
    return feed;
  }

  private window(): { from: Date; to: Date } {
    const now = DateTime.fromJSDate(this.clock.now(), { zone: TIME_ZONE });
    return {
      from: now.minus({ days: PAST_DAYS }).toJSDate(),
      to: now.plus({ days: AHEAD_DAYS }).toJSDate(),
    };
  }

  private render(name: string, walks: Shift[], rows: RunnerRow[]): string {
    const calendar = stockholmCalendar(name);
    const stamp = this.clock.now();
    walks.forEach((shift, index) => {
      calendar.createEvent({
        id: `${shift.id}@samverkan`,
        start: DateTime.fromJSDate(shift.startsAt).setZone(TIME_ZONE),
        end: DateTime.fromJSDate(shift.endsAt).setZone(TIME_ZONE),
        timezone: TIME_ZONE,
        stamp,
        summary: `Nattvandring – ${rows[index].runnerName}`,
        location: shift.meetingPoint,
        description:
          shift.status === ShiftStatus.CANCELLED
            ? `Inställd: ${shift.cancelReason ?? ''}`
            : `${shift.confirmedCount} av ${shift.maxWalkers} platser tagna (minst ${shift.minWalkers}).`,
        status: EVENT_STATUS[shift.status],
      });
    });
    return calendar.toString();
  }
}
