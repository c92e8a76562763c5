import { compareIds, RankingInputError, type Band } from './bands.js';

/** previousRank − rank: positive = moved up, negative = moved down, 0 = unchanged; null when either is missing. */
export function rankDelta(previousRank: number | null | undefined, rank: number | null | undefined): number | null {
  if (previousRank === null || previousRank === undefined || rank === null || rank === undefined) return null;
  return previousRank - rank;
}

/**
 * Number of consecutive BOTTOM bands counted from the newest closed period (index 0).
 * Any other band — including UNRANKED — ends the streak.
 */
export function bottomStreak(bandsNewestFirst: readonly Band[]): number {
  let streak = 0;
  while (streak < bandsNewestFirst.length && bandsNewestFirst[streak] === 'BOTTOM') streak++;
  return streak;
}

/**
 * Ids whose bottom streak is >= k (default 2), sorted by id. The watch list is a coaching
 * signal only: ranking alone never changes anyone's employment status.
 */
export function watchList(historyByEntity: Readonly<Record<string, readonly Band[]>>, k = 2): string[] {
  if (!Number.isInteger(k) || k < 1) throw new RankingInputError(`k must be an integer >= 1, got ${String(k)}`);
  return Object.keys(historyByEntity)
    .filter((id) => bottomStreak(historyByEntity[id]) >= k)
    .sort(compareIds);
}
