import { describe, expect, it } from '@jest/globals';
import { RankingInputError } from './bands.js';
import { rankEntities } from './rank.js';
import { applyShrinkage, populationRate, shrinkRate } from './shrinkage.js';

describe('shrinkRate', () => {
  it('3/4 does not outrank 60/100 with k = 20 at p̄ = 0.3', () => {
    // (3 + 20·0.3) / (4 + 20) = 9/24 = 0.375 ; (60 + 6) / (100 + 20) = 66/120 = 0.55
    expect(shrinkRate(3, 4, 20, 0.3)).toBe(0.375);
    expect(shrinkRate(60, 100, 20, 0.3)).toBe(0.55);
    expect(shrinkRate(3, 4, 20, 0.3)).toBeLessThan(shrinkRate(60, 100, 20, 0.3));
    expect(3 / 4).toBeGreaterThan(60 / 100); // raw rates would rank them the other way round
  });

  it('k = 0 is the raw rate; a zero denominator gives p̄; large k tends to p̄', () => {
    expect(shrinkRate(3, 4, 0, 0.3)).toBe(0.75);
    expect(shrinkRate(0, 0, 20, 0.3)).toBe(0.3);
    expect(shrinkRate(3, 4, 1e9, 0.3)).toBeCloseTo(0.3, 8);
  });

  it('rejects invalid inputs', () => {
    expect(() => shrinkRate(0, 0, 0, 0.3)).toThrow(RankingInputError);
    expect(() => shrinkRate(-1, 4, 20, 0.3)).toThrow(RankingInputError);
    expect(() => shrinkRate(1, Number.NaN, 20, 0.3)).toThrow(RankingInputError);
    expect(() => shrinkRate(1, 4, -5, 0.3)).toThrow(RankingInputError);
    expect(() => shrinkRate(1, 4, 5, Number.NaN)).toThrow(RankingInputError);
  });
});

describe('populationRate', () => {
  it('Σnum / Σden over eligible entities with counts; 0 when Σden = 0', () => {
    expect(
      populationRate([
        { numerator: 3, denominator: 4 },
        { numerator: 60, denominator: 100 },
        { numerator: 27, denominator: 196 },
        { numerator: 50, denominator: 50, eligible: false },
        {},
      ]),
    ).toBe(0.3);
    expect(populationRate([])).toBe(0);
    expect(populationRate([{ numerator: 0, denominator: 0 }])).toBe(0);
  });
});

describe('applyShrinkage', () => {
  it('p̄ = 90/300 = 0.3, k = 20: raw and adjusted values, and the resulting ranking', () => {
    const {
      populationRate: p,
      k,
      entities,
    } = applyShrinkage(
      [
        { id: 'small', numerator: 3, denominator: 4 },
        { id: 'big', numerator: 60, denominator: 100 },
        { id: 'weak', numerator: 27, denominator: 196 },
        { id: 'off', numerator: 1, denominator: 1, eligible: false },
        { id: 'none' },
      ],
      20,
    );
    expect(p).toBe(0.3);
    expect(k).toBe(20);
    expect(entities.map((e) => [e.id, e.rawValue, e.adjustedValue])).toEqual([
      ['small', 0.75, 0.375],
      ['big', 0.6, 0.55],
      ['weak', 27 / 196, 33 / 216], // 33/216 = 0.152777…
      ['off', 1, 7 / 21], // (1 + 6)/21 = 1/3
      ['none', null, null],
    ]);
    const standings = rankEntities({ entities, direction: 'HIGHER_IS_BETTER' });
    expect(standings.map((s) => [s.id, s.rank, s.unrankedReason])).toEqual([
      ['big', 1, null],
      ['small', 2, null],
      ['weak', 3, null],
      ['none', null, 'NO_VALUE'],
      ['off', null, 'INELIGIBLE'],
    ]);
  });

  it('zero denominator: raw null, adjusted p̄ (k > 0) or null (k = 0)', () => {
    const rows = [
      { id: 'a', numerator: 3, denominator: 10 },
      { id: 'z', numerator: 0, denominator: 0 },
    ];
    expect(applyShrinkage(rows, 5).entities[1]).toMatchObject({ rawValue: null, adjustedValue: 0.3, value: 0.3 });
    expect(applyShrinkage(rows, 0).entities[1]).toMatchObject({ rawValue: null, adjustedValue: null, value: null });
    expect(() => applyShrinkage(rows, -1)).toThrow(RankingInputError);
  });
});
