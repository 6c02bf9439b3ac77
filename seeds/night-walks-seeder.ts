import { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, In } from 'typeorm';
import { PersonActor } from '../src/common/actor';
import { Clock } from '../src/common/clock';
import { TIME_ZONE } from '../src/common/time';
import {
  NightWalkJobsService,
  Shift,
  ShiftPlanningService,
  SignupsService,
  WalkReportsService,
} from '../src/modules/night-walks';
import {
  DemoPastWalk,
  DemoWalkSeries,
  EXTRA_WALK,
  NIGHT_WALK_SERIES,
  PAST_WALKS,
  SIGNUP_DEADLINE_MINUTES_BEFORE,
  UPCOMING_WALKS,
  WALK_HOUR,
  WALK_MINUTES,
  WALK_RULE,
} from './demo-night-walks';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The first Friday 21:00 in Stockholm after `after`. */
export function nextWalkFriday(after: Date): Date {
  let evening = DateTime.fromJSDate(after, { zone: TIME_ZONE }).set({
    hour: WALK_HOUR,
    minute: 0,
    second: 0,
    millisecond: 0,
  });
  while (evening.weekday !== 5 || evening.toJSDate() <= after) evening = evening.plus({ days: 1 });
  return evening.toJSDate();
}

/**
 * The Fridays the demo walks start from: the coming series from the first Friday evening at least
 * three hours away (so its signups are still open), the history from the latest Friday whose two
 * weekends were over, and reported, an hour before now.
 */
export function demoWalkFridays(now: Date): { upcoming: Date; past: Date } {
  const upcoming = nextWalkFriday(new Date(now.getTime() + 3 * HOUR));
  let past = DateTime.fromJSDate(upcoming, { zone: TIME_ZONE }).minus({ weeks: 2 });
  const lastReport = (friday: DateTime) =>
    friday.plus({ days: 8 }).toJSDate().getTime() + WALK_MINUTES * MINUTE + 2 * HOUR;
  while (lastReport(past) > now.getTime()) past = past.minus({ weeks: 1 });
  return { upcoming, past: past.toJSDate() };
}

/**
 * Night walks through the services, as their coordinators and walkers: the coming eight weeks of
 * each series with signups (full, waitlisted, understaffed), and two past weekends recorded with the
 * clock set back (signed up days before, checked in during the walk, reported after it). Only when
 * the demo groups have no walks yet, so running the seeder again changes nothing.
 */
export async function seedNightWalks(
  app: INestApplicationContext,
  actor: (email: string) => PersonActor,
  count: (kind: string, created: boolean, n?: number) => void,
): Promise<void> {
  const organisationIds = [
    ...new Set([...NIGHT_WALK_SERIES, EXTRA_WALK].map((s) => s.organisationId)),
  ];
  const existing = await app
    .get(DataSource)
    .getRepository(Shift)
    .countBy({ organisationId: In(organisationIds) });
  if (existing > 0) {
    count('shifts', false, existing);
    return;
  }
  const seeder = new NightWalkSeeder(app, actor, count);
  const now = app.get(Clock).now();
  const fridays = demoWalkFridays(now);
  for (const series of NIGHT_WALK_SERIES) {
    if (series.past.length > 0) await seeder.history(series, fridays.past);
    await seeder.upcoming(series, fridays.upcoming);
  }
  await seeder.extraWalk(now);
  // What the scheduled job would do after the past walks: walkers who never came are NO_SHOW.
  await app.get(NightWalkJobsService).markNoShows();
}

class NightWalkSeeder {
  private readonly clock: Clock;
  private readonly planning: ShiftPlanningService;
  private readonly signups: SignupsService;
  private readonly reports: WalkReportsService;
  /** "email shiftId" → signup id, of the signups made here. */
  private readonly signupIds = new Map<string, string>();

  constructor(
    app: INestApplicationContext,
    private readonly actor: (email: string) => PersonActor,
    private readonly count: (kind: string, created: boolean, n?: number) => void,
  ) {
    this.clock = app.get(Clock);
    this.planning = app.get(ShiftPlanningService);
    this.signups = app.get(SignupsService);
    this.reports = app.get(WalkReportsService);
  }

  async upcoming(series: DemoWalkSeries, firstFriday: Date): Promise<void> {
    const walks = await this.createSeries(series, firstFriday, UPCOMING_WALKS);
    for (const plan of series.upcoming) {
      const shiftId = walks[plan.walk].id;
      for (const email of plan.confirmed) await this.signUp(email, shiftId, false);
      for (const email of plan.waitlisted ?? []) await this.signUp(email, shiftId, true);
    }
  }

  /** Published the Monday before, signed up for then, walked and reported (or cancelled). */
  async history(series: DemoWalkSeries, firstFriday: Date): Promise<void> {
    const published = new Date(firstFriday.getTime() - 4 * DAY);
    const walks = await this.clock.at(published, async () => {
      const created = await this.createSeries(series, firstFriday, PAST_WALKS);
      for (const plan of series.past) {
        for (const email of [...plan.walkers, ...(plan.noShows ?? [])]) {
          await this.signUp(email, created[plan.walk].id, false);
        }
      }
      return created;
    });
    for (const plan of series.past) await this.walk(series, plan, walks[plan.walk]);
  }

  /** Signups closed an hour ago with too few walkers: understaffed now. */
  async extraWalk(now: Date): Promise<void> {
    let startsAt = DateTime.fromJSDate(now, { zone: TIME_ZONE }).set({
      hour: EXTRA_WALK.startHour,
      minute: 0,
      second: 0,
      millisecond: 0,
    });
    if (startsAt.toJSDate().getTime() < now.getTime() + 3 * HOUR)
      startsAt = startsAt.plus({ days: 1 });
    await this.clock.at(new Date(now.getTime() - 2 * DAY), async () => {
      const created = await this.planning.create(this.actor(EXTRA_WALK.coordinatorEmail), {
        organisationId: EXTRA_WALK.organisationId,
        districtId: EXTRA_WALK.districtId,
        startsAt: startsAt.toJSDate(),
        endsAt: startsAt.plus({ minutes: EXTRA_WALK.minutes }).toJSDate(),
        meetingPoint: EXTRA_WALK.meetingPoint,
        minWalkers: EXTRA_WALK.minWalkers,
        maxWalkers: EXTRA_WALK.maxWalkers,
        requiredCredentials: [],
        signupDeadline: new Date(now.getTime() - HOUR),
      });
      this.count('shifts', true);
      for (const email of EXTRA_WALK.confirmed) await this.signUp(email, created.id, false);
    });
  }

  private async walk(series: DemoWalkSeries, plan: DemoPastWalk, shift: Shift): Promise<void> {
    if (plan.cancelledBecause) {
      const reason = plan.cancelledBecause;
      await this.clock.at(new Date(shift.startsAt.getTime() - DAY), () =>
        this.planning.cancel(this.actor(series.coordinatorEmail), { shiftId: shift.id, reason }),
      );
      return;
    }
    await this.clock.at(new Date(shift.startsAt.getTime() + 15 * MINUTE), async () => {
      for (const email of plan.walkers) {
        await this.signups.checkIn(this.actor(email), { signupId: this.signupOf(email, shift.id) });
      }
    });
    const report = plan.report;
    if (!report) return;
    await this.clock.at(new Date(shift.endsAt.getTime() + HOUR), () =>
      this.reports.submit(this.actor(report.by), { shiftId: shift.id, ...report }),
    );
    this.count('walkReports', true);
  }

  private async createSeries(
    series: DemoWalkSeries,
    firstFriday: Date,
    walks: number,
  ): Promise<Shift[]> {
    const created = await this.planning.createSeries(this.actor(series.coordinatorEmail), {
      organisationId: series.organisationId,
      districtId: series.districtId,
      rrule: `${WALK_RULE};COUNT=${walks}`,
      firstStartsAt: firstFriday,
      durationMinutes: WALK_MINUTES,
      meetingPoint: series.meetingPoint,
      minWalkers: series.minWalkers,
      maxWalkers: series.maxWalkers,
      requiredCredentials: series.requiredCredentials,
      signupDeadlineMinutesBefore: SIGNUP_DEADLINE_MINUTES_BEFORE,
    });
    if (created.length !== walks) {
      throw new Error(`The demo series gave ${created.length} walks, not ${walks}`);
    }
    this.count('shifts', true, created.length);
    return created;
  }

  private async signUp(email: string, shiftId: string, joinWaitlist: boolean): Promise<void> {
    const signup = await this.signups
      .signUp(this.actor(email), { shiftId, joinWaitlist })
      .catch((error: unknown) => {
        throw new Error(`${email} could not sign up for ${shiftId}: ${String(error)}`);
      });
    this.signupIds.set(`${email} ${shiftId}`, signup.id);
    this.count('signups', true);
  }

  private signupOf(email: string, shiftId: string): string {
    const found = this.signupIds.get(`${email} ${shiftId}`);
    if (!found) throw new Error(`The demo walker ${email} is not on walk ${shiftId}`);
    return found;
  }
}
