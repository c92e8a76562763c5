import {
  assertDirection,
  bandCounts,
  compareIds,
  compareValues,
  DEFAULT_BOTTOM_PCT,
  DEFAULT_TOP_PCT,
  isUsableValue,
  positionalBand,
  RankingInputError,
  type Band,
  type Direction,
} from './bands.js';

/** Reason code for an entity whose value is null, NaN or infinite. */
export const NO_VALUE = 'NO_VALUE';
/** Reason used when an entity is marked ineligible without a reason. */
export const INELIGIBLE = 'INELIGIBLE';

export interface RankEntityInput<T = undefined> {
  id: string;
  value: number | null;
  /** Defaults to true. */
  eligible?: boolean;
  unrankedReason?: string;
  numerator?: number;
  denominator?: number;
  payload?: T;
}

export interface RankInput<T = undefined> {
  entities: readonly RankEntityInput<T>[];
  direction: Direction;
  topPct?: number;
  bottomPct?: number;
}

export interface Standing<T = undefined> {
  id: string;
  /** The entity's value (NaN/±Infinity reported as null). */
  value: number | null;
  /** Competition rank ("1, 2, 2, 4"); null when unranked. */
  rank: number | null;
  /** 1-based position in display order (ties broken by id); null when unranked. */
  position: number | null;
  band: Band;
  /** Share of eligible entities strictly worse: (n − last position of the tie group) / n; null when unranked. */
  percentile: number | null;
  unrankedReason: string | null;
  payload: T | undefined;
}

/** The columns `rankColumns` ranks: one value per entity, aligned by index. */
export interface RankColumnsInput {
  ids: readonly string[];
  values: readonly (number | null)[];
  /** Per entity; null or absent: everyone eligible. An ineligible entity is unranked whatever its value. */
  eligible?: readonly boolean[] | null;
  /** Per entity, the reason of an ineligible one (default INELIGIBLE). */
  reasons?: readonly (string | null | undefined)[] | null;
  direction: Direction;
  topPct?: number;
  bottomPct?: number;
}

/**
 * The result of `rankColumns`: every array but `order` is aligned with the input (index i is
 * entity i), so a caller reads an entity's outcome by its index, without an object per entity.
 */
export interface RankedColumns {
  /** Input indexes in display order: ranked ones by position, then unranked ones by id. */
  order: number[];
  /** Number of ranked entities (the first `ranked` of `order`). */
  ranked: number;
  rank: (number | null)[];
  position: (number | null)[];
  band: Band[];
  percentile: (number | null)[];
  unrankedReason: (string | null)[];
}

/**
 * Ranks entities given as columns with the 271 rule (docs/rankings.md): competition ranks, 1-based
 * positions with ties in id order, bands (a tie group takes the band of its best position) and
 * percentiles. Eligible = `eligible[i] !== false` and a finite value; explicit ineligibility wins
 * over NO_VALUE when both apply. `rankEntities` is this over objects.
 */
export function rankColumns(input: RankColumnsInput): RankedColumns {
  const { ids, values, direction } = input;
  const eligible = input.eligible ?? null;
  const reasons = input.reasons ?? null;
  const topPct = input.topPct ?? DEFAULT_TOP_PCT;
  const bottomPct = input.bottomPct ?? DEFAULT_BOTTOM_PCT;
  assertDirection(direction);
  const n = ids.length;
  if (values.length !== n || (eligible && eligible.length !== n) || (reasons && reasons.length !== n))
    throw new RankingInputError('ids, values, eligible and reasons must have the same length');

  // Entities already in strictly ascending id order (boards read from SQL `ORDER BY id`) have no
  // duplicate ids, and ties broken by index are then broken by id: the id set and the id
  // comparisons are skipped. Any other order takes the general path.
  const idOrdered = idsAscending(ids);
  if (!idOrdered) {
    const seen = new Set<string>();
    for (const id of ids) {
      if (typeof id !== 'string') throw new RankingInputError('entity id must be a string');
      if (seen.has(id)) throw new RankingInputError(`duplicate entity id: ${id}`);
      seen.add(id);
    }
  }

  const rank = new Array<number | null>(n).fill(null);
  const position = new Array<number | null>(n).fill(null);
  const band = new Array<Band>(n).fill('UNRANKED');
  const percentile = new Array<number | null>(n).fill(null);
  const unrankedReason = new Array<string | null>(n).fill(null);
  const rankedIdx: number[] = [];
  const unrankedIdx: number[] = [];
  for (let i = 0; i < n; i++) {
    const usable = isUsableValue(values[i]);
    if ((eligible !== null && eligible[i] === false) || !usable) {
      unrankedReason[i] = eligible !== null && eligible[i] === false ? (reasons?.[i] ?? INELIGIBLE) : NO_VALUE;
      unrankedIdx.push(i);
    } else rankedIdx.push(i);
  }
  const v = values as readonly number[];
  // Array.prototype.sort is stable; ties fall back to the index (id order when idOrdered) or the id.
  if (idOrdered) {
    if (direction === 'HIGHER_IS_BETTER') rankedIdx.sort((a, b) => v[b] - v[a] || a - b);
    else rankedIdx.sort((a, b) => v[a] - v[b] || a - b);
  } else {
    rankedIdx.sort((a, b) => compareValues(v[a], v[b], direction) || compareIds(ids[a], ids[b]));
    unrankedIdx.sort((a, b) => compareIds(ids[a], ids[b]));
  }

  const m = rankedIdx.length;
  const counts = bandCounts(m, topPct, bottomPct);
  let groupStart = 0;
  while (groupStart < m) {
    let groupEnd = groupStart; // inclusive index of the last member of the tie group
    const groupValue = v[rankedIdx[groupStart]];
    while (groupEnd + 1 < m && v[rankedIdx[groupEnd + 1]] === groupValue) groupEnd++;
    const r = groupStart + 1;
    // Ties never push anyone down: the whole group takes the band of its best position.
    const b = positionalBand(r, m, counts);
    const pct = (m - (groupEnd + 1)) / m;
    for (let k = groupStart; k <= groupEnd; k++) {
      const i = rankedIdx[k];
      rank[i] = r;
      position[i] = k + 1;
      band[i] = b;
      percentile[i] = pct;
    }
    groupStart = groupEnd + 1;
  }
  for (const i of unrankedIdx) rankedIdx.push(i);
  return { order: rankedIdx, ranked: m, rank, position, band, percentile, unrankedReason };
}

/**
 * Ranks entities with the 271 rule (docs/rankings.md). Ranked standings come first in display
 * order, then unranked ones sorted by id. Eligible = `eligible !== false` and a finite value;
 * explicit ineligibility wins over NO_VALUE when both apply.
 */
export function rankEntities<T = undefined>(input: RankInput<T>): Standing<T>[] {
  const { entities } = input;
  const r = rankColumns({
    ids: entities.map((e) => e.id),
    values: entities.map((e) => e.value),
    eligible: entities.map((e) => e.eligible !== false),
    reasons: entities.map((e) => e.unrankedReason),
    direction: input.direction,
    topPct: input.topPct,
    bottomPct: input.bottomPct,
  });
  return r.order.map((i) => {
    const e = entities[i];
    return {
      id: e.id,
      value: isUsableValue(e.value) ? e.value : null,
      rank: r.rank[i],
      position: r.position[i],
      band: r.band[i],
      percentile: r.percentile[i],
      unrankedReason: r.unrankedReason[i],
      payload: e.payload,
    };
  });
}

/**
 * True when every id is a string strictly greater than the previous one (code-unit order, as
 * compareIds), so no id repeats; false otherwise (also for a non-string id).
 */
export function idsAscending(ids: readonly string[]): boolean {
  let prev: string | null = null;
  for (const id of ids) {
    if (typeof id !== 'string' || (prev !== null && !(prev < id))) return false;
    prev = id;
  }
  return true;
}
