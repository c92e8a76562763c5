import { Injectable } from '@nestjs/common';
import { AuditService, type AuditEntry } from '../audit/index.js';
import { badInput, forbidden, notFound } from '../common/errors.js';
import { decodeCursor, toConnection, type Connection } from '../common/graphql/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { AccessService, type AccessScope } from '../organization/index.js';
import { Role } from '../organization/index.js';
import type { ChangeLeadStageInput, LeadsFilterArgs } from './dto/lead.inputs.js';
import { Lead, LeadStage, LeadStageChange } from './entities/lead.entity.js';
import { LeadsRepository } from './leads.repository.js';
import { LeadEvents } from './lead-events.js';
import { LeadStageService } from './lead-stage.js';

/** Stages in which a lead still needs its rep (what capacity counts). */
export const OPEN_STAGES: readonly LeadStage[] = [LeadStage.PROSPECT, LeadStage.INTRO];

/** One owner change, applied by {@link LeadsService.applyAssignments} or recorded by `recordAssignments`. */
export interface AssignmentChange {
  leadId: string;
  fromOwnerId: string | null;
  fromSquadId: string | null;
  toOwnerId: string | null;
  toSquadId: string | null;
  at: Date;
  reason: string;
  /** The lead was created in this transaction (it cannot be in a cohort yet). */
  newLead?: boolean;
}

/**
 * Who sees which lead: ADMIN (and a MANAGER without legions) all; MANAGER the squads of their
 * legions; LEAD their squads; MEMBER the leads they own and the nurture pool (no owner) of their
 * squad. Everyone also sees the leads they own.
 */
export function leadVisibility(scope: AccessScope, alias = 'l'): { sql: string; params: Record<string, unknown> } | null {
  if (scope.all) return null;
  const params = { vself: scope.userId, vsquads: scope.readSquadIds };
  if (scope.role === Role.MEMBER) {
    return { sql: `(${alias}.owner_id = :vself OR (${alias}.owner_id IS NULL AND ${alias}.squad_id = ANY(:vsquads)))`, params };
  }
  return { sql: `(${alias}.owner_id = :vself OR ${alias}.squad_id = ANY(:vsquads))`, params };
}

export function canSeeLead(scope: AccessScope, lead: Pick<Lead, 'ownerId' | 'squadId'>): boolean {
  if (scope.all) return true;
  if (scope.userId !== null && lead.ownerId === scope.userId) return true;
  const inSquad = lead.squadId !== null && scope.readSquadIds.includes(lead.squadId);
  return scope.role === Role.MEMBER ? lead.ownerId === null && inSquad : inSquad;
}

/** Leads: queries with visibility, stage changes, and the one place owner changes are applied. */
@Injectable()
export class LeadsService {
  constructor(
    private readonly repo: LeadsRepository,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly events: LeadEvents,
    private readonly stages: LeadStageService,
  ) {}

  /** Newest first, keyset-paginated on (createdAt, id). */
  async leads(ctx: RequestContext, filter: LeadsFilterArgs, first: number, after?: string | null): Promise<Connection<Lead>> {
    const scope = await this.access.scope(ctx);
    let cursor: { at: string; id: string } | null = null;
    if (after) {
      const [at, id] = decodeCursor(after, 2);
      if (typeof at !== 'string' || typeof id !== 'string') throw badInput([{ field: 'after', message: 'is not a cursor returned by this list' }]);
      cursor = { at, id };
    }
    const { leads, cursorOf } = await this.repo.page(ctx.organizationId, leadVisibility(scope, 'l'), filter, first, cursor);
    return toConnection(
      leads,
      first,
      (l) => [cursorOf.get(l.id) ?? l.createdAt.toISOString(), l.id],
      (l) => l,
    );
  }

  /** One lead: NOT_FOUND outside the organization, FORBIDDEN when the caller may not see it. */
  async lead(ctx: RequestContext, id: string): Promise<Lead> {
    const scope = await this.access.scope(ctx);
    const lead = await this.repo.findInOrganization(ctx.organizationId, id);
    if (!lead) throw notFound('Lead', id);
    if (!canSeeLead(scope, lead)) throw forbidden('You can only see your own leads, your squad’s nurture pool, or the squads you lead or manage.');
    return lead;
  }

  /** For DataLoaders: the visible leads among `ids` (others are left out). */
  async visibleLeadsByIds(ctx: RequestContext, ids: readonly string[]): Promise<Lead[]> {
    if (ids.length === 0) return [];
    const scope = await this.access.scope(ctx);
    return this.repo.visibleByIds(ctx.organizationId, leadVisibility(scope, 'l'), ids);
  }

  async stageHistory(ctx: RequestContext, leadId: string): Promise<LeadStageChange[]> {
    await this.lead(ctx, leadId);
    return this.repo.stageHistory(ctx.organizationId, leadId);
  }

  /** Moves a visible lead to another stage (validated transitions, history, audit, event). */
  async changeStage(ctx: RequestContext, input: ChangeLeadStageInput): Promise<Lead> {
    const now = new Date();
    const at = input.at ?? now;
    if (at.getTime() > now.getTime() + 60_000) throw badInput([{ field: 'input.at', message: 'cannot be in the future' }]);
    return this.tx.run(async () => {
      const lead = await this.lead(ctx, input.leadId);
      // A MEMBER reads their squad's nurture pool but moves only the leads they own.
      if (ctx.role === Role.MEMBER && lead.ownerId !== ctx.userId)
        throw forbidden('Reps move only the leads they own; the squad pool is moved by its LEAD or managers.');
      if (at < lead.stageChangedAt) {
        throw badInput([{ field: 'input.at', message: `must not be before the current stage began (${lead.stageChangedAt.toISOString()})` }]);
      }
      await this.stages.transition(ctx, lead.id, input.stage, { at, reason: input.reason ?? null });
      return (await this.repo.findById(lead.id))!;
    });
  }

  /** Applies owner/squad changes in the current transaction, then audits them and fires LeadEvents. */
  async applyAssignments(ctx: RequestContext, changes: AssignmentChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.repo.writeAssignments(ctx.organizationId, changes);
    await this.recordAssignments(ctx, changes);
  }

  /**
   * Audit entries and `LeadEvents.fireAssigned` for owner changes already written (e.g. leads
   * inserted with an owner). `alsoAudit` entries are written in the same audit statement.
   */
  async recordAssignments(ctx: RequestContext, changes: AssignmentChange[], alsoAudit: AuditEntry[] = []): Promise<void> {
    const ownerChanges = changes.filter((c) => c.fromOwnerId !== c.toOwnerId);
    await this.audit.record(ctx, [
      ...changes.map((c) => ({
        entityType: 'Lead',
        entityId: c.leadId,
        action: 'ASSIGNED',
        diff: { ownerId: [c.fromOwnerId, c.toOwnerId], squadId: [c.fromSquadId, c.toSquadId], reason: c.reason },
      })),
      ...alsoAudit,
    ]);
    await this.events.fireAssigned(
      ctx,
      ownerChanges.map((c) => ({
        organizationId: ctx.organizationId,
        leadId: c.leadId,
        fromOwnerId: c.fromOwnerId,
        toOwnerId: c.toOwnerId,
        squadId: c.toSquadId,
        fromSquadId: c.fromSquadId,
        at: c.at,
        newLead: c.newLead,
      })),
    );
  }
}
