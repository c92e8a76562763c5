import { describe, expect, it } from '@jest/globals';
import { applyBoardMessage, applyLines, compareLines, diffLines, sameValue } from './delta.js';
import { rankEntities } from './rank.js';

interface Line {
  rank: number | null;
  position: number | null;
  band: string;
  value: number | null;
  entity: { id: string };
}

/** Board lines as the API builds them: `rankEntities` output in its order. */
const board = (values: Record<string, number | null>, topPct = 20, bottomPct = 10): Line[] =>
  rankEntities({ entities: Object.entries(values).map(([id, value]) => ({ id, value })), direction: 'HIGHER_IS_BETTER', topPct, bottomPct }).map((s) => ({
    rank: s.rank,
    position: s.position,
    band: s.band,
    value: s.value,
    entity: { id: s.id },
  }));

describe('diffLines / applyLines', () => {
  it('no change: no changed line, no removed id', () => {
    const b = board({ a: 10, b: 20, c: null });
    expect(diffLines(b, board({ a: 10, b: 20, c: null }))).toEqual({ changed: [], removed: [] });
  });

  it('one order overtaking a neighbour changes exactly the two swapped lines', () => {
    const prev = board({ a: 30, b: 20, c: 10, d: 5, e: 1 });
    const next = board({ a: 30, b: 20, c: 25, d: 5, e: 1 });
    expect(diffLines(prev, next)).toEqual({
      changed: [
        { rank: 2, position: 2, band: 'MIDDLE', value: 25, entity: { id: 'c' } },
        { rank: 3, position: 3, band: 'MIDDLE', value: 20, entity: { id: 'b' } },
      ],
      removed: [],
    });
  });

  it('ties: a new tie changes rank of the tied line only; positions are broken by id', () => {
    const prev = board({ a: 30, b: 20, c: 10 });
    const next = board({ a: 30, b: 20, c: 20 });
    // b and c tie at rank 2; c keeps position 3 (id order), b is unchanged.
    expect(diffLines(prev, next)).toEqual({ changed: [{ rank: 2, position: 3, band: 'MIDDLE', value: 20, entity: { id: 'c' } }], removed: [] });
    expect(applyLines(prev, diffLines(prev, next))).toEqual(next);
  });

  it('a line entering (ranked) and one leaving', () => {
    const prev = board({ a: 30, b: 20, c: 10 });
    const next = board({ a: 30, c: 10, d: 25 });
    expect(diffLines(prev, next)).toEqual({
      // c keeps rank 3, position 3 and its band: not sent.
      changed: [{ rank: 2, position: 2, band: 'MIDDLE', value: 25, entity: { id: 'd' } }],
      removed: ['b'],
    });
    expect(applyLines(prev, diffLines(prev, next))).toEqual(next);
  });

  it('an unranked line becoming ranked, and unranked lines staying in id order after the ranked ones', () => {
    const prev = board({ z: null, a: 30, m: null });
    const next = board({ z: null, a: 30, m: 40 });
    expect(prev.map((l) => l.entity.id)).toEqual(['a', 'm', 'z']);
    expect(diffLines(prev, next)).toEqual({
      changed: [
        { rank: 1, position: 1, band: 'MIDDLE', value: 40, entity: { id: 'm' } },
        { rank: 2, position: 2, band: 'MIDDLE', value: 30, entity: { id: 'a' } },
      ],
      removed: [],
    });
    expect(applyLines(prev, diffLines(prev, next)).map((l) => l.entity.id)).toEqual(['m', 'a', 'z']);
  });

  it('band boundaries moving (population 10 -> 11) changes every line whose band or position moved', () => {
    const ten: Record<string, number> = {};
    for (let i = 0; i < 10; i++) ten[`r${i}`] = 100 - i;
    const prev = board(ten);
    const next = board({ ...ten, top: 1000 });
    const delta = diffLines(prev, next);
    // Every old line moves one position down; the newcomer is first.
    expect(delta.changed.map((l) => [l.entity.id, l.position, l.band])).toEqual([
      ['top', 1, 'TOP'],
      ['r0', 2, 'TOP'],
      ['r1', 3, 'MIDDLE'],
      ['r2', 4, 'MIDDLE'],
      ['r3', 5, 'MIDDLE'],
      ['r4', 6, 'MIDDLE'],
      ['r5', 7, 'MIDDLE'],
      ['r6', 8, 'MIDDLE'],
      ['r7', 9, 'MIDDLE'],
      ['r8', 10, 'MIDDLE'],
      ['r9', 11, 'BOTTOM'],
    ]);
    expect(delta.removed).toEqual([]);
    expect(applyLines(prev, delta)).toEqual(next);
  });

  it('band percentages changing with the same values changes only the lines whose band moved', () => {
    const values = { a: 50, b: 40, c: 30, d: 20, e: 10 };
    const delta = diffLines(board(values, 20, 20), board(values, 40, 20));
    expect(delta).toEqual({ changed: [{ rank: 2, position: 2, band: 'TOP', value: 40, entity: { id: 'b' } }], removed: [] });
  });

  it('everyone leaving', () => {
    expect(diffLines(board({ a: 1, b: 2 }), [])).toEqual({ changed: [], removed: ['b', 'a'] });
    expect(applyLines(board({ a: 1, b: 2 }), { changed: [], removed: ['b', 'a'] })).toEqual([]);
  });
});

describe('compareLines and sameValue', () => {
  it('orders ranked lines by position, then unranked lines by id', () => {
    const l = (id: string, position: number | null) => ({ position, entity: { id } });
    expect([l('b', null), l('x', 2), l('a', null), l('y', 1)].sort(compareLines).map((x) => x.entity.id)).toEqual(['y', 'x', 'a', 'b']);
  });

  it('compares nested values whatever the key order; undefined keys are absent keys', () => {
    expect(sameValue({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue({ a: 1, b: null }, { a: 1 })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue(new Date(5), new Date(5))).toBe(true);
    expect(sameValue(0.1 + 0.2, 0.3)).toBe(false);
  });
});

describe('applyBoardMessage', () => {
  const prevLines = board({ a: 30, b: 20, c: 10 });
  const nextLines = board({ a: 30, b: 20, c: 40 });
  const prev = { name: 'W1', entries: prevLines };
  const change = { baseRevision: 'r1', header: { name: 'W1*' }, ...diffLines(prevLines, nextLines) };

  it('a whole board replaces the copy, whatever the copy was', () => {
    const whole = { name: 'W2', entries: nextLines };
    expect(applyBoardMessage(null, null, { board: whole, changed: [] as Line[], removed: [] })).toBe(whole);
    expect(applyBoardMessage(prev, 'r0', { board: whole, changed: [] as Line[], removed: [] })).toBe(whole);
  });

  it('a change on the copy of its base revision: the new header and the lines of the next board', () => {
    expect(applyBoardMessage(prev, 'r1', change)).toEqual({ name: 'W1*', entries: nextLines });
    // The copy itself is left as it was.
    expect(prev).toEqual({ name: 'W1', entries: board({ a: 30, b: 20, c: 10 }) });
  });

  it('a change for another revision, or with no copy yet, is a gap (null)', () => {
    expect(applyBoardMessage(prev, 'r0', change)).toBeNull();
    expect(applyBoardMessage(null, null, change)).toBeNull();
  });
});
