import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditService, diffOf } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import type { ReassignLeadInput } from '../leads/index.js';
import type { Lead } from '../leads/index.js';
import { canSeeLead, LeadsRepository, LeadsService, OPEN_STAGES, type AssignmentChange } from '../leads/index.js';
import { AccessService } from '../organization/index.js';
import { Role, type AccessScope } from '../organization/index.js';
import { PeopleService } from '../organization/index.js';
import type { RoutingConfigInput, SetRepCapacityInput } from './dto/intake.inputs.js';
import type { RoutingConfig } from './entities/index.js';
import { IntakeRepository } from './intake.repository.js';
import { RoutingRepository } from './routing.repository.js';
import { SurveysRepository } from './surveys.repository.js';
import { planAssignments, type PlanItem, type RepSlot } from './routing.js';

/** A lead to route: `rank` orders TIER_PRIORITY (0 = best). */
export interface RouteRequest extends PlanItem {
  cohortRef: string | null;
}

/** Routing configuration, rep capacity, and owner changes by rule (submissions, deactivation) or by hand. */
@Injectable()
export class RoutingService implements OnModuleInit {
  constructor(
    private readonly repo: RoutingRepository,
    private readonly intake: IntakeRepository,
    private readonly surveys: SurveysRepository,
    private readonly leadRows: LeadsRepository,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly people: PeopleService,
    private readonly leads: LeadsService,
  ) {}

  onModuleInit(): void {
    this.people.onDeactivate(async (ctx, user) => {
      await this.reassignOpenLeads(ctx, user.id);
    });
  }

  // ---- configuration ----------------------------------------------------------------------

  async configs(ctx: RequestContext): Promise<RoutingConfig[]> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    return this.repo.configs(ctx.organizationId);
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
    return this.tx.run(async () => {
      await this.intake.lockIntake(ctx.organizationId);
      const wanted = [...squadIds, ...(input.poolSquadId ? [input.poolSquadId] : [])];
      const tierThreshold = input.tierThreshold.trim();
      await this.assertConfigRefs(ctx, input, wanted, tierThreshold);
      for (const id of wanted) this.access.assertCanManageSquad(scope, id);
      let config = await this.repo.findConfig(ctx.organizationId, cohortRef);
      const before = config ? { ...config } : null;
      const values = {
        tierThreshold,
        strategy: input.strategy,
        squadIds,
        poolSquadId: input.poolSquadId ?? null,
        defaultCapacity: input.defaultCapacity,
        defaultCountryCode: cohortRef === null ? (input.defaultCountryCode ?? null) : null,
      };
      if (config) config = await this.repo.saveConfig(Object.assign(config, values));
      else config = await this.repo.insertConfig({ organizationId: ctx.organizationId, cohortRef, lastAssignedUserId: null, ...values });
      await this.audit.record(ctx, {
        entityType: 'RoutingConfig',
        entityId: config.id,
        action: before ? 'UPDATED' : 'CREATED',
        diff: before ? diffOf(before, values) : { cohortRef, ...values },
      });
      return config;
    });
  }

  /** BAD_USER_INPUT unless every squad exists and the threshold names a tier of the organization's surveys. */
  private async assertConfigRefs(ctx: RequestContext, input: RoutingConfigInput, wanted: string[], tierThreshold: string): Promise<void> {
    const found = wanted.length ? await this.repo.existingSquadIds(ctx.organizationId, wanted) : [];
    const fields = wanted
      .filter((id) => !found.includes(id))
      .map((id) => ({ field: id === input.poolSquadId ? 'input.poolSquadId' : 'input.squadIds', message: `squad ${id} does not exist` }));
    // The threshold names a tier of the organization's surveys (any version); before the first
    // survey exists there is nothing to check it against, so any name is kept.
    const tiers = await this.surveys.tierUse(ctx.organizationId, tierThreshold);
    if (tiers?.any && !tiers.known) fields.push({ field: 'input.tierThreshold', message: `${tierThreshold} is not a tier of any survey of this organization` });
    if (fields.length) throw badInput(fields);
  }

  async setRepCapacity(ctx: RequestContext, input: SetRepCapacityInput): Promise<number | null> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    const scope = await this.access.scope(ctx);
    return this.tx.run(async () => {
      const user = await this.repo.findUser(ctx.organizationId, input.userId);
      if (!user) throw notFound('User', input.userId);
      if (!scope.all) {
        const squadId = await this.repo.openMembershipSquad(user.id);
        if (!squadId || !this.access.canManageSquad(scope, squadId)) throw forbidden('You can only set the capacity of reps in the squads you lead or manage.');
      }
      await this.intake.lockIntake(ctx.organizationId);
      const before = await this.repo.findCapacity(user.id);
      const value = input.maxOpenLeads ?? null;
      if (value === null) await this.repo.deleteCapacity(user.id);
      else await this.repo.upsertCapacity(ctx.organizationId, user.id, value);
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
  async configFor(organizationId: string, cohortRef: string | null): Promise<RoutingConfig | null> {
    const rows = await this.repo.configsFor(organizationId, cohortRef);
    return rows.find((r) => r.cohortRef !== null) ?? rows.find((r) => r.cohortRef === null) ?? null;
  }

  defaultCountryCode(organizationId: string): Promise<string | null> {
    return this.repo.defaultCountryCode(organizationId);
  }

  /**
   * Current reps of the config's squads (open membership, active, role MEMBER) with their open
   * leads and capacity, in round-robin order (config squad order, then name). Call under the lock.
   */
  async repSlots(organizationId: string, config: RoutingConfig, excludeUserId: string | null = null): Promise<RepSlot[]> {
    if (config.squadIds.length === 0) return [];
    return this.repo.repSlots(organizationId, config.squadIds, config.defaultCapacity, OPEN_STAGES, excludeUserId);
  }

  /**
   * Routes leads (already known to be eligible) with their config's strategy. Returns each
   * key's rep (null = pool) and the squad to attach pool leads to. Persists the round-robin
   * position. Must run under {@link lockIntake}.
   */
  async plan(
    organizationId: string,
    requests: RouteRequest[],
    configs: Map<string, RoutingConfig | null> = new Map(),
  ): Promise<Map<string, { rep: RepSlot | null; poolSquadId: string | null }>> {
    const out = new Map<string, { rep: RepSlot | null; poolSquadId: string | null }>();
    const byConfig = new Map<string, { config: RoutingConfig | null; items: RouteRequest[] }>();
    for (const r of requests) {
      const ref = r.cohortRef ?? '';
      if (!configs.has(ref)) configs.set(ref, await this.configFor(organizationId, r.cohortRef));
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
      const reps = await this.repSlots(organizationId, config);
      const { assignments, lastUserId } = planAssignments(config.strategy, reps, items, config.lastAssignedUserId);
      for (const i of items) out.set(i.key, { rep: assignments.get(i.key) ?? null, poolSquadId: poolSquad(config) });
      if (lastUserId !== config.lastAssignedUserId) await this.repo.setLastAssigned(config.id, lastUserId);
    }
    return out;
  }

  // ---- owner changes ------------------------------------------------------------------------

  /**
   * PeopleService.onDeactivate: the rep's open leads go to other reps with the same strategy
   * (best scores first), or to their squad's nurture pool when nobody has capacity.
   */
  async reassignOpenLeads(ctx: RequestContext, userId: string): Promise<number> {
    await this.intake.lockIntake(ctx.organizationId);
    const open = await this.leadRows.lockOwnedInStages(ctx.organizationId, userId, OPEN_STAGES);
    if (open.length === 0) return 0;
    const plan = await this.plan(
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
    await this.leads.applyAssignments(ctx, changes);
    return changes.length;
  }

  /** By hand: ADMIN, or a MANAGER / LEAD of the lead's squad and of the new owner's squad. */
  async reassign(ctx: RequestContext, input: ReassignLeadInput): Promise<Lead> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    const scope = await this.access.scope(ctx);
    return this.tx.run(async () => {
      await this.intake.lockIntake(ctx.organizationId);
      const lead = await this.leadRows.lockInOrganization(ctx.organizationId, input.leadId);
      if (!lead) throw notFound('Lead', input.leadId);
      if (!canSeeLead(scope, lead)) throw forbidden('You can only reassign leads of the squads you lead or manage.');
      if (!scope.all && (lead.squadId === null || !this.access.canManageSquad(scope, lead.squadId))) {
        throw forbidden('You can only reassign leads of the squads you lead or manage.');
      }
      const to = input.ownerId ? await this.toRep(ctx, scope, lead, input.ownerId, !!input.ignoreCapacity) : await this.toPool(ctx, scope, lead, input.squadId);
      if (to.ownerId === lead.ownerId && to.squadId === lead.squadId) return lead;
      await this.leads.applyAssignments(ctx, [
        {
          leadId: lead.id,
          fromOwnerId: lead.ownerId,
          fromSquadId: lead.squadId,
          toOwnerId: to.ownerId,
          toSquadId: to.squadId,
          at: new Date(),
          reason: input.reason?.trim() || 'reassigned by hand',
        },
      ]);
      return (await this.leadRows.findById(lead.id))!;
    });
  }

  /** The new owner of a reassignment: an active rep in a squad the caller manages, with room unless `ignoreCapacity`. */
  private async toRep(
    ctx: RequestContext,
    scope: AccessScope,
    lead: Lead,
    ownerId: string,
    ignoreCapacity: boolean,
  ): Promise<{ ownerId: string | null; squadId: string | null }> {
    const owner = await this.repo.findUser(ctx.organizationId, ownerId);
    if (!owner) throw badInput([{ field: 'input.ownerId', message: 'no such person in this organization' }]);
    if (!owner.active) throw conflict(`${owner.name} is deactivated.`);
    if (owner.role !== Role.MEMBER && owner.role !== Role.LEAD) throw badInput([{ field: 'input.ownerId', message: 'must be a MEMBER or LEAD (a rep)' }]);
    const squadId = await this.repo.openMembershipSquad(owner.id);
    if (!squadId) throw conflict(`${owner.name} is not in any squad.`);
    this.access.assertCanManageSquad(scope, squadId);
    if (!ignoreCapacity && lead.ownerId !== owner.id && OPEN_STAGES.includes(lead.stage)) await this.assertCapacity(ctx, lead, owner);
    return { ownerId: owner.id, squadId };
  }

  /** CONFLICT when the rep already has as many open leads as their capacity (override, else the config's default). */
  private async assertCapacity(ctx: RequestContext, lead: Lead, owner: { id: string; name: string }): Promise<void> {
    const config = await this.configFor(ctx.organizationId, lead.cohortRef);
    const override = await this.repo.findCapacity(owner.id);
    const capacity = override?.maxOpenLeads ?? config?.defaultCapacity ?? null;
    if (capacity === null) return;
    const open = await this.leadRows.countOwnedInStages(ctx.organizationId, owner.id, OPEN_STAGES);
    if (open >= capacity) {
      throw conflict(`${owner.name} already has ${open} open leads (capacity ${capacity}); pass ignoreCapacity: true to assign anyway.`, {
        open,
        capacity,
      });
    }
  }

  /** No owner: the lead goes to `squadId` (or stays in its squad), which the caller must manage. */
  private async toPool(
    ctx: RequestContext,
    scope: AccessScope,
    lead: Lead,
    squadId: string | null | undefined,
  ): Promise<{ ownerId: string | null; squadId: string | null }> {
    const toSquadId = squadId ?? lead.squadId;
    if (toSquadId) {
      const [found] = await this.repo.existingSquadIds(ctx.organizationId, [toSquadId]);
      if (!found) throw badInput([{ field: 'input.squadId', message: 'no such squad in this organization' }]);
      this.access.assertCanManageSquad(scope, found);
    }
    return { ownerId: null, squadId: toSquadId };
  }

  /** Reps of the config's squads with their load (for managers checking routing). */
  async repLoads(ctx: RequestContext, cohortRef: string | null): Promise<RepSlot[]> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    const config = await this.configFor(ctx.organizationId, cohortRef);
    if (!config) return [];
    const scope = await this.access.scope(ctx);
    const slots = await this.repSlots(ctx.organizationId, config);
    return slots.filter((s) => this.access.canReadSquad(scope, s.squadId));
  }
}

export function poolSquad(config: RoutingConfig): string | null {
  return config.poolSquadId ?? config.squadIds[0] ?? null;
}
