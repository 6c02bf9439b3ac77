import type { Client as WsClient } from 'graphql-ws';
import { DateTime } from 'luxon';
import request from 'supertest';
import { SHIFT_CHANGED } from '../src/modules/night-walks/shift-events.service';
import { Organisation } from '../src/modules/organisations';
import { CANCEL_SHIFT, CONFIRM_SHIFT, LEAVE_ORGANISATION, SIGN_UP } from './support/documents';
import { SignedIn } from './support/factories';
import {
  connect as connectTo,
  follow as followWith,
  subscribed as subscribedTo,
  until,
} from './support/subscriptions';
import { parseFeed, toSecond } from './support/ical';
import { TestApp } from './support/test-app';

describe('night walks: subscriptions, calendars and SQL cost', () => {
  let test: TestApp;
  let owner: { organisation: Organisation; admin: SignedIn };

  beforeAll(async () => {
    test = await TestApp.create();
    owner = await test.factories.organisation();
  });

  afterAll(async () => {
    await test.close();
  });

  describe('shiftChanged subscription', () => {
    const connect = (connectionParams?: Record<string, unknown>): WsClient =>
      connectTo(test, connectionParams);

    let ws: WsClient;

    beforeAll(() => {
      ws = connect();
    });

    afterAll(async () => {
      await ws.dispose();
    });

    /** Collects the events of one subscription (anonymous unless another client is given) until stopped. */
    const follow = (query: string, variables: Record<string, unknown>, client = ws) =>
      followWith(client, query, variables);

    /** Waits until exactly `count` subscriptions listen, so no event is published before they do. */
    const subscribed = (count: number) => subscribedTo(test, SHIFT_CHANGED, count);

    beforeEach(async () => {
      // Those of the previous test have let go.
      await subscribed(0);
    });

    it('tells subscribers of a district when a walk’s counts or status change, and only for that district', async () => {
      const district = await test.factories.district();
      const elsewhere = await test.factories.district();
      const walker = await test.factories.member(owner.organisation.id, owner.admin);
      const shift = await test.factories.shift(owner, { districtId: district.id });
      const other = await test.factories.shift(owner, {
        districtId: elsewhere.id,
        startsAt: new Date(shift.endsAt.getTime() + 3600_000),
      });
      const subscription = follow(
        `subscription($district: ID!) { shiftChanged(districtId: $district) { id confirmedCount status district { id } } }`,
        { district: district.id },
      );
      await subscribed(1);
      await walker.client.ok(SIGN_UP, { input: { shiftId: other.id } });
      await walker.client.ok(SIGN_UP, { input: { shiftId: shift.id } });
      await until(() => subscription.events.length >= 1, 'the signup event');
      await owner.admin.client.ok(CONFIRM_SHIFT, { input: { shiftId: shift.id } });
      await until(() => subscription.events.length >= 2, 'the confirmation event');
      subscription.stop();
      expect(subscription.errors).toEqual([]);
      expect(subscription.events.map((event) => event.data.shiftChanged)).toEqual([
        { id: shift.id, confirmedCount: 1, status: 'PLANNED', district: { id: district.id } },
        { id: shift.id, confirmedCount: 1, status: 'CONFIRMED', district: { id: district.id } },
      ]);
    });

    it('sends a suspended organisation’s walks only to those who may still see them', async () => {
      const district = await test.factories.district();
      const suspended = await test.factories.organisation();
      const member = await test.factories.member(suspended.organisation.id, suspended.admin);
      const hidden = await test.factories.shift(suspended, { districtId: district.id });
      const shown = await test.factories.shift(owner, { districtId: district.id });
      const query = `subscription($d: ID!) { shiftChanged(districtId: $d) { id status } }`;
      const anonymous = follow(query, { d: district.id });
      const signedIn = connect({ Authorization: `Bearer ${member.token}` });
      const asMember = follow(query, { d: district.id }, signedIn);
      await subscribed(2);
      await test.factories.suspend(suspended.organisation.id);
      await suspended.admin.client.ok(CANCEL_SHIFT, {
        input: { shiftId: hidden.id, reason: 'Föreningen är avstängd' },
      });
      await owner.admin.client.ok(CONFIRM_SHIFT, { input: { shiftId: shown.id } });
      await until(() => anonymous.events.length >= 1 && asMember.events.length >= 2, 'both events');
      anonymous.stop();
      asMember.stop();
      await signedIn.dispose();
      // Events arrive in order: the public one came after the hidden one, which was left out.
      expect(anonymous.events.map((event) => event.data.shiftChanged)).toEqual([
        { id: shown.id, status: 'CONFIRMED' },
      ]);
      expect(asMember.events.map((event) => event.data.shiftChanged)).toEqual([
        { id: hidden.id, status: 'CANCELLED' },
        { id: shown.id, status: 'CONFIRMED' },
      ]);
    });

    it('judges every event afresh: a member who leaves, or signs out, stops receiving what membership showed', async () => {
      const district = await test.factories.district();
      const suspended = await test.factories.organisation();
      const leaving = await test.factories.member(suspended.organisation.id, suspended.admin);
      const signingOut = await test.factories.member(suspended.organisation.id, suspended.admin);
      const hidden = [
        await test.factories.shift(suspended, { districtId: district.id }),
        await test.factories.shift(suspended, { districtId: district.id }),
      ];
      const shown = await test.factories.shift(owner, { districtId: district.id });
      const query = `subscription($d: ID!) { shiftChanged(districtId: $d) { id status } }`;
      const clients = [leaving, signingOut].map((member) =>
        connect({ Authorization: `Bearer ${member.token}` }),
      );
      const subscriptions = clients.map((client) => follow(query, { d: district.id }, client));
      const events = () =>
        subscriptions.map((subscription) =>
          subscription.events.map((event) => event.data?.shiftChanged),
        );
      await subscribed(2);
      await test.factories.suspend(suspended.organisation.id);
      await suspended.admin.client.ok(CANCEL_SHIFT, {
        input: { shiftId: hidden[0].id, reason: 'Avstängd' },
      });
      await until(() => events().every((seen) => seen.length >= 1), 'the members’ first event');

      await leaving.client.ok(LEAVE_ORGANISATION, {
        input: { organisationId: suspended.organisation.id },
      });
      await signingOut.client.ok(`mutation { logout }`);
      await suspended.admin.client.ok(CANCEL_SHIFT, {
        input: { shiftId: hidden[1].id, reason: 'Avstängd' },
      });
      // A public walk changes last; the subscriber who left still sees it, the one signed out not.
      await owner.admin.client.ok(CONFIRM_SHIFT, { input: { shiftId: shown.id } });
      await until(() => events()[0].length >= 2, 'the public event');
      await new Promise((resolve) => setTimeout(resolve, 200));
      subscriptions.forEach((subscription) => subscription.stop());
      for (const client of clients) await client.dispose();
      expect(events()[0]).toEqual([
        { id: hidden[0].id, status: 'CANCELLED' },
        { id: shown.id, status: 'CONFIRMED' },
      ]);
      expect(events()[1]).toEqual([{ id: hidden[0].id, status: 'CANCELLED' }]);
    });

    it('applies the same document limits as HTTP', async () => {
      const aliases = Array.from(
        { length: 16 },
        (_, index) => `a${index}: shiftChanged(districtId: $d) { id }`,
      ).join(' ');
      const subscription = follow(`subscription($d: ID!) { ${aliases} }`, {
        d: (await test.factories.district()).id,
      });
      await until(
        () => subscription.errors.length > 0 || subscription.events.length > 0,
        'the refusal',
      );
      expect(subscription.events).toEqual([]);
      expect(JSON.stringify(subscription.errors)).toMatch(/alias/i);
    });

    it('refuses bad credentials in the connection parameters', async () => {
      const bad = connect({ Authorization: 'Bearer not-a-token' });
      const subscription = follow(
        `subscription($d: ID!) { shiftChanged(districtId: $d) { id } }`,
        { d: (await test.factories.district()).id },
        bad,
      );
      await until(() => subscription.errors.length > 0, 'the refusal');
      subscription.stop();
      await bad.dispose();
      expect(JSON.stringify(subscription.errors)).toMatch(/UNAUTHENTICATED/);
    });
  });

  describe('iCalendar feeds', () => {
    it('serves a district’s public schedule in Stockholm time, marking cancelled walks', async () => {
      const district = await test.factories.district('Lextorp');
      const evening = DateTime.fromJSDate(test.clock.now(), { zone: 'Europe/Stockholm' })
        .plus({ days: 4 })
        .set({ hour: 21, minute: 0, second: 0, millisecond: 0 });
      const walk = await test.factories.shift(owner, {
        districtId: district.id,
        startsAt: evening.toJSDate(),
        endsAt: evening.plus({ hours: 4 }).toJSDate(),
        meetingPoint: 'Lextorps centrum',
      });
      const cancelled = await test.factories.shift(owner, {
        districtId: district.id,
        startsAt: evening.plus({ days: 1 }).toJSDate(),
        endsAt: evening.plus({ days: 1, hours: 4 }).toJSDate(),
      });
      await owner.admin.client.ok(CANCEL_SHIFT, {
        input: { shiftId: cancelled.id, reason: 'Halka' },
      });
      const response = await request(test.baseUrl).get(`/calendar/districts/${district.id}.ics`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/calendar/);
      const ics = response.text;
      expect(ics).toContain('BEGIN:VTIMEZONE');
      expect(ics).toContain(
        `DTSTART;TZID=Europe/Stockholm:${evening.toFormat("yyyyMMdd'T'HHmmss")}`,
      );
      expect(ics).toContain(
        `DTEND;TZID=Europe/Stockholm:${evening.plus({ hours: 4 }).toFormat("yyyyMMdd'T'HHmmss")}`,
      );
      expect(ics).toContain(`UID:${walk.id}@samverkan`);
      expect(ics).toContain('LOCATION:Lextorps centrum');
      expect(ics).toMatch(new RegExp(`UID:${cancelled.id}@samverkan[\\s\\S]*?STATUS:CANCELLED`));
      // As a calendar client reads it: the instants of the walks, stamped when the feed was made.
      const events = parseFeed(ics);
      expect(
        events.map(({ uid, start, end, location, status }) => ({
          uid,
          start,
          end,
          location,
          status,
        })),
      ).toEqual([
        {
          uid: `${walk.id}@samverkan`,
          start: walk.startsAt,
          end: walk.endsAt,
          location: 'Lextorps centrum',
          status: 'TENTATIVE',
        },
        {
          uid: `${cancelled.id}@samverkan`,
          start: cancelled.startsAt,
          end: cancelled.endsAt,
          location: cancelled.meetingPoint,
          status: 'CANCELLED',
        },
      ]);
      for (const event of events) {
        expect(Math.abs(event.stamp.getTime() - test.clock.now().getTime())).toBeLessThan(1000);
      }
      expect(
        (
          await request(test.baseUrl).get(
            `/calendar/districts/00000000-0000-4000-8000-000000000000.ics`,
          )
        ).status,
      ).toBe(404);
      expect((await request(test.baseUrl).get(`/calendar/districts/nonsense`)).status).toBe(404);
    });

    it('gives each volunteer a private feed of their own places, which they can replace', async () => {
      const walker = await test.factories.member(owner.organisation.id, owner.admin);
      const mine = await test.factories.shift(owner, {
        startsAt: new Date(test.clock.now().getTime() + 10 * 24 * 3600_000),
      });
      const notMine = await test.factories.shift(owner, {
        startsAt: new Date(test.clock.now().getTime() + 11 * 24 * 3600_000),
      });
      await walker.client.ok(SIGN_UP, { input: { shiftId: mine.id } });
      const { myCalendarUrl } = await walker.client.ok(`{ myCalendarUrl }`);
      expect(myCalendarUrl).toMatch(/\/calendar\/feeds\/[0-9a-f-]{36}\.[A-Za-z0-9_-]+\.ics$/);
      expect((await walker.client.ok(`{ myCalendarUrl }`)).myCalendarUrl).toBe(myCalendarUrl);
      const path = new URL(myCalendarUrl).pathname;
      const feed = await request(test.baseUrl).get(path);
      expect(feed.status).toBe(200);
      expect(parseFeed(feed.text).map(({ uid, start, end }) => ({ uid, start, end }))).toEqual([
        // iCalendar has whole seconds.
        { uid: `${mine.id}@samverkan`, start: toSecond(mine.startsAt), end: toSecond(mine.endsAt) },
      ]);
      expect(feed.text).not.toContain(notMine.id);
      // A tampered token is refused.
      expect(
        (await request(test.baseUrl).get(path.replace(/\.[^.]+\.ics$/, '.forged.ics'))).status,
      ).toBe(404);
      const { regenerateMyCalendarUrl } = await walker.client.ok(
        `mutation { regenerateMyCalendarUrl }`,
      );
      expect(regenerateMyCalendarUrl).not.toBe(myCalendarUrl);
      expect((await request(test.baseUrl).get(path)).status).toBe(404);
      expect(
        (await request(test.baseUrl).get(new URL(regenerateMyCalendarUrl).pathname)).status,
      ).toBe(200);
    });
  });

  describe('SQL statements', () => {
    it('do not grow with the page size: 50 walks with organisation, district and signups’ people', async () => {
      const group = await test.factories.nightWalkGroup(3, { name: 'SQL-nattvandrare' });
      const { coordinator, walkers } = group;
      const district = await test.factories.district();
      const base = test.clock.now().getTime() + 30 * 24 * 3600_000;
      for (let index = 0; index < 50; index += 1) {
        const shift = await test.factories.shift(group, {
          districtId: district.id,
          startsAt: new Date(base + index * 5 * 3600_000),
          endsAt: new Date(base + index * 5 * 3600_000 + 4 * 3600_000),
        });
        for (const walker of walkers)
          await walker.client.ok(SIGN_UP, { input: { shiftId: shift.id } });
      }
      const query = `query($first: Int, $district: ID!) { shifts(first: $first, filter: { districtId: $district }) {
        edges { node { id organisation { name } district { name } signups { status person { displayName } } report { id } } } } }`;
      const statements = (first: number) =>
        test.countStatements(async () => {
          const { shifts } = await coordinator.client.ok(query, { first, district: district.id });
          expect(shifts.edges).toHaveLength(first);
        });
      const small = await statements(10);
      const large = await statements(50);
      expect(large).toBe(small);
    });
  });
});
