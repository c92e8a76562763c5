import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { periodBounds, periodContaining, previousPeriod, type PeriodKind } from '@lib/schedule';
import { TransactionRunner } from '../src/database/transaction.js';
import { ROLLUP_AGGREGATES } from '../src/metrics/metric-catalog.js';
import { rollupRangeSource } from '../src/metrics/rollup-source.js';
import { RollupService } from '../src/metrics/rollup.service.js';
import { boardRollupSource, liveBoardSql } from '../src/rankings/standings.repository.js';
import { RankingScope } from '../src/rankings/entities/ranking.entities.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, startTestApp, type TestApp } from './support/harness.js';
import { createLead, reassignLead } from './support/leads.js';

// Period aggregates (rollup_period, issue 21): kept by triggers on rollup_daily, read by boards and
// metricValues for whole weeks, months and quarters. Random facts in a zone far from UTC, with
// instants near local midnight, must give the same boards from either table.
const TZ = 'Asia/Shanghai';
const DAY = 86400_000;
const ORDER = `mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { id } } }`;
const REFUND = `mutation($input: RecordRefundInput!) { recordRefund(input: $input) { refund { id } } }`;
const LEADERBOARD = `query($input: LeaderboardInput!) { leaderboard(input: $input) { period { label startDate } entries { rank previousRank numerator entity { id } } } }`;
const METRICS = `query($input: MetricValuesInput!) { metricValues(input: $input) { values { metricKey entityId numerator denominator } } }`;

describe('rollup period aggregates', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;
  const now = new Date();

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'periods', { timeZone: TZ });
    admin = await t.login(org.admin.email, PASSWORD);
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = now() - interval '400 days' WHERE organization_id = $1`, [org.organizationId]);
    expectData(await t.gql(`mutation { createProduct(input: { sku: "C", name: "C", kind: REGULAR, listPrice: 49900 }) { id } }`, {}, admin));

    // A seeded random sequence over ~300 days: leads, reassignments, orders, refunds. Instants sit
    // within two hours of a local midnight, where the UTC date and the local date differ.
    let seed = 4242;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const reps = [...org.members.A1, ...org.members.A2];
    const squadOf = (id: string) => (org.members.A1.some((m) => m.id === id) ? org.squads.A1 : org.squads.A2);
    const at = () => {
      const localMidnight = periodContaining('DAY', new Date(now.getTime() - Math.floor(rnd() * 300 + 1) * DAY), TZ).start.getTime();
      return new Date(localMidnight + Math.floor((rnd() - 0.5) * 4 * 3600_000));
    };
    const leads: string[] = [];
    const orders: { id: string; at: Date }[] = [];
    for (let step = 0; step < 90; step++) {
      const r = rnd();
      if (r < 0.25 || leads.length < 3) {
        const owner = reps[Math.floor(rnd() * reps.length)];
        leads.push(await createLead(t.app, org.organizationId, { name: `P${step}`, ownerId: owner.id, squadId: squadOf(owner.id), at: at() }));
      } else if (r < 0.4) {
        const owner = reps[Math.floor(rnd() * reps.length)];
        await reassignLead(t.app, org.organizationId, leads[Math.floor(rnd() * leads.length)], owner.id, squadOf(owner.id), at());
      } else if (r < 0.85) {
        const paidAt = at();
        const res = await t.gql<{ recordOrder: { order: { id: string } } }>(
          ORDER,
          {
            input: {
              externalId: `p-${step}`,
              leadId: leads[Math.floor(rnd() * leads.length)],
              productSku: 'C',
              amount: 1000 + Math.floor(rnd() * 90000),
              paidAt: paidAt.toISOString(),
            },
          },
          admin,
        );
        if (res.data) orders.push({ id: res.data.recordOrder.order.id, at: paidAt });
      } else if (orders.length) {
        const o = orders[Math.floor(rnd() * orders.length)];
        const refundedAt = new Date(Math.min(now.getTime() - 1000, o.at.getTime() + Math.floor(rnd() * 40) * 3600_000));
        await t.gql(REFUND, { input: { externalId: `rf-${step}`, orderId: o.id, amount: 500, refundedAt: refundedAt.toISOString(), reason: 'random' } }, admin);
      }
    }
  }, 180_000);
  afterAll(async () => t?.close());

  const verify = () => t.app.get(TransactionRunner).run(() => t.app.get(RollupService).verify(org.organizationId));

  it('keeps week, month and quarter sums equal to the day rows and to raw rows', async () => {
    expect(await verify()).toEqual([]);
    const kinds: { period_kind: string; n: number }[] = await t.db.dataSource.query(
      `SELECT period_kind, count(*)::int AS n FROM rollup_period WHERE organization_id = $1 GROUP BY 1 ORDER BY 1`,
      [org.organizationId],
    );
    expect(kinds.map((k) => k.period_kind)).toEqual(['ISO_WEEK', 'MONTH', 'QUARTER']);
    expect(kinds.every((k) => k.n > 0)).toBe(true);
  });

  it('gives the same board from the period rows as from the day rows, for every period of the last 300 days', async () => {
    const columns = ROLLUP_AGGREGATES;
    let compared = 0;
    for (const kind of ['ISO_WEEK', 'MONTH', 'QUARTER'] as PeriodKind[]) {
      for (let p = periodContaining(kind, now, TZ); p.start.getTime() > now.getTime() - 320 * DAY; p = previousPeriod(kind, p.startDate, TZ)) {
        const prev = previousPeriod(kind, p.startDate, TZ);
        const source = boardRollupSource([p.startDate, p.endDate], [prev.startDate, prev.endDate]);
        expect(source.table).toBe('rollup_period');
        const params = [
          org.organizationId,
          'PRE_SALES',
          'ORG',
          null,
          p.start,
          p.end,
          p.startDate,
          p.endDate,
          prev.start,
          prev.end,
          prev.startDate,
          prev.endDate,
          true,
        ];
        for (const scope of [RankingScope.MEMBER, RankingScope.SQUAD]) {
          const type = scope === RankingScope.SQUAD ? 'SQUAD' : 'MEMBER';
          const sort = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));
          const fromPeriods = sort(await t.db.dataSource.query(liveBoardSql(scope, columns, source), [...params, type]));
          const fromDays = sort(await t.db.dataSource.query(liveBoardSql(scope, columns, rollupRangeSource([])), [...params, type]));
          expect(fromPeriods).toEqual(fromDays);
          compared += fromPeriods.filter((r) => Number(r.c_gross_revenue) > 0).length;
        }
      }
    }
    expect(compared).toBeGreaterThan(20); // the comparison saw real sales, not only zeros
  });

  it('serves leaderboards and metricValues of a month from the aggregates with the day-table sums and previous ranks', async () => {
    const month = periodContaining('MONTH', new Date(now.getTime() - 40 * DAY), TZ);
    const prev = previousPeriod('MONTH', month.startDate, TZ);
    const daySums = async (from: string, to: string) =>
      new Map<string, number>(
        (
          (await t.db.dataSource.query(
            `SELECT entity_id, sum(gross_revenue)::bigint AS v FROM rollup_daily WHERE organization_id = $1 AND entity_type = 'MEMBER' AND day >= $2 AND day < $3 GROUP BY 1`,
            [org.organizationId, from, to],
          )) as { entity_id: string; v: string }[]
        ).map((r) => [r.entity_id, Number(r.v)]),
      );
    const board = async (p: { startDate: string }) =>
      expectData(
        await t.gql<{ leaderboard: { entries: { rank: number | null; previousRank: number | null; numerator: number; entity: { id: string } }[] } }>(
          LEADERBOARD,
          { input: { scope: 'MEMBER', teamKind: 'PRE_SALES', metricKey: 'gross_revenue', period: { kind: 'MONTH', start: p.startDate } } },
          admin,
        ),
      ).leaderboard.entries;
    const cur = await board(month);
    const before = await board(prev);
    const sums = await daySums(month.startDate, month.endDate);
    expect(cur.length).toBe(org.members.A1.length + org.members.A2.length);
    for (const e of cur) expect(e.numerator).toBe(sums.get(e.entity.id) ?? 0);
    expect([...sums.values()].some((v) => v > 0)).toBe(true);
    const prevRank = new Map(before.map((e) => [e.entity.id, e.rank]));
    for (const e of cur) expect(e.previousRank).toBe(prevRank.get(e.entity.id) ?? null);

    const quarter = periodBounds('QUARTER', month.startDate, TZ);
    const qSums = await daySums(quarter.startDate, quarter.endDate);
    const values = expectData(
      await t.gql<{ metricValues: { values: { entityId: string; numerator: number }[] } }>(
        METRICS,
        { input: { metricKeys: ['gross_revenue'], entityType: 'MEMBER', period: { kind: 'QUARTER', start: month.startDate } } },
        admin,
      ),
    ).metricValues.values;
    for (const v of values) expect(v.numerator).toBe(qSums.get(v.entityId) ?? 0);
  });

  it('follows direct writes to the day rows, and rollups:check reports a period row that drifts', async () => {
    const rep = org.members.A1[0].id;
    const day = '2026-03-02'; // a Monday: first day of its week, in Q1 and March
    await t.db.dataSource.query(
      `INSERT INTO rollup_daily (organization_id, entity_type, entity_id, day, gross_revenue) VALUES ($1, 'MEMBER', $2, $3, 700)
       ON CONFLICT (organization_id, entity_type, entity_id, day) DO UPDATE SET gross_revenue = rollup_daily.gross_revenue + 700`,
      [org.organizationId, rep, day],
    );
    await t.db.dataSource.query(`UPDATE rollup_daily SET gross_revenue = gross_revenue + 5 WHERE organization_id = $1 AND entity_id = $2 AND day = $3`, [
      org.organizationId,
      rep,
      day,
    ]);
    const period = async (kind: string, start: string) =>
      Number(
        (
          await t.db.dataSource.query(
            `SELECT gross_revenue FROM rollup_period WHERE organization_id = $1 AND entity_type = 'MEMBER' AND entity_id = $2 AND period_kind = $3 AND period_start = $4`,
            [org.organizationId, rep, kind, start],
          )
        )[0]?.gross_revenue ?? 0,
      );
    const daysOf = async (from: string, to: string) =>
      Number(
        (
          await t.db.dataSource.query(
            `SELECT coalesce(sum(gross_revenue), 0) AS v FROM rollup_daily WHERE organization_id = $1 AND entity_type = 'MEMBER' AND entity_id = $2 AND day >= $3 AND day < $4`,
            [org.organizationId, rep, from, to],
          )
        )[0].v,
      );
    expect(await period('ISO_WEEK', day)).toBe(await daysOf('2026-03-02', '2026-03-09'));
    expect(await period('MONTH', '2026-03-01')).toBe(await daysOf('2026-03-01', '2026-04-01'));
    expect(await period('QUARTER', '2026-01-01')).toBe(await daysOf('2026-01-01', '2026-04-01'));
    expect(await period('ISO_WEEK', day)).toBeGreaterThanOrEqual(705);
    // The raw rows do not back that credit: both tables report it.
    const drift = await verify();
    expect(drift.filter((d) => !d.periodKind).map((d) => [d.day, d.field, d.stored - d.expected])).toEqual([[day, 'gross_revenue', 705]]);
    expect(drift.filter((d) => d.periodKind).map((d) => [d.periodKind, d.day, d.stored - d.expected])).toEqual([
      ['ISO_WEEK', '2026-03-02', 705],
      ['MONTH', '2026-03-01', 705],
      ['QUARTER', '2026-01-01', 705],
    ]);
    // Taking the credit back out of the day row takes it out of the periods.
    await t.db.dataSource.query(`UPDATE rollup_daily SET gross_revenue = gross_revenue - 705 WHERE organization_id = $1 AND entity_id = $2 AND day = $3`, [
      org.organizationId,
      rep,
      day,
    ]);
    expect(await verify()).toEqual([]);
    // A period row changed behind the triggers' back is found, and a rebuild repairs it.
    await t.db.dataSource.query(
      `UPDATE rollup_period SET paid_orders = paid_orders + 1 WHERE organization_id = $1 AND period_kind = 'MONTH' AND entity_id = $2 AND period_start = '2026-03-01'`,
      [org.organizationId, rep],
    );
    const bad = await verify();
    expect(bad).toEqual([
      {
        periodKind: 'MONTH',
        entityType: 'MEMBER',
        entityId: rep,
        day: '2026-03-01',
        field: 'paid_orders',
        stored: expect.any(Number),
        expected: expect.any(Number),
      },
    ]);
    expect(bad[0].stored - bad[0].expected).toBe(1);
    await t.app.get(TransactionRunner).run(() => t.app.get(RollupService).rebuild(org.organizationId));
    expect(await verify()).toEqual([]);
  });
});
