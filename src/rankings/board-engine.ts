import { applyEligibility, applyShrinkage, bottomStreak, compositeScores, rankColumns, rankDelta, type Band, type Direction } from '@lib/ranking';
import { MetricDirection, metricValueOf, type MetricDefinition } from '../metrics/index.js';
import type { PopulationType, RankingScope, CompositeComponent } from './entities/ranking.entities.js';
import type { StandingBand, StandingColumnsModel, StandingModel } from './models/rankings.models.js';
import { emptyStandingColumns, standingColumns } from './standing-columns.js';

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

/** One metric's parts per entity, aligned with `BoardEntities.ids` (an absent entity counts as zero). */
export interface PartsColumn {
  numerators: readonly number[];
  /** null per entity for a metric without denominator. */
  denominators: readonly (number | null)[];
  /**
   * Each entity's value, when its producer computed it: a CUSTOM metric's `value` may read more of
   * its parts object than the numerator and denominator (a median). Else computed from the parts.
   */
  values?: readonly (number | null)[];
}

/**
 * A population and its metric inputs over a window, as columns aligned by index (no object per
 * entity): ids, names and, per metric key, the parts. A metric missing from `parts` is zero for
 * everyone.
 */
export interface BoardEntities {
  ids: readonly string[];
  names: readonly string[];
  parts: ReadonlyMap<string, PartsColumn>;
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
  /** The entity ranked (the line's `entity` as the API shows it). */
  entity: { id: string; name: string };
  value: number | null;
  adjustedValue: number | null;
  numerator: number | null;
  denominator: number | null;
  band: Band;
  percentile: number | null;
  previousRank: number | null;
  rankDelta: number | null;
  bottomStreak: number;
  unrankedReason: string | null;
  components: ComponentInput[] | null;
}

/**
 * A board's lines in display order. Built as the columns the API answers with (`columns`, one
 * packed array per field); the line objects (`rows`, `entries` in the API) are built once, the
 * first time they are asked for, so a board read as columns never builds an object per line. A
 * board read from a snapshot starts from its rows instead, and builds its columns when asked.
 */
export class BoardLines {
  private constructor(
    private cols: StandingColumnsModel | null,
    private readonly components: (ComponentInput[] | null)[] | null,
    private built: StandingRow[] | null,
  ) {}

  static ofColumns(columns: StandingColumnsModel, components: (ComponentInput[] | null)[] | null): BoardLines {
    return new BoardLines(columns, components, null);
  }

  static ofRows(rows: StandingRow[]): BoardLines {
    return new BoardLines(null, null, rows);
  }

  get length(): number {
    return this.built ? this.built.length : this.cols!.entityIds.length;
  }

  /** The lines as columns (the same arrays on every call). */
  get columns(): StandingColumnsModel {
    return (this.cols ??= standingColumns(this.built as StandingModel[]));
  }

  /** The lines as objects (the same objects on every call). */
  get rows(): StandingRow[] {
    return (this.built ??= this.buildRows());
  }

  /** How many lines each band has. */
  bandCounts(): { top: number; middle: number; bottom: number; unranked: number } {
    const counts = { top: 0, middle: 0, bottom: 0, unranked: 0 };
    const count = (b: string) => counts[b === 'TOP' ? 'top' : b === 'MIDDLE' ? 'middle' : b === 'BOTTOM' ? 'bottom' : 'unranked']++;
    if (this.built) for (const r of this.built) count(r.band);
    else for (const b of this.cols!.bands) count(b);
    return counts;
  }

  /**
   * Sets each line's previous rank and movement (when `previousRanks` is given) and bottom streak
   * from maps by entity id, in whichever forms the lines exist so far.
   */
  applyHistory(previousRanks: Map<string, number | null> | null, streaks: Map<string, number> | null): void {
    if (this.built) {
      for (const r of this.built) {
        if (previousRanks) {
          r.previousRank = previousRanks.get(r.entity.id) ?? null;
          r.rankDelta = rankDelta(r.previousRank, r.rank);
        }
        r.bottomStreak = streaks?.get(r.entity.id) ?? 0;
      }
    }
    const c = this.cols;
    if (c) {
      for (let k = 0; k < c.entityIds.length; k++) {
        const id = c.entityIds[k];
        if (previousRanks) {
          c.previousRanks[k] = previousRanks.get(id) ?? null;
          c.rankDeltas[k] = rankDelta(c.previousRanks[k], c.ranks[k]);
        }
        c.bottomStreaks[k] = streaks?.get(id) ?? 0;
      }
    }
  }

  private buildRows(): StandingRow[] {
    const c = this.cols!;
    const n = c.entityIds.length;
    const rows = new Array<StandingRow>(n);
    for (let k = 0; k < n; k++) {
      rows[k] = {
        rank: c.ranks[k],
        position: c.positions[k],
        entity: { id: c.entityIds[k], name: c.entityNames[k] },
        value: c.values[k],
        adjustedValue: c.adjustedValues[k],
        numerator: c.numerators[k],
        denominator: c.denominators[k],
        band: c.bands[k] as Band,
        percentile: c.percentiles[k],
        previousRank: c.previousRanks[k],
        rankDelta: c.rankDeltas[k],
        bottomStreak: c.bottomStreaks[k],
        unrankedReason: c.unrankedReasons[k],
        components: this.components ? this.components[k] : null,
      };
    }
    return rows;
  }
}

export interface RankedBoard {
  lines: BoardLines;
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

/** Per entity, aligned with the ids: eligible or not, and why not (null arrays: everyone eligible). */
interface Eligibility {
  eligible: boolean[] | null;
  reasons: (string | undefined)[] | null;
}
const EVERYONE: Eligibility = Object.freeze({ eligible: null, reasons: null });

/** One metric's parts and raw values per entity, and the shrunk values where shrinkage applies. */
interface MetricColumn {
  def: MetricDefinition;
  numerators: readonly number[];
  denominators: readonly (number | null)[];
  values: readonly (number | null)[];
  adjusted: (number | null)[] | null;
  populationRate: number | null;
}

/** A column of n copies of `v`. */
const filled = <T>(n: number, v: T): T[] => new Array<T>(n).fill(v);

/** A metric's parts column, zeros (and null denominators for a metric without one) when the entities carry none. */
function partsOf(def: MetricDefinition, entities: BoardEntities): PartsColumn {
  const n = entities.ids.length;
  const col = entities.parts.get(def.key);
  if (col) {
    if (col.numerators.length !== n || col.denominators.length !== n || (col.values && col.values.length !== n))
      throw new Error(`rankBoard: the parts of ${def.key} must be aligned with the entities`);
    return col;
  }
  return { numerators: filled(n, 0), denominators: filled(n, isRateMetric(def) ? 0 : null) };
}

/** Eligibility per entity: the minimum denominator of the board's rate (or a composite's first rate component). */
function eligibilityOf(rules: BoardRules, defs: MetricDefinition[], entities: BoardEntities): Eligibility {
  const sampleDef = defs.find(isRateMetric) ?? null;
  // Without a minimum sample everyone is eligible (rankColumns still reports NO_VALUE).
  if (rules.minDenominator === null || !sampleDef) return EVERYONE;
  const denominators = partsOf(sampleDef, entities).denominators;
  const decided = applyEligibility(
    denominators.map((d) => ({ denominator: d ?? 0 })),
    { minDenominator: rules.minDenominator, unit: sampleUnit(sampleDef) },
  );
  return { eligible: decided.map((e) => e.eligible), reasons: decided.map((e) => e.unrankedReason) };
}

const isEligible = (e: Eligibility, i: number): boolean => e.eligible === null || e.eligible[i];

/** Per metric: parts, raw value, and the shrunk value where shrinkage applies (p̄ over the eligible population). */
function metricColumns(rules: BoardRules, defs: MetricDefinition[], entities: BoardEntities, eligibility: Eligibility): MetricColumn[] {
  const k = rules.shrinkageK ?? 0;
  const n = entities.ids.length;
  return defs.map((def) => {
    const { numerators, denominators, values: given } = partsOf(def, entities);
    let values = given;
    if (!values) {
      const computed = new Array<number | null>(n);
      for (let i = 0; i < n; i++) computed[i] = metricValueOf(def, numerators[i], denominators[i]);
      values = computed;
    }
    if (k > 0 && isRateMetric(def)) {
      const shrunk = applyShrinkage(
        numerators.map((numerator, i) => ({ numerator, denominator: denominators[i] ?? 0, eligible: isEligible(eligibility, i) })),
        k,
      );
      return { def, numerators, denominators, values, adjusted: shrunk.entities.map((s) => s.adjustedValue), populationRate: shrunk.populationRate };
    }
    return { def, numerators, denominators, values, adjusted: null, populationRate: null };
  });
}

/** What is ranked, per entity: the value, whether it may be ranked and why not. */
interface RankInputs {
  values: (number | null)[];
  eligible: boolean[] | null;
  reasons: (string | undefined)[] | null;
}

/** Ranking inputs of a weighted composite (higher is better) and each entity's component breakdown. */
function compositeInputs(
  components: CompositeComponent[],
  entities: BoardEntities,
  eligibility: Eligibility,
  perMetric: MetricColumn[],
  withComponents: boolean,
): { inputs: RankInputs; componentRows: ComponentInput[][] | null } {
  const n = entities.ids.length;
  const weights = new Map(components.map((c) => [c.metricKey, c.weight]));
  const eligibleIdx: number[] = [];
  for (let i = 0; i < n; i++) if (isEligible(eligibility, i)) eligibleIdx.push(i);
  const scores = compositeScores(
    eligibleIdx.map((i) => ({
      id: entities.ids[i],
      values: Object.fromEntries(perMetric.map((pm) => [pm.def.key, pm.adjusted ? pm.adjusted[i] : pm.values[i]])),
    })),
    perMetric.map((pm) => ({ key: pm.def.key, weight: weights.get(pm.def.key)!, direction: toDirection(pm.def.direction) })),
  );
  // compositeScores keeps its input order: score k is the entity eligibleIdx[k].
  const scoreOf = new Array<(typeof scores)[number] | undefined>(n);
  scores.forEach((s, k) => (scoreOf[eligibleIdx[k]] = s));
  const componentRows = !withComponents
    ? null
    : entities.ids.map((_, i) =>
        perMetric.map((pm) => ({
          metricKey: pm.def.key,
          weight: weights.get(pm.def.key)!,
          value: pm.values[i],
          adjustedValue: pm.adjusted ? pm.adjusted[i] : null,
          numerator: pm.numerators[i],
          denominator: pm.denominators[i],
          part: scoreOf[i]?.parts[pm.def.key] ?? null,
        })),
      );
  const values = new Array<number | null>(n);
  const eligible = new Array<boolean>(n);
  const reasons = new Array<string | undefined>(n);
  for (let i = 0; i < n; i++) {
    const s = scoreOf[i];
    if (!isEligible(eligibility, i)) {
      values[i] = null;
      eligible[i] = false;
      reasons[i] = eligibility.reasons![i];
    } else if (s === undefined || s.score === null) {
      values[i] = null;
      eligible[i] = false;
      reasons[i] = s?.reason ?? undefined;
    } else {
      values[i] = forRanking(s.score);
      eligible[i] = true;
      reasons[i] = undefined;
    }
  }
  return { inputs: { values, eligible, reasons }, componentRows };
}

/** Ranking inputs of a single metric: its shrunk value when shrinkage applies, else its value. */
function singleInputs(pm: MetricColumn, eligibility: Eligibility): RankInputs {
  const from = pm.adjusted ?? pm.values;
  const values = new Array<number | null>(from.length);
  for (let i = 0; i < from.length; i++) values[i] = forRanking(from[i]);
  return { values, eligible: eligibility.eligible, reasons: eligibility.reasons };
}

/** Eligibility, per-metric values, ranking inputs and the @lib/ranking outcome of a population, by index. */
function ranked(rules: BoardRules, defs: MetricDefinition[], entities: BoardEntities, withComponents: boolean) {
  if (entities.names.length !== entities.ids.length) throw new Error('rankBoard: names must be aligned with the ids');
  const eligibility = eligibilityOf(rules, defs, entities);
  const perMetric = metricColumns(rules, defs, entities, eligibility);
  const composite = rules.components ? compositeInputs(rules.components, entities, eligibility, perMetric, withComponents) : null;
  const inputs = composite ? composite.inputs : singleInputs(perMetric[0], eligibility);
  const direction: Direction = rules.components ? 'HIGHER_IS_BETTER' : toDirection(perMetric[0].def.direction);
  const outcome = rankColumns({ ids: entities.ids, ...inputs, direction, topPct: rules.topPct, bottomPct: rules.bottomPct });
  return { perMetric, composite, inputs, outcome };
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
  entities: BoardEntities,
  previousRanks: readonly (number | null)[] | null = null,
): RankedBoard {
  if (previousRanks && previousRanks.length !== entities.ids.length) throw new Error('rankBoard: previousRanks must be aligned with the entities');
  const { perMetric, composite, inputs, outcome } = ranked(rules, defs, entities, true);
  const single = rules.components ? null : perMetric[0];
  const { order, rank, position, band, percentile, unrankedReason } = outcome;
  const n = order.length;
  // Packed and exactly n long: the API answers with these arrays as they are.
  const c = emptyStandingColumns(n);
  const components = composite?.componentRows ? new Array<ComponentInput[] | null>(n) : null;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const previousRank = previousRanks ? previousRanks[i] : null;
    c.entityIds[k] = entities.ids[i];
    c.entityNames[k] = entities.names[i];
    c.ranks[k] = rank[i];
    c.positions[k] = position[i];
    c.values[k] = single ? single.values[i] : inputs.values[i];
    c.adjustedValues[k] = single?.adjusted ? single.adjusted[i] : null;
    c.numerators[k] = single ? single.numerators[i] : null;
    c.denominators[k] = single ? single.denominators[i] : null;
    c.bands[k] = band[i] as StandingBand;
    c.percentiles[k] = percentile[i];
    c.previousRanks[k] = previousRank;
    c.rankDeltas[k] = rankDelta(previousRank, rank[i]);
    c.bottomStreaks[k] = 0;
    c.unrankedReasons[k] = unrankedReason[i];
    if (components) components[k] = composite!.componentRows![i];
  }
  const populationRate = single?.adjusted ? single.populationRate : null;
  return { lines: BoardLines.ofColumns(c, components), populationRate };
}

/**
 * Each entity's rank (null when unranked) under the same rules as rankBoard, aligned with
 * `entities`, without building the board's lines: the previous period of a live board needs only
 * its ranks for movement. The caller matches them to the current period's entities by row index.
 */
export function rankOnly(rules: BoardRules, defs: MetricDefinition[], entities: BoardEntities): (number | null)[] {
  return ranked(rules, defs, entities, false).outcome.rank;
}

/** The streak after closing a period: this period's band followed by the previous closed streak. */
export function streakAfterClose(band: Band, previousStreak: number): number {
  return bottomStreak([band, ...Array<Band>(previousStreak).fill('BOTTOM')]);
}
