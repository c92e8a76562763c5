import { describe, expect, it } from '@jest/globals';
import { RankingInputError } from './bands.js';
import { compositeScores, type CompositeMetric } from './composite.js';
import { rankEntities } from './rank.js';

const metrics: CompositeMetric[] = [
  { key: 'sales', weight: 3, direction: 'HIGHER_IS_BETTER' },
  { key: 'refunds', weight: 1, direction: 'LOWER_IS_BETTER' },
  { key: 'nps', weight: 1, direction: 'HIGHER_IS_BETTER' },
];

describe('compositeScores', () => {
  it('min-max per metric, direction-aware, all-equal → 0.5, weights normalised (3:1:1 → 0.6/0.2/0.2)', () => {
    const r = compositeScores(
      [
        { id: 'A', values: { sales: 10, refunds: 1, nps: 50 } },
        { id: 'B', values: { sales: 30, refunds: 5, nps: 50 } },
        { id: 'C', values: { sales: 20, refunds: 3, nps: 50 } },
        { id: 'D', values: { sales: 99, refunds: null, nps: 50 } },
        { id: 'E', values: { sales: 15 } },
      ],
      metrics,
    );
    expect(r).toEqual([
      { id: 'A', score: 0.3, parts: { sales: 0, refunds: 1, nps: 0.5 }, reason: null }, // (3·0 + 1 + 0.5)/5
      { id: 'B', score: 0.7, parts: { sales: 1, refunds: 0, nps: 0.5 }, reason: null }, // (3 + 0 + 0.5)/5
      { id: 'C', score: 0.5, parts: { sales: 0.5, refunds: 0.5, nps: 0.5 }, reason: null }, // (1.5 + 0.5 + 0.5)/5
      { id: 'D', score: null, parts: { sales: null, refunds: null, nps: null }, reason: 'MISSING_VALUE: refunds' },
      { id: 'E', score: null, parts: { sales: null, refunds: null, nps: null }, reason: 'MISSING_VALUE: refunds, nps' },
    ]);
    // D's sales of 99 did not stretch the sales range (population = complete entities only).
    const standings = rankEntities({ entities: r.map((c) => ({ id: c.id, value: c.score })), direction: 'HIGHER_IS_BETTER' });
    expect(standings.map((s) => [s.id, s.rank])).toEqual([
      ['B', 1],
      ['C', 2],
      ['A', 3],
      ['D', null],
      ['E', null],
    ]);
  });

  it('non-trivial min-max value', () => {
    const r = compositeScores(
      [
        { id: 'x', values: { conv: 0.1, refund: 0.02 } },
        { id: 'y', values: { conv: 0.25, refund: 0.08 } },
        { id: 'z', values: { conv: 0.4, refund: 0.05 } },
      ],
      [
        { key: 'conv', weight: 0.7, direction: 'HIGHER_IS_BETTER' },
        { key: 'refund', weight: 0.3, direction: 'LOWER_IS_BETTER' },
      ],
    );
    // y: conv (0.25−0.1)/(0.4−0.1) = 0.5, refund (0.08−0.08)/0.06 = 0 → 0.35 ; z: 1 and 0.5 → 0.85 ; x: 0 and 1 → 0.3
    expect(r[0].score).toBeCloseTo(0.3, 12);
    expect(r[1].parts.conv).toBeCloseTo(0.5, 12);
    expect(r[1].score).toBeCloseTo(0.35, 12);
    expect(r[2].parts.refund).toBeCloseTo(0.5, 12);
    expect(r[2].score).toBeCloseTo(0.85, 12);
  });

  it('a single complete entity gets 0.5 on every metric; zero-weight metrics still require a value', () => {
    const r = compositeScores(
      [{ id: 'solo', values: { a: 7, b: 1 } }],
      [
        { key: 'a', weight: 1, direction: 'HIGHER_IS_BETTER' },
        { key: 'b', weight: 0, direction: 'LOWER_IS_BETTER' },
      ],
    );
    expect(r).toEqual([{ id: 'solo', score: 0.5, parts: { a: 0.5, b: 0.5 }, reason: null }]);
    expect(compositeScores([], metrics)).toEqual([]);
  });

  it('rejects bad metric definitions and duplicate ids', () => {
    expect(() => compositeScores([], [])).toThrow(RankingInputError);
    expect(() => compositeScores([], [{ key: 'a', weight: 0, direction: 'HIGHER_IS_BETTER' }])).toThrow('sum to > 0');
    expect(() => compositeScores([], [{ key: 'a', weight: -1, direction: 'HIGHER_IS_BETTER' }])).toThrow(RankingInputError);
    expect(() =>
      compositeScores(
        [],
        [
          { key: 'a', weight: 1, direction: 'HIGHER_IS_BETTER' },
          { key: 'a', weight: 1, direction: 'LOWER_IS_BETTER' },
        ],
      ),
    ).toThrow('duplicate metric key');
    expect(() =>
      compositeScores(
        [
          { id: 'x', values: {} },
          { id: 'x', values: {} },
        ],
        metrics,
      ),
    ).toThrow('duplicate entity id');
  });
});
