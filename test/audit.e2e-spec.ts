import { AuditLogEntry } from '../src/modules/audit';
import { SignedIn } from './support/factories';
import { TestApp } from './support/test-app';

const AUDIT = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { at action entityType entityId summary actor { id } } }
  }
}`;

describe('audit log', () => {
  let test: TestApp;
  let officer: SignedIn;

  beforeAll(async () => {
    test = await TestApp.create();
    officer = await test.factories.municipalOfficer();
  });

  afterAll(async () => {
    await test.close();
  });

  it('is readable by ADMIN and MUNICIPAL_OFFICER only', async () => {
    const platformAdmin = await test.factories.admin();
    const socialServices = await test.factories.socialServices();
    const volunteer = await test.factories.signedIn();
    await officer.client.ok(AUDIT, {});
    await platformAdmin.client.ok(AUDIT, {});
    expect(await socialServices.client.code(AUDIT, {})).toBe('FORBIDDEN');
    expect(await volunteer.client.code(AUDIT, {})).toBe('FORBIDDEN');
    expect(await test.anonymous.code(AUDIT, {})).toBe('UNAUTHENTICATED');
  });

  it('lists newest first and filters by record, action and actor', async () => {
    const { organisation, admin } = await test.factories.organisation();
    await test.factories.member(organisation.id, admin);
    const { auditLog } = await officer.client.ok(AUDIT, { filter: { entityId: organisation.id } });
    expect(auditLog.edges.map((edge: any) => edge.node.action)).toEqual([
      'organisation.verified',
      'organisation.registered',
    ]);
    expect(auditLog.edges[1].node).toMatchObject({
      entityType: 'Organisation',
      actor: { id: admin.person.id },
      summary: { after: { name: organisation.name, status: 'PENDING' } },
    });
    const byActor = await officer.client.ok(AUDIT, {
      filter: { actorPersonId: admin.person.id, action: 'membership.invited' },
    });
    expect(byActor.auditLog.totalCount).toBe(1);
  });

  it('pages with cursors over entries', async () => {
    const { organisation } = await test.factories.organisation();
    const first = await officer.client.ok(AUDIT, {
      filter: { entityId: organisation.id },
      first: 1,
    });
    expect(first.auditLog.pageInfo.hasNextPage).toBe(true);
    const second = await officer.client.ok(AUDIT, {
      filter: { entityId: organisation.id },
      first: 1,
      after: first.auditLog.pageInfo.endCursor,
    });
    expect(second.auditLog.edges[0].node.action).toBe('organisation.registered');
    expect(second.auditLog.pageInfo.hasNextPage).toBe(false);
  });

  it('is append-only in the database itself: UPDATE and DELETE are refused', async () => {
    await test.factories.organisation();
    const entries = test.dataSource.getRepository(AuditLogEntry);
    const [entry] = await entries.find({ take: 1 });
    await expect(entries.update({ id: entry.id }, { action: 'forged' })).rejects.toThrow(
      /append-only/,
    );
    await expect(entries.delete({ id: entry.id })).rejects.toThrow(/append-only/);
    expect((await entries.findOneByOrFail({ id: entry.id })).action).toBe(entry.action);
  });

  it('has no mutation that changes or removes entries', async () => {
    const { __schema } = await officer.client.ok(
      `{ __schema { mutationType { fields { name } } } }`,
    );
    const names: string[] = __schema.mutationType.fields.map(
      (field: { name: string }) => field.name,
    );
    expect(names.filter((name) => /audit/i.test(name))).toEqual([]);
  });
});
