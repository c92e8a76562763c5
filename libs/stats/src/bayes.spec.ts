import { describe, expect, it } from '@jest/globals';
import { probabilityBBeatsA, probabilityBBeatsANumeric } from './bayes.js';

// Exact references: Evan Miller's sum in python3 fractions (exact rationals, factorial Beta functions);
// large-count references: python3 math.lgamma summation and an independent 400,000-cell grid integration.
// See libs/stats/reference/compute_references.py.

describe('probabilityBBeatsA (Beta(1,1) priors)', () => {
  it.each([
    [3, 10, 5, 12, 10399 / 14858],
    [0, 20, 2, 20, 145 / 164],
    [10, 100, 15, 100, 0.8532837899339661],
  ])('(%p/%p vs %p/%p) equals the exact rational value', (ac, an, bc, bn, expected) => {
    expect(Math.abs(probabilityBBeatsA(ac, an, bc, bn) - expected)).toBeLessThan(1e-12);
  });

  it('uniform A: P(p_B > U) = E[p_B] = (bConv + 1)/(bExp + 2) (textbook identity)', () => {
    expect(probabilityBBeatsA(0, 0, 1, 1)).toBeCloseTo(2 / 3, 12);
    expect(probabilityBBeatsA(0, 0, 5000, 50000)).toBeCloseTo(5001 / 50002, 10);
  });

  it('equal data → 0.5 (symmetry), also for large counts', () => {
    expect(probabilityBBeatsA(7, 20, 7, 20)).toBeCloseTo(0.5, 12);
    expect(probabilityBBeatsA(5000, 50000, 5000, 50000)).toBeCloseTo(0.5, 9);
    expect(probabilityBBeatsA(0, 0, 0, 0)).toBeCloseTo(0.5, 12);
  });

  it('P(B > A) + P(A > B) = 1', () => {
    expect(probabilityBBeatsA(30, 200, 41, 210) + probabilityBBeatsA(41, 210, 30, 200)).toBeCloseTo(1, 12);
  });

  it('large counts: 50,000 exposures per arm, matching python3 references', () => {
    const p = probabilityBBeatsA(5000, 50000, 5150, 50000);
    const q = probabilityBBeatsA(500, 50000, 560, 50000);
    const r = probabilityBBeatsA(45000, 50000, 45150, 50000);
    // python3 lgamma-sum 0.9418699233298088, grid 0.9418698973348907
    expect(Math.abs(p - 0.9418699233298088)).toBeLessThan(1e-7);
    // python3 lgamma-sum 0.9680023780428438, grid 0.9680022129696059
    expect(Math.abs(q - 0.9680023780428438)).toBeLessThan(1e-7);
    // python3 lgamma-sum 0.9442795120474883, grid 0.9442794858408293 (exercises the failure-count form)
    expect(Math.abs(r - 0.9442795120474883)).toBeLessThan(1e-7);
  });
});

describe('probabilityBBeatsANumeric cross-check', () => {
  it.each([
    [3, 10, 5, 12],
    [0, 20, 2, 20],
    [0, 0, 1, 1],
    [10, 100, 15, 100],
    [1, 3, 40, 900],
    [5000, 50000, 5150, 50000],
    [500, 50000, 560, 50000],
    [0, 50000, 3, 50000],
    [45000, 50000, 44900, 50000],
    [12, 40, 300, 1000],
  ])('closed form and Simpson integration agree within 1e-6 (%p/%p vs %p/%p)', (ac, an, bc, bn) => {
    expect(Math.abs(probabilityBBeatsA(ac, an, bc, bn) - probabilityBBeatsANumeric(ac, an, bc, bn))).toBeLessThan(1e-6);
  });
});
