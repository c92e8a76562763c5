import { describe, expect, it } from '@jest/globals';
import { chiSquareSurvival, logGamma, normalCdf, normalQuantile, regularizedGammaP, regularizedGammaQ, regularizedIncompleteBeta } from './special.js';

// Reference values: libs/stats/reference/compute_references.py (python3 standard library).

describe('logGamma (Lanczos)', () => {
  // python3 math.lgamma
  const cases: [number, number][] = [
    [0.5, 0.5723649429247004],
    [1.5, -0.12078223763524543],
    [3.7, 1.4280723266653883],
    [10, 12.801827480081467],
    [100.25, 360.2845596377643],
    [1234.5, 7550.550901077896],
    [50001, 490995.2430498563],
  ];
  it.each(cases)('lgamma(%p) matches python3 math.lgamma', (x, expected) => {
    expect(Math.abs(logGamma(x) - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
  });
  it('is ~0 at 1 and 2 (Γ(1) = Γ(2) = 1)', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
  });
});

describe('normal distribution', () => {
  // python3: 0.5 * math.erfc(-z / sqrt(2))
  it.each([
    [-8, 6.220960574271819e-16],
    [-3, 0.0013498980316300957],
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [2.5, 0.9937903346742238],
  ])('normalCdf(%p) matches python3 math.erfc', (z, expected) => {
    expect(Math.abs(normalCdf(z) - expected)).toBeLessThan(1e-13 * Math.max(expected, 1e-3));
  });

  // python3 statistics.NormalDist().inv_cdf (also AS241, so additionally checked through normalCdf below)
  it.each([
    [1e-10, -6.361340902404056],
    [0.001, -3.090232306167813],
    [0.025, -1.9599639845400538],
    [0.2, -0.8416212335729142],
    [0.5, 0],
    [0.8, 0.8416212335729144],
    [0.975, 1.9599639845400536],
    [0.999, 3.090232306167813],
  ])('normalQuantile(%p) matches statistics.NormalDist', (p, expected) => {
    expect(Math.abs(normalQuantile(p) - expected)).toBeLessThan(1e-12);
  });

  it('normalCdf(normalQuantile(p)) round-trips (independent erfc implementation)', () => {
    for (const p of [1e-12, 1e-6, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-6]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-12 * Math.max(p, 1e-3));
    }
  });

  it('handles the end points', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });
});

describe('incomplete gamma and chi-square tail', () => {
  // python3 closed forms: Q(1,y) = e^-y, Q(1/2,y) = erfc(sqrt y), Q(a+1,y) = Q(a,y) + y^a e^-y / Γ(a+1).
  // The x values are the textbook 95% critical values of chi-square with 1, 2, 4, 5, 10 df (p = 0.05).
  it.each([
    [3.841458820694124, 1, 0.05000000000000008],
    [5.991464547107979, 2, 0.05000000000000007],
    [9.487729036781154, 4, 0.05000000000000006],
    [11.070497693516351, 5, 0.05000000000000003],
    [18.307038053275146, 10, 0.050000000000000044],
    [1.0, 3, 0.8012519569012009],
    [40.0, 3, 1.0655090334255873e-8],
  ])('chiSquareSurvival(%p, df=%p) = %p', (x, df, expected) => {
    expect(Math.abs(chiSquareSurvival(x, df) - expected)).toBeLessThan(1e-12 * expected);
  });

  it('P + Q = 1 and the limits are right', () => {
    for (const [a, x] of [
      [0.5, 0.1],
      [3, 2],
      [3, 10],
      [50, 45],
    ]) {
      expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 14);
    }
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(regularizedGammaP(2, 0)).toBe(0);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('matches closed forms: I_x(1,1) = x, I_x(a,1) = x^a, I_x(1,b) = 1 − (1−x)^b', () => {
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedIncompleteBeta(0.7, 5, 1)).toBeCloseTo(0.7 ** 5, 14);
    expect(regularizedIncompleteBeta(0.2, 1, 7)).toBeCloseTo(1 - 0.8 ** 7, 14);
  });
  it('matches the binomial identity I_p(k, n−k+1) = P(Bin(n,p) ≥ k) (exact sum)', () => {
    // P(Bin(10, 0.3) >= 4) by direct summation of the binomial pmf
    let tail = 0;
    for (let j = 4; j <= 10; j++) {
      let c = 1;
      for (let i = 0; i < j; i++) c = (c * (10 - i)) / (i + 1);
      tail += c * 0.3 ** j * 0.7 ** (10 - j);
    }
    expect(regularizedIncompleteBeta(0.3, 4, 7)).toBeCloseTo(tail, 13);
  });
  it('is symmetric: I_x(a,b) = 1 − I_{1−x}(b,a), also for large parameters', () => {
    expect(regularizedIncompleteBeta(0.1, 5001, 45001) + regularizedIncompleteBeta(0.9, 45001, 5001)).toBeCloseTo(1, 10);
    expect(regularizedIncompleteBeta(0.1, 5001, 45001)).toBeGreaterThan(0.4);
    expect(regularizedIncompleteBeta(0.1, 5001, 45001)).toBeLessThan(0.6);
  });
});
