import { describe, expect, it } from '@jest/globals';
import { isPreliminary, requiredSamplePerArm } from './sample-size.js';
import { sampleRatioMismatch } from './srm.js';

// References: libs/stats/reference/compute_references.py (python3; chi-square tail via closed forms in erfc/exp).

describe('sampleRatioMismatch', () => {
  it('5000 vs 5200 planned 50/50 → X² = 3.9216, p = 0.04767, not flagged', () => {
    const r = sampleRatioMismatch([5000, 5200], [1, 1]);
    expect(r.chiSquare).toBeCloseTo(3.9215686274509802, 12);
    expect(r.df).toBe(1);
    expect(r.pValue).toBeCloseTo(0.04767038065616144, 12);
    expect(r.flagged).toBe(false);
  });
  it('5000 vs 5400 planned 50/50 → p = 8.77e-5, flagged', () => {
    const r = sampleRatioMismatch([5000, 5400], [50, 50]);
    expect(r.chiSquare).toBeCloseTo(15.384615384615385, 12);
    expect(Math.abs(r.pValue - 8.769942375590239e-5)).toBeLessThan(1e-15);
    expect(r.flagged).toBe(true);
  });
  it('three arms 25/25/50: 980, 1010, 2100 → X² = 3.3985, df 2, p = 0.18282', () => {
    const r = sampleRatioMismatch([980, 1010, 2100], [1, 1, 2]);
    expect(r.chiSquare).toBeCloseTo(3.3985330073349633, 12);
    expect(r.df).toBe(2);
    expect(r.pValue).toBeCloseTo(0.18281757090306544, 12);
  });
  it('no exposures → p = 1; invalid input throws', () => {
    expect(sampleRatioMismatch([0, 0], [1, 1])).toEqual({ chiSquare: 0, df: 1, pValue: 1, flagged: false });
    expect(() => sampleRatioMismatch([1, 2], [1])).toThrow(RangeError);
    expect(() => sampleRatioMismatch([1, 2], [1, 0])).toThrow(RangeError);
  });
});

describe('requiredSamplePerArm', () => {
  // python3: [z_{1-α/2} sqrt(2 p̄ q̄) + z_{power} sqrt(p1 q1 + p2 q2)]² / δ² with statistics.NormalDist quantiles
  it('baseline 0.10, MDE 0.02, α 0.05, power 0.8 → 3840.85 → 3,841 per arm', () => {
    expect(requiredSamplePerArm(0.1, 0.02)).toBe(3841);
  });
  it('baseline 0.05, MDE 0.01 → 8157.73 → 8,158', () => {
    expect(requiredSamplePerArm(0.05, 0.01)).toBe(8158);
  });
  it('baseline 0.30, MDE 0.05, α 0.01, power 0.9 → 2608.86 → 2,609', () => {
    expect(requiredSamplePerArm(0.3, 0.05, 0.01, 0.9)).toBe(2609);
  });
  it('rejects impossible designs', () => {
    expect(() => requiredSamplePerArm(0.99, 0.02)).toThrow(RangeError);
    expect(() => requiredSamplePerArm(0.1, 0)).toThrow(RangeError);
  });
});

describe('isPreliminary', () => {
  it('true until every arm reaches the plan', () => {
    expect(isPreliminary([340, 1300], 1200)).toBe(true);
    expect(isPreliminary([1200, 1300], 1200)).toBe(false);
    expect(isPreliminary([], 1200)).toBe(true);
  });
});
