import { describe, expect, it } from '@jest/globals';
import { compareProportions, expectedCellCounts, fisherExactTest, newcombeDifferenceInterval, twoProportionZTest, wilsonInterval } from './proportions.js';

// Reference values: libs/stats/reference/compute_references.py (python3 standard library) unless noted.

describe('wilsonInterval', () => {
  it('0/0: no information → rate 0, [0, 1] (documented convention)', () => {
    expect(wilsonInterval(0, 0)).toEqual({ rate: 0, low: 0, high: 1 });
  });
  it('0/10 → [0, 0.27753] (python3 Wilson formula)', () => {
    const w = wilsonInterval(0, 10);
    expect(w.rate).toBe(0);
    expect(w.low).toBe(0);
    expect(w.high).toBeCloseTo(0.27753279986288915, 12);
  });
  it('10/10 → [0.72247, 1] (python3 Wilson formula)', () => {
    const w = wilsonInterval(10, 10);
    expect(w.rate).toBe(1);
    expect(w.low).toBeCloseTo(0.7224672001371107, 12);
    expect(w.high).toBe(1);
  });
  it('45/100 → [0.35615, 0.54755] (python3 Wilson formula)', () => {
    const w = wilsonInterval(45, 100);
    expect(w.rate).toBe(0.45);
    expect(w.low).toBeCloseTo(0.35614537979511984, 12);
    expect(w.high).toBeCloseTo(0.5475539700255787, 12);
  });
  it('45/100 at 90% → [0.37056, 0.53207] (python3 Wilson formula)', () => {
    const w = wilsonInterval(45, 100, 0.9);
    expect(w.low).toBeCloseTo(0.37056097069445404, 12);
    expect(w.high).toBeCloseTo(0.5320733013838634, 12);
  });
  it('rejects invalid counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
  });
});

describe('twoProportionZTest (pooled, two-sided)', () => {
  it('200/1000 vs 250/1000 → z = 2.6774, p = 0.0074196 (python3; same as R prop.test(correct=FALSE))', () => {
    const r = twoProportionZTest(200, 1000, 250, 1000);
    expect(r.z).toBeCloseTo(2.677397763008329, 12);
    expect(r.pValue).toBeCloseTo(0.007419649261025693, 12);
  });
  it('480/5000 vs 520/5000 → z = 1.3333, p = 0.18242 (python3)', () => {
    const r = twoProportionZTest(480, 5000, 520, 5000);
    expect(r.z).toBeCloseTo(1.333333333333332, 12);
    expect(r.pValue).toBeCloseTo(0.1824224394517362, 12);
  });
  it('sign follows group 2 − group 1', () => {
    expect(twoProportionZTest(250, 1000, 200, 1000).z).toBeCloseTo(-2.677397763008329, 12);
  });
  it('degenerate data → z 0, p 1', () => {
    expect(twoProportionZTest(0, 0, 5, 10)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(0, 100, 0, 100)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(100, 100, 100, 100)).toEqual({ z: 0, pValue: 1 });
  });
});

describe('fisherExactTest (two-sided)', () => {
  // Exact rational sums with python3 fractions + math.comb.
  it.each([
    // Fisher's "lady tasting tea": two-sided p = 34/70 = 0.4857 (R fisher.test gives 0.4857)
    [3, 1, 1, 3, 17 / 35],
    // Wikipedia's Fisher exact test example, two-sided 0.002759
    [1, 9, 11, 3, 41 / 14858],
    // symmetric margins: P(x=1) equals P(x=4) exactly; the 1e-7 tolerance must include both
    [1, 4, 4, 1, 13 / 63],
    [2, 10, 15, 3, 3571 / 6653325],
    [0, 5, 5, 0, 1 / 126],
    [2, 48, 9, 41, 37969 / 742729],
    [4, 96, 4, 96, 1],
  ])('[[%p, %p], [%p, %p]] → p = %p', (a, b, c, d, expected) => {
    expect(Math.abs(fisherExactTest(a, b, c, d).pValue - expected)).toBeLessThan(1e-12);
  });
  it('degenerate margins → p = 1', () => {
    expect(fisherExactTest(0, 0, 0, 0).pValue).toBe(1);
    expect(fisherExactTest(0, 10, 0, 12).pValue).toBe(1);
  });
});

describe('newcombeDifferenceInterval (method 10)', () => {
  // python3 computation; the 4-decimal values agree with Newcombe (1998), Stat Med 17:873, Table II.
  it('56/70 − 48/80 → [0.0524, 0.3339]', () => {
    const ci = newcombeDifferenceInterval({ conversions: 48, exposures: 80 }, { conversions: 56, exposures: 70 });
    expect(ci.low).toBeCloseTo(0.0524314724023649, 12);
    expect(ci.high).toBeCloseTo(0.3338726540369059, 12);
  });
  it('9/10 − 3/10 → [0.1705, 0.8090]', () => {
    const ci = newcombeDifferenceInterval({ conversions: 3, exposures: 10 }, { conversions: 9, exposures: 10 });
    expect(ci.low).toBeCloseTo(0.17052272393450302, 12);
    expect(ci.high).toBeCloseTo(0.809017973535488, 12);
  });
  it('0/10 − 0/10 → symmetric, non-degenerate [−0.2775, 0.2775]', () => {
    const ci = newcombeDifferenceInterval({ conversions: 0, exposures: 10 }, { conversions: 0, exposures: 10 });
    expect(ci.low).toBeCloseTo(-0.27753279986288915, 12);
    expect(ci.high).toBeCloseTo(0.27753279986288915, 12);
  });
});

describe('compareProportions', () => {
  it('large counts: z-test, Newcombe CI, P(beat) — worked example of docs/experiments.md (python3)', () => {
    const r = compareProportions({ conversions: 1000, exposures: 10000 }, { conversions: 1100, exposures: 10000 });
    expect(r.test).toBe('Z_TEST');
    expect(r.upliftAbs).toBeCloseTo(0.01, 12);
    expect(r.upliftRel).toBeCloseTo(0.1, 12);
    expect(r.pValue).toBeCloseTo(0.02107518927379784, 12);
    expect(r.ciLow).toBeCloseTo(0.0015020650656495452, 12);
    expect(r.ciHigh).toBeCloseTo(0.01850151586836521, 12);
    expect(r.probabilityToBeatControl).toBeCloseTo(0.9894573544277369, 8);
  });
  it('switches to Fisher only when an expected cell is < 5', () => {
    // [[1, 9], [11, 3]] (Wikipedia's example): smallest expected cell is exactly 5 → stays on the z-test
    const boundary = compareProportions({ conversions: 1, exposures: 10 }, { conversions: 11, exposures: 14 });
    expect(Math.min(...expectedCellCounts({ conversions: 1, exposures: 10 }, { conversions: 11, exposures: 14 }))).toBe(5);
    expect(boundary.test).toBe('Z_TEST');
    // lady tasting tea, [[3, 1], [1, 3]]: expected cells 2 → Fisher, p = 17/35 (python3 fractions)
    const tea = compareProportions({ conversions: 3, exposures: 4 }, { conversions: 1, exposures: 4 });
    expect(tea.test).toBe('FISHER_EXACT');
    expect(tea.pValue).toBeCloseTo(17 / 35, 12);
    // [[0, 5], [5, 0]]: expected 2.5 → Fisher, p = 1/126 (python3 fractions)
    const extreme = compareProportions({ conversions: 0, exposures: 5 }, { conversions: 5, exposures: 5 });
    expect(extreme.test).toBe('FISHER_EXACT');
    expect(extreme.pValue).toBeCloseTo(1 / 126, 12);
  });
  it('control rate 0 → upliftRel null; empty arms do not crash', () => {
    const r = compareProportions({ conversions: 0, exposures: 50 }, { conversions: 3, exposures: 50 });
    expect(r.upliftRel).toBeNull();
    const e = compareProportions({ conversions: 0, exposures: 0 }, { conversions: 0, exposures: 0 });
    expect(e).toMatchObject({ upliftAbs: 0, upliftRel: null, pValue: 1, test: 'FISHER_EXACT', ciLow: -1, ciHigh: 1 });
    expect(e.probabilityToBeatControl).toBeCloseTo(0.5, 12);
  });
});
