import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import { orgSql, type Role } from '../organization/index.js';
import { CoachingPlan } from './entities/ranking.entities.js';

/** A coaching plan with its rep's name. */
export type PlanRecord = CoachingPlan & { subjectName: string };

/** Who sees which plans: everyone (`all`), the rep themself (`userId`), leads and managers of `manageSquadIds`. */
export interface PlanVisibility {
  all: boolean;
  userId: string | null;
  manageSquadIds: string[];
}

const PLAN_SQL = `SELECT cp.id, cp.organization_id AS "organizationId", cp.subject_user_id AS "subjectUserId", u.name AS "subjectName", cp.squad_id AS "squadId",
  cp.definition_id AS "definitionId", cp.bottom_streak_at_open AS "bottomStreakAtOpen", cp.goals, cp.notes, to_char(cp.review_date, 'YYYY-MM-DD') AS "reviewDate",
  cp.status, cp.outcome, cp.outcome_notes AS "outcomeNotes", cp.opened_by_id AS "openedById", cp.closed_by_id AS "closedById", cp.closed_at AS "closedAt",
  cp.created_at AS "createdAt", cp.updated_at AS "updatedAt"
  FROM coaching_plan cp JOIN ${orgSql.user.as('u')} ON u.id = cp.subject_user_id`;

/**
 * SQL: plans visible to the caller ($2 all, $3 user id, $4 managed squads): the rep themself,
 * the lead of the squad the plan was opened in or of the rep's current squad, their managers.
 */
const VISIBLE = `($2::boolean OR cp.subject_user_id = $3::uuid OR cp.squad_id = ANY($4::uuid[])
  OR ${orgSql.membership.inSquadsNow('cp.subject_user_id', '$4::uuid[]')})`;

const vis = (v: PlanVisibility) => [v.all, v.userId, v.manageSquadIds];

/** Coaching plans (coaching_plan) and what opening one reads. */
@Injectable()
export class CoachingRepository {
  constructor(private readonly db: Db) {}

  /** One plan if `v` may see it (optionally locked FOR UPDATE), else null. */
  async plan(id: string, organizationId: string, v: PlanVisibility, lock: boolean): Promise<PlanRecord | null> {
    const rows = await this.db.query<PlanRecord>(`${PLAN_SQL} WHERE cp.id = $1 AND cp.organization_id = $5 AND ${VISIBLE}${lock ? ' FOR UPDATE OF cp' : ''}`, [
      id,
      ...vis(v),
      organizationId,
    ]);
    return rows[0] ?? null;
  }

  /** Plans `v` may see, open ones first (at most 500), optionally of one rep or status. */
  plans(organizationId: string, v: PlanVisibility, subjectUserId: string | null, status: string | null): Promise<PlanRecord[]> {
    return this.db.query<PlanRecord>(
      `${PLAN_SQL} WHERE cp.organization_id = $1 AND ${VISIBLE}
         AND ($5::uuid IS NULL OR cp.subject_user_id = $5::uuid) AND ($6::text IS NULL OR cp.status = $6::text)
       ORDER BY (cp.status = 'OPEN') DESC, cp.review_date, cp.created_at DESC LIMIT 500`,
      [organizationId, ...vis(v), subjectUserId, status],
    );
  }

  /** A user of the organization as a coaching subject: role, active, current squad; null when absent. */
  async subject(userId: string, organizationId: string): Promise<{ role: Role; squadId: string | null; active: boolean } | null> {
    const rows = await this.db.query<{ role: Role; squad_id: string | null; active: boolean }>(
      `SELECT u.role, u.active, ${orgSql.membership.squadNow('u.id')} AS squad_id
       FROM ${orgSql.user.as('u')} WHERE u.id = $1 AND u.organization_id = $2`,
      [userId, organizationId],
    );
    return rows.length ? { role: rows[0].role, squadId: rows[0].squad_id, active: rows[0].active } : null;
  }

  /** The rep's bottom streak in the newest snapshot of a definition, or null when not in it. */
  async latestBottomStreak(definitionId: string, userId: string, organizationId: string): Promise<number | null> {
    const rows = await this.db.query<{ bottom_streak: number }>(
      `SELECT e.bottom_streak FROM leaderboard_snapshot s JOIN leaderboard_snapshot_entry e ON e.snapshot_id = s.id AND e.entity_id = $2
       WHERE s.definition_id = $1 AND s.organization_id = $3 ORDER BY s.period_start DESC LIMIT 1`,
      [definitionId, userId, organizationId],
    );
    return rows.length ? Number(rows[0].bottom_streak) : null;
  }

  /** Whether a definition exists in the organization. */
  async definitionExists(definitionId: string, organizationId: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM leaderboard_definition WHERE id = $1 AND organization_id = $2', [definitionId, organizationId]);
    return rows.length > 0;
  }

  /** Inserts an open plan; null when the rep already has one. */
  async insertOpen(v: {
    organizationId: string;
    subjectUserId: string;
    squadId: string;
    definitionId: string | null;
    bottomStreakAtOpen: number | null;
    goals: string;
    notes: string | null;
    reviewDate: string;
    openedById: string | null;
  }): Promise<string | null> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO coaching_plan (organization_id, subject_user_id, squad_id, definition_id, bottom_streak_at_open, goals, notes, review_date, status, opened_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'OPEN', $9)
       ON CONFLICT (subject_user_id) WHERE status = 'OPEN' DO NOTHING RETURNING id`,
      [v.organizationId, v.subjectUserId, v.squadId, v.definitionId, v.bottomStreakAtOpen, v.goals, v.notes, v.reviewDate, v.openedById],
    );
    return rows[0]?.id ?? null;
  }

  /** Updates a plan's fields. */
  async update(id: string, values: Partial<CoachingPlan>): Promise<void> {
    await this.db.repo(CoachingPlan).update({ id }, values);
  }

  /** The squads a user belongs to now. */
  async currentSquads(userId: string): Promise<string[]> {
    const rows = await this.db.query<{ squad_id: string }>(
      `SELECT sm.squad_id FROM ${orgSql.membership.as('sm')} WHERE sm.user_id = $1 AND sm.valid_to IS NULL`,
      [userId],
    );
    return rows.map((r) => r.squad_id);
  }
}
