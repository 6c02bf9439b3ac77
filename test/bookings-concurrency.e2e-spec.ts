import { DateTime } from 'luxon';
import { In } from 'typeorm';
import { Booking, BookingStatus, Resource } from '../src/modules/bookings';
import { AuditLogEntry } from '../src/modules/audit';
import { Notification, NotificationKind } from '../src/modules/notifications';
import { Organisation } from '../src/modules/organisations';
import { SignedIn } from './support/factories';
import { GraphQLResponse, outcomeOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

const ZONE = 'Europe/Stockholm';
const PARALLEL = 50;

const BOOK = `mutation($input: BookResourceInput!) { bookResource(input: $input) { id status } }`;
const RECURRING = `mutation($input: BookResourceRecurringInput!) {
  bookResourceRecurring(input: $input) { bookedCount refusedCount occurrences { outcome refusal { code } } }
}`;

/**
 * Everyone books at once: real parallel HTTP requests on the database the suite runs on (SQLite by
 * default, PostgreSQL under `npm run test:pg`), with exact counts of what was stored.
 */
describe('bookings under parallel requests', () => {
  let test: TestApp;
  /** Five verified organisations, each booking through its ORG_ADMIN. */
  let bookers: { organisation: Organisation; admin: SignedIn }[];
  let officer: SignedIn;

  beforeAll(async () => {
    test = await TestApp.create();
    officer = await test.factories.municipalOfficer();
    bookers = [];
    for (let index = 0; index < 5; index += 1) bookers.push(await test.factories.organisation());
  }, 60_000);

  afterAll(async () => {
    await test.close();
  });

  /** Each round uses its own day, so rounds never meet. */
  let round = 0;
  function nextDay(): DateTime {
    round += 1;
    return DateTime.fromJSDate(test.clock.now(), { zone: ZONE })
      .startOf('day')
      .plus({ days: 2 + round });
  }

  const outcome = (response: GraphQLResponse<any>) =>
    outcomeOf(response, (data) => data.bookResource.status);

  function tally(outcomes: string[]): Record<string, number> {
    return outcomes.reduce<Record<string, number>>(
      (counts, name) => ({ ...counts, [name]: (counts[name] ?? 0) + 1 }),
      {},
    );
  }

  /** Fires one request per interval at once, round-robin over the organisations. */
  function bookAll(
    resource: Resource,
    intervals: { startsAt: Date; endsAt: Date }[],
    who: (index: number) => { organisation: Organisation; admin: SignedIn } = (index) =>
      bookers[index % bookers.length],
  ): Promise<GraphQLResponse<any>[]> {
    return Promise.all(
      intervals.map((interval, index) =>
        who(index).admin.client.request(BOOK, {
          input: {
            resourceId: resource.id,
            organisationId: who(index).organisation.id,
            startsAt: interval.startsAt.toISOString(),
            endsAt: interval.endsAt.toISOString(),
            purpose: `Parallell bokning ${index}`,
          },
        }),
      ),
    );
  }

  const live = (resourceId: string) =>
    test.dataSource.getRepository(Booking).find({
      where: { resourceId, status: In([BookingStatus.REQUESTED, BookingStatus.CONFIRMED]) },
      order: { startsAt: 'ASC' },
    });

  /** No two live bookings of the resource hold overlapping intervals (buffer included). */
  function pairwiseApart(bookings: Booking[]): boolean {
    return bookings.every((a, i) =>
      bookings.every(
        (b, j) => i === j || a.blockedUntil <= b.startsAt || b.blockedUntil <= a.startsAt,
      ),
    );
  }

  it.each(Array.from({ length: 5 }, (_, index) => index + 1))(
    'round %i: 50 overlapping requests give exactly 1 booking and 49 BOOKING_CONFLICT',
    async () => {
      const resource = await test.factories.resource();
      const day = nextDay();
      // Each starts a minute after the previous one and lasts two hours: every pair overlaps.
      const intervals = Array.from({ length: PARALLEL }, (_, index) => {
        const startsAt = day.set({ hour: 17 }).plus({ minutes: index });
        return { startsAt: startsAt.toJSDate(), endsAt: startsAt.plus({ hours: 2 }).toJSDate() };
      });
      const responses = await bookAll(resource, intervals);
      expect(tally(responses.map(outcome))).toEqual({
        CONFIRMED: 1,
        BOOKING_CONFLICT: PARALLEL - 1,
      });
      const stored = await live(resource.id);
      expect(stored).toHaveLength(1);
      expect(
        await test.dataSource.getRepository(Booking).countBy({ resourceId: resource.id }),
      ).toBe(1);
      // Every refusal names the booking that won.
      const winner = stored[0].id;
      for (const response of responses.filter((r) => r.errors)) {
        expect(response.errors?.[0].extensions.details).toMatchObject({ bookingId: winner });
      }
    },
  );

  it('with a buffer: 50 requests for two intervals 15 minutes apart (buffer 30) give exactly 1 booking', async () => {
    const resource = await test.factories.resource({ bufferMinutes: 30 });
    const day = nextDay();
    const early = {
      startsAt: day.set({ hour: 10 }).toJSDate(),
      endsAt: day.set({ hour: 11 }).toJSDate(),
    };
    const late = {
      startsAt: day.set({ hour: 11, minute: 15 }).toJSDate(),
      endsAt: day.set({ hour: 12, minute: 15 }).toJSDate(),
    };
    const responses = await bookAll(
      resource,
      Array.from({ length: PARALLEL }, (_, index) => (index % 2 === 0 ? early : late)),
    );
    expect(tally(responses.map(outcome))).toEqual({
      CONFIRMED: 1,
      BOOKING_CONFLICT: PARALLEL - 1,
    });
    expect(await live(resource.id)).toHaveLength(1);
  });

  it('back to back without a buffer: 50 consecutive half-hours, all booked at once, none refused', async () => {
    const resource = await test.factories.resource();
    const day = nextDay().set({ hour: 6 });
    const intervals = Array.from({ length: PARALLEL }, (_, index) => ({
      startsAt: day.plus({ minutes: 30 * index }).toJSDate(),
      endsAt: day.plus({ minutes: 30 * (index + 1) }).toJSDate(),
    }));
    const responses = await bookAll(resource, intervals);
    expect(tally(responses.map(outcome))).toEqual({ CONFIRMED: PARALLEL });
    const stored = await live(resource.id);
    expect(stored).toHaveLength(PARALLEL);
    expect(pairwiseApart(stored)).toBe(true);
  });

  it('mixed: 50 random intervals over an evening, with a buffer: whatever wins never overlaps', async () => {
    const resource = await test.factories.resource({ bufferMinutes: 10 });
    const day = nextDay().set({ hour: 16 });
    // Deterministic pseudo-random starts and lengths (quarter hours) within six hours.
    const intervals = Array.from({ length: PARALLEL }, (_, index) => {
      const start = (index * 37) % 24;
      const length = 1 + ((index * 11) % 4);
      return {
        startsAt: day.plus({ minutes: 15 * start }).toJSDate(),
        endsAt: day.plus({ minutes: 15 * (start + length) }).toJSDate(),
      };
    });
    const responses = await bookAll(resource, intervals);
    const outcomes = tally(responses.map(outcome));
    expect(Object.keys(outcomes).sort()).toEqual(['BOOKING_CONFLICT', 'CONFIRMED']);
    const stored = await live(resource.id);
    expect(stored).toHaveLength(outcomes.CONFIRMED);
    expect(pairwiseApart(stored)).toBe(true);
    // Each winner was asked for, and the buffer held between neighbours.
    for (let index = 1; index < stored.length; index += 1) {
      expect(
        stored[index].startsAt.getTime() - stored[index - 1].endsAt.getTime(),
      ).toBeGreaterThanOrEqual(10 * 60_000);
    }
  });

  it('the weekly quota holds for one organisation booking 20 separate hours at once (quota 4 h)', async () => {
    const resource = await test.factories.resource({ weeklyQuotaHours: 4 });
    const monday = DateTime.fromJSDate(test.clock.now(), { zone: ZONE })
      .startOf('week')
      .plus({ weeks: 3 });
    // Twenty separate hours in one ISO week, none overlapping: only the quota can refuse them.
    const intervals = Array.from({ length: 20 }, (_, index) => {
      const startsAt = monday.plus({ days: index % 5, hours: 8 + 2 * Math.floor(index / 5) });
      return { startsAt: startsAt.toJSDate(), endsAt: startsAt.plus({ hours: 1 }).toJSDate() };
    });
    const [owner, other] = bookers;
    const responses = await bookAll(resource, intervals, () => owner);
    expect(tally(responses.map(outcome))).toEqual({ CONFIRMED: 4, BOOKING_QUOTA_EXCEEDED: 16 });
    expect(await live(resource.id)).toHaveLength(4);
    // Another organisation has its own quota in the same week.
    const theirs = await bookAll(
      resource,
      intervals.map((interval) => ({
        startsAt: new Date(interval.startsAt.getTime() + 3600_000),
        endsAt: new Date(interval.endsAt.getTime() + 3600_000),
      })),
      () => other,
    );
    expect(tally(theirs.map(outcome))).toEqual({ CONFIRMED: 4, BOOKING_QUOTA_EXCEEDED: 16 });
  });

  describe('the resource locked while bookings are made (a blackout or a change of rules waits for them)', () => {
    const ROUNDS = 4;
    const CREATE_BLACKOUT = `mutation($input: CreateBlackoutInput!) { createBlackout(input: $input) { id } }`;
    const UPDATE_RESOURCE = `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { id } }`;

    /** Consecutive slots of `minutes` from `from`, `count` of them. */
    const slots = (from: DateTime, minutes: number, count: number) =>
      Array.from({ length: count }, (_, index) => ({
        startsAt: from.plus({ minutes: minutes * index }).toJSDate(),
        endsAt: from.plus({ minutes: minutes * (index + 1) }).toJSDate(),
      }));

    /**
     * Sends the requests in five parallel lanes (each lane one request after the other, so they
     * keep coming), and `racer` as soon as `after` of them have been answered: it lands among
     * bookings being made, some before it and some after.
     */
    async function race<T>(
      requests: (() => Promise<T>)[],
      after: number,
      racer: () => Promise<GraphQLResponse<any>>,
    ): Promise<{ results: T[]; racer: GraphQLResponse<any> }> {
      const LANES = 5;
      const results: T[] = [];
      let answered = 0;
      let fire!: () => void;
      const racing = new Promise<GraphQLResponse<any>>(
        (resolve) => (fire = () => resolve(racer())),
      );
      await Promise.all(
        Array.from({ length: LANES }, async (_, lane) => {
          for (let index = lane; index < requests.length; index += LANES) {
            results[index] = await requests[index]();
            answered += 1;
            if (answered === after) fire();
          }
        }),
      );
      return { results, racer: await racing };
    }

    it.each(Array.from({ length: ROUNDS }, (_, index) => index + 1))(
      'round %i: a blackout racing 40 bookings into its day: every booking in it was made before it, and its booker told',
      async (roundNumber) => {
        const resource = await test.factories.resource();
        const day = nextDay();
        const intervals = slots(day.set({ hour: 6 }), 20, 40);
        const book = intervals.map(
          (interval, index) => () =>
            bookers[index % bookers.length].admin.client.request(BOOK, {
              input: {
                resourceId: resource.id,
                organisationId: bookers[index % bookers.length].organisation.id,
                ...interval,
                purpose: `Före eller efter stängningen ${index}`,
              },
            }),
        );
        const { results, racer } = await race(book, 2 + 4 * roundNumber, () =>
          officer.client.request(CREATE_BLACKOUT, {
            input: {
              resourceId: resource.id,
              startsAt: day.toJSDate().toISOString(),
              endsAt: day.plus({ days: 1 }).toJSDate().toISOString(),
              reason: 'Vattenskada',
            },
          }),
        );
        expect(racer.errors).toBeUndefined();
        const blackoutId = racer.data?.createBlackout.id as string;
        expect(
          Object.keys(tally(results.map(outcome))).every((name) =>
            ['CONFIRMED', 'RESOURCE_BLACKED_OUT'].includes(name),
          ),
        ).toBe(true);
        // Every live booking in the closed day was there when the blackout was added: listed in
        // its audit entry and its booker notified. Without the lock a booking could read "no
        // blackout", and commit after the blackout had listed the bookings.
        const inside = (await live(resource.id)).map((booking) => booking.id).sort();
        const [created] = await test.dataSource
          .getRepository(AuditLogEntry)
          .findBy({ entityId: blackoutId, action: 'blackout.created' });
        const listed = (created.summary as { after: { affectedBookingIds: string[] } }).after
          .affectedBookingIds;
        expect([...listed].sort()).toEqual(inside);
        const notified = (
          await test.dataSource
            .getRepository(Notification)
            .findBy({ kind: NotificationKind.BOOKING_BLACKED_OUT })
        )
          .filter((notice) => notice.data?.blackoutId === blackoutId)
          .map((notice) => notice.data?.bookingId as string)
          .sort();
        expect(notified).toEqual(inside);
        expect(tally(results.map(outcome)).CONFIRMED ?? 0).toBe(inside.length);
      },
    );

    it.each(Array.from({ length: ROUNDS }, (_, index) => index + 1))(
      'round %i: a buffer change racing 40 back-to-back bookings: every booking made under the new buffer keeps it from every other',
      async (roundNumber) => {
        const owner = bookers[0];
        const resource = await test.factories.resource({ owner });
        const intervals = slots(nextDay().set({ hour: 2 }), 30, 40);
        const book = intervals.map(
          (interval, index) => () =>
            bookers[index % bookers.length].admin.client.request(BOOK, {
              input: {
                resourceId: resource.id,
                organisationId: bookers[index % bookers.length].organisation.id,
                ...interval,
                purpose: `Före eller efter ändringen ${index}`,
              },
            }),
        );
        const { results, racer } = await race(book, 2 + 4 * roundNumber, () =>
          owner.admin.client.request(UPDATE_RESOURCE, {
            input: { resourceId: resource.id, bufferMinutes: 60 },
          }),
        );
        expect(racer.errors).toBeUndefined();
        expect(
          Object.keys(tally(results.map(outcome))).every((name) =>
            ['CONFIRMED', 'BOOKING_CONFLICT'].includes(name),
          ),
        ).toBe(true);
        const stored = await live(resource.id);
        const HOUR = 3600_000;
        const underNewRule = stored.filter(
          (booking) => booking.blockedUntil.getTime() - booking.endsAt.getTime() === HOUR,
        );
        // A booking checked under the new buffer saw every booking committed before it, and every
        // later one was checked under the new buffer too: so it is an hour from all of them.
        // Without the lock, a booking checked under the old buffer could commit just before it.
        for (const made of underNewRule) {
          for (const other of stored.filter((booking) => booking.id !== made.id)) {
            const apart =
              made.endsAt.getTime() + HOUR <= other.startsAt.getTime() ||
              other.endsAt.getTime() + HOUR <= made.startsAt.getTime();
            expect({ made: made.startsAt, other: other.startsAt, apart }).toMatchObject({
              apart: true,
            });
          }
        }
        expect(stored).toHaveLength(tally(results.map(outcome)).CONFIRMED ?? 0);
      },
    );
  });

  it('a recurring booking racing single bookings of its times: no overlap, every occurrence accounted for', async () => {
    const resource = await test.factories.resource();
    const first = nextDay().set({ hour: 18 });
    const [series, ...singles] = bookers;
    const weekly = series.admin.client.request(RECURRING, {
      input: {
        resourceId: resource.id,
        organisationId: series.organisation.id,
        rrule: 'FREQ=DAILY;COUNT=10',
        firstStartsAt: first.toJSDate().toISOString(),
        durationMinutes: 120,
        purpose: 'Kvällsgrupp',
        skipConflicts: true,
      },
    });
    const racing = bookAll(
      resource,
      Array.from({ length: 20 }, (_, index) => {
        const startsAt = first.plus({ days: index % 10, minutes: 30 });
        return { startsAt: startsAt.toJSDate(), endsAt: startsAt.plus({ hours: 1 }).toJSDate() };
      }),
      (index) => singles[index % singles.length],
    );
    const [recurring, responses] = await Promise.all([weekly, racing]);
    const result = recurring.data?.bookResourceRecurring;
    const singlesBooked = responses.filter((response) => outcome(response) === 'CONFIRMED').length;
    expect(result.bookedCount + singlesBooked).toBe(10);
    expect(result.bookedCount + result.refusedCount).toBe(10);
    const stored = await live(resource.id);
    expect(stored).toHaveLength(10);
    expect(pairwiseApart(stored)).toBe(true);
  });
});
