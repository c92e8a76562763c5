import { describe, expect, it } from '@jest/globals';
import { bandCounts, compareIds, compareValues, positionalBand, RankingInputError, RULES_VERSION, validatePercentages } from './bands.js';

describe('bandCounts (default 20/10)', () => {
  it.each([
    [0, 0, 0],
    [1, 0, 0], // round(0.2) = 0
    [2, 0, 0], // round(0.4) = 0
    [3, 1, 0], // round(0.6) = 1
    [5, 1, 0],
    [7, 1, 0], // round(1.4) = 1, floor(0.7) = 0
    [10, 2, 1], // 10 × 20 % is exactly 2, 10 × 10 % exactly 1
    [13, 3, 1], // round(2.6) = 3
    [20, 4, 2],
    [25, 5, 2], // 25 × 10 % = 2.5 → floor 2
    [30, 6, 3], // 30 × 0.1 = 3.0000000000000004 in floats: still 3
    [100, 20, 10],
  ])('n = %p → top %p, bottom %p', (n, topCount, bottomCount) => {
    expect(bandCounts(n)).toEqual({ topCount, bottomCount });
  });

  it('rounds halves up for the top band (30/10: n = 5 → 1.5 → 2) and floors the bottom band', () => {
    expect(bandCounts(5, 30, 10)).toEqual({ topCount: 2, bottomCount: 0 });
    expect(bandCounts(10, 30, 10)).toEqual({ topCount: 3, bottomCount: 1 });
    expect(bandCounts(15, 30, 10)).toEqual({ topCount: 5, bottomCount: 1 }); // 4.5 → 5, 1.5 → 1
    expect(bandCounts(1, 50, 50)).toEqual({ topCount: 1, bottomCount: 0 });
    expect(bandCounts(3, 50, 50)).toEqual({ topCount: 2, bottomCount: 1 });
  });

  it('is exact integer arithmetic: matches an independent quotient/remainder reference, and bands never overlap', () => {
    const failures: string[] = [];
    for (let n = 0; n <= 400; n++) {
      for (let top = 0; top <= 100; top += 1) {
        for (const bottom of [0, 1, 5, 10, 25, 100 - top]) {
          if (top + bottom > 100) continue;
          const t = n * top;
          const expectedTop = Math.trunc(t / 100) + (t % 100 >= 50 ? 1 : 0);
          const expectedBottom = Math.trunc((n * bottom) / 100);
          const c = bandCounts(n, top, bottom);
          if (c.topCount !== expectedTop || c.bottomCount !== expectedBottom || c.topCount + c.bottomCount > n) {
            failures.push(`n=${n} ${top}/${bottom}: ${JSON.stringify(c)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it.each([
    [-1, 20, 10],
    [1.5, 20, 10],
    [Number.NaN, 20, 10],
    [10, -1, 10],
    [10, 20.5, 10],
    [10, 101, 0],
    [10, 20, Number.NaN],
    [10, 60, 41],
  ])('rejects n = %p, top = %p, bottom = %p', (n, top, bottom) => {
    expect(() => bandCounts(n, top, bottom)).toThrow(RankingInputError);
  });

  it('accepts the edge percentages 0/0, 100/0 and 0/100', () => {
    expect(() => validatePercentages(0, 0)).not.toThrow();
    expect(bandCounts(4, 100, 0)).toEqual({ topCount: 4, bottomCount: 0 });
    expect(bandCounts(4, 0, 100)).toEqual({ topCount: 0, bottomCount: 4 });
  });
});

describe('helpers', () => {
  it('positionalBand: n = 10 (2 top, 1 bottom)', () => {
    const c = { topCount: 2, bottomCount: 1 };
    expect([1, 2, 3, 9, 10].map((p) => positionalBand(p, 10, c))).toEqual(['TOP', 'TOP', 'MIDDLE', 'MIDDLE', 'BOTTOM']);
  });

  it('compareValues respects direction; compareIds is code-unit order', () => {
    expect(compareValues(2, 1, 'HIGHER_IS_BETTER')).toBe(-1);
    expect(compareValues(2, 1, 'LOWER_IS_BETTER')).toBe(1);
    expect(compareValues(1, 1, 'LOWER_IS_BETTER')).toBe(0);
    expect(['b', 'B', 'a', 'a10', 'a2'].sort(compareIds)).toEqual(['B', 'a', 'a10', 'a2', 'b']);
  });

  it('RULES_VERSION is pinned', () => {
    expect(RULES_VERSION).toBe('271-v1');
  });
});
