import { describe, expect, it } from '@jest/globals';
import { analyzeExperiment, msprt } from '@lib/stats';
import { AnalysisMode, ExperimentStatus, ExperimentVerdict, RandomizationUnit } from './entities/experiment-enums.js';
import { analyzeDailyCounts, verdictWarnings } from './experiment-analysis.js';
import { allocateVariant, allocationPoint, canChangeStatus, normalizeTags } from './experiment-rules.js';

describe('experiment rules', () => {
  it('allows only the documented status changes', () => {
    expect(canChangeStatus(ExperimentStatus.DRAFT, ExperimentStatus.RUNNING)).toBe(true);
    expect(canChangeStatus(ExperimentStatus.DRAFT, ExperimentStatus.STOPPED)).toBe(false);
    expect(canChangeStatus(ExperimentStatus.RUNNING, ExperimentStatus.CONCLUDED)).toBe(false);
    expect(canChangeStatus(ExperimentStatus.STOPPED, ExperimentStatus.RUNNING)).toBe(false);
    expect(canChangeStatus(ExperimentStatus.CONCLUDED, ExperimentStatus.ARCHIVED)).toBe(true);
    expect(canChangeStatus(ExperimentStatus.PUBLISHED, ExperimentStatus.ARCHIVED)).toBe(false);
    expect(canChangeStatus(ExperimentStatus.ARCHIVED, ExperimentStatus.DRAFT)).toBe(false);
  });

  it('normalizes tags', () => {
    expect(normalizeTags([' Voice', 'voice', '', 'A-b '])).toEqual(['a-b', 'voice']);
    expect(normalizeTags(undefined)).toEqual([]);
  });

  it('allocates deterministically and in proportion to the weights', () => {
    const variants = [
      { key: 'control', weight: 1 },
      { key: 't', weight: 3 },
    ];
    expect(allocationPoint('exp-1', 'lead-1')).toBe(allocationPoint('exp-1', 'lead-1'));
    expect(allocationPoint('exp-1', 'lead-1')).not.toBe(allocationPoint('exp-2', 'lead-1'));
    expect(allocateVariant(variants, 0).key).toBe('control');
    expect(allocateVariant(variants, 0.2499).key).toBe('control');
    expect(allocateVariant(variants, 0.25).key).toBe('t');
    expect(allocateVariant(variants, 0.999999).key).toBe('t');
    let treated = 0;
    for (let i = 0; i < 4000; i++) if (allocateVariant(variants, allocationPoint('exp', `lead-${i}`)).key === 't') treated++;
    // 3,000 expected; binomial sd ≈ 27, so ±150 is > 5 sd.
    expect(Math.abs(treated - 3000)).toBeLessThan(150);
  });
});

describe('analysis from daily counts', () => {
  const design = {
    analysisMode: AnalysisMode.SEQUENTIAL,
    minDetectableEffect: 0.05,
    plannedSamplePerArm: null,
    sequentialTau: null,
    randomizationUnit: RandomizationUnit.LEAD,
    variants: [
      { id: 'c', key: 'control', isControl: true, weight: 1 },
      { id: 't', key: 'treat', isControl: false, weight: 1 },
    ],
  };

  it('keeps the always-valid p-value at its running minimum over daily looks, skipping invalid looks', () => {
    const daily = [
      { variantId: 'c', day: '2026-11-01', exposures: 400, conversions: 40 },
      { variantId: 't', day: '2026-11-01', exposures: 400, conversions: 80 },
      // Conversions logged a day before their exposures: the cumulative look of 11-02 is invalid.
      { variantId: 't', day: '2026-11-02', exposures: 0, conversions: 400 },
      { variantId: 'c', day: '2026-11-03', exposures: 400, conversions: 70 },
      { variantId: 't', day: '2026-11-03', exposures: 800, conversions: -365 },
    ];
    const a = analyzeDailyCounts(design, daily);
    const first = msprt({ exposures: 400, conversions: 40 }, { exposures: 400, conversions: 80 }, { tau: 0.05 }).pValue;
    expect(a.looks).toBe(3);
    expect(a.variants.map((v) => [v.exposures, v.conversions])).toEqual([
      [800, 110],
      [1200, 115],
    ]);
    expect(a.comparisons[0].pValue).toBe(first);
    // The path over the valid looks (11-02 skipped), never going back up.
    expect(a.sequentialLooks.map((l) => l.day)).toEqual(['2026-11-01', '2026-11-03']);
    expect(a.sequentialLooks.every((l) => l.variantKey === 'treat')).toBe(true);
    expect(a.sequentialLooks[0].pValue).toBe(first);
    expect(a.sequentialLooks[1].pValue).toBe(first);
  });

  it('matches analyzeExperiment on the totals in fixed-horizon mode and warns on cluster randomization', () => {
    const fixed = { ...design, analysisMode: AnalysisMode.FIXED_HORIZON, randomizationUnit: RandomizationUnit.SQUAD };
    const daily = [
      { variantId: 'c', day: '2026-11-01', exposures: 500, conversions: 50 },
      { variantId: 'c', day: '2026-11-02', exposures: 500, conversions: 55 },
      { variantId: 't', day: '2026-11-02', exposures: 990, conversions: 130 },
    ];
    const a = analyzeDailyCounts(fixed, daily);
    const b = analyzeExperiment({
      variants: [
        { key: 'control', isControl: true, exposures: 1000, conversions: 105, plannedWeight: 1 },
        { key: 'treat', isControl: false, exposures: 990, conversions: 130, plannedWeight: 1 },
      ],
      mode: 'FIXED_HORIZON',
      minDetectableEffect: 0.05,
    });
    expect(a.comparisons).toEqual(b.comparisons);
    expect(a.warnings.slice(0, b.warnings.length)).toEqual(b.warnings);
    expect(a.warnings[a.warnings.length - 1]).toContain('Randomized by squad');
  });

  it('explains verdicts the analysis does not back', () => {
    const base = analyzeExperiment({
      variants: [
        { key: 'control', isControl: true, exposures: 10000, conversions: 1000, plannedWeight: 1 },
        { key: 'treat', isControl: false, exposures: 10000, conversions: 1100, plannedWeight: 1 },
      ],
      mode: 'FIXED_HORIZON',
      minDetectableEffect: 0.02,
    });
    expect(verdictWarnings(ExperimentVerdict.WIN, 'treat', base)).toEqual([]);
    expect(verdictWarnings(ExperimentVerdict.LOSS, null, base)[0]).toContain('significantly better');
    expect(verdictWarnings(ExperimentVerdict.INCONCLUSIVE, null, base)[0]).toContain('differs significantly');
    const worse = { ...base, comparisons: [{ ...base.comparisons[0], upliftAbs: -0.01, ciLow: -0.02, ciHigh: 0.001 }] };
    expect(verdictWarnings(ExperimentVerdict.WIN, 'treat', worse)).toEqual([
      'WIN, but "treat" converts worse than the control (-1.00 pp).',
      'WIN, but the 95% interval of the difference for "treat" [-2.00 pp, 0.10 pp] includes zero.',
    ]);
    const srm = { ...base, decisionReady: false, srm: { chiSquare: 30, pValue: 1e-8, flagged: true } };
    expect(verdictWarnings(ExperimentVerdict.WIN, 'treat', srm)).toEqual([
      'Sample ratio mismatch (p = 1.00e-8): assignment is broken, so the comparison cannot be trusted.',
    ]);
    expect(verdictWarnings(ExperimentVerdict.INCONCLUSIVE, null, { ...base, decisionReady: false, comparisons: [] })).toEqual([
      'The analysis is not decision-ready.',
    ]);
  });
});
