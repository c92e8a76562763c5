import { describe, expect, it } from '@jest/globals';
import { binomialSample, mulberry32, simulateFalsePositiveRates } from './simulation.js';

describe('mulberry32', () => {
  it('reproduces a python3 port with explicit 32-bit arithmetic (libs/stats/reference/compute_references.py)', () => {
    const r = mulberry32(1);
    expect([r(), r(), r()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    const s = mulberry32(123456789);
    expect([s(), s(), s()]).toEqual([0.2577907438389957, 0.9707721115555614, 0.7853280142880976]);
  });
  it('is deterministic per seed and roughly uniform', () => {
    const a = mulberry32(99);
    const b = mulberry32(99);
    const xs = Array.from({ length: 100000 }, () => a());
    const ys = Array.from({ length: 100000 }, () => b());
    expect(xs).toEqual(ys);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005); // SE = 0.0009
  });
});

describe('binomialSample', () => {
  it('has mean n·p and variance n·p·(1−p) (single and chunked inversion)', () => {
    const r = mulberry32(5);
    for (const [n, p] of [
      [200, 0.1],
      [200, 0.9],
      [20000, 0.1],
    ]) {
      const draws = 2000;
      const xs = Array.from({ length: draws }, () => binomialSample(n, p, r));
      const mean = xs.reduce((s, x) => s + x, 0) / draws;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (draws - 1);
      const se = Math.sqrt((n * p * (1 - p)) / draws);
      expect(Math.abs(mean - n * p)).toBeLessThan(4 * se);
      expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.85); // sd of the ratio ≈ sqrt(2/2000) = 0.032
      expect(variance / (n * p * (1 - p))).toBeLessThan(1.15);
    }
  });
});

describe('simulateFalsePositiveRates (A/A tests with daily peeking)', () => {
  const alpha = 0.05;
  const runs = 2000;
  const se = Math.sqrt((alpha * (1 - alpha)) / runs); // 0.00487

  it('naive peeking inflates the false-positive rate; the mSPRT keeps it ≤ α + 3·SE', () => {
    for (const tau of [0.01, 0.02]) {
      const r = simulateFalsePositiveRates({ seed: 42, trueRate: 0.1, dailyExposuresPerArm: 200, days: 30, runs, alpha, tau });
      expect(r.sequential).toBeLessThanOrEqual(alpha + 3 * se);
      expect(r.naive).toBeGreaterThan(alpha + 10 * se); // observed ≈ 0.28 with 30 looks
    }
  });

  it('is reproducible for a seed', () => {
    const opts = { seed: 7, trueRate: 0.05, dailyExposuresPerArm: 100, days: 10, runs: 200, alpha };
    expect(simulateFalsePositiveRates(opts)).toEqual(simulateFalsePositiveRates(opts));
  });
});
