import request from 'supertest';
import { SUBSCRIPTIONS_OVER_HTTP_REFUSED } from '../src/graphql/transport';
import { TestApp } from './support/test-app';

/** A subscription sent over HTTP is refused with a coded error that says where they are served. */
describe('a subscription sent over HTTP', () => {
  let test: TestApp;
  let districtId: string;

  beforeAll(async () => {
    test = await TestApp.create();
    districtId = (await test.factories.district()).id;
  });

  afterAll(async () => {
    await test.close();
  });

  const SUBSCRIPTIONS = () => [
    `subscription { shiftChanged(districtId: "${districtId}") { id } }`,
    'subscription { shelterAvailabilityChanged { shelterId status } }',
  ];

  it('by POST, without credentials: BAD_USER_INPUT, HTTP 400, naming graphql-ws', async () => {
    for (const query of SUBSCRIPTIONS()) {
      const response = await request(test.baseUrl)
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .send({ query });
      expect(response.status).toBe(400);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors).toEqual([
        expect.objectContaining({
          message: SUBSCRIPTIONS_OVER_HTTP_REFUSED,
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      ]);
      expect(SUBSCRIPTIONS_OVER_HTTP_REFUSED).toContain('graphql-ws');
    }
  });

  it('by POST with a signed-in caller: the same refusal; by GET: a coded 405', async () => {
    const { client } = await test.factories.signedIn();
    for (const query of SUBSCRIPTIONS()) {
      const signedIn = await client.request(query);
      expect(signedIn.status).toBe(400);
      expect(signedIn.errors?.map((error) => error.message)).toEqual([
        SUBSCRIPTIONS_OVER_HTTP_REFUSED,
      ]);
      const byGet = await request(test.baseUrl)
        .get('/graphql')
        .query({ query })
        .set('Apollo-Require-Preflight', 'true');
      // GET carries queries only: Apollo refuses the method itself (405, Allow: POST), coded.
      expect(byGet.status).toBe(405);
      expect(byGet.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('leaves queries and mutations over HTTP as they are', async () => {
    const answer = await test.anonymous.request(`{ district(id: "${districtId}") { id } }`);
    expect(answer.errors).toBeUndefined();
  });
});
