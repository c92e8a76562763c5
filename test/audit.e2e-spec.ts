import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';

interface Ev {
  id: string;
  occurredAt: string;
  actorKind: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  changes: { field: string; before: string | null; after: string | null }[];
}
type Page = { auditEvents: { nodes: Ev[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const Q = `query($f: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $f, first: $first, after: $after) {
    nodes { id occurredAt actorKind actorUserId actorApiKeyId entityType entityId action changes { field before after } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('auditEvents: the audit log reader', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let other: FixtureOrg;
  const tokens: Record<string, string> = {};
  let apiKey = '';
  let apiKeyId = '';
  let squadA3 = '';
  let squadB2 = '';
  let startedAt = '';
  let midpoint = '';

  const read = async (token: string | { apiKey: string }, f: Record<string, unknown> | null = null, first = 100, after: string | null = null) =>
    t.gql<Page>(Q, { f, first, after }, token);
  const all = async (token: string, f: Record<string, unknown> | null = null) => expectData(await read(token, f)).auditEvents.nodes;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'main');
    other = await buildOrg(t.app, 'other');
    for (const [k, email] of Object.entries({
      admin: org.admin.email,
      manager: org.manager.email,
      freeManager: org.freeManager.email,
      leadA1: org.leads.A1.email,
      leadB1: org.leads.B1.email,
      repA1: org.members.A1[0].email,
      otherAdmin: other.admin.email,
    })) {
      tokens[k] = await t.login(email, PASSWORD);
    }
    startedAt = new Date().toISOString();
    // Changes made through the API, by different people.
    const key = expectData(
      await t.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
        'mutation { createApiKey(input: { name: "form", scopes: ["intake:submit"] }) { secret apiKey { id } } }',
        {},
        tokens.admin,
      ),
    );
    apiKey = key.createApiKey.secret;
    apiKeyId = key.createApiKey.apiKey.id;
    const mk = async (legionId: string, name: string) =>
      expectData(
        await t.gql<{ createSquad: { id: string } }>(
          'mutation($i: CreateSquadInput!) { createSquad(input: $i) { id } }',
          { i: { legionId, name } },
          tokens.admin,
        ),
      ).createSquad.id;
    squadA3 = await mk(org.legionA, 'A3');
    squadB2 = await mk(org.legionB, 'B2');
    await new Promise((r) => setTimeout(r, 20));
    midpoint = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const rename = (token: string, id: string, name: string) =>
      t.gql('mutation($id: ID!, $n: String) { updateSquad(id: $id, input: { name: $n }) { id } }', { id, n: name }, token);
    expectData(await rename(tokens.manager, org.squads.A1, 'A1 Tigers'));
    expectData(await rename(tokens.leadB1, org.squads.B1, 'B1 Stars'));
    expectData(await t.gql('mutation($id: ID!) { updateUser(id: $id, input: { name: "Rep One" }) { id } }', { id: org.members.A1[0].id }, tokens.repA1));
    // The other organization changes things too.
    expectData(await rename(tokens.otherAdmin, other.squads.A1, 'Elsewhere'));
  });
  afterAll(async () => t?.close());

  it('shows an ADMIN every change of the organization, newest first, with its before/after diff', async () => {
    const events = await all(tokens.admin, { from: startedAt });
    expect(events.map((e) => [e.entityType, e.action, e.actorUserId])).toEqual([
      ['User', 'UPDATED', org.members.A1[0].id],
      ['Squad', 'UPDATED', org.leads.B1.id],
      ['Squad', 'UPDATED', org.manager.id],
      ['Squad', 'CREATED', org.admin.id === '' ? expect.any(String) : org.admin.id],
      ['Squad', 'CREATED', expect.any(String)],
      ['ApiKey', 'CREATED', expect.any(String)],
    ]);
    const ids = events.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(ids);
    const renamed = events.find((e) => e.entityId === org.squads.A1)!;
    expect(renamed.actorKind).toBe('USER');
    expect(renamed.changes).toEqual([{ field: 'name', before: '"A1"', after: '"A1 Tigers"' }]);
    const userEvent = events[0];
    expect(userEvent.changes).toEqual([{ field: 'name', before: JSON.stringify('main rep.a1.1'), after: '"Rep One"' }]);
    // The fixture's setup ran as the system: recorded with no actor.
    const setup = await all(tokens.admin, { entityType: 'Legion' });
    expect(setup.length).toBe(2);
    expect(setup.every((e) => e.actorKind === 'SYSTEM' && e.actorUserId === null)).toBe(true);
    // Nothing of the other organization.
    expect(events.some((e) => e.entityId === other.squads.A1)).toBe(false);
    const otherEvents = await all(tokens.otherAdmin, { from: startedAt });
    expect(otherEvents.map((e) => e.entityId)).toEqual([other.squads.A1]);
  });

  it('filters by actor, entity, action and time range', async () => {
    const admin = await all(tokens.admin, { actorUserId: org.manager.id });
    expect(admin.map((e) => e.entityId)).toEqual([org.squads.A1]);
    const bySquad = await all(tokens.admin, { entityType: 'Squad', entityId: org.squads.B1 });
    expect(bySquad.map((e) => [e.action, e.actorUserId])).toEqual([
      ['UPDATED', org.leads.B1.id],
      ['UPDATED', null],
      ['CREATED', null],
    ]);
    const created = await all(tokens.admin, { entityType: 'Squad', action: 'CREATED', from: startedAt });
    expect(created.map((e) => e.entityId)).toEqual([squadB2, squadA3]);
    const beforeMid = await all(tokens.admin, { from: startedAt, to: midpoint });
    expect(beforeMid.map((e) => e.entityType)).toEqual(['Squad', 'Squad', 'ApiKey']);
    const afterMid = await all(tokens.admin, { from: midpoint });
    expect(afterMid.map((e) => e.entityType)).toEqual(['User', 'Squad', 'Squad']);
    const key = await all(tokens.admin, { actorApiKeyId: apiKeyId });
    expect(key).toEqual([]);
    expect((await all(tokens.admin, { entityType: 'Lead' })).length).toBe(0);
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const everything = (await all(tokens.admin)).map((e) => e.id);
    expect(everything.length).toBeGreaterThan(10);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const page: Page['auditEvents'] = expectData(await read(tokens.admin, null, 4, after)).auditEvents;
      seen.push(...page.nodes.map((e) => e.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(everything);
  });

  it("shows a MANAGER only their legion's people, squads and the legion itself", async () => {
    const events = await all(tokens.manager, { from: startedAt });
    expect(events.map((e) => [e.entityType, e.entityId])).toEqual([
      ['User', org.members.A1[0].id],
      ['Squad', org.squads.A1],
      ['Squad', squadA3],
    ]);
    // The B legion's changes, the API key and the other organization stay hidden, whatever the filter.
    expectData(await read(tokens.manager, { entityId: org.squads.B1 }));
    expect(await all(tokens.manager, { entityId: org.squads.B1 })).toEqual([]);
    expect(await all(tokens.manager, { actorUserId: org.leads.B1.id })).toEqual([]);
    expect(await all(tokens.manager, { entityType: 'ApiKey' })).toEqual([]);
    // A manager who commands no legion sees the organization, as everywhere else.
    const free = await all(tokens.freeManager, { from: startedAt });
    expect(free.length).toBe(6);
  });

  it('refuses LEADs, MEMBERs and API keys', async () => {
    expectError(await read(tokens.leadA1), 'FORBIDDEN');
    expectError(await read(tokens.repA1), 'FORBIDDEN');
    expectError(await read({ apiKey }), 'FORBIDDEN');
    expectError(await read(''), 'UNAUTHENTICATED');
  });

  it('rejects bad filters and cursors as BAD_USER_INPUT', async () => {
    const bad = async (f: Record<string, unknown> | null, after: string | null = null) => {
      const err = expectError(await read(tokens.admin, f, 10, after), 'BAD_USER_INPUT');
      return err.extensions?.fields?.map((x) => x.field) ?? err.message;
    };
    expect(await bad({ actorUserId: 'nope' })).toEqual(['filter.actorUserId']);
    expect(await bad({ entityType: 'Lead; DROP TABLE lead' })).toEqual(['filter.entityType']);
    expect(await bad({ entityType: 'x'.repeat(65) })).toEqual(['filter.entityType']);
    expect(await bad({ entityId: 'a b' })).toEqual(['filter.entityId']);
    expect(await bad({ from: '2026-05-02T00:00:00Z', to: '2026-05-01T00:00:00Z' })).toEqual(['filter.to']);
    expect(await bad(null, 'not-a-cursor')).toEqual(['after']);
    expect(await bad(null, Buffer.from(JSON.stringify(['1 OR 1=1'])).toString('base64url'))).toEqual(['after']);
  });

  it('reads a page in a fixed number of statements whatever its size', async () => {
    const small = await t.countStatements(() => read(tokens.manager, null, 1));
    const large = await t.countStatements(() => read(tokens.manager, null, 100));
    expect(large).toBe(small);
  });
});
