import { describe, expect, it } from '@jest/globals';
import { cohortCurve } from './cohort-curve.js';

describe('cohortCurve', () => {
  it('fills months without revenue, accumulates and divides per customer', () => {
    const curve = cohortCurve(
      3,
      [
        { monthsSince: 0, firstOrderRevenue: 100000, repurchaseRevenue: 0, referralRevenue: 0 },
        { monthsSince: 2, firstOrderRevenue: 0, repurchaseRevenue: 10000, referralRevenue: 5000 },
        { monthsSince: 2, firstOrderRevenue: 0, repurchaseRevenue: 1, referralRevenue: 0 },
      ],
      4,
    );
    expect(curve.map((p) => [p.monthsSince, p.cumulativeRevenue, p.cumulativeRepurchaseRevenue, p.cumulativeReferralRevenue])).toEqual([
      [0, 100000, 0, 0],
      [1, 100000, 0, 0],
      [2, 110001, 10001, 5000],
      [3, 110001, 10001, 5000],
    ]);
    // 100000 / 3 = 33333.33 → 33333; 110001 / 3 = 36667; 10001 / 3 = 3333.67 → 3334; 115001 / 3 = 38333.67 → 38334.
    expect(curve.map((p) => [p.revenuePerCustomer, p.repurchasePerCustomer, p.referralPerCustomer, p.totalPerCustomer])).toEqual([
      [33333, 0, 0, 33333],
      [33333, 0, 0, 33333],
      [36667, 3334, 1667, 38334],
      [36667, 3334, 1667, 38334],
    ]);
  });

  it('rounds halves away from zero, also for net negative months (refunds)', () => {
    const curve = cohortCurve(
      2,
      [
        { monthsSince: 0, firstOrderRevenue: 1, repurchaseRevenue: 0, referralRevenue: 0 },
        { monthsSince: 1, firstOrderRevenue: -4, repurchaseRevenue: 0, referralRevenue: 0 },
      ],
      2,
    );
    expect(curve.map((p) => p.revenuePerCustomer)).toEqual([1, -2]);
  });

  it('gives an empty cohort zeros and no per-customer values', () => {
    const curve = cohortCurve(0, [], 2);
    expect(curve).toEqual(
      [0, 1].map((k) => ({
        monthsSince: k,
        firstOrderRevenue: 0,
        repurchaseRevenue: 0,
        referralRevenue: 0,
        cumulativeRevenue: 0,
        cumulativeRepurchaseRevenue: 0,
        cumulativeReferralRevenue: 0,
        revenuePerCustomer: null,
        repurchasePerCustomer: null,
        referralPerCustomer: null,
        totalPerCustomer: null,
      })),
    );
  });

  it('ignores cells outside the observable months and gives no months for none', () => {
    const cells = [
      { monthsSince: -1, firstOrderRevenue: 5, repurchaseRevenue: 0, referralRevenue: 0 },
      { monthsSince: 1, firstOrderRevenue: 7, repurchaseRevenue: 0, referralRevenue: 0 },
    ];
    expect(cohortCurve(1, cells, 1).map((p) => p.cumulativeRevenue)).toEqual([0]);
    expect(cohortCurve(1, cells, 0)).toEqual([]);
    expect(() => cohortCurve(-1, [], 1)).toThrow(RangeError);
  });
});
