import { describe, expect, it } from '@jest/globals';
import { RankingScope } from './entities/ranking.entities.js';
import { StandingBand, type StandingModel } from './models/rankings.models.js';
import { lineOf, ownEntityId } from './own-line.js';

const line = (id: string, rank: number | null): StandingModel => ({
  rank,
  position: rank,
  entity: { id, name: `Entity ${id}` },
  value: rank === null ? null : 100 - rank,
  adjustedValue: null,
  numerator: null,
  denominator: null,
  band: rank === null ? StandingBand.UNRANKED : StandingBand.MIDDLE,
  percentile: null,
  previousRank: null,
  rankDelta: null,
  bottomStreak: 0,
  unrankedReason: rank === null ? 'BELOW_MIN_SAMPLE' : null,
  components: null,
});

describe('lineOf', () => {
  const entries = [line('a', 1), line('b', 2), line('c', null)];

  it('returns the very object of entries for that entity, ranked or not', () => {
    expect(lineOf(entries, 'b')).toBe(entries[1]);
    expect(lineOf(entries, 'c')).toBe(entries[2]);
  });

  it('is null for an entity without a line, no entity, or an empty board', () => {
    expect(lineOf(entries, 'z')).toBeNull();
    expect(lineOf(entries, null)).toBeNull();
    expect(lineOf([], 'a')).toBeNull();
  });
});

describe('ownEntityId', () => {
  const squad = (id: string | null) => {
    const calls: number[] = [];
    const fn = () => {
      calls.push(1);
      return Promise.resolve(id);
    };
    return { fn, calls };
  };

  it('MEMBER boards: the caller, without looking up a squad', async () => {
    const s = squad('sq');
    expect(await ownEntityId(RankingScope.MEMBER, 'u1', s.fn)).toBe('u1');
    expect(s.calls).toHaveLength(0);
  });

  it("SQUAD boards: the caller's current squad, or null without one", async () => {
    expect(await ownEntityId(RankingScope.SQUAD, 'u1', squad('sq').fn)).toBe('sq');
    expect(await ownEntityId(RankingScope.SQUAD, 'u1', squad(null).fn)).toBeNull();
  });

  it('no user (API key, system): null, without looking up a squad', async () => {
    const s = squad('sq');
    expect(await ownEntityId(RankingScope.MEMBER, null, s.fn)).toBeNull();
    expect(await ownEntityId(RankingScope.SQUAD, null, s.fn)).toBeNull();
    expect(s.calls).toHaveLength(0);
  });

  it('a scope without an own line: null', async () => {
    expect(await ownEntityId('LEGION' as RankingScope, 'u1', squad('sq').fn)).toBeNull();
  });
});
