import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { expectData, expectError, startTestApp, type GqlResult, type TestApp } from './support/harness.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { createPublishedSurvey, SURVEY_DEFINITION } from './support/intake.js';
import { createLead } from './support/leads.js';

/**
 * Issue 14, items 8, 11 and 12: every input has a documented bound (docs/api.md, "Input bounds"),
 * checked before anything is written; money is bounded so sums stay exact, and a total that
 * still cannot be answered exactly is a coded error, never INTERNAL.
 */
const TZ = 'Asia/Shanghai';
const MAX_MONEY = 100_000_000_000;

describe('input bounds (issue 14)', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;

  const count = async (table: string) => Number((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  /** Asserts BAD_USER_INPUT naming `field` (or a field starting with it) and that `table` did not grow. */
  const rejected = async (table: string, run: () => Promise<GqlResult<unknown>>, field?: string) => {
    const before = await count(table);
    const res = await run();
    const err = expectError(res, 'BAD_USER_INPUT');
    if (field) {
      const named = (err.extensions?.fields ?? []).map((f) => f.field);
      if (named.length) expect(named.some((f) => f === field || f.startsWith(`${field}.`))).toBe(true);
      else expect(err.message).toContain(field.split('.').pop()!);
    }
    expect(await count(table)).toBe(before);
    return err;
  };

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'bounds', { timeZone: TZ });
    admin = await t.login(org.admin.email, PASSWORD);
    expectData(await t.gql('mutation { createProduct(input: { sku: "P-1", name: "Course", kind: REGULAR, listPrice: 1000 }) { id } }', {}, admin));
  });
  afterAll(async () => t?.close());

  describe('item 12: nonsense is rejected before any write', () => {
    const LEGION = 'mutation($i: CreateLegionInput!) { createLegion(input: $i) { id name } }';

    it('rejects blank and whitespace-only required names and trims the ones it keeps', async () => {
      for (const name of ['', '   ', '\t\n']) {
        await rejected('legion', () => t.gql(LEGION, { i: { name, kind: 'PRE_SALES' } }, admin), 'input.name');
      }
      await rejected(
        'squad',
        () => t.gql('mutation($i: CreateSquadInput!) { createSquad(input: $i) { id } }', { i: { legionId: org.legionA, name: '  ' } }, admin),
        'input.name',
      );
      await rejected(
        'product',
        () =>
          t.gql(
            'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
            { i: { sku: 'X-1', name: ' ', kind: 'REGULAR', listPrice: 100 } },
            admin,
          ),
        'input.name',
      );
      const kept = expectData(await t.gql<{ createLegion: { name: string } }>(LEGION, { i: { name: '  Legion Trim  ', kind: 'PRE_SALES' } }, admin));
      expect(kept.createLegion.name).toBe('Legion Trim');
    });

    it('rejects DateTimes that do not exist and years outside 2000..2100', async () => {
      const lead = await createLead(t.app, org.organizationId, { name: 'Date Lead', ownerId: org.members.A1[0].id, squadId: org.squads.A1 });
      const ORDER = 'mutation($i: RecordOrderInput!) { recordOrder(input: $i) { order { id paidAt } } }';
      const order = (paidAt: string) => () => t.gql(ORDER, { i: { externalId: `d-${paidAt}`, leadId: lead, productSku: 'P-1', amount: 100, paidAt } }, admin);
      for (const paidAt of [
        '2026-02-30T10:00:00Z',
        '2026-02-29T10:00:00Z',
        '2026-04-31T00:00:00Z',
        '2026-01-01T24:30:00Z',
        '0001-01-01T00:00:00Z',
        '9999-12-31T00:00:00Z',
        '1999-12-31T23:59:59Z',
        'yesterday',
      ]) {
        const err = await rejected('sales_order', order(paidAt));
        expect(err.message).toMatch(/DateTime/);
      }
      // An inline literal is refused the same way.
      expectError(
        await t.gql(`mutation { moveMember(input: { userId: "${org.members.A1[0].id}", effectiveAt: "2026-02-30T00:00:00Z" }) { id } }`, {}, admin),
        'BAD_USER_INPUT',
      );
      // A real day with an offset is fine and answered in UTC.
      const ok = expectData(
        await t.gql<{ recordOrder: { order: { paidAt: string } } }>(
          ORDER,
          { i: { externalId: 'd-ok', leadId: lead, productSku: 'P-1', amount: 100, paidAt: '2026-03-02T10:00:00+08:00' } },
          admin,
        ),
      );
      expect(ok.recordOrder.order.paidAt).toBe('2026-03-02T02:00:00.000Z');
    });

    it('rejects local dates that do not exist or lie outside 2000..2100', async () => {
      const SPEND = 'mutation($i: RecordAcquisitionSpendInput!) { recordAcquisitionSpend(input: $i) { id } }';
      for (const day of ['2026-02-30', '1999-12-31', '2101-01-01', '0001-01-01']) {
        await rejected('acquisition_spend', () => t.gql(SPEND, { i: { day, channel: 'AD', amount: 100 } }, admin), 'input.day');
      }
      expectError(await t.gql('{ acquisitionSpend(from: "2026-02-30", to: "2026-03-01") { id } }', {}, admin), 'BAD_USER_INPUT');
    });

    it('rejects a 100,000-character note and other free text beyond its bound', async () => {
      const long = 'x'.repeat(100_000);
      await rejected(
        'acquisition_spend',
        () =>
          t.gql(
            'mutation($i: RecordAcquisitionSpendInput!) { recordAcquisitionSpend(input: $i) { id } }',
            { i: { day: '2026-03-01', channel: 'AD', amount: 1, note: long } },
            admin,
          ),
        'input.note',
      );
      await rejected(
        'coaching_plan',
        () =>
          t.gql(
            'mutation($i: OpenCoachingPlanInput!) { openCoachingPlan(input: $i) { id } }',
            {
              i: { subjectUserId: org.members.A1[0].id, goals: 'Call more', notes: long, reviewDate: DateTime.now().setZone(TZ).plus({ days: 7 }).toISODate() },
            },
            admin,
          ),
        'input.notes',
      );
      // String arguments outside input types are bounded too.
      expectError(
        await t.gql('mutation($r: String!) { dropEnrollment(id: "00000000-0000-4000-8000-000000000000", reason: $r) { id } }', { r: long }, admin),
        'BAD_USER_INPUT',
      );
      expectError(
        await t.gql('mutation($r: String!) { dropEnrollment(id: "00000000-0000-4000-8000-000000000000", reason: $r) { id } }', { r: '   ' }, admin),
        'BAD_USER_INPUT',
      );
    });

    it('rejects out-of-range playbook step numbers (windowMinutes -1, dayOffset 2147483647)', async () => {
      const PLAYBOOK = 'mutation($i: CreatePlaybookInput!) { createPlaybook(input: $i) { id } }';
      const step = { dayOffset: 0, localTime: '09:00', channel: 'PRIVATE_MESSAGE', audience: 'LEADS', title: 'Hello' };
      const input = (s: object) => ({ legionId: org.legionA, name: 'Bounds playbook', kind: 'PRE_SALES', content: { steps: [{ ...step, ...s }] } });
      await rejected('playbook', () => t.gql(PLAYBOOK, { i: input({ windowMinutes: -1 }) }, admin), 'input.content.steps.0.windowMinutes');
      await rejected('playbook', () => t.gql(PLAYBOOK, { i: input({ windowMinutes: 10_081 }) }, admin), 'input.content.steps.0.windowMinutes');
      await rejected('playbook', () => t.gql(PLAYBOOK, { i: input({ dayOffset: 2147483647 }) }, admin), 'input.content.steps.0.dayOffset');
      await rejected('playbook', () => t.gql(PLAYBOOK, { i: input({ windowMinutes: 0 }) }, admin), 'input.content.steps.0.windowMinutes');
      await rejected('playbook', () => t.gql(PLAYBOOK, { i: input({ title: '   ' }) }, admin), 'input.content.steps.0.title');
      expectData(await t.gql(PLAYBOOK, { i: input({ windowMinutes: 10_080, dayOffset: -60 }) }, admin));
    });

    it('rejects an unknown tierThreshold and empty squadIds, questions and tiers lists', async () => {
      await createPublishedSurvey(t, admin);
      const ROUTING = 'mutation($i: RoutingConfigInput!) { setRoutingConfig(input: $i) { tierThreshold } }';
      const base = { tierThreshold: 'B', strategy: 'ROUND_ROBIN', squadIds: [org.squads.A1], defaultCapacity: 10 };
      await rejected('routing_config', () => t.gql(ROUTING, { i: { ...base, tierThreshold: 'ZZZ' } }, admin), 'input.tierThreshold');
      await rejected('routing_config', () => t.gql(ROUTING, { i: { ...base, squadIds: [] } }, admin), 'input.squadIds');
      expect(
        expectData(await t.gql<{ setRoutingConfig: { tierThreshold: string } }>(ROUTING, { i: { ...base, tierThreshold: ' B ' } }, admin)).setRoutingConfig
          .tierThreshold,
      ).toBe('B');

      const cohort = '00000000-0000-4000-8000-000000000001';
      const empty = await t.gql('mutation($c: ID!, $l: [ID!]!) { addCohortLeads(cohortId: $c, leadIds: $l) { id } }', { c: cohort, l: [] }, admin);
      expect(expectError(empty, 'BAD_USER_INPUT').extensions?.fields).toEqual([{ field: 'leadIds', message: 'must name at least one id' }]);
      const SURVEY = 'mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }';
      await rejected(
        'survey',
        () => t.gql(SURVEY, { i: { name: 'Empty', kind: 'INTAKE', definition: { ...SURVEY_DEFINITION, questions: [] } } }, admin),
        'input.definition.questions',
      );
      await rejected(
        'survey',
        () => t.gql(SURVEY, { i: { name: 'No tiers', kind: 'INTAKE', definition: { ...SURVEY_DEFINITION, tiers: [] } } }, admin),
        'input.definition.tiers',
      );
    });

    it('rejects malformed ids in plain arguments as BAD_USER_INPUT (curatorScorecard(memberId: ""))', async () => {
      const period = { kind: 'MONTH', start: '2026-03-01' };
      const res = await t.gql(
        'query($m: ID!, $p: PeriodInputModel!) { curatorScorecard(memberId: $m, period: $p) { __typename } }',
        { m: '', p: period },
        admin,
      );
      const err = expectError(res, 'BAD_USER_INPUT');
      expect(err.extensions?.fields).toEqual([{ field: 'memberId', message: 'must be an id (UUID)' }]);
      expectError(await t.gql('{ lead(id: "not-a-uuid") { id } }', {}, admin), 'BAD_USER_INPUT');
    });
  });

  describe('item 11: values that used to answer INTERNAL', () => {
    it('createDuel with a start of 2026-02-30 is BAD_USER_INPUT', async () => {
      const res = await t.gql(
        'mutation($i: CreateDuelInput!) { createDuel(input: $i) { id } }',
        { i: { entityType: 'SQUAD', aId: org.squads.A1, bId: org.squads.A2, metricKey: 'gross_revenue', period: { kind: 'ISO_WEEK', start: '2026-02-30' } } },
        admin,
      );
      expect(expectError(res, 'BAD_USER_INPUT').extensions?.fields).toEqual([{ field: 'input.period.start', message: '2026-02-30 is not a calendar date' }]);
    });

    it('a survey with weights of 1e308 is refused when saved and when published', async () => {
      const huge = structuredClone(SURVEY_DEFINITION) as { questions: { weight?: number }[] };
      huge.questions[0].weight = 1e308;
      await rejected(
        'survey',
        () => t.gql('mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }', { i: { name: 'Huge', kind: 'INTAKE', definition: huge } }, admin),
        'input.definition.questions.0.weight',
      );
      // A draft stored before the bound existed cannot be published either.
      const draft = expectData(
        await t.gql<{ createSurvey: { id: string } }>(
          'mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }',
          { i: { name: 'Old draft', kind: 'INTAKE', definition: SURVEY_DEFINITION } },
          admin,
        ),
      ).createSurvey.id;
      await t.db.dataSource.query(`UPDATE survey_version SET definition = jsonb_set(definition, '{questions,0,weight}', '1e308'::jsonb) WHERE survey_id = $1`, [
        draft,
      ]);
      const res = await t.gql('mutation($s: ID!) { publishSurvey(surveyId: $s) { survey { id } } }', { s: draft }, admin);
      expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(res.errors?.[0]?.extensions?.code);
      expect(res.errors?.[0]?.message).toMatch(/weight/);
      const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM survey_version WHERE survey_id = $1 AND status <> 'DRAFT'`, [draft]);
      expect(n).toBe(0);
    });
  });

  describe('item 8: money is bounded and its sums stay exact', () => {
    const ORDER = 'mutation($i: RecordOrderInput!) { recordOrder(input: $i) { order { id amount } } }';
    const today = () => DateTime.now().setZone(TZ).toISODate()!;
    let rep: string;
    const N = 25;

    beforeAll(async () => {
      rep = org.members.A2[0].id;
      for (let i = 0; i < N; i++) {
        const lead = await createLead(t.app, org.organizationId, { name: `Max ${i}`, ownerId: rep, squadId: org.squads.A2, campaign: 'max' });
        expectData(
          await t.gql(ORDER, { i: { externalId: `max-${i}`, leadId: lead, productSku: 'P-1', amount: MAX_MONEY, paidAt: new Date().toISOString() } }, admin),
        );
      }
    });

    it('accepts 10^11 minor units and rejects 10^11 + 1 and 2^53 - 1 everywhere money comes in', async () => {
      const lead = await createLead(t.app, org.organizationId, { name: 'Over', ownerId: rep, squadId: org.squads.A2 });
      for (const amount of [MAX_MONEY + 1, Number.MAX_SAFE_INTEGER, -1]) {
        await rejected('sales_order', () =>
          t.gql(ORDER, { i: { externalId: `over-${amount}`, leadId: lead, productSku: 'P-1', amount, paidAt: new Date().toISOString() } }, admin),
        );
      }
      expectError(
        await t.gql(`mutation { createProduct(input: { sku: "BIG", name: "Big", kind: REGULAR, listPrice: ${MAX_MONEY + 1} }) { id } }`, {}, admin),
        'BAD_USER_INPUT',
      );
      await rejected('acquisition_spend', () =>
        t.gql(
          'mutation($i: RecordAcquisitionSpendInput!) { recordAcquisitionSpend(input: $i) { id } }',
          { i: { day: today(), channel: 'AD', amount: Number.MAX_SAFE_INTEGER } },
          admin,
        ),
      );
      expectData(await t.gql(`mutation { createProduct(input: { sku: "MAX", name: "Max", kind: REGULAR, listPrice: ${MAX_MONEY} }) { id } }`, {}, admin));
    });

    it('unitEconomics, metricValues and the leaderboard add many max-size orders exactly', async () => {
      const from = today();
      const to = DateTime.fromISO(from).plus({ days: 1 }).toISODate()!;
      const ue = expectData(
        await t.gql<{ unitEconomics: { group: string; payingCustomers: number; firstOrderRevenue: number }[] }>(
          `{ unitEconomics(input: { groupBy: CAMPAIGN, from: "${from}", to: "${to}", ltvHorizonDays: 90 }) { group payingCustomers firstOrderRevenue } }`,
          {},
          admin,
        ),
      );
      expect(ue.unitEconomics.find((r) => r.group === 'max')).toEqual({ group: 'max', payingCustomers: N, firstOrderRevenue: N * MAX_MONEY });

      const mv = expectData(
        await t.gql<{ metricValues: { entityIds: string[]; series: { numerators: number[] }[] } }>(
          'query($i: MetricValuesInput!) { metricValues(input: $i) { entityIds series { numerators } } }',
          { i: { metricKeys: ['gross_revenue'], entityType: 'MEMBER', entityIds: [rep], period: { kind: 'DAY', start: from } } },
          admin,
        ),
      );
      expect(mv.metricValues.series[0].numerators).toEqual([N * MAX_MONEY]);

      const board = expectData(
        await t.gql<{ leaderboard: { entries: { value: number; entity: { id: string } }[] } }>(
          'query($i: LeaderboardInput!) { leaderboard(input: $i) { entries { value entity { id } } } }',
          { i: { scope: 'MEMBER', teamKind: 'PRE_SALES', populationId: org.squads.A2, metricKey: 'gross_revenue', period: { kind: 'DAY', start: from } } },
          admin,
        ),
      );
      expect(board.leaderboard.entries.find((e) => e.entity.id === rep)?.value).toBe(N * MAX_MONEY);
    });

    it('a total beyond 2^53 is a coded BAD_USER_INPUT (TOTAL_OUT_OF_RANGE), never INTERNAL or an inexact number', async () => {
      const from = today();
      const to = DateTime.fromISO(from).plus({ days: 1 }).toISODate()!;
      // Data from before the bound (or summed past it): one rollup row and one order far beyond 2^53.
      await t.db.dataSource.query(`UPDATE rollup_daily SET gross_revenue = 9007199254740993 WHERE entity_type = 'MEMBER' AND entity_id = $1`, [rep]);
      await t.db.dataSource.query(`UPDATE sales_order SET amount = 4611686018427387904 WHERE external_id = 'max-0' AND organization_id = $1`, [
        org.organizationId,
      ]);

      const mv = await t.gql(
        'query($i: MetricValuesInput!) { metricValues(input: $i) { series { numerators } } }',
        { i: { metricKeys: ['gross_revenue'], entityType: 'MEMBER', entityIds: [rep], period: { kind: 'DAY', start: from } } },
        admin,
      );
      expect(expectError(mv, 'BAD_USER_INPUT').extensions?.reason).toBe('TOTAL_OUT_OF_RANGE');

      const board = await t.gql(
        'query($i: LeaderboardInput!) { leaderboard(input: $i) { entries { value } } }',
        { i: { scope: 'MEMBER', teamKind: 'PRE_SALES', populationId: org.squads.A2, metricKey: 'gross_revenue', period: { kind: 'DAY', start: from } } },
        admin,
      );
      expect(expectError(board, 'BAD_USER_INPUT').extensions?.reason).toBe('TOTAL_OUT_OF_RANGE');

      const ue = await t.gql(
        `{ unitEconomics(input: { groupBy: CAMPAIGN, from: "${from}", to: "${to}", ltvHorizonDays: 90 }) { group firstOrderRevenue } }`,
        {},
        admin,
      );
      expect(expectError(ue, 'BAD_USER_INPUT').extensions?.reason).toBe('TOTAL_OUT_OF_RANGE');

      // Another grouping whose totals fit still answers.
      const other = await t.gql(
        `{ unitEconomics(input: { groupBy: CHANNEL, from: "2025-01-01", to: "2025-02-01", ltvHorizonDays: 90 }) { group } }`,
        {},
        admin,
      );
      expect(other.errors).toBeUndefined();
    });
  });
});
