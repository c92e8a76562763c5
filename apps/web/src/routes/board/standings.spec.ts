import { describe, expect, it } from '@jest/globals';
import { applyStandingsMessage, boardFromColumns, changedEntities, linesFromColumns, movementOf, sparkGeometry, unrankedReasonOf } from './standings';

describe('movementOf', () => {
  it('reads rankDelta as previous − current', () => {
    expect(movementOf({ rank: 2, previousRank: 5, rankDelta: 3 })).toEqual({ kind: 'up', places: 3 });
    expect(movementOf({ rank: 5, previousRank: 2, rankDelta: -3 })).toEqual({ kind: 'down', places: 3 });
    expect(movementOf({ rank: 4, previousRank: 4, rankDelta: 0 })).toEqual({ kind: 'same', places: 0 });
  });
  it('is new without a previous rank and nothing when unranked', () => {
    expect(movementOf({ rank: 1, previousRank: null, rankDelta: null })).toEqual({ kind: 'new', places: 0 });
    expect(movementOf({ rank: null, previousRank: 3, rankDelta: null })).toEqual({ kind: 'none', places: 0 });
  });
});

describe('unrankedReasonOf', () => {
  it('splits the code from its detail', () => {
    expect(unrankedReasonOf('BELOW_MIN_SAMPLE: 3 of 10 leads')).toEqual({ code: 'BELOW_MIN_SAMPLE', detail: '3 of 10 leads' });
    expect(unrankedReasonOf('ON_LEAVE')).toEqual({ code: 'ON_LEAVE', detail: null });
    expect(unrankedReasonOf(null)).toBeNull();
    expect(unrankedReasonOf('')).toBeNull();
  });
});

describe('changedEntities', () => {
  const e = (id: string, rank: number | null, value: number | null, band = 'MIDDLE', position = rank) => ({ entity: { id }, rank, value, band, position });
  it('flags moved, re-valued, re-banded and new rows only', () => {
    const before = [e('a', 1, 300, 'TOP'), e('b', 2, 200), e('c', 3, 100), e('d', 4, 50, 'BOTTOM')];
    const after = [e('b', 1, 400, 'TOP'), e('a', 2, 300, 'MIDDLE'), e('c', 3, 100), e('d', 4, 60, 'BOTTOM'), e('n', null, null, 'UNRANKED', 5)];
    expect([...changedEntities(before, after)].sort()).toEqual(['a', 'b', 'd', 'n']);
  });
  it('finds nothing for the same board and everything for a first one', () => {
    const rows = [e('a', 1, 1), e('b', 2, 0)];
    expect(changedEntities(rows, rows).size).toBe(0);
    expect(changedEntities([], rows).size).toBe(2);
  });
});

describe('sparkGeometry', () => {
  it('scales the values into the box, higher = better = higher up', () => {
    const g = sparkGeometry([0, 50, 100], 100, 20, 0);
    expect(g.path).toBe('M0 20 L50 10 L100 0');
    expect(g.last).toEqual({ x: 100, y: 0 });
  });
  it('flips the axis when lower is better', () => {
    expect(sparkGeometry([0, 100], 10, 10, 0, true).path).toBe('M0 0 L10 10');
  });
  it('breaks the line at periods without a value', () => {
    const g = sparkGeometry([1, null, 3, 2], 30, 10, 0);
    expect(g.path).toBe('M0 10 M20 0 L30 5');
    expect(g.points).toHaveLength(3);
  });
  it('draws a flat series in the middle, one value as a dot, nothing as nothing', () => {
    expect(sparkGeometry([5, 5, 5], 20, 10, 0).path).toBe('M0 5 L10 5 L20 5');
    expect(sparkGeometry([7], 20, 10, 2)).toEqual({ path: 'M10 5', last: { x: 10, y: 5 }, points: [{ x: 10, y: 5 }] });
    expect(sparkGeometry([null, null], 20, 10)).toEqual({ path: '', last: null, points: [] });
    expect(sparkGeometry([], 20, 10)).toEqual({ path: '', last: null, points: [] });
  });
});

describe('applyStandingsMessage', () => {
  const l = (id: string, position: number | null, value: number | null) => ({ entity: { id }, position, value });
  type L = ReturnType<typeof l>;
  type B = { revision: string; name: string; bands: { top: number }; entries: L[] };
  const base: B = { revision: 'r1', name: 'Board', bands: { top: 1 }, entries: [l('a', 1, 300), l('b', 2, 200), l('c', null, null)] };
  const apply = applyStandingsMessage<L, B>;
  it('a whole board replaces the copy', () => {
    const board = { revision: 'ignored', name: 'Board', bands: { top: 0 }, entries: [l('z', 1, 5)] };
    expect(apply(base, { revision: 'r9', baseRevision: null, board, header: null, changed: [], removed: [] })).toEqual({
      kind: 'board',
      board: { ...board, revision: 'r9' },
    });
  });
  it('a change from the copy’s revision: header, changed lines in display order, removed lines gone', () => {
    const m = {
      revision: 'r2',
      baseRevision: 'r1',
      board: null,
      header: { name: 'Board', bands: { top: 2 } },
      changed: [l('b', 1, 400), l('a', 2, 300), l('d', null, null)],
      removed: ['c'],
    };
    expect(apply(base, m)).toEqual({
      kind: 'board',
      board: { revision: 'r2', name: 'Board', bands: { top: 2 }, entries: [l('b', 1, 400), l('a', 2, 300), l('d', null, null)] },
    });
  });
  it('a change from another revision is a gap; one to the copy’s own revision is nothing', () => {
    const m = { revision: 'r3', baseRevision: 'r2', board: null, header: {}, changed: [], removed: [] };
    expect(apply(base, m)).toEqual({ kind: 'gap' });
    expect(apply(null, m)).toEqual({ kind: 'gap' });
    expect(apply({ ...base, revision: 'r3' }, m)).toEqual({ kind: 'same' });
  });
});

describe('linesFromColumns', () => {
  // Two ranked lines (one with a shrunk rate and a ratio, one new on the board) and an unranked one, as columns…
  const columns = {
    __typename: 'StandingColumns' as const,
    entityIds: ['u1', 'u2', 'u3'],
    entityNames: ['Ada', 'Bo', 'Cy'],
    ranks: [1, 2, null],
    positions: [1, 2, null],
    bands: ['TOP' as const, 'BOTTOM' as const, 'UNRANKED' as const],
    rankDeltas: [2, null, null],
    previousRanks: [3, null, 1],
    values: [0.5, 0.25, null],
    adjustedValues: [0.45, 0.3, null],
    numerators: [5, 1, 0],
    denominators: [10, 4, 2],
    unrankedReasons: [null, null, 'BELOW_MIN_SAMPLE: 2 of 10 leads'],
    bottomStreaks: [0, 3, 1],
  };
  // …and the lines `entries { ...StandingLineFields }` gives for the same board.
  const lines = [
    {
      rank: 1,
      position: 1,
      band: 'TOP',
      rankDelta: 2,
      previousRank: 3,
      value: 0.5,
      adjustedValue: 0.45,
      numerator: 5,
      denominator: 10,
      unrankedReason: null,
      bottomStreak: 0,
      entity: { id: 'u1', name: 'Ada' },
    },
    {
      rank: 2,
      position: 2,
      band: 'BOTTOM',
      rankDelta: null,
      previousRank: null,
      value: 0.25,
      adjustedValue: 0.3,
      numerator: 1,
      denominator: 4,
      unrankedReason: null,
      bottomStreak: 3,
      entity: { id: 'u2', name: 'Bo' },
    },
    {
      rank: null,
      position: null,
      band: 'UNRANKED',
      rankDelta: null,
      previousRank: 1,
      value: null,
      adjustedValue: null,
      numerator: 0,
      denominator: 2,
      unrankedReason: 'BELOW_MIN_SAMPLE: 2 of 10 leads',
      bottomStreak: 1,
      entity: { id: 'u3', name: 'Cy' },
    },
  ];

  it('gives the lines of the board, in the same order, with exactly the fields of StandingLineFields', () => {
    expect(linesFromColumns(columns)).toStrictEqual(lines);
  });
  it('gives no lines for an empty board', () => {
    const empty = Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Array.isArray(v) ? [] : v])) as unknown as typeof columns;
    expect(linesFromColumns(empty)).toEqual([]);
  });
  it('refuses columns of different lengths', () => {
    expect(() => linesFromColumns({ ...columns, values: [0.5, 0.25] })).toThrow('Leaderboard.columns: values has 2 values for 3 lines');
  });
  it('boardFromColumns keeps the header fields and holds lines instead of columns', () => {
    const board = { revision: 'r1', name: 'Board', bands: { top: 1 }, columns };
    expect(boardFromColumns(board)).toStrictEqual({ revision: 'r1', name: 'Board', bands: { top: 1 }, entries: lines });
  });
});
