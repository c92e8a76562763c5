import { twoProportionZTest } from './proportions.js';
import { msprt } from './sequential.js';
import { assertProbability } from './validation.js';

/**
 * mulberry32: a small seeded 32-bit PRNG (Tommy Ettinger). Returns a function producing floats in [0, 1).
 * Same seed → same sequence. Not cryptographic; used only for reproducible simulations.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Exact Binomial(n, p) draw by inversion: walk the pmf from k = 0 (pmf(0) = (1 − p)^n,
 * pmf(k+1) = pmf(k) · (n − k)/(k + 1) · p/(1 − p)) until the cumulative sum reaches a uniform draw.
 * Uses the smaller of p and 1 − p; when (1 − p)^n would underflow, n is split into chunks (a sum of
 * independent binomials with the same p is binomial). Cost O(n · min(p, 1 − p)) per draw.
 */
export function binomialSample(n: number, p: number, random: () => number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('binomialSample: n must be a non-negative integer');
  if (p <= 0 || n === 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomialSample(n, 1 - p, random);
  const maxChunk = Math.max(1, Math.floor(500 / -Math.log1p(-p)));
  let total = 0;
  for (let remaining = n; remaining > 0; remaining -= maxChunk) {
    const m = Math.min(remaining, maxChunk);
    const u = random();
    const ratio = p / (1 - p);
    let pmf = Math.exp(m * Math.log1p(-p));
    let cdf = pmf;
    let k = 0;
    while (u > cdf && k < m) {
      pmf *= ((m - k) / (k + 1)) * ratio;
      k++;
      cdf += pmf;
    }
    total += k;
  }
  return total;
}

export interface FalsePositiveSimulationOptions {
  seed: number;
  /** True conversion rate of both arms (A/A test). */
  trueRate: number;
  dailyExposuresPerArm: number;
  /** Number of looks; one look per day at cumulative counts. */
  days: number;
  runs: number;
  alpha: number;
  /** mSPRT mixing standard deviation; default 0.1 × trueRate (a 10% relative effect). */
  tau?: number;
}

/**
 * A/A simulation of "peeking". Each run draws, per day and arm, Binomial(dailyExposuresPerArm, trueRate)
 * conversions and looks at the cumulative counts once per day.
 * - naive: share of runs where the pooled z-test had p < alpha at any look;
 * - sequential: share of runs where the mSPRT rejected (Λ ≥ 1/alpha) at any look.
 * Deterministic for a given seed.
 */
export function simulateFalsePositiveRates(options: FalsePositiveSimulationOptions): { naive: number; sequential: number } {
  const { seed, trueRate, dailyExposuresPerArm, days, runs, alpha } = options;
  assertProbability(trueRate, 'trueRate');
  assertProbability(alpha, 'alpha');
  for (const [name, v] of Object.entries({ dailyExposuresPerArm, days, runs })) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer`);
  }
  const tau = options.tau ?? 0.1 * trueRate;
  const random = mulberry32(seed);
  let naiveHits = 0;
  let sequentialHits = 0;
  for (let run = 0; run < runs; run++) {
    let cc = 0;
    let ct = 0;
    let naive = false;
    let sequential = false;
    for (let day = 1; day <= days; day++) {
      cc += binomialSample(dailyExposuresPerArm, trueRate, random);
      ct += binomialSample(dailyExposuresPerArm, trueRate, random);
      const n = day * dailyExposuresPerArm;
      if (!naive && twoProportionZTest(cc, n, ct, n).pValue < alpha) naive = true;
      if (!sequential && msprt({ conversions: cc, exposures: n }, { conversions: ct, exposures: n }, { alpha, tau }).rejects) {
        sequential = true;
      }
    }
    if (naive) naiveHits++;
    if (sequential) sequentialHits++;
  }
  return { naive: naiveHits / runs, sequential: sequentialHits / runs };
}
