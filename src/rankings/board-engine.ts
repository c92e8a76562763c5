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
import { MetricDirection, metricValue, ROLLUP_AGGREGATES, type MetricDefinition, type MetricParts } from '../metrics/index.js';
import { rollupRangeSource, type RollupRangeSource } from '../metrics/index.js';
import { PopulationType, RankingScope, type CompositeComponent } from './entities/ranking.entities.js';

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
  parts: Map<string, MetricParts>;
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
const forRanking = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? v : Number(v.toPrecision(12)));

/**
 * Ranks a population with @lib/ranking: eligibility (minimum denominator of the board's rate, or
 * of a composite's first rate component), optional shrinkage of rates, composite scores, 271 bands.
 * `defs` are in the order of the rules (the single metric, or the composite's components).
 */
export function rankBoard(rules: BoardRules, defs: MetricDefinition[], entities: EntityParts[]): RankedBoard {
  const k = rules.shrinkageK ?? 0;
  const sampleDef = defs.find(isRateMetric) ?? null;
  const eligibilityRule = rules.minDenominator !== null && sampleDef ? { minDenominator: rules.minDenominator, unit: sampleUnit(sampleDef) } : {};
  // Without a minimum sample everyone is eligible (rankEntities still reports NO_VALUE).
  const eligibility =
    rules.minDenominator !== null && sampleDef
      ? applyEligibility(
          entities.map((e) => ({ denominator: e.parts.get(sampleDef.key)?.denominator ?? 0 })),
          eligibilityRule,
        )
      : entities.map(() => ({ eligible: true, unrankedReason: undefined as string | undefined }));

  // Per metric: raw value, parts, and the shrunk value where shrinkage applies (p̄ over the eligible population).
  const perMetric = defs.map((def) => {
    const rows = entities.map((e, i) => {
      const p = e.parts.get(def.key) ?? { numerator: 0, denominator: isRateMetric(def) ? 0 : null };
      return { numerator: p.numerator, denominator: p.denominator, value: metricValue(def, p), eligible: eligibility[i].eligible };
    });
    if (k > 0 && isRateMetric(def)) {
      const shrunk = applyShrinkage(
        rows.map((r) => ({ numerator: r.numerator, denominator: r.denominator ?? 0, eligible: r.eligible })),
        k,
      );
      return { def, rows, adjusted: shrunk.entities.map((s) => s.adjustedValue), populationRate: shrunk.populationRate };
    }
    return { def, rows, adjusted: null as (number | null)[] | null, populationRate: null as number | null };
  });

  const inputs: RankEntityInput<number>[] = [];
  let componentRows: ComponentInput[][] | null = null;
  let direction: Direction;
  if (rules.components) {
    direction = 'HIGHER_IS_BETTER';
    const weights = new Map(rules.components.map((c) => [c.metricKey, c.weight]));
    const eligibleIdx = entities.map((_, i) => i).filter((i) => eligibility[i].eligible);
    const scores = compositeScores(
      eligibleIdx.map((i) => ({
        id: entities[i].id,
        values: Object.fromEntries(perMetric.map((pm) => [pm.def.key, pm.adjusted ? pm.adjusted[i] : pm.rows[i].value])),
      })),
      perMetric.map((pm) => ({ key: pm.def.key, weight: weights.get(pm.def.key)!, direction: toDirection(pm.def.direction) })),
    );
    const scoreById = new Map(scores.map((s) => [s.id, s]));
    componentRows = entities.map((e, i) =>
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
    entities.forEach((e, i) => {
      const s = scoreById.get(e.id);
      if (!eligibility[i].eligible) inputs.push({ id: e.id, value: null, eligible: false, unrankedReason: eligibility[i].unrankedReason, payload: i });
      else if (s?.score === null || s === undefined)
        inputs.push({ id: e.id, value: null, eligible: false, unrankedReason: s?.reason ?? undefined, payload: i });
      else inputs.push({ id: e.id, value: forRanking(s.score), payload: i });
    });
  } else {
    const pm = perMetric[0];
    direction = toDirection(pm.def.direction);
    entities.forEach((e, i) => {
      const rankValue = pm.adjusted ? pm.adjusted[i] : pm.rows[i].value;
      inputs.push({ id: e.id, value: forRanking(rankValue), eligible: eligibility[i].eligible, unrankedReason: eligibility[i].unrankedReason, payload: i });
    });
  }

  const standings = rankEntities({ entities: inputs, direction, topPct: rules.topPct, bottomPct: rules.bottomPct });
  const rows: StandingRow[] = standings.map((s) => {
    const i = s.payload!;
    const e = entities[i];
    const single = rules.components ? null : perMetric[0];
    const composite = rules.components ? (inputs[i].value ?? null) : null;
    return {
      rank: s.rank,
      position: s.position,
      entityId: e.id,
      entityName: e.name,
      value: single ? single.rows[i].value : composite,
      adjustedValue: single?.adjusted ? single.adjusted[i] : null,
      numerator: single ? single.rows[i].numerator : null,
      denominator: single ? single.rows[i].denominator : null,
      band: s.band,
      percentile: s.percentile,
      unrankedReason: s.unrankedReason,
      previousRank: null,
      rankDelta: null,
      bottomStreak: 0,
      components: componentRows ? componentRows[i] : null,
    };
  });
  const populationRate = !rules.components && perMetric[0].adjusted ? perMetric[0].populationRate : null;
  return { rows, populationRate };
}

/** Fills previousRank / rankDelta from the previous period's ranks and the streak of closed BOTTOM periods. */
export function applyHistory(rows: StandingRow[], previousRanks: Map<string, number | null> | null, streaks: Map<string, number> | null): void {
  for (const r of rows) {
    r.previousRank = previousRanks?.get(r.entityId) ?? null;
    r.rankDelta = rankDelta(r.previousRank, r.rank);
    r.bottomStreak = streaks?.get(r.entityId) ?? 0;
  }
}

/** The streak after closing a period: this period's band followed by the previous closed streak. */
export function streakAfterClose(band: Band, previousStreak: number): number {
  return bottomStreak([band, ...Array<Band>(previousStreak).fill('BOTTOM')]);
}

/** The rollup columns the ROLLUP metrics among `defs` read (e.g. net_revenue: gross_revenue, refunded_amount). */
export function rollupColumns(defs: MetricDefinition[]): string[] {
  const cols = new Set<string>();
  for (const d of defs) {
    if (d.source.kind !== 'ROLLUP') continue;
    for (const expr of [d.source.numerator, d.source.denominator ?? ''])
      for (const tok of expr.split(/\s+/)) if ((ROLLUP_AGGREGATES as readonly string[]).includes(tok)) cols.add(tok);
  }
  return ROLLUP_AGGREGATES.filter((c) => cols.has(c));
}

/**
 * One statement: the population of the period (and, when asked, of the previous period) with its
 * entity names and the needed rollup sums over each period's window. Parameters:
 * $1 org, $2 team kind, $3 population type, $4 population id, $5/$6 current period instants,
 * $7/$8 current window dates, $9/$10 previous period instants, $11/$12 previous window dates,
 * $13 include previous, $14 rollup entity type. `source` says where the sums are read: the period
 * aggregates when whole weeks, months or quarters tile both windows (see boardRollupSource), then
 * one row per entity and period whatever the period's length; else the day rows.
 */
export function liveBoardSql(scope: RankingScope, columns: readonly string[] = ROLLUP_AGGREGATES, source: RollupRangeSource = rollupRangeSource([])): string {
  const popFilter = `($3::text = 'ORG' OR ($3::text = 'LEGION' AND s.legion_id = $4::uuid) OR ($3::text = 'SQUAD' AND s.id = $4::uuid))`;
  const pop =
    scope === RankingScope.SQUAD
      ? `SELECT s.id, s.name, true AS in_cur, $13::boolean AS in_prev
         FROM squad s JOIN legion l ON l.id = s.legion_id
         WHERE s.organization_id = $1 AND l.kind::text = $2::text AND ${popFilter} AND $5::timestamptz < $6::timestamptz AND $9::timestamptz < $10::timestamptz`
      : `SELECT u.id, u.name,
                bool_or(sm.valid_from < $6::timestamptz AND (sm.valid_to IS NULL OR sm.valid_to > $5::timestamptz)) AS in_cur,
                $13::boolean AND bool_or(sm.valid_from < $10::timestamptz AND (sm.valid_to IS NULL OR sm.valid_to > $9::timestamptz)) AS in_prev
         FROM squad_membership sm JOIN squad s ON s.id = sm.squad_id JOIN legion l ON l.id = s.legion_id JOIN app_user u ON u.id = sm.user_id
         WHERE sm.organization_id = $1 AND l.kind::text = $2::text AND u.role = 'MEMBER' AND ${popFilter}
           AND sm.valid_from < $6::timestamptz
           AND (sm.valid_to IS NULL OR sm.valid_to > (CASE WHEN $13::boolean THEN least($5::timestamptz, $9::timestamptz) ELSE $5::timestamptz END))
         GROUP BY u.id, u.name`;
  const out = columns.map((c) => `sum(c_${c})::bigint AS c_${c}, sum(p_${c})::bigint AS p_${c}`);
  const zeros = columns.map((c) => `0::bigint AS c_${c}, 0::bigint AS p_${c}`);
  const day = `r.${source.day}`;
  const sums = columns.map(
    (c) =>
      `coalesce(sum(r.${c}) FILTER (WHERE ${day} >= $7::date AND ${day} < $8::date), 0)::bigint AS c_${c}, ` +
      `coalesce(sum(r.${c}) FILTER (WHERE $13::boolean AND ${day} >= $11::date AND ${day} < $12::date), 0)::bigint AS p_${c}`,
  );
  // The rollups are summed per entity first, then stacked with the population rows and grouped once
  // more (no join), so the plan stays linear whatever the planner's row estimates are.
  const agg = columns.length
    ? `UNION ALL
       SELECT r.entity_id, NULL, false, false, false, ${sums.join(', ')}
       FROM ${source.table} r
       WHERE r.organization_id = $1 ${source.filter} AND r.entity_type = $14::text
         AND ${day} >= (CASE WHEN $13::boolean THEN least($7::date, $11::date) ELSE $7::date END) AND ${day} < greatest($8::date, $12::date)
       GROUP BY r.entity_id`
    : // No rollup metric (custom metrics only): a row-less branch keeps every parameter typed.
      `UNION ALL SELECT NULL::uuid, NULL::text, false, false, false WHERE false AND $7::date < $8::date AND $11::date < $12::date AND $14::text IS NOT NULL`;
  return `SELECT id, max(name) AS name, bool_or(in_cur) AS in_cur, bool_or(in_prev) AS in_prev${out.map((o) => `, ${o}`).join('')}
    FROM (
      SELECT pop.id, pop.name, pop.in_cur, pop.in_prev, true AS is_pop${zeros.map((z) => `, ${z}`).join('')} FROM (${pop}) pop
      ${agg}
    ) stacked
    GROUP BY id HAVING bool_or(is_pop)`;
}

/** The rollup source of a board's current and previous windows (local dates, end exclusive). */
export function boardRollupSource(current: readonly [string, string], previous: readonly [string, string]): RollupRangeSource {
  return rollupRangeSource([current, previous]);
}

/** Splits a row of liveBoardSql into the rollup-aggregate row MetricsService.compute expects for one period. */
export function rollupRow(row: Record<string, unknown>, prefix: 'c_' | 'p_', columns: readonly string[]): Record<string, string | number> {
  const out: Record<string, string | number> = { entity_id: row.id as string };
  for (const c of columns) out[c] = row[prefix + c] as string | number;
  return out;
}
