import { Injectable } from '@nestjs/common';
import type { Band } from '@lib/ranking';
import { Db } from '../database/transaction.js';
import { ROLLUP_AGGREGATES, rollupRangeSource, type RollupRangeSource } from '../metrics/index.js';
import { orgSql } from '../organization/index.js';
import type { StandingRow } from './board-engine.js';
import { RankingScope } from './entities/ranking.entities.js';
import type { LeaderboardVersion } from './entities/ranking.entities.js';
import { versionOf } from './leaderboard.repository.js';

/** A closed period of a board (leaderboard_snapshot). */
export interface SnapshotRecord {
  id: string;
  periodStart: string;
  periodEnd: string;
  label: string;
  version: number;
  versionId: string;
  rulesVersion: string;
  windowStart: string;
  populationRate: number | null;
  closedAt: Date;
  closedById: string | null;
  entityCount: number;
}

/**
 * A row of liveBoardSql as node-postgres gives it (not copied): the entity, whether it is in the
 * current and the previous period's population, and its sums, `c_<column>` and `p_<column>`
 * (numeric, as strings).
 */
export interface LiveBoardRow {
  id: string;
  name: string;
  in_cur: boolean;
  in_prev: boolean;
  [sum: string]: unknown;
}

/** The parameters of liveBoardSql, in order. */
export interface LiveBoardParams {
  organizationId: string;
  teamKind: string;
  populationType: string;
  populationId: string | null;
  periodStart: Date;
  periodEnd: Date;
  windowFrom: string;
  windowTo: string;
  prevStart: Date;
  prevEnd: Date;
  prevWindowFrom: string;
  prevWindowTo: string;
  includePrevious: boolean;
  entityType: string;
}

/** An entity's outcome in one closed period (sparklines). */
export interface HistoryRecord {
  snapshotId: string;
  periodStart: string;
  periodEnd: string;
  label: string;
  entityId: string | null;
  entityName: string | null;
  value: number | null;
  rank: number | null;
  band: string | null;
}

/**
 * One statement: the population of the period (and, when asked, of the previous period) with its
 * entity names and the needed rollup sums over each period's window. Parameters:
 * $1 org, $2 team kind, $3 population type, $4 population id, $5/$6 current period instants,
 * $7/$8 current window dates, $9/$10 previous period instants, $11/$12 previous window dates,
 * $13 include previous, $14 rollup entity type. `source` says where the sums are read: the period
 * aggregates when whole weeks, months or quarters tile both windows (see boardRollupSource), then
 * one row per entity and period whatever the period's length; else the day rows. Rows come in id
 * order, the order rankEntities breaks ties in (it then sorts on values alone).
 */
export function liveBoardSql(scope: RankingScope, columns: readonly string[] = ROLLUP_AGGREGATES, source: RollupRangeSource = rollupRangeSource([])): string {
  const popFilter = `($3::text = 'ORG' OR ($3::text = 'LEGION' AND s.legion_id = $4::uuid) OR ($3::text = 'SQUAD' AND s.id = $4::uuid))`;
  const pop =
    scope === RankingScope.SQUAD
      ? `SELECT s.id, s.name, true AS in_cur, $13::boolean AS in_prev
         FROM ${orgSql.squad.as('s')} JOIN ${orgSql.legion.as('l')} ON l.id = s.legion_id
         WHERE s.organization_id = $1 AND l.kind::text = $2::text AND ${popFilter} AND $5::timestamptz < $6::timestamptz AND $9::timestamptz < $10::timestamptz`
      : `SELECT u.id, u.name,
                bool_or(sm.valid_from < $6::timestamptz AND (sm.valid_to IS NULL OR sm.valid_to > $5::timestamptz)) AS in_cur,
                $13::boolean AND bool_or(sm.valid_from < $10::timestamptz AND (sm.valid_to IS NULL OR sm.valid_to > $9::timestamptz)) AS in_prev
         FROM ${orgSql.membership.as('sm')} JOIN ${orgSql.squad.as('s')} ON s.id = sm.squad_id JOIN ${orgSql.legion.as('l')} ON l.id = s.legion_id JOIN ${orgSql.user.as('u')} ON u.id = sm.user_id
         WHERE sm.organization_id = $1 AND l.kind::text = $2::text AND u.role = 'MEMBER' AND ${popFilter}
           AND sm.valid_from < $6::timestamptz
           AND (sm.valid_to IS NULL OR sm.valid_to > (CASE WHEN $13::boolean THEN least($5::timestamptz, $9::timestamptz) ELSE $5::timestamptz END))
         GROUP BY u.id, u.name`;
  // Each id has at most one population row and one rollup row (each branch is grouped by id): the
  // population rows carry NULL sums and max() picks the rollup row's (cheaper than summing again).
  // The sums are numeric, not bigint: node-postgres hands both over as strings (checked and
  // converted by MetricsService.rollupPartsColumns), but runs a regular expression over every bigint first.
  const out = columns.map((c) => `coalesce(max(c_${c}), 0) AS c_${c}, coalesce(max(p_${c}), 0) AS p_${c}`);
  const zeros = columns.map((c) => `NULL::numeric AS c_${c}, NULL::numeric AS p_${c}`);
  const day = `r.${source.day}`;
  const sums = columns.map(
    (c) =>
      `coalesce(sum(r.${c}) FILTER (WHERE ${day} >= $7::date AND ${day} < $8::date), 0)::numeric AS c_${c}, ` +
      `coalesce(sum(r.${c}) FILTER (WHERE $13::boolean AND ${day} >= $11::date AND ${day} < $12::date), 0)::numeric AS p_${c}`,
  );
  // The rollups are summed per entity first, then stacked with the population rows and grouped once
  // more (no join), so the plan stays linear whatever the planner's row estimates are: without
  // table statistics a LEFT JOIN of the two is planned as a nested loop (836 ms at 2,000 reps,
  // against 11 ms stacked).
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
    GROUP BY id HAVING bool_or(is_pop)
    ORDER BY id`;
}

/** The rollup source of a board's current and previous windows (local dates, end exclusive). */
export function boardRollupSource(current: readonly [string, string], previous: readonly [string, string]): RollupRangeSource {
  return rollupRangeSource([current, previous]);
}

const SNAPSHOT_COLUMNS = `id, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end, label, version, version_id, rules_version,
              to_char(window_start, 'YYYY-MM-DD') AS window_start, population_rate, closed_at, closed_by_id, entity_count`;

function toSnapshot(r: Record<string, unknown>): SnapshotRecord {
  return {
    id: r.id as string,
    periodStart: r.period_start as string,
    periodEnd: r.period_end as string,
    label: r.label as string,
    version: Number(r.version),
    versionId: r.version_id as string,
    rulesVersion: r.rules_version as string,
    windowStart: r.window_start as string,
    populationRate: r.population_rate as number | null,
    closedAt: r.closed_at as Date,
    closedById: r.closed_by_id as string | null,
    entityCount: Number(r.entity_count),
  };
}

function toStanding(e: Record<string, unknown>): StandingRow {
  const rank = e.rank === null ? null : Number(e.rank);
  const previousRank = e.previous_rank === null ? null : Number(e.previous_rank);
  const inputs = e.inputs as { components?: StandingRow['components'] } | null;
  return {
    rank,
    position: e.band === 'UNRANKED' ? null : Number(e.ordinal),
    entity: { id: String(e.entity_id), name: String(e.entity_name) },
    value: e.value as number | null,
    adjustedValue: e.adjusted_value as number | null,
    numerator: e.numerator as number | null,
    denominator: e.denominator as number | null,
    band: e.band as Band,
    percentile: e.percentile as number | null,
    previousRank,
    rankDelta: previousRank === null || rank === null ? null : previousRank - rank,
    bottomStreak: Number(e.bottom_streak),
    unrankedReason: e.unranked_reason as string | null,
    components: inputs?.components ?? null,
  };
}

/** Board reads: the live population with rollup sums, closed snapshots and their entries. */
@Injectable()
export class StandingsRepository {
  constructor(private readonly db: Db) {}

  /** The live population of a period (and the previous one) with rollup sums (liveBoardSql). */
  async liveBoard(scope: RankingScope, columns: readonly string[], source: RollupRangeSource, p: LiveBoardParams): Promise<LiveBoardRow[]> {
    return this.db.query<LiveBoardRow>(liveBoardSql(scope, columns, source), [
      p.organizationId,
      p.teamKind,
      p.populationType,
      p.populationId,
      p.periodStart,
      p.periodEnd,
      p.windowFrom,
      p.windowTo,
      p.prevStart,
      p.prevEnd,
      p.prevWindowFrom,
      p.prevWindowTo,
      p.includePrevious,
      p.entityType,
    ]);
  }

  /** The snapshot of the period starting at `periodStart` and the newest one before it (either may be missing). */
  async snapshotsAround(definitionId: string, periodStart: string): Promise<SnapshotRecord[]> {
    const rows = await this.db.query(
      `SELECT ${SNAPSHOT_COLUMNS}
       FROM leaderboard_snapshot
       WHERE definition_id = $1
         AND (period_start = $2::date OR period_start = (SELECT max(period_start) FROM leaderboard_snapshot WHERE definition_id = $1 AND period_start < $2::date))`,
      [definitionId, periodStart],
    );
    return rows.map(toSnapshot);
  }

  /** Each entity's rank and bottom streak in a snapshot (movement and streaks of the next period). */
  async snapshotRanks(snapshotId: string): Promise<{ entityId: string; rank: number | null; bottomStreak: number }[]> {
    const rows = await this.db.query<{ entity_id: string; rank: number | null; bottom_streak: number }>(
      'SELECT entity_id, rank, bottom_streak FROM leaderboard_snapshot_entry WHERE snapshot_id = $1',
      [snapshotId],
    );
    return rows.map((e) => ({ entityId: e.entity_id, rank: e.rank, bottomStreak: Number(e.bottom_streak) }));
  }

  /** A snapshot's lines in order with the version of the rules it was closed with. */
  async snapshotStandings(snapshotId: string, versionId: string): Promise<{ version: LeaderboardVersion; rows: StandingRow[] }> {
    const entries = await this.db.query(
      `SELECT e.entity_id, e.entity_name, e.rank, e.value, e.adjusted_value, e.numerator, e.denominator, e.band, e.percentile, e.unranked_reason,
              e.previous_rank, e.bottom_streak, e.inputs, e.ordinal,
              v.id AS v_id, v.version AS v_version, v.metric_key AS v_metric_key, v.components AS v_components, v.window_periods AS v_window_periods,
              v.min_denominator AS v_min_denominator, v.shrinkage_k AS v_shrinkage_k, v.top_pct AS v_top_pct, v.bottom_pct AS v_bottom_pct,
              v.watch_streak AS v_watch_streak, v.created_by_id AS v_created_by_id, v.created_at AS v_created_at
       FROM leaderboard_version v LEFT JOIN leaderboard_snapshot_entry e ON e.snapshot_id = $1
       WHERE v.id = $2
       ORDER BY e.ordinal`,
      [snapshotId, versionId],
    );
    return { version: versionOf(entries[0], undefined, undefined), rows: entries.filter((e) => e.entity_id !== null).map(toStanding) };
  }

  /** The newest `limit` snapshots of a definition. */
  async snapshotList(definitionId: string, organizationId: string, limit: number): Promise<SnapshotRecord[]> {
    const rows = await this.db.query(
      `SELECT id, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end, label, version, rules_version,
              entity_count, closed_at, closed_by_id
       FROM leaderboard_snapshot WHERE definition_id = $1 AND organization_id = $2 ORDER BY period_start DESC LIMIT $3`,
      [definitionId, organizationId, limit],
    );
    return rows.map(toSnapshot);
  }

  /** Every entity's line in the last `periods` snapshots, oldest period first (a period without entries yields one row with null entity). */
  async history(definitionId: string, organizationId: string, periods: number): Promise<HistoryRecord[]> {
    const rows = await this.db.query<{
      snapshot_id: string;
      period_start: string;
      period_end: string;
      label: string;
      entity_id: string | null;
      entity_name: string | null;
      value: number | null;
      rank: number | null;
      band: string | null;
    }>(
      `WITH s AS (
         SELECT id, period_start, period_end, label FROM leaderboard_snapshot
         WHERE definition_id = $1 AND organization_id = $2 ORDER BY period_start DESC LIMIT $3
       )
       SELECT s.id AS snapshot_id, to_char(s.period_start, 'YYYY-MM-DD') AS period_start, to_char(s.period_end, 'YYYY-MM-DD') AS period_end, s.label,
              e.entity_id, e.entity_name, e.value, e.rank, e.band
       FROM s LEFT JOIN leaderboard_snapshot_entry e ON e.snapshot_id = s.id
       ORDER BY s.period_start, e.ordinal`,
      [definitionId, organizationId, periods],
    );
    return rows.map((r) => ({
      snapshotId: r.snapshot_id,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      label: r.label,
      entityId: r.entity_id,
      entityName: r.entity_name,
      value: r.value,
      rank: r.rank,
      band: r.band,
    }));
  }
}
