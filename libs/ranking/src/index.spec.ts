import { describe, expect, it } from '@jest/globals';
import * as ranking from '@lib/ranking';

describe('@lib/ranking public API', () => {
  it('exports the documented functions and constants', () => {
    for (const name of [
      'bandCounts',
      'rankEntities',
      'applyEligibility',
      'checkEligibility',
      'shrinkRate',
      'populationRate',
      'applyShrinkage',
      'compositeScores',
      'rankDelta',
      'bottomStreak',
      'watchList',
      'duelResult',
      'seasonTable',
    ]) {
      expect(typeof (ranking as Record<string, unknown>)[name]).toBe('function');
    }
    expect(ranking.RULES_VERSION).toBe('271-v1');
    expect([ranking.DEFAULT_TOP_PCT, ranking.DEFAULT_BOTTOM_PCT]).toEqual([20, 10]);
  });

  it('end to end: eligibility → shrinkage → 271 bands', () => {
    const raw = [
      { id: 's1', numerator: 30, denominator: 100 },
      { id: 's2', numerator: 3, denominator: 4 },
      { id: 's3', numerator: 45, denominator: 100 },
    ];
    const eligible = ranking.applyEligibility(raw, { minDenominator: 20 });
    const { entities } = ranking.applyShrinkage(eligible, 20);
    const standings = ranking.rankEntities({ entities, direction: 'HIGHER_IS_BETTER' });
    expect(standings.map((s) => [s.id, s.rank, s.band, s.unrankedReason])).toEqual([
      ['s3', 1, 'MIDDLE', null],
      ['s1', 2, 'MIDDLE', null],
      ['s2', null, 'UNRANKED', 'BELOW_MIN_SAMPLE: 4 of 20 leads'],
    ]);
  });
});
