import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';

describe('organization and the role matrix', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let other: FixtureOrg;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'main');
    other = await buildOrg(t.app, 'other');
    tokens.admin = await t.login(org.admin.email, PASSWORD);
    tokens.manager = await t.login(org.manager.email, PASSWORD);
    tokens.freeManager = await t.login(org.freeManager.email, PASSWORD);
    tokens.leadA1 = await t.login(org.leads.A1.email, PASSWORD);
    tokens.repA1 = await t.login(org.members.A1[0].email, PASSWORD);
    tokens.otherAdmin = await t.login(other.admin.email, PASSWORD);
  });
  afterAll(async () => t?.close());

  const members = (token: string, squadId: string) =>
    t.gql<{ squad: { members: { email: string }[] } }>('query($id: ID!) { squad(id: $id) { members { email } } }', { id: squadId }, token);

  it("lets a MEMBER read their own squad but not another squad's members", async () => {
    const own = expectData(await members(tokens.repA1, org.squads.A1));
    expect(own.squad.members.map((m) => m.email).sort()).toEqual(['lead.a1@main.test', 'rep.a1.1@main.test', 'rep.a1.2@main.test']);
    expectError(await members(tokens.repA1, org.squads.A2), 'FORBIDDEN');
    expectError(await t.gql('query($id: ID!) { user(id: $id) { email } }', { id: org.members.A2[0].id }, tokens.repA1), 'FORBIDDEN');
    // Squad names are public inside the organization (competition is open).
    const squads = expectData(await t.gql<{ squads: { name: string }[] }>('{ squads { name } }', {}, tokens.repA1));
    expect(squads.squads.map((s) => s.name)).toEqual(['A1', 'A2', 'B1']);
  });

  it('lists only the people the caller may see', async () => {
    const q = '{ users(first: 50) { nodes { email } pageInfo { hasNextPage } } }';
    const rep = expectData(await t.gql<{ users: { nodes: { email: string }[] } }>(q, {}, tokens.repA1));
    expect(rep.users.nodes.map((u) => u.email).sort()).toEqual(['lead.a1@main.test', 'rep.a1.1@main.test', 'rep.a1.2@main.test']);
    const mgr = expectData(await t.gql<{ users: { nodes: { email: string }[] } }>(q, {}, tokens.manager));
    expect(mgr.users.nodes.map((u) => u.email)).toHaveLength(7); // legion A's six people and the manager
    expect(mgr.users.nodes.some((u) => u.email.includes('b1'))).toBe(false);
    const admin = expectData(await t.gql<{ users: { nodes: { email: string }[] } }>(q, {}, tokens.admin));
    expect(admin.users.nodes).toHaveLength(11);
    expect(admin.users.nodes.every((u) => u.email.endsWith('@main.test'))).toBe(true);
  });

  it('paginates users with cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: { users: { nodes: { email: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = expectData(
        await t.gql('query($after: String) { users(first: 5, after: $after) { nodes { email } pageInfo { hasNextPage endCursor } } }', { after }, tokens.admin),
      );
      seen.push(...res.users.nodes.map((n) => n.email));
      if (!res.users.pageInfo.hasNextPage) break;
      after = res.users.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);
    expectError(await t.gql('{ users(first: 5, after: "garbage") { nodes { id } } }', {}, tokens.admin), 'BAD_USER_INPUT');
  });

  it('lets a LEAD change their own squad but not another', async () => {
    expectData(await t.gql('mutation($id: ID!) { updateSquad(id: $id, input: { name: "A1 Tigers" }) { name } }', { id: org.squads.A1 }, tokens.leadA1));
    expectError(
      await t.gql('mutation($id: ID!) { updateSquad(id: $id, input: { name: "Hijacked" }) { name } }', { id: org.squads.A2 }, tokens.leadA1),
      'FORBIDDEN',
    );
    expectError(
      await t.gql(
        'mutation($u: ID!, $s: ID!) { moveMember(input: { userId: $u, squadId: $s }) { id } }',
        { u: org.members.A2[0].id, s: org.squads.A1 },
        tokens.leadA1,
      ),
      'FORBIDDEN',
    );
  });

  it('keeps a MANAGER within their legions; an unassigned manager sees the whole organization', async () => {
    expectError(await members(tokens.manager, org.squads.B1), 'FORBIDDEN');
    expectData(await members(tokens.freeManager, org.squads.B1));
    expectError(await t.gql('mutation($l: ID!) { createSquad(input: { legionId: $l, name: "B2" }) { id } }', { l: org.legionB }, tokens.manager), 'FORBIDDEN');
    expectData(await t.gql('mutation($l: ID!) { createSquad(input: { legionId: $l, name: "A3" }) { id } }', { l: org.legionA }, tokens.manager));
  });

  it("never shows another organization's data", async () => {
    expectError(await members(tokens.otherAdmin, org.squads.A1), 'NOT_FOUND');
    expectError(await t.gql('query($id: ID!) { user(id: $id) { email } }', { id: org.members.A1[0].id }, tokens.otherAdmin), 'NOT_FOUND');
    expectError(await t.gql('query($id: ID!) { legion(id: $id) { name } }', { id: org.legionA }, tokens.otherAdmin), 'NOT_FOUND');
    const list = expectData(
      await t.gql<{ users: { nodes: { email: string }[] }; squads: { id: string }[] }>(
        '{ users(first: 100) { nodes { email } } squads { id } }',
        {},
        tokens.otherAdmin,
      ),
    );
    expect(list.users.nodes.every((u) => u.email.endsWith('@other.test'))).toBe(true);
    expect(list.squads.map((s) => s.id)).not.toContain(org.squads.A1);
    expectError(
      await t.gql(
        'mutation($u: ID!, $s: ID!) { moveMember(input: { userId: $u, squadId: $s }) { id } }',
        { u: org.members.A1[0].id, s: other.squads.A1 },
        tokens.otherAdmin,
      ),
      'NOT_FOUND',
    );
  });

  it('moves a member and keeps the history, recorded in the audit log', async () => {
    const rep = org.members.A2[1];
    expectData(
      await t.gql('mutation($u: ID!, $s: ID!) { moveMember(input: { userId: $u, squadId: $s }) { id } }', { u: rep.id, s: org.squads.A1 }, tokens.manager),
    );
    const res = expectData(
      await t.gql<{ user: { squad: { id: string }; memberships: { squadId: string; validTo: string | null }[] } }>(
        'query($id: ID!) { user(id: $id) { squad { id } memberships { squadId validTo } } }',
        { id: rep.id },
        tokens.admin,
      ),
    );
    expect(res.user.squad.id).toBe(org.squads.A1);
    expect(res.user.memberships).toHaveLength(2);
    expect(res.user.memberships[0]).toEqual({ squadId: org.squads.A1, validTo: null });
    expect(res.user.memberships[1].squadId).toBe(org.squads.A2);
    expect(res.user.memberships[1].validTo).not.toBeNull();
    // The squad's roster at an earlier instant (the last millisecond of the A2 membership, not a
    // fixed second ago: the file may run within a second of building its organization) still
    // shows the rep in A2.
    const before = new Date(Date.parse(res.user.memberships[1].validTo!) - 1).toISOString();
    const past = expectData(
      await t.gql<{ squad: { members: { email: string }[] } }>(
        'query($id: ID!, $at: DateTime) { squad(id: $id) { members(at: $at) { email } } }',
        { id: org.squads.A2, at: before },
        tokens.admin,
      ),
    );
    expect(past.squad.members.map((m) => m.email)).toContain(rep.email);
    const audit = await t.db.dataSource.query(`SELECT action, diff, actor_user_id FROM audit_event WHERE entity_id = $1 AND action = 'MOVED'`, [rep.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBe(org.manager.id);
    expect(audit[0].diff.squadId).toEqual([org.squads.A2, org.squads.A1]);
    // Moving into the squad one is already in is a conflict; nothing is written.
    expectError(
      await t.gql('mutation($u: ID!, $s: ID!) { moveMember(input: { userId: $u, squadId: $s }) { id } }', { u: rep.id, s: org.squads.A1 }, tokens.manager),
      'CONFLICT',
    );
  });

  it('keeps the audit log append-only', async () => {
    await expect(t.db.dataSource.query(`UPDATE audit_event SET action = 'X'`)).rejects.toThrow(/append-only/);
    await expect(t.db.dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
  });

  it('rejects bad input with per-field details and writes nothing', async () => {
    const count = async () => (await t.db.dataSource.query('SELECT count(*)::int AS n FROM app_user'))[0].n;
    const before = await count();
    const res = await t.gql('mutation { createUser(input: { email: "not-an-email", name: "", password: "short", role: MEMBER }) { id } }', {}, tokens.admin);
    const err = expectError(res, 'BAD_USER_INPUT');
    const fields = err.extensions!.fields!.map((f) => f.field).sort();
    expect(fields).toEqual(['input.email', 'input.name', 'input.password']);
    expect(await count()).toBe(before);
    // Enum/shape errors found by GraphQL itself come back as BAD_USER_INPUT too.
    expectError(
      await t.gql('mutation { createUser(input: { email: "a@b.co", name: "x", password: "long-enough", role: KING }) { id } }', {}, tokens.admin),
      'BAD_USER_INPUT',
    );
    expectError(await t.gql('{ noSuchField }', {}, tokens.admin), 'BAD_USER_INPUT');
    expectError(await t.gql('mutation { createLegion(input: { name: "Legion A", kind: PRE_SALES }) { id } }', {}, tokens.admin), 'CONFLICT');
    expectError(await t.gql('mutation { updateOrganization(input: { timeZone: "Mars/Olympus" }) { id } }', {}, tokens.admin), 'BAD_USER_INPUT');
    expect(await count()).toBe(before);
  });

  it('lets only admins create legions and managers create users in their squads', async () => {
    expectError(await t.gql('mutation { createLegion(input: { name: "L", kind: PRE_SALES }) { id } }', {}, tokens.manager), 'FORBIDDEN');
    const okUser = await t.gql(
      'mutation($s: ID!) { createUser(input: { email: "new.rep@main.test", name: "New Rep", password: "long-enough", role: MEMBER, squadId: $s }) { id squad { name } } }',
      { s: org.squads.A2 },
      tokens.manager,
    );
    expect(expectData(okUser)).toEqual({ createUser: { id: expect.any(String), squad: { name: 'A2' } } });
    expectError(
      await t.gql(
        'mutation($s: ID!) { createUser(input: { email: "x.rep@main.test", name: "X", password: "long-enough", role: MEMBER, squadId: $s }) { id } }',
        { s: org.squads.B1 },
        tokens.manager,
      ),
      'FORBIDDEN',
    );
    expectError(
      await t.gql('mutation { createUser(input: { email: "boss@main.test", name: "X", password: "long-enough", role: ADMIN }) { id } }', {}, tokens.manager),
      'FORBIDDEN',
    );
    expectError(
      await t.gql(
        'mutation { createUser(input: { email: "rep.a1.1@main.test", name: "Dup", password: "long-enough", role: MEMBER }) { id } }',
        {},
        tokens.admin,
      ),
      'CONFLICT',
    );
  });
});
