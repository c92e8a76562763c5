import { Injectable } from '@nestjs/common';
import { localDateOf } from '@lib/schedule';
import { AuditService, diffOf } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { Db, TransactionRunner } from '../database/transaction.js';
import { CoachingRepository, type PlanRecord, type PlanVisibility } from './coaching.repository.js';
import { MetricsService } from '../metrics/index.js';
import { AccessService, type AccessScope } from '../organization/index.js';
import { Role } from '../organization/index.js';
import type { OpenCoachingPlanInput, RecordCoachingOutcomeInput, UpdateCoachingPlanInput } from './dto/rankings.inputs.js';
import { CoachingStatus } from './entities/ranking.entities.js';
import type { CoachingPlanModel } from './models/rankings.models.js';

function toModel(r: PlanRecord): CoachingPlanModel {
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
    private readonly db: Db,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
    private readonly repo: CoachingRepository,
  ) {}

  private visibility(scope: AccessScope): PlanVisibility {
    return { all: scope.all, userId: scope.userId, manageSquadIds: scope.manageSquadIds };
  }

  private async load(ctx: RequestContext, id: string, lock = false): Promise<PlanRecord> {
    const scope = await this.access.scope(ctx);
    const plan = await this.repo.plan(id, ctx.organizationId, this.visibility(scope), lock);
    if (!plan) throw notFound('Coaching plan', id);
    return plan;
  }

  async plan(ctx: RequestContext, id: string): Promise<CoachingPlanModel> {
    return toModel(await this.load(ctx, id));
  }

  /** Plans the caller may see, open ones first, optionally of one rep. */
  async plans(ctx: RequestContext, filter: { subjectUserId?: string | null; status?: CoachingStatus | null }): Promise<CoachingPlanModel[]> {
    const scope = await this.access.scope(ctx);
    const rows = await this.repo.plans(ctx.organizationId, this.visibility(scope), filter.subjectUserId ?? null, filter.status ?? null);
    return rows.map(toModel);
  }

  private assertCanCoach(ctx: RequestContext, scope: AccessScope, squadIds: string[]): void {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    if (!squadIds.some((s) => this.access.canManageSquad(scope, s))) throw forbidden("Only the rep's lead or their managers can coach them.");
  }

  /** LEAD (own squads), MANAGER (commanded legions), ADMIN: opens a plan for a rep. One open plan per rep. */
  async open(ctx: RequestContext, input: OpenCoachingPlanInput): Promise<CoachingPlanModel> {
    return this.tx.run(async () => {
      const scope = await this.access.scope(ctx);
      const s = await this.repo.subject(input.subjectUserId, ctx.organizationId);
      if (!s) throw notFound('User', input.subjectUserId);
      if (s.role !== Role.MEMBER || !s.squadId || !s.active)
        throw badInput([{ field: 'input.subjectUserId', message: 'coaching plans are for active reps who belong to a squad' }]);
      this.assertCanCoach(ctx, scope, [s.squadId]);
      if (input.subjectUserId === ctx.userId) throw forbidden('You cannot open a coaching plan for yourself.');
      const tz = ctx.timeZone ?? (await this.metrics.organizationTimeZone(ctx));
      if (input.reviewDate < localDateOf(new Date(), tz)) throw badInput([{ field: 'input.reviewDate', message: 'must be today or later' }]);
      let streak: number | null = null;
      if (input.definitionId) {
        const latest = await this.repo.latestBottomStreak(input.definitionId, input.subjectUserId, ctx.organizationId);
        if (!(await this.repo.definitionExists(input.definitionId, ctx.organizationId))) throw notFound('Leaderboard', input.definitionId);
        streak = latest ?? 0;
      }
      const id = await this.repo.insertOpen({
        organizationId: ctx.organizationId,
        subjectUserId: input.subjectUserId,
        squadId: s.squadId,
        definitionId: input.definitionId ?? null,
        bottomStreakAtOpen: streak,
        goals: input.goals.trim(),
        notes: input.notes ?? null,
        reviewDate: input.reviewDate,
        openedById: ctx.userId,
      });
      if (!id) throw conflict('This rep already has an open coaching plan; update it or record its outcome first.');
      await this.audit.record(ctx, {
        entityType: 'CoachingPlan',
        entityId: id,
        action: 'OPENED',
        diff: { subjectUserId: input.subjectUserId, definitionId: input.definitionId ?? null, reviewDate: input.reviewDate, bottomStreak: streak },
      });
      return toModel(await this.load(ctx, id));
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateCoachingPlanInput): Promise<CoachingPlanModel> {
    return this.tx.run(async () => {
      const plan = await this.load(ctx, id, true);
      const scope = await this.access.scope(ctx);
      this.assertCanCoach(ctx, scope, await this.squadsOf(plan));
      if (plan.status !== CoachingStatus.OPEN) throw conflict('This coaching plan is closed.');
      const next = {
        goals: input.goals?.trim() ?? plan.goals,
        notes: input.notes !== undefined ? input.notes : plan.notes,
        reviewDate: input.reviewDate ?? plan.reviewDate,
      };
      const diff = diffOf({ goals: plan.goals, notes: plan.notes, reviewDate: plan.reviewDate }, next);
      if (Object.keys(diff).length) {
        await this.repo.update(id, next);
        await this.audit.record(ctx, { entityType: 'CoachingPlan', entityId: id, action: 'UPDATED', diff });
      }
      return toModel(await this.load(ctx, id));
    });
  }

  /** Records the outcome and closes the plan. The outcome is information, not a personnel action. */
  async recordOutcome(ctx: RequestContext, id: string, input: RecordCoachingOutcomeInput): Promise<CoachingPlanModel> {
    return this.tx.run(async () => {
      const plan = await this.load(ctx, id, true);
      const scope = await this.access.scope(ctx);
      this.assertCanCoach(ctx, scope, await this.squadsOf(plan));
      if (plan.status !== CoachingStatus.OPEN) throw conflict('The outcome of this coaching plan is already recorded.');
      await this.repo.update(id, {
        status: CoachingStatus.CLOSED,
        outcome: input.outcome,
        outcomeNotes: input.outcomeNotes ?? null,
        closedAt: new Date(),
        closedById: ctx.userId,
      });
      await this.audit.record(ctx, { entityType: 'CoachingPlan', entityId: id, action: 'OUTCOME_RECORDED', diff: { outcome: input.outcome } });
      return toModel(await this.load(ctx, id));
    });
  }

  /** The squad the plan was opened in and the rep's current squad. */
  private async squadsOf(plan: PlanRecord): Promise<string[]> {
    return [plan.squadId, ...(await this.repo.currentSquads(plan.subjectUserId))];
  }
}
