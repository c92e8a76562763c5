import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestContext } from '../../src/common/request-context.js';
import { Db, TransactionRunner } from '../../src/database/transaction.js';
import { AccessService, membershipSql, OrganizationRepository, PeopleRepository, Role, squadSql } from '../../src/organization/index.js';
import { buildOrg, type FixtureOrg } from '../support/fixtures.js';
import { startTestContext, type TestContext } from '../support/harness.js';

/** The organization context's repositories and fragments, and AccessService inside a transaction. */
describe('medium: organization repositories', () => {
  let t: TestContext;
  let org: FixtureOrg;
  let db: Db;

  const within = <T>(p: Promise<T>, what: string, ms = 10_000): Promise<T> =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms).unref())]);

  beforeAll(async () => {
    t = await startTestContext();
    org = await buildOrg(t.app, 'orgrepo');
    db = t.app.get(Db);
  }, 300_000);
  afterAll(async () => t?.close());

  it('AccessService.scope, given no manager, sees the uncommitted squads of the surrounding transaction', async () => {
    const access = t.app.get(AccessService);
    const orgs = t.app.get(OrganizationRepository);
    const tx = t.app.get(TransactionRunner);
    const manager = () =>
      new RequestContext(org.organizationId, { kind: 'USER', userId: org.manager.id, role: Role.MANAGER, name: 'm', email: org.manager.email });
    let inside: string[] = [];
    let created = '';
    await expect(
      within(
        tx.run(async () => {
          created = (await orgs.createSquad({ organizationId: org.organizationId, legionId: org.legionA, name: 'A3 (rolled back)', leadId: null })).id;
          inside = (await access.scope(manager())).manageSquadIds;
          throw new Error('roll back');
        }),
        'scope inside the transaction',
      ),
    ).rejects.toThrow('roll back');
    expect(inside.sort()).toEqual([org.squads.A1, org.squads.A2, created].sort());
    expect((await access.scope(manager())).manageSquadIds.sort()).toEqual([org.squads.A1, org.squads.A2].sort());
  });

  it('reads a principal with the organization time zone; ending sessions raises the token version', async () => {
    const people = t.app.get(PeopleRepository);
    const before = await people.principal(org.members.A1[0].id, org.organizationId);
    expect(before).toMatchObject({ id: org.members.A1[0].id, role: Role.MEMBER, active: true, timeZone: 'Asia/Shanghai' });
    await people.endSessions(org.members.A1[0].id);
    expect((await people.principal(org.members.A1[0].id, org.organizationId))!.tokenVersion).toBe(before!.tokenVersion + 1);
    expect(await people.principal(org.members.A1[0].id, '00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('membership and squad fragments compose into other contexts’ statements', async () => {
    const rep = org.members.A1[0].id;
    const [row] = await db.query<{ now: string | null; then: string | null; in_a: boolean; in_b: boolean; kind: string; ok: boolean }>(
      `SELECT ${membershipSql.currentSquadOf('$1::uuid')} AS now,
              ${membershipSql.squadAt('$1::uuid', `'2000-01-01'::timestamptz`)} AS then,
              ${membershipSql.currentlyInSquads('$1::uuid', '$2::uuid[]')} AS in_a,
              ${membershipSql.currentlyInSquads('$1::uuid', '$3::uuid[]')} AS in_b,
              ${squadSql.kindOf('$4::uuid')}::text AS kind,
              ${squadSql.inOrganization('$4::uuid', '$5::uuid')} AS ok`,
      [rep, [org.squads.A1], [org.squads.B1], org.squads.B1, org.organizationId],
    );
    expect(row).toEqual({ now: org.squads.A1, then: null, in_a: true, in_b: false, kind: 'COURSE_SERVICE', ok: true });
  });
});
