import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { periodContaining, previousPeriod, type PeriodBounds } from '@lib/schedule';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';

// leaderboardHistory: the web console's sparklines (each entity's last closed periods).

const TZ = 'Asia/Shanghai';
const CREATE = `mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id } }`;
const CLOSE = `mutation($id: ID!, $period: LeaderboardPeriodInput!) { closePeriod(definitionId: $id, period: $period) { snapshotId } }`;
const HISTORY = `query($id: ID!, $periods: Int) { leaderboardHistory(definitionId: $id, periods: $periods) {
  definitionId periods { label periodStart periodEnd } entities { entity { id name } values ranks bands } } }`;

interface History {
  definitionId: string;
  periods: { label: string; periodStart: string; periodEnd: string }[];
  entities: { entity: { id: string; name: string }; values: (number | null)[]; ranks: (number | null)[]; bands: (string | null)[] }[];
}

describe('leaderboardHistory', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let tk: Record<string, string>;
  let board: string;
  const weeksBack = (n: number): PeriodBounds => {
    let p = periodContaining('ISO_WEEK', new Date(), TZ);
    for (let i = 0; i < n; i++) p = previousPeriod('ISO_WEEK', p.startDate, TZ);
    return p;
  };
  const history = async (id: string, token: string, periods?: number) =>
    expectData(await t.gql<{ leaderboardHistory: History }>(HISTORY, { id, periods }, token)).leaderboardHistory;
  /** Revenue of a member on the first day of a period (straight into the daily rollup). */
  const revenue = (organizationId: string, memberId: string, p: PeriodBounds, amount: number) =>
    t.db.dataSource.query(
      `INSERT INTO rollup_daily (organization_id, entity_type, entity_id, day, gross_revenue, paid_orders, leads_assigned) VALUES ($1, 'MEMBER', $2, $3::date, $4, 1, 1)`,
      [organizationId, memberId, p.startDate, amount],
    );
  const createBoard = async (o: FixtureOrg, token: string) =>
    expectData(
      await t.gql<{ createLeaderboard: { id: string } }>(
        CREATE,
        {
          input: {
            name: 'Weekly revenue',
            scope: 'MEMBER',
            teamKind: 'PRE_SALES',
            populationType: 'LEGION',
            populationId: o.legionA,
            periodKind: 'ISO_WEEK',
            metricKey: 'net_revenue',
          },
        },
        token,
      ),
    ).createLeaderboard.id;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'hist');
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = now() - interval '90 days' WHERE organization_id = $1`, [org.organizationId]);
    tk = {
      admin: await t.login(org.admin.email, PASSWORD),
      leadA1: await t.login(org.leads.A1.email, PASSWORD),
      repA1: await t.login(org.members.A1[0].email, PASSWORD),
      repB1: await t.login(org.members.B1[0].email, PASSWORD),
    };
    const [x, y] = org.members.A1;
    // Three closed weeks: x sells 300, 100, 200; y sells 100, 200 and nothing in the last one.
    for (const [n, ax, ay] of [
      [3, 300, 100],
      [2, 100, 200],
      [1, 200, 0],
    ] as const) {
      await revenue(org.organizationId, x.id, weeksBack(n), ax);
      if (ay) await revenue(org.organizationId, y.id, weeksBack(n), ay);
    }
    board = await createBoard(org, tk.admin);
    for (const n of [3, 2, 1]) expectData(await t.gql(CLOSE, { id: board, period: { kind: 'ISO_WEEK', start: weeksBack(n).startDate } }, tk.admin));
  });
  afterAll(async () => t?.close());

  it("returns each entity's closed periods, oldest first, aligned with the periods", async () => {
    const h = await history(board, tk.leadA1);
    expect(h.definitionId).toBe(board);
    expect(h.periods.map((p) => p.periodStart)).toEqual([weeksBack(3).startDate, weeksBack(2).startDate, weeksBack(1).startDate]);
    expect(h.periods[2].periodEnd).toBe(weeksBack(0).startDate);
    const [x, y] = org.members.A1;
    const hx = h.entities.find((e) => e.entity.id === x.id)!;
    const hy = h.entities.find((e) => e.entity.id === y.id)!;
    expect(hx.values).toEqual([300, 100, 200]);
    expect(hx.ranks).toEqual([1, 2, 1]);
    expect(hx.entity.name).toBe('hist rep.a1.1');
    expect(hy.values).toEqual([100, 200, 0]);
    expect(hy.ranks[1]).toBe(1);
    for (const e of h.entities) {
      expect(e.values).toHaveLength(3);
      expect(e.bands.every((b) => b === null || ['TOP', 'MIDDLE', 'BOTTOM', 'UNRANKED'].includes(b))).toBe(true);
    }
    // The last two periods only.
    const last2 = await history(board, tk.leadA1, 2);
    expect(last2.periods.map((p) => p.periodStart)).toEqual([weeksBack(2).startDate, weeksBack(1).startDate]);
    expect(last2.entities.find((e) => e.entity.id === x.id)!.values).toEqual([100, 200]);
  });

  it('is empty before any period is closed', async () => {
    const fresh = await createBoard(org, tk.admin);
    expect(await history(fresh, tk.admin)).toEqual({ definitionId: fresh, periods: [], entities: [] });
  });

  it('refuses what the board read refuses, and bad period counts', async () => {
    expect((await history(board, tk.repA1)).entities.length).toBeGreaterThan(0); // the population reads its board
    expectError(await t.gql(HISTORY, { id: board }, tk.repB1), 'NOT_FOUND');
    const other = await buildOrg(t.app, 'histother');
    expectError(await t.gql(HISTORY, { id: board }, await t.login(other.admin.email, PASSWORD)), 'NOT_FOUND');
    for (const periods of [0, 27]) {
      const res = expectError(await t.gql(HISTORY, { id: board, periods }, tk.admin), 'BAD_USER_INPUT');
      expect(JSON.stringify(res)).toContain('periods');
    }
  });

  it('runs the same number of SQL statements for 2 and 2,000 entities', async () => {
    const big = await buildOrg(t.app, 'histbig');
    await t.db.dataSource.query(
      `WITH u AS (
         INSERT INTO app_user (organization_id, email, name, password_hash, role)
         SELECT $1, 'bulk' || g || '@histbig.test', 'Bulk rep ' || g, 'x', 'MEMBER' FROM generate_series(1, 1996) g RETURNING id
       ) INSERT INTO squad_membership (organization_id, user_id, squad_id, valid_from) SELECT $1, u.id, $2, now() - interval '90 days' FROM u`,
      [big.organizationId, big.squads.A2],
    );
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = now() - interval '90 days' WHERE organization_id = $1`, [big.organizationId]);
    const bigAdmin = await t.login(big.admin.email, PASSWORD);
    const large = await createBoard(big, bigAdmin);
    for (const n of [3, 2, 1]) expectData(await t.gql(CLOSE, { id: large, period: { kind: 'ISO_WEEK', start: weeksBack(n).startDate } }, bigAdmin));
    const sizes: number[] = [];
    const small = await t.countStatements(async () => {
      sizes.push((await history(board, tk.admin)).entities.length);
    });
    const n = await t.countStatements(async () => {
      sizes.push((await history(large, bigAdmin)).entities.length);
    });
    expect(sizes[1]).toBeGreaterThanOrEqual(2000);
    expect(sizes[0]).toBeLessThan(10);
    expect(n).toBe(small);
  });
});
