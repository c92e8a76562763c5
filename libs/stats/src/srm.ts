import { chiSquareSurvival } from './special.js';
import { assertCount } from './validation.js';

/** SRM is flagged when the goodness-of-fit p-value is below this threshold. */
export const SRM_P_VALUE_THRESHOLD = 0.001;

export interface SampleRatioMismatch {
  chiSquare: number;
  df: number;
  pValue: number;
  flagged: boolean;
}

/**
 * Sample ratio mismatch check: Pearson chi-square goodness of fit of the observed exposures per arm
 * against the planned split. With N = Σ observed and W = Σ weights, expected_i = N · w_i / W,
 *   X² = Σ (observed_i − expected_i)² / expected_i,  df = k − 1,  p = Q(df/2, X²/2)
 * (regularized upper incomplete gamma = chi-square upper tail). flagged when p < 0.001.
 * With no exposures at all: X² = 0, p = 1.
 */
export function sampleRatioMismatch(observed: number[], plannedWeights: number[]): SampleRatioMismatch {
  if (observed.length !== plannedWeights.length) {
    throw new RangeError('sampleRatioMismatch: observed and plannedWeights must have the same length');
  }
  if (observed.length < 2) throw new RangeError('sampleRatioMismatch: at least two arms are required');
  observed.forEach((o, i) => assertCount(o, `observed[${i}]`));
  plannedWeights.forEach((w, i) => {
    if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`plannedWeights[${i}] must be a positive number`);
  });
  const df = observed.length - 1;
  const total = observed.reduce((s, o) => s + o, 0);
  if (total === 0) return { chiSquare: 0, df, pValue: 1, flagged: false };
  const weightSum = plannedWeights.reduce((s, w) => s + w, 0);
  let chiSquare = 0;
  for (let i = 0; i < observed.length; i++) {
    const expected = (total * plannedWeights[i]) / weightSum;
    chiSquare += (observed[i] - expected) ** 2 / expected;
  }
  const pValue = chiSquareSurvival(chiSquare, df);
  return { chiSquare, df, pValue, flagged: pValue < SRM_P_VALUE_THRESHOLD };
}
