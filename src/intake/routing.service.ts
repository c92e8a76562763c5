import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { AuditService, diffOf } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import type { ReassignLeadInput } from '../leads/index.js';
import { Lead } from '../leads/index.js';
import { canSeeLead, LeadsService, OPEN_STAGES, type AssignmentChange } from '../leads/index.js';
import { AccessService } from '../organization/index.js';
import { Role, Squad, SquadMembership, User } from '../organization/index.js';
import { PeopleService } from '../organization/index.js';
import type { RoutingConfigInput, SetRepCapacityInput } from './dto/intake.inputs.js';
import { RepCapacity, RoutingConfig } from './entities/index.js';
import { lockIntake } from './intake-lock.js';
import { planAssignments, type PlanItem, type RepSlot } from './routing.js';

/** A lead to route: `rank` orders TIER_PRIORITY (0 = best). */
export interface RouteRequest extends PlanItem {
  cohortRef: string | null;
}

/** Routing configuration, rep capacity, and owner changes by rule (submissions, deactivation) or by hand. */
@Injectable()
export class RoutingService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly people: PeopleService,
    private readonly leads: LeadsService,
  ) {}

  onModuleInit(): void {
    this.people.onDeactivate(async (ctx, user) => {
      await this.reassignOpenLeads(this.tx.manager, ctx, user.id);
    });
  }

  // ---- configuration ----------------------------------------------------------------------

  async configs(ctx: RequestContext): Promise<RoutingConfig[]> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    return this.dataSource.manager.find(RoutingConfig, {
      where: { organizationId: ctx.organizationId },
      order: { cohortRef: { direction: 'ASC', nulls: 'FIRST' } },
    });
  }

  /** Creates or replaces the organization default (cohortRef null) or a campaign's config. */
  async setConfig(ctx: RequestContext, input: RoutingConfigInput): Promise<RoutingConfig> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const scope = await this.access.scope(ctx);
    const squadIds = [...new Set(input.squadIds)];
    const cohortRef = input.cohortRef?.trim() || null;
    if (cohortRef !== null && input.defaultCountryCode) {
      throw badInput([{ field: 'input.defaultCountryCode', message: 'is set on the organization default config (cohortRef null) only' }]);
    }
    return this.tx.run(async (m) => {
      await lockIntake(m, ctx.organizationId);
      const wanted = [...squadIds, ...(input.poolSquadId ? [input.poolSquadId] : [])];
      const found = wanted.length
        ? await m.createQueryBuilder(Squad, 's').where('s.organization_id = :org AND s.id = ANY(:ids)', { org: ctx.organizationId, ids: wanted }).getMany()
        : [];
      const fields = wanted
        .filter((id) => !found.some((s) => s.id === id))
        .map((id) => ({ field: id === input.poolSquadId ? 'input.poolSquadId' : 'input.squadIds', message: `squad ${id} does not exist` }));
      const tierThreshold = input.tierThreshold.trim();
      // The threshold names a tier of the organization's surveys (any version); before the first
      // survey exists there is nothing to check it against, so any name is kept.
      const [tiers] = await m.query(
        `SELECT EXISTS (SELECT 1 FROM survey_version v WHERE v.organization_id = $1) AS any,
                EXISTS (SELECT 1 FROM survey_version v WHERE v.organization_id = $1
                  AND (v.definition->>'defaultTier' = $2 OR v.definition->'tiers' @> jsonb_build_array(jsonb_build_object('tier', $2::text)))) AS known`,
        [ctx.organizationId, tierThreshold],
      );
      if (tiers?.any && !tiers.known)
        fields.push({ field: 'input.tierThreshold', message: `${tierThreshold} is not a tier of any survey of this organization` });
      if (fields.length) throw badInput(fields);
      for (const id of wanted) this.access.assertCanManageSquad(scope, id);
      let config = await m.findOne(RoutingConfig, { where: { organizationId: ctx.organizationId, cohortRef: cohortRef ?? IsNull() } });
      const before = config ? { ...config } : null;
      const values = {
        tierThreshold,
        strategy: input.strategy,
        squadIds,
        poolSquadId: input.poolSquadId ?? null,
        defaultCapacity: input.defaultCapacity,
        defaultCountryCode: cohortRef === null ? (input.defaultCountryCode ?? null) : null,
      };
      if (config) Object.assign(config, values);
      else config = m.create(RoutingConfig, { organizationId: ctx.organizationId, cohortRef, lastAssignedUserId: null, ...values });
      config = await m.save(config);
      await this.audit.record(ctx, {
        entityType: 'RoutingConfig',
        entityId: config.id,
        action: before ? 'UPDATED' : 'CREATED',
        diff: before ? diffOf(before, values) : { cohortRef, ...values },
      });
      return config;
    });
  }

  async setRepCapacity(ctx: RequestContext, input: SetRepCapacityInput): Promise<number | null> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    const scope = await this.access.scope(ctx);
    return this.tx.run(async (m) => {
      const user = await m.findOne(User, { where: { id: input.userId, organizationId: ctx.organizationId } });
      if (!user) throw notFound('User', input.userId);
      if (!scope.all) {
        const membership = await m.findOne(SquadMembership, { where: { userId: user.id, validTo: IsNull() } });
        if (!membership || !this.access.canManageSquad(scope, membership.squadId))
          throw forbidden('You can only set the capacity of reps in the squads you lead or manage.');
      }
      await lockIntake(m, ctx.organizationId);
      const before = await m.findOne(RepCapacity, { where: { userId: user.id } });
      const value = input.maxOpenLeads ?? null;
      if (value === null) await m.delete(RepCapacity, { userId: user.id });
      else await m.upsert(RepCapacity, { userId: user.id, organizationId: ctx.organizationId, maxOpenLeads: value }, ['userId']);
      await this.audit.record(ctx, {
        entityType: 'User',
        entityId: user.id,
        action: 'CAPACITY_SET',
        diff: { maxOpenLeads: [before?.maxOpenLeads ?? null, value] },
      });
      return value;
    });
  }

  /** The config for a campaign / cohort, falling back to the organization default (or null). */
  async configFor(m: EntityManager, organizationId: string, cohortRef: string | null): Promise<RoutingConfig | null> {
    const rows = await m
      .createQueryBuilder(RoutingConfig, 'c')
      .where('c.organization_id = :org AND (c.cohort_ref IS NULL OR c.cohort_ref = :ref)', { org: organizationId, ref: cohortRef ?? '' })
      .getMany();
    return rows.find((r) => r.cohortRef !== null) ?? rows.find((r) => r.cohortRef === null) ?? null;
  }

  async defaultCountryCode(m: EntityManager, organizationId: string): Promise<string | null> {
    const row = await m.findOne(RoutingConfig, { select: { defaultCountryCode: true }, where: { organizationId, cohortRef: IsNull() } });
    return row?.defaultCountryCode ?? null;
  }

  /**
   * Current reps of the config's squads (open membership, active, role MEMBER) with their open
   * leads and capacity, in round-robin order (config squad order, then name). Call under the lock.
   */
  async repSlots(m: EntityManager, organizationId: string, config: RoutingConfig, excludeUserId: string | null = null): Promise<RepSlot[]> {
    if (config.squadIds.length === 0) return [];
    const rows: { user_id: string; squad_id: string; capacity: number; open: number }[] = await m.query(
      `SELECT u.id AS user_id, sm.squad_id, COALESCE(rc.max_open_leads, $3)::int AS capacity,
              (SELECT count(*) FROM lead l WHERE l.organization_id = $1 AND l.owner_id = u.id AND l.stage::text = ANY($4::text[]))::int AS open
         FROM squad_membership sm
         JOIN app_user u ON u.id = sm.user_id
         LEFT JOIN rep_capacity rc ON rc.user_id = u.id
        WHERE sm.organization_id = $1 AND sm.valid_to IS NULL AND sm.squad_id = ANY($2::uuid[])
          AND u.active AND u.role = 'MEMBER' AND u.id IS DISTINCT FROM $5::uuid
        ORDER BY array_position($2::uuid[], sm.squad_id), u.name, u.id`,
      [organizationId, config.squadIds, config.defaultCapacity, OPEN_STAGES, excludeUserId],
    );
    return rows.map((r) => ({ userId: r.user_id, squadId: r.squad_id, open: r.open, capacity: r.capacity }));
  }

  /**
   * Routes leads (already known to be eligible) with their config's strategy. Returns each
   * key's rep (null = pool) and the squad to attach pool leads to. Persists the round-robin
   * position. Must run under {@link lockIntake}.
   */
  async plan(
    m: EntityManager,
    organizationId: string,
    requests: RouteRequest[],
    configs: Map<string, RoutingConfig | null> = new Map(),
  ): Promise<Map<string, { rep: RepSlot | null; poolSquadId: string | null }>> {
    const out = new Map<string, { rep: RepSlot | null; poolSquadId: string | null }>();
    const byConfig = new Map<string, { config: RoutingConfig | null; items: RouteRequest[] }>();
    for (const r of requests) {
      const ref = r.cohortRef ?? '';
      if (!configs.has(ref)) configs.set(ref, await this.configFor(m, organizationId, r.cohortRef));
      const config = configs.get(ref)!;
      const key = config?.id ?? 'none';
      const group = byConfig.get(key) ?? { config, items: [] };
      group.items.push(r);
      byConfig.set(key, group);
    }
    for (const { config, items } of byConfig.values()) {
      if (!config) {
        for (const i of items) out.set(i.key, { rep: null, poolSquadId: null });
        continue;
      }
      const reps = await this.repSlots(m, organizationId, config);
      const { assignments, lastUserId } = planAssignments(config.strategy, reps, items, config.lastAssignedUserId);
      for (const i of items) out.set(i.key, { rep: assignments.get(i.key) ?? null, poolSquadId: poolSquad(config) });
      if (lastUserId !== config.lastAssignedUserId) await m.update(RoutingConfig, { id: config.id }, { lastAssignedUserId: lastUserId });
    }
    return out;
  }

  // ---- owner changes ------------------------------------------------------------------------

  /**
   * PeopleService.onDeactivate: the rep's open leads go to other reps with the same strategy
   * (best scores first), or to their squad's nurture pool when nobody has capacity.
   */
  async reassignOpenLeads(m: EntityManager, ctx: RequestContext, userId: string): Promise<number> {
    await lockIntake(m, ctx.organizationId);
    const open = await m
      .createQueryBuilder(Lead, 'l')
      .setLock('pessimistic_write')
      .where('l.organization_id = :org AND l.owner_id = :uid AND l.stage IN (:...stages)', { org: ctx.organizationId, uid: userId, stages: OPEN_STAGES })
      .orderBy('l.score', 'DESC', 'NULLS LAST')
      .addOrderBy('l.created_at', 'ASC')
      .getMany();
    if (open.length === 0) return 0;
    const plan = await this.plan(
      m,
      ctx.organizationId,
      open.map((l, i) => ({ key: l.id, tierRank: i, cohortRef: l.cohortRef })),
    );
    const now = new Date();
    const changes: AssignmentChange[] = open.map((l) => {
      const p = plan.get(l.id)!;
      // An excluded (deactivated) rep is never a candidate: their memberships are closed and they are inactive.
      return {
        leadId: l.id,
        fromOwnerId: l.ownerId,
        fromSquadId: l.squadId,
        toOwnerId: p.rep?.userId ?? null,
        toSquadId: p.rep?.squadId ?? l.squadId,
        at: now,
        reason: p.rep ? 'owner deactivated: rerouted' : 'owner deactivated: no rep with capacity, moved to the nurture pool',
      };
    });
    await this.leads.applyAssignments(m, ctx, changes);
    return changes.length;
  }

  /** By hand: ADMIN, or a MANAGER / LEAD of the lead's squad and of the new owner's squad. */
  async reassign(ctx: RequestContext, input: ReassignLeadInput): Promise<Lead> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    const scope = await this.access.scope(ctx);
    return this.tx.run(async (m) => {
      await lockIntake(m, ctx.organizationId);
      const lead = await m
        .createQueryBuilder(Lead, 'l')
        .setLock('pessimistic_write')
        .where('l.id = :id AND l.organization_id = :org', { id: input.leadId, org: ctx.organizationId })
        .getOne();
      if (!lead) throw notFound('Lead', input.leadId);
      if (!canSeeLead(scope, lead)) throw forbidden('You can only reassign leads of the squads you lead or manage.');
      if (!scope.all && (lead.squadId === null || !this.access.canManageSquad(scope, lead.squadId))) {
        throw forbidden('You can only reassign leads of the squads you lead or manage.');
      }
      let toOwnerId: string | null = null;
      let toSquadId: string | null;
      if (input.ownerId) {
        const owner = await m.findOne(User, { where: { id: input.ownerId, organizationId: ctx.organizationId } });
        if (!owner) throw badInput([{ field: 'input.ownerId', message: 'no such person in this organization' }]);
        if (!owner.active) throw conflict(`${owner.name} is deactivated.`);
        if (owner.role !== Role.MEMBER && owner.role !== Role.LEAD) throw badInput([{ field: 'input.ownerId', message: 'must be a MEMBER or LEAD (a rep)' }]);
        const membership = await m.findOne(SquadMembership, { where: { userId: owner.id, validTo: IsNull() } });
        if (!membership) throw conflict(`${owner.name} is not in any squad.`);
        this.access.assertCanManageSquad(scope, membership.squadId);
        if (!input.ignoreCapacity && lead.ownerId !== owner.id && OPEN_STAGES.includes(lead.stage)) {
          const config = await this.configFor(m, ctx.organizationId, lead.cohortRef);
          const override = await m.findOne(RepCapacity, { where: { userId: owner.id } });
          const capacity = override?.maxOpenLeads ?? config?.defaultCapacity ?? null;
          if (capacity !== null) {
            const open = await m
              .createQueryBuilder(Lead, 'l')
              .where('l.organization_id = :org AND l.owner_id = :uid AND l.stage IN (:...stages)', {
                org: ctx.organizationId,
                uid: owner.id,
                stages: OPEN_STAGES,
              })
              .getCount();
            if (open >= capacity) {
              throw conflict(`${owner.name} already has ${open} open leads (capacity ${capacity}); pass ignoreCapacity: true to assign anyway.`, {
                open,
                capacity,
              });
            }
          }
        }
        toOwnerId = owner.id;
        toSquadId = membership.squadId;
      } else {
        toSquadId = input.squadId ?? lead.squadId;
        if (toSquadId) {
          const squad = await m.findOne(Squad, { where: { id: toSquadId, organizationId: ctx.organizationId } });
          if (!squad) throw badInput([{ field: 'input.squadId', message: 'no such squad in this organization' }]);
          this.access.assertCanManageSquad(scope, squad.id);
        }
      }
      if (toOwnerId === lead.ownerId && toSquadId === lead.squadId) return lead;
      await this.leads.applyAssignments(m, ctx, [
        {
          leadId: lead.id,
          fromOwnerId: lead.ownerId,
          fromSquadId: lead.squadId,
          toOwnerId,
          toSquadId,
          at: new Date(),
          reason: input.reason?.trim() || 'reassigned by hand',
        },
      ]);
      return (await m.findOne(Lead, { where: { id: lead.id } }))!;
    });
  }

  /** Reps of the config's squads with their load (for managers checking routing). */
  async repLoads(ctx: RequestContext, cohortRef: string | null): Promise<RepSlot[]> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    const config = await this.configFor(this.dataSource.manager, ctx.organizationId, cohortRef);
    if (!config) return [];
    const scope = await this.access.scope(ctx);
    const slots = await this.repSlots(this.dataSource.manager, ctx.organizationId, config);
    return slots.filter((s) => this.access.canReadSquad(scope, s.squadId));
  }
}

export function poolSquad(config: RoutingConfig): string | null {
  return config.poolSquadId ?? config.squadIds[0] ?? null;
}
