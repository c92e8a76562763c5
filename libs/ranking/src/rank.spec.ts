import { describe, expect, it } from '@jest/globals';
import { RankingInputError } from './bands.js';
import { idsAscending, rankColumns, rankEntities, type RankEntityInput, type Standing } from './rank.js';

/** Entities e01, e02, … with the given values. */
const make = (values: (number | null)[]): RankEntityInput[] => values.map((value, i) => ({ id: `e${String(i + 1).padStart(2, '0')}`, value }));
const pick = <P, K extends keyof Standing<P>>(rows: Standing<P>[], key: K) => rows.map((r) => r[key]);

describe('rankEntities — band sizes by n', () => {
  it('n = 0 → empty', () => {
    expect(rankEntities({ entities: [], direction: 'HIGHER_IS_BETTER' })).toEqual([]);
  });

  it('n = 1 → MIDDLE (0 top, 0 bottom), rank 1, percentile 0', () => {
    expect(rankEntities({ entities: [{ id: 'solo', value: 5 }], direction: 'HIGHER_IS_BETTER' })).toEqual([
      { id: 'solo', value: 5, rank: 1, position: 1, band: 'MIDDLE', percentile: 0, unrankedReason: null, payload: undefined },
    ]);
  });

  it('n = 2 → both MIDDLE, percentiles 1/2 and 0', () => {
    const r = rankEntities({ entities: make([1, 2]), direction: 'HIGHER_IS_BETTER' });
    expect(pick(r, 'id')).toEqual(['e02', 'e01']);
    expect(pick(r, 'band')).toEqual(['MIDDLE', 'MIDDLE']);
    expect(pick(r, 'percentile')).toEqual([0.5, 0]);
  });

  it('n = 7 → 1 TOP, 6 MIDDLE, 0 BOTTOM; percentile = strictly worse / 7', () => {
    const r = rankEntities({ entities: make([31, 28, 27, 24, 22, 19, 15]), direction: 'HIGHER_IS_BETTER' }); // docs/rankings.md example
    expect(pick(r, 'rank')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pick(r, 'band')).toEqual(['TOP', 'MIDDLE', 'MIDDLE', 'MIDDLE', 'MIDDLE', 'MIDDLE', 'MIDDLE']);
    expect(pick(r, 'percentile')).toEqual([6 / 7, 5 / 7, 4 / 7, 3 / 7, 2 / 7, 1 / 7, 0]);
  });

  it('n = 10 → exactly 2 TOP and 1 BOTTOM (no float error)', () => {
    const r = rankEntities({ entities: make([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), direction: 'HIGHER_IS_BETTER' });
    expect(pick(r, 'band')).toEqual(['TOP', 'TOP', ...Array(7).fill('MIDDLE'), 'BOTTOM']);
    expect(pick(r, 'percentile')).toEqual([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0]);
  });

  it('n = 25 → 5 TOP, 18 MIDDLE, 2 BOTTOM', () => {
    const values = Array.from({ length: 25 }, (_, i) => 50 - 2 * i); // docs example
    const r = rankEntities({ entities: make(values), direction: 'HIGHER_IS_BETTER' });
    expect(pick(r, 'band')).toEqual([...Array(5).fill('TOP'), ...Array(18).fill('MIDDLE'), 'BOTTOM', 'BOTTOM']);
    expect(pick(r, 'percentile').slice(0, 6)).toEqual([0.96, 0.92, 0.88, 0.84, 0.8, 0.76]);
    expect(r[24].percentile).toBe(0);
  });
});

describe('rankEntities — ties', () => {
  it('competition ranks 1, 2, 2, 4 with percentiles 3/4, 1/4, 1/4, 0', () => {
    const r = rankEntities({ entities: make([9, 7, 7, 5]), direction: 'HIGHER_IS_BETTER' });
    expect(pick(r, 'rank')).toEqual([1, 2, 2, 4]);
    expect(pick(r, 'position')).toEqual([1, 2, 3, 4]);
    expect(pick(r, 'percentile')).toEqual([0.75, 0.25, 0.25, 0]);
  });

  it('a tie straddling the top boundary makes every tied entity TOP (n = 10: 3 TOP)', () => {
    const r = rankEntities({ entities: make([40, 36, 36, 33, 30, 29, 27, 25, 22, 18]), direction: 'HIGHER_IS_BETTER' }); // docs example
    expect(pick(r, 'rank')).toEqual([1, 2, 2, 4, 5, 6, 7, 8, 9, 10]);
    expect(pick(r, 'band')).toEqual(['TOP', 'TOP', 'TOP', ...Array(6).fill('MIDDLE'), 'BOTTOM']);
    expect(pick(r, 'percentile')).toEqual([0.9, 0.7, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0]);
  });

  it('a tie straddling the bottom boundary makes every tied entity MIDDLE (BOTTOM band empty)', () => {
    const r = rankEntities({ entities: make([40, 38, 36, 33, 30, 29, 27, 25, 21, 21]), direction: 'HIGHER_IS_BETTER' }); // docs example
    expect(pick(r, 'rank')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 9]);
    expect(pick(r, 'band')).toEqual(['TOP', 'TOP', ...Array(8).fill('MIDDLE')]);
    expect(pick(r, 'percentile').slice(8)).toEqual([0, 0]);
  });

  it('ties at both boundaries at once (n = 10)', () => {
    const r = rankEntities({ entities: make([100, 90, 90, 80, 70, 60, 50, 40, 20, 20]), direction: 'HIGHER_IS_BETTER' });
    expect(pick(r, 'band')).toEqual(['TOP', 'TOP', 'TOP', ...Array(7).fill('MIDDLE')]);
  });

  it('a tie lying wholly inside the bottom band stays BOTTOM (n = 20: positions 19, 20)', () => {
    const values = [...Array.from({ length: 18 }, (_, i) => 100 - i), 1, 1];
    const r = rankEntities({ entities: make(values), direction: 'HIGHER_IS_BETTER' });
    expect(pick(r, 'band').slice(16)).toEqual(['MIDDLE', 'MIDDLE', 'BOTTOM', 'BOTTOM']);
    expect(pick(r, 'rank').slice(18)).toEqual([19, 19]);
  });

  it('a bottom-band tie reaching one place above the boundary is MIDDLE (n = 20: positions 18–20 tied)', () => {
    const values = [...Array.from({ length: 17 }, (_, i) => 100 - i), 1, 1, 1];
    const r = rankEntities({ entities: make(values), direction: 'HIGHER_IS_BETTER' });
    expect(pick(r, 'band').slice(17)).toEqual(['MIDDLE', 'MIDDLE', 'MIDDLE']);
  });

  it('all values equal → one tie group at rank 1 → everyone TOP, percentile 0', () => {
    const r = rankEntities({ entities: make([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]), direction: 'HIGHER_IS_BETTER' });
    expect(new Set(pick(r, 'rank'))).toEqual(new Set([1]));
    expect(new Set(pick(r, 'band'))).toEqual(new Set(['TOP']));
    expect(new Set(pick(r, 'percentile'))).toEqual(new Set([0]));
  });

  it('tied entities are displayed in id order regardless of input order', () => {
    const r = rankEntities({
      entities: [
        { id: 'squad-c', value: 5 },
        { id: 'squad-a', value: 5 },
        { id: 'squad-b', value: 7 },
        { id: 'squad-B', value: 5 },
      ],
      direction: 'HIGHER_IS_BETTER',
    });
    expect(pick(r, 'id')).toEqual(['squad-b', 'squad-B', 'squad-a', 'squad-c']);
    expect(pick(r, 'rank')).toEqual([1, 2, 2, 2]);
  });

  it('is independent of input order', () => {
    const entities = make([4, 8, 8, 1, 6, 6, 6, 2, 9, 3]);
    const a = rankEntities({ entities, direction: 'HIGHER_IS_BETTER' });
    const b = rankEntities({ entities: [...entities].reverse(), direction: 'HIGHER_IS_BETTER' });
    expect(b).toEqual(a);
  });
});

describe('rankEntities — direction, eligibility, options', () => {
  it('LOWER_IS_BETTER: the lowest refund rate is first', () => {
    const r = rankEntities({ entities: make([0.05, 0.01, 0.2, 0.01, 0.1, 0.03, 0.07, 0.08, 0.09, 0.15]), direction: 'LOWER_IS_BETTER' });
    expect(pick(r, 'id')).toEqual(['e02', 'e04', 'e06', 'e01', 'e07', 'e08', 'e09', 'e05', 'e10', 'e03']);
    expect(pick(r, 'rank')).toEqual([1, 1, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(pick(r, 'band')).toEqual(['TOP', 'TOP', ...Array(7).fill('MIDDLE'), 'BOTTOM']);
    expect(r[0].percentile).toBe(0.8);
  });

  it('unranked entities do not count in n and are listed last, by id, with their reason', () => {
    const entities: RankEntityInput<{ name: string }>[] = [
      ...make([70, 60, 50, 40, 30, 20, 10]).map((e) => ({ ...e, payload: { name: e.id.toUpperCase() } })),
      { id: 'z-new', value: 99, eligible: false, unrankedReason: 'BELOW_MIN_SAMPLE: 12 of 20 leads' },
      { id: 'y-none', value: null },
      { id: 'x-nan', value: Number.NaN },
      { id: 'w-off', value: 1, eligible: false },
    ];
    const r = rankEntities({ entities, direction: 'HIGHER_IS_BETTER' });
    // n = 7 → 1 TOP, 0 BOTTOM (with 11 counted it would be 2 TOP, 1 BOTTOM)
    expect(pick(r, 'band')).toEqual(['TOP', ...Array(6).fill('MIDDLE'), 'UNRANKED', 'UNRANKED', 'UNRANKED', 'UNRANKED']);
    expect(r[0]).toEqual({ id: 'e01', value: 70, rank: 1, position: 1, band: 'TOP', percentile: 6 / 7, unrankedReason: null, payload: { name: 'E01' } });
    expect(r.slice(7)).toEqual([
      { id: 'w-off', value: 1, rank: null, position: null, band: 'UNRANKED', percentile: null, unrankedReason: 'INELIGIBLE', payload: undefined },
      { id: 'x-nan', value: null, rank: null, position: null, band: 'UNRANKED', percentile: null, unrankedReason: 'NO_VALUE', payload: undefined },
      { id: 'y-none', value: null, rank: null, position: null, band: 'UNRANKED', percentile: null, unrankedReason: 'NO_VALUE', payload: undefined },
      {
        id: 'z-new',
        value: 99,
        rank: null,
        position: null,
        band: 'UNRANKED',
        percentile: null,
        unrankedReason: 'BELOW_MIN_SAMPLE: 12 of 20 leads',
        payload: undefined,
      },
    ]);
  });

  it('explicit ineligibility wins over NO_VALUE; infinite values are NO_VALUE', () => {
    const r = rankEntities({
      entities: [
        { id: 'a', value: null, eligible: false, unrankedReason: 'LEFT_TEAM' },
        { id: 'b', value: Number.POSITIVE_INFINITY },
      ],
      direction: 'HIGHER_IS_BETTER',
    });
    expect(pick(r, 'unrankedReason')).toEqual(['LEFT_TEAM', 'NO_VALUE']);
  });

  it('custom percentages 30/10 on n = 10 → 3 TOP, 1 BOTTOM', () => {
    const r = rankEntities({ entities: make([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), direction: 'HIGHER_IS_BETTER', topPct: 30, bottomPct: 10 });
    expect(pick(r, 'band')).toEqual(['TOP', 'TOP', 'TOP', ...Array(6).fill('MIDDLE'), 'BOTTOM']);
  });

  it('invalid percentages, direction or duplicate ids throw', () => {
    const entities = make([1, 2, 3]);
    expect(() => rankEntities({ entities, direction: 'HIGHER_IS_BETTER', topPct: 95, bottomPct: 10 })).toThrow(RankingInputError);
    expect(() => rankEntities({ entities, direction: 'HIGHER_IS_BETTER', topPct: 20.5 })).toThrow(RankingInputError);
    expect(() => rankEntities({ entities, direction: 'HIGHER_IS_BETTER', bottomPct: -10 })).toThrow(RankingInputError);
    expect(() => rankEntities({ entities, direction: 'UP' as never })).toThrow(RankingInputError);
    expect(() =>
      rankEntities({
        entities: [
          { id: 'a', value: 1 },
          { id: 'a', value: 2 },
        ],
        direction: 'HIGHER_IS_BETTER',
      }),
    ).toThrow('duplicate entity id: a');
  });

  it('does not mutate its input', () => {
    const entities = make([3, 1, 2]);
    const copy = structuredClone(entities);
    rankEntities({ entities, direction: 'LOWER_IS_BETTER' });
    expect(entities).toEqual(copy);
  });
});

describe('idsAscending and the id-ordered path of rankEntities', () => {
  it('is true only for strictly ascending string ids (code-unit order)', () => {
    expect(idsAscending([])).toBe(true);
    expect(idsAscending(['a'])).toBe(true);
    expect(idsAscending(['B', 'a', 'b'])).toBe(true);
    expect(idsAscending(['a', 'B'])).toBe(false);
    expect(idsAscending(['a', 'a'])).toBe(false);
    expect(idsAscending(['a', 7 as unknown as string])).toBe(false);
  });

  it('ranks id-ordered input exactly as the same entities in any other order, in both directions', () => {
    // Ties, unranked entities, -0 and values whose difference overflows to ±Infinity.
    const values = [5, null, 5, -1e308, 1e308, 0, -0, 5, Number.NaN, 1e308, 2.5, 0, -1e308, 7];
    const ordered: RankEntityInput<number>[] = values.map((value, i) => ({ id: `u${String(i).padStart(2, '0')}`, value, payload: i }));
    ordered[3] = { ...ordered[3], eligible: false, unrankedReason: 'LEFT_TEAM' };
    expect(idsAscending(ordered.map((e) => e.id))).toBe(true);
    const shuffled = [ordered[7], ordered[2], ordered[13], ordered[0], ordered[11], ordered[4], ordered[9], ordered[1]];
    shuffled.push(ordered[12], ordered[6], ordered[3], ordered[10], ordered[5], ordered[8]);
    expect(idsAscending(shuffled.map((e) => e.id))).toBe(false);
    for (const direction of ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'] as const) {
      const fast = rankEntities({ entities: ordered, direction });
      expect(fast).toEqual(rankEntities({ entities: shuffled, direction }));
      expect(fast).toEqual(rankEntities({ entities: [...ordered].reverse(), direction }));
    }
    const high = rankEntities({ entities: ordered, direction: 'HIGHER_IS_BETTER' });
    expect(pick(high, 'id')).toEqual(['u04', 'u09', 'u13', 'u00', 'u02', 'u07', 'u10', 'u05', 'u06', 'u11', 'u12', 'u01', 'u03', 'u08']);
    expect(pick(high, 'rank')).toEqual([1, 1, 3, 4, 4, 4, 7, 8, 8, 8, 11, null, null, null]);
    expect(pick(high, 'band')).toEqual(['TOP', 'TOP', ...Array(8).fill('MIDDLE'), 'BOTTOM', 'UNRANKED', 'UNRANKED', 'UNRANKED']);
    expect(pick(high, 'unrankedReason').slice(11)).toEqual(['NO_VALUE', 'LEFT_TEAM', 'NO_VALUE']);
  });
});

describe('rankColumns', () => {
  it('gives every outcome aligned with the input, and the display order', () => {
    // ids in order; values with a tie (u1, u3), an ineligible entity (u2) and a missing value (u4).
    const r = rankColumns({
      ids: ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'],
      values: [10, 30, 99, 30, null, 20],
      eligible: [true, true, false, true, true, true],
      reasons: [undefined, undefined, 'BELOW_MIN_SAMPLE', undefined, undefined, undefined],
      direction: 'HIGHER_IS_BETTER',
    });
    expect(r.order).toEqual([1, 3, 5, 0, 2, 4]);
    expect(r.ranked).toBe(4);
    expect(r.rank).toEqual([4, 1, null, 1, null, 3]);
    expect(r.position).toEqual([4, 1, null, 2, null, 3]);
    // n = 4: round(0.8) = 1 TOP, floor(0.4) = 0 BOTTOM; the tie at rank 1 is TOP as a whole.
    expect(r.band).toEqual(['MIDDLE', 'TOP', 'UNRANKED', 'TOP', 'UNRANKED', 'MIDDLE']);
    expect(r.percentile).toEqual([0, 0.5, null, 0.5, null, 0.25]);
    expect(r.unrankedReason).toEqual([null, null, 'BELOW_MIN_SAMPLE', null, 'NO_VALUE', null]);
  });

  it('breaks ties by id when the ids are not in order, and lists unranked entities by id', () => {
    const r = rankColumns({ ids: ['c', 'a', 'd', 'b'], values: [1, 1, null, Number.NaN], direction: 'LOWER_IS_BETTER' });
    expect(r.order).toEqual([1, 0, 3, 2]);
    expect(r.rank).toEqual([1, 1, null, null]);
    expect(r.position).toEqual([2, 1, null, null]);
    expect(r.unrankedReason).toEqual([null, null, 'NO_VALUE', 'NO_VALUE']);
  });

  it('agrees with rankEntities on the same entities', () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, null, 8, 9, 7, 9];
    const ids = values.map((_, i) => `e${String(15 - i).padStart(2, '0')}`);
    const standings = rankEntities({ entities: ids.map((id, i) => ({ id, value: values[i] })), direction: 'HIGHER_IS_BETTER' });
    const r = rankColumns({ ids, values, direction: 'HIGHER_IS_BETTER' });
    expect(r.order.map((i) => ids[i])).toEqual(pick(standings, 'id'));
    expect(r.order.map((i) => r.rank[i])).toEqual(pick(standings, 'rank'));
    expect(r.order.map((i) => r.band[i])).toEqual(pick(standings, 'band'));
    expect(r.order.map((i) => r.percentile[i])).toEqual(pick(standings, 'percentile'));
  });

  it('ranks an empty board, and rejects misaligned columns and duplicate ids', () => {
    expect(rankColumns({ ids: [], values: [], direction: 'HIGHER_IS_BETTER' })).toEqual({
      order: [],
      ranked: 0,
      rank: [],
      position: [],
      band: [],
      percentile: [],
      unrankedReason: [],
    });
    expect(() => rankColumns({ ids: ['a'], values: [], direction: 'HIGHER_IS_BETTER' })).toThrow(RankingInputError);
    expect(() => rankColumns({ ids: ['a'], values: [1], eligible: [], direction: 'HIGHER_IS_BETTER' })).toThrow(RankingInputError);
    expect(() => rankColumns({ ids: ['b', 'a', 'b'], values: [1, 2, 3], direction: 'HIGHER_IS_BETTER' })).toThrow('duplicate entity id: b');
  });
});
