import type { Counts } from './proportions.js';
import { assertConversions, assertProbability } from './validation.js';

export interface MsprtOptions {
  /** Significance level, default 0.05. */
  alpha?: number;
  /** Standard deviation τ > 0 of the N(0, τ²) mixing distribution over θ = p_T − p_C. */
  tau: number;
}

export interface MsprtResult {
  /** Mixture likelihood ratio Λ (may be Infinity for overwhelming evidence). */
  lambda: number;
  /** Always-valid p-value of this look alone, min(1, 1/Λ); use sequentialPValues for the running minimum. */
  pValue: number;
  ciLow: number;
  ciHigh: number;
  rejects: boolean;
  /** θ̂ = p̂_T − p̂_C */
  estimate: number;
  /** V, the estimated variance of θ̂ */
  variance: number;
}

/** Default mixing standard deviation: τ = |minimum detectable effect| (absolute rate units). */
export function defaultSequentialTau(minDetectableEffectAbs: number): number {
  return Math.abs(minDetectableEffectAbs);
}

/**
 * Mixture sequential probability ratio test (mSPRT) for θ = p_T − p_C, normal approximation, following
 * Johari, Koomen, Pekelis & Walsh, "Always Valid Inference: Continuous Monitoring of A/B Tests",
 * Operations Research (2022), arXiv:1512.04922.
 *
 * θ̂ = p̂_T − p̂_C, V = p̂_C(1 − p̂_C)/n_C + p̂_T(1 − p̂_T)/n_T, mixing distribution θ ~ N(0, τ²):
 *   Λ = sqrt(V/(V + τ²)) · exp( θ̂² τ² / (2 V (V + τ²)) )
 * (the ratio of the N(0, V + τ²) marginal density of θ̂ to its N(0, V) null density).
 * Always-valid p-value: p = min(1, 1/Λ) (made monotone over looks by a running minimum, see
 * sequentialPValues). Rejects H0: θ = 0 when Λ ≥ 1/α, i.e. p ≤ α.
 * Always-valid CI: all θ0 with Λ(θ̂ − θ0) < 1/α. Taking logs,
 *   ½ ln(V/(V+τ²)) + (θ̂−θ0)² τ² / (2V(V+τ²)) < −ln α
 *   ⇔ (θ̂−θ0)² < V(V+τ²)/τ² · ( ln((V+τ²)/V) − 2 ln α ),
 * so CI = θ̂ ± sqrt( V(V+τ²)/τ² · (ln((V+τ²)/V) − 2 ln α) ), clipped to [−1, 1].
 *
 * τ (tau) is the standard deviation of the mixing distribution, in absolute rate units; Λ is most
 * sensitive to effects of about this size. Default used by analyzeExperiment: τ = minimum detectable
 * effect (see defaultSequentialTau).
 *
 * Degenerate data: when an arm has no exposures, or V = 0 (both observed rates are 0 or 1), the normal
 * approximation is undefined and no evidence is claimed: Λ = 1, p = 1, CI = [−1, 1].
 */
export function msprt(control: Counts, treatment: Counts, options: MsprtOptions): MsprtResult {
  const alpha = options.alpha ?? 0.05;
  const tau = options.tau;
  assertProbability(alpha, 'alpha');
  if (!(tau > 0) || !Number.isFinite(tau)) throw new RangeError('msprt: tau must be a positive finite number');
  assertConversions(control.conversions, control.exposures, 'control');
  assertConversions(treatment.conversions, treatment.exposures, 'treatment');
  const pc = control.exposures > 0 ? control.conversions / control.exposures : 0;
  const pt = treatment.exposures > 0 ? treatment.conversions / treatment.exposures : 0;
  const estimate = pt - pc;
  if (control.exposures === 0 || treatment.exposures === 0) {
    return { lambda: 1, pValue: 1, ciLow: -1, ciHigh: 1, rejects: false, estimate, variance: NaN };
  }
  const variance = (pc * (1 - pc)) / control.exposures + (pt * (1 - pt)) / treatment.exposures;
  if (!(variance > 0)) {
    return { lambda: 1, pValue: 1, ciLow: -1, ciHigh: 1, rejects: false, estimate, variance };
  }
  const tau2 = tau * tau;
  const logLambda = 0.5 * Math.log(variance / (variance + tau2)) + (estimate * estimate * tau2) / (2 * variance * (variance + tau2));
  const lambda = Math.exp(logLambda);
  const pValue = Math.min(1, Math.exp(-logLambda));
  const halfWidth = Math.sqrt(((variance * (variance + tau2)) / tau2) * (Math.log((variance + tau2) / variance) - 2 * Math.log(alpha)));
  return {
    lambda,
    pValue,
    ciLow: Math.max(-1, estimate - halfWidth),
    ciHigh: Math.min(1, estimate + halfWidth),
    rejects: logLambda >= -Math.log(alpha),
    estimate,
    variance,
  };
}

/** Running minimum of a sequence (used to make always-valid p-values monotone). */
export function runningMinimum(values: number[]): number[] {
  const out: number[] = [];
  let min = Infinity;
  for (const v of values) {
    if (v < min) min = v;
    out.push(min);
  }
  return out;
}

export interface SequentialLook {
  control: Counts;
  treatment: Counts;
}

/**
 * Always-valid p-values for a sequence of looks (cumulative counts at each look, in time order):
 * p_n = min over looks k ≤ n of min(1, 1/Λ_k). Non-increasing by construction.
 */
export function sequentialPValues(looks: SequentialLook[], options: MsprtOptions): number[] {
  return runningMinimum(looks.map((look) => msprt(look.control, look.treatment, options).pValue));
}
