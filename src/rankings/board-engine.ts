import {
  applyEligibility,
  applyShrinkage,
  bottomStreak,
  compositeScores,
  rankDelta,
  rankEntities,
  type Band,
  type Direction,
  type RankEntityInput,
} from '@lib/ranking';
import { MetricDirection, metricValue, type MetricDefinition, type MetricParts } from '../metrics/index.js';
import type { PopulationType, RankingScope, CompositeComponent } from './entities/ranking.entities.js';

/** The ranking rules of one board: a definition version, or an ad-hoc board's defaults. */
export interface BoardRules {
  metricKey: string | null;
  components: CompositeComponent[] | null;
  windowPeriods: number;
  minDenominator: number | null;
  shrinkageK: number | null;
  topPct: number;
  bottomPct: number;
  watchStreak: number;
}

/** Who is ranked. */
export interface BoardPopulation {
  organizationId: string;
  scope: RankingScope;
  teamKind: string;
  populationType: PopulationType;
  populationId: string | null;
}

/** One entity's metric inputs over a window. */
export interface EntityParts {
  id: string;
  name: string;
  /** Parts by metric key (a Map, or a view over per-metric maps; absent = zero). */
  parts: Pick<ReadonlyMap<string, MetricParts>, 'get'>;
}

export interface ComponentInput {
  metricKey: string;
  weight: number;
  value: number | null;
  adjustedValue: number | null;
  numerator: number;
  denominator: number | null;
  part: number | null;
}

/** A line of a leaderboard (live or from a snapshot). */
export interface StandingRow {
  rank: number | null;
  position: number | null;
  entityId: string;
  entityName: string;
  value: number | null;
  adjustedValue: number | null;
  numerator: number | null;
  denominator: number | null;
  band: Band;
  percentile: number | null;
  unrankedReason: string | null;
  previousRank: number | null;
  rankDelta: number | null;
  bottomStreak: number;
  components: ComponentInput[] | null;
}

export interface RankedBoard {
  rows: StandingRow[];
  /** p̄ of the shrunk rate (single rate metric with shrinkage), else null. */
  populationRate: number | null;
}

/** Unit of a rate's denominator, for "BELOW_MIN_SAMPLE: 12 of 20 leads". */
export function sampleUnit(def: MetricDefinition): string {
  if (def.source.kind === 'ROLLUP' && def.source.denominator) {
    if (def.source.denominator.includes('leads_assigned')) return 'leads';
    if (def.source.denominator.includes('paid_orders')) return 'orders';
  }
  return 'samples';
}

export function isRateMetric(def: MetricDefinition): boolean {
  return def.source.kind === 'ROLLUP' ? !!def.source.denominator : def.unit === 'RATIO';
}

export const toDirection = (d: MetricDirection): Direction => (d === MetricDirection.LOWER_IS_BETTER ? 'LOWER_IS_BETTER' : 'HIGHER_IS_BETTER');

/** Values are compared exactly when ranking; round away float noise so 0.1 + 0.2 ties with 0.3. */
// Integers below 10^12 (money in minor units, counts) already have at most 12 digits: unchanged, without formatting a string.
const forRanking = (v: number | null): number | null =>
  v === null || !Number.isFinite(v) || (Number.isInteger(v) && Math.abs(v) < 1e12) ? v : Number(v.toPrecision(12));

type Eligibility = { eligible: boolean; unrankedReason?: string };
/** Shared by every entity of a board without a minimum sample (read only). */
const ELIGIBLE: Eligibility = Object.freeze({ eligible: true, unrankedReason: undefined });

/** One metric's raw values and parts per entity, and the shrunk values where shrinkage applies. */
interface MetricColumn {
  def: MetricDefinition;
  rows: { numerator: number; denominator: number | null; value: number | null; eligible: boolean }[];
  adjusted: (number | null)[] | null;
  populationRate: number | null;
}

/** Eligibility per entity: the minimum denominator of the board's rate (or a composite's first rate component). */
function eligibilityOf(rules: BoardRules, defs: MetricDefinition[], entities: EntityParts[]): Eligibility[] {
  const sampleDef = defs.find(isRateMetric) ?? null;
  // Without a minimum sample everyone is eligible (rankEntities still reports NO_VALUE).
  if (rules.minDenominator === null || !sampleDef) return new Array<Eligibility>(entities.length).fill(ELIGIBLE);
  return applyEligibility(
    entities.map((e) => ({ denominator: e.parts.get(sampleDef.key)?.denominator ?? 0 })),
    { minDenominator: rules.minDenominator, unit: sampleUnit(sampleDef) },
  );
}

/** Per metric: raw value, parts, and the shrunk value where shrinkage applies (p̄ over the eligible population). */
function metricColumns(rules: BoardRules, defs: MetricDefinition[], entities: EntityParts[], eligibility: Eligibility[]): MetricColumn[] {
  const k = rules.shrinkageK ?? 0;
  return defs.map((def) => {
    // An entity without parts counts as zero; the zero parts are shared (read only), not built per entity.
    const zero: MetricParts = Object.freeze({ numerator: 0, denominator: isRateMetric(def) ? 0 : null });
    const rows = new Array<MetricColumn['rows'][number]>(entities.length);
    for (let i = 0; i < entities.length; i++) {
      const p = entities[i].parts.get(def.key) ?? zero;
      rows[i] = { numerator: p.numerator, denominator: p.denominator, value: metricValue(def, p), eligible: eligibility[i].eligible };
    }
    if (k > 0 && isRateMetric(def)) {
      const shrunk = applyShrinkage(
        rows.map((r) => ({ numerator: r.numerator, denominator: r.denominator ?? 0, eligible: r.eligible })),
        k,
      );
      return { def, rows, adjusted: shrunk.entities.map((s) => s.adjustedValue), populationRate: shrunk.populationRate };
    }
    return { def, rows, adjusted: null as (number | null)[] | null, populationRate: null as number | null };
  });
}

/** Ranking inputs of a weighted composite (higher is better) and each entity's component breakdown. */
function compositeInputs(
  components: CompositeComponent[],
  entities: EntityParts[],
  eligibility: Eligibility[],
  perMetric: MetricColumn[],
  withComponents: boolean,
): { inputs: RankEntityInput<number>[]; componentRows: ComponentInput[][] | null } {
  const weights = new Map(components.map((c) => [c.metricKey, c.weight]));
  const eligibleIdx = entities.map((_, i) => i).filter((i) => eligibility[i].eligible);
  const scores = compositeScores(
    eligibleIdx.map((i) => ({
      id: entities[i].id,
      values: Object.fromEntries(perMetric.map((pm) => [pm.def.key, pm.adjusted ? pm.adjusted[i] : pm.rows[i].value])),
    })),
    perMetric.map((pm) => ({ key: pm.def.key, weight: weights.get(pm.def.key)!, direction: toDirection(pm.def.direction) })),
  );
  const scoreById = new Map(scores.map((s) => [s.id, s]));
  const componentRows = !withComponents
    ? null
    : entities.map((e, i) =>
        perMetric.map((pm) => ({
          metricKey: pm.def.key,
          weight: weights.get(pm.def.key)!,
          value: pm.rows[i].value,
          adjustedValue: pm.adjusted ? pm.adjusted[i] : null,
          numerator: pm.rows[i].numerator,
          denominator: pm.rows[i].denominator,
          part: scoreById.get(e.id)?.parts[pm.def.key] ?? null,
        })),
      );
  const inputs: RankEntityInput<number>[] = [];
  entities.forEach((e, i) => {
    const s = scoreById.get(e.id);
    if (!eligibility[i].eligible) inputs.push({ id: e.id, value: null, eligible: false, unrankedReason: eligibility[i].unrankedReason, payload: i });
    else if (s?.score === null || s === undefined) inputs.push({ id: e.id, value: null, eligible: false, unrankedReason: s?.reason ?? undefined, payload: i });
    else inputs.push({ id: e.id, value: forRanking(s.score), payload: i });
  });
  return { inputs, componentRows };
}

/** Ranking inputs of a single metric: its shrunk value when shrinkage applies, else its value. */
function singleInputs(pm: MetricColumn, entities: EntityParts[], eligibility: Eligibility[]): RankEntityInput<number>[] {
  const out = new Array<RankEntityInput<number>>(entities.length);
  for (let i = 0; i < entities.length; i++) {
    const rankValue = pm.adjusted ? pm.adjusted[i] : pm.rows[i].value;
    out[i] = { id: entities[i].id, value: forRanking(rankValue), eligible: eligibility[i].eligible, unrankedReason: eligibility[i].unrankedReason, payload: i };
  }
  return out;
}

/** Eligibility, per-metric values, ranking inputs and the @lib/ranking standings of a population. */
function ranked(rules: BoardRules, defs: MetricDefinition[], entities: EntityParts[], withComponents: boolean) {
  const eligibility = eligibilityOf(rules, defs, entities);
  const perMetric = metricColumns(rules, defs, entities, eligibility);
  const composite = rules.components ? compositeInputs(rules.components, entities, eligibility, perMetric, withComponents) : null;
  const inputs = composite ? composite.inputs : singleInputs(perMetric[0], entities, eligibility);
  const direction: Direction = rules.components ? 'HIGHER_IS_BETTER' : toDirection(perMetric[0].def.direction);
  const standings = rankEntities({ entities: inputs, direction, topPct: rules.topPct, bottomPct: rules.bottomPct });
  return { perMetric, composite, inputs, standings };
}

/**
 * Ranks a population with @lib/ranking: eligibility (minimum denominator of the board's rate, or
 * of a composite's first rate component), optional shrinkage of rates, composite scores, 271 bands.
 * `defs` are in the order of the rules (the single metric, or the composite's components).
 * `previousRanks`, when given, holds each entity's rank in the previous period, aligned with
 * `entities` (null: unranked or absent then); the lines then carry it and their movement.
 */
export function rankBoard(
  rules: BoardRules,
  defs: MetricDefinition[],
  entities: EntityParts[],
  previousRanks: readonly (number | null)[] | null = null,
): RankedBoard {
  if (previousRanks && previousRanks.length !== entities.length) throw new Error('rankBoard: previousRanks must be aligned with the entities');
  const { perMetric, composite, inputs, standings } = ranked(rules, defs, entities, true);
  const single = rules.components ? null : perMetric[0];
  const rows: StandingRow[] = standings.map((s) => {
    const i = s.payload!;
    const e = entities[i];
    const previousRank = previousRanks ? previousRanks[i] : null;
    return {
      rank: s.rank,
      position: s.position,
      entityId: e.id,
      entityName: e.name,
      value: single ? single.rows[i].value : (inputs[i].value ?? null),
      adjustedValue: single?.adjusted ? single.adjusted[i] : null,
      numerator: single ? single.rows[i].numerator : null,
      denominator: single ? single.rows[i].denominator : null,
      band: s.band,
      percentile: s.percentile,
      unrankedReason: s.unrankedReason,
      previousRank,
      rankDelta: rankDelta(previousRank, s.rank),
      bottomStreak: 0,
      components: composite?.componentRows ? composite.componentRows[i] : null,
    };
  });
  const populationRate = single?.adjusted ? single.populationRate : null;
  return { rows, populationRate };
}

/**
 * Each entity's rank (null when unranked) under the same rules as rankBoard, aligned with
 * `entities`, without building the board's lines: the previous period of a live board needs only
 * its ranks for movement. The caller matches them to the current period's entities by row index.
 */
export function rankOnly(rules: BoardRules, defs: MetricDefinition[], entities: EntityParts[]): (number | null)[] {
  const { standings } = ranked(rules, defs, entities, false);
  const out = new Array<number | null>(entities.length).fill(null);
  for (const s of standings) out[s.payload!] = s.rank;
  return out;
}

/**
 * From the newest closed snapshot: the previous period's ranks when that period is the one closed
 * (replacing what the lines carry, with their movement), and the streak of closed BOTTOM periods.
 */
export function applyHistory(rows: StandingRow[], previousRanks: Map<string, number | null> | null, streaks: Map<string, number> | null): void {
  for (const r of rows) {
    if (previousRanks) {
      r.previousRank = previousRanks.get(r.entityId) ?? null;
      r.rankDelta = rankDelta(r.previousRank, r.rank);
    }
    r.bottomStreak = streaks?.get(r.entityId) ?? 0;
  }
}

/** The streak after closing a period: this period's band followed by the previous closed streak. */
export function streakAfterClose(band: Band, previousStreak: number): number {
  return bottomStreak([band, ...Array<Band>(previousStreak).fill('BOTTOM')]);
}
