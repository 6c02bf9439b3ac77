import { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, In } from 'typeorm';
import { PersonActor } from '../src/common/actor';
import { Clock } from '../src/common/clock';
import { TIME_ZONE } from '../src/common/time';
import {
  BlackoutsService,
  Booking,
  BookingDecisionsService,
  BookingRequestsService,
  BookingStatus,
  Resource,
  ResourceManagementService,
} from '../src/modules/bookings';
import {
  BLACKOUT,
  BOOKINGS,
  DemoWhen,
  KIT_BOOKINGS,
  RESOURCES,
  WEEKLY_SERIES,
} from './demo-bookings';
import { demoWalkFridays } from './night-walks-seeder';

/** `HH:mm` on a Stockholm date. */
function atTime(day: DateTime, time: string): DateTime {
  const [hour, minute] = time.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/**
 * The first day with the weekday at least two days after `now` (so even the earliest demo booking
 * is a little ahead), plus `weeksAhead` weeks, in Stockholm.
 */
function demoDay(now: Date, weekday: number, weeksAhead: number): DateTime {
  let day = DateTime.fromJSDate(now, { zone: TIME_ZONE }).startOf('day').plus({ days: 2 });
  while (day.weekday !== weekday) day = day.plus({ days: 1 });
  return day.plus({ weeks: weeksAhead });
}

/**
 * Shared resources and their bookings through the services, acting as the demo people: the
 * officer and Fritidsföreningen Sylte add resources, organisations book (one weekly series), the
 * owners answer requests (some still open), the officer closes the district office for a day.
 * Bookings only when the demo resources have none yet, so running the seeder again changes nothing.
 */
export async function seedBookings(
  app: INestApplicationContext,
  actor: (email: string) => PersonActor,
  count: (kind: string, created: boolean, n?: number) => void,
): Promise<void> {
  const data = app.get(DataSource);
  const resources = app.get(ResourceManagementService);
  for (const { id, createdBy, ...input } of RESOURCES) {
    const exists = await data.getRepository(Resource).existsBy({ id });
    count('resources', !exists);
    if (!exists) await resources.create(actor(createdBy), input, { id });
  }
  const existing = await data
    .getRepository(Booking)
    .countBy({ resourceId: In(RESOURCES.map((resource) => resource.id)) });
  if (existing > 0) {
    count('bookings', false, existing);
    return;
  }

  const now = app.get(Clock).now();
  const requests = app.get(BookingRequestsService);
  const decisions = app.get(BookingDecisionsService);
  const interval = (when: DemoWhen) => {
    const day = demoDay(now, when.weekday, when.weeksAhead);
    return { startsAt: atTime(day, when.from).toJSDate(), endsAt: atTime(day, when.to).toJSDate() };
  };

  for (const demo of BOOKINGS) {
    const booking = await requests.book(actor(demo.bookedBy), {
      resourceId: demo.resourceId,
      organisationId: demo.organisationId,
      ...interval(demo.when),
      purpose: demo.purpose,
      attendees: demo.attendees,
    });
    count('bookings', true);
    const answer = demo.answer;
    if (answer && 'approve' in answer) {
      await decisions.approve(actor(answer.by), { bookingId: booking.id });
    } else if (answer) {
      await decisions.reject(actor(answer.by), { bookingId: booking.id, reason: answer.reject });
    }
  }

  const series = WEEKLY_SERIES;
  const first = atTime(demoDay(now, series.weekday, 0), series.from);
  const result = await requests.bookRecurring(actor(series.bookedBy), {
    resourceId: series.resourceId,
    organisationId: series.organisationId,
    rrule: series.rule,
    firstStartsAt: first.toJSDate(),
    durationMinutes: series.minutes,
    purpose: series.purpose,
    attendees: series.attendees,
    skipConflicts: false,
  });
  if (result.refusedCount > 0) throw new Error('The demo series collides with other demo bookings');
  count('bookings', true, result.bookedCount);
  const requested = result.occurrences.flatMap((occurrence) =>
    occurrence.booking?.status === BookingStatus.REQUESTED ? [occurrence.booking] : [],
  );
  for (const booking of requested.slice(0, series.approved)) {
    await decisions.approve(actor('handlaggare@samverkan.example'), { bookingId: booking.id });
  }

  const friday = DateTime.fromJSDate(demoWalkFridays(now).upcoming, { zone: TIME_ZONE });
  for (const kit of KIT_BOOKINGS) {
    const startsAt = atTime(friday.plus({ days: kit.night }), '20:30');
    await requests.book(actor(kit.bookedBy), {
      resourceId: kit.resourceId,
      organisationId: kit.organisationId,
      startsAt: startsAt.toJSDate(),
      endsAt: startsAt.plus({ hours: 5 }).toJSDate(),
      purpose: 'Nattvandring',
    });
    count('bookings', true);
  }

  const closed = demoDay(now, BLACKOUT.weekday, BLACKOUT.weeksAhead);
  await app.get(BlackoutsService).create(actor(BLACKOUT.by), {
    resourceId: BLACKOUT.resourceId,
    startsAt: closed.toJSDate(),
    endsAt: closed.plus({ days: 1 }).toJSDate(),
    reason: BLACKOUT.reason,
  });
  count('blackouts', true);
}
