import { probabilityBBeatsA } from './bayes.js';
import { logChoose, normalQuantile, normalTwoSidedPValue } from './special.js';
import { assertConversions, assertCount, assertProbability } from './validation.js';

export interface Counts {
  conversions: number;
  exposures: number;
}

export interface Interval {
  rate: number;
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927):
 *   centre = (x + z²/2) / (n + z²),  half = z / (n + z²) · sqrt(x(n − x)/n + z²/4),
 *   z = Φ⁻¹(1 − (1 − confidence)/2); interval clipped to [0, 1] (exactly 0 when x = 0, 1 when x = n).
 * With no exposures there is no information: rate 0, interval [0, 1].
 */
export function wilsonInterval(conversions: number, exposures: number, confidence = 0.95): Interval {
  assertConversions(conversions, exposures);
  assertProbability(confidence, 'confidence');
  if (exposures === 0) return { rate: 0, low: 0, high: 1 };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const rate = conversions / exposures;
  const centre = (conversions + z2 / 2) / (exposures + z2);
  const half = (z / (exposures + z2)) * Math.sqrt((conversions * (exposures - conversions)) / exposures + z2 / 4);
  const low = conversions === 0 ? 0 : Math.max(0, centre - half);
  const high = conversions === exposures ? 1 : Math.min(1, centre + half);
  return { rate, low, high };
}

/**
 * Pooled two-proportion z-test, two-sided, sign = group 2 minus group 1:
 *   p̂ = (c1 + c2)/(n1 + n2),  z = (c2/n2 − c1/n1) / sqrt(p̂(1 − p̂)(1/n1 + 1/n2)),  p = 2(1 − Φ(|z|)).
 * Identical to R's prop.test(correct = FALSE) (X² = z²). When either group is empty or the pooled rate
 * is 0 or 1 the statistic is undefined; we return z = 0, p = 1 (no evidence).
 */
export function twoProportionZTest(c1: number, n1: number, c2: number, n2: number): { z: number; pValue: number } {
  assertConversions(c1, n1, 'group 1');
  assertConversions(c2, n2, 'group 2');
  if (n1 === 0 || n2 === 0) return { z: 0, pValue: 1 };
  const pooled = (c1 + c2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return { z: 0, pValue: 1 };
  const z = (c2 / n2 - c1 / n1) / Math.sqrt(variance);
  return { z, pValue: Math.min(1, normalTwoSidedPValue(z)) };
}

/** Relative tolerance used when comparing table probabilities (same as R's fisher.test). */
export const FISHER_RELATIVE_TOLERANCE = 1e-7;

/**
 * Fisher's exact test for the 2×2 table [[a, b], [c, d]], two-sided.
 * With margins fixed, a follows the hypergeometric law P(x) = C(a+b, x) C(c+d, k−x) / C(n, k), k = a + c,
 * computed with log-gamma and normalised over the support. The p-value is the sum of P(x) over all x with
 * P(x) ≤ P(a) · (1 + 1e-7) — the tolerance (as in R) keeps tables whose probability equals the observed
 * one but differs by rounding.
 */
export function fisherExactTest(a: number, b: number, c: number, d: number): { pValue: number } {
  assertCount(a, 'a');
  assertCount(b, 'b');
  assertCount(c, 'c');
  assertCount(d, 'd');
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(col1, row1);
  if (lo === hi) return { pValue: 1 };
  const logP = new Float64Array(hi - lo + 1);
  let max = -Infinity;
  for (let x = lo; x <= hi; x++) {
    const v = logChoose(row1, x) + logChoose(row2, col1 - x);
    logP[x - lo] = v;
    if (v > max) max = v;
  }
  const threshold = logP[a - lo] + Math.log1p(FISHER_RELATIVE_TOLERANCE);
  let total = 0;
  let tail = 0;
  for (let i = 0; i < logP.length; i++) {
    const p = Math.exp(logP[i] - max);
    total += p;
    if (logP[i] <= threshold) tail += p;
  }
  return { pValue: Math.min(1, tail / total) };
}

/**
 * Newcombe's hybrid score interval for p_T − p_C (Newcombe 1998, method 10), built from the Wilson
 * intervals [l_C, u_C] and [l_T, u_T] of each arm:
 *   low  = d − sqrt((p_T − l_T)² + (u_C − p_C)²),  high = d + sqrt((u_T − p_T)² + (p_C − l_C)²).
 */
export function newcombeDifferenceInterval(control: Counts, treatment: Counts, confidence = 0.95): { low: number; high: number } {
  const c = wilsonInterval(control.conversions, control.exposures, confidence);
  const t = wilsonInterval(treatment.conversions, treatment.exposures, confidence);
  const d = t.rate - c.rate;
  const low = d - Math.sqrt((t.rate - t.low) ** 2 + (c.high - c.rate) ** 2);
  const high = d + Math.sqrt((t.high - t.rate) ** 2 + (c.rate - c.low) ** 2);
  return { low: Math.max(-1, low), high: Math.min(1, high) };
}

/** Expected cell counts of the 2×2 table (conversions, non-conversions) × (control, treatment) under H0. */
export function expectedCellCounts(control: Counts, treatment: Counts): number[] {
  const total = control.exposures + treatment.exposures;
  if (total === 0) return [0, 0, 0, 0];
  const conversions = control.conversions + treatment.conversions;
  const failures = total - conversions;
  return [
    (control.exposures * conversions) / total,
    (control.exposures * failures) / total,
    (treatment.exposures * conversions) / total,
    (treatment.exposures * failures) / total,
  ];
}

export interface ProportionComparison {
  upliftAbs: number;
  upliftRel: number | null;
  ciLow: number;
  ciHigh: number;
  pValue: number;
  test: 'Z_TEST' | 'FISHER_EXACT';
  probabilityToBeatControl: number;
}

/**
 * Fixed-horizon comparison of a treatment against the control.
 * - upliftAbs = p_T − p_C; upliftRel = upliftAbs / p_C (null when p_C = 0).
 * - ciLow/ciHigh: Newcombe hybrid score interval of p_T − p_C at `confidence` (default 95%).
 * - pValue: pooled two-sided z-test, or Fisher's exact test when any expected cell count is < 5.
 * - probabilityToBeatControl: P(p_T > p_C) under Beta(1, 1) priors.
 */
export function compareProportions(control: Counts, treatment: Counts, confidence = 0.95): ProportionComparison {
  assertConversions(control.conversions, control.exposures, 'control');
  assertConversions(treatment.conversions, treatment.exposures, 'treatment');
  const pc = control.exposures > 0 ? control.conversions / control.exposures : 0;
  const pt = treatment.exposures > 0 ? treatment.conversions / treatment.exposures : 0;
  const upliftAbs = pt - pc;
  const ci = newcombeDifferenceInterval(control, treatment, confidence);
  const useFisher = expectedCellCounts(control, treatment).some((e) => e < 5);
  const pValue = useFisher
    ? fisherExactTest(control.conversions, control.exposures - control.conversions, treatment.conversions, treatment.exposures - treatment.conversions).pValue
    : twoProportionZTest(control.conversions, control.exposures, treatment.conversions, treatment.exposures).pValue;
  return {
    upliftAbs,
    upliftRel: pc > 0 ? upliftAbs / pc : null,
    ciLow: ci.low,
    ciHigh: ci.high,
    pValue,
    test: useFisher ? 'FISHER_EXACT' : 'Z_TEST',
    probabilityToBeatControl: probabilityBBeatsA(control.conversions, control.exposures, treatment.conversions, treatment.exposures),
  };
}
