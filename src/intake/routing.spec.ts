import { describe, expect, it } from '@jest/globals';
import { chooseRep, meetsThreshold, planAssignments, RoutingStrategy, tierRank, type RepSlot } from './routing.js';

const reps = (...slots: [string, number, number][]): RepSlot[] => slots.map(([userId, open, capacity]) => ({ userId, squadId: 's', open, capacity }));
const def = {
  tiers: [
    { tier: 'B', minScore: 45 },
    { tier: 'A', minScore: 70 },
    { tier: 'C', minScore: 20 },
  ],
  defaultTier: 'D',
};

describe('chooseRep', () => {
  it('round robin continues after the last rep and skips full reps', () => {
    const list = reps(['a', 0, 2], ['b', 2, 2], ['c', 0, 2]);
    expect(chooseRep(RoutingStrategy.ROUND_ROBIN, list, null)?.userId).toBe('a');
    expect(chooseRep(RoutingStrategy.ROUND_ROBIN, list, 'a')?.userId).toBe('c');
    expect(chooseRep(RoutingStrategy.ROUND_ROBIN, list, 'c')?.userId).toBe('a');
    expect(chooseRep(RoutingStrategy.ROUND_ROBIN, list, 'gone')?.userId).toBe('a');
    expect(chooseRep(RoutingStrategy.ROUND_ROBIN, reps(['a', 1, 1]), 'a')).toBeNull();
    expect(chooseRep(RoutingStrategy.ROUND_ROBIN, [], null)).toBeNull();
  });

  it('capacity weighted picks the lowest load after assignment; ties go to the larger capacity', () => {
    expect(chooseRep(RoutingStrategy.CAPACITY_WEIGHTED, reps(['a', 0, 10], ['b', 0, 20]), null)?.userId).toBe('b');
    expect(chooseRep(RoutingStrategy.CAPACITY_WEIGHTED, reps(['a', 0, 10], ['b', 1, 20]), null)?.userId).toBe('b');
    expect(chooseRep(RoutingStrategy.CAPACITY_WEIGHTED, reps(['a', 0, 10], ['b', 2, 20]), null)?.userId).toBe('a');
    expect(chooseRep(RoutingStrategy.CAPACITY_WEIGHTED, reps(['a', 3, 3], ['b', 20, 20]), null)).toBeNull();
  });

  it('tier priority (until rankings exist) picks the most free slots, first in order on ties', () => {
    expect(chooseRep(RoutingStrategy.TIER_PRIORITY, reps(['a', 1, 5], ['b', 0, 3], ['c', 2, 6]), null)?.userId).toBe('a');
  });
});

describe('planAssignments', () => {
  it('spreads a batch in proportion to capacity and never exceeds it', () => {
    const list = reps(['a', 0, 2], ['b', 0, 4]);
    const items = Array.from({ length: 8 }, (_, i) => ({ key: `l${i}`, tierRank: 0 }));
    const { assignments, lastUserId } = planAssignments(RoutingStrategy.CAPACITY_WEIGHTED, list, items, null);
    const got = items.map((i) => assignments.get(i.key)?.userId ?? null);
    expect(got).toEqual(['b', 'b', 'a', 'b', 'b', 'a', null, null]);
    expect(list.map((r) => r.open)).toEqual([2, 4]);
    expect(lastUserId).toBe('a');
  });

  it('round robin rotates from the persisted last rep', () => {
    const list = reps(['a', 0, 9], ['b', 0, 9], ['c', 0, 9]);
    const items = Array.from({ length: 4 }, (_, i) => ({ key: `l${i}`, tierRank: 0 }));
    const { assignments, lastUserId } = planAssignments(RoutingStrategy.ROUND_ROBIN, list, items, 'b');
    expect(items.map((i) => assignments.get(i.key)?.userId)).toEqual(['c', 'a', 'b', 'c']);
    expect(lastUserId).toBe('c');
  });

  it('tier priority serves the best tiers first when capacity is short', () => {
    const list = reps(['a', 0, 1], ['b', 0, 2]);
    const items = [
      { key: 'c1', tierRank: 2 },
      { key: 'a1', tierRank: 0 },
      { key: 'b1', tierRank: 1 },
      { key: 'a2', tierRank: 0 },
    ];
    const { assignments } = planAssignments(RoutingStrategy.TIER_PRIORITY, list, items, null);
    expect(Object.fromEntries([...assignments].map(([k, r]) => [k, r?.userId ?? null]))).toEqual({ a1: 'b', a2: 'a', b1: 'b', c1: null });
  });
});

describe('tiers', () => {
  it('ranks tiers by minScore with the default last', () => {
    expect(['A', 'B', 'C', 'D', 'X', null].map((t) => tierRank(def, t))).toEqual([0, 1, 2, 3, 4, 4]);
  });
  it('applies a threshold; unknown thresholds let nobody through', () => {
    expect(['A', 'B', 'C', 'D'].map((t) => meetsThreshold(def, t, 'B'))).toEqual([true, true, false, false]);
    expect(['A', 'D'].map((t) => meetsThreshold(def, t, 'D'))).toEqual([true, true]);
    expect(meetsThreshold(def, 'A', 'Z')).toBe(false);
    expect(meetsThreshold(def, null, 'D')).toBe(false);
  });
});
