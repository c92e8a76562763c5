import { describe, expect, it } from '@jest/globals';
import { barLayout, linearScale, niceTicks, periodStartOf, periodStarts, relativeChange, seriesGeometry, seriesScale, traceSeries } from './chart';

const box = { width: 220, height: 120, left: 20, right: 0, top: 10, bottom: 10 };

describe('linearScale', () => {
  it('maps the domain onto the range, flat domains to the middle', () => {
    const s = linearScale([0, 10], [100, 0]);
    expect(s(0)).toBe(100);
    expect(s(5)).toBe(50);
    expect(s(10)).toBe(0);
    expect(linearScale([3, 3], [0, 10])(3)).toBe(5);
  });
});

describe('niceTicks', () => {
  it('covers the extent with steps of 1, 2 or 5 × 10^n', () => {
    expect(niceTicks(0, 97, 4)).toEqual([0, 50, 100]);
    expect(niceTicks(0, 97, 6)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 0.34, 4)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(-12, 30, 4)).toEqual([-20, 0, 20, 40]);
  });
  it('widens a single value and handles nonsense', () => {
    expect(niceTicks(0, 0)).toEqual([0, 1]);
    const t = niceTicks(50, 50);
    expect(t[0]).toBeLessThanOrEqual(50);
    expect(t[t.length - 1]).toBeGreaterThanOrEqual(50);
    expect(niceTicks(NaN, 3)).toEqual([0, 1]);
  });
});

describe('seriesGeometry', () => {
  it('draws every series with one shared scale from 0, lifting the pen at gaps', () => {
    const g = seriesGeometry(
      [
        [0, 50, 100],
        [100, null, 0],
      ],
      3,
      box,
    );
    expect(g.xs).toEqual([20, 120, 220]);
    expect(g.yTicks[0]).toEqual({ value: 0, y: 110 });
    expect(g.yTicks[g.yTicks.length - 1]).toEqual({ value: 100, y: 10 });
    expect(g.paths[0]).toBe('M20 110 L120 60 L220 10');
    expect(g.paths[1]).toBe('M20 10 M220 110');
  });
  it('gives an empty path to a series without values and copes with no data at all', () => {
    const g = seriesGeometry([[null, null]], 2, box);
    expect(g.paths).toEqual(['']);
    expect(g.yTicks.map((t) => t.value)).toEqual([0, 0.5, 1]);
  });
  it('draws 2,000 series × 13 periods quickly', () => {
    const values = Array.from({ length: 2000 }, (_, s) => Array.from({ length: 13 }, (_, p) => ((s * 31 + p * 17) % 1000) / 10));
    const t0 = performance.now();
    const g = seriesGeometry(values, 13, { width: 900, height: 300, left: 50, right: 10, top: 10, bottom: 24 });
    const ms = performance.now() - t0;
    expect(g.paths).toHaveLength(2000);
    expect(g.paths[1999]!.split(/[ML]/).length - 1).toBe(13);
    expect(ms).toBeLessThan(250);
  });
});

describe('traceSeries', () => {
  it('moves and draws through the same points as the paths, lifting the pen at gaps', () => {
    const values = [
      [0, 50, 100],
      [100, null, 0],
    ];
    const calls: string[] = [];
    traceSeries(values, seriesScale(values, 3, box), {
      moveTo: (x, y) => calls.push(`M${x} ${y}`),
      lineTo: (x, y) => calls.push(`L${x} ${y}`),
    });
    expect(calls.join(' ')).toBe(seriesGeometry(values, 3, box).paths.join(' '));
  });
});

describe('barLayout', () => {
  it('starts bars at zero on the left when all values are positive', () => {
    const l = barLayout([50, 100, null]);
    expect(l.zero).toBe(0);
    expect(l.bars).toEqual([{ x: 0, width: 50 }, { x: 0, width: 100 }, null]);
  });
  it('moves the zero line for negative values', () => {
    const l = barLayout([-50, 150]);
    expect(l.zero).toBe(25);
    expect(l.bars).toEqual([
      { x: 0, width: 25 },
      { x: 25, width: 75 },
    ]);
  });
});

describe('periods', () => {
  it('finds the start of the period containing a date', () => {
    expect(periodStartOf('ISO_WEEK', '2026-12-05')).toBe('2026-11-30'); // a Saturday → Monday
    expect(periodStartOf('ISO_WEEK', '2026-11-30')).toBe('2026-11-30');
    expect(periodStartOf('ISO_WEEK', '2026-12-06')).toBe('2026-11-30'); // Sunday
    expect(periodStartOf('MONTH', '2026-12-05')).toBe('2026-12-01');
    expect(periodStartOf('QUARTER', '2026-11-05')).toBe('2026-10-01');
    expect(periodStartOf('DAY', '2026-11-05')).toBe('2026-11-05');
  });
  it('lists the last n periods oldest first, across year ends', () => {
    expect(periodStarts('ISO_WEEK', '2026-01-07', 3)).toEqual(['2025-12-22', '2025-12-29', '2026-01-05']);
    expect(periodStarts('MONTH', '2026-02-15', 3)).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
    expect(periodStarts('QUARTER', '2026-02-15', 2)).toEqual(['2025-10-01', '2026-01-01']);
    expect(periodStarts('DAY', '2026-03-01', 2)).toEqual(['2026-02-28', '2026-03-01']);
    expect(periodStarts('ISO_WEEK', '2026-12-05', 13)).toHaveLength(13);
  });
});

describe('relativeChange', () => {
  it('is the change over the absolute base, null without a base', () => {
    expect(relativeChange(100, 150)).toBe(0.5);
    expect(relativeChange(-100, -50)).toBe(0.5);
    expect(relativeChange(0, 5)).toBeNull();
    expect(relativeChange(null, 5)).toBeNull();
  });
});
