import { describe, expect, it } from '@jest/globals';
import { RankingInputError } from './bands.js';
import { bottomStreak, rankDelta, watchList } from './movement.js';

describe('rankDelta', () => {
  it('positive = moved up, negative = moved down, null when either rank is missing', () => {
    expect(rankDelta(5, 2)).toBe(3);
    expect(rankDelta(2, 5)).toBe(-3);
    expect(rankDelta(4, 4)).toBe(0);
    expect(rankDelta(null, 1)).toBeNull();
    expect(rankDelta(1, null)).toBeNull();
    expect(rankDelta(undefined, 1)).toBeNull();
  });
});

describe('bottomStreak', () => {
  it('counts consecutive BOTTOM from the newest period; anything else (incl. UNRANKED) ends it', () => {
    expect(bottomStreak([])).toBe(0);
    expect(bottomStreak(['MIDDLE', 'BOTTOM', 'BOTTOM'])).toBe(0);
    expect(bottomStreak(['BOTTOM'])).toBe(1);
    expect(bottomStreak(['BOTTOM', 'BOTTOM', 'MIDDLE', 'BOTTOM'])).toBe(2);
    expect(bottomStreak(['BOTTOM', 'BOTTOM', 'BOTTOM'])).toBe(3);
    expect(bottomStreak(['BOTTOM', 'UNRANKED', 'BOTTOM'])).toBe(1);
  });
});

describe('watchList', () => {
  const history = {
    'squad-c': ['BOTTOM', 'BOTTOM'],
    'squad-a': ['BOTTOM', 'BOTTOM', 'BOTTOM'],
    'squad-b': ['BOTTOM', 'MIDDLE', 'BOTTOM'],
    'squad-d': ['TOP', 'BOTTOM', 'BOTTOM'],
    'squad-e': [],
  } as const;

  it('default k = 2 → ids with at least two consecutive recent BOTTOM bands, sorted', () => {
    expect(watchList(history)).toEqual(['squad-a', 'squad-c']);
  });

  it('k = 1 and k = 3', () => {
    expect(watchList(history, 1)).toEqual(['squad-a', 'squad-b', 'squad-c']);
    expect(watchList(history, 3)).toEqual(['squad-a']);
  });

  it('k must be an integer >= 1', () => {
    expect(() => watchList(history, 0)).toThrow(RankingInputError);
    expect(() => watchList(history, 1.5)).toThrow(RankingInputError);
  });
});
