/**
 * Revenue curves of acquisition cohorts: per month since acquisition, what the cohort's customers
 * paid (first orders, repurchases) and what the customers they referred paid, summed and per
 * customer, cumulative. Pure: the caller brings the sums per month; this fills the months
 * without revenue, accumulates and divides.
 */

export interface CohortCell {
  /** 0 = the acquisition month. */
  monthsSince: number;
  firstOrderRevenue: number;
  repurchaseRevenue: number;
  referralRevenue: number;
}

export interface CohortCurvePoint extends CohortCell {
  /** Σ first-order + repurchase revenue up to and including this month. */
  cumulativeRevenue: number;
  cumulativeRepurchaseRevenue: number;
  cumulativeReferralRevenue: number;
  /** Cumulative values / customers, rounded half away from zero; null for an empty cohort. */
  revenuePerCustomer: number | null;
  repurchasePerCustomer: number | null;
  referralPerCustomer: number | null;
  /** (cumulative revenue + cumulative referral revenue) / customers. */
  totalPerCustomer: number | null;
}

const roundHalfAway = (v: number) => Math.sign(v) * Math.round(Math.abs(v));

/**
 * The curve of one cohort over months 0 … `months` − 1 (months not yet observable are left out
 * by the caller passing a smaller `months`). Cells outside that range are ignored; several cells
 * of the same month add up. `months` ≤ 0 gives an empty curve.
 */
export function cohortCurve(customers: number, cells: readonly CohortCell[], months: number): CohortCurvePoint[] {
  if (!Number.isInteger(customers) || customers < 0) throw new RangeError('customers must be a whole number ≥ 0');
  const n = Math.max(0, Math.floor(months));
  const byMonth = Array.from({ length: n }, (_, k) => ({ monthsSince: k, firstOrderRevenue: 0, repurchaseRevenue: 0, referralRevenue: 0 }));
  for (const c of cells) {
    if (!Number.isInteger(c.monthsSince) || c.monthsSince < 0 || c.monthsSince >= n) continue;
    const m = byMonth[c.monthsSince];
    m.firstOrderRevenue += c.firstOrderRevenue;
    m.repurchaseRevenue += c.repurchaseRevenue;
    m.referralRevenue += c.referralRevenue;
  }
  let revenue = 0;
  let repurchase = 0;
  let referral = 0;
  const perCustomer = (v: number) => (customers > 0 ? roundHalfAway(v / customers) : null);
  return byMonth.map((m) => {
    revenue += m.firstOrderRevenue + m.repurchaseRevenue;
    repurchase += m.repurchaseRevenue;
    referral += m.referralRevenue;
    return {
      ...m,
      cumulativeRevenue: revenue,
      cumulativeRepurchaseRevenue: repurchase,
      cumulativeReferralRevenue: referral,
      revenuePerCustomer: perCustomer(revenue),
      repurchasePerCustomer: perCustomer(repurchase),
      referralPerCustomer: perCustomer(referral),
      totalPerCustomer: perCustomer(revenue + referral),
    };
  });
}
