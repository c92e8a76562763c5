import type { StandingColumnsModel, StandingModel } from './models/rankings.models.js';

/**
 * A board's lines as columns (`Leaderboard.columns`): one array per field, aligned by index, in
 * the order of the lines. Built in one pass; the composite `components` stay on `entries`.
 */
export function standingColumns(entries: readonly StandingModel[]): StandingColumnsModel {
  const n = entries.length;
  const c: StandingColumnsModel = {
    entityIds: new Array<string>(n),
    entityNames: new Array<string>(n),
    ranks: new Array<number | null>(n),
    positions: new Array<number | null>(n),
    values: new Array<number | null>(n),
    adjustedValues: new Array<number | null>(n),
    numerators: new Array<number | null>(n),
    denominators: new Array<number | null>(n),
    bands: new Array<StandingModel['band']>(n),
    percentiles: new Array<number | null>(n),
    previousRanks: new Array<number | null>(n),
    rankDeltas: new Array<number | null>(n),
    bottomStreaks: new Array<number>(n),
    unrankedReasons: new Array<string | null>(n),
  };
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
