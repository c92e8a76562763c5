import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { periodContaining, previousPeriod, type PeriodBounds } from '@lib/schedule';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { RequestContext } from '../src/common/request-context.js';
import { JobScheduler } from '../src/jobs/job-scheduler.js';
import { Role } from '../src/organization/entities/team-kind.js';
import { PeopleService } from '../src/organization/people.service.js';
import { RankingsLiveService } from '../src/rankings/rankings-live.service.js';
import { CLOSE_PERIODS_JOB } from '../src/rankings/rankings.module.js';
import { buildOrg, PASSWORD, type FixtureOrg, type FixtureUser } from './support/fixtures.js';
import { expectData, expectError, startDemoTestApp, startTestApp, type DemoTestApp, type TestApp } from './support/harness.js';
import { createLead } from './support/leads.js';
import { LiveBoard, standingsSubscription, type StandingsMessage } from './support/live-board.js';

const TZ = 'Asia/Shanghai';
const DAY = 86400_000;
const STANDING = `rank position value adjustedValue numerator denominator band percentile previousRank rankDelta bottomStreak unrankedReason entity { id name }`;
const HEADER = `definitionId name version rulesVersion status snapshotId windowStart populationRate period { label startDate } bands { top middle bottom unranked }`;
const COLUMNS = `columns { entityIds entityNames ranks positions values adjustedValues numerators denominators bands percentiles previousRanks rankDeltas bottomStreaks unrankedReasons }`;
const BOARD = `${HEADER} entries { ${STANDING} } ${COLUMNS}`;
const LEADERBOARD = `query($input: LeaderboardInput!) { leaderboard(input: $input) { ${BOARD} } }`;
const CREATE = `mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id current { version } } }`;
const CLOSE = `mutation($id: ID!, $period: LeaderboardPeriodInput!) { closePeriod(definitionId: $id, period: $period) { ${BOARD} } }`;
const ORDER = `mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { id creditedSquadId } } }`;
const REFUND = `mutation($input: RecordRefundInput!) { recordRefund(input: $input) { refund { id } } }`;

interface Standing {
  rank: number | null;
  position: number | null;
  value: number | null;
  adjustedValue: number | null;
  numerator: number | null;
  denominator: number | null;
  band: string;
  percentile: number | null;
  previousRank: number | null;
  rankDelta: number | null;
  bottomStreak: number;
  unrankedReason: string | null;
  entity: { id: string; name: string };
}
interface Board {
  definitionId: string | null;
  version: number | null;
  rulesVersion: string;
  status: string;
  snapshotId: string | null;
  populationRate: number | null;
  period: { label: string; startDate: string };
  bands: { top: number; middle: number; bottom: number; unranked: number };
  entries: Standing[];
  columns?: Columns;
}
type Columns = Record<
  'ranks' | 'positions' | 'values' | 'adjustedValues' | 'numerators' | 'denominators' | 'percentiles' | 'previousRanks' | 'rankDeltas',
  (number | null)[]
> & { entityIds: string[]; entityNames: string[]; bands: string[]; bottomStreaks: number[]; unrankedReasons: (string | null)[] };

/** The columnar lines put back into line objects: every board this file reads must give its entries back, field by field. */
function linesOf(c: Columns): Standing[] {
  return c.entityIds.map((id, i) => ({
    rank: c.ranks[i],
    position: c.positions[i],
    value: c.values[i],
    adjustedValue: c.adjustedValues[i],
    numerator: c.numerators[i],
    denominator: c.denominators[i],
    band: c.bands[i],
    percentile: c.percentiles[i],
    previousRank: c.previousRanks[i],
    rankDelta: c.rankDeltas[i],
    bottomStreak: c.bottomStreaks[i],
    unrankedReason: c.unrankedReasons[i],
    entity: { id, name: c.entityNames[i] },
  }));
}

/** Checks a board's columns against its entries and drops them (the assertions read entries). */
function withColumnsChecked(b: Board): Board {
  const { columns, ...rest } = b;
  expect(columns).toBeDefined();
  expect(linesOf(columns!)).toEqual(b.entries);
  return rest;
}

describe('rankings', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let other: FixtureOrg;
  let tk: Record<string, string>;
  let reps: FixtureUser[]; // the 10 reps of legion A: A1 has 2, A2 has 8
  let orderSeq = 0;
  const current = () => periodContaining('ISO_WEEK', new Date(), TZ);
  const weekBefore = (p: PeriodBounds, n = 1): PeriodBounds => {
    let q = p;
    for (let i = 0; i < n; i++) q = previousPeriod('ISO_WEEK', q.startDate, TZ);
    return q;
  };
  /** An instant inside a period, never in the future. */
  const inside = (p: PeriodBounds, offsetHours = 50) => new Date(Math.min(p.start.getTime() + offsetHours * 3600_000, Date.now() - 60_000));

  const gql = <T>(q: string, v: Record<string, unknown>, token: string) => t.gql<T>(q, v, token);
  const board = async (input: Record<string, unknown>, token = tk.admin) =>
    withColumnsChecked(expectData(await gql<{ leaderboard: Board }>(LEADERBOARD, { input }, token)).leaderboard);

  /** A lead owned by `rep` in `squad`, assigned at `at`, paying `amount` at `paidAt` (recorded through the API). */
  const sale = async (o: FixtureOrg, rep: string, squad: string, amount: number, paidAt: Date, token = tk.admin) => {
    const lead = await createLead(t.app, o.organizationId, { name: `L${orderSeq}`, ownerId: rep, squadId: squad, at: new Date(paidAt.getTime() - 3600_000) });
    const res = await gql<{ recordOrder: { order: { id: string; creditedSquadId: string } } }>(
      ORDER,
      { input: { externalId: `o-${++orderSeq}`, leadId: lead, productSku: 'COURSE', amount, paidAt: paidAt.toISOString() } },
      token,
    );
    return expectData(res).recordOrder.order;
  };
  const createBoard = async (input: Record<string, unknown>, token = tk.admin) =>
    expectData(await gql<{ createLeaderboard: { id: string } }>(CREATE, { input }, token)).createLeaderboard.id;

  const addProduct = async (token: string) =>
    expectData(await t.gql(`mutation { createProduct(input: { sku: "COURSE", name: "Course", kind: REGULAR, listPrice: 99900 }) { id } }`, {}, token));

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'rank');
    other = await buildOrg(t.app, 'rankother');
    const people = t.app.get(PeopleService);
    const ctx = RequestContext.system(org.organizationId);
    const extra: FixtureUser[] = [];
    for (let i = 3; i <= 8; i++) {
      const u = await people.createUser(ctx, {
        email: `rep.a2.${i}@rank.test`,
        name: `rank rep.a2.${i}`,
        password: PASSWORD,
        role: Role.MEMBER,
        squadId: org.squads.A2,
      });
      extra.push({ id: u.id, email: u.email });
    }
    reps = [...org.members.A1, ...org.members.A2, ...extra];
    // Everyone has been in their squad for two months, so past weeks have a population.
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = now() - interval '60 days' WHERE organization_id = ANY($1)`, [
      [org.organizationId, other.organizationId],
    ]);
    tk = {
      admin: await t.login(org.admin.email, PASSWORD),
      manager: await t.login(org.manager.email, PASSWORD),
      leadA1: await t.login(org.leads.A1.email, PASSWORD),
      leadA2: await t.login(org.leads.A2.email, PASSWORD),
      repA1: await t.login(org.members.A1[0].email, PASSWORD),
      repB1: await t.login(org.members.B1[0].email, PASSWORD),
      otherAdmin: await t.login(other.admin.email, PASSWORD),
    };
    tk.worst = await t.login(reps[9].email, PASSWORD);
    await addProduct(tk.admin);
    await addProduct(tk.otherAdmin);
  }, 180_000);
  afterAll(async () => t?.close());

  let repBoard: string;

  it('ranks reps from orders recorded through the API, with 271 bands, and closes the week into an idempotent snapshot', async () => {
    const w2 = weekBefore(current(), 2);
    const w1 = weekBefore(current(), 1);
    // Week −2 and week −1: rep k (1..9) sells 10000·k; rep 10 sells nothing.
    for (const w of [w2, w1]) {
      for (let k = 1; k <= 9; k++)
        await sale(org, reps[k - 1].id, k <= 2 ? org.squads.A1 : org.squads.A2, 10000 * k + (w === w1 && k === 1 ? 95000 : 0), inside(w));
    }
    repBoard = await createBoard({
      name: 'Reps weekly net revenue',
      scope: 'MEMBER',
      teamKind: 'PRE_SALES',
      populationType: 'LEGION',
      populationId: org.legionA,
      periodKind: 'ISO_WEEK',
      metricKey: 'net_revenue',
    });
    const live = await board({ definitionId: repBoard, period: { kind: 'ISO_WEEK', start: w2.startDate } });
    expect(live.status).toBe('LIVE');
    expect(live.entries).toHaveLength(10); // reps only: squad leads are judged through their squad
    expect(live.entries.map((e) => e.value)).toEqual([90000, 80000, 70000, 60000, 50000, 40000, 30000, 20000, 10000, 0]);
    expect(live.entries.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(live.entries.map((e) => e.band)).toEqual(['TOP', 'TOP', 'MIDDLE', 'MIDDLE', 'MIDDLE', 'MIDDLE', 'MIDDLE', 'MIDDLE', 'MIDDLE', 'BOTTOM']);
    expect(live.entries[0]).toMatchObject({ percentile: 0.9, numerator: 90000, entity: { id: reps[8].id } });
    expect(live.bands).toEqual({ top: 2, middle: 7, bottom: 1, unranked: 0 });

    const period = { kind: 'ISO_WEEK', start: w2.startDate };
    expectError(await gql(CLOSE, { id: repBoard, period: { kind: 'ISO_WEEK', start: current().startDate } }, tk.admin), 'BAD_USER_INPUT'); // not ended
    expectError(await gql(CLOSE, { id: repBoard, period }, tk.leadA1), 'FORBIDDEN');
    const closed = withColumnsChecked(expectData(await gql<{ closePeriod: Board }>(CLOSE, { id: repBoard, period }, tk.manager)).closePeriod);
    expect(closed).toMatchObject({ status: 'CLOSED', version: 1, rulesVersion: '271-v1' });
    expect(closed.entries.map(({ rank, band, value }) => ({ rank, band, value }))).toEqual(
      live.entries.map(({ rank, band, value }) => ({ rank, band, value })),
    );
    expect(closed.entries[9].bottomStreak).toBe(1);
    const again = expectData(await gql<{ closePeriod: Board }>(CLOSE, { id: repBoard, period }, tk.admin)).closePeriod;
    expect(again.snapshotId).toBe(closed.snapshotId);
    expect((await t.db.dataSource.query('SELECT count(*)::int AS n FROM leaderboard_snapshot WHERE definition_id = $1', [repBoard]))[0].n).toBe(1);

    // Week −1 is still live: rep 1 jumped from 9th to 1st; previous ranks come from the snapshot, streaks from closed weeks.
    const w1Board = await board({ definitionId: repBoard, period: { kind: 'ISO_WEEK', start: w1.startDate } });
    expect(w1Board.entries[0]).toMatchObject({ entity: { id: reps[0].id }, rank: 1, previousRank: 9, rankDelta: 8 });
    expect(w1Board.entries.find((e) => e.entity.id === reps[9].id)).toMatchObject({ band: 'BOTTOM', bottomStreak: 1, previousRank: 10 });
  });

  it('a late refund changes the live numbers but never the closed snapshot', async () => {
    const w2 = weekBefore(current(), 2);
    const period = { kind: 'ISO_WEEK', start: w2.startDate };
    const before = await board({ definitionId: repBoard, period });
    // Rep 9's week −2 order is refunded in full, dated inside week −2, after the week was closed.
    const [o] = await t.db.dataSource.query(
      `SELECT id FROM sales_order WHERE credited_rep_id = $1 AND paid_at >= $2 AND paid_at < $3 ORDER BY paid_at LIMIT 1`,
      [reps[8].id, w2.start, w2.end],
    );
    expectData(
      await gql(
        REFUND,
        { input: { externalId: 'late-refund', orderId: o.id, amount: 90000, refundedAt: inside(w2, 120).toISOString(), reason: 'late' } },
        tk.admin,
      ),
    );
    const after = await board({ definitionId: repBoard, period });
    expect(after).toEqual(before);
    // The rollups did change: the live metric of that week now says 0 for rep 9.
    const mv = expectData(
      await gql<{ metricValues: { values: { entityId: string; value: number }[] } }>(
        `query($input: MetricValuesInput!) { metricValues(input: $input) { values { entityId value } } }`,
        { input: { metricKeys: ['net_revenue'], entityType: 'MEMBER', entityIds: [reps[8].id], period } },
        tk.admin,
      ),
    );
    expect(mv.metricValues.values[0].value).toBe(0);
    // A refund dated this week changes this week's live board at once.
    const cur = { kind: 'ISO_WEEK', start: current().startDate };
    const order = await sale(org, reps[3].id, org.squads.A2, 50000, inside(current(), 1));
    const liveBefore = await board({ definitionId: repBoard, period: cur });
    expect(liveBefore.entries.find((e) => e.entity.id === reps[3].id)?.value).toBe(50000);
    expectData(
      await gql(
        REFUND,
        { input: { externalId: 'live-refund', orderId: order.id, amount: 20000, refundedAt: inside(current(), 2).toISOString(), reason: 'partial' } },
        tk.admin,
      ),
    );
    const liveAfter = await board({ definitionId: repBoard, period: cur });
    expect(liveAfter.entries.find((e) => e.entity.id === reps[3].id)?.value).toBe(30000);
  });

  it('watch list after K consecutive closed BOTTOM weeks; coaching plans visible only to the rep, their lead and managers', async () => {
    const w1 = weekBefore(current(), 1);
    expectData(await gql(CLOSE, { id: repBoard, period: { kind: 'ISO_WEEK', start: w1.startDate } }, tk.admin));
    const WATCH = `query($id: ID!) { watchList(definitionId: $id) { watchStreak asOf entries { entity { id } bottomStreak openCoachingPlanId } } }`;
    const watch = expectData(
      await gql<{ watchList: { watchStreak: number; asOf: string; entries: { entity: { id: string }; bottomStreak: number }[] } }>(
        WATCH,
        { id: repBoard },
        tk.leadA2,
      ),
    );
    expect(watch.watchList).toMatchObject({ watchStreak: 2, asOf: w1.label, entries: [{ entity: { id: reps[9].id }, bottomStreak: 2 }] });
    // The lead of another squad sees none of A2's people; reps cannot read watch lists.
    expect(expectData(await gql<{ watchList: { entries: unknown[] } }>(WATCH, { id: repBoard }, tk.leadA1)).watchList.entries).toEqual([]);
    expectError(await gql(WATCH, { id: repBoard }, tk.repA1), 'FORBIDDEN');

    const OPEN = `mutation($input: OpenCoachingPlanInput!) { openCoachingPlan(input: $input) { id status bottomStreakAtOpen subject { id } } }`;
    const input = {
      subjectUserId: reps[9].id,
      definitionId: repBoard,
      goals: 'Two paid conversions a week',
      reviewDate: new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10),
    };
    expectError(await gql(OPEN, { input }, tk.leadA1), 'FORBIDDEN');
    expectError(await gql(OPEN, { input }, tk.repA1), 'FORBIDDEN');
    const plan = expectData(await gql<{ openCoachingPlan: { id: string; bottomStreakAtOpen: number } }>(OPEN, { input }, tk.leadA2)).openCoachingPlan;
    expect(plan.bottomStreakAtOpen).toBe(2);
    expectError(await gql(OPEN, { input }, tk.manager), 'CONFLICT'); // one open plan per rep

    const GET = `query($id: ID!) { coachingPlan(id: $id) { id goals status } }`;
    for (const who of ['worst', 'leadA2', 'manager', 'admin']) expectData(await gql(GET, { id: plan.id }, tk[who]));
    for (const who of ['repA1', 'leadA1', 'otherAdmin']) expectError(await gql(GET, { id: plan.id }, tk[who]), 'NOT_FOUND');
    expect(expectData(await gql<{ coachingPlans: unknown[] }>(`{ coachingPlans { id } }`, {}, tk.repA1)).coachingPlans).toEqual([]);
    expect(expectData(await gql<{ coachingPlans: { id: string }[] }>(`{ coachingPlans { id } }`, {}, tk.worst)).coachingPlans.map((p) => p.id)).toEqual([
      plan.id,
    ]);

    const OUTCOME = `mutation($id: ID!) { recordCoachingOutcome(id: $id, input: { outcome: IMPROVED, outcomeNotes: "back on track" }) { status outcome } }`;
    expectError(await gql(OUTCOME, { id: plan.id }, tk.worst), 'FORBIDDEN');
    expect(expectData(await gql<{ recordCoachingOutcome: unknown }>(OUTCOME, { id: plan.id }, tk.leadA2)).recordCoachingOutcome).toEqual({
      status: 'CLOSED',
      outcome: 'IMPROVED',
    });
    // Ranking and coaching never touch employment status.
    const [u] = await t.db.dataSource.query('SELECT active, role FROM app_user WHERE id = $1', [reps[9].id]);
    expect(u).toEqual({ active: true, role: 'MEMBER' });
  });

  it('credits squads with the squad a rep was in when each order was paid', async () => {
    const squadsBoard = await createBoard({
      name: 'Squads weekly',
      scope: 'SQUAD',
      teamKind: 'PRE_SALES',
      populationType: 'LEGION',
      populationId: org.legionA,
      periodKind: 'DAY',
      metricKey: 'gross_revenue',
    });
    const people = t.app.get(PeopleService);
    const mover = reps[1]; // in A1
    const today = periodContaining('DAY', new Date(), TZ);
    const day = { kind: 'DAY', start: today.startDate };
    const before = await board({ definitionId: squadsBoard, period: day });
    const value = (b: Board, id: string) => b.entries.find((e) => e.entity.id === id)?.value ?? 0;
    const t0 = Math.max(today.start.getTime() + 60_000, Date.now() - 30 * 60_000);
    const first = await sale(org, mover.id, org.squads.A1, 11100, new Date(t0));
    expect(first.creditedSquadId).toBe(org.squads.A1);
    await people.moveMember(RequestContext.system(org.organizationId), { userId: mover.id, squadId: org.squads.A2, effectiveAt: new Date(t0 + 1000) });
    const second = await sale(org, mover.id, org.squads.A2, 22200, new Date(t0 + 2000));
    expect(second.creditedSquadId).toBe(org.squads.A2);
    const after = await board({ definitionId: squadsBoard, period: day });
    expect(value(after, org.squads.A1) - value(before, org.squads.A1)).toBe(11100);
    expect(value(after, org.squads.A2) - value(before, org.squads.A2)).toBe(22200);
    // A rep board of squad A2 includes the mover (a membership overlapping today) with all of their own sales.
    const a2 = await board({ scope: 'MEMBER', teamKind: 'PRE_SALES', populationId: org.squads.A2, metricKey: 'gross_revenue', period: day });
    expect(a2.definitionId).toBeNull();
    expect(a2.entries.find((e) => e.entity.id === mover.id)?.numerator).toBeGreaterThanOrEqual(33300);
    const a1 = await board({ scope: 'MEMBER', teamKind: 'PRE_SALES', populationId: org.squads.A1, metricKey: 'gross_revenue', period: day });
    expect(a1.entries.map((e) => e.entity.id)).toContain(mover.id);
  });

  it('applies the minimum sample and shrinks rates (raw value vs adjusted value)', async () => {
    const o = await buildOrg(t.app, 'rankrate');
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = now() - interval '60 days' WHERE organization_id = $1`, [o.organizationId]);
    const admin = await t.login(o.admin.email, PASSWORD);
    await addProduct(admin);
    const [x, y] = o.members.A1;
    const [z, w] = o.members.A2;
    const at = inside(current(), 1);
    const leads = async (rep: string, squad: string, n: number, converting: number) => {
      for (let i = 0; i < n; i++) {
        const lead = await createLead(t.app, o.organizationId, { name: `R${i}`, ownerId: rep, squadId: squad, at });
        if (i < converting)
          expectData(
            await gql(
              ORDER,
              {
                input: {
                  externalId: `rate-${rep}-${i}`,
                  leadId: lead,
                  productSku: 'COURSE',
                  amount: 99900,
                  paidAt: new Date(at.getTime() + 1000).toISOString(),
                },
              },
              admin,
            ),
          );
      }
    };
    await leads(x.id, o.squads.A1, 1, 1); // 1 of 1: 100 % but below the minimum sample
    await leads(y.id, o.squads.A1, 4, 3); // 3 of 4 = 0.75
    await leads(z.id, o.squads.A2, 20, 14); // 14 of 20 = 0.70
    await leads(w.id, o.squads.A2, 10, 2); // 2 of 10 = 0.20
    const id = await createBoard(
      {
        name: 'Conversion rate',
        scope: 'MEMBER',
        teamKind: 'PRE_SALES',
        populationType: 'ORG',
        periodKind: 'ISO_WEEK',
        metricKey: 'conversion_rate',
        minDenominator: 3,
        shrinkageK: 20,
      },
      admin,
    );
    const b = await board({ definitionId: id }, admin);
    const p = 19 / 34; // p̄ over the eligible reps only: (3 + 14 + 2) / (4 + 20 + 10)
    expect(b.populationRate).toBeCloseTo(p, 12);
    const byId = new Map(b.entries.map((e) => [e.entity.id, e]));
    expect(byId.get(x.id)).toMatchObject({
      band: 'UNRANKED',
      rank: null,
      value: 1,
      numerator: 1,
      denominator: 1,
      unrankedReason: 'BELOW_MIN_SAMPLE: 1 of 3 leads',
    });
    expect(byId.get(y.id)).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
    expect(byId.get(y.id)!.adjustedValue).toBeCloseTo((3 + 20 * p) / 24, 12);
    expect(byId.get(z.id)!.value).toBe(0.7);
    expect(byId.get(z.id)!.adjustedValue).toBeCloseTo((14 + 20 * p) / 40, 12);
    // Raw, 3 of 4 beats 14 of 20; shrunk towards p̄ the larger sample wins.
    expect([byId.get(z.id)!.rank, byId.get(y.id)!.rank, byId.get(w.id)!.rank]).toEqual([1, 2, 3]);
    expect(b.entries.map((e) => e.entity.id)).toEqual([z.id, y.id, w.id, x.id]);
    // Eligibility and shrinkage need a rate.
    expectError(
      await gql(
        CREATE,
        {
          input: { name: 'x', scope: 'MEMBER', teamKind: 'PRE_SALES', populationType: 'ORG', periodKind: 'ISO_WEEK', metricKey: 'conversions', shrinkageK: 5 },
        },
        admin,
      ),
      'BAD_USER_INPUT',
    );
  });

  it('runs the same number of SQL statements for 10 and 2,000 entries', async () => {
    const big = await buildOrg(t.app, 'rankbig');
    await t.db.dataSource.query(
      `WITH u AS (
         INSERT INTO app_user (organization_id, email, name, password_hash, role)
         SELECT $1, 'bulk' || g || '@rankbig.test', 'Bulk rep ' || g, 'x', 'MEMBER' FROM generate_series(1, 1996) g RETURNING id
       ) INSERT INTO squad_membership (organization_id, user_id, squad_id, valid_from) SELECT $1, u.id, $2, now() - interval '60 days' FROM u`,
      [big.organizationId, big.squads.A2],
    );
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = now() - interval '60 days' WHERE organization_id = $1`, [big.organizationId]);
    await t.db.dataSource.query(
      `INSERT INTO rollup_daily (organization_id, entity_type, entity_id, day, gross_revenue, paid_orders, leads_assigned)
       SELECT $1, 'MEMBER', sm.user_id, (now() AT TIME ZONE 'Asia/Shanghai')::date, (random() * 100000)::int, 1, 2 FROM squad_membership sm WHERE sm.organization_id = $1`,
      [big.organizationId],
    );
    const bigAdmin = await t.login(big.admin.email, PASSWORD);
    const input = { name: 'n', scope: 'MEMBER', teamKind: 'PRE_SALES', populationType: 'LEGION', periodKind: 'ISO_WEEK', metricKey: 'net_revenue' };
    const small = await createBoard({ ...input, populationId: org.legionA }, tk.admin);
    const large = await createBoard({ ...input, populationId: big.legionA }, bigAdmin);
    const count = async (definitionId: string, token: string) => {
      let entries = 0;
      const n = await t.countStatements(async () => {
        entries = (await board({ definitionId, period: { kind: 'ISO_WEEK', start: current().startDate } }, token)).entries.length;
      });
      return { n, entries };
    };
    const s = await count(small, tk.admin);
    const l = await count(large, bigAdmin);
    expect(s.entries).toBe(10);
    expect(l.entries).toBe(2000);
    expect(l.n).toBe(s.n);
    // The same with a closed previous week (snapshot read instead of a live previous period).
    const w1 = { kind: 'ISO_WEEK', start: weekBefore(current()).startDate };
    expectData(await gql(CLOSE, { id: small, period: w1 }, tk.admin));
    expectData(await gql(CLOSE, { id: large, period: w1 }, bigAdmin));
    const s2 = await count(small, tk.admin);
    const l2 = await count(large, bigAdmin);
    expect(l2.n).toBe(s2.n);
    // And for a closed period read from its snapshot.
    const sc = await t.countStatements(() => board({ definitionId: small, period: w1 }, tk.admin));
    const lc = await t.countStatements(async () => {
      expect((await board({ definitionId: large, period: w1 }, bigAdmin)).entries).toHaveLength(2000);
    });
    expect(lc).toBe(sc);
  });

  it('shows a board to its population only, and nothing to another organization', async () => {
    expect((await board({ definitionId: repBoard }, tk.repA1)).entries.length).toBe(10);
    expectError(await gql(LEADERBOARD, { input: { definitionId: repBoard } }, tk.repB1), 'NOT_FOUND');
    expectError(await gql(LEADERBOARD, { input: { definitionId: repBoard } }, tk.otherAdmin), 'NOT_FOUND');
    expectError(
      await gql(LEADERBOARD, { input: { scope: 'MEMBER', teamKind: 'PRE_SALES', populationId: org.legionA, metricKey: 'net_revenue' } }, tk.otherAdmin),
      'NOT_FOUND',
    );
    const mine = expectData(await gql<{ leaderboardDefinitions: { id: string }[] }>(`{ leaderboardDefinitions { id } }`, {}, tk.otherAdmin));
    expect(mine.leaderboardDefinitions.map((d) => d.id)).not.toContain(repBoard);
    // An ORG board of the other organization has none of our people.
    const theirs = await board({ scope: 'MEMBER', teamKind: 'PRE_SALES', metricKey: 'net_revenue' }, tk.otherAdmin);
    expect(theirs.entries.map((e) => e.entity.id).filter((id) => reps.some((r) => r.id === id))).toEqual([]);
  });

  it("answers `mine`, the caller's own line: exactly their line of `entries`, live and closed, on rep and squad boards", async () => {
    const MINE = `query($input: LeaderboardInput!) { leaderboard(input: $input) { ${BOARD} mine { ${STANDING} } } }`;
    const read = async (input: Record<string, unknown>, token: string) => {
      const { mine, ...rest } = expectData(await gql<{ leaderboard: Board & { mine: Standing | null } }>(MINE, { input }, token)).leaderboard;
      const b = withColumnsChecked(rest);
      // The Today card's "rank N of M": M from the band counts is the number of ranked lines.
      expect(b.bands.top + b.bands.middle + b.bands.bottom).toBe(b.entries.filter((e) => e.rank !== null).length);
      return { b, mine };
    };
    const w2 = { kind: 'ISO_WEEK', start: weekBefore(current(), 2).startDate };
    const w1 = { kind: 'ISO_WEEK', start: weekBefore(current(), 1).startDate };
    const rep = org.members.A1[0].id;

    // A rep on a rep board: this week (live) and week −2 (closed), every field as in entries.
    const live = await read({ definitionId: repBoard }, tk.repA1);
    expect(live.b.status).toBe('LIVE');
    expect(live.mine).not.toBeNull();
    expect(live.mine).toEqual(live.b.entries.find((e) => e.entity.id === rep));
    const closed = await read({ definitionId: repBoard, period: w2 }, tk.repA1);
    expect(closed.b.status).toBe('CLOSED');
    expect(closed.mine).toEqual(closed.b.entries.find((e) => e.entity.id === rep));
    expect(closed.mine).toMatchObject({ entity: { id: rep }, rank: 9, band: 'MIDDLE', value: 10000 });
    // Leads, managers and admins are not on a rep board.
    for (const who of ['leadA1', 'manager', 'admin']) expect((await read({ definitionId: repBoard }, tk[who])).mine).toBeNull();
    // Free on a rep board: the same statements as without it.
    const plain = await t.countStatements(() => board({ definitionId: repBoard }, tk.repA1));
    expect(await t.countStatements(() => read({ definitionId: repBoard }, tk.repA1))).toBe(plain);

    // A squad board: the line of the squad the caller is in now (a lead's too); none for a manager.
    const squads = await createBoard({
      name: 'Squads weekly net revenue',
      scope: 'SQUAD',
      teamKind: 'PRE_SALES',
      populationType: 'LEGION',
      populationId: org.legionA,
      periodKind: 'ISO_WEEK',
      metricKey: 'net_revenue',
    });
    for (const [who, squad] of [
      ['repA1', org.squads.A1],
      ['leadA2', org.squads.A2],
    ]) {
      const s = await read({ definitionId: squads }, tk[who]);
      expect(s.mine).toEqual(s.b.entries.find((e) => e.entity.id === squad));
      expect(s.mine?.entity.id).toBe(squad);
    }
    // reps[1] moved from A1 to A2 today (the squad credit test): their line is A2's now.
    const mover = await t.login(org.members.A1[1].email, PASSWORD);
    expect((await read({ definitionId: squads }, mover)).mine?.entity.id).toBe(org.squads.A2);
    expect((await read({ definitionId: squads }, tk.manager)).mine).toBeNull();
    // A closed squad week, from its snapshot; the closing mutation's board answers it as well.
    const CLOSE_MINE = `mutation($id: ID!, $period: LeaderboardPeriodInput!) { closePeriod(definitionId: $id, period: $period) { status mine { entity { id } } } }`;
    expect(expectData(await gql<{ closePeriod: unknown }>(CLOSE_MINE, { id: squads, period: w1 }, tk.manager)).closePeriod).toEqual({
      status: 'CLOSED',
      mine: null,
    });
    const closedSquads = await read({ definitionId: squads, period: w1 }, tk.repA1);
    expect(closedSquads.b.status).toBe('CLOSED');
    expect(closedSquads.mine).toEqual(closedSquads.b.entries.find((e) => e.entity.id === org.squads.A1));
    expect(closedSquads.mine).not.toBeNull();
    // Ad-hoc boards too; someone who cannot read a board gets its NOT_FOUND, never a line.
    const adHoc = await read({ scope: 'MEMBER', teamKind: 'PRE_SALES', populationId: org.squads.A1, metricKey: 'net_revenue' }, tk.repA1);
    expect(adHoc.mine).toEqual(adHoc.b.entries.find((e) => e.entity.id === rep));
    expectError(await gql(MINE, { input: { definitionId: repBoard } }, tk.repB1), 'NOT_FOUND');
  });

  it('refuses a malformed board input with every problem by field path, before reading anything', async () => {
    const res = await gql(
      LEADERBOARD,
      { input: { definitionId: 'nope', populationId: 'x', metricKey: 'Net-Revenue', period: { kind: 'ISO_WEEK', start: '2026-02-30' } } },
      tk.admin,
    );
    expect(expectError(res, 'BAD_USER_INPUT').extensions?.fields).toEqual([
      { field: 'input.definitionId', message: 'definitionId must be a UUID' },
      { field: 'input.populationId', message: 'populationId must be a UUID' },
      { field: 'input.metricKey', message: 'must be a metric key' },
      { field: 'input.period.start', message: '2026-02-30 is not a calendar date' },
    ]);
  });

  it('versions edits: the new rules apply to live boards; snapshots keep naming the version they used', async () => {
    const UPDATE = `mutation($id: ID!, $input: UpdateLeaderboardInput!) { updateLeaderboard(id: $id, input: $input) { current { version topPct bottomPct } } }`;
    const res = expectData(await gql<{ updateLeaderboard: { current: { version: number } } }>(UPDATE, { id: repBoard, input: { topPct: 30 } }, tk.manager));
    expect(res.updateLeaderboard.current).toEqual({ version: 2, topPct: 30, bottomPct: 10 });
    const closed = await board({ definitionId: repBoard, period: { kind: 'ISO_WEEK', start: weekBefore(current(), 2).startDate } });
    expect(closed.version).toBe(1);
    expect(closed.bands.top).toBe(2);
    expect((await board({ definitionId: repBoard })).version).toBe(2);
    const versions = expectData(
      await gql<{ leaderboardVersions: { version: number }[] }>(
        `query($id: ID!) { leaderboardVersions(definitionId: $id) { version } }`,
        { id: repBoard },
        tk.repA1,
      ),
    );
    expect(versions.leaderboardVersions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('pushes new standings over graphql-ws after an order commits', async () => {
    const live = t.app.get(RankingsLiveService);
    live.debounceMs = 100;
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const clients: Client[] = [];
    const subscribe = (token: string) => {
      const c = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: { authorization: `Bearer ${token}` },
      });
      clients.push(c);
      const copy = new LiveBoard<Board, Standing>();
      const received = copy.boards;
      const errors: unknown[] = [];
      c.subscribe<{ standingsChanged: StandingsMessage<Board, Standing> }>(
        { query: standingsSubscription(HEADER, STANDING), variables: { id: repBoard } },
        { next: (v) => (v.data ? copy.apply(v.data.standingsChanged) : errors.push(v.errors)), error: (e) => errors.push(e), complete: () => undefined },
      );
      return { received, errors, copy };
    };
    const waitFor = async (cond: () => boolean, what: string) => {
      for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
      if (!cond()) throw new Error(`timed out waiting for ${what}`);
    };
    try {
      const mine = subscribe(tk.repA1);
      const theirs = subscribe(tk.otherAdmin);
      await waitFor(() => live.watchedCount(repBoard) === 1 && theirs.errors.length === 1, 'subscriptions');
      // The first message is the current board.
      await waitFor(() => mine.received.length >= 1, 'the current board');
      const before = mine.received[0].entries.find((e) => e.entity.id === reps[4].id)?.value ?? 0;
      await sale(org, reps[4].id, org.squads.A2, 77700, new Date(Date.now() - 60_000));
      await waitFor(() => (mine.received[mine.received.length - 1].entries.find((e) => e.entity.id === reps[4].id)?.value ?? 0) >= before + 77700, 'a push');
      const pushed = mine.received[mine.received.length - 1];
      expect(pushed.status).toBe('LIVE');
      expect(pushed.period.startDate).toBe(current().startDate);
      expect(pushed.entries.find((e) => e.entity.id === reps[4].id)?.value).toBeGreaterThanOrEqual(77700);
      // The push after the first board is a change from it, and the copy it builds is the board a fresh read returns.
      expect(mine.copy.messages[0].board).not.toBeNull();
      expect(mine.copy.messages[mine.copy.messages.length - 1]).toMatchObject({
        board: null,
        baseRevision: mine.copy.messages[mine.copy.messages.length - 2].revision,
      });
      expect(mine.copy.gaps).toBe(0);
      expect(pushed).toEqual(await board({ definitionId: repBoard }));
      expect(theirs.received).toEqual([]);

      // The first message's board answers `mine` for the subscriber, as a read does.
      const own = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: { authorization: `Bearer ${tk.repA1}` },
      });
      clients.push(own);
      type OwnBoard = {
        mine: { entity: { id: string }; rank: number | null; value: number | null } | null;
        entries: { entity: { id: string }; rank: number | null; value: number | null }[];
      };
      const first: (OwnBoard | null)[] = [];
      const ownErrors: unknown[] = [];
      own.subscribe<{ standingsChanged: { board: OwnBoard | null } }>(
        {
          query: `subscription($id: ID!) { standingsChanged(leaderboardId: $id) { board { mine { entity { id } rank value } entries { entity { id } rank value } } } }`,
          variables: { id: repBoard },
        },
        {
          next: (v) => (v.data ? first.push(v.data.standingsChanged.board) : ownErrors.push(v.errors)),
          error: (e) => ownErrors.push(e),
          complete: () => undefined,
        },
      );
      await waitFor(() => first.length >= 1 || ownErrors.length > 0, 'the first board with mine');
      expect(ownErrors).toEqual([]);
      expect(first[0]?.mine?.entity.id).toBe(org.members.A1[0].id);
      expect(first[0]?.mine).toEqual(first[0]?.entries.find((e) => e.entity.id === org.members.A1[0].id));
    } finally {
      for (const c of clients) await c.dispose();
    }
  });

  it('PK duel: live score, then the worker closes ended periods and duels exactly once, even racing itself', async () => {
    const DUEL = `mutation($input: CreateDuelInput!) { createDuel(input: $input) { id status winner margin a { id value } b { id value } } }`;
    const cur = current();
    const input = {
      entityType: 'SQUAD',
      aId: org.squads.A1,
      bId: org.squads.A2,
      metricKey: 'net_revenue',
      period: { kind: 'ISO_WEEK', start: cur.startDate },
      season: 'S1',
    };
    expectError(await gql(DUEL, { input }, tk.repA1), 'FORBIDDEN');
    expectError(await gql(DUEL, { input: { ...input, bId: org.squads.A1 } }, tk.manager), 'BAD_USER_INPUT');
    const duel = expectData(
      await gql<{ createDuel: { id: string; status: string; a: { value: number }; b: { value: number }; winner: string } }>(DUEL, { input }, tk.manager),
    ).createDuel;
    expect(duel.status).toBe('LIVE');
    await sale(org, reps[0].id, org.squads.A1, 500000, new Date(Date.now() - 60_000));
    const liveDuel = expectData(
      await gql<{ duel: { a: { value: number }; b: { value: number }; winner: string; margin: number } }>(
        `query($id: ID!) { duel(id: $id) { a { value } b { value } winner margin } }`,
        { id: duel.id },
        tk.repB1,
      ),
    ).duel;
    expect(liveDuel.winner).toBe(liveDuel.a.value > liveDuel.b.value ? 'A' : liveDuel.a.value < liveDuel.b.value ? 'B' : 'DRAW');
    expect(liveDuel.margin).toBe(Math.abs(liveDuel.a.value - liveDuel.b.value));
    expectError(await gql(`query($id: ID!) { duel(id: $id) { id } }`, { id: duel.id }, tk.otherAdmin), 'NOT_FOUND');

    // The worker, a week later: two runs racing close this week once.
    const scheduler = t.app.get(JobScheduler);
    const later = new Date(cur.end.getTime() + 3600_000);
    const runs = await Promise.all([scheduler.runOnce(CLOSE_PERIODS_JOB, later), scheduler.runOnce(CLOSE_PERIODS_JOB, later)]);
    expect(runs.some((r) => (r ?? 0) > 0)).toBe(true);
    const snaps = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM leaderboard_snapshot WHERE definition_id = $1 AND period_start = $2`, [
      repBoard,
      cur.startDate,
    ]);
    expect(snaps[0].n).toBe(1);
    const audits = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'PERIOD_CLOSED' AND diff->>'period' = $2`,
      [repBoard, cur.label],
    );
    expect(audits[0].n).toBe(1);
    expect(await scheduler.runOnce(CLOSE_PERIODS_JOB, later)).toBe(0);
    const final = expectData(
      await gql<{ duel: { status: string; winner: string; margin: number; a: { value: number }; b: { value: number } } }>(
        `query($id: ID!) { duel(id: $id) { status winner margin a { value } b { value } } }`,
        { id: duel.id },
        tk.admin,
      ),
    ).duel;
    expect(final.status).toBe('FINAL');
    expect(final).toMatchObject({ winner: liveDuel.winner, margin: liveDuel.margin });
    const season = expectData(
      await gql<{ duelSeason: { entity: { id: string }; wins: number; losses: number; draws: number; points: number }[] }>(
        `{ duelSeason(season: "S1") { entity { id } wins losses draws points } }`,
        {},
        tk.repA1,
      ),
    ).duelSeason;
    const winner = final.winner === 'A' ? org.squads.A1 : org.squads.A2;
    expect(season[0]).toEqual({ entity: { id: winner }, wins: 1, losses: 0, draws: 0, points: 3 });
  });
});

describe('rankings demo', () => {
  let t: DemoTestApp;
  beforeAll(async () => {
    t = await startDemoTestApp();
  }, 180_000);
  afterAll(async () => t?.close());

  it('seeds weekly squad and rep boards with 8 closed weeks, a bottom streak, an open coaching plan and a running duel', async () => {
    const { organizationId, password } = t.demo;
    const manager = await t.login('manager@demo.school', password);
    const defs = expectData(
      await t.gql<{ leaderboardDefinitions: { id: string; name: string; scope: string }[] }>(`{ leaderboardDefinitions { id name scope } }`, {}, manager),
    ).leaderboardDefinitions;
    expect(defs.filter((d) => d.name.startsWith('Pre-sales'))).toHaveLength(3);
    const reps = defs.find((d) => d.name.startsWith('Pre-sales reps — weekly'))!;
    const snaps = expectData(
      await t.gql<{ leaderboardSnapshots: { label: string }[] }>(
        `query($id: ID!) { leaderboardSnapshots(definitionId: $id) { label } }`,
        { id: reps.id },
        manager,
      ),
    ).leaderboardSnapshots;
    expect(snaps).toHaveLength(8);
    const last = expectData(
      await t.gql<{ leaderboard: Board }>(
        LEADERBOARD,
        {
          input: {
            definitionId: reps.id,
            period: { kind: 'ISO_WEEK', start: previousPeriod('ISO_WEEK', periodContaining('ISO_WEEK', new Date(), TZ).startDate) },
          },
        },
        manager,
      ),
    ).leaderboard;
    expect(last.status).toBe('CLOSED');
    expect(last.bands.top).toBeGreaterThan(0);
    expect(last.bands.bottom).toBeGreaterThan(0);
    expect(Math.max(...last.entries.map((e) => e.bottomStreak))).toBeGreaterThanOrEqual(2);
    const plans = expectData(await t.gql<{ coachingPlans: { status: string }[] }>(`{ coachingPlans(status: OPEN) { status } }`, {}, manager)).coachingPlans;
    expect(plans).toHaveLength(1);
    const duels = expectData(await t.gql<{ duels: { status: string }[] }>(`{ duels { status } }`, {}, manager)).duels;
    expect(duels.map((d) => d.status).sort()).toEqual(['FINAL', 'FINAL', 'FINAL', 'LIVE']);
    // Three pre-sales and four course-service boards, each with 8 closed weeks.
    expect((await t.db.dataSource.query('SELECT count(*)::int AS n FROM leaderboard_snapshot WHERE organization_id = $1', [organizationId]))[0].n).toBe(56);
    const csManager = await t.login('cs.manager@demo.school', password);
    const csDefs = expectData(
      await t.gql<{ leaderboardDefinitions: { id: string; name: string }[] }>(`{ leaderboardDefinitions { id name } }`, {}, csManager),
    ).leaderboardDefinitions;
    const nps = csDefs.find((d) => d.name === 'Curators — weekly NPS')!;
    const [best] = await t.db.dataSource.query(
      `SELECT count(*) FILTER (WHERE e.band = 'TOP')::int AS top FROM leaderboard_snapshot s JOIN leaderboard_snapshot_entry e ON e.snapshot_id = s.id WHERE s.definition_id = $1`,
      [nps.id],
    );
    expect(best.top).toBeGreaterThan(0);

    // The Today card of the journeys' rep (test/web/rep-today.web-spec.ts) reads `mine` and the band
    // counts: the same line and "rank N of M" as it used to find in the whole board.
    const rep = await t.login('rep.tigers.1@demo.school', password);
    const me = expectData(await t.gql<{ me: { id: string } }>(`{ me { id } }`, {}, rep)).me.id;
    const repDefs = expectData(
      await t.gql<{ leaderboardDefinitions: { id: string; scope: string }[] }>(`{ leaderboardDefinitions { id scope } }`, {}, rep),
    ).leaderboardDefinitions.filter((d) => d.scope === 'MEMBER');
    expect(repDefs.length).toBeGreaterThan(0);
    const TODAY = `query($input: LeaderboardInput!) { leaderboard(input: $input) { bands { top middle bottom } entries { ${STANDING} } mine { ${STANDING} } } }`;
    const lastWeek = { kind: 'ISO_WEEK', start: previousPeriod('ISO_WEEK', periodContaining('ISO_WEEK', new Date(), TZ).startDate) };
    for (const d of repDefs)
      for (const period of [undefined, lastWeek]) {
        const b = expectData(
          await t.gql<{ leaderboard: Pick<Board, 'bands' | 'entries'> & { mine: Standing | null } }>(
            TODAY,
            { input: { definitionId: d.id, ...(period ? { period } : {}) } },
            rep,
          ),
        ).leaderboard;
        expect(b.mine).not.toBeNull();
        expect(b.mine).toEqual(b.entries.find((e) => e.entity.id === me));
        expect(b.bands.top + b.bands.middle + b.bands.bottom).toBe(b.entries.filter((e) => e.rank != null).length);
      }
  }, 180_000);
});
