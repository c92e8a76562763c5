import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestContext } from '../../src/common/request-context.js';
import { Db, TransactionRunner } from '../../src/database/transaction.js';
import { AccessService, OrganizationRepository, orgSql, PeopleRepository, Role } from '../../src/organization/index.js';
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

  it('membership, squad, user and team fragments compose into other contexts’ statements', async () => {
    const rep = org.members.A1[0].id;
    const other = '00000000-0000-0000-0000-000000000000';
    const [row] = await db.query<Record<string, unknown>>(
      `SELECT ${orgSql.membership.squadNow('$1::uuid')} AS now,
              ${orgSql.membership.squadAt('$1::uuid', `'2000-01-01'::timestamptz`)} AS then,
              ${orgSql.membership.inSquadsNow('$1::uuid', '$2::uuid[]')} AS in_a,
              ${orgSql.membership.inSquadsNow('$1::uuid', '$3::uuid[]')} AS in_b,
              ${orgSql.membership.inSquadsDuring('$1::uuid', `'2000-01-01'::timestamptz`, `'2000-01-02'::timestamptz`, 'NULL::uuid[]')} AS in_2000,
              ${orgSql.membership.inSquadsDuring('$1::uuid', `'2000-01-01'::timestamptz`, `now() + interval '1 day'`, '$2::uuid[]')} AS in_a_since_2000,
              ${orgSql.squad.name('$4::uuid')} AS squad_name,
              ${orgSql.squad.name('$4::uuid', '$5::uuid')} AS squad_name_in_org,
              ${orgSql.squad.name('$4::uuid', '$6::uuid')} AS squad_name_elsewhere,
              ${orgSql.user.name('$1::uuid', '$6::uuid')} AS user_name_elsewhere,
              ${orgSql.team.name('$7::uuid')} AS legion_name,
              ${orgSql.team.squadsCover('$2::uuid[]', '$7::uuid')} AS a1_covers_legion_a,
              ${orgSql.team.squadsCover('$3::uuid[]', '$7::uuid')} AS b1_covers_legion_a,
              ${orgSql.organization.timeZone('$5::uuid')} AS time_zone`,
      [rep, [org.squads.A1], [org.squads.B1], org.squads.B1, org.organizationId, other, org.legionA],
    );
    expect(row).toEqual({
      now: org.squads.A1,
      then: null,
      in_a: true,
      in_b: false,
      in_2000: false,
      in_a_since_2000: true,
      squad_name: 'B1',
      squad_name_in_org: 'B1',
      squad_name_elsewhere: null,
      user_name_elsewhere: null,
      legion_name: 'Legion A',
      a1_covers_legion_a: true,
      b1_covers_legion_a: false,
      time_zone: 'Asia/Shanghai',
    });
  });
});
