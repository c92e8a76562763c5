import { normalQuantile } from './special.js';
import { assertProbability } from './validation.js';

/**
 * Sample size per arm for a two-sided test of two proportions (equal arms), the standard formula with
 * the pooled variance under H0 and the unpooled variance under H1, without continuity correction (as in
 * Fleiss, Levin & Paik, "Statistical Methods for Rates and Proportions"; it is the equation R's
 * power.prop.test solves, which ignores the far rejection tail):
 *
 *   p1 = baselineRate, p2 = p1 + δ, p̄ = (p1 + p2)/2,
 *   n = [ z_{1−α/2} · sqrt(2 p̄(1 − p̄)) + z_{power} · sqrt(p1(1 − p1) + p2(1 − p2)) ]² / δ²,
 *
 * rounded up. δ = minDetectableEffectAbs (may be negative for a decrease; p2 must stay in [0, 1]).
 * Example: p1 = 0.10, δ = 0.02, α = 0.05, power = 0.8 → n = 3840.85 → 3,841 per arm.
 */
export function requiredSamplePerArm(baselineRate: number, minDetectableEffectAbs: number, alpha = 0.05, power = 0.8): number {
  assertProbability(baselineRate, 'baselineRate', false);
  assertProbability(alpha, 'alpha');
  assertProbability(power, 'power');
  if (!Number.isFinite(minDetectableEffectAbs) || minDetectableEffectAbs === 0) {
    throw new RangeError('minDetectableEffectAbs must be a non-zero finite number');
  }
  const p1 = baselineRate;
  const p2 = baselineRate + minDetectableEffectAbs;
  if (p2 < 0 || p2 > 1) throw new RangeError('baselineRate + minDetectableEffectAbs must be within [0, 1]');
  const pBar = (p1 + p2) / 2;
  const zAlpha = normalQuantile(1 - alpha / 2);
  const zBeta = normalQuantile(power);
  const numerator = zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((numerator / minDetectableEffectAbs) ** 2);
}

/**
 * Fixed-horizon results are preliminary until every arm has reached the planned sample:
 * true when any arm has fewer than plannedPerArm exposures (or there are no arms).
 */
export function isPreliminary(exposuresPerArm: number[], plannedPerArm: number): boolean {
  if (!(plannedPerArm >= 0) || !Number.isFinite(plannedPerArm)) {
    throw new RangeError('plannedPerArm must be a non-negative finite number');
  }
  return exposuresPerArm.length === 0 || exposuresPerArm.some((n) => n < plannedPerArm);
}
