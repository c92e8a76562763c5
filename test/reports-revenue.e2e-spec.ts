import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';
import { createLead } from './support/leads.js';

const PLAYBOOK = {
  changeNote: 'v1',
  steps: [
    {
      key: 'welcome',
      dayOffset: 0,
      localTime: '19:30',
      windowMinutes: 60,
      channel: 'GROUP_POST',
      audience: 'GROUP',
      title: 'Welcome',
      scripts: [{ text: 'Welcome to {{cohort.name}}' }],
    },
  ],
  objections: [],
};

const FUNNEL_FIELDS = `groupKey group leads introLeads introConversionRate payingCustomers conversionRate ordersTrial ordersLow ordersRegular ordersAdvanced
  paidOrders revenue revenuePerLead averageOrderValue spend cac firstOrderRevenue conversionCost conversionCostPerCustomer unitEconomics ltv ltvToCac
  repurchaseRate kFactor paybackDays convertedReferrals referralRevenue referralValue ltvPlusReferralValue ltvPlusReferralToCac`;
const UE_FIELDS = `group groupKey leads payingCustomers spend cac conversionRate firstOrderRevenue conversionCost conversionCostPerCustomer unitEconomics ltv ltvToCac
  repurchaseRate kFactor paybackDays convertedReferrals referralRevenue referralValue ltvPlusReferralValue ltvPlusReferralToCac`;
const FUNNEL = `query($input: FunnelComparisonInput!) { funnelComparison(input: $input) { ${FUNNEL_FIELDS} } }`;

/**
 * A small hand-checkable dataset (docs/metrics.md "Funnel comparison"): a free and a paid camp
 * in March 2026 (Asia/Shanghai), a tier ladder of products, spend per cohort.
 */
describe('revenue reports', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let other: FixtureOrg;
  let admin: string;
  let otherAdmin: string;
  const products: Record<string, string> = {};
  const types: Record<string, string> = {};
  const cohorts: Record<string, string> = {};
  const L: Record<string, string> = {};
  let otherCohortType: string;
  const at = (d: string) => new Date(`${d}T10:00:00Z`);
  const ok = async <T>(query: string, variables: Record<string, unknown> = {}, token = admin) => expectData(await t.gql<T>(query, variables, token));

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'rev');
    other = await buildOrg(t.app, 'otherrev');
    admin = await t.login(org.admin.email, PASSWORD);
    otherAdmin = await t.login(other.admin.email, PASSWORD);
    for (const [sku, kind, tier, price] of [
      ['CAMP', 'INTRO', null, 990],
      ['LITE', 'REGULAR', 'LOW', 9900],
      ['COURSE', 'REGULAR', null, 49900],
      ['ADV', 'ADVANCED', null, 99900],
      ['CLUB', 'SUBSCRIPTION', null, 9900],
    ] as const) {
      const res = await ok<{ createProduct: { id: string; priceTier: string } }>(
        `mutation { createProduct(input: { sku: "${sku}", name: "${sku}", kind: ${kind}, listPrice: ${price}${tier ? `, priceTier: ${tier}` : ''} }) { id priceTier } }`,
      );
      products[sku] = res.createProduct.id;
    }
    for (const [key, name] of [
      ['free_camp', 'Free camp'],
      ['paid_camp', 'Paid camp'],
    ]) {
      types[key] = (
        await ok<{ createCohortType: { id: string } }>(`mutation { createCohortType(input: { key: "${key}", name: "${name}" }) { id } }`)
      ).createCohortType.id;
    }
    otherCohortType = (
      await ok<{ createCohortType: { id: string } }>(`mutation { createCohortType(input: { key: "free_camp", name: "Theirs" }) { id } }`, {}, otherAdmin)
    ).createCohortType.id;
  });
  afterAll(async () => t?.close());

  describe('distribution models', () => {
    it('gives products a price tier (default from the kind) and orders the tier at payment time', async () => {
      const res = await ok<{ products: { sku: string; priceTier: string }[] }>('{ products { sku priceTier } }');
      expect(Object.fromEntries(res.products.map((p) => [p.sku, p.priceTier]))).toEqual({
        CAMP: 'TRIAL',
        LITE: 'LOW',
        COURSE: 'REGULAR',
        ADV: 'ADVANCED',
        CLUB: 'REGULAR',
      });
    });

    it('manages cohort types: unique keys, validation, other organizations', async () => {
      expectError(await t.gql('mutation { createCohortType(input: { key: "free_camp", name: "Again" }) { id } }', {}, admin), 'CONFLICT');
      const bad = expectError(await t.gql('mutation { createCohortType(input: { key: "Free Camp", name: " " }) { id } }', {}, admin), 'BAD_USER_INPUT');
      expect(bad.extensions!.fields!.map((f) => f.field).sort()).toEqual(['input.key', 'input.name']);
      const rep = await t.login(org.members.A1[0].email, PASSWORD);
      expectError(await t.gql('mutation { createCohortType(input: { key: "trial_class", name: "Trial" }) { id } }', {}, rep), 'FORBIDDEN');
      expectError(await t.gql('mutation($id: ID!) { updateCohortType(id: $id, input: { name: "x" }) { id } }', { id: otherCohortType }, admin), 'NOT_FOUND');
      const renamed = await ok<{ updateCohortType: { key: string; name: string } }>(
        'mutation($id: ID!) { updateCohortType(id: $id, input: { name: "Free camp (4 days)" }) { key name } }',
        { id: types.free_camp },
      );
      expect(renamed.updateCohortType).toEqual({ key: 'free_camp', name: 'Free camp (4 days)' });
      await ok('mutation($id: ID!) { updateCohortType(id: $id, input: { name: "Free camp" }) { id } }', { id: types.free_camp });
      const list = await ok<{ cohortTypes: { key: string }[] }>('{ cohortTypes { key } }', {}, rep);
      expect(list.cohortTypes.map((c) => c.key)).toEqual(['free_camp', 'paid_camp']);
    });

    it('types cohorts on create and update, refusing types of another organization', async () => {
      const pb = await ok<{ createPlaybook: { draft: { id: string } } }>(
        'mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { draft { id } } }',
        { input: { legionId: org.legionA, name: 'Camp', kind: 'PRE_SALES', content: PLAYBOOK } },
      );
      const versionId = pb.createPlaybook.draft.id;
      await ok('mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id } }', { id: versionId });
      const rep = org.members.A1[0].id;
      const lead = (name: string, extra: Record<string, unknown> = {}) =>
        createLead(t.app, org.organizationId, { name, ownerId: rep, squadId: org.squads.A1, at: new Date('2026-03-01T02:00:00Z'), ...extra });
      for (const n of ['F1', 'F2', 'F3']) L[n] = await lead(n, { cohortRef: 'free-march' });
      for (const n of ['P1', 'P2', 'P3', 'F4']) L[n] = await lead(n, { cohortRef: 'paid-march' });
      L.N1 = await lead('N1');
      await t.db.dataSource.query(`UPDATE lead SET stage = 'PROSPECT' WHERE id = $1`, [L.N1]);
      const create = (name: string, startDate: string, leadIds: string[], cohortTypeId: string | null) =>
        t.gql<{ createCohort: { id: string; cohortType: { key: string } | null } }>(
          'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id cohortType { key } } }',
          { input: { name, startDate, timeZone: 'Asia/Shanghai', playbookVersionId: versionId, squadIds: [org.squads.A1], leadIds, cohortTypeId } },
          admin,
        );
      const wrong = expectError(await create('Wrong', '2026-03-01', [], otherCohortType), 'BAD_USER_INPUT');
      expect(wrong.extensions!.fields!.map((f) => f.field)).toEqual(['cohortTypeId']);
      const free = expectData(await create('Free March', '2026-03-01', [L.F1, L.F2, L.F3, L.F4], null));
      expect(free.createCohort.cohortType).toBeNull();
      cohorts.free = free.createCohort.id;
      cohorts.paid = expectData(await create('Paid March', '2026-03-02', [L.P1, L.P2, L.P3, L.F4], types.paid_camp)).createCohort.id;
      const upd = (id: string, cohortTypeId: string | null, token = admin) =>
        t.gql<{ updateCohort: { cohortType: { key: string } | null } }>(
          'mutation($id: ID!, $t: ID) { updateCohort(id: $id, input: { cohortTypeId: $t }) { cohortType { key } } }',
          { id, t: cohortTypeId },
          token,
        );
      expectError(await upd(cohorts.free, otherCohortType), 'BAD_USER_INPUT');
      expectError(await upd(cohorts.free, types.free_camp, otherAdmin), 'NOT_FOUND');
      expectError(await upd(cohorts.free, types.free_camp, await t.login(org.leads.A2.email, PASSWORD)), 'FORBIDDEN');
      expect(expectData(await upd(cohorts.free, types.free_camp)).updateCohort.cohortType).toEqual({ key: 'free_camp' });
      expectError(await t.gql('mutation($id: ID!) { deleteCohortType(id: $id) }', { id: types.free_camp }, admin), 'CONFLICT');
    });

    it('records the dataset', async () => {
      const rec = async (externalId: string, lead: string, sku: string, amount: number, day: string) =>
        (
          await ok<{ recordOrder: { order: { priceTier: string; id: string } } }>(
            'mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { id priceTier } } }',
            { input: { externalId, leadId: L[lead], productSku: sku, amount, paidAt: at(day).toISOString() } },
          )
        ).recordOrder.order;
      expect((await rec('f1', 'F1', 'COURSE', 49900, '2026-03-10')).priceTier).toBe('REGULAR');
      expect((await rec('p1a', 'P1', 'CAMP', 990, '2026-03-03')).priceTier).toBe('TRIAL');
      await rec('p1b', 'P1', 'COURSE', 49900, '2026-03-08');
      await rec('p1c', 'P1', 'CLUB', 9900, '2026-03-20');
      await rec('p2a', 'P2', 'CAMP', 990, '2026-03-03');
      await rec('p2b', 'P2', 'ADV', 99900, '2026-03-09');
      await rec('p3a', 'P3', 'CAMP', 990, '2026-03-03');
      expect((await rec('f4', 'F4', 'LITE', 9900, '2026-03-05')).priceTier).toBe('LOW');
      // Re-tiering a product later rewrites no recorded order.
      await ok('mutation($id: ID!) { updateProduct(id: $id, input: { priceTier: REGULAR }) { id } }', { id: products.LITE });
      await ok('mutation($id: ID!) { updateProduct(id: $id, input: { priceTier: LOW }) { id } }', { id: products.LITE });
      await ok('mutation($input: RecordRefundInput!) { recordRefund(input: $input) { duplicate } }', {
        input: { externalId: 'p2b-r', orderExternalId: 'p2b', amount: 9900, refundedAt: at('2026-03-12').toISOString(), reason: 'partial' },
      });
      // A referral of P1, created after the range, converts.
      L.R1 = await createLead(t.app, org.organizationId, {
        name: 'R1',
        ownerId: org.members.A1[0].id,
        squadId: org.squads.A1,
        at: at('2026-04-05'),
        referredByLeadId: L.P1,
      });
      await rec('r1', 'R1', 'COURSE', 49900, '2026-04-06');
      const spend = (amount: number, cohortId: string | null, cohortRef: string | null, token = admin) =>
        t.gql(
          'mutation($input: RecordAcquisitionSpendInput!) { recordAcquisitionSpend(input: $input) { id cohortId } }',
          { input: { day: '2026-03-01', channel: 'AD', amount, cohortId, cohortRef } },
          token,
        );
      expectError(await spend(1, cohorts.free, null, otherAdmin), 'NOT_FOUND');
      expectData(await spend(60000, cohorts.free, 'free-march'));
      expectData(await spend(90000, cohorts.paid, 'paid-march'));
      expectData(await spend(30000, null, null));
      await ok(`mutation($s: ID!) { recordConversionCost(input: { day: "2026-03-15", squadId: $s, category: "commission", amount: 40000 }) { id } }`, {
        s: org.squads.A1,
      });
    });

    const free = {
      leads: 3,
      introLeads: 3,
      introConversionRate: 1 / 3,
      payingCustomers: 1,
      conversionRate: 1 / 3,
      ordersTrial: 0,
      ordersLow: 0,
      ordersRegular: 1,
      ordersAdvanced: 0,
      paidOrders: 1,
      revenue: 49900,
      revenuePerLead: 16633,
      averageOrderValue: 49900,
      spend: 60000,
      cac: 60000,
      firstOrderRevenue: 49900,
      conversionCost: 10000,
      conversionCostPerCustomer: 10000,
      unitEconomics: -20100,
      ltv: 49900,
      ltvToCac: 49900 / 60000,
      repurchaseRate: 0,
      kFactor: 0,
      paybackDays: null,
      convertedReferrals: 0,
      referralRevenue: 0,
      referralValue: 0,
      ltvPlusReferralValue: 49900,
      ltvPlusReferralToCac: 49900 / 60000,
    };
    const paid = {
      leads: 4,
      introLeads: 4,
      introConversionRate: 0.75,
      payingCustomers: 3,
      conversionRate: 0.75,
      ordersTrial: 3,
      ordersLow: 1,
      ordersRegular: 2,
      ordersAdvanced: 1,
      paidOrders: 7,
      revenue: 162670,
      revenuePerLead: 40668,
      averageOrderValue: 24653,
      spend: 90000,
      cac: 30000,
      firstOrderRevenue: 149800,
      conversionCost: 30000,
      conversionCostPerCustomer: 10000,
      unitEconomics: 9933,
      ltv: 53233,
      ltvToCac: 159700 / 3 / 30000,
      repurchaseRate: 1 / 3,
      kFactor: 1 / 3,
      paybackDays: 0,
      // R1, referred by P1, converts on 2026-04-06 with the 499.00 course.
      convertedReferrals: 1,
      referralRevenue: 49900,
      referralValue: 16633,
      ltvPlusReferralValue: 69867,
      ltvPlusReferralToCac: (159700 / 3 + 49900 / 3) / 30000,
    };
    const none = {
      groupKey: null,
      group: '(none)',
      leads: 1,
      introLeads: 0,
      introConversionRate: null,
      payingCustomers: 0,
      conversionRate: 0,
      ordersTrial: 0,
      ordersLow: 0,
      ordersRegular: 0,
      ordersAdvanced: 0,
      paidOrders: 0,
      revenue: 0,
      revenuePerLead: 0,
      averageOrderValue: null,
      spend: 30000,
      cac: null,
      firstOrderRevenue: 0,
      conversionCost: 0,
      conversionCostPerCustomer: 10000,
      unitEconomics: null,
      ltv: null,
      ltvToCac: null,
      repurchaseRate: null,
      kFactor: null,
      paybackDays: null,
      convertedReferrals: 0,
      referralRevenue: 0,
      referralValue: null,
      ltvPlusReferralValue: null,
      ltvPlusReferralToCac: null,
    };
    const march = { from: '2026-03-01', to: '2026-04-01', ltvHorizonDays: 90 };

    it('compares cohorts and cohort types (the latest cohort of a lead wins)', async () => {
      const byCohort = await ok<{ funnelComparison: Record<string, unknown>[] }>(FUNNEL, { input: { ...march, groupBy: 'COHORT' } });
      expect(byCohort.funnelComparison).toEqual([
        { groupKey: cohorts.free, group: 'Free March', ...free },
        { groupKey: cohorts.paid, group: 'Paid March', ...paid },
        none,
      ]);
      const byType = await ok<{ funnelComparison: Record<string, unknown>[] }>(FUNNEL, { input: { ...march, groupBy: 'COHORT_TYPE' } });
      expect(byType.funnelComparison).toEqual([
        { groupKey: 'free_camp', group: 'Free camp', ...free },
        { groupKey: 'paid_camp', group: 'Paid camp', ...paid },
        none,
      ]);
      const only = await ok<{ funnelComparison: { group: string }[] }>(FUNNEL, { input: { ...march, groupBy: 'COHORT', cohortIds: [cohorts.paid] } });
      expect(only.funnelComparison.map((r) => r.group)).toEqual(['Paid March']);
    });

    it('compares entry price tiers and products, spend shared per lead', async () => {
      const res = await ok<{ funnelComparison: Record<string, unknown>[] }>(FUNNEL, { input: { ...march, groupBy: 'PRICE_TIER' } });
      expect(res.funnelComparison).toEqual([
        {
          groupKey: 'TRIAL',
          group: 'TRIAL',
          leads: 3,
          introLeads: 3,
          introConversionRate: 2 / 3,
          payingCustomers: 2,
          conversionRate: 2 / 3,
          ordersTrial: 3,
          ordersLow: 0,
          ordersRegular: 2,
          ordersAdvanced: 1,
          paidOrders: 6,
          revenue: 152770,
          revenuePerLead: 50923,
          averageOrderValue: 27112,
          spend: 67500,
          cac: 33750,
          firstOrderRevenue: 139900,
          conversionCost: 20000,
          conversionCostPerCustomer: 10000,
          unitEconomics: 26200,
          ltv: 74900,
          ltvToCac: 74900 / 33750,
          repurchaseRate: 0.5,
          kFactor: 0.5,
          paybackDays: 0,
          convertedReferrals: 1,
          referralRevenue: 49900,
          referralValue: 24950,
          ltvPlusReferralValue: 99850,
          ltvPlusReferralToCac: (149800 / 2 + 49900 / 2) / 33750,
        },
        {
          groupKey: 'LOW',
          group: 'LOW',
          leads: 1,
          introLeads: 1,
          introConversionRate: 1,
          payingCustomers: 1,
          conversionRate: 1,
          ordersTrial: 0,
          ordersLow: 1,
          ordersRegular: 0,
          ordersAdvanced: 0,
          paidOrders: 1,
          revenue: 9900,
          revenuePerLead: 9900,
          averageOrderValue: 9900,
          spend: 22500,
          cac: 22500,
          firstOrderRevenue: 9900,
          conversionCost: 10000,
          conversionCostPerCustomer: 10000,
          unitEconomics: -22600,
          ltv: 9900,
          ltvToCac: 0.44,
          repurchaseRate: 0,
          kFactor: 0,
          paybackDays: null,
          convertedReferrals: 0,
          referralRevenue: 0,
          referralValue: 0,
          ltvPlusReferralValue: 9900,
          ltvPlusReferralToCac: 0.44,
        },
        {
          groupKey: 'REGULAR',
          group: 'REGULAR',
          leads: 1,
          introLeads: 1,
          introConversionRate: 1,
          payingCustomers: 1,
          conversionRate: 1,
          ordersTrial: 0,
          ordersLow: 0,
          ordersRegular: 1,
          ordersAdvanced: 0,
          paidOrders: 1,
          revenue: 49900,
          revenuePerLead: 49900,
          averageOrderValue: 49900,
          spend: 22500,
          cac: 22500,
          firstOrderRevenue: 49900,
          conversionCost: 10000,
          conversionCostPerCustomer: 10000,
          unitEconomics: 17400,
          ltv: 49900,
          ltvToCac: 49900 / 22500,
          repurchaseRate: 0,
          kFactor: 0,
          paybackDays: 0,
          convertedReferrals: 0,
          referralRevenue: 0,
          referralValue: 0,
          ltvPlusReferralValue: 49900,
          ltvPlusReferralToCac: 49900 / 22500,
        },
        { ...none, leads: 3, introLeads: 2, introConversionRate: 0, spend: 67500 },
      ]);
      const byProduct = await ok<{ funnelComparison: { groupKey: string | null; group: string; leads: number; spend: number }[] }>(FUNNEL, {
        input: { ...march, groupBy: 'PRODUCT' },
      });
      expect(byProduct.funnelComparison.map((r) => [r.groupKey, r.group, r.leads, r.spend])).toEqual([
        [products.CAMP, 'CAMP', 3, 67500],
        [products.COURSE, 'COURSE', 1, 22500],
        [products.LITE, 'LITE', 1, 22500],
        [null, '(none)', 3, 67500],
      ]);
    });

    it('agrees with unitEconomics: by tag (same formulas) and by SOP cohort (same rows)', async () => {
      const ue = (groupBy: string) =>
        ok<{ unitEconomics: Record<string, unknown>[] }>(`query($input: UnitEconomicsInput!) { unitEconomics(input: $input) { ${UE_FIELDS} } }`, {
          input: { ...march, groupBy },
        });
      const ueKeys = Object.keys((await ue('COHORT')).unitEconomics[0]).filter((k) => k !== 'group' && k !== 'groupKey');
      const pick = (r: Record<string, unknown>) => Object.fromEntries(ueKeys.map((k) => [k, r[k]]));
      const byTag = (await ue('COHORT')).unitEconomics;
      expect(byTag.map((r) => r.group)).toEqual(['(none)', 'free-march', 'paid-march']);
      expect(byTag.map(pick)).toEqual([pick(none), pick(free), pick(paid)]);
      const bySop = (await ue('SOP_COHORT')).unitEconomics;
      expect(bySop.map((r) => [r.group, r.groupKey])).toEqual([
        ['Free March', cohorts.free],
        ['Paid March', cohorts.paid],
        ['(none)', null],
      ]);
      expect(bySop.map(pick)).toEqual([pick(free), pick(paid), pick(none)]);
      expect((await ue('SOP_COHORT_TYPE')).unitEconomics.map((r) => r.groupKey)).toEqual(['free_camp', 'paid_camp', null]);
    });

    it('lists referral value per customer, within what the caller may see', async () => {
      const REFERRALS = `query($input: ReferralValueInput!) { referralValue(input: $input) {
          customers convertedReferrals referralRevenue kFactor referralValue rows { leadId name ltv convertedReferrals referralRevenue ltvPlusReferralValue } } }`;
      const read = async (token: string, extra: Record<string, unknown> = {}) =>
        (await ok<{ referralValue: { rows: Record<string, unknown>[] } & Record<string, unknown> }>(REFERRALS, { input: { ...march, ...extra } }, token))
          .referralValue;
      const all = await read(admin);
      expect({ ...all, rows: all.rows.slice(0, 1) }).toEqual({
        customers: 4,
        convertedReferrals: 1,
        referralRevenue: 49900,
        kFactor: 0.25,
        referralValue: 12475,
        rows: [{ leadId: L.P1, name: 'P1', ltv: 59800, convertedReferrals: 1, referralRevenue: 49900, ltvPlusReferralValue: 109700 }],
      });
      // The others have no referral revenue (listed after P1 by id): compared by name here.
      expect(
        all.rows
          .slice(1)
          .map((r) => [r.name, r.ltv, r.convertedReferrals])
          .sort(),
      ).toEqual([
        ['F1', 49900, 0],
        ['F4', 9900, 0],
        ['P2', 90000, 0],
      ]);
      const paidOnly = await read(admin, { cohortId: cohorts.paid, first: 1 });
      expect([paidOnly.customers, paidOnly.rows.length, paidOnly.referralRevenue]).toEqual([3, 1, 49900]);
      // The squad's lead and the owning rep see them; another squad's lead and rep see none.
      expect((await read(await t.login(org.leads.A1.email, PASSWORD))).customers).toBe(4);
      expect((await read(await t.login(org.members.A1[0].email, PASSWORD))).customers).toBe(4);
      expect((await read(await t.login(org.leads.A2.email, PASSWORD))).customers).toBe(0);
      const nobody = await read(await t.login(org.members.A2[0].email, PASSWORD));
      expect(nobody).toEqual({ customers: 0, convertedReferrals: 0, referralRevenue: 0, kFactor: null, referralValue: null, rows: [] });
      // The curator of the students sees them (paid courses enroll them with the course-service squad's curator).
      expect((await read(await t.login(org.members.B1[0].email, PASSWORD))).customers).toBe(4);
      expectError(await t.gql(REFERRALS, { input: { ...march, cohortId: cohorts.paid } }, otherAdmin), 'NOT_FOUND');
      expectError(await t.gql(REFERRALS, { input: { ...march, first: 0 } }, admin), 'BAD_USER_INPUT');
      expectError(await t.gql(REFERRALS, { input: { from: '2026-03-01', to: '2026-03-01' } }, admin), 'BAD_USER_INPUT');
      const few = await t.countStatements(() => read(admin, { first: 1 }));
      const many = await t.countStatements(() => read(admin, { first: 500 }));
      expect(many).toBe(few);
    });

    const COHORT_REVENUE = `query($input: CohortRevenueInput!) { cohortRevenue(input: $input) {
        groupKey group cohortMonth customers firstOrderRevenue spend cac conversionCostPerCustomer unitEconomics
        curve { monthsSince firstOrderRevenue repurchaseRevenue referralRevenue cumulativeRevenue cumulativeRepurchaseRevenue cumulativeReferralRevenue
                revenuePerCustomer repurchasePerCustomer referralPerCustomer totalPerCustomer } } }`;
    type Point = Record<string, number | null>;
    const point = (
      k: number,
      cum: [number, number, number],
      per: [number, number, number, number] | null,
      month: [number, number, number] = [0, 0, 0],
    ): Point => ({
      monthsSince: k,
      firstOrderRevenue: month[0],
      repurchaseRevenue: month[1],
      referralRevenue: month[2],
      cumulativeRevenue: cum[0],
      cumulativeRepurchaseRevenue: cum[1],
      cumulativeReferralRevenue: cum[2],
      revenuePerCustomer: per?.[0] ?? null,
      repurchasePerCustomer: per?.[1] ?? null,
      referralPerCustomer: per?.[2] ?? null,
      totalPerCustomer: per?.[3] ?? null,
    });

    it('draws cohort revenue curves by acquisition month, referral revenue apart, with monthly UE', async () => {
      const res = await ok<{ cohortRevenue: Record<string, unknown>[] }>(COHORT_REVENUE, {
        input: { groupBy: 'ALL', acquiredFrom: '2026-03-01', acquiredTo: '2026-05-01', months: 3 },
      });
      // March: F1, P1, P2, F4 convert (first orders 499 + 499 + (999 − 99) + 99 = 1,997.00); P1's club (99.00) the same month;
      // P1's trial before converting is not counted. R1 (referred by P1) pays 499.00 in April: month 1 of March, and April's customer.
      expect(res.cohortRevenue).toEqual([
        {
          groupKey: null,
          group: 'All',
          cohortMonth: '2026-03',
          customers: 4,
          firstOrderRevenue: 199700,
          spend: 180000,
          cac: 45000,
          conversionCostPerCustomer: 10000,
          unitEconomics: 199700 / 4 - 45000 - 10000,
          curve: [
            point(0, [209600, 9900, 0], [52400, 2475, 0, 52400], [199700, 9900, 0]),
            point(1, [209600, 9900, 49900], [52400, 2475, 12475, 64875], [0, 0, 49900]),
            point(2, [209600, 9900, 49900], [52400, 2475, 12475, 64875]),
          ],
        },
        {
          groupKey: null,
          group: 'All',
          cohortMonth: '2026-04',
          customers: 1,
          firstOrderRevenue: 49900,
          spend: 0,
          cac: 0,
          conversionCostPerCustomer: 0,
          unitEconomics: 49900,
          curve: [0, 1, 2].map((k) => point(k, [49900, 0, 0], [49900, 0, 0, 49900], k === 0 ? [49900, 0, 0] : [0, 0, 0])),
        },
      ]);
    });

    it('splits the curves by cohort type, with the funnel’s unit economics, and keeps empty cohorts', async () => {
      const res = await ok<{ cohortRevenue: Record<string, unknown>[] }>(COHORT_REVENUE, {
        input: { groupBy: 'COHORT_TYPE', acquiredFrom: '2026-03-01', acquiredTo: '2026-04-01', months: 2 },
      });
      expect(res.cohortRevenue).toEqual([
        {
          groupKey: 'free_camp',
          group: 'Free camp',
          cohortMonth: '2026-03',
          customers: 1,
          firstOrderRevenue: 49900,
          spend: 60000,
          cac: 60000,
          conversionCostPerCustomer: 10000,
          unitEconomics: -20100,
          curve: [point(0, [49900, 0, 0], [49900, 0, 0, 49900], [49900, 0, 0]), point(1, [49900, 0, 0], [49900, 0, 0, 49900])],
        },
        {
          groupKey: 'paid_camp',
          group: 'Paid camp',
          cohortMonth: '2026-03',
          customers: 3,
          firstOrderRevenue: 149800,
          spend: 90000,
          cac: 30000,
          conversionCostPerCustomer: 10000,
          unitEconomics: 9933,
          curve: [
            point(0, [159700, 9900, 0], [53233, 3300, 0, 53233], [149800, 9900, 0]),
            point(1, [159700, 9900, 49900], [53233, 3300, 16633, 69867], [0, 0, 49900]),
          ],
        },
        {
          groupKey: null,
          group: '(none)',
          cohortMonth: '2026-03',
          customers: 0,
          firstOrderRevenue: 0,
          spend: 30000,
          cac: null,
          conversionCostPerCustomer: 10000,
          unitEconomics: null,
          curve: [point(0, [0, 0, 0], null), point(1, [0, 0, 0], null)],
        },
      ]);
      // An acquisition month with nobody: a row of zeros; months not reached yet are left out.
      const empty = await ok<{ cohortRevenue: { cohortMonth: string; customers: number; curve: unknown[] }[] }>(COHORT_REVENUE, {
        input: { acquiredFrom: '2025-01-01', acquiredTo: '2025-02-01', months: 2 },
      });
      expect(empty.cohortRevenue).toEqual([expect.objectContaining({ cohortMonth: '2025-01', customers: 0, spend: 0, cac: null, unitEconomics: null })]);
      expect(empty.cohortRevenue[0].curve).toHaveLength(2);
      const future = new Date(Date.now() + 40 * 86400_000).toISOString().slice(0, 10);
      const recent = await ok<{ cohortRevenue: { curve: unknown[] }[] }>(COHORT_REVENUE, {
        input: { acquiredFrom: future, acquiredTo: new Date(Date.now() + 41 * 86400_000).toISOString().slice(0, 10), months: 3 },
      });
      expect(recent.cohortRevenue.every((r) => r.curve.length === 0)).toBe(true);
    });

    it('checks cohortRevenue input and runs one statement whatever the rows', async () => {
      const bad = (input: Record<string, unknown>, token = admin) => t.gql(COHORT_REVENUE, { input }, token);
      const e1 = expectError(await bad({ acquiredFrom: '2026-03-01', acquiredTo: '2026-02-01', months: 0 }), 'BAD_USER_INPUT');
      expect(e1.extensions!.fields!.map((f) => f.field)).toEqual(['input.months']);
      expectError(await bad({ acquiredFrom: '2026-03-01', acquiredTo: '2026-02-01' }), 'BAD_USER_INPUT');
      expectError(await bad({ acquiredFrom: '2023-03-01', acquiredTo: '2026-02-01' }), 'BAD_USER_INPUT');
      expectError(await bad({ groupBy: 'PRODUCT', acquiredFrom: '2026-03-01', acquiredTo: '2026-04-01' }), 'BAD_USER_INPUT');
      expectError(await bad({ acquiredFrom: '2026-03-01', acquiredTo: '2026-04-01' }, await t.login(org.leads.A1.email, PASSWORD)), 'FORBIDDEN');
      const one = await t.countStatements(() => ok(COHORT_REVENUE, { input: { acquiredFrom: '2026-03-01', acquiredTo: '2026-04-01', months: 1 } }));
      const many = await t.countStatements(() =>
        ok(COHORT_REVENUE, { input: { groupBy: 'PRICE_TIER', acquiredFrom: '2025-03-01', acquiredTo: '2027-01-01', months: 36 } }),
      );
      expect(many).toBe(one);
    });

    it('runs one statement whatever the number of rows', async () => {
      const count = (groupBy: string) => t.countStatements(() => ok(FUNNEL, { input: { ...march, groupBy } }));
      const cohortRows = await count('COHORT'); // 3 rows
      const tierRows = await count('PRICE_TIER'); // 4 rows
      expect(tierRows).toBe(cohortRows);
      const empty = await t.countStatements(() => ok(FUNNEL, { input: { from: '2025-01-01', to: '2025-02-01', groupBy: 'COHORT' } }));
      expect(empty).toBe(cohortRows);
    });

    it('refuses bad input before running anything, and callers other than ADMIN / MANAGER', async () => {
      const err = (input: Record<string, unknown>, token = admin) => t.gql(FUNNEL, { input }, token);
      const inverted = expectError(await err({ groupBy: 'COHORT', from: '2026-04-01', to: '2026-03-01' }), 'BAD_USER_INPUT');
      expect(inverted.extensions!.fields!.map((f) => f.field)).toEqual(['input.to']);
      const long = expectError(await err({ groupBy: 'COHORT', from: '2024-01-01', to: '2026-03-01' }), 'BAD_USER_INPUT');
      expect(long.message + JSON.stringify(long.extensions)).toMatch(/at most 731/);
      expectError(await err({ groupBy: 'COHORT', from: '2026-02-30', to: '2026-03-01' }), 'BAD_USER_INPUT');
      expectError(await err({ groupBy: 'CHANNEL', from: '2026-03-01', to: '2026-04-01' }), 'BAD_USER_INPUT');
      expectError(await err({ ...march, groupBy: 'PRICE_TIER', cohortIds: [cohorts.paid] }), 'BAD_USER_INPUT');
      expectError(await err({ ...march, groupBy: 'COHORT', cohortIds: [cohorts.paid] }, otherAdmin), 'NOT_FOUND');
      const statements = await t.countStatements(() => err({ groupBy: 'COHORT', from: '2026-04-01', to: '2026-03-01' }));
      expect(statements).toBeLessThanOrEqual(2); // the session and the organization: the report never ran
      expectError(await err({ ...march, groupBy: 'COHORT' }, await t.login(org.leads.A1.email, PASSWORD)), 'FORBIDDEN');
      expectError(await err({ ...march, groupBy: 'COHORT' }, await t.login(org.members.A1[0].email, PASSWORD)), 'FORBIDDEN');
      // A manager reads the organization's funnel.
      expect(
        (await ok<{ funnelComparison: unknown[] }>(FUNNEL, { input: { ...march, groupBy: 'COHORT' } }, await t.login(org.manager.email, PASSWORD)))
          .funnelComparison,
      ).toHaveLength(3);
    });

    it('exports the funnel table as CSV with the same rows and the same refusals', async () => {
      const get = (path: string, token: string) => t.http().get(path).set('Authorization', `Bearer ${token}`);
      const res = await get('/export/funnel-comparison.csv?groupBy=COHORT_TYPE&from=2026-03-01&to=2026-04-01&ltvHorizonDays=90', admin);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.text.charCodeAt(0)).toBe(0xfeff);
      const [header, ...rows] = res.text.slice(1).split('\r\n').slice(0, -1);
      expect(header.split(',').slice(0, 6)).toEqual(['group', 'group_key', 'leads', 'intro_leads', 'intro_conversion_rate', 'paying_customers']);
      expect(header.split(',')).toHaveLength(31);
      const gql = await ok<{ funnelComparison: { group: string; groupKey: string | null; leads: number; revenue: number }[] }>(FUNNEL, {
        input: { ...march, groupBy: 'COHORT_TYPE' },
      });
      const cols = header.split(',');
      const csv = rows.map((line) => Object.fromEntries(line.split(',').map((v, i) => [cols[i], v])));
      expect(csv.map((r) => [r.group, r.group_key, Number(r.leads), Number(r.revenue)])).toEqual(
        gql.funnelComparison.map((r) => [r.group, r.groupKey ?? '', r.leads, r.revenue]),
      );
      const semi = await get('/export/funnel-comparison.csv?groupBy=COHORT_TYPE&from=2026-03-01&to=2026-04-01&ltvHorizonDays=90&sep=semicolon', admin);
      expect(semi.text.slice(1).split('\r\n')[0]).toBe(cols.join(';'));
      const lead = await get('/export/funnel-comparison.csv?groupBy=COHORT&from=2026-03-01&to=2026-04-01', await t.login(org.leads.A1.email, PASSWORD));
      expect([lead.status, lead.body.error.code]).toEqual([403, 'FORBIDDEN']);
      const inverted = await get('/export/funnel-comparison.csv?groupBy=COHORT&from=2026-04-01&to=2026-03-01', admin);
      expect([inverted.status, inverted.body.error.code]).toEqual([400, 'BAD_USER_INPUT']);
      const foreign = await get(`/export/funnel-comparison.csv?groupBy=COHORT&from=2026-03-01&to=2026-04-01&cohortIds=${cohorts.paid}`, otherAdmin);
      expect([foreign.status, foreign.body.error.code]).toEqual([404, 'NOT_FOUND']);
    });
  });
  describe('course quality', () => {
    const QUALITY = `query($input: CourseQualityInput!) { courseQuality(input: $input) {
        groupKey group enrollments endedEnrollments completedByEnd completionRate sessionsReported sessionsAttended attendanceRate
        npsAnswers nps csatAnswers csatCourse csatService refunded refundRate repurchased repurchaseRate } }`;
    const ATTEND = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { enrollmentId sessionKey attended duplicate } }`;
    let lms: string;
    let classId: string;
    const enrollmentOf = async (lead: string) => (await t.db.dataSource.query('SELECT id FROM enrollment WHERE lead_id = $1', [L[lead]]))[0].id as string;

    it('records progress, attendance (idempotent, newest report wins) and feedback for the students', async () => {
      lms = (await ok<{ createApiKey: { secret: string } }>('mutation { createApiKey(input: { name: "LMS", scopes: ["lms:write"] }) { secret } }')).createApiKey
        .secret;
      // A course-service class with F1 and P1.
      const pb = await ok<{ createPlaybook: { draft: { id: string } } }>(
        'mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { draft { id } } }',
        { input: { legionId: org.legionB, name: 'Onboarding', kind: 'COURSE_SERVICE', content: PLAYBOOK } },
      );
      await ok('mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id } }', { id: pb.createPlaybook.draft.id });
      classId = (
        await ok<{ createCohort: { id: string } }>('mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }', {
          input: {
            name: 'Class A',
            startDate: '2026-03-10',
            timeZone: 'Asia/Shanghai',
            playbookVersionId: pb.createPlaybook.draft.id,
            squadIds: [org.squads.B1],
          },
        })
      ).createCohort.id;
      await t.db.dataSource.query('UPDATE enrollment SET class_cohort_id = $1 WHERE lead_id = ANY($2::uuid[])', [classId, [L.F1, L.P1]]);
      await ok('mutation($id: ID!) { updateProduct(id: $id, input: { completionThresholdPct: 80 }) { completionThresholdPct } }', { id: products.COURSE });
      expectError(
        await t.gql('mutation($id: ID!) { updateProduct(id: $id, input: { completionThresholdPct: 0 }) { id } }', { id: products.COURSE }, admin),
        'BAD_USER_INPUT',
      );
      const progress = async (lead: string, eventId: string, done: number, day: string) =>
        expectData(
          await t.gql(
            'mutation($input: RecordProgressInput!) { recordProgress(input: $input) { duplicate } }',
            {
              input: {
                enrollmentId: await enrollmentOf(lead),
                lessonsCompleted: done,
                lessonsTotal: 10,
                occurredAt: at(day).toISOString(),
                externalEventId: eventId,
              },
            },
            { apiKey: lms },
          ),
        );
      await progress('F1', 'pf1', 8, '2026-05-01'); // 80 % of COURSE before its end (2026-06-08)
      await progress('P1', 'pp1', 5, '2026-05-01');
      await progress('P1', 'pp2', 9, '2026-07-01'); // after its end (2026-06-06): too late
      await progress('P2', 'pq1', 10, '2026-04-01'); // ADV needs every lesson: completed
      const attend = async (
        lead: string,
        eventId: string,
        session: string,
        attended: boolean,
        sessionAt: string,
        occurredAt: string,
        token: string | { apiKey: string } = { apiKey: lms },
      ) =>
        t.gql<{ recordAttendance: { attended: boolean; duplicate: boolean } }>(
          ATTEND,
          { input: { enrollmentId: await enrollmentOf(lead), externalEventId: eventId, sessionKey: session, attended, sessionAt, occurredAt } },
          token,
        );
      expect(expectData(await attend('F1', 'a1', 's1', true, '2026-03-20T11:00:00Z', '2026-03-20T12:00:00Z')).recordAttendance).toMatchObject({
        attended: true,
        duplicate: false,
      });
      expect(expectData(await attend('F1', 'a1', 's1', true, '2026-03-20T11:00:00Z', '2026-03-20T12:00:00Z')).recordAttendance).toMatchObject({
        attended: true,
        duplicate: true,
      });
      expect(expectData(await attend('F1', 'a2', 's2', false, '2026-03-27T11:00:00Z', '2026-03-27T12:00:00Z')).recordAttendance.attended).toBe(false);
      expect(expectData(await attend('F1', 'a3', 's2', true, '2026-03-27T11:00:00Z', '2026-03-27T13:00:00Z')).recordAttendance.attended).toBe(true);
      // An older report arriving late changes nothing.
      expect(expectData(await attend('F1', 'a5', 's2', false, '2026-03-27T11:00:00Z', '2026-03-27T12:30:00Z')).recordAttendance).toMatchObject({
        attended: true,
        duplicate: false,
      });
      expectData(await attend('P1', 'a4', 's1', false, '2026-03-20T11:00:00Z', '2026-03-20T12:00:00Z'));
      // The curator may report too; a pre-sales rep may not; bad instants and unknown students are refused.
      expectData(await attend('P1', 'a6', 's0', true, '2026-03-13T11:00:00Z', '2026-03-13T12:00:00Z', await t.login(org.members.B1[0].email, PASSWORD)));
      await t.db.dataSource.query(`DELETE FROM attendance_event WHERE external_event_id = 'a6'`);
      expectError(
        await attend('P1', 'a7', 's1', true, '2026-03-20T11:00:00Z', '2026-03-20T12:00:00Z', await t.login(org.members.A1[0].email, PASSWORD)),
        'FORBIDDEN',
      );
      const future = new Date(Date.now() + 3600_000).toISOString();
      const bad = expectError(await attend('P1', 'a8', 's9', true, future, '2026-03-20T10:00:00Z'), 'BAD_USER_INPUT');
      expect(bad.extensions!.fields!.map((f) => f.field).sort()).toEqual(['input.occurredAt', 'input.sessionAt']);
      expectError(
        await t.gql(
          ATTEND,
          {
            input: {
              externalRef: 'nope',
              externalEventId: 'a9',
              sessionKey: 's1',
              attended: true,
              sessionAt: '2026-03-20T11:00:00Z',
              occurredAt: '2026-03-20T12:00:00Z',
            },
          },
          { apiKey: lms },
        ),
        'NOT_FOUND',
      );
      expect((await t.db.dataSource.query('SELECT count(*)::int AS n FROM attendance_event WHERE organization_id = $1', [org.organizationId]))[0].n).toBe(5);
      for (const [lead, round, score] of [
        ['F1', 'end', 10],
        ['P1', 'end', 6],
        ['P2', 'end', 9],
      ] as const) {
        await ok('mutation($input: RecordNpsInput!) { recordNps(input: $input) { duplicate } }', {
          input: { enrollmentId: await enrollmentOf(lead), round, score },
        });
      }
      for (const [lead, course, service] of [
        ['F1', 5, 4],
        ['P1', 3, 2],
      ] as const) {
        await ok('mutation($input: RecordCsatInput!) { recordCsat(input: $input) { duplicate } }', {
          input: { enrollmentId: await enrollmentOf(lead), round: 'end', courseScore: course, serviceScore: service },
        });
      }
      // F4 gets a full refund of the LOW course: its enrollment is REFUNDED.
      await ok('mutation($input: RecordRefundInput!) { recordRefund(input: $input) { duplicate } }', {
        input: { externalId: 'f4-r', orderExternalId: 'f4', amount: 9900, refundedAt: at('2026-03-25').toISOString(), reason: 'changed mind' },
      });
    });

    const adv = {
      enrollments: 1,
      endedEnrollments: 1,
      completedByEnd: 1,
      completionRate: 1,
      sessionsReported: 0,
      sessionsAttended: 0,
      attendanceRate: null,
      npsAnswers: 1,
      nps: 100,
      csatAnswers: 0,
      csatCourse: null,
      csatService: null,
      refunded: 0,
      refundRate: 0,
      repurchased: 0,
      repurchaseRate: 0,
    };
    const course = {
      enrollments: 3,
      endedEnrollments: 3,
      completedByEnd: 1,
      completionRate: 1 / 3,
      sessionsReported: 3,
      sessionsAttended: 2,
      attendanceRate: 2 / 3,
      npsAnswers: 2,
      nps: 0,
      csatAnswers: 2,
      csatCourse: 4,
      csatService: 3,
      refunded: 0,
      refundRate: 0,
      repurchased: 1,
      repurchaseRate: 1 / 3,
    };

    it('shows quality per course: completion by the class end against the course threshold, attendance, NPS, CSAT, refunds, repurchases', async () => {
      const res = await ok<{ courseQuality: Record<string, unknown>[] }>(QUALITY, { input: { groupBy: 'PRODUCT', from: '2026-03-01', to: '2026-05-01' } });
      expect(res.courseQuality).toEqual([
        { groupKey: products.ADV, group: 'ADV', ...adv },
        { groupKey: products.COURSE, group: 'COURSE', ...course },
        {
          groupKey: products.LITE,
          group: 'LITE',
          ...adv,
          endedEnrollments: 0,
          completedByEnd: 0,
          completionRate: null,
          npsAnswers: 0,
          nps: null,
          refunded: 1,
          refundRate: 1,
        },
      ]);
    });

    it('shows quality per class cohort', async () => {
      const res = await ok<{ courseQuality: Record<string, unknown>[] }>(QUALITY, { input: { groupBy: 'CLASS_COHORT', from: '2026-03-01', to: '2026-05-01' } });
      expect(res.courseQuality).toEqual([
        { groupKey: classId, group: 'Class A', ...course, enrollments: 2, endedEnrollments: 2, completionRate: 0.5, repurchaseRate: 0.5 },
        {
          groupKey: null,
          group: '(no class)',
          ...adv,
          enrollments: 3,
          endedEnrollments: 2,
          completedByEnd: 1,
          completionRate: 0.5,
          refunded: 1,
          refundRate: 1 / 3,
        },
      ]);
      const statements = await t.countStatements(() => ok(QUALITY, { input: { groupBy: 'CLASS_COHORT', from: '2026-03-01', to: '2026-05-01' } }));
      const fewer = await t.countStatements(() => ok(QUALITY, { input: { groupBy: 'PRODUCT', from: '2025-03-01', to: '2025-05-01' } }));
      expect(fewer).toBe(statements);
    });

    it('limits quality to the students the caller serves, and checks the input', async () => {
      const read = async (email: string) =>
        (await ok<{ courseQuality: { enrollments: number }[] }>(QUALITY, { input: { from: '2026-03-01', to: '2026-05-01' } }, await t.login(email, PASSWORD)))
          .courseQuality;
      expect((await read(org.members.B1[0].email)).map((r) => r.enrollments)).toEqual([1, 3, 1]); // their curator
      expect((await read(org.leads.B1.email)).map((r) => r.enrollments)).toEqual([1, 3, 1]);
      expect(await read(org.leads.A1.email)).toEqual([]); // pre-sales: no students
      expect(await read(org.members.A1[0].email)).toEqual([]);
      expect(await ok(QUALITY, { input: { from: '2026-03-01', to: '2026-05-01' } }, otherAdmin)).toEqual({ courseQuality: [] });
      expectError(await t.gql(QUALITY, { input: { from: '2026-05-01', to: '2026-03-01' } }, admin), 'BAD_USER_INPUT');
      expectError(await t.gql(QUALITY, { input: { groupBy: 'CAMPAIGN', from: '2026-03-01', to: '2026-05-01' } }, admin), 'BAD_USER_INPUT');
    });

    it('adds class completion and attendance to the metric catalog', async () => {
      const catalog = await ok<{ metrics: { key: string; unit: string; definition: string }[] }>(
        '{ metrics(teamKind: COURSE_SERVICE) { key unit definition } }',
      );
      expect(catalog.metrics.filter((m) => ['class_completion_rate', 'attendance_rate'].includes(m.key)).map((m) => m.unit)).toEqual(['RATIO', 'RATIO']);
      const values = async (metricKey: string, start: string, end: string) =>
        (
          await ok<{ metricValues: { values: { value: number | null; numerator: number; denominator: number | null }[] } }>(
            'query($input: MetricValuesInput!) { metricValues(input: $input) { values { value numerator denominator } } }',
            { input: { metricKeys: [metricKey], entityType: 'SQUAD', entityIds: [org.squads.B1], period: { kind: 'CUSTOM', start, end } } },
          )
        ).metricValues.values[0];
      // Course ends 2026-06-06 (P1), -07 (P2), -08 (F1), 07-05 (R1); F4 refunded: F1 and P2 reached their threshold in time.
      expect(await values('class_completion_rate', '2026-06-01', '2026-07-10')).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
      expect(await values('attendance_rate', '2026-03-01', '2026-04-01')).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
      // Credited to the curator's squad (the curator joined the squad today, after these periods: members are listed by membership).
    });
  });
});
