import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { wilsonInterval } from '@lib/stats';
import { defaultPriceTier, PriceTier, Product, ProductKind } from '../src/commerce/entities/product.entity.js';
import { SalesOrder } from '../src/commerce/entities/order.entity.js';
import { Lead, LeadSource, LeadStage } from '../src/leads/entities/lead.entity.js';
import { AgendaItem, ObjectionLog } from '../src/sop/entities/agenda-item.entity.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';

const CONTENT = {
  changeNote: 'v1',
  steps: [
    { key: 'welcome', dayOffset: 0, localTime: '19:30', channel: 'GROUP_POST', audience: 'GROUP', title: 'Welcome', scripts: [{ text: 'Welcome!' }] },
    { key: 'dm', dayOffset: 1, localTime: '21:00', channel: 'PRIVATE_MESSAGE', audience: 'LEADS', title: 'Hello DM', scripts: [{ text: 'Hi' }] },
  ],
  objections: [
    {
      key: 'price',
      objection: 'Too expensive',
      answers: [
        { label: 'installments', text: 'Pay in 4 parts' },
        { persona: 'parent', text: 'Cheaper than a tutor' },
      ],
    },
    { key: 'think', objection: "I'll think about it", answers: [{ text: 'What exactly?' }] },
  ],
};

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);

/**
 * The hand-checkable dataset (Asia/Shanghai; logs at 10:00 UTC; window 14 days unless said):
 *   L1 (A1, parent)  price/P1 Jan 10                  converts Jan 15 → converted
 *   L2 (A1, parent)  price/P1 Jan 10 and Jan 12       converts Jan 30 → 20 / 18 days: not within 14 (within 21)
 *   L3 (A1, student) price/P2 Jan 10                  converts Jan 11 → converted
 *   L4 (A1, student) price/P2 Jan 10                  pays only an INTRO camp Jan 12 → not converted
 *   L6 (A2, parent)  price/P2 Jan 10                  converts Jan 20 → converted
 *   L7 (A2, none)    price/improvised Jan 10          converted Jan 5, before the answer → not converted
 *   L1               think/T1 Jan 20 (after its conversion) → not converted
 *   group item (A1)  price/P1 Jan 10, no lead         → a use only
 *   L4               price/P1 two days ago             → pending (window open), outside January
 */
describe('sales reports: objection answer effectiveness', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let other: FixtureOrg;
  const tok: Record<string, string> = {};
  const L: Record<string, string> = {};
  let playbookId: string;
  let priceId: string;
  let thinkId: string;
  let P1: string;
  let P2: string;
  let T1: string;

  const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => expectData(await t.gql<T>(query, variables, token));

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'rsal');
    other = await buildOrg(t.app, 'rsalx');
    const logins: Record<string, string> = {
      admin: org.admin.email,
      manager: org.manager.email,
      leadA1: org.leads.A1.email,
      rep11: org.members.A1[0].email,
      rep21: org.members.A2[0].email,
      otherAdmin: other.admin.email,
    };
    for (const [k, email] of Object.entries(logins)) tok[k] = await t.login(email, PASSWORD);
    const m = t.db.dataSource.manager;
    const lead = async (name: string, persona: string | null, squad: 'A1' | 'A2') =>
      (
        await m.insert(Lead, {
          organizationId: org.organizationId,
          name,
          source: LeadSource.AD,
          stage: LeadStage.INTRO,
          stageChangedAt: new Date(),
          persona,
          ownerId: org.members[squad][0].id,
          squadId: org.squads[squad],
        })
      ).identifiers[0]!.id as string;
    L.L1 = await lead('L1', 'parent', 'A1');
    L.L2 = await lead('L2', 'parent', 'A1');
    L.L3 = await lead('L3', 'student', 'A1');
    L.L4 = await lead('L4', 'student', 'A1');
    L.L6 = await lead('L6', 'parent', 'A2');
    L.L7 = await lead('L7', null, 'A2');

    const created = await ok<{ createPlaybook: { id: string; draft: { id: string } } }>(
      'mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id draft { id } } }',
      { input: { legionId: org.legionA, name: 'Camp', kind: 'PRE_SALES', productName: 'Analytics', content: CONTENT } },
      tok.admin,
    );
    playbookId = created.createPlaybook.id;
    const version = await ok<{ publishPlaybookVersion: { id: string; objections: { id: string; key: string; answers: { id: string }[] }[] } }>(
      'mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id objections { id key answers { id } } } }',
      { id: created.createPlaybook.draft.id },
      tok.admin,
    );
    const price = version.publishPlaybookVersion.objections.find((o) => o.key === 'price')!;
    const think = version.publishPlaybookVersion.objections.find((o) => o.key === 'think')!;
    [priceId, thinkId, P1, P2, T1] = [price.id, think.id, price.answers[0]!.id, price.answers[1]!.id, think.answers[0]!.id];
    await ok(
      'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
      {
        input: {
          name: 'Jan camp',
          startDate: '2026-01-08',
          timeZone: 'Asia/Shanghai',
          playbookVersionId: version.publishPlaybookVersion.id,
          squadIds: [org.squads.A1, org.squads.A2],
          leadIds: Object.values(L),
        },
      },
      tok.admin,
    );
    const items = await m.find(AgendaItem, { where: { organizationId: org.organizationId } });
    const itemOf = (leadId: string) => items.find((i) => i.leadId === leadId)!;
    const groupItem = items.find((i) => i.leadId === null && i.squadId === org.squads.A1)!;
    const log = (item: AgendaItem, objectionId: string, answerId: string | null, loggedAt: Date) =>
      m.insert(ObjectionLog, {
        organizationId: org.organizationId,
        agendaItemId: item.id,
        objectionId,
        answerId,
        leadId: item.leadId,
        repId: item.repId,
        loggedById: item.repId,
        loggedAt,
      });
    await log(itemOf(L.L1), priceId, P1, at('2026-01-10T10:00:00Z'));
    await log(itemOf(L.L2), priceId, P1, at('2026-01-10T10:00:00Z'));
    await log(itemOf(L.L2), priceId, P1, at('2026-01-12T10:00:00Z'));
    await log(itemOf(L.L3), priceId, P2, at('2026-01-10T10:00:00Z'));
    await log(itemOf(L.L4), priceId, P2, at('2026-01-10T10:00:00Z'));
    await log(itemOf(L.L6), priceId, P2, at('2026-01-10T10:00:00Z'));
    await log(itemOf(L.L7), priceId, null, at('2026-01-10T10:00:00Z'));
    await log(itemOf(L.L1), thinkId, T1, at('2026-01-20T10:00:00Z'));
    await log(groupItem, priceId, P1, at('2026-01-10T10:00:00Z'));
    await log(itemOf(L.L4), priceId, P1, new Date(Date.now() - 2 * DAY));

    const product = async (sku: string, kind: ProductKind) =>
      (await m.insert(Product, { organizationId: org.organizationId, sku, name: sku, kind, priceTier: defaultPriceTier(kind), listPrice: 100000 }))
        .identifiers[0]!.id as string;
    const course = await product('course', ProductKind.REGULAR);
    const camp = await product('camp', ProductKind.INTRO);
    let n = 0;
    const order = (leadId: string, productId: string, paidAt: string, isConversion: boolean) =>
      m.insert(SalesOrder, {
        organizationId: org.organizationId,
        externalId: `o${++n}`,
        leadId,
        productId,
        priceTier: productId === camp ? PriceTier.TRIAL : PriceTier.REGULAR,
        amount: 100000,
        paidAt: at(paidAt),
        isConversion,
        isRepurchase: false,
        isReferralConversion: false,
      });
    await order(L.L1, course, '2026-01-15T10:00:00Z', true);
    await order(L.L2, course, '2026-01-30T10:00:00Z', true);
    await order(L.L3, course, '2026-01-11T10:00:00Z', true);
    await order(L.L4, camp, '2026-01-12T10:00:00Z', false);
    await order(L.L6, course, '2026-01-20T10:00:00Z', true);
    await order(L.L7, course, '2026-01-05T10:00:00Z', true);
  });
  afterAll(async () => t?.close());

  const REPORT = `query($input: ObjectionEffectivenessInput!) { objectionEffectiveness(input: $input) {
    windowDays groupBy smallSampleThreshold period { startDate endDate }
    rows { playbookId playbookName objectionKey objection answerId answerLabel answerText persona uses leads pendingLeads converted rate rateLow rateHigh smallSample rank } } }`;
  type Row = {
    objectionKey: string;
    answerId: string | null;
    persona: string | null;
    uses: number;
    leads: number;
    pendingLeads: number;
    converted: number;
    rate: number | null;
    rateLow: number;
    rateHigh: number;
    smallSample: boolean;
    rank: number | null;
    answerText: string | null;
    answerLabel: string | null;
    playbookName: string;
    objection: string;
  };
  const report = (input: Record<string, unknown>, token = tok.admin) =>
    t.gql<{
      objectionEffectiveness: {
        windowDays: number;
        groupBy: string;
        smallSampleThreshold: number;
        period: { startDate: string; endDate: string };
        rows: Row[];
      };
    }>(REPORT, { input }, token);
  const JAN = { kind: 'MONTH', start: '2026-01-01' };
  const brief = (rows: Row[]) => rows.map((r) => [r.objectionKey, r.answerId, r.persona, r.uses, r.leads, r.pendingLeads, r.converted, r.rate, r.rank]);

  it('ranks the answers of each objection by conversions within 14 days, with Wilson intervals (organization)', async () => {
    const d = expectData(await report({ period: JAN })).objectionEffectiveness;
    expect([d.windowDays, d.groupBy, d.smallSampleThreshold, d.period]).toEqual([14, 'ANSWER', 20, { startDate: '2026-01-01', endDate: '2026-02-01' }]);
    expect(brief(d.rows)).toEqual([
      ['price', P2, null, 3, 3, 0, 2, 2 / 3, 1],
      ['price', P1, null, 4, 2, 0, 1, 0.5, 2],
      ['price', null, null, 1, 1, 0, 0, 0, 3],
      ['think', T1, null, 1, 1, 0, 0, 0, 1],
    ]);
    const w23 = wilsonInterval(2, 3);
    expect(d.rows[0]!.rateLow).toBeCloseTo(w23.low, 12);
    expect(d.rows[0]!.rateHigh).toBeCloseTo(w23.high, 12);
    expect(d.rows[1]!.rateLow).toBeCloseTo(0.09453120573423074, 12);
    expect(d.rows[1]!.rateHigh).toBeCloseTo(0.9054687942657693, 12);
    expect(d.rows.every((r) => r.smallSample)).toBe(true);
    expect(d.rows[0]).toMatchObject({ playbookName: 'Camp', objection: 'Too expensive', answerText: 'Cheaper than a tutor', answerLabel: null });
    expect(d.rows[1]).toMatchObject({ answerText: 'Pay in 4 parts', answerLabel: 'installments' });
    expect(d.rows[2]!.answerText).toBeNull();
    expect(expectData(await report({ period: JAN }, tok.manager)).objectionEffectiveness.rows).toEqual(d.rows);
  });

  it('counts a lead once per answer and honours the window (21 days takes L2 in)', async () => {
    const d = expectData(await report({ period: JAN, windowDays: 21 })).objectionEffectiveness;
    expect(brief(d.rows).slice(0, 2)).toEqual([
      ['price', P1, null, 4, 2, 0, 2, 1, 1],
      ['price', P2, null, 3, 3, 0, 2, 2 / 3, 2],
    ]);
  });

  it('groups by persona', async () => {
    const d = expectData(await report({ period: JAN, groupBy: 'ANSWER_PERSONA' })).objectionEffectiveness;
    expect(brief(d.rows)).toEqual([
      ['price', P2, 'parent', 1, 1, 0, 1, 1, 1],
      ['price', P1, 'parent', 3, 2, 0, 1, 0.5, 2],
      ['price', P2, 'student', 2, 2, 0, 1, 0.5, 1],
      ['price', null, null, 1, 1, 0, 0, 0, 1],
      ['price', P1, null, 1, 0, 0, 0, null, null],
      ['think', T1, 'parent', 1, 1, 0, 0, 0, 1],
    ]);
  });

  it('keeps leads whose window is still open apart as pending', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const start = new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
    expect(today >= start).toBe(true);
    const d = expectData(await report({ period: { kind: 'CUSTOM', start, end } })).objectionEffectiveness;
    expect(brief(d.rows)).toEqual([['price', P1, null, 1, 0, 1, 0, null, null]]);
  });

  it('a LEAD sees their squads only; squad and playbook filters', async () => {
    const a1 = expectData(await report({ period: JAN }, tok.leadA1)).objectionEffectiveness;
    // P1 and P2 tie (1 of 2 each): same rank.
    const byAnswer = (r: unknown[]) => `${r[0]}|${r[1]}`;
    expect(brief(a1.rows).sort((x, y) => byAnswer(x).localeCompare(byAnswer(y)))).toEqual(
      [
        ['price', P1, null, 4, 2, 0, 1, 0.5, 1],
        ['price', P2, null, 2, 2, 0, 1, 0.5, 1],
        ['think', T1, null, 1, 1, 0, 0, 0, 1],
      ].sort((x, y) => byAnswer(x).localeCompare(byAnswer(y))),
    );
    const a2 = expectData(await report({ period: JAN, squadIds: [org.squads.A2], playbookId })).objectionEffectiveness;
    expect(brief(a2.rows)).toEqual([
      ['price', P2, null, 1, 1, 0, 1, 1, 1],
      ['price', null, null, 1, 1, 0, 0, 0, 2],
    ]);
    expectError(await report({ period: JAN, squadIds: [org.squads.A2] }, tok.leadA1), 'FORBIDDEN');
    expectError(await report({ period: JAN }, tok.rep11), 'FORBIDDEN');
    expect(expectData(await report({ period: JAN }, tok.otherAdmin)).objectionEffectiveness.rows).toEqual([]);
  });

  it('refuses bad input before running anything', async () => {
    const fields = async (input: Record<string, unknown>) => expectError(await report(input), 'BAD_USER_INPUT').extensions!.fields!.map((f) => f.field);
    expect(await fields({ period: JAN, windowDays: 0 })).toEqual(['input.windowDays']);
    expect(await fields({ period: JAN, windowDays: 91 })).toEqual(['input.windowDays']);
    expect(await fields({ period: { kind: 'CUSTOM', start: '2026-02-01', end: '2026-01-01' }, windowDays: 400 })).toEqual([
      'input.windowDays',
      'input.period.end',
    ]);
    expect(await fields({ period: { kind: 'CUSTOM', start: '2024-01-01', end: '2026-01-02' } })).toEqual(['input.period.end']);
    expect(await fields({ period: { kind: 'MONTH', start: '2026-02-30' } })).toEqual(['input.period.start']);
    expect(await fields({ period: JAN, squadIds: ['nope'] })).toEqual(['input.squadIds.0']);
    expect((await report({ period: JAN, groupBy: 'CAMPAIGN' })).errors?.length).toBe(1);
    expectError(await report({ period: JAN, playbookId: other.legionA }), 'NOT_FOUND');
    expectError(await report({ period: JAN, squadIds: [other.squads.A1] }), 'NOT_FOUND');
  });

  it('shows answerStats next to each answer, one statement for every objection of the playbook', async () => {
    const Q = `query($id: ID!) { playbook(id: $id) { publishedVersion { objections { key answers { id } answerStats { answerId uses leads pendingLeads converted rate rank smallSample } } } } }`;
    type S = { answerId: string | null; uses: number; leads: number; pendingLeads: number; converted: number; rate: number | null; rank: number | null };
    const get = async (token: string) =>
      (await ok<{ playbook: { publishedVersion: { objections: { key: string; answerStats: S[] }[] } } }>(Q, { id: playbookId }, token)).playbook
        .publishedVersion.objections;
    const stats = (os: { key: string; answerStats: S[] }[]) =>
      os.map((o) => [o.key, o.answerStats.map((s) => [s.answerId, s.uses, s.leads, s.pendingLeads, s.converted, s.rate, s.rank])]);
    expect(stats(await get(tok.admin))).toEqual([
      [
        'price',
        [
          [P1, 5, 2, 1, 1, 0.5, 2],
          [P2, 3, 3, 0, 2, 2 / 3, 1],
          [null, 1, 1, 0, 0, 0, 3],
        ],
      ],
      ['think', [[T1, 1, 1, 0, 0, 0, 1]]],
    ]);
    // A rep of A2 sees the outcomes in their squad only.
    expect(stats(await get(tok.rep21))).toEqual([
      [
        'price',
        [
          [P1, 0, 0, 0, 0, null, null],
          [P2, 1, 1, 0, 1, 1, 1],
          [null, 1, 1, 0, 0, 0, 2],
        ],
      ],
      ['think', [[T1, 0, 0, 0, 0, null, null]]],
    ]);
    const plain = `query($id: ID!) { playbook(id: $id) { publishedVersion { objections { key answers { id } } } } }`;
    const base = await t.countStatements(() => t.gql(plain, { id: playbookId }, tok.admin));
    const withStats = await t.countStatements(() => t.gql(Q, { id: playbookId }, tok.admin));
    expect(withStats - base).toBe(1);
  });

  it('shows answerStats on the agenda objections too', async () => {
    const Q = `query($from: DateTime!, $to: DateTime!) { myAgenda(from: $from, to: $to) { lead { name } objections { key answerStats(windowDays: 21) { answerId converted leads } } } }`;
    const d = await ok<{
      myAgenda: {
        lead: { name: string } | null;
        objections: { key: string; answerStats: { answerId: string | null; converted: number; leads: number }[] }[];
      }[];
    }>(Q, { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, tok.rep11);
    const dm = d.myAgenda.find((i) => i.lead?.name === 'L1')!;
    // L1 is a parent: the parent answer (P2) comes first, its stats with it.
    expect(dm.objections.find((o) => o.key === 'price')!.answerStats).toEqual([
      { answerId: P2, converted: 1, leads: 2 },
      { answerId: P1, converted: 2, leads: 2 },
    ]);
    expectError(
      await t.gql(Q.replace('windowDays: 21', 'windowDays: 0'), { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, tok.rep11),
      'BAD_USER_INPUT',
    );
  });

  describe('CSV export', () => {
    const get = (path: string, token?: string) => {
      const r = t.http().get(path);
      return token ? r.set('Authorization', `Bearer ${token}`) : r;
    };
    const lines = (text: string) => text.split('\r\n').slice(0, -1);

    it('streams the objection-effectiveness report as CSV with a BOM; semicolons on request', async () => {
      const res = await get('/export/objection-effectiveness.csv?periodKind=MONTH&periodStart=2026-01-01', tok.admin);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="objection-effectiveness-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const rows = lines(res.text.slice(1));
      expect(rows[0]).toBe(
        'period,window_days,playbook,objection_key,objection,answer_id,answer_label,answer_text,persona,uses,leads,pending_leads,converted,rate,rate_low,rate_high,small_sample,rank',
      );
      const w23 = wilsonInterval(2, 3);
      expect(rows.slice(1)).toEqual([
        `2026-01,14,Camp,price,Too expensive,${P2},,Cheaper than a tutor,,3,3,0,2,${2 / 3},${w23.low},${w23.high},true,1`,
        `2026-01,14,Camp,price,Too expensive,${P1},installments,Pay in 4 parts,,4,2,0,1,0.5,${wilsonInterval(1, 2).low},${wilsonInterval(1, 2).high},true,2`,
        `2026-01,14,Camp,price,Too expensive,,,,,1,1,0,0,0,0,${wilsonInterval(0, 1).high},true,3`,
        `2026-01,14,Camp,think,I'll think about it,${T1},,What exactly?,,1,1,0,0,0,0,${wilsonInterval(0, 1).high},true,1`,
      ]);
      const semi = await get('/export/objection-effectiveness?periodKind=MONTH&periodStart=2026-01-01&sep=semicolon&windowDays=21', tok.admin);
      expect(lines(semi.text.slice(1))[1]).toBe(
        `2026-01;21;Camp;price;Too expensive;${P1};installments;Pay in 4 parts;;4;2;0;2;1;${wilsonInterval(2, 2).low};1;true;1`,
      );
    });

    it('refuses exactly like the GraphQL read, with a coded JSON body and no file', async () => {
      const expectRefusal = async (
        res: { status: number; headers: Record<string, string>; body: { error: { code: string } } },
        status: number,
        code: string,
      ) => {
        expect(res.status).toBe(status);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body.error.code).toBe(code);
      };
      const q = '/export/objection-effectiveness?periodKind=MONTH&periodStart=2026-01-01';
      await expectRefusal(await get(`${q}&squadIds=${org.squads.A2}`, tok.leadA1), 403, 'FORBIDDEN');
      await expectRefusal(await get(q, tok.rep11), 403, 'FORBIDDEN');
      await expectRefusal(await get(q), 401, 'UNAUTHENTICATED');
      await expectRefusal(await get(`${q}&playbookId=${other.legionA}`, tok.admin), 404, 'NOT_FOUND');
      await expectRefusal(await get('/export/nope?x=1', tok.admin), 404, 'NOT_FOUND');
      // API keys have no export scope.
      const key = expectData(
        await t.gql<{ createApiKey: { secret: string } }>(
          'mutation { createApiKey(input: { name: "k", scopes: ["intake:submit"] }) { secret } }',
          {},
          tok.admin,
        ),
      ).createApiKey.secret;
      await expectRefusal(await t.http().get(q).set('X-Api-Key', key), 403, 'FORBIDDEN');
      const bad = await get(`${q}&windowDays=0&color=red&sep=tab`, tok.admin);
      await expectRefusal(bad, 400, 'BAD_USER_INPUT');
      expect((bad.body as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)).toEqual(['color', 'sep']);
      expect((await get(`${q}&windowDays=0`, tok.admin)).body.error.fields).toEqual([
        { field: 'input.windowDays', message: 'must be a whole number of days from 1 to 90' },
      ]);
      expect((await get(`${q}&windowDays=abc`, tok.admin)).body.error.fields).toEqual([{ field: 'windowDays', message: 'must be a whole number' }]);
      await expectRefusal(await get('/export/unit-economics?groupBy=CAMPAIGN&from=2026-01-01&to=2026-02-01', tok.leadA1), 403, 'FORBIDDEN');
      await expectRefusal(await get('/export/unit-economics?groupBy=PLANET&from=2026-01-01&to=2026-02-01', tok.admin), 400, 'BAD_USER_INPUT');
      await expectRefusal(await get('/export/unit-economics?groupBy=CAMPAIGN&from=2026-02-01&to=2026-01-01', tok.admin), 400, 'BAD_USER_INPUT');
    });

    it('exports metric tables (formula cells defused), leaderboards and unit economics', async () => {
      await t.db.dataSource.query(`UPDATE squad SET name = '=HYPERLINK("http://x","A2")' WHERE id = $1`, [org.squads.A2]);
      const mv = await get(
        `/export/metric-values?metricKeys=conversions,gross_revenue&entityType=SQUAD&entityIds=${org.squads.A1},${org.squads.A2}&periodKind=MONTH&periodStart=2026-01-01`,
        tok.admin,
      );
      expect(mv.status).toBe(200);
      expect(lines(mv.text.slice(1))).toEqual([
        'period,entity_id,entity_name,conversions,conversions_numerator,conversions_denominator,gross_revenue,gross_revenue_numerator,gross_revenue_denominator',
        // Sorted by name, as metricValues lists them ("=" before "A").
        `2026-01,${org.squads.A2},"'=HYPERLINK(""http://x"",""A2"")",0,0,,0,0,`,
        `2026-01,${org.squads.A1},A1,0,0,,0,0,`,
      ]);
      await t.db.dataSource.query(`UPDATE squad SET name = 'A2' WHERE id = $1`, [org.squads.A2]);
      const mvBad = await get('/export/metric-values?metricKeys=nope&entityType=SQUAD&periodKind=MONTH&periodStart=2026-01-01', tok.admin);
      expect(mvBad.status).toBe(400);

      const board = await get(
        `/export/leaderboard?scope=SQUAD&teamKind=PRE_SALES&populationId=${org.legionA}&metricKey=conversions&periodKind=MONTH&periodStart=2026-01-01`,
        tok.admin,
      );
      expect(board.status).toBe(200);
      const boardRows = lines(board.text.slice(1));
      expect(boardRows[0]).toBe(
        'board,period,status,rank,position,entity_id,entity_name,value,adjusted_value,numerator,denominator,band,percentile,previous_rank,rank_delta,bottom_streak,unranked_reason',
      );
      expect(boardRows).toHaveLength(3);
      expect(
        boardRows
          .slice(1)
          .map((r) => r.split(',')[6])
          .sort(),
      ).toEqual(['A1', 'A2']);
      const boardJson = expectData(
        await t.gql<{ leaderboard: { entries: { entity: { name: string }; value: number }[] } }>(
          `query { leaderboard(input: { scope: SQUAD, teamKind: PRE_SALES, populationId: "${org.legionA}", metricKey: "conversions", period: { kind: MONTH, start: "2026-01-01" } }) { entries { entity { name } value } } }`,
          {},
          tok.admin,
        ),
      ).leaderboard.entries;
      expect(boardRows.slice(1).map((r) => r.split(',')[6])).toEqual(boardJson.map((e) => e.entity.name));
      const boardBad = await get(`/export/leaderboard?definitionId=not-a-uuid`, tok.admin);
      expect([boardBad.status, boardBad.body.error.fields[0].field]).toEqual([400, 'input.definitionId']);

      const ue = await get('/export/unit-economics?groupBy=CHANNEL&from=2026-01-01&to=2026-02-01&ltvHorizonDays=90', tok.manager);
      expect(ue.status).toBe(200);
      expect(lines(ue.text.slice(1))[0]).toBe(
        'group,leads,paying_customers,conversion_rate,spend,cac,first_order_revenue,conversion_cost,conversion_cost_per_customer,unit_economics,ltv,ltv_to_cac,repurchase_rate,k_factor,payback_days,' +
          'converted_referrals,referral_revenue,referral_value,ltv_plus_referral_value,ltv_plus_referral_to_cac,group_key',
      );
    });
  });
});
