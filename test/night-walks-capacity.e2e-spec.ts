import { Organisation } from '../src/modules/organisations';
import { Shift, Signup, SignupStatus } from '../src/modules/night-walks';
import { CANCEL_SIGNUP, CHECK_IN, SIGN_UP } from './support/documents';
import { SignedIn } from './support/factories';
import { GraphQLResponse, outcomeOf } from './support/graphql-client';
import { TestApp } from './support/test-app';

const VOLUNTEERS = 200;
const PLACES = 5;

/**
 * Everyone presses the button at once: 200 real HTTP requests in parallel for 5 places, on the
 * database the suite runs on (SQLite by default, PostgreSQL under `npm run test:pg`).
 */
describe('night-walk capacity under parallel signups', () => {
  let test: TestApp;
  let owner: { organisation: Organisation; admin: SignedIn };
  let volunteers: SignedIn[];

  beforeAll(async () => {
    test = await TestApp.create();
    owner = await test.factories.organisation();
    volunteers = [];
    for (let index = 0; index < VOLUNTEERS; index += 1) {
      volunteers.push(await test.factories.member(owner.organisation.id, owner.admin));
    }
  }, 120_000);

  afterAll(async () => {
    await test.close();
  });

  afterEach(() => test.clock.reset());

  async function everyoneSignsUp(
    shift: Shift,
    joinWaitlist: boolean,
  ): Promise<GraphQLResponse<any>[]> {
    return Promise.all(
      volunteers.map((volunteer) =>
        volunteer.client.request(SIGN_UP, { input: { shiftId: shift.id, joinWaitlist } }),
      ),
    );
  }

  /** Each round walks on its own evening, so earlier rounds' places never overlap it. */
  let round = 0;
  function nextWalk(): Promise<Shift> {
    round += 1;
    const startsAt = new Date(test.clock.now().getTime() + (2 + round) * 24 * 3600_000);
    return test.factories.shift(owner, { startsAt, minWalkers: 2, maxWalkers: PLACES });
  }

  const outcome = (response: GraphQLResponse<any>): string =>
    outcomeOf(response, (data) => data.signUpForShift.status);

  function tally(outcomes: string[]): Record<string, number> {
    return outcomes.reduce<Record<string, number>>(
      (counts, name) => ({ ...counts, [name]: (counts[name] ?? 0) + 1 }),
      {},
    );
  }

  it.each(Array.from({ length: 10 }, (_, round) => round + 1))(
    'round %i: exactly 5 CONFIRMED and 195 SHIFT_FULL, nothing else',
    async () => {
      const shift = await nextWalk();
      const responses = await everyoneSignsUp(shift, false);
      expect(tally(responses.map(outcome))).toEqual({
        CONFIRMED: PLACES,
        SHIFT_FULL: VOLUNTEERS - PLACES,
      });
      const stored = await test.dataSource.getRepository(Shift).findOneByOrFail({ id: shift.id });
      expect(stored).toMatchObject({ confirmedCount: PLACES, waitlistCount: 0 });
      expect(await test.dataSource.getRepository(Signup).countBy({ shiftId: shift.id })).toBe(
        PLACES,
      );
    },
  );

  it.each(Array.from({ length: 5 }, (_, round) => round + 1))(
    'round %i with joinWaitlist: 5 CONFIRMED and 195 WAITLISTED, queued 1…195 in order of arrival',
    async () => {
      const shift = await nextWalk();
      const responses = await everyoneSignsUp(shift, true);
      expect(tally(responses.map(outcome))).toEqual({
        CONFIRMED: PLACES,
        WAITLISTED: VOLUNTEERS - PLACES,
      });
      // Each answer's position is its rank by arrival (queue number) among the waitlisted.
      const waitlisted = await test.dataSource.getRepository(Signup).find({
        where: { shiftId: shift.id, status: SignupStatus.WAITLISTED },
        order: { queueNumber: 'ASC' },
      });
      const positionOf = new Map(
        responses
          .filter((response) => !response.errors)
          .map((response) => [
            response.data.signUpForShift.id,
            response.data.signUpForShift.position,
          ]),
      );
      expect(waitlisted.map((signup) => positionOf.get(signup.id))).toEqual(
        Array.from({ length: VOLUNTEERS - PLACES }, (_, index) => index + 1),
      );
      // Every signup, seated or queued, drew its own number under the shift's lock: 1…200.
      const all = await test.dataSource.getRepository(Signup).findBy({ shiftId: shift.id });
      expect(all.map((signup) => signup.queueNumber).sort((a, b) => a - b)).toEqual(
        Array.from({ length: VOLUNTEERS }, (_, index) => index + 1),
      );
      const stored = await test.dataSource.getRepository(Shift).findOneByOrFail({ id: shift.id });
      expect(stored).toMatchObject({ confirmedCount: PLACES, waitlistCount: VOLUNTEERS - PLACES });
    },
  );

  it.each(Array.from({ length: 10 }, (_, round) => round + 1))(
    'round %i: a walker checking in while the coordinator cancels their place: one wins, counts stay true',
    async () => {
      const shift = await nextWalk();
      const [walker, second, waiting] = volunteers;
      const mine = (await walker.client.ok(SIGN_UP, { input: { shiftId: shift.id } }))
        .signUpForShift;
      for (const other of volunteers.slice(3, 3 + PLACES - 2)) {
        await other.client.ok(SIGN_UP, { input: { shiftId: shift.id } });
      }
      await second.client.ok(SIGN_UP, { input: { shiftId: shift.id } });
      await waiting.client.ok(SIGN_UP, { input: { shiftId: shift.id, joinWaitlist: true } });
      // Within the check-in hour before the walk.
      test.clock.set(new Date(shift.startsAt.getTime() - 30 * 60_000));
      const [checkIn, cancel] = await Promise.all([
        walker.client.request(CHECK_IN, { input: { signupId: mine.id } }),
        owner.admin.client.request(CANCEL_SIGNUP, { input: { signupId: mine.id } }),
      ]);
      const outcomes = [checkIn, cancel].map((response) => outcomeOf(response, 'OK'));
      expect(outcomes.filter((code) => code === 'OK')).toHaveLength(1);
      expect(outcomes.filter((code) => code !== 'OK')).toEqual(['INVALID_STATE_TRANSITION']);
      const signups = await test.dataSource.getRepository(Signup).findBy({ shiftId: shift.id });
      const statusOf = (who: SignedIn) =>
        signups.find((signup) => signup.personId === who.person.id)?.status;
      expect([statusOf(walker), statusOf(waiting)]).toEqual(
        outcomes[0] === 'OK'
          ? [SignupStatus.ATTENDED, SignupStatus.WAITLISTED]
          : [SignupStatus.CANCELLED, SignupStatus.CONFIRMED],
      );
      const seated = signups.filter((signup) =>
        [SignupStatus.CONFIRMED, SignupStatus.ATTENDED].includes(signup.status),
      ).length;
      const stored = await test.dataSource.getRepository(Shift).findOneByOrFail({ id: shift.id });
      expect(stored.confirmedCount).toBe(seated);
      expect(seated).toBe(PLACES);
    },
  );
});
