import { describe, expect, it } from '@jest/globals';
import { RankingInputError } from './bands.js';
import { duelResult, seasonTable } from './duel.js';

describe('duelResult', () => {
  it('higher and lower is better, draw, no contest', () => {
    expect(duelResult(12, 9, 'HIGHER_IS_BETTER')).toEqual({ winner: 'A', margin: 3 });
    expect(duelResult(9, 12, 'HIGHER_IS_BETTER')).toEqual({ winner: 'B', margin: 3 });
    expect(duelResult(0.02, 0.05, 'LOWER_IS_BETTER')).toEqual({ winner: 'A', margin: 0.05 - 0.02 });
    expect(duelResult(7, 7, 'LOWER_IS_BETTER')).toEqual({ winner: 'DRAW', margin: 0 });
    expect(duelResult(null, 7, 'HIGHER_IS_BETTER')).toEqual({ winner: null, margin: null });
    expect(duelResult(7, Number.NaN, 'HIGHER_IS_BETTER')).toEqual({ winner: null, margin: null });
  });
});

describe('seasonTable', () => {
  it('3 points per win, 1 per draw, 0 per loss; sorted by points, wins, id', () => {
    const table = seasonTable([
      { a: 'alpha', b: 'bravo', winner: 'A' },
      { a: 'charlie', b: 'delta', winner: 'DRAW' },
      { a: 'bravo', b: 'charlie', winner: 'B' },
      { a: 'delta', b: 'alpha', winner: 'DRAW' },
      { a: 'alpha', b: 'charlie', winner: 'B' },
      { a: 'bravo', b: 'delta', winner: 'A' },
      { a: 'echo', b: 'alpha', winner: null },
    ]);
    expect(table).toEqual([
      { id: 'charlie', wins: 2, losses: 0, draws: 1, points: 7 },
      { id: 'alpha', wins: 1, losses: 1, draws: 1, points: 4 },
      { id: 'bravo', wins: 1, losses: 2, draws: 0, points: 3 },
      { id: 'delta', wins: 0, losses: 1, draws: 2, points: 2 },
      { id: 'echo', wins: 0, losses: 0, draws: 0, points: 0 },
    ]);
  });

  it('ties on points are broken by wins, then id', () => {
    const table = seasonTable([
      { a: 'x', b: 'y', winner: 'A' }, // x: 3
      { a: 'z', b: 'w', winner: 'DRAW' },
      { a: 'z', b: 'v', winner: 'DRAW' },
      { a: 'z', b: 'u', winner: 'DRAW' }, // z: 3 from draws
      { a: 'b', b: 'y', winner: 'A' }, // b: 3
    ]);
    expect(table.slice(0, 3).map((r) => [r.id, r.points, r.wins])).toEqual([
      ['b', 3, 1],
      ['x', 3, 1],
      ['z', 3, 0],
    ]);
  });

  it('rejects self-duels and unknown winners', () => {
    expect(() => seasonTable([{ a: 'x', b: 'x', winner: 'DRAW' }])).toThrow(RankingInputError);
    expect(() => seasonTable([{ a: 'x', b: 'y', winner: 'C' as never }])).toThrow(RankingInputError);
    expect(seasonTable([])).toEqual([]);
  });
});
