import { District } from '../src/modules/districts';
import { TestApp } from './support/test-app';

const CREATE = `mutation($input: CreateDistrictInput!) { createDistrict(input: $input) { id name municipality } }`;

describe('districts', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create({ env: { MUNICIPALITY_NAME: 'Trollhättan' } });
  });

  afterAll(async () => {
    await test.close();
  });

  it('are added by ADMIN, in the deployment’s municipality unless told otherwise', async () => {
    const admin = await test.factories.admin();
    const { createDistrict } = await admin.client.ok(CREATE, { input: { name: 'Hjulkvarnelund' } });
    expect(createDistrict).toMatchObject({ name: 'Hjulkvarnelund', municipality: 'Trollhättan' });
    const listed = await test.anonymous.ok(
      `{ districts(filter: { search: "hjulkvarne" }) { edges { node { id name } } } }`,
    );
    expect(listed.districts.edges).toEqual([
      { node: { id: createDistrict.id, name: 'Hjulkvarnelund' } },
    ]);
    const one = await test.anonymous.ok(`query($id: ID!) { district(id: $id) { name } }`, {
      id: createDistrict.id,
    });
    expect(one.district.name).toBe('Hjulkvarnelund');
    const [entry] = await test.auditOf(createDistrict.id);
    expect(entry).toMatchObject({ action: 'district.created', actorPersonId: admin.person.id });
  });

  it('refuses a district that exists (CONFLICT) and a blank name (BAD_USER_INPUT)', async () => {
    const admin = await test.factories.admin();
    await admin.client.ok(CREATE, { input: { name: 'Sylte' } });
    const before = await test.dataSource.getRepository(District).count();
    expect(await admin.client.code(CREATE, { input: { name: 'Sylte' } })).toBe('CONFLICT');
    expect(await admin.client.code(CREATE, { input: { name: '   ' } })).toBe('BAD_USER_INPUT');
    expect(await test.dataSource.getRepository(District).count()).toBe(before);
  });

  it('are added by nobody but ADMIN', async () => {
    const officer = await test.factories.municipalOfficer();
    expect(await officer.client.code(CREATE, { input: { name: 'Stavre' } })).toBe('FORBIDDEN');
    expect(await test.anonymous.code(CREATE, { input: { name: 'Stavre' } })).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('answers NOT_FOUND for an unknown district', async () => {
    expect(
      await test.anonymous.code(`query($id: ID!) { district(id: $id) { name } }`, {
        id: '00000000-0000-4000-8000-000000000000',
      }),
    ).toBe('NOT_FOUND');
  });
});
