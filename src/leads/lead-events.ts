import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context.js';
import type { LeadStage } from './entities/lead.entity.js';

export interface LeadAssignedEvent {
  organizationId: string;
  leadId: string;
  fromOwnerId: string | null;
  toOwnerId: string | null;
  /** The squad the lead is credited to after the change (the new owner's squad at `at`). */
  squadId: string | null;
  fromSquadId: string | null;
  at: Date;
  /** The lead was created in the same transaction (intake): it has no history, cohorts or agenda yet. */
  newLead?: boolean;
}

export interface LeadStageChangedEvent {
  organizationId: string;
  leadId: string;
  fromStage: LeadStage | null;
  toStage: LeadStage;
  ownerId: string | null;
  squadId: string | null;
  at: Date;
}

/** Runs inside the transaction of the change: queries through `Db` join it. */
type Handler<E> = (ctx: RequestContext, event: E) => Promise<void>;

/**
 * In-transaction domain events of leads. The leads/intake context fires them in the same
 * transaction as the change; other contexts (metrics rollups, SOP agenda, rankings) subscribe
 * at module init. Handlers run inside that transaction; their queries through `Db` join it.
 */
@Injectable()
export class LeadEvents {
  private readonly assigned: Handler<LeadAssignedEvent[]>[] = [];
  private readonly stageChanged: Handler<LeadStageChangedEvent>[] = [];

  /** Handlers receive every assignment of one change at once (bulk intake routes thousands). */
  onAssigned(handler: Handler<LeadAssignedEvent[]>): void {
    this.assigned.push(handler);
  }

  onStageChanged(handler: Handler<LeadStageChangedEvent>): void {
    this.stageChanged.push(handler);
  }

  async fireAssigned(ctx: RequestContext, events: LeadAssignedEvent | LeadAssignedEvent[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0) return;
    for (const h of this.assigned) await h(ctx, list);
  }

  async fireStageChanged(ctx: RequestContext, event: LeadStageChangedEvent): Promise<void> {
    for (const h of this.stageChanged) await h(ctx, event);
  }
}
