import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import { orgSql } from '../organization/index.js';
import type { RankingPeriodKind, RankingScope } from './entities/ranking.entities.js';

/** A duel with its sides' names and its organization's time zone. */
export interface DuelRecord {
  id: string;
  organizationId: string;
  entityType: RankingScope;
  aId: string;
  bId: string;
  aName: string;
  bName: string;
  metricKey: string;
  periodKind: RankingPeriodKind;
  periodStart: string;
  season: string | null;
  closedAt: Date | null;
  winner: string | null;
  aValue: number | null;
  bValue: number | null;
  margin: number | null;
  timeZone: string;
}

/** A side of a duel to be: its id, the squad that makes it manageable, its team kind. */
export interface DuelSide {
  id: string;
  squadId: string | null;
  kind: string;
}

const DUEL_SQL = `SELECT d.id, d.organization_id, d.entity_type, d.a_id, d.b_id, d.metric_key, d.period_kind, to_char(d.period_start, 'YYYY-MM-DD') AS period_start,
    d.season, d.closed_at, d.winner, d.a_value, d.b_value, d.margin, o.time_zone,
    CASE WHEN d.entity_type = 'SQUAD' THEN ${orgSql.squad.name('d.a_id')} ELSE ${orgSql.user.name('d.a_id')} END AS a_name,
    CASE WHEN d.entity_type = 'SQUAD' THEN ${orgSql.squad.name('d.b_id')} ELSE ${orgSql.user.name('d.b_id')} END AS b_name
  FROM pk_duel d JOIN ${orgSql.organization.as('o')} ON o.id = d.organization_id`;

function toDuel(r: Record<string, unknown>): DuelRecord {
  return {
    id: r.id as string,
    organizationId: r.organization_id as string,
    entityType: r.entity_type as RankingScope,
    aId: r.a_id as string,
    bId: r.b_id as string,
    aName: r.a_name as string,
    bName: r.b_name as string,
    metricKey: r.metric_key as string,
    periodKind: r.period_kind as RankingPeriodKind,
    periodStart: r.period_start as string,
    season: r.season as string | null,
    closedAt: r.closed_at as Date | null,
    winner: r.winner as string | null,
    aValue: r.a_value as number | null,
    bValue: r.b_value as number | null,
    margin: r.margin as number | null,
    timeZone: r.time_zone as string,
  };
}

/** PK duels (pk_duel). */
@Injectable()
export class DuelsRepository {
  constructor(private readonly db: Db) {}

  /** Squads of the organization as duel sides (a squad manages itself). */
  async squadSides(ids: string[], organizationId: string): Promise<DuelSide[]> {
    const rows = await this.db.query<{ id: string; squad_id: string | null; kind: string }>(
      `SELECT s.id, s.id AS squad_id, l.kind::text AS kind FROM ${orgSql.squad.as('s')} JOIN ${orgSql.legion.as('l')} ON l.id = s.legion_id WHERE s.id = ANY($1::uuid[]) AND s.organization_id = $2`,
      [ids, organizationId],
    );
    return rows.map((r) => ({ id: r.id, squadId: r.squad_id, kind: r.kind }));
  }

  /** Reps of the organization in a squad now as duel sides (with their current squad). */
  async repSides(ids: string[], organizationId: string): Promise<DuelSide[]> {
    const rows = await this.db.query<{ id: string; squad_id: string | null; kind: string }>(
      `SELECT u.id, sm.squad_id, l.kind::text AS kind FROM ${orgSql.user.as('u')}
       JOIN ${orgSql.membership.as('sm')} ON sm.user_id = u.id AND sm.valid_to IS NULL JOIN ${orgSql.squad.as('s')} ON s.id = sm.squad_id JOIN ${orgSql.legion.as('l')} ON l.id = s.legion_id
       WHERE u.id = ANY($1::uuid[]) AND u.organization_id = $2 AND u.role = 'MEMBER'`,
      [ids, organizationId],
    );
    return rows.map((r) => ({ id: r.id, squadId: r.squad_id, kind: r.kind }));
  }

  /** Inserts a duel; returns its id. */
  async insert(v: {
    organizationId: string;
    entityType: RankingScope;
    aId: string;
    bId: string;
    metricKey: string;
    periodKind: string;
    label: string;
    periodStart: string;
    periodEnd: string;
    season: string | null;
    createdById: string | null;
  }): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO pk_duel (organization_id, entity_type, a_id, b_id, metric_key, period_kind, label, period_start, period_end, season, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [v.organizationId, v.entityType, v.aId, v.bId, v.metricKey, v.periodKind, v.label, v.periodStart, v.periodEnd, v.season, v.createdById],
    );
    return rows[0].id;
  }

  /** Duels of an organization, newest period first (at most 500), by ids, season and open/final status. */
  async list(organizationId: string, f: { ids: string[] | null; season: string | null; status: 'FINAL' | 'OPEN' | null }): Promise<DuelRecord[]> {
    const rows = await this.db.query(
      `${DUEL_SQL} WHERE d.organization_id = $1 AND ($2::uuid[] IS NULL OR d.id = ANY($2::uuid[])) AND ($3::text IS NULL OR d.season = $3::text)
         AND ($4::text IS NULL OR ($4::text = 'FINAL') = (d.closed_at IS NOT NULL))
       ORDER BY d.period_start DESC, d.created_at DESC LIMIT 500`,
      [organizationId, f.ids, f.season, f.status],
    );
    return rows.map(toDuel);
  }

  /** The final duels of a season for one entity type, in period order. */
  async finalOfSeason(organizationId: string, season: string, entityType: RankingScope): Promise<DuelRecord[]> {
    const rows = await this.db.query(
      `${DUEL_SQL} WHERE d.organization_id = $1 AND d.season = $2 AND d.entity_type = $3 AND d.closed_at IS NOT NULL ORDER BY d.period_start, d.id`,
      [organizationId, season, entityType],
    );
    return rows.map(toDuel);
  }

  /** Organizations with open duels whose period's last local date has passed by `now`. */
  async organizationsWithEnded(now: Date): Promise<string[]> {
    const rows = await this.db.query<{ organization_id: string }>(
      `SELECT DISTINCT d.organization_id FROM pk_duel d JOIN ${orgSql.organization.as('o')} ON o.id = d.organization_id
        WHERE d.closed_at IS NULL AND d.period_end <= ($1::timestamptz AT TIME ZONE o.time_zone)::date ORDER BY d.organization_id`,
      [now],
    );
    return rows.map((r) => r.organization_id);
  }

  /** Open duels whose period has ended (optionally of one organization), locked; rows another worker holds are skipped. */
  async lockEnded(now: Date, organizationId: string | null): Promise<DuelRecord[]> {
    const rows = await this.db.query(
      `${DUEL_SQL} WHERE d.closed_at IS NULL AND d.period_end <= ($1::timestamptz AT TIME ZONE o.time_zone)::date
         AND ($2::uuid IS NULL OR d.organization_id = $2) FOR UPDATE OF d SKIP LOCKED`,
      [now, organizationId],
    );
    return rows.map(toDuel);
  }

  /** Freezes a duel's result (no-op when already closed). */
  async close(id: string, at: Date, r: { winner: string | null; aValue: number | null; bValue: number | null; margin: number | null }): Promise<void> {
    await this.db.query(`UPDATE pk_duel SET closed_at = $2, winner = $3, a_value = $4, b_value = $5, margin = $6 WHERE id = $1 AND closed_at IS NULL`, [
      id,
      at,
      r.winner,
      r.aValue,
      r.bValue,
      r.margin,
    ]);
  }
}
