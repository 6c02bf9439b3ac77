import { Membership, Organisation } from '../src/modules/organisations';
import { Person } from '../src/modules/people';
import { DEMO_API_KEY, DEMO_PASSWORD, ORGANISATIONS, PEOPLE } from '../seeds/demo-data';
import { seedDemoData } from '../seeds/seeder';
import { TestApp } from './support/test-app';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken person { systemRole } } }`;

describe('demo data', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
  });

  afterAll(async () => {
    await test.close();
  });

  it('loads through the services and can be loaded again without changing anything', async () => {
    const first = await seedDemoData(test.app);
    expect(first.created).toMatchObject({
      people: PEOPLE.length,
      organisations: ORGANISATIONS.length,
      districts: 16,
    });
    const counts = async () => ({
      people: await test.dataSource.getRepository(Person).count(),
      organisations: await test.dataSource.getRepository(Organisation).count(),
      memberships: await test.dataSource.getRepository(Membership).count(),
    });
    const before = await counts();
    const second = await seedDemoData(test.app);
    expect(second.created).toEqual({});
    expect(second.existing).toMatchObject({
      people: PEOPLE.length,
      organisations: ORGANISATIONS.length,
    });
    expect(await counts()).toEqual(before);
  });

  it('has the demo logins of the README, in every system role', async () => {
    for (const [email, role] of [
      ['admin@samverkan.example', 'ADMIN'],
      ['handlaggare@samverkan.example', 'MUNICIPAL_OFFICER'],
      ['socialtjanst@samverkan.example', 'SOCIAL_SERVICES'],
      ['karin@nattvandrarna.example', null],
    ] as const) {
      const { login } = await test.anonymous.ok(LOGIN, {
        input: { email, password: DEMO_PASSWORD },
      });
      expect(login.person.systemRole).toBe(role);
    }
  });

  it('gives the night-walk group members in every membership role, one with protected identity', async () => {
    const { login } = await test.anonymous.ok(LOGIN, {
      input: { email: 'karin@nattvandrarna.example', password: DEMO_PASSWORD },
    });
    const { organisation } = await test
      .client({ token: login.accessToken })
      .ok(
        `{ organisation(id: "${ORGANISATIONS[0].id}") { name status members { role status person { displayName } } credentials { kind verified } } }`,
      );
    expect(organisation.status).toBe('VERIFIED');
    expect(new Set(organisation.members.map((member: any) => member.role))).toEqual(
      new Set(['ORG_ADMIN', 'COORDINATOR', 'VOLUNTEER']),
    );
    expect(organisation.members.map((member: any) => member.person?.displayName)).toContain(
      'Skyddad identitet',
    );
    expect(organisation.members.some((member: any) => member.status === 'INVITED')).toBe(true);
    expect(organisation.credentials.every((credential: any) => credential.verified)).toBe(true);
  });

  it('has organisations of every kind in the public directory, and pending and suspended ones for officers', async () => {
    const { organisations } = await test.anonymous.ok(
      `{ organisations(first: 100) { edges { node { kind } } } }`,
    );
    expect(new Set(organisations.edges.map((edge: any) => edge.node.kind))).toEqual(
      new Set([
        'NIGHT_WALK_GROUP',
        'WOMENS_SHELTER',
        'EU_MIGRANT_SUPPORT',
        'HBTQ_SUPPORT',
        'VOLUNTARY_ASSOCIATION',
        'FAITH_BASED',
      ]),
    );
    const { login } = await test.anonymous.ok(LOGIN, {
      input: { email: 'handlaggare@samverkan.example', password: DEMO_PASSWORD },
    });
    const officer = test.client({ token: login.accessToken });
    for (const status of ['PENDING', 'SUSPENDED']) {
      const { organisations: listed } = await officer.ok(
        `query($status: OrganisationStatus) { organisations(filter: { status: $status }) { totalCount } }`,
        { status },
      );
      expect(listed.totalCount).toBe(1);
    }
  });

  it('has a working demo API key for partner apps', async () => {
    const { districts } = await test
      .client({ apiKey: DEMO_API_KEY })
      .ok(`{ districts { totalCount } }`);
    expect(districts.totalCount).toBe(16);
  });
});
