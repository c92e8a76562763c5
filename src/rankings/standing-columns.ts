import { packedArray } from '../common/packed-array.js';
import type { StandingColumnsModel, StandingModel } from './models/rankings.models.js';

/**
 * A board's lines as columns (`Leaderboard.columns`): one array per field, aligned by index, in
 * the order of the lines. Built in one pass; the composite `components` stay on `entries`. The
 * arrays go to the response as they are, so they are packed and exactly as long as the board
 * (`packedArray`: JSON.stringify is slower over holey arrays, and growing by push allocates twice).
 */
export function standingColumns(entries: readonly StandingModel[]): StandingColumnsModel {
  const n = entries.length;
  const c = emptyStandingColumns(n);
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    c.entityIds[i] = e.entity.id;
    c.entityNames[i] = e.entity.name;
    c.ranks[i] = e.rank;
    c.positions[i] = e.position;
    c.values[i] = e.value;
    c.adjustedValues[i] = e.adjustedValue;
    c.numerators[i] = e.numerator;
    c.denominators[i] = e.denominator;
    c.bands[i] = e.band;
    c.percentiles[i] = e.percentile;
    c.previousRanks[i] = e.previousRank;
    c.rankDeltas[i] = e.rankDelta;
    c.bottomStreaks[i] = e.bottomStreak;
    c.unrankedReasons[i] = e.unrankedReason;
  }
  return c;
}

/** The columns of `n` lines, to be filled by index (every slot of every column): packed arrays exactly n long. */
export function emptyStandingColumns(n: number): StandingColumnsModel {
  const column = <T>() => packedArray(n) as unknown as T[];
  return {
    entityIds: column(),
    entityNames: column(),
    ranks: column(),
    positions: column(),
    values: column(),
    adjustedValues: column(),
    numerators: column(),
    denominators: column(),
    bands: column(),
    percentiles: column(),
    previousRanks: column(),
    rankDeltas: column(),
    bottomStreaks: column(),
    unrankedReasons: column(),
  };
}
