import { describe, expect, it } from '@jest/globals';
import { msprt, runningMinimum, sequentialPValues, type SequentialLook } from './sequential.js';

// References: python3 evaluation of the same closed forms (libs/stats/reference/compute_references.py).

describe('msprt (normal approximation, Johari et al.)', () => {
  it('1000/10000 vs 1100/10000, τ = 0.02 → Λ = 2.6901, p = 0.3717, CI [−0.00338, 0.02338]', () => {
    const r = msprt({ conversions: 1000, exposures: 10000 }, { conversions: 1100, exposures: 10000 }, { tau: 0.02 });
    expect(r.lambda).toBeCloseTo(2.6900933993600593, 10);
    expect(r.pValue).toBeCloseTo(0.37173430492706605, 12);
    expect(r.ciLow).toBeCloseTo(-0.003376578970021941, 12);
    expect(r.ciHigh).toBeCloseTo(0.023376578970021933, 12);
    expect(r.rejects).toBe(false);
  });
  it('1000/10000 vs 1200/10000, τ = 0.02 → Λ = 3697.45, p = 0.00027, rejects', () => {
    const r = msprt({ conversions: 1000, exposures: 10000 }, { conversions: 1200, exposures: 10000 }, { tau: 0.02, alpha: 0.05 });
    expect(r.lambda / 3697.4514737879836).toBeCloseTo(1, 10);
    expect(r.pValue).toBeCloseTo(0.00027045655827783317, 14);
    expect(r.ciLow).toBeCloseTo(0.006368361090728547, 12);
    expect(r.ciHigh).toBeCloseTo(0.033631638909271434, 12);
    expect(r.rejects).toBe(true);
  });
  it('identical arms → Λ = sqrt(V/(V+τ²)) < 1, p = 1', () => {
    const r = msprt({ conversions: 100, exposures: 1000 }, { conversions: 100, exposures: 1000 }, { tau: 0.01 });
    expect(r.lambda).toBeCloseTo(0.8017837257372731, 12);
    expect(r.pValue).toBe(1);
    expect(r.ciLow).toBeCloseTo(-0.056941916361245334, 12);
  });
  it('CI end points are exactly where Λ(θ̂ − θ0) = 1/α (checks the CI algebra)', () => {
    const control = { conversions: 480, exposures: 4000 };
    const treatment = { conversions: 560, exposures: 4100 };
    const alpha = 0.05;
    const tau = 0.015;
    const r = msprt(control, treatment, { alpha, tau });
    const lambdaAt = (theta0: number) => {
      const d = r.estimate - theta0;
      const v = r.variance;
      return Math.sqrt(v / (v + tau * tau)) * Math.exp((d * d * tau * tau) / (2 * v * (v + tau * tau)));
    };
    expect(lambdaAt(r.ciLow) * alpha).toBeCloseTo(1, 10);
    expect(lambdaAt(r.ciHigh) * alpha).toBeCloseTo(1, 10);
    // rejects ⇔ 0 outside the CI ⇔ p ≤ α
    expect(r.rejects).toBe(r.ciLow > 0 || r.ciHigh < 0);
    expect(r.rejects).toBe(r.pValue <= alpha);
  });
  it('degenerate data claims no evidence; invalid tau throws', () => {
    expect(msprt({ conversions: 0, exposures: 0 }, { conversions: 3, exposures: 10 }, { tau: 0.02 })).toMatchObject({
      lambda: 1,
      pValue: 1,
      ciLow: -1,
      ciHigh: 1,
      rejects: false,
    });
    expect(msprt({ conversions: 0, exposures: 50 }, { conversions: 0, exposures: 50 }, { tau: 0.02 }).pValue).toBe(1);
    expect(() => msprt({ conversions: 1, exposures: 5 }, { conversions: 1, exposures: 5 }, { tau: 0 })).toThrow(RangeError);
  });
});

describe('sequentialPValues', () => {
  it('returns the running minimum, so always-valid p-values never increase', () => {
    // treatment leads early then regresses: the raw p-value goes down and up again
    const looks: SequentialLook[] = [
      [100, 1000, 100, 1000],
      [200, 2000, 250, 2000],
      [300, 3000, 390, 3000],
      [400, 4000, 470, 4000],
      [500, 5000, 540, 5000],
      [600, 6000, 610, 6000],
    ].map(([cc, cn, tc, tn]) => ({ control: { conversions: cc, exposures: cn }, treatment: { conversions: tc, exposures: tn } }));
    const raw = looks.map((l) => msprt(l.control, l.treatment, { tau: 0.02 }).pValue);
    const p = sequentialPValues(looks, { tau: 0.02 });
    expect(p).toEqual(runningMinimum(raw));
    for (let i = 1; i < p.length; i++) expect(p[i]).toBeLessThanOrEqual(p[i - 1]);
    expect(raw[raw.length - 1]).toBeGreaterThan(p[p.length - 1]); // the raw value did rise again
  });
  it('runningMinimum', () => {
    expect(runningMinimum([1, 0.4, 0.6, 0.2, 0.3])).toEqual([1, 0.4, 0.4, 0.2, 0.2]);
    expect(runningMinimum([])).toEqual([]);
  });
});
