import { describe, expect, it } from '@jest/globals';
import { dailyTotals, intervalBars, linear, niceTicks, plannedSample, progressShare, pValuePath, upliftGeometry } from './stats';

describe('experiment screen helpers', () => {
  it('plans the sample with the server formula (docs/experiments.md)', () => {
    // p1 = 0.10, δ = 0.02 → 3,840.85 → 3,841 per arm (the worked example of the docs).
    expect(plannedSample(0.1, 0.02)).toBe(3841);
    // R: power.prop.test(p1 = 0.2, p2 = 0.25, power = 0.8) → n = 1093.7 → 1,094.
    expect(plannedSample(0.2, 0.05)).toBe(1094);
    // p1 = 0.5, δ = 0.1: power.prop.test → 387.3 → 388.
    expect(plannedSample(0.5, 0.1)).toBe(388);
    expect(plannedSample(0, 0.02)).toBeNull();
    expect(plannedSample(0.1, 0)).toBeNull();
    expect(plannedSample(0.95, 0.1)).toBeNull();
    expect(plannedSample(Number.NaN, 0.1)).toBeNull();
  });

  it('draws scales and nice ticks', () => {
    expect(linear(0, 1, 0, 100)(0.25)).toBe(25);
    expect(niceTicks(0.13)).toEqual([0, 0.05, 0.1, 0.15]);
    expect(niceTicks(1)).toEqual([0, 0.5, 1]);
    expect(niceTicks(0)).toEqual([0]);
  });

  it('places the rate bars and their Wilson intervals', () => {
    const { bars, ticks, max } = intervalBars(
      [
        { key: 'control', rate: 0.1, ciLow: 0.05, ciHigh: 0.15 },
        { key: 'voice', rate: 0.2, ciLow: 0.12, ciHigh: 0.19 },
      ],
      200,
      30,
    );
    expect(max).toBe(0.2);
    expect(bars[0]).toMatchObject({ key: 'control', x: 100, x0: 50, y: 0 });
    expect(bars[0].x1).toBeCloseTo(150, 9);
    expect(bars[1].x).toBe(200);
    expect(bars[1].y).toBe(30);
    expect(ticks.map((t) => Math.round(t.x * 1e9) / 1e9)).toEqual([0, 50, 100, 150, 200]);
  });

  it('centres the uplift axis on zero', () => {
    const g = upliftGeometry(0.05, -0.01, 0.1, 236);
    expect(g.zero).toBe(118);
    expect(g.x0).toBeLessThan(g.zero);
    expect(g.x1).toBeCloseTo(8 + (220 * (0.1 + 0.11)) / 0.22, 9);
  });

  it('draws the p-value path top (1) to bottom (0)', () => {
    const { d, points } = pValuePath([1, 0.5, 0], 108, 108);
    expect(points).toEqual([
      { x: 4, y: 4 },
      { x: 54, y: 54 },
      { x: 104, y: 104 },
    ]);
    expect(d).toBe('M4,4 L54,54 L104,104');
    expect(pValuePath([0.2], 100, 100).points[0].x).toBe(50);
  });

  it('measures progress by the smallest arm', () => {
    expect(progressShare([500, 300], 1000)).toBe(0.3);
    expect(progressShare([5000], 1000)).toBe(1);
    expect(progressShare([10], null)).toBe(0);
  });

  it('adds corrections into daily totals', () => {
    expect(
      dailyTotals([
        { day: '2026-12-02', variantKey: 'b', exposures: 10, conversions: 2 },
        { day: '2026-12-01', variantKey: 'a', exposures: 5, conversions: 1 },
        { day: '2026-12-02', variantKey: 'b', exposures: -2, conversions: -1 },
      ]),
    ).toEqual([
      { day: '2026-12-01', variantKey: 'a', exposures: 5, conversions: 1, entries: 1 },
      { day: '2026-12-02', variantKey: 'b', exposures: 8, conversions: 1, entries: 2 },
    ]);
  });
});
