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

/**
 * Ranks entities with the 271 rule (docs/rankings.md). Ranked standings come first in display
 * order, then unranked ones sorted by id. Eligible = `eligible !== false` and a finite value;
 * explicit ineligibility wins over NO_VALUE when both apply.
 */
export function rankEntities<T = undefined>(input: RankInput<T>): Standing<T>[] {
  const { entities, direction } = input;
  const topPct = input.topPct ?? DEFAULT_TOP_PCT;
  const bottomPct = input.bottomPct ?? DEFAULT_BOTTOM_PCT;
  assertDirection(direction);

  // Entities already in strictly ascending id order (boards read from SQL `ORDER BY id`) have no
  // duplicate ids, and a stable sort on the value alone then keeps ties in id order: the id set
  // and the id comparisons of the tie-break are skipped. Any other order takes the general path.
  const idOrdered = idsAscending(entities);
  if (!idOrdered) {
    const seen = new Set<string>();
    for (const e of entities) {
      if (typeof e.id !== 'string') throw new RankingInputError('entity id must be a string');
      if (seen.has(e.id)) throw new RankingInputError(`duplicate entity id: ${e.id}`);
      seen.add(e.id);
    }
  }

  const ranked: (RankEntityInput<T> & { value: number })[] = [];
  const unranked: Standing<T>[] = [];
  for (const e of entities) {
    const usable = isUsableValue(e.value);
    if (e.eligible === false || !usable) {
      unranked.push({
        id: e.id,
        value: usable ? e.value : null,
        rank: null,
        position: null,
        band: 'UNRANKED',
        percentile: null,
        unrankedReason: e.eligible === false ? (e.unrankedReason ?? INELIGIBLE) : NO_VALUE,
        payload: e.payload,
      });
    } else {
      ranked.push(e as RankEntityInput<T> & { value: number });
    }
  }

  if (idOrdered) {
    // Array.prototype.sort is stable: equal values keep their (ascending id) order.
    if (direction === 'HIGHER_IS_BETTER') ranked.sort((a, b) => b.value - a.value);
    else ranked.sort((a, b) => a.value - b.value);
  } else {
    ranked.sort((a, b) => compareValues(a.value, b.value, direction) || compareIds(a.id, b.id));
    unranked.sort((a, b) => compareIds(a.id, b.id));
  }

  const n = ranked.length;
  const counts = bandCounts(n, topPct, bottomPct);
  const out: Standing<T>[] = [];
  let groupStart = 0;
  while (groupStart < n) {
    let groupEnd = groupStart; // inclusive index of the last member of the tie group
    while (groupEnd + 1 < n && ranked[groupEnd + 1].value === ranked[groupStart].value) groupEnd++;
    const rank = groupStart + 1;
    // Ties never push anyone down: the whole group takes the band of its best position.
    const band = positionalBand(rank, n, counts);
    const percentile = (n - (groupEnd + 1)) / n;
    for (let i = groupStart; i <= groupEnd; i++) {
      const e = ranked[i];
      out.push({ id: e.id, value: e.value, rank, position: i + 1, band, percentile, unrankedReason: null, payload: e.payload });
    }
    groupStart = groupEnd + 1;
  }
  return out.concat(unranked);
}

/**
 * True when every id is a string strictly greater than the previous one (code-unit order, as
 * compareIds), so no id repeats; false otherwise (also for a non-string id).
 */
export function idsAscending(entities: readonly { id: string }[]): boolean {
  let prev: string | null = null;
  for (const e of entities) {
    if (typeof e.id !== 'string' || (prev !== null && !(prev < e.id))) return false;
    prev = e.id;
  }
  return true;
}
