/**
 * @lib/ranking — pure, deterministic leaderboard maths for the 271 rule (top 20 % / middle 70 % /
 * bottom 10 %), eligibility, rate shrinkage, composite scores, movement/streaks and PK duels.
 * No I/O, no clock, no randomness. Rules: docs/rankings.md.
 */
export { RULES_VERSION, DEFAULT_TOP_PCT, DEFAULT_BOTTOM_PCT, RankingInputError, bandCounts, validatePercentages, compareValues, compareIds } from './bands.js';
export type { Direction, Band, BandCounts } from './bands.js';
export { rankEntities, rankColumns, idsAscending, NO_VALUE, INELIGIBLE } from './rank.js';
export type { RankEntityInput, RankInput, Standing, RankColumnsInput, RankedColumns } from './rank.js';
export { applyEligibility, checkEligibility, BELOW_MIN_SAMPLE } from './eligibility.js';
export type { EligibilityRule, EligibilityDecision, EligibilityCandidate } from './eligibility.js';
export { shrinkRate, populationRate, applyShrinkage } from './shrinkage.js';
export type { RateEntity, ShrunkEntity, ShrinkageResult } from './shrinkage.js';
export { compositeScores, MISSING_VALUE } from './composite.js';
export type { CompositeMetric, CompositeEntity, CompositeScore } from './composite.js';
export { rankDelta, bottomStreak, watchList } from './movement.js';
export { duelResult, seasonTable, POINTS_WIN, POINTS_DRAW, POINTS_LOSS } from './duel.js';
export type { DuelWinner, DuelResult, DuelRecord, SeasonRow } from './duel.js';
export { diffLines, applyLines, applyBoardMessage, compareLines, sameValue } from './delta.js';
export type { BoardLine, BoardMessage, LinesDelta } from './delta.js';
