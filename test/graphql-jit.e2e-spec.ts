import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLModule } from '@nestjs/graphql';
import type { JitApolloDriver } from '../src/common/graphql/jit-driver.js';
import { startDemoTestApp, type DemoTestApp } from './support/harness.js';

// GRAPHQL_JIT (docs/api.md "Query execution"): query operations run as compiled graphql-jit code.
// Every request below is sent to an app with JIT on and to one with JIT off, both started from the
// same demo data; the HTTP status and the exact response text must be the same.

interface Answer {
  status: number;
  text: string;
}

const STANDING = `entity { id name } value rank band percentile previousRank rankDelta position numerator denominator unrankedReason bottomStreak`;
const BOARD = `query Board($input: LeaderboardInput!) { leaderboard(input: $input) { __typename status name scope teamKind direction
  period { label kind start end startDate endDate timeZone } bands { top middle bottom } closedAt rulesVersion populationRate
  entries { ${STANDING} } } }`;
const SHEET = `items { id status dueAt localDate localTime day leadId repId lead { id name persona } objectionLogs { id } stepId scriptRef objectionSetRef }
  steps { id key title goal channel }
  scripts { id text persona missingVariables }
  objectionSets { id objectionRefs }
  objections { ref id key stepKey objection answers { id label persona text } }`;

describe('GRAPHQL_JIT: the same answers as graphql-js', () => {
  let on: DemoTestApp;
  let off: DemoTestApp;
  const tokens = new Map<DemoTestApp, string>();
  let squadId = '';
  let repEmail = '';
  const range = { from: new Date(Date.now() - 3 * 86400_000).toISOString(), to: new Date(Date.now() + 7 * 86400_000).toISOString() };
  const month = `${new Date().toISOString().slice(0, 7)}-01`;

  const send = async (t: DemoTestApp, body: Record<string, unknown>, auth: 'manager' | 'rep' | 'none' = 'manager'): Promise<Answer> => {
    let req = t.http().post('/graphql').set('Content-Type', 'application/json');
    if (auth === 'manager') req = req.set('Authorization', `Bearer ${tokens.get(t)}`);
    if (auth === 'rep') req = req.set('Authorization', `Bearer ${await t.login(repEmail, t.demo.password)}`);
    const res = await req.send(body);
    // Internal errors carry a fresh id per request.
    return {
      status: res.status,
      text: res.text.replace(/("errorId":"|quote |Internal error \()[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '$1<errorId>'),
    };
  };
  /** Sends `body` to both apps; returns the answer after checking both are identical. */
  const same = async (body: Record<string, unknown>, auth: 'manager' | 'rep' | 'none' = 'manager'): Promise<Answer> => {
    const a = await send(on, body, auth);
    const b = await send(off, body, auth);
    expect(a).toEqual(b);
    return a;
  };
  const jitStats = (t: DemoTestApp) => (t.app.get(GraphQLModule).graphQlAdapter as JitApolloDriver).jit!.stats;

  beforeAll(async () => {
    on = await startDemoTestApp({ graphqlJit: true });
    off = await startDemoTestApp({ graphqlJit: false });
    for (const t of [on, off]) tokens.set(t, await t.login('manager@demo.school', t.demo.password));
    const legions = JSON.parse((await send(on, { query: '{ legions(kind: PRE_SALES) { squads { id members { email } } } }' })).text) as {
      data: { legions: { squads: { id: string; members: { email: string }[] }[] }[] };
    };
    const squad = legions.data.legions.flatMap((l) => l.squads).find((s) => s.members.length > 0)!;
    squadId = squad.id;
    repEmail = squad.members[0]!.email;
  }, 360_000);
  afterAll(async () => {
    await on?.close();
    await off?.close();
  });

  it('runs queries compiled on the JIT app only (the switch restores graphql-js)', async () => {
    expect(on.config.graphqlJit).toBe(true);
    expect(off.app.get(GraphQLModule).graphQlAdapter).not.toHaveProperty('jit');
    // Nest's plain property resolvers are inlined in the compiled code.
    expect((on.app.get(GraphQLModule).graphQlAdapter as JitApolloDriver).jit!.inlinedFields).toBeGreaterThan(100);
    // Standing's 12 leaves and StandingEntity's 2 are read as they are (@Serialized); every other leaf is serialized.
    const leaves = (on.app.get(GraphQLModule).graphQlAdapter as JitApolloDriver).jit!.leaves;
    expect(leaves.asIs).toBe(14);
    expect(leaves.serializing).toBeGreaterThan(500);
    const before = { ...jitStats(on) };
    await same({ query: '{ me { id } }' });
    await same({ query: '{ me { id } }' });
    const after = jitStats(on);
    expect(after.jit - before.jit).toBe(2);
    // One compile for the document, then the cached code.
    expect(after.compiled - before.compiled).toBe(1);
  });

  it('a live board with every standing field, its period and bands', async () => {
    for (const period of [undefined, { kind: 'MONTH', start: month }]) {
      const a = await same({ query: BOARD, variables: { input: { scope: 'MEMBER', teamKind: 'PRE_SALES', metricKey: 'net_revenue', period } } });
      expect(a.status).toBe(200);
      const entries = (JSON.parse(a.text) as { data: { leaderboard: { entries: unknown[] } } }).data.leaderboard.entries;
      expect(entries.length).toBeGreaterThan(0);
    }
  });

  it('a closed board from its snapshot, its history and watch list (lines read as they are, @Serialized)', async () => {
    const defs = await same({ query: '{ leaderboardDefinitions(teamKind: PRE_SALES) { id } }' });
    const ids = (JSON.parse(defs.text) as { data: { leaderboardDefinitions: { id: string }[] } }).data.leaderboardDefinitions.map((d) => d.id);
    let closed = 0;
    for (const definitionId of ids) {
      const snaps = await same({ query: `{ leaderboardSnapshots(definitionId: "${definitionId}", first: 1) { periodStart } }` });
      const last = (JSON.parse(snaps.text) as { data: { leaderboardSnapshots: { periodStart: string }[] } }).data.leaderboardSnapshots[0];
      if (!last) continue;
      const defn = await same({ query: `{ leaderboardDefinition(id: "${definitionId}") { periodKind } }` });
      const kind = (JSON.parse(defn.text) as { data: { leaderboardDefinition: { periodKind: string } } }).data.leaderboardDefinition.periodKind;
      const board = await same({ query: BOARD, variables: { input: { definitionId, period: { kind, start: last.periodStart } } } });
      const data = (JSON.parse(board.text) as { data: { leaderboard: { closedAt: string | null; entries: unknown[] } } }).data.leaderboard;
      expect(data.closedAt).not.toBeNull();
      if (data.entries.length) closed++;
      await same({
        query: `{ leaderboardHistory(definitionId: "${definitionId}", periods: 4) { entities { entity { id name } values ranks bands } } watchList(definitionId: "${definitionId}") { entries { entity { id name } bottomStreak lastRank lastValue } } }`,
      });
    }
    expect(closed).toBeGreaterThan(0);
  });

  it('agenda sheets (squad and own), DateTime variables and enums', async () => {
    const squad = await same({
      query: `query($s: ID!, $from: DateTime!, $to: DateTime!) { squadAgendaSheet(squadId: $s, from: $from, to: $to) { ${SHEET} } }`,
      variables: { s: squadId, ...range },
    });
    expect(squad.status).toBe(200);
    expect((JSON.parse(squad.text) as { errors?: unknown }).errors).toBeUndefined();
    expect((JSON.parse(squad.text) as { data: { squadAgendaSheet: { items: unknown[] } } }).data.squadAgendaSheet.items.length).toBeGreaterThan(0);
    const mine = await same({ query: `query($from: DateTime!, $to: DateTime!) { myAgendaSheet(from: $from, to: $to) { ${SHEET} } }`, variables: range }, 'rep');
    expect(mine.status).toBe(200);
    expect((JSON.parse(mine.text) as { errors?: unknown }).errors).toBeUndefined();
  });

  it('Money, Long and NumberList scalars', async () => {
    const money = await same({ query: '{ products(includeInactive: true) { id name listPrice kind priceTier active } }' });
    expect(money.text).toContain('listPrice');
    const metrics = await same({
      query: `query($p: PeriodInputModel!) { metricValues(input: { entityType: MEMBER, metricKeys: ["net_revenue", "conversions", "conversion_rate"], period: $p }) {
        entityIds period { label } values { entityId entityType metricKey numerator denominator value } series { metricKey numerators denominators values } } }`,
      variables: { p: { kind: 'MONTH', start: month } },
    });
    expect([200, 400]).toContain(metrics.status);
  });

  it('aliases, fragments, inline fragments, @include/@skip and __typename', async () => {
    const query = `query Mixed($withEntries: Boolean!, $skipName: Boolean!, $input: LeaderboardInput!) {
      __typename
      who: me { ...U __typename }
      board: leaderboard(input: $input) {
        ... on Leaderboard { kind: __typename label: name @skip(if: $skipName) }
        top: entries @include(if: $withEntries) { ...S entity { ... on StandingEntity { id } } }
        again: entries @skip(if: $withEntries) { rank }
      }
      other: leaderboard(input: { scope: SQUAD, teamKind: PRE_SALES, metricKey: "net_revenue" }) { entries { rank entity { name } } }
    }
    fragment U on User { id email role }
    fragment S on Standing { rank value band }`;
    const input = { scope: 'MEMBER', teamKind: 'PRE_SALES', metricKey: 'net_revenue' };
    for (const v of [
      { withEntries: true, skipName: false },
      { withEntries: false, skipName: true },
    ]) {
      expect((await same({ query, variables: { ...v, input } })).status).toBe(200);
    }
    // Several operations in one document: the one named runs (and is cached apart from the other).
    const two = 'query A { me { id } } query B { legions { id name } }';
    await same({ query: two, operationName: 'A' });
    await same({ query: two, operationName: 'B' });
    await same({ query: two });
  });

  it('resolver errors: NOT_FOUND nulling a non-null root, a nullable field error with partial data, bad input', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const a = await same({ query: `{ me { id } leaderboardDefinition(id: "${missing}") { id name } }` });
    expect(a.text).toContain('NOT_FOUND');
    const b = await same({
      query: `query($s: ID!) { me { id } squadAgendaSheet(squadId: $s, from: "${range.from}", to: "${range.to}") { items { id } } }`,
      variables: { s: missing },
    });
    expect(b.text).toContain('"errors"');
    const c = await same({ query: `{ leaderboard(input: { scope: MEMBER, metricKey: "no_such_metric" }) { status } }` });
    expect(c.text).toContain('BAD_USER_INPUT');
  });

  it('variable coercion errors (400), scalar parse errors and validation errors', async () => {
    const bad = await same({ query: BOARD, variables: { input: { scope: 'NOPE', teamKind: 'PRE_SALES', extra: 1 } } });
    expect(bad.status).toBe(400);
    expect((await same({ query: BOARD, variables: {} })).status).toBe(400);
    expect((await same({ query: BOARD, variables: { input: 'x' } })).status).toBe(400);
    const dates = await same({
      query: `query($from: DateTime!, $to: DateTime!) { myAgendaSheet(from: $from, to: $to) { items { id } } }`,
      variables: { from: 'yesterday', to: 5 },
    });
    expect(dates.status).toBe(400);
    expect((await same({ query: '{ me { nope } }' })).status).toBe(400);
    expect((await same({ query: '{ me { id }' })).status).toBe(400);
    // Depth limit (validation) and introspection rules.
    expect(
      (await same({ query: '{ legions { squads { legion { squads { legion { squads { legion { squads { legion { squads { id } } } } } } } } } } }' })).status,
    ).toBe(400);
    expect((await same({ query: '{ __schema { queryType { name } } }' })).status).toBe(200);
    await same({ query: '{ __type(name: "Standing") { name fields { name type { name kind ofType { name } } } } }' });
    await same({ query: '{ me { id } }' }, 'none');
    await same({ query: '{ __schema { queryType { name } } }' }, 'none');
  });

  it('input fields with defaults given through a variable (graphql-js fills them in) and literals', async () => {
    const query = `query($input: CohortRevenueInput!) { cohortRevenue(input: $input) { groupKey group cohortMonth customers firstOrderRevenue spend cac
      curve { monthsSince cumulativeRevenue totalPerCustomer } } }`;
    const a = await same({ query, variables: { input: { acquiredFrom: month, acquiredTo: `${Number(month.slice(0, 4)) + 1}${month.slice(4)}` } } });
    expect(a.status).toBe(200);
    expect((JSON.parse(a.text) as { errors?: unknown }).errors).toBeUndefined();
    const literal = await same({
      query: `query($from: String!) { cohortRevenue(input: { acquiredFrom: $from, acquiredTo: "2099-01-01" }) { groupKey } }`,
      variables: { from: month },
    });
    expect(literal.text).toContain('BAD_USER_INPUT');
  });

  it('mutations keep graphql-js and answer the same', async () => {
    const before = jitStats(on).graphqlJs;
    const res = await same({
      query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      variables: { e: 'nobody@demo.school', p: 'wrong password' },
    });
    expect(res.text).toContain('errors');
    expect(jitStats(on).graphqlJs).toBe(before + 1);
  });
});
