import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/index.js';
import { conflict, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { LeadStage } from './entities/lead.entity.js';
import { LeadEvents } from './lead-events.js';
import { LeadsRepository } from './leads.repository.js';

/** Which lifecycle moves make sense. LOST and REFUNDED leads can come back (re-engaged, bought again). */
export const STAGE_TRANSITIONS: Record<LeadStage, readonly LeadStage[]> = {
  [LeadStage.PROSPECT]: [LeadStage.INTRO, LeadStage.CONVERTED, LeadStage.LOST],
  [LeadStage.INTRO]: [LeadStage.CONVERTED, LeadStage.LOST],
  [LeadStage.CONVERTED]: [LeadStage.LEARNING, LeadStage.COMPLETED, LeadStage.REFUNDED],
  [LeadStage.LEARNING]: [LeadStage.COMPLETED, LeadStage.REFUNDED, LeadStage.LOST, LeadStage.REPURCHASED],
  [LeadStage.COMPLETED]: [LeadStage.REFUNDED, LeadStage.REPURCHASED, LeadStage.REFERRING],
  [LeadStage.LOST]: [LeadStage.PROSPECT, LeadStage.INTRO, LeadStage.CONVERTED],
  [LeadStage.REFUNDED]: [LeadStage.CONVERTED, LeadStage.LOST],
  // A repurchased student learns the new course in this stage (no way back to LEARNING).
  [LeadStage.REPURCHASED]: [LeadStage.COMPLETED, LeadStage.REFERRING, LeadStage.REFUNDED, LeadStage.LOST],
  [LeadStage.REFERRING]: [LeadStage.REPURCHASED, LeadStage.REFUNDED, LeadStage.LOST],
};

/** Stages at or beyond a paid conversion (used by "converted" before orders exist). */
export const CONVERTED_STAGES: readonly LeadStage[] = [
  LeadStage.CONVERTED,
  LeadStage.LEARNING,
  LeadStage.COMPLETED,
  LeadStage.REPURCHASED,
  LeadStage.REFERRING,
];

export function canTransition(from: LeadStage, to: LeadStage): boolean {
  return from === to || STAGE_TRANSITIONS[from].includes(to);
}

/** Moves leads through their lifecycle: validates, records history and audit, fires LeadEvents. */
@Injectable()
export class LeadStageService {
  constructor(
    private readonly events: LeadEvents,
    private readonly audit: AuditService,
    private readonly repo: LeadsRepository,
  ) {}

  /**
   * Changes a lead's stage inside the caller's transaction (the current one). Same stage = no-op (returns false).
   * The lead row is locked so concurrent changes serialize.
   */
  async transition(ctx: RequestContext, leadId: string, to: LeadStage, opts: { at?: Date; reason?: string | null } = {}): Promise<boolean> {
    const lead = await this.repo.lockInOrganization(ctx.organizationId, leadId);
    if (!lead) throw notFound('Lead', leadId);
    if (lead.stage === to) return false;
    if (!canTransition(lead.stage, to)) {
      throw conflict(`A lead cannot move from ${lead.stage} to ${to}.`, { from: lead.stage, to, allowed: STAGE_TRANSITIONS[lead.stage] });
    }
    const at = opts.at ?? new Date();
    const from = lead.stage;
    await this.repo.setStage(lead.id, to, at);
    await this.repo.insertStageChange({
      organizationId: ctx.organizationId,
      leadId: lead.id,
      fromStage: from,
      toStage: to,
      changedAt: at,
      actorUserId: ctx.userId,
      reason: opts.reason ?? null,
    });
    await this.audit.record(ctx, {
      entityType: 'Lead',
      entityId: lead.id,
      action: 'STAGE_CHANGED',
      diff: { stage: [from, to], reason: opts.reason ?? null },
    });
    await this.events.fireStageChanged(ctx, {
      organizationId: ctx.organizationId,
      leadId: lead.id,
      fromStage: from,
      toStage: to,
      ownerId: lead.ownerId,
      squadId: lead.squadId,
      at,
    });
    return true;
  }
}
