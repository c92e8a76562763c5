import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditService, type AuditEntry } from '../audit/index.js';
import { badInput, forbidden, notFound } from '../common/errors.js';
import { decodeCursor, toConnection, type Connection } from '../common/graphql/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { AccessService, type AccessScope } from '../organization/index.js';
import { Role } from '../organization/index.js';
import type { ChangeLeadStageInput, LeadsFilterArgs } from './dto/lead.inputs.js';
import { Lead, LeadStage, LeadStageChange } from './entities/lead.entity.js';
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

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** Leads: queries with visibility, stage changes, and the one place owner changes are applied. */
@Injectable()
export class LeadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly events: LeadEvents,
    private readonly stages: LeadStageService,
  ) {}

  private visible(qb: SelectQueryBuilder<Lead>, scope: AccessScope): SelectQueryBuilder<Lead> {
    const v = leadVisibility(scope, 'l');
    if (v) qb.andWhere(v.sql, v.params);
    return qb;
  }

  /** Newest first, keyset-paginated on (createdAt, id). */
  async leads(ctx: RequestContext, filter: LeadsFilterArgs, first: number, after?: string | null): Promise<Connection<Lead>> {
    const scope = await this.access.scope(ctx);
    const qb = this.dataSource.manager
      .createQueryBuilder(Lead, 'l')
      .addSelect(`to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`, 'cursor_at')
      .where('l.organization_id = :org', { org: ctx.organizationId })
      .orderBy('l.created_at', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .limit(first + 1);
    this.visible(qb, scope);
    if (filter.stage) qb.andWhere('l.stage = :stage', { stage: filter.stage });
    if (filter.tier) qb.andWhere('l.tier = :tier', { tier: filter.tier });
    if (filter.persona) qb.andWhere('l.persona = :persona', { persona: filter.persona });
    if (filter.ownerId) qb.andWhere('l.owner_id = :owner', { owner: filter.ownerId });
    if (filter.squadId) qb.andWhere('l.squad_id = :squad', { squad: filter.squadId });
    if (filter.source) qb.andWhere('l.source = :source', { source: filter.source });
    if (filter.unassigned !== undefined) qb.andWhere(filter.unassigned ? 'l.owner_id IS NULL' : 'l.owner_id IS NOT NULL');
    if (filter.search?.trim()) {
      const q = filter.search.trim();
      const digits = q.replace(/\D/g, '');
      qb.andWhere(`(l.name ILIKE :q OR l.email ILIKE :q${digits.length >= 3 ? ' OR l.phone LIKE :digits' : ''})`, {
        q: `%${escapeLike(q)}%`,
        digits: `%${digits}%`,
      });
    }
    if (after) {
      const [at, id] = decodeCursor(after, 2);
      if (typeof at !== 'string' || typeof id !== 'string') throw badInput([{ field: 'after', message: 'is not a cursor returned by this list' }]);
      qb.andWhere(`(l.created_at, l.id) < (CAST(:cat AS timestamp) AT TIME ZONE 'UTC', CAST(:cid AS uuid))`, { cat: at, cid: id });
    }
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_at: string; l_id: string }>();
    const cursorOf = new Map(raw.map((r) => [r.l_id, r.cursor_at]));
    return toConnection(
      entities,
      first,
      (l) => [cursorOf.get(l.id) ?? l.createdAt.toISOString(), l.id],
      (l) => l,
    );
  }

  /** One lead: NOT_FOUND outside the organization, FORBIDDEN when the caller may not see it. */
  async lead(ctx: RequestContext, id: string, m: EntityManager = this.dataSource.manager): Promise<Lead> {
    const scope = await this.access.scope(ctx);
    const lead = await m.findOne(Lead, { where: { id, organizationId: ctx.organizationId } });
    if (!lead) throw notFound('Lead', id);
    if (!canSeeLead(scope, lead)) throw forbidden('You can only see your own leads, your squad’s nurture pool, or the squads you lead or manage.');
    return lead;
  }

  /** For DataLoaders: the visible leads among `ids` (others are left out). */
  async visibleLeadsByIds(ctx: RequestContext, ids: readonly string[]): Promise<Lead[]> {
    if (ids.length === 0) return [];
    const scope = await this.access.scope(ctx);
    const qb = this.dataSource.manager
      .createQueryBuilder(Lead, 'l')
      .where('l.organization_id = :org AND l.id = ANY(:ids)', { org: ctx.organizationId, ids: [...ids] });
    return this.visible(qb, scope).getMany();
  }

  async stageHistory(ctx: RequestContext, leadId: string): Promise<LeadStageChange[]> {
    await this.lead(ctx, leadId);
    return this.dataSource.manager.find(LeadStageChange, {
      where: { leadId, organizationId: ctx.organizationId },
      order: { changedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Moves a visible lead to another stage (validated transitions, history, audit, event). */
  async changeStage(ctx: RequestContext, input: ChangeLeadStageInput): Promise<Lead> {
    const now = new Date();
    const at = input.at ?? now;
    if (at.getTime() > now.getTime() + 60_000) throw badInput([{ field: 'input.at', message: 'cannot be in the future' }]);
    return this.tx.run(async (m) => {
      const lead = await this.lead(ctx, input.leadId, m);
      // A MEMBER reads their squad's nurture pool but moves only the leads they own.
      if (ctx.role === Role.MEMBER && lead.ownerId !== ctx.userId)
        throw forbidden('Reps move only the leads they own; the squad pool is moved by its LEAD or managers.');
      if (at < lead.stageChangedAt) {
        throw badInput([{ field: 'input.at', message: `must not be before the current stage began (${lead.stageChangedAt.toISOString()})` }]);
      }
      await this.stages.transition(m, ctx, lead.id, input.stage, { at, reason: input.reason ?? null });
      return (await m.findOne(Lead, { where: { id: lead.id } }))!;
    });
  }

  /** Applies owner/squad changes in the caller's transaction, then audits them and fires LeadEvents. */
  async applyAssignments(m: EntityManager, ctx: RequestContext, changes: AssignmentChange[]): Promise<void> {
    if (changes.length === 0) return;
    await m.query(
      `UPDATE lead AS l SET owner_id = c.owner_id, squad_id = c.squad_id,
              assigned_at = CASE WHEN c.owner_id IS NULL THEN NULL ELSE c.at END, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[]) AS c(id, owner_id, squad_id, at)
        WHERE l.id = c.id AND l.organization_id = $5`,
      [changes.map((c) => c.leadId), changes.map((c) => c.toOwnerId), changes.map((c) => c.toSquadId), changes.map((c) => c.at), ctx.organizationId],
    );
    await this.recordAssignments(m, ctx, changes);
  }

  /**
   * Audit entries and `LeadEvents.fireAssigned` for owner changes already written (e.g. leads
   * inserted with an owner). `alsoAudit` entries are written in the same audit statement.
   */
  async recordAssignments(m: EntityManager, ctx: RequestContext, changes: AssignmentChange[], alsoAudit: AuditEntry[] = []): Promise<void> {
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
