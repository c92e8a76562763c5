import { describe, expect, it } from '@jest/globals';
import { PRE_SALES_METRICS, rollupColumnsOf } from '../metrics/index.js';
import { BoardLines, isRateMetric, rankBoard, rankOnly, streakAfterClose, type BoardEntities, type BoardRules, type PartsColumn } from './board-engine.js';
import { liveBoardSql } from './standings.repository.js';
import type { StandingModel } from './models/rankings.models.js';
import { standingColumns } from './standing-columns.js';
import { RankingScope } from './entities/ranking.entities.js';

const def = (key: string) => PRE_SALES_METRICS.find((d) => d.key === key)!;
const rules = (over: Partial<BoardRules> = {}): BoardRules => ({
  metricKey: 'conversion_rate',
  components: null,
  windowPeriods: 1,
  minDenominator: null,
  shrinkageK: null,
  topPct: 20,
  bottomPct: 10,
  watchStreak: 2,
  ...over,
});
interface Entity {
  id: string;
  parts: Record<string, [number, number | null]>;
}
const entity = (id: string, parts: Record<string, [number, number | null]>): Entity => ({ id, parts });
/** Entities as the columns the engine ranks (name = upper-case id; an entity without a metric's parts counts as zero). */
const board = (list: readonly Entity[]): BoardEntities => {
  const keys = new Set(list.flatMap((e) => Object.keys(e.parts)));
  const parts = new Map<string, PartsColumn>();
  for (const key of keys) {
    const zero = isRateMetric(def(key)) ? 0 : null;
    parts.set(key, {
      numerators: list.map((e) => e.parts[key]?.[0] ?? 0),
      denominators: list.map((e) => (e.parts[key] ? e.parts[key][1] : zero)),
    });
  }
  return { ids: list.map((e) => e.id), names: list.map((e) => e.id.toUpperCase()), parts };
};
const rank = (r: BoardRules, defs: Parameters<typeof rankBoard>[1], list: readonly Entity[], previous?: (number | null)[]) =>
  rankBoard(r, defs, board(list), previous);
const ranksOnly = (r: BoardRules, defs: Parameters<typeof rankOnly>[1], list: readonly Entity[]) => rankOnly(r, defs, board(list));

describe('rankBoard', () => {
  it('ranks a rate with a minimum sample and shrinkage (raw value vs adjusted value)', () => {
    const b = rank(
      rules({ minDenominator: 3, shrinkageK: 20 }),
      [def('conversion_rate')],
      [
        entity('x', { conversion_rate: [1, 1] }),
        entity('y', { conversion_rate: [3, 4] }),
        entity('z', { conversion_rate: [14, 20] }),
        entity('w', { conversion_rate: [2, 10] }),
      ],
    );
    const p = 19 / 34;
    expect(b.populationRate).toBeCloseTo(p, 12);
    expect(b.lines.rows.map((r) => [r.entity.id, r.rank, r.band])).toEqual([
      ['z', 1, 'TOP'], // n = 3: round(0.6) = 1 TOP, floor(0.3) = 0 BOTTOM
      ['y', 2, 'MIDDLE'],
      ['w', 3, 'MIDDLE'],
      ['x', null, 'UNRANKED'],
    ]);
    expect(b.lines.rows[1]).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
    expect(b.lines.rows[1].adjustedValue).toBeCloseTo((3 + 20 * p) / 24, 12);
    expect(b.lines.rows[3].unrankedReason).toBe('BELOW_MIN_SAMPLE: 1 of 3 leads');
  });

  it('reports NO_VALUE for a rate without denominator when no minimum sample is set', () => {
    const b = rank(rules(), [def('conversion_rate')], [entity('a', { conversion_rate: [0, 0] }), entity('b', { conversion_rate: [1, 2] })]);
    expect(b.lines.rows.map((r) => [r.entity.id, r.band, r.unrankedReason])).toEqual([
      ['b', 'MIDDLE', null],
      ['a', 'UNRANKED', 'NO_VALUE'],
    ]);
  });

  it('ranks a weighted composite; lower-is-better metrics count in reverse; a missing value is unranked', () => {
    const b = rank(
      rules({
        metricKey: null,
        components: [
          { metricKey: 'net_revenue', weight: 3 },
          { metricKey: 'refund_rate', weight: 1 },
        ],
      }),
      [def('net_revenue'), def('refund_rate')],
      [
        entity('a', { net_revenue: [1000, null], refund_rate: [0, 4] }),
        entity('b', { net_revenue: [3000, null], refund_rate: [2, 4] }),
        entity('c', { net_revenue: [2000, null], refund_rate: [1, 4] }),
        entity('d', { net_revenue: [9000, null], refund_rate: [0, 0] }),
      ],
    );
    // parts: a (0, 1) → 0.25; b (1, 0) → 0.75; c (0.5, 0.5) → 0.5
    expect(b.lines.rows.map((r) => [r.entity.id, r.value])).toEqual([
      ['b', 0.75],
      ['c', 0.5],
      ['a', 0.25],
      ['d', null],
    ]);
    expect(b.lines.rows[3].unrankedReason).toBe('MISSING_VALUE: refund_rate');
    expect(b.lines.rows[0].components?.map((c) => c.part)).toEqual([1, 0]);
  });

  it('fills movement and streaks, and continues a streak only with BOTTOM', () => {
    const b = rank(
      rules({ metricKey: 'gross_revenue' }),
      [def('gross_revenue')],
      [entity('a', { gross_revenue: [5, null] }), entity('b', { gross_revenue: [9, null] })],
    );
    b.lines.applyHistory(new Map([['a', 1]]), new Map([['a', 3]]));
    expect(b.lines.rows.map((r) => [r.entity.id, r.previousRank, r.rankDelta, r.bottomStreak])).toEqual([
      ['b', null, null, 0],
      ['a', 1, -1, 3],
    ]);
    // Live previous ranks, aligned with the entities (a, b): the lines carry them and their movement.
    const live = rank(
      rules({ metricKey: 'gross_revenue' }),
      [def('gross_revenue')],
      [entity('a', { gross_revenue: [5, null] }), entity('b', { gross_revenue: [9, null] }), entity('c', { gross_revenue: [7, null] })],
      [1, null, 3],
    );
    expect(live.lines.rows.map((r) => [r.entity.id, r.rank, r.previousRank, r.rankDelta])).toEqual([
      ['b', 1, null, null],
      ['c', 2, 3, 1],
      ['a', 3, 1, -2],
    ]);
    // Streaks only: the live previous ranks stay.
    live.lines.applyHistory(null, new Map([['a', 2]]));
    expect(live.lines.rows.map((r) => [r.entity.id, r.previousRank, r.rankDelta, r.bottomStreak])).toEqual([
      ['b', null, null, 0],
      ['c', 3, 1, 0],
      ['a', 1, -2, 2],
    ]);
    expect(() => rank(rules({ metricKey: 'gross_revenue' }), [def('gross_revenue')], [entity('a', { gross_revenue: [5, null] })], [])).toThrow(/aligned/);
    expect(streakAfterClose('BOTTOM', 3)).toBe(4);
    expect(streakAfterClose('MIDDLE', 3)).toBe(0);
    expect(streakAfterClose('UNRANKED', 1)).toBe(0);
  });

  it('ranks without building lines (previous periods) exactly as rankBoard ranks', () => {
    const composite = rules({
      metricKey: null,
      components: [
        { metricKey: 'net_revenue', weight: 3 },
        { metricKey: 'refund_rate', weight: 1 },
      ],
    });
    const compositeDefs = [def('net_revenue'), def('refund_rate')];
    const compositeEntities = [
      entity('a', { net_revenue: [1000, null], refund_rate: [0, 4] }),
      entity('b', { net_revenue: [3000, null], refund_rate: [2, 4] }),
      entity('c', { net_revenue: [2000, null], refund_rate: [1, 4] }),
      entity('d', { net_revenue: [9000, null], refund_rate: [0, 0] }),
    ];
    const rate = rules({ minDenominator: 3, shrinkageK: 20 });
    const rateEntities = [
      entity('x', { conversion_rate: [1, 1] }),
      entity('y', { conversion_rate: [3, 4] }),
      entity('z', { conversion_rate: [14, 20] }),
      entity('w', { conversion_rate: [2, 10] }),
      entity('v', { conversion_rate: [3, 4] }),
    ];
    for (const [r, defs, entities] of [
      [composite, compositeDefs, compositeEntities],
      [rate, [def('conversion_rate')], rateEntities],
    ] as const) {
      const lines = rank(r, [...defs], [...entities]).lines.rows;
      const ranks = ranksOnly(r, [...defs], [...entities]);
      expect(entities.map((e, i) => [e.id, ranks[i]]).sort()).toEqual(lines.map((l) => [l.entity.id, l.rank]).sort());
    }
    // Aligned with the entities (x, y, z, w, v), not in rank order.
    expect(ranksOnly(rate, [def('conversion_rate')], rateEntities)).toEqual([null, 2, 1, 4, 2]);
    expect(ranksOnly(rate, [def('conversion_rate')], [])).toEqual([]);
  });

  it('counts a metric without parts as zero for everyone, and refuses columns not aligned with the ids', () => {
    const b = rankBoard(rules({ metricKey: 'gross_revenue' }), [def('gross_revenue')], { ids: ['a', 'b'], names: ['A', 'B'], parts: new Map() });
    expect(b.lines.rows.map((r) => [r.entity, r.value, r.rank, r.band])).toEqual([
      [{ id: 'a', name: 'A' }, 0, 1, 'MIDDLE'],
      [{ id: 'b', name: 'B' }, 0, 1, 'MIDDLE'],
    ]);
    const misaligned = new Map([['gross_revenue', { numerators: [1], denominators: [null] }]]);
    expect(() => rankBoard(rules({ metricKey: 'gross_revenue' }), [def('gross_revenue')], { ids: ['a', 'b'], names: ['A', 'B'], parts: misaligned })).toThrow(
      /aligned/,
    );
    expect(() => rankBoard(rules({ metricKey: 'gross_revenue' }), [def('gross_revenue')], { ids: ['a', 'b'], names: ['A'], parts: new Map() })).toThrow(
      /aligned/,
    );
  });

  it('builds the lines as columns, and the same lines as rows only when asked for', () => {
    const b = rank(
      rules({ metricKey: 'gross_revenue' }),
      [def('gross_revenue')],
      [entity('a', { gross_revenue: [5, null] }), entity('b', { gross_revenue: [9, null] }), entity('c', { gross_revenue: [7, null] })],
      [1, null, 3],
    );
    // History applied to the columns before any row exists; the rows then carry it.
    b.lines.applyHistory(null, new Map([['a', 2]]));
    expect(b.lines.length).toBe(3);
    expect(b.lines.columns).toEqual({
      entityIds: ['b', 'c', 'a'],
      entityNames: ['B', 'C', 'A'],
      ranks: [1, 2, 3],
      positions: [1, 2, 3],
      values: [9, 7, 5],
      adjustedValues: [null, null, null],
      numerators: [9, 7, 5],
      denominators: [null, null, null],
      bands: ['TOP', 'MIDDLE', 'MIDDLE'],
      percentiles: [2 / 3, 1 / 3, 0],
      previousRanks: [null, 3, 1],
      rankDeltas: [null, 1, -2],
      bottomStreaks: [0, 0, 2],
      unrankedReasons: [null, null, null],
    });
    const rows = b.lines.rows;
    expect(b.lines.rows).toBe(rows);
    expect(standingColumns(rows as StandingModel[])).toEqual(b.lines.columns);
    expect(b.lines.bandCounts()).toEqual({ top: 1, middle: 2, bottom: 0, unranked: 0 });
    // Once both forms exist, history reaches both.
    b.lines.applyHistory(new Map([['c', 1]]), null);
    expect(rows.map((r) => [r.entity.id, r.previousRank, r.rankDelta, r.bottomStreak])).toEqual([
      ['b', null, null, 0],
      ['c', 1, -1, 0],
      ['a', null, null, 0],
    ]);
    expect(b.lines.columns.previousRanks).toEqual([null, 1, null]);
    expect(b.lines.columns.bottomStreaks).toEqual([0, 0, 0]);
    // Lines read from a snapshot start as rows; their columns are built from them.
    const fromRows = BoardLines.ofRows(rows);
    expect(fromRows.columns).toEqual(b.lines.columns);
    expect(fromRows.rows).toBe(rows);
  });

  it('ranks on the values a producer computed when it gives them (a CUSTOM metric reading more than its parts)', () => {
    const parts = new Map([['gross_revenue', { numerators: [1, 1, 1], denominators: [null, null, null], values: [30, null, 20] }]]);
    const b = rankBoard(rules({ metricKey: 'gross_revenue' }), [def('gross_revenue')], { ids: ['a', 'b', 'c'], names: ['A', 'B', 'C'], parts });
    expect(b.lines.rows.map((r) => [r.entity.id, r.value, r.numerator, r.rank, r.unrankedReason])).toEqual([
      ['a', 30, 1, 1, null],
      ['c', 20, 1, 2, null],
      ['b', null, 1, null, 'NO_VALUE'],
    ]);
    const short = new Map([['gross_revenue', { numerators: [1], denominators: [null], values: [] }]]);
    expect(() => rankBoard(rules({ metricKey: 'gross_revenue' }), [def('gross_revenue')], { ids: ['a'], names: ['A'], parts: short })).toThrow(/aligned/);
  });

  it('reads only the rollup columns the metrics need', () => {
    expect(rollupColumnsOf([def('net_revenue'), def('conversion_rate')])).toEqual(['leads_assigned', 'conversions', 'gross_revenue', 'refunded_amount']);
    expect(liveBoardSql(RankingScope.SQUAD, [])).not.toContain('rollup_daily');
  });
});
