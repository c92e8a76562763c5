import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/index.js';
import type { RequestContext } from '../common/request-context.js';
import { LeadStage } from '../leads/index.js';
import type { LeadStageChangedEvent } from '../leads/index.js';
import { AgendaRepository } from './agenda.repository.js';
import { AgendaCancelReason } from './entities/agenda-item.entity.js';

/** Which stage change cancels which items of the lead (null = the change leaves the agenda alone). */
export function settleRule(from: LeadStage | null, to: LeadStage): { reason: AgendaCancelReason; keepAfterPurchase: boolean } | null {
  if (from === to) return null;
  if (to === LeadStage.LOST) return { reason: AgendaCancelReason.LEAD_LOST, keepAfterPurchase: false };
  if (to === LeadStage.REFUNDED) return { reason: AgendaCancelReason.LEAD_REFUNDED, keepAfterPurchase: false };
  if (to === LeadStage.CONVERTED) return { reason: AgendaCancelReason.LEAD_CONVERTED, keepAfterPurchase: true };
  return null;
}

/** A LOST lead that comes back (re-engaged) gets its lost items back. */
export function reopensLost(from: LeadStage | null, to: LeadStage): boolean {
  return from === LeadStage.LOST && (to === LeadStage.PROSPECT || to === LeadStage.INTRO);
}

/**
 * Stage changes settle the agenda (docs/lifecycle.md): in the transaction of the change, with a
 * fixed number of statements whatever the number of items (one UPDATE ... RETURNING, one audit
 * INSERT). The lead row is locked by LeadStageService.transition, so two concurrent changes of
 * one lead serialize and the second sees the items the first settled.
 */
@Injectable()
export class AgendaSettleService {
  constructor(
    private readonly repo: AgendaRepository,
    private readonly audit: AuditService,
  ) {}

  async onStageChanged(ctx: RequestContext, e: LeadStageChangedEvent): Promise<void> {
    const rule = settleRule(e.fromStage, e.toStage);
    if (rule) {
      await this.cancel(ctx, e.leadId, rule.reason, e.at, rule.keepAfterPurchase, { stage: [e.fromStage, e.toStage] });
      // A lost or refunded lead that buys (again) gets its after-purchase steps back.
      if (rule.keepAfterPurchase && e.ownerId) {
        await this.reopen(ctx, e.leadId, e.ownerId, [AgendaCancelReason.LEAD_LOST, AgendaCancelReason.LEAD_REFUNDED], e.at, true);
      }
    } else if (reopensLost(e.fromStage, e.toStage) && e.ownerId) {
      await this.reopen(ctx, e.leadId, e.ownerId, [AgendaCancelReason.LEAD_LOST], e.at);
    }
  }

  /**
   * Cancels the lead's open items: PENDING ones whose window had not ended at `at` (an item
   * already overdue then was missed by the rep and stays so), and MISSED ones whose window ended
   * after `at` (a stage change recorded late, after the worker ran). With `keepAfterPurchase`,
   * steps marked `afterPurchase` stay open. Returns the ids cancelled.
   */
  async cancel(
    ctx: RequestContext,
    leadId: string,
    reason: AgendaCancelReason,
    at: Date,
    keepAfterPurchase = false,
    why: Record<string, unknown> = {},
  ): Promise<string[]> {
    const rows = await this.repo.cancelOpenOfLead(ctx.organizationId, leadId, reason, at, keepAfterPurchase);
    if (!rows.length) return [];
    await this.audit.record(
      ctx,
      rows.map((r) => ({
        entityType: 'AgendaItem',
        entityId: r.id,
        action: 'CANCELLED',
        diff: { status: [r.status, 'CANCELLED'], reason, leadId, ...why },
      })),
    );
    return rows.map((r) => r.id);
  }

  /**
   * A student's enrollment ended (refunded, dropped): their open items of that class cohort are
   * CANCELLED with `reason` (one UPDATE, one audit INSERT). Returns the ids cancelled.
   */
  async cancelInCohort(ctx: RequestContext, leadId: string, cohortId: string, reason: AgendaCancelReason, at: Date): Promise<string[]> {
    const rows = await this.repo.cancelOpenOfLeadInCohort(ctx.organizationId, leadId, cohortId, reason, at);
    if (!rows.length) return [];
    await this.audit.record(
      ctx,
      rows.map((r) => ({
        entityType: 'AgendaItem',
        entityId: r.id,
        action: 'CANCELLED',
        diff: { status: [r.status, 'CANCELLED'], reason, leadId, cohortId },
      })),
    );
    return rows.map((r) => r.id);
  }

  /**
   * The lead comes back (re-engaged after LOST, bought after LOST or REFUNDED, or out of the pool
   * to the rep who had it): its items cancelled for one of `reasons` that belong to `ownerId` and
   * whose window is still ahead become PENDING again (regeneration would not recreate them: one
   * item per cohort, step, rep and lead). With `afterPurchaseOnly`, only after-purchase steps.
   */
  async reopen(ctx: RequestContext, leadId: string, ownerId: string, reasons: AgendaCancelReason[], at: Date, afterPurchaseOnly = false): Promise<void> {
    const rows = await this.repo.reopenOfLead(ctx.organizationId, leadId, ownerId, reasons, at, afterPurchaseOnly);
    if (!rows.length) return;
    await this.audit.record(
      ctx,
      rows.map((r) => ({
        entityType: 'AgendaItem',
        entityId: r.id,
        action: 'REOPENED',
        diff: { status: ['CANCELLED', 'PENDING'], cancelReason: r.cancelReason, leadId },
      })),
    );
  }

  /**
   * PeopleService.onDeactivate: the rep's pending group steps (no lead) are CANCELLED
   * (REP_DEACTIVATED): nobody else does that rep's post or task. Their leads' items follow the
   * leads (the routing hook reassigns open leads; LeadEvents.onAssigned moves the items).
   */
  async onRepDeactivated(ctx: RequestContext, userId: string, at: Date): Promise<void> {
    const ids = await this.repo.cancelRepGroupItems(ctx.organizationId, userId, at);
    if (!ids.length) return;
    await this.audit.record(
      ctx,
      ids.map((id) => ({
        entityType: 'AgendaItem',
        entityId: id,
        action: 'CANCELLED',
        diff: { status: ['PENDING', 'CANCELLED'], reason: 'REP_DEACTIVATED', userId },
      })),
    );
  }
}
