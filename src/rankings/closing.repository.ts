import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import { orgSql } from '../organization/index.js';
import type { RankingPeriodKind } from './entities/ranking.entities.js';

/** A definition the closing job looks at: its period kind, creation, time zone and newest closed period. */
export interface DefinitionToClose {
  id: string;
  organizationId: string;
  periodKind: RankingPeriodKind;
  createdAt: Date;
  timeZone: string;
  /** Start date of the newest snapshot, or null. */
  last: string | null;
}

/** One line of a snapshot as written (snake_case: it travels as JSON into jsonb_to_recordset). */
export interface SnapshotEntryValues {
  entity_id: string;
  ordinal: number;
  entity_name: string;
  rank: number | null;
  value: number | null;
  adjusted_value: number | null;
  numerator: number | null;
  denominator: number | null;
  band: string;
  percentile: number | null;
  unranked_reason: string | null;
  previous_rank: number | null;
  bottom_streak: number;
  inputs: unknown;
}

/** A candidate of the watch list: its line in the newest snapshot. */
export interface WatchRecord {
  entityId: string | null;
  entityName: string;
  rank: number | null;
  value: number | null;
  bottomStreak: number;
  label: string;
  planId: string | null;
  managed: boolean;
}

/** Closing periods into snapshots, the closing job's units, and the watch list. */
@Injectable()
export class ClosingRepository {
  constructor(private readonly db: Db) {}

  /** Inserts a snapshot's header; null when the period is already closed (unique definition + period). */
  async insertSnapshot(v: {
    organizationId: string;
    definitionId: string;
    versionId: string;
    version: number;
    rulesVersion: string;
    periodKind: RankingPeriodKind;
    label: string;
    periodStart: string;
    periodEnd: string;
    windowStart: string;
    timeZone: string;
    populationRate: number | null;
    entityCount: number;
    closedById: string | null;
  }): Promise<string | null> {
    const inserted = await this.db.query<{ id: string }>(
      `INSERT INTO leaderboard_snapshot (organization_id, definition_id, version_id, version, rules_version, period_kind, label, period_start, period_end,
                                         window_start, time_zone, population_rate, entity_count, closed_at, closed_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now(), $14)
       ON CONFLICT (definition_id, period_start) DO NOTHING RETURNING id`,
      [
        v.organizationId,
        v.definitionId,
        v.versionId,
        v.version,
        v.rulesVersion,
        v.periodKind,
        v.label,
        v.periodStart,
        v.periodEnd,
        v.windowStart,
        v.timeZone,
        v.populationRate,
        v.entityCount,
        v.closedById,
      ],
    );
    return inserted.length ? inserted[0].id : null;
  }

  /** Inserts a snapshot's lines in one statement. */
  async insertSnapshotEntries(snapshotId: string, definitionId: string, periodStart: string, rows: SnapshotEntryValues[]): Promise<void> {
    await this.db.query(
      `INSERT INTO leaderboard_snapshot_entry (snapshot_id, definition_id, period_start, entity_id, ordinal, entity_name, rank, value, adjusted_value, numerator,
                                               denominator, band, percentile, unranked_reason, previous_rank, bottom_streak, inputs)
       SELECT $1, $2, $3::date, x.entity_id, x.ordinal, x.entity_name, x.rank, x.value, x.adjusted_value, x.numerator, x.denominator, x.band, x.percentile,
              x.unranked_reason, x.previous_rank, x.bottom_streak, x.inputs
       FROM jsonb_to_recordset($4::jsonb) AS x(entity_id uuid, ordinal int, entity_name text, rank int, value double precision, adjusted_value double precision,
            numerator double precision, denominator double precision, band text, percentile double precision, unranked_reason text, previous_rank int,
            bottom_streak int, inputs jsonb)`,
      [snapshotId, definitionId, periodStart, JSON.stringify(rows)],
    );
  }

  /** Active definitions (optionally of one organization or one definition) with their newest closed period, oldest first. */
  async definitionsToClose(only: { organizationId?: string; definitionId?: string }): Promise<DefinitionToClose[]> {
    const rows = await this.db.query<{
      id: string;
      organization_id: string;
      period_kind: RankingPeriodKind;
      created_at: Date;
      time_zone: string;
      last: string | null;
    }>(
      `SELECT d.id, d.organization_id, d.period_kind, d.created_at, o.time_zone,
              (SELECT to_char(max(s.period_start), 'YYYY-MM-DD') FROM leaderboard_snapshot s WHERE s.definition_id = d.id) AS last
       FROM leaderboard_definition d JOIN ${orgSql.organization.as('o')} ON o.id = d.organization_id
       WHERE d.archived_at IS NULL AND ($1::uuid IS NULL OR d.organization_id = $1) AND ($2::uuid IS NULL OR d.id = $2)
       ORDER BY d.created_at, d.id`,
      [only.organizationId ?? null, only.definitionId ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      organizationId: r.organization_id,
      periodKind: r.period_kind,
      createdAt: r.created_at,
      timeZone: r.time_zone,
      last: r.last,
    }));
  }

  /**
   * Lines of the newest snapshot with a bottom streak of at least `minStreak`, with the rep's open
   * coaching plan and whether the caller manages them (`all`, or in `manageSquadIds`); one row
   * with null entity when none qualifies (its label still says which period).
   */
  async watchCandidates(definitionId: string, organizationId: string, all: boolean, manageSquadIds: string[], minStreak: number): Promise<WatchRecord[]> {
    const rows = await this.db.query<{
      entity_id: string | null;
      entity_name: string;
      rank: number | null;
      value: number | null;
      bottom_streak: number;
      label: string;
      plan_id: string | null;
      managed: boolean;
    }>(
      `WITH s AS (SELECT id, label FROM leaderboard_snapshot WHERE definition_id = $1 ORDER BY period_start DESC LIMIT 1)
         SELECT e.entity_id, e.entity_name, e.rank, e.value, e.bottom_streak, s.label,
                (SELECT cp.id FROM coaching_plan cp WHERE cp.subject_user_id = e.entity_id AND cp.status = 'OPEN' AND cp.organization_id = $2) AS plan_id,
                ($3::boolean OR e.entity_id = ANY($4::uuid[])
                  OR ${orgSql.membership.inSquadsNow('e.entity_id', '$4::uuid[]')}) AS managed
         FROM s LEFT JOIN leaderboard_snapshot_entry e ON e.snapshot_id = s.id AND e.bottom_streak >= $5
         ORDER BY e.bottom_streak DESC NULLS LAST, e.entity_name`,
      [definitionId, organizationId, all, manageSquadIds, minStreak],
    );
    return rows.map((r) => ({
      entityId: r.entity_id,
      entityName: r.entity_name,
      rank: r.rank,
      value: r.value,
      bottomStreak: Number(r.bottom_streak),
      label: r.label,
      planId: r.plan_id,
      managed: r.managed,
    }));
  }
}
