import type { StandingColumnsModel, StandingModel } from './models/rankings.models.js';

/**
 * A board's lines as columns (`Leaderboard.columns`): one array per field, aligned by index, in
 * the order of the lines. Built in one pass; the composite `components` stay on `entries`. The
 * arrays are filled by push, not preallocated (`new Array(n)`): a preallocated array stays
 * "holey" for V8 even once full, and JSON.stringify takes its slow path over holey arrays (about
 * 1.4× the time for a board's number columns).
 */
export function standingColumns(entries: readonly StandingModel[]): StandingColumnsModel {
  const c: StandingColumnsModel = {
    entityIds: [],
    entityNames: [],
    ranks: [],
    positions: [],
    values: [],
    adjustedValues: [],
    numerators: [],
    denominators: [],
    bands: [],
    percentiles: [],
    previousRanks: [],
    rankDeltas: [],
    bottomStreaks: [],
    unrankedReasons: [],
  };
  for (const e of entries) {
    c.entityIds.push(e.entity.id);
    c.entityNames.push(e.entity.name);
    c.ranks.push(e.rank);
    c.positions.push(e.position);
    c.values.push(e.value);
    c.adjustedValues.push(e.adjustedValue);
    c.numerators.push(e.numerator);
    c.denominators.push(e.denominator);
    c.bands.push(e.band);
    c.percentiles.push(e.percentile);
    c.previousRanks.push(e.previousRank);
    c.rankDeltas.push(e.rankDelta);
    c.bottomStreaks.push(e.bottomStreak);
    c.unrankedReasons.push(e.unrankedReason);
  }
  return c;
}
