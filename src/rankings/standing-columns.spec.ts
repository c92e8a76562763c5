import { describe, expect, it } from '@jest/globals';
import { StandingBand, type StandingModel } from './models/rankings.models.js';
import { standingColumns } from './standing-columns.js';

const line = (over: Partial<StandingModel> & { id: string }): StandingModel => ({
  rank: null,
  position: null,
  entity: { id: over.id, name: `Rep ${over.id}` },
  value: null,
  adjustedValue: null,
  numerator: null,
  denominator: null,
  band: StandingBand.UNRANKED,
  percentile: null,
  previousRank: null,
  rankDelta: null,
  bottomStreak: 0,
  unrankedReason: null,
  components: null,
  ...over,
});

describe('standingColumns', () => {
  it('one array per field, aligned by index, in the order of the lines (ties, nulls, unranked last)', () => {
    const lines = [
      line({ id: 'b', rank: 1, position: 1, value: 300, numerator: 300, band: StandingBand.TOP, percentile: 0.5, previousRank: 3, rankDelta: 2 }),
      line({ id: 'a', rank: 2, position: 2, value: 100, numerator: 100, band: StandingBand.MIDDLE, percentile: 0, previousRank: null, rankDelta: null }),
      line({
        id: 'c',
        rank: 2,
        position: 3,
        value: 100,
        numerator: 100,
        band: StandingBand.BOTTOM,
        percentile: 0,
        previousRank: 1,
        rankDelta: -1,
        bottomStreak: 2,
      }),
      line({ id: 'd', value: 1, adjustedValue: 0.4, numerator: 1, denominator: 1, unrankedReason: 'BELOW_MIN_SAMPLE: 1 of 3 leads' }),
    ];
    expect(standingColumns(lines)).toEqual({
      entityIds: ['b', 'a', 'c', 'd'],
      entityNames: ['Rep b', 'Rep a', 'Rep c', 'Rep d'],
      ranks: [1, 2, 2, null],
      positions: [1, 2, 3, null],
      values: [300, 100, 100, 1],
      adjustedValues: [null, null, null, 0.4],
      numerators: [300, 100, 100, 1],
      denominators: [null, null, null, 1],
      bands: ['TOP', 'MIDDLE', 'BOTTOM', 'UNRANKED'],
      percentiles: [0.5, 0, 0, null],
      previousRanks: [3, null, 1, null],
      rankDeltas: [2, null, -1, null],
      bottomStreaks: [0, 0, 2, 0],
      unrankedReasons: [null, null, null, 'BELOW_MIN_SAMPLE: 1 of 3 leads'],
    });
  });

  it('an empty board has empty columns', () => {
    const c = standingColumns([]);
    expect(Object.values(c).every((v) => Array.isArray(v) && v.length === 0)).toBe(true);
    expect(Object.keys(c)).toHaveLength(14);
  });
});
