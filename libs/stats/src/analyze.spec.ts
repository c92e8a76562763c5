import { describe, expect, it } from '@jest/globals';
import { analyzeExperiment, formatCount, type ExperimentVariantInput } from './analyze.js';

const v = (key: string, conversions: number, exposures: number, isControl = false, plannedWeight = 1): ExperimentVariantInput => ({
  key,
  isControl,
  exposures,
  conversions,
  plannedWeight,
});

// Numeric references: python3 (libs/stats/reference/compute_references.py, "worked example" block).

describe('analyzeExperiment — FIXED_HORIZON', () => {
  it('worked example: 1,000/10,000 vs 1,100/10,000, MDE 0.02', () => {
    const r = analyzeExperiment({
      variants: [v('A', 1000, 10000, true), v('B', 1100, 10000)],
      mode: 'FIXED_HORIZON',
      minDetectableEffect: 0.02,
    });
    expect(r.method).toBe('FIXED_HORIZON');
    expect(r.variants[0]).toMatchObject({ key: 'A', rate: 0.1 });
    expect(r.variants[0].ciLow).toBeCloseTo(0.09427283017063046, 12);
    expect(r.variants[1].ciHigh).toBeCloseTo(0.11628293703657969, 12);
    expect(r.comparisons).toHaveLength(1);
    const c = r.comparisons[0];
    expect(c.variantKey).toBe('B');
    expect(c.test).toBe('Z_TEST');
    expect(c.pValue).toBeCloseTo(0.02107518927379784, 12);
    expect(c.ciLow).toBeCloseTo(0.0015020650656495452, 12);
    expect(c.ciHigh).toBeCloseTo(0.01850151586836521, 12);
    expect(c.upliftRel).toBeCloseTo(0.1, 12);
    expect(c.probabilityToBeatControl).toBeCloseTo(0.9894573544277369, 8);
    expect(c.significant).toBe(true);
    expect(r.srm).toEqual({ chiSquare: 0, pValue: 1, flagged: false });
    expect(r.requiredSamplePerArm).toBe(3841);
    expect(r.decisionReady).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('marks preliminary results against the plan', () => {
    const r = analyzeExperiment({
      variants: [v('A', 40, 340, true), v('B', 45, 352)],
      mode: 'FIXED_HORIZON',
      minDetectableEffect: 0.05,
      plannedSamplePerArm: 1200,
    });
    expect(r.decisionReady).toBe(false);
    expect(r.warnings).toContain('Preliminary: 340 of 1,200 planned exposures per arm.');
  });

  it('flags a sample ratio mismatch and blocks the decision', () => {
    const r = analyzeExperiment({
      variants: [v('A', 500, 5000, true, 50), v('B', 540, 5400, false, 50)],
      mode: 'FIXED_HORIZON',
      minDetectableEffect: 0.02,
      plannedSamplePerArm: 4000,
    });
    expect(r.srm.flagged).toBe(true);
    expect(r.srm.pValue).toBeCloseTo(8.769942375590239e-5, 15);
    expect(r.decisionReady).toBe(false);
    expect(r.warnings).toContain('Sample ratio mismatch: exposures do not match the planned 50/50 split (p < 0.0001); fix assignment before trusting results.');
  });

  it('uses Fisher and says so for small counts', () => {
    const r = analyzeExperiment({
      variants: [v('A', 3, 4, true), v('B', 1, 4)],
      mode: 'FIXED_HORIZON',
      minDetectableEffect: 0.1,
    });
    expect(r.comparisons[0].test).toBe('FISHER_EXACT');
    expect(r.comparisons[0].pValue).toBeCloseTo(17 / 35, 12);
    expect(r.warnings).toContain('Fisher exact test used: fewer than 5 expected conversions in some cell (B).');
  });
});

describe('analyzeExperiment — SEQUENTIAL', () => {
  it('uses the mSPRT (τ = MDE by default); ready once the planned sample is reached', () => {
    const base = { variants: [v('A', 1000, 10000, true), v('B', 1100, 10000)], mode: 'SEQUENTIAL' as const, minDetectableEffect: 0.02 };
    const r = analyzeExperiment(base);
    expect(r.method).toBe('SEQUENTIAL');
    expect(r.comparisons[0].test).toBe('MSPRT');
    expect(r.comparisons[0].pValue).toBeCloseTo(0.37173430492706605, 12);
    expect(r.comparisons[0].ciLow).toBeCloseTo(-0.003376578970021941, 12);
    expect(r.comparisons[0].significant).toBe(false);
    expect(r.decisionReady).toBe(true); // 10,000 ≥ required 3,841
    const planned = analyzeExperiment({ ...base, plannedSamplePerArm: 20000 });
    expect(planned.decisionReady).toBe(false);
    expect(planned.warnings).toContain('Preliminary: 10,000 of 20,000 planned exposures per arm.');
  });

  it('is ready as soon as the mSPRT rejects', () => {
    const r = analyzeExperiment({
      variants: [v('A', 1000, 10000, true), v('B', 1200, 10000)],
      mode: 'SEQUENTIAL',
      minDetectableEffect: 0.02,
      plannedSamplePerArm: 50000,
    });
    expect(r.comparisons[0].pValue).toBeCloseTo(0.00027045655827783317, 14);
    expect(r.decisionReady).toBe(true);
  });

  it('keeps the p-value monotone with previousSequentialPValues', () => {
    const r = analyzeExperiment({
      variants: [v('A', 1000, 10000, true), v('B', 1100, 10000)],
      mode: 'SEQUENTIAL',
      minDetectableEffect: 0.02,
      plannedSamplePerArm: 50000,
      previousSequentialPValues: { B: 0.01 },
    });
    expect(r.comparisons[0].pValue).toBe(0.01);
    expect(r.decisionReady).toBe(true);
  });
});

describe('analyzeExperiment — robustness', () => {
  it('no control: no crash, no comparisons, a warning', () => {
    const r = analyzeExperiment({ variants: [v('A', 10, 100), v('B', 12, 100)], mode: 'FIXED_HORIZON', minDetectableEffect: 0.02 });
    expect(r.comparisons).toEqual([]);
    expect(r.decisionReady).toBe(false);
    expect(r.warnings.some((w) => w.startsWith('No control variant'))).toBe(true);
  });
  it('zero exposures everywhere: no crash', () => {
    for (const mode of ['FIXED_HORIZON', 'SEQUENTIAL'] as const) {
      const r = analyzeExperiment({ variants: [v('A', 0, 0, true), v('B', 0, 0)], mode, minDetectableEffect: 0.02 });
      expect(r.variants[0]).toMatchObject({ rate: 0, ciLow: 0, ciHigh: 1 });
      expect(r.comparisons[0].pValue).toBe(1);
      expect(r.requiredSamplePerArm).toBeNull();
      expect(r.decisionReady).toBe(false);
      expect(r.warnings).toContain('No exposures yet for: A, B.');
    }
  });
  it('no variants, invalid counts and bad parameters become warnings', () => {
    expect(analyzeExperiment({ variants: [], mode: 'FIXED_HORIZON', minDetectableEffect: 0.02 }).decisionReady).toBe(false);
    const r = analyzeExperiment({
      variants: [v('A', 10, 100, true), v('B', 120, 100), v('C', 11, 100)],
      mode: 'SEQUENTIAL',
      minDetectableEffect: -1,
    });
    expect(r.variants.map((x) => x.key)).toEqual(['A', 'C']);
    expect(r.warnings.some((w) => w.includes('"B" has invalid counts'))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('Minimum detectable effect'))).toBe(true);
  });
  it('formatCount', () => {
    expect(formatCount(1200)).toBe('1,200');
    expect(formatCount(340)).toBe('340');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});
