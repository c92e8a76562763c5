import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectData, startDemoTestApp, type DemoTestApp } from './support/harness.js';

type Row = Record<string, number | string | null>;

/** The demo data makes every revenue report show a real difference (issue 18). */
describe('revenue reports on the demo data', () => {
  let t: DemoTestApp;
  let token: string;
  const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
  const range = { from: day(-200), to: day(1) };

  beforeAll(async () => {
    t = await startDemoTestApp();
    const { password } = t.demo;
    token = await t.login('admin@demo.school', password);
  }, 180_000);
  afterAll(async () => t?.close());

  const query = async <T>(q: string, input: Record<string, unknown>) => expectData(await t.gql<T>(q, { input }, token));

  it('paid camps convert better than free camps and sell up the price ladder', async () => {
    const res = await query<{ funnelComparison: Row[] }>(
      `query($input: FunnelComparisonInput!) { funnelComparison(input: $input) {
          groupKey leads conversionRate introConversionRate ordersTrial ordersLow ordersRegular ordersAdvanced revenuePerLead cac unitEconomics ltvToCac kFactor ltvPlusReferralToCac } }`,
      { ...range, groupBy: 'COHORT_TYPE' },
    );
    const by = Object.fromEntries(res.funnelComparison.map((r) => [r.groupKey ?? '(none)', r]));
    console.log(JSON.stringify(res.funnelComparison));
    expect(Object.keys(by)).toEqual(expect.arrayContaining(['free_camp', 'paid_camp', 'trial_class']));
    expect(by.paid_camp.conversionRate as number).toBeGreaterThan(by.free_camp.conversionRate as number);
    expect(by.paid_camp.revenuePerLead as number).toBeGreaterThan(by.free_camp.revenuePerLead as number);
    expect(by.paid_camp.ordersTrial as number).toBeGreaterThan(0);
    expect([by.paid_camp.ordersLow, by.paid_camp.ordersRegular, by.paid_camp.ordersAdvanced].every((n) => (n as number) > 0)).toBe(true);
    expect(by.paid_camp.kFactor as number).toBeGreaterThan(by.free_camp.kFactor as number);
    const tiers = await query<{ funnelComparison: Row[] }>(
      `query($input: FunnelComparisonInput!) { funnelComparison(input: $input) { groupKey leads payingCustomers } }`,
      { ...range, groupBy: 'PRICE_TIER' },
    );
    expect(tiers.funnelComparison.map((r) => r.groupKey)).toEqual(['TRIAL', 'LOW', 'REGULAR', 'ADVANCED', null]);
  });

  it('has referral value, cohort revenue curves and course quality that differ', async () => {
    const ref = await query<{ referralValue: { convertedReferrals: number; referralRevenue: number; rows: Row[] } }>(
      `query($input: ReferralValueInput!) { referralValue(input: $input) { convertedReferrals referralRevenue rows { convertedReferrals referralRevenue } } }`,
      { ...range, first: 5 },
    );
    expect(ref.referralValue.convertedReferrals).toBeGreaterThan(0);
    expect(ref.referralValue.rows[0].referralRevenue as number).toBeGreaterThan(0);
    const curves = await query<{
      cohortRevenue: { groupKey: string | null; customers: number; curve: { monthsSince: number; totalPerCustomer: number | null }[] }[];
    }>(`query($input: CohortRevenueInput!) { cohortRevenue(input: $input) { groupKey cohortMonth customers curve { monthsSince totalPerCustomer } } }`, {
      groupBy: 'COHORT_TYPE',
      acquiredFrom: range.from,
      acquiredTo: range.to,
      months: 6,
    });
    const paid = curves.cohortRevenue.filter((r) => r.groupKey === 'paid_camp' && r.customers > 0 && r.curve.length >= 3);
    expect(paid.length).toBeGreaterThan(0);
    // Upsells and referrals make the curve grow after the acquisition month.
    expect(paid.some((r) => (r.curve[r.curve.length - 1].totalPerCustomer ?? 0) > (r.curve[0].totalPerCustomer ?? 0))).toBe(true);
    const quality = await query<{ courseQuality: Row[] }>(
      `query($input: CourseQualityInput!) { courseQuality(input: $input) { group endedEnrollments completionRate attendanceRate nps } }`,
      { ...range, groupBy: 'PRODUCT' },
    );
    console.log(JSON.stringify(quality.courseQuality), JSON.stringify(ref.referralValue.convertedReferrals));
    const ended = quality.courseQuality.filter((r) => (r.endedEnrollments as number) > 0);
    expect(ended.length).toBeGreaterThan(1);
    expect(ended.every((r) => r.completionRate !== null && r.attendanceRate !== null)).toBe(true);
    expect(new Set(ended.map((r) => r.completionRate)).size).toBeGreaterThan(1);
  });
});
