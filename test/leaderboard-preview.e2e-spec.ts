import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { periodContaining } from '@lib/schedule';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';

// previewLeaderboard: the console's live preview of an unsaved leaderboard definition
// (same validation and access as createLeaderboard, same standings as a saved board, no writes).

const TZ = 'Asia/Shanghai';
const PREVIEW = `query($input: PreviewLeaderboardInput!) { previewLeaderboard(input: $input) {
  name definitionId status period { kind startDate } populationRate bands { top middle bottom unranked }
  entries { entity { id name } rank band value numerator denominator adjustedValue unrankedReason } } }`;
const CREATE = `mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id } }`;
const LEADERBOARD = `query($id: ID!) { leaderboard(input: { definitionId: $id }) { entries { entity { id } rank band value adjustedValue } } }`;

interface Preview {
  name: string;
  definitionId: string | null;
  status: string;
  period: { kind: string; startDate: string };
  populationRate: number | null;
  bands: { top: number; middle: number; bottom: number; unranked: number };
  entries: {
    entity: { id: string; name: string };
    rank: number | null;
    band: string;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    adjustedValue: number | null;
    unrankedReason: string | null;
  }[];
}

describe('previewLeaderboard', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let tk: Record<string, string>;
  const base = () => ({
    scope: 'MEMBER',
    teamKind: 'PRE_SALES',
    populationType: 'LEGION',
    populationId: org.legionA,
    periodKind: 'ISO_WEEK',
  });
  const preview = (input: Record<string, unknown>, token: string) => t.gql<{ previewLeaderboard: Preview }>(PREVIEW, { input }, token);
  const definitions = async () =>
    Number((await t.db.dataSource.query('SELECT count(*)::int AS n FROM leaderboard_definition WHERE organization_id = $1', [org.organizationId]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'preview', { timeZone: TZ });
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = now() - interval '90 days' WHERE organization_id = $1`, [org.organizationId]);
    tk = {
      admin: await t.login(org.admin.email, PASSWORD),
      manager: await t.login(org.manager.email, PASSWORD),
      freeManager: await t.login(org.freeManager.email, PASSWORD),
      leadA1: await t.login(org.leads.A1.email, PASSWORD),
      repA1: await t.login(org.members.A1[0].email, PASSWORD),
    };
    // This week: rep A1.1 converts 3 of 4 leads for 900, rep A2.1 1 of 10 for 100.
    const day = periodContaining('ISO_WEEK', new Date(), TZ).startDate;
    const put = (memberId: string, leads: number, conversions: number, revenue: number) =>
      t.db.dataSource.query(
        `INSERT INTO rollup_daily (organization_id, entity_type, entity_id, day, leads_assigned, conversions, gross_revenue, paid_orders)
         VALUES ($1, 'MEMBER', $2, $3::date, $4, $5, $6, $5)`,
        [org.organizationId, memberId, day, leads, conversions, revenue],
      );
    await put(org.members.A1[0].id, 4, 3, 900);
    await put(org.members.A2[0].id, 10, 1, 100);
  });
  afterAll(async () => t?.close());

  it('computes the live board of an unsaved definition without writing anything', async () => {
    const before = await definitions();
    const p = expectData(
      await preview({ ...base(), name: 'Weekly revenue', metricKey: 'net_revenue', topPct: 25, bottomPct: 25 }, tk.manager),
    ).previewLeaderboard;
    expect(p.name).toBe('Weekly revenue');
    expect(p.definitionId).toBeNull();
    expect(p.status).toBe('LIVE');
    expect(p.period.startDate).toBe(periodContaining('ISO_WEEK', new Date(), TZ).startDate);
    expect(p.entries[0]).toMatchObject({ entity: { id: org.members.A1[0].id }, rank: 1, value: 900, band: 'TOP' });
    expect(p.entries.find((e) => e.entity.id === org.members.A2[0].id)).toMatchObject({ rank: 2, value: 100 });
    // Every member of legion A (lead and reps of A1 and A2) is in the population.
    expect(p.entries.length).toBeGreaterThanOrEqual(4);
    expect(await definitions()).toBe(before);
    // The name is optional.
    expect(expectData(await preview({ ...base(), metricKey: 'net_revenue' }, tk.admin)).previewLeaderboard.name).toBe('Preview');
  });

  it('shows the same standings as the saved board, with minimum sample and shrinkage', async () => {
    const rules = { metricKey: 'conversion_rate', minDenominator: 5, shrinkageK: 10 };
    const p = expectData(await preview({ ...base(), ...rules }, tk.manager)).previewLeaderboard;
    const a1 = p.entries.find((e) => e.entity.id === org.members.A1[0].id)!;
    expect(a1).toMatchObject({ numerator: 3, denominator: 4, rank: null, band: 'UNRANKED' });
    expect(a1.unrankedReason).toMatch(/^BELOW_MIN_SAMPLE/);
    const a2 = p.entries.find((e) => e.entity.id === org.members.A2[0].id)!;
    expect(a2).toMatchObject({ numerator: 1, denominator: 10, value: 0.1, rank: 1 });
    expect(a2.adjustedValue).not.toBeNull();
    expect(p.populationRate).not.toBeNull();
    const id = expectData(await t.gql<{ createLeaderboard: { id: string } }>(CREATE, { input: { ...base(), ...rules, name: 'Conversion' } }, tk.manager))
      .createLeaderboard.id;
    const saved = expectData(await t.gql<{ leaderboard: { entries: Preview['entries'] } }>(LEADERBOARD, { id }, tk.manager)).leaderboard;
    const pick = (e: Preview['entries'][number]) => ({ id: e.entity.id, rank: e.rank, band: e.band, value: e.value, adjustedValue: e.adjustedValue });
    expect(p.entries.map(pick)).toEqual(saved.entries.map(pick));
  });

  it('validates the rules as createLeaderboard does, with field paths', async () => {
    const bad = async (input: Record<string, unknown>, field: string) => {
      const err = expectError(await preview({ ...base(), ...input }, tk.manager), 'BAD_USER_INPUT');
      const fields = (err.extensions?.fields as { field: string }[] | undefined) ?? [];
      expect(fields.map((f) => f.field)).toContain(field);
    };
    await bad({ metricKey: 'net_revenue', topPct: 70, bottomPct: 40 }, 'input.topPct');
    await bad({ metricKey: 'net_revenue', topPct: 120 }, 'input.topPct');
    await bad({ metricKey: 'net_revenue', minDenominator: 5 }, 'input.minDenominator');
    await bad({ metricKey: 'net_revenue', shrinkageK: 5 }, 'input.shrinkageK');
    await bad({}, 'input.metricKey');
    await bad(
      {
        components: [
          { metricKey: 'net_revenue', weight: 1 },
          { metricKey: 'net_revenue', weight: 2 },
        ],
      },
      'input.components',
    );
    await bad({ metricKey: 'net_revenue', periodKind: 'CUSTOM' }, 'input.periodKind');
    await bad({ metricKey: 'net_revenue', populationId: org.legionB }, 'input.populationId');
  });

  it('previews a weighted composite', async () => {
    const components = [
      { metricKey: 'net_revenue', weight: 2 },
      { metricKey: 'conversion_rate', weight: 1 },
    ];
    const p = expectData(await preview({ ...base(), components }, tk.admin)).previewLeaderboard;
    expect(p.entries[0].entity.id).toBe(org.members.A1[0].id);
    expect(p.entries[0].rank).toBe(1);
  });

  it('is allowed exactly to whoever may create the same board', async () => {
    const boards = [
      { ...base(), metricKey: 'net_revenue' },
      { ...base(), populationType: 'SQUAD', populationId: org.squads.A1, metricKey: 'net_revenue' },
      { scope: 'MEMBER', teamKind: 'COURSE_SERVICE', populationType: 'SQUAD', populationId: org.squads.B1, periodKind: 'MONTH', metricKey: 'completion_rate' },
    ];
    const codeOf = (r: { errors?: { extensions?: { code?: unknown } }[] }) => (r.errors?.length ? String(r.errors[0]!.extensions?.code) : 'yes');
    const seen: string[] = [];
    for (const who of ['admin', 'manager', 'freeManager', 'leadA1', 'repA1']) {
      for (const [i, input] of boards.entries()) {
        const p = codeOf(await preview(input, tk[who]!));
        const c = codeOf(await t.gql(CREATE, { input: { ...input, name: `Access ${who} ${i}` } }, tk[who]!));
        expect(`${who} ${i}: ${p}`).toBe(`${who} ${i}: ${c}`);
        seen.push(`${who} ${i}: ${p}`);
      }
    }
    // The rows of docs/api.md: ADMIN and the legion's MANAGER yes; leads and reps FORBIDDEN; a
    // manager of legion A may not build boards of legion B.
    expect(seen).toEqual(
      expect.arrayContaining([
        'admin 0: yes',
        'manager 0: yes',
        'manager 1: yes',
        'manager 2: FORBIDDEN',
        'leadA1 0: FORBIDDEN',
        'leadA1 1: FORBIDDEN',
        'repA1 0: FORBIDDEN',
      ]),
    );
    const other = await buildOrg(t.app, 'preview-other', { timeZone: TZ });
    expectError(await preview({ ...base(), metricKey: 'net_revenue', populationId: other.legionA }, tk.manager), 'NOT_FOUND');
    const res = await t.gql(PREVIEW, { input: { ...base(), metricKey: 'net_revenue' } }, undefined);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
