import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import { orgSql, type TeamKind } from '../organization/index.js';
import { LeaderboardDefinition, LeaderboardVersion, type PopulationType, type RankingPeriodKind, type RankingScope } from './entities/ranking.entities.js';
import type { DefinitionRecord } from './loaded-board.js';

/** Who may see which boards: everyone (`all`), else the squads they read and the legions they command. */
export interface BoardVisibility {
  all: boolean;
  readSquadIds: string[];
  legionIds: string[];
}

/** A legion or squad used as a population: its team kind and legion. */
export interface PopulationRecord {
  kind: TeamKind;
  legionId: string;
}

/** What an ad-hoc board needs in one statement: the population, a matching saved definition, visibility. */
export interface AdHocLookup {
  timeZone: string;
  populationType: string | null;
  kind: string | null;
  legionId: string | null;
  populationName: string | null;
  visible: boolean;
  definitionId: string | null;
}

const DEF_COLUMNS = `d.id, d.organization_id, d.name, d.scope, d.team_kind, d.population_type, d.population_id, d.period_kind, d.current_version,
  d.archived_at, d.created_by_id, d.created_at, d.updated_at,
  v.id AS v_id, v.version AS v_version, v.metric_key AS v_metric_key, v.components AS v_components, v.window_periods AS v_window_periods,
  v.min_denominator AS v_min_denominator, v.shrinkage_k AS v_shrinkage_k, v.top_pct AS v_top_pct, v.bottom_pct AS v_bottom_pct,
  v.watch_streak AS v_watch_streak, v.created_by_id AS v_created_by_id, v.created_at AS v_created_at,
  o.time_zone, coalesce(pl.name, ps.name) AS population_name`;

/** SQL: may the caller (read squads $R, commanded legions $L, or everyone when $A) see definition d? */
const visibleSql = (a: string, r: string, l: string) =>
  `(${a}::boolean OR d.population_type = 'ORG'
    OR d.population_id = ANY(${l}::uuid[])
    OR ${orgSql.team.squadsCover(`${r}::uuid[]`, 'd.population_id')})`;

const DEF_FROM = `FROM leaderboard_definition d
  JOIN ${orgSql.organization.as('o')} ON o.id = d.organization_id
  LEFT JOIN ${orgSql.legion.as('pl')} ON pl.id = d.population_id AND d.population_type = 'LEGION'
  LEFT JOIN ${orgSql.squad.as('ps')} ON ps.id = d.population_id AND d.population_type = 'SQUAD'`;

/** Maps a version row (columns prefixed `v_`) to the entity. */
export function versionOf(r: Record<string, unknown>, organizationId: unknown, definitionId: unknown): LeaderboardVersion {
  return Object.assign(new LeaderboardVersion(), {
    id: r.v_id,
    organizationId,
    definitionId,
    version: Number(r.v_version),
    metricKey: r.v_metric_key,
    components: r.v_components,
    windowPeriods: Number(r.v_window_periods),
    minDenominator: r.v_min_denominator === null ? null : Number(r.v_min_denominator),
    shrinkageK: r.v_shrinkage_k === null ? null : Number(r.v_shrinkage_k),
    topPct: Number(r.v_top_pct),
    bottomPct: Number(r.v_bottom_pct),
    watchStreak: Number(r.v_watch_streak),
    createdById: r.v_created_by_id,
    createdAt: r.v_created_at,
  });
}

function toRecord(r: Record<string, unknown>): DefinitionRecord {
  const definition = Object.assign(new LeaderboardDefinition(), {
    id: r.id,
    organizationId: r.organization_id,
    name: r.name,
    scope: r.scope,
    teamKind: r.team_kind,
    populationType: r.population_type,
    populationId: r.population_id,
    periodKind: r.period_kind,
    currentVersion: Number(r.current_version),
    archivedAt: r.archived_at,
    createdById: r.created_by_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
  return {
    definition,
    version: versionOf(r, r.organization_id, r.id),
    timeZone: String(r.time_zone),
    populationName: (r.population_name as string | null) ?? null,
  };
}

/** Leaderboard definitions and their versions (leaderboard_definition, leaderboard_version). */
@Injectable()
export class LeaderboardRepository {
  constructor(private readonly db: Db) {}

  /** Locks a definition row for the rest of the transaction (FOR UPDATE). */
  async lockDefinition(id: string, organizationId: string): Promise<void> {
    await this.db.query('SELECT id FROM leaderboard_definition WHERE id = $1 AND organization_id = $2 FOR UPDATE', [id, organizationId]);
  }

  /** A definition with one version (default: current), its time zone and population name, and whether `vis` may see it; null when absent. */
  async definitionWithVersion(
    id: string,
    organizationId: string,
    vis: BoardVisibility,
    version: number | null,
  ): Promise<(DefinitionRecord & { visible: boolean }) | null> {
    const rows = await this.db.query(
      `SELECT ${DEF_COLUMNS}, ${visibleSql('$3', '$4', '$5')} AS visible
       ${DEF_FROM}
       JOIN leaderboard_version v ON v.definition_id = d.id AND v.version = coalesce($6::int, d.current_version)
       WHERE d.id = $1 AND d.organization_id = $2`,
      [id, organizationId, vis.all, vis.readSquadIds, vis.legionIds, version],
    );
    return rows.length ? { ...toRecord(rows[0]), visible: !!rows[0].visible } : null;
  }

  /** The definitions `vis` may see with their current versions, newest first. */
  async visibleDefinitions(organizationId: string, vis: BoardVisibility, includeArchived: boolean, teamKind: TeamKind | null): Promise<DefinitionRecord[]> {
    const rows = await this.db.query(
      `SELECT ${DEF_COLUMNS}
       ${DEF_FROM}
       JOIN leaderboard_version v ON v.definition_id = d.id AND v.version = d.current_version
       WHERE d.organization_id = $1 AND ${visibleSql('$2', '$3', '$4')} AND ($5::boolean OR d.archived_at IS NULL)
         AND ($6::text IS NULL OR d.team_kind::text = $6::text)
       ORDER BY d.created_at DESC, d.id`,
      [organizationId, vis.all, vis.readSquadIds, vis.legionIds, includeArchived, teamKind],
    );
    return rows.map(toRecord);
  }

  /** Every version of a definition, newest first. */
  versions(definitionId: string, organizationId: string): Promise<LeaderboardVersion[]> {
    return this.db.repo(LeaderboardVersion).find({ where: { definitionId, organizationId }, order: { version: 'DESC' } });
  }

  /** A legion of the organization as a population (its kind; its own id as legion), or null. */
  async legionPopulation(id: string, organizationId: string): Promise<PopulationRecord | null> {
    const rows = await this.db.query<{ kind: TeamKind; legion_id: string }>(
      `SELECT kind, id AS legion_id FROM ${orgSql.legion.as('l')} WHERE id = $1 AND organization_id = $2`,
      [id, organizationId],
    );
    return rows.length ? { kind: rows[0].kind, legionId: rows[0].legion_id } : null;
  }

  /** A squad of the organization as a population (its legion's kind and id), or null. */
  async squadPopulation(id: string, organizationId: string): Promise<PopulationRecord | null> {
    const rows = await this.db.query<{ kind: TeamKind; legion_id: string }>(
      `SELECT l.kind, s.legion_id FROM ${orgSql.squad.as('s')} JOIN ${orgSql.legion.as('l')} ON l.id = s.legion_id WHERE s.id = $1 AND s.organization_id = $2`,
      [id, organizationId],
    );
    return rows.length ? { kind: rows[0].kind, legionId: rows[0].legion_id } : null;
  }

  /** The organization's time zone and the name of the legion or squad `populationId` (preview boards). */
  async previewContext(organizationId: string, populationId: string | null): Promise<{ timeZone: string; populationName: string | null }> {
    const rows = await this.db.query<{ time_zone: string; population_name: string | null }>(
      `SELECT o.time_zone,
              ${orgSql.team.name('$2::uuid')} AS population_name
       FROM ${orgSql.organization.as('o')} WHERE o.id = $1`,
      [organizationId, populationId],
    );
    return { timeZone: rows[0].time_zone, populationName: rows[0].population_name };
  }

  /**
   * One statement for an ad-hoc board: what the population id is, its team kind, a matching
   * saved definition (oldest, current version on `metricKey`), and whether `vis` may see it.
   */
  async adHocLookup(
    organizationId: string,
    populationId: string | null,
    vis: BoardVisibility,
    match: { scope: RankingScope; teamKind: TeamKind; periodKind: RankingPeriodKind; metricKey: string },
  ): Promise<AdHocLookup> {
    const rows = await this.db.query<{
      population_type: string | null;
      kind: string | null;
      legion_id: string | null;
      visible: boolean;
      definition_id: string | null;
      time_zone: string;
      population_name: string | null;
    }>(
      `WITH p AS (
           SELECT 'LEGION' AS population_type, l.kind::text AS kind, l.id AS legion_id, l.name FROM ${orgSql.legion.as('l')} WHERE l.id = $2::uuid AND l.organization_id = $1
           UNION ALL
           SELECT 'SQUAD', l.kind::text, s.legion_id, s.name FROM ${orgSql.squad.as('s')} JOIN ${orgSql.legion.as('l')} ON l.id = s.legion_id WHERE s.id = $2::uuid AND s.organization_id = $1
         )
         SELECT o.time_zone, p.population_type, p.kind, p.legion_id, p.name AS population_name,
                ($3::boolean OR $2::uuid IS NULL OR p.legion_id = ANY($5::uuid[])
                  OR ${orgSql.team.squadsCover('$4::uuid[]', '$2::uuid')}) AS visible,
                (SELECT d.id FROM leaderboard_definition d JOIN leaderboard_version v ON v.definition_id = d.id AND v.version = d.current_version
                  WHERE d.organization_id = $1 AND d.archived_at IS NULL AND d.scope = $6 AND d.team_kind::text = $7 AND d.period_kind = $8
                    AND d.population_id IS NOT DISTINCT FROM $2::uuid AND v.metric_key = $9
                  ORDER BY d.created_at LIMIT 1) AS definition_id
         FROM ${orgSql.organization.as('o')} LEFT JOIN p ON true
         WHERE o.id = $1`,
      [organizationId, populationId, vis.all, vis.readSquadIds, vis.legionIds, match.scope, match.teamKind, match.periodKind, match.metricKey],
    );
    const r = rows[0];
    return {
      timeZone: r.time_zone,
      populationType: r.population_type,
      kind: r.kind,
      legionId: r.legion_id,
      populationName: r.population_name,
      visible: r.visible,
      definitionId: r.definition_id,
    };
  }

  /** Inserts a definition; returns it with its generated id and timestamps. */
  insertDefinition(values: {
    organizationId: string;
    name: string;
    scope: RankingScope;
    teamKind: TeamKind;
    populationType: PopulationType;
    populationId: string | null;
    periodKind: RankingPeriodKind;
    createdById: string | null;
  }): Promise<LeaderboardDefinition> {
    const repo = this.db.repo(LeaderboardDefinition);
    return repo.save(repo.create({ ...values, currentVersion: 1, archivedAt: null }));
  }

  /** Inserts a version of a definition's rules. */
  async insertVersion(values: Omit<LeaderboardVersion, 'id' | 'createdAt' | 'definition'>): Promise<void> {
    await this.db.repo(LeaderboardVersion).insert(values);
  }

  /** Renames a definition. */
  async rename(id: string, name: string): Promise<void> {
    await this.db.repo(LeaderboardDefinition).update({ id }, { name });
  }

  /** Points a definition at its new current version. */
  async setCurrentVersion(id: string, version: number): Promise<void> {
    await this.db.repo(LeaderboardDefinition).update({ id }, { currentVersion: version });
  }

  /** Archives a definition (its period closing stops). */
  async archive(id: string, at: Date): Promise<void> {
    await this.db.repo(LeaderboardDefinition).update({ id }, { archivedAt: at });
  }
}
