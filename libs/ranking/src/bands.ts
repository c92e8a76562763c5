/**
 * The 271 rule: band sizes, directions and shared helpers. See docs/rankings.md.
 */

/** Version of the ranking rules implemented by this library; record it in every leaderboard snapshot. */
export const RULES_VERSION = '271-v1';

export const DEFAULT_TOP_PCT = 20;
export const DEFAULT_BOTTOM_PCT = 10;

export type Direction = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
export type Band = 'TOP' | 'MIDDLE' | 'BOTTOM' | 'UNRANKED';

export interface BandCounts {
  topCount: number;
  bottomCount: number;
}

/** Thrown for invalid input (bad percentages, duplicate ids, negative counts...). */
export class RankingInputError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'RankingInputError';
  }
}

export function assertDirection(direction: unknown): asserts direction is Direction {
  if (direction !== 'HIGHER_IS_BETTER' && direction !== 'LOWER_IS_BETTER') {
    throw new RankingInputError(`direction must be HIGHER_IS_BETTER or LOWER_IS_BETTER, got ${String(direction)}`);
  }
}

/** Band percentages must be integers in 0..100 with top + bottom <= 100. */
export function validatePercentages(topPct: number, bottomPct: number): void {
  for (const [name, pct] of [
    ['topPct', topPct],
    ['bottomPct', bottomPct],
  ] as const) {
    if (!Number.isInteger(pct) || pct < 0 || pct > 100) {
      throw new RankingInputError(`${name} must be an integer in 0..100, got ${String(pct)}`);
    }
  }
  if (topPct + bottomPct > 100) {
    throw new RankingInputError(`topPct + bottomPct must be <= 100, got ${topPct} + ${bottomPct}`);
  }
}

/** Exact integer division (a, b non-negative safe integers). */
function floorDiv(a: number, b: number): number {
  return (a - (a % b)) / b;
}

/**
 * Band sizes for n eligible entities, computed in exact integer arithmetic (no float error):
 *   topCount    = round(n × topPct / 100), halves rounded up = floor((2·n·topPct + 100) / 200)
 *   bottomCount = floor(n × bottomPct / 100)
 * With topPct + bottomPct <= 100 the two never overlap (topCount + bottomCount <= n); bottomCount
 * is nevertheless clamped to n − topCount so TOP always wins an overlap.
 */
export function bandCounts(n: number, topPct: number = DEFAULT_TOP_PCT, bottomPct: number = DEFAULT_BOTTOM_PCT): BandCounts {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RankingInputError(`n must be a non-negative integer, got ${String(n)}`);
  }
  validatePercentages(topPct, bottomPct);
  const topCount = floorDiv(2 * n * topPct + 100, 200);
  const bottomCount = Math.min(floorDiv(n * bottomPct, 100), n - topCount);
  return { topCount, bottomCount };
}

/** Band of a position (1-based) before tie handling. */
export function positionalBand(position: number, n: number, counts: BandCounts): Exclude<Band, 'UNRANKED'> {
  if (position <= counts.topCount) return 'TOP';
  if (position > n - counts.bottomCount) return 'BOTTOM';
  return 'MIDDLE';
}

/** Deterministic, locale-independent string order (UTF-16 code units). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when a is better than b. */
export function compareValues(a: number, b: number, direction: Direction): number {
  if (a === b) return 0;
  const aBetter = direction === 'HIGHER_IS_BETTER' ? a > b : a < b;
  return aBetter ? -1 : 1;
}

/** A usable metric value: a finite number (null, undefined, NaN and ±Infinity are not). */
export function isUsableValue(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
