import { compareProportions, expectedCellCounts, wilsonInterval } from './proportions.js';
import { probabilityBBeatsA } from './bayes.js';
import { requiredSamplePerArm as requiredSample } from './sample-size.js';
import { defaultSequentialTau, msprt } from './sequential.js';
import { sampleRatioMismatch } from './srm.js';

export type AnalysisMode = 'FIXED_HORIZON' | 'SEQUENTIAL';
export type ComparisonTest = 'Z_TEST' | 'FISHER_EXACT' | 'MSPRT';

export interface ExperimentVariantInput {
  key: string;
  isControl: boolean;
  exposures: number;
  conversions: number;
  /** Planned share of traffic (any positive scale, e.g. 1/1 or 50/50). */
  plannedWeight: number;
}

export interface AnalyzeExperimentInput {
  variants: ExperimentVariantInput[];
  mode: AnalysisMode;
  /** Smallest absolute lift in conversion rate worth detecting (e.g. 0.02 = 2 percentage points). */
  minDetectableEffect: number;
  /** Planned exposures per arm; defaults to the required sample computed from the control rate. */
  plannedSamplePerArm?: number;
  /** mSPRT mixing standard deviation τ; default τ = minDetectableEffect. */
  sequentialTau?: number;
  /** Significance level; default 0.05. Variant intervals use confidence 1 − alpha. */
  alpha?: number;
  /**
   * SEQUENTIAL only: the always-valid p-value reported at earlier looks, per treatment key. The reported
   * p-value is min(previous, current), which keeps it monotone across looks.
   */
  previousSequentialPValues?: Record<string, number>;
}

export interface VariantSummary {
  key: string;
  exposures: number;
  conversions: number;
  rate: number;
  ciLow: number;
  ciHigh: number;
}

export interface VariantComparison {
  variantKey: string;
  upliftAbs: number;
  upliftRel: number | null;
  ciLow: number;
  ciHigh: number;
  pValue: number;
  test: ComparisonTest;
  probabilityToBeatControl: number;
  /** pValue < alpha (fixed horizon) or mSPRT rejection Λ ≥ 1/alpha (sequential). */
  significant: boolean;
}

export interface ExperimentAnalysis {
  method: AnalysisMode;
  variants: VariantSummary[];
  comparisons: VariantComparison[];
  srm: { chiSquare: number; pValue: number; flagged: boolean };
  requiredSamplePerArm: number | null;
  decisionReady: boolean;
  warnings: string[];
}

/** 1234567 → "1,234,567" (locale independent). */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatPValue(p: number): string {
  return p < 0.0001 ? 'p < 0.0001' : `p = ${p.toFixed(4)}`;
}

function formatSplit(weights: number[]): string {
  const total = weights.reduce((s, w) => s + w, 0);
  return weights
    .map((w) => {
      const pct = (100 * w) / total;
      return Number.isInteger(Math.round(pct * 10) / 10) ? String(Math.round(pct)) : pct.toFixed(1);
    })
    .join('/');
}

function isValidVariant(v: ExperimentVariantInput): boolean {
  return Number.isInteger(v.exposures) && Number.isInteger(v.conversions) && v.exposures >= 0 && v.conversions >= 0 && v.conversions <= v.exposures;
}

/**
 * Analyse a conversion experiment with one control and one or more treatments. Never throws on bad
 * data: problems are reported in `warnings` and the analysis degrades (decisionReady = false).
 * See docs/experiments.md for every formula and rule.
 */
export function analyzeExperiment(input: AnalyzeExperimentInput): ExperimentAnalysis {
  const warnings: string[] = [];
  const mode = input.mode;
  let alpha = input.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) {
    warnings.push(`Invalid alpha ${alpha}; using 0.05.`);
    alpha = 0.05;
  }
  const confidence = 1 - alpha;

  const variants: ExperimentVariantInput[] = [];
  const seenKeys = new Set<string>();
  for (const v of input.variants ?? []) {
    if (!isValidVariant(v)) {
      warnings.push(`Variant "${v.key}" has invalid counts (${v.conversions} conversions of ${v.exposures} exposures); it is left out of the analysis.`);
      continue;
    }
    if (seenKeys.has(v.key)) {
      warnings.push(`Variant key "${v.key}" appears more than once; only the first is used.`);
      continue;
    }
    seenKeys.add(v.key);
    variants.push(v);
  }

  const summaries: VariantSummary[] = variants.map((v) => {
    const w = wilsonInterval(v.conversions, v.exposures, confidence);
    return { key: v.key, exposures: v.exposures, conversions: v.conversions, rate: w.rate, ciLow: w.low, ciHigh: w.high };
  });

  const empty = variants.filter((v) => v.exposures === 0).map((v) => v.key);
  if (empty.length > 0) warnings.push(`No exposures yet for: ${empty.join(', ')}.`);

  // Sample ratio mismatch.
  let srm = { chiSquare: 0, pValue: 1, flagged: false };
  if (variants.length >= 2) {
    const weights = variants.map((v) => v.plannedWeight);
    if (weights.every((w) => Number.isFinite(w) && w > 0)) {
      const r = sampleRatioMismatch(
        variants.map((v) => v.exposures),
        weights,
      );
      srm = { chiSquare: r.chiSquare, pValue: r.pValue, flagged: r.flagged };
      if (r.flagged) {
        warnings.push(
          `Sample ratio mismatch: exposures do not match the planned ${formatSplit(weights)} split (${formatPValue(r.pValue)}); fix assignment before trusting results.`,
        );
      }
    } else {
      warnings.push('Planned weights are missing or not positive; the sample ratio check was skipped.');
    }
  }

  // Control.
  const controls = variants.filter((v) => v.isControl);
  const control = controls[0];
  if (!control) {
    warnings.push('No control variant: mark one variant as the control to compare treatments against it.');
  } else if (controls.length > 1) {
    warnings.push(`More than one control variant; "${control.key}" is used as the control.`);
  }
  const treatments = variants.filter((v) => v !== control);
  if (control && treatments.length === 0) warnings.push('No treatment variant to compare with the control.');
  if (treatments.length > 1) {
    warnings.push(
      `${treatments.length} treatments are each compared with the control without multiple-comparison adjustment; expect more false winners than alpha suggests.`,
    );
  }

  // Required sample from the observed control rate.
  let required: number | null = null;
  const mde = input.minDetectableEffect;
  if (!(Number.isFinite(mde) && mde > 0)) {
    warnings.push('Minimum detectable effect must be a positive rate difference (e.g. 0.02); required sample unknown.');
  } else if (control && control.exposures > 0) {
    const baseline = control.conversions / control.exposures;
    if (baseline + mde <= 1) {
      required = requiredSample(baseline, mde, alpha, 0.8);
    } else {
      warnings.push('Control rate plus the minimum detectable effect exceeds 100%; required sample unknown.');
    }
  } else if (control) {
    warnings.push('Required sample unknown until the control has exposures.');
  }
  const planned =
    input.plannedSamplePerArm !== undefined && Number.isFinite(input.plannedSamplePerArm) && input.plannedSamplePerArm > 0
      ? input.plannedSamplePerArm
      : required;
  const plannedReached = planned !== null && variants.length > 0 && variants.every((v) => v.exposures >= planned);

  // Comparisons.
  const comparisons: VariantComparison[] = [];
  let tau = input.sequentialTau ?? (Number.isFinite(mde) && mde > 0 ? defaultSequentialTau(mde) : NaN);
  if (mode === 'SEQUENTIAL' && !(tau > 0 && Number.isFinite(tau))) {
    warnings.push('Sequential tau must be positive; using 0.01.');
    tau = 0.01;
  }
  const fisherKeys: string[] = [];
  if (control) {
    for (const t of treatments) {
      const c = { conversions: control.conversions, exposures: control.exposures };
      const tr = { conversions: t.conversions, exposures: t.exposures };
      const smallCells = expectedCellCounts(c, tr).some((e) => e < 5);
      if (mode === 'SEQUENTIAL') {
        const m = msprt(c, tr, { alpha, tau });
        const previous = input.previousSequentialPValues?.[t.key];
        const pValue = previous !== undefined && previous >= 0 && previous < m.pValue ? previous : m.pValue;
        const pc = c.exposures > 0 ? c.conversions / c.exposures : 0;
        if (smallCells) fisherKeys.push(t.key);
        comparisons.push({
          variantKey: t.key,
          upliftAbs: m.estimate,
          upliftRel: pc > 0 ? m.estimate / pc : null,
          ciLow: m.ciLow,
          ciHigh: m.ciHigh,
          pValue,
          test: 'MSPRT',
          probabilityToBeatControl: probabilityBBeatsA(c.conversions, c.exposures, tr.conversions, tr.exposures),
          significant: pValue <= alpha,
        });
      } else {
        const r = compareProportions(c, tr, confidence);
        if (r.test === 'FISHER_EXACT') fisherKeys.push(t.key);
        comparisons.push({ variantKey: t.key, ...r, significant: r.pValue < alpha });
      }
    }
  }
  if (fisherKeys.length > 0) {
    warnings.push(
      mode === 'SEQUENTIAL'
        ? `Sequential test is approximate: fewer than 5 expected conversions in some cell (${fisherKeys.join(', ')}).`
        : `Fisher exact test used: fewer than 5 expected conversions in some cell (${fisherKeys.join(', ')}).`,
    );
  }

  // Decision readiness.
  let decisionReady = false;
  if (control && comparisons.length > 0 && !srm.flagged) {
    if (mode === 'SEQUENTIAL') {
      decisionReady = comparisons.every((c) => c.significant) || plannedReached;
    } else {
      decisionReady = plannedReached;
    }
  }
  if (planned !== null && !plannedReached && !decisionReady && variants.length > 0) {
    const least = Math.min(...variants.map((v) => v.exposures));
    warnings.push(`Preliminary: ${formatCount(least)} of ${formatCount(planned)} planned exposures per arm.`);
  }

  return {
    method: mode,
    variants: summaries,
    comparisons,
    srm,
    requiredSamplePerArm: required,
    decisionReady,
    warnings,
  };
}
