import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { localDateOf } from '@lib/schedule';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService, diffOf } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { MetricsService } from '../metrics/index.js';
import { AccessService, type AccessScope } from '../organization/index.js';
import { Role } from '../organization/index.js';
import type { OpenCoachingPlanInput, RecordCoachingOutcomeInput, UpdateCoachingPlanInput } from './dto/rankings.inputs.js';
import { CoachingPlan, CoachingStatus } from './entities/ranking.entities.js';
import type { CoachingPlanModel } from './models/rankings.models.js';

type PlanRow = CoachingPlan & { subjectName: string };

const PLAN_SQL = `SELECT cp.id, cp.organization_id AS "organizationId", cp.subject_user_id AS "subjectUserId", u.name AS "subjectName", cp.squad_id AS "squadId",
  cp.definition_id AS "definitionId", cp.bottom_streak_at_open AS "bottomStreakAtOpen", cp.goals, cp.notes, to_char(cp.review_date, 'YYYY-MM-DD') AS "reviewDate",
  cp.status, cp.outcome, cp.outcome_notes AS "outcomeNotes", cp.opened_by_id AS "openedById", cp.closed_by_id AS "closedById", cp.closed_at AS "closedAt",
  cp.created_at AS "createdAt", cp.updated_at AS "updatedAt"
  FROM coaching_plan cp JOIN app_user u ON u.id = cp.subject_user_id`;

/**
 * SQL: plans visible to the caller ($2 all, $3 user id, $4 managed squads): the rep themself,
 * the lead of the squad the plan was opened in or of the rep's current squad, their managers.
 */
const VISIBLE = `($2::boolean OR cp.subject_user_id = $3::uuid OR cp.squad_id = ANY($4::uuid[])
  OR EXISTS (SELECT 1 FROM squad_membership sm WHERE sm.user_id = cp.subject_user_id AND sm.valid_to IS NULL AND sm.squad_id = ANY($4::uuid[])))`;

function toModel(r: PlanRow): CoachingPlanModel {
  return {
    id: r.id,
    subject: { id: r.subjectUserId, name: r.subjectName },
    squadId: r.squadId,
    definitionId: r.definitionId,
    bottomStreakAtOpen: r.bottomStreakAtOpen,
    goals: r.goals,
    notes: r.notes,
    reviewDate: r.reviewDate,
    status: r.status,
    outcome: r.outcome,
    outcomeNotes: r.outcomeNotes,
    openedById: r.openedById,
    closedById: r.closedById,
    closedAt: r.closedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/**
 * Coaching plans for reps on (or near) a watch list: goals, notes, a review date and an outcome.
 * Visible only to the rep, their lead and managers. A plan is support: nothing here changes a
 * user's role, membership or active status.
 */
@Injectable()
export class CoachingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
  ) {}

  private visibility(scope: AccessScope): [boolean, string | null, string[]] {
    return [scope.all, scope.userId, scope.manageSquadIds];
  }

  private async load(m: EntityManager, ctx: RequestContext, id: string, lock = false): Promise<PlanRow> {
    const scope = await this.access.scope(ctx, m);
    const rows: PlanRow[] = await m.query(`${PLAN_SQL} WHERE cp.id = $1 AND cp.organization_id = $5 AND ${VISIBLE}${lock ? ' FOR UPDATE OF cp' : ''}`, [
      id,
      ...this.visibility(scope),
      ctx.organizationId,
    ]);
    if (!rows.length) throw notFound('Coaching plan', id);
    return rows[0];
  }

  async plan(ctx: RequestContext, id: string): Promise<CoachingPlanModel> {
    return toModel(await this.load(this.dataSource.manager, ctx, id));
  }

  /** Plans the caller may see, open ones first, optionally of one rep. */
  async plans(ctx: RequestContext, filter: { subjectUserId?: string | null; status?: CoachingStatus | null }): Promise<CoachingPlanModel[]> {
    const m = this.dataSource.manager;
    const scope = await this.access.scope(ctx, m);
    const rows: PlanRow[] = await m.query(
      `${PLAN_SQL} WHERE cp.organization_id = $1 AND ${VISIBLE}
         AND ($5::uuid IS NULL OR cp.subject_user_id = $5::uuid) AND ($6::text IS NULL OR cp.status = $6::text)
       ORDER BY (cp.status = 'OPEN') DESC, cp.review_date, cp.created_at DESC LIMIT 500`,
      [ctx.organizationId, ...this.visibility(scope), filter.subjectUserId ?? null, filter.status ?? null],
    );
    return rows.map(toModel);
  }

  private assertCanCoach(ctx: RequestContext, scope: AccessScope, squadIds: string[]): void {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    if (!squadIds.some((s) => this.access.canManageSquad(scope, s))) throw forbidden("Only the rep's lead or their managers can coach them.");
  }

  /** LEAD (own squads), MANAGER (commanded legions), ADMIN: opens a plan for a rep. One open plan per rep. */
  async open(ctx: RequestContext, input: OpenCoachingPlanInput): Promise<CoachingPlanModel> {
    return this.tx.run((m) => this.openIn(m, ctx, input));
  }

  async openIn(m: EntityManager, ctx: RequestContext, input: OpenCoachingPlanInput): Promise<CoachingPlanModel> {
    {
      const scope = await this.access.scope(ctx, m);
      const subject: { role: Role; squad_id: string | null; active: boolean }[] = await m.query(
        `SELECT u.role, u.active, (SELECT sm.squad_id FROM squad_membership sm WHERE sm.user_id = u.id AND sm.valid_to IS NULL) AS squad_id
         FROM app_user u WHERE u.id = $1 AND u.organization_id = $2`,
        [input.subjectUserId, ctx.organizationId],
      );
      if (!subject.length) throw notFound('User', input.subjectUserId);
      const s = subject[0];
      if (s.role !== Role.MEMBER || !s.squad_id || !s.active)
        throw badInput([{ field: 'input.subjectUserId', message: 'coaching plans are for active reps who belong to a squad' }]);
      this.assertCanCoach(ctx, scope, [s.squad_id]);
      if (input.subjectUserId === ctx.userId) throw forbidden('You cannot open a coaching plan for yourself.');
      const tz = ctx.timeZone ?? (await this.metrics.organizationTimeZone(ctx));
      if (input.reviewDate < localDateOf(new Date(), tz)) throw badInput([{ field: 'input.reviewDate', message: 'must be today or later' }]);
      let streak: number | null = null;
      if (input.definitionId) {
        const rows: { bottom_streak: number }[] = await m.query(
          `SELECT e.bottom_streak FROM leaderboard_snapshot s JOIN leaderboard_snapshot_entry e ON e.snapshot_id = s.id AND e.entity_id = $2
           WHERE s.definition_id = $1 AND s.organization_id = $3 ORDER BY s.period_start DESC LIMIT 1`,
          [input.definitionId, input.subjectUserId, ctx.organizationId],
        );
        const exists = await m.query('SELECT 1 FROM leaderboard_definition WHERE id = $1 AND organization_id = $2', [input.definitionId, ctx.organizationId]);
        if (!exists.length) throw notFound('Leaderboard', input.definitionId);
        streak = rows.length ? Number(rows[0].bottom_streak) : 0;
      }
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO coaching_plan (organization_id, subject_user_id, squad_id, definition_id, bottom_streak_at_open, goals, notes, review_date, status, opened_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'OPEN', $9)
         ON CONFLICT (subject_user_id) WHERE status = 'OPEN' DO NOTHING RETURNING id`,
        [
          ctx.organizationId,
          input.subjectUserId,
          s.squad_id,
          input.definitionId ?? null,
          streak,
          input.goals.trim(),
          input.notes ?? null,
          input.reviewDate,
          ctx.userId,
        ],
      );
      if (!inserted.length) throw conflict('This rep already has an open coaching plan; update it or record its outcome first.');
      await this.audit.record(ctx, {
        entityType: 'CoachingPlan',
        entityId: inserted[0].id,
        action: 'OPENED',
        diff: { subjectUserId: input.subjectUserId, definitionId: input.definitionId ?? null, reviewDate: input.reviewDate, bottomStreak: streak },
      });
      return toModel(await this.load(m, ctx, inserted[0].id));
    }
  }

  async update(ctx: RequestContext, id: string, input: UpdateCoachingPlanInput): Promise<CoachingPlanModel> {
    return this.tx.run(async (m) => {
      const plan = await this.load(m, ctx, id, true);
      const scope = await this.access.scope(ctx, m);
      this.assertCanCoach(ctx, scope, await this.squadsOf(m, plan));
      if (plan.status !== CoachingStatus.OPEN) throw conflict('This coaching plan is closed.');
      const next = {
        goals: input.goals?.trim() ?? plan.goals,
        notes: input.notes !== undefined ? input.notes : plan.notes,
        reviewDate: input.reviewDate ?? plan.reviewDate,
      };
      const diff = diffOf({ goals: plan.goals, notes: plan.notes, reviewDate: plan.reviewDate }, next);
      if (Object.keys(diff).length) {
        await m.update(CoachingPlan, { id }, next);
        await this.audit.record(ctx, { entityType: 'CoachingPlan', entityId: id, action: 'UPDATED', diff });
      }
      return toModel(await this.load(m, ctx, id));
    });
  }

  /** Records the outcome and closes the plan. The outcome is information, not a personnel action. */
  async recordOutcome(ctx: RequestContext, id: string, input: RecordCoachingOutcomeInput): Promise<CoachingPlanModel> {
    return this.tx.run(async (m) => {
      const plan = await this.load(m, ctx, id, true);
      const scope = await this.access.scope(ctx, m);
      this.assertCanCoach(ctx, scope, await this.squadsOf(m, plan));
      if (plan.status !== CoachingStatus.OPEN) throw conflict('The outcome of this coaching plan is already recorded.');
      await m.update(
        CoachingPlan,
        { id },
        { status: CoachingStatus.CLOSED, outcome: input.outcome, outcomeNotes: input.outcomeNotes ?? null, closedAt: new Date(), closedById: ctx.userId },
      );
      await this.audit.record(ctx, { entityType: 'CoachingPlan', entityId: id, action: 'OUTCOME_RECORDED', diff: { outcome: input.outcome } });
      return toModel(await this.load(m, ctx, id));
    });
  }

  /** The squad the plan was opened in and the rep's current squad. */
  private async squadsOf(m: EntityManager, plan: PlanRow): Promise<string[]> {
    const rows: { squad_id: string }[] = await m.query('SELECT squad_id FROM squad_membership WHERE user_id = $1 AND valid_to IS NULL', [plan.subjectUserId]);
    return [plan.squadId, ...rows.map((r) => r.squad_id)];
  }
}
