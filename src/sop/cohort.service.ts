import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { expandSlots, isValidIsoDate, isValidTimeZone, onTimeDeadline } from '@lib/schedule';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound, type FieldError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { isUuid } from '../common/formats.js';
import { TransactionRunner } from '../database/transaction.js';
import type { LeadAssignedEvent } from '../leads/index.js';
import { canSeeLead } from '../leads/index.js';
import { AccessService } from '../organization/index.js';
import { Legion, TeamKind, Role, Squad } from '../organization/index.js';
import type { CreateCohortInput } from './dto/sop.inputs.js';
import { Cohort, CohortLead, CohortSquad } from './entities/cohort.entity.js';
import { CohortType } from './entities/cohort-type.entity.js';
import type { UpdateCohortInput } from './dto/cohort-type.inputs.js';
import { GroupScope, Playbook, PlaybookStep, PlaybookVersion, PlaybookVersionStatus, StepAudience } from './entities/playbook.entity.js';
import { localDateProblem } from '../common/bounds.js';
import { AgendaSettleService } from './agenda-settle.service.js';
import { AgendaCancelReason } from './entities/agenda-item.entity.js';

/** Reason recorded on items created after their on-time deadline had already passed. */
export const LATE_JOIN_REASON = 'Added to the cohort after this step was due';

export interface GenerateOptions {
  /** Only items of these leads (private steps); group steps are skipped. */
  leadIds?: string[];
  /** Items whose on-time deadline is before this instant are created SKIPPED (default now). */
  asOf?: Date;
}

interface ItemRow {
  stepId: string;
  repId: string;
  squadId: string;
  leadId: string | null;
  dayOffset: number;
  dueAt: Date;
  localDate: string;
  localTime: string;
  windowEnd: Date | null;
  onTimeDeadline: Date;
}

const CHUNK = 1000;

export interface RollingCohortParams {
  organizationId: string;
  leadId: string;
  leadName: string;
  /** The squad that serves it (the rep's, or the curator's). */
  squadId: string;
  versionId: string;
  /** Name prefix; the lead's name and id are appended. */
  name: string;
  /** Day 0 (assignment or purchase day). */
  startDate: string;
  timeZone: string;
  at: Date;
  createdById: string | null;
  productId?: string | null;
}

/** Cohorts (camps, course classes) and the materialized agenda items of their steps. */
@Injectable()
export class CohortService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly settle: AgendaSettleService,
  ) {}

  /** Cohorts with at least one squad the caller can read (all for ADMIN and unassigned managers). */
  async cohorts(ctx: RequestContext): Promise<Cohort[]> {
    const scope = await this.access.scope(ctx);
    const filter = this.access.squadFilter(scope);
    const qb = this.dataSource.manager.createQueryBuilder(Cohort, 'c').where('c.organization_id = :org', { org: ctx.organizationId });
    if (filter) qb.andWhere('EXISTS (SELECT 1 FROM cohort_squad cs WHERE cs.cohort_id = c.id AND cs.squad_id = ANY(:ids))', { ids: filter });
    return qb.orderBy('c.start_date', 'DESC').addOrderBy('c.name', 'ASC').getMany();
  }

  async cohort(ctx: RequestContext, id: string, m: EntityManager = this.dataSource.manager): Promise<Cohort> {
    const c = await m.findOne(Cohort, { where: { id, organizationId: ctx.organizationId } });
    if (!c) throw notFound('Cohort', id);
    return c;
  }

  async cohortsByIds(ctx: RequestContext, ids: readonly string[]): Promise<Cohort[]> {
    if (!ids.length) return [];
    return this.dataSource.manager.find(Cohort, { where: { organizationId: ctx.organizationId, id: In([...ids]) } });
  }

  async squadIdsByCohortIds(ctx: RequestContext, ids: readonly string[]): Promise<CohortSquad[]> {
    if (!ids.length) return [];
    return this.dataSource.manager
      .createQueryBuilder(CohortSquad, 'cs')
      .innerJoin(Cohort, 'c', 'c.id = cs.cohort_id')
      .where('c.organization_id = :org AND cs.cohort_id = ANY(:ids)', { org: ctx.organizationId, ids: [...ids] })
      .getMany();
  }

  async leadCounts(ctx: RequestContext, ids: readonly string[]): Promise<{ cohortId: string; count: number }[]> {
    if (!ids.length) return [];
    const rows: { cohort_id: string; n: string }[] = await this.dataSource.manager.query(
      `SELECT cl.cohort_id, count(*) AS n FROM cohort_lead cl JOIN cohort c ON c.id = cl.cohort_id
        WHERE c.organization_id = $1 AND cl.cohort_id = ANY($2) GROUP BY cl.cohort_id`,
      [ctx.organizationId, [...ids]],
    );
    return rows.map((r) => ({ cohortId: r.cohort_id, count: Number(r.n) }));
  }

  async createCohort(ctx: RequestContext, input: CreateCohortInput): Promise<Cohort> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    const fields: FieldError[] = [];
    const name = input.name.trim();
    if (!name) fields.push({ field: 'name', message: 'must not be empty' });
    if (!isValidIsoDate(input.startDate)) fields.push({ field: 'startDate', message: `"${input.startDate}" is not an existing date 'YYYY-MM-DD'` });
    else if (localDateProblem(input.startDate)) fields.push({ field: 'startDate', message: localDateProblem(input.startDate)! });
    if (!isValidTimeZone(input.timeZone)) fields.push({ field: 'timeZone', message: `"${input.timeZone}" is not an IANA time zone (e.g. Asia/Shanghai)` });
    if (fields.length) throw badInput(fields);
    return this.tx.run(async (m) => {
      const version = await m.findOne(PlaybookVersion, { where: { id: input.playbookVersionId, organizationId: ctx.organizationId } });
      if (!version) throw badInput([{ field: 'playbookVersionId', message: 'no such playbook version in this organization' }]);
      if (version.status !== PlaybookVersionStatus.PUBLISHED) {
        throw badInput([{ field: 'playbookVersionId', message: `version ${version.number} is ${version.status}; a cohort runs a PUBLISHED version` }]);
      }
      const playbook = await m.findOneOrFail(Playbook, { where: { id: version.playbookId } });
      const squadIds = await this.checkSquads(m, ctx, playbook, input.squadIds, 'squadIds');
      const cohortTypeId = await this.checkCohortType(m, ctx, input.cohortTypeId, 'cohortTypeId');
      let productId: string | null = null;
      if (input.productId) {
        const [product]: { id: string; kind: string }[] = await m.query(`SELECT id, kind FROM product WHERE id = $1 AND organization_id = $2`, [
          input.productId,
          ctx.organizationId,
        ]);
        if (!product) throw badInput([{ field: 'productId', message: 'no such product in this organization' }]);
        if (playbook.kind !== TeamKind.COURSE_SERVICE) throw badInput([{ field: 'productId', message: 'only a course-service class teaches a product' }]);
        if (product.kind !== 'REGULAR' && product.kind !== 'ADVANCED')
          throw badInput([{ field: 'productId', message: 'must be a REGULAR or ADVANCED course' }]);
        productId = product.id;
      }
      if (await m.exists(Cohort, { where: { organizationId: ctx.organizationId, name } })) throw conflict(`A cohort named "${name}" already exists.`);
      const cohort = await m.save(
        m.create(Cohort, {
          organizationId: ctx.organizationId,
          name,
          startDate: input.startDate,
          timeZone: input.timeZone,
          playbookVersionId: version.id,
          cohortTypeId,
          productId,
          productName: input.productName?.trim() || null,
          offerDeadline: input.offerDeadline ?? null,
          createdById: ctx.userId,
        }),
      );
      await m.insert(
        CohortSquad,
        squadIds.map((squadId) => ({ cohortId: cohort.id, squadId })),
      );
      const leadIds = await this.checkLeads(m, ctx, squadIds, input.leadIds ?? [], 'leadIds');
      await this.insertLeads(m, cohort.id, leadIds);
      const created = await this.generate(m, ctx.organizationId, cohort.id);
      await this.audit.record(ctx, {
        entityType: 'Cohort',
        entityId: cohort.id,
        action: 'CREATED',
        diff: {
          name,
          startDate: cohort.startDate,
          timeZone: cohort.timeZone,
          playbookVersionId: version.id,
          cohortTypeId,
          squadIds,
          leads: leadIds.length,
          itemsCreated: created,
        },
      });
      return cohort;
    });
  }

  async addSquads(ctx: RequestContext, cohortId: string, squadIdsInput: string[]): Promise<Cohort> {
    return this.tx.run(async (m) => {
      const cohort = await this.lockCohort(m, ctx, cohortId);
      const playbook = await this.playbookOf(m, cohort);
      const squadIds = await this.checkSquads(m, ctx, playbook, squadIdsInput, 'squadIds');
      await m
        .createQueryBuilder()
        .insert()
        .into(CohortSquad)
        .values(squadIds.map((squadId) => ({ cohortId: cohort.id, squadId })))
        .orIgnore()
        .execute();
      const created = await this.generate(m, ctx.organizationId, cohort.id);
      await this.audit.record(ctx, { entityType: 'Cohort', entityId: cohort.id, action: 'SQUADS_ADDED', diff: { squadIds, itemsCreated: created } });
      return cohort;
    });
  }

  async addLeads(ctx: RequestContext, cohortId: string, leadIdsInput: string[]): Promise<Cohort> {
    return this.tx.run(async (m) => {
      const cohort = await this.lockCohort(m, ctx, cohortId);
      const squadIds = (await m.find(CohortSquad, { where: { cohortId: cohort.id } })).map((s) => s.squadId);
      const leadIds = await this.checkLeads(m, ctx, squadIds, leadIdsInput, 'leadIds');
      await this.insertLeads(m, cohort.id, leadIds);
      const created = await this.generate(m, ctx.organizationId, cohort.id, { leadIds });
      await this.audit.record(ctx, { entityType: 'Cohort', entityId: cohort.id, action: 'LEADS_ADDED', diff: { leadIds, itemsCreated: created } });
      return cohort;
    });
  }

  /** Sets or clears the cohort's type (distribution model); the type must be the organization's. */
  async updateCohort(ctx: RequestContext, cohortId: string, input: UpdateCohortInput): Promise<Cohort> {
    return this.tx.run(async (m) => {
      const cohort = await this.lockCohort(m, ctx, cohortId);
      if (input.cohortTypeId === undefined) return cohort;
      const cohortTypeId = await this.checkCohortType(m, ctx, input.cohortTypeId, 'input.cohortTypeId');
      if (cohortTypeId === cohort.cohortTypeId) return cohort;
      await m.update(Cohort, { id: cohort.id }, { cohortTypeId });
      await this.audit.record(ctx, {
        entityType: 'Cohort',
        entityId: cohort.id,
        action: 'UPDATED',
        diff: { cohortTypeId: [cohort.cohortTypeId, cohortTypeId] },
      });
      cohort.cohortTypeId = cohortTypeId;
      return cohort;
    });
  }

  private async checkCohortType(m: EntityManager, ctx: RequestContext, id: string | null | undefined, field: string): Promise<string | null> {
    if (id === null || id === undefined) return null;
    const type = await m.findOne(CohortType, { where: { id, organizationId: ctx.organizationId } });
    if (!type) throw badInput([{ field, message: 'no such cohort type in this organization' }]);
    return type.id;
  }

  /** Creates the items that are missing (new squad members, newly assigned leads); never duplicates. */
  async regenerate(ctx: RequestContext, cohortId: string): Promise<number> {
    return this.tx.run(async (m) => {
      const cohort = await this.lockCohort(m, ctx, cohortId);
      const created = await this.generate(m, ctx.organizationId, cohort.id);
      await this.audit.record(ctx, { entityType: 'Cohort', entityId: cohort.id, action: 'AGENDA_REGENERATED', diff: { itemsCreated: created } });
      return created;
    });
  }

  /**
   * Materializes the cohort's steps as agenda items (idempotent: ON CONFLICT DO NOTHING on the
   * (cohort, step, rep, lead) unique keys). Group steps: one item per current MEMBER of each
   * cohort squad (PER_REP) or one per squad for its lead (PER_SQUAD). Lead steps: one item per
   * cohort lead with an owner that matches the step's tiers and personas, for the owner.
   * Items whose on-time deadline is already past at `asOf` are created SKIPPED (late join).
   * Returns the number of items created.
   */
  async generate(m: EntityManager, organizationId: string, cohortId: string, opts: GenerateOptions = {}): Promise<number> {
    const cohort = await m.findOneOrFail(Cohort, { where: { id: cohortId, organizationId } });
    const steps = await m.find(PlaybookStep, { where: { versionId: cohort.playbookVersionId }, order: { position: 'ASC' } });
    if (!steps.length) return 0;
    const slots = new Map(expandSlots({ startDate: cohort.startDate, timeZone: cohort.timeZone }, steps).map((s) => [s.stepId, s]));
    const rows: ItemRow[] = [];
    const push = (step: PlaybookStep, repId: string, squadId: string, leadId: string | null) => {
      const slot = slots.get(step.id)!;
      rows.push({
        stepId: step.id,
        repId,
        squadId,
        leadId,
        dayOffset: step.dayOffset,
        dueAt: slot.instant,
        localDate: slot.localDate,
        localTime: slot.localTime,
        windowEnd: slot.windowEnd,
        onTimeDeadline: onTimeDeadline(slot.instant, step.windowMinutes),
      });
    };

    // A personal rolling cohort has one lead and no group: its group steps are nobody's.
    const groupSteps = opts.leadIds || cohort.rollingLeadId ? [] : steps.filter((s) => s.audience === StepAudience.GROUP);
    if (groupSteps.length) {
      const squads: { squad_id: string; lead_id: string | null; lead_active: boolean | null }[] = await m.query(
        `SELECT s.id AS squad_id, s.lead_id, u.active AS lead_active FROM cohort_squad cs JOIN squad s ON s.id = cs.squad_id
           LEFT JOIN app_user u ON u.id = s.lead_id WHERE cs.cohort_id = $1 ORDER BY s.name`,
        [cohort.id],
      );
      const members: { squad_id: string; user_id: string }[] = await m.query(
        `SELECT sm.squad_id, sm.user_id FROM squad_membership sm JOIN cohort_squad cs ON cs.squad_id = sm.squad_id
           JOIN app_user u ON u.id = sm.user_id
          WHERE cs.cohort_id = $1 AND sm.valid_to IS NULL AND u.active AND u.role = 'MEMBER'`,
        [cohort.id],
      );
      for (const step of groupSteps) {
        if (step.groupScope === GroupScope.PER_SQUAD) {
          for (const s of squads) if (s.lead_id && s.lead_active) push(step, s.lead_id, s.squad_id, null);
        } else {
          for (const mem of members) push(step, mem.user_id, mem.squad_id, null);
        }
      }
    }

    const leadSteps = steps.filter((s) => s.audience === StepAudience.LEADS);
    if (leadSteps.length) {
      const params: unknown[] = [cohort.id];
      let leadFilter = '';
      if (opts.leadIds) {
        params.push(opts.leadIds);
        leadFilter = 'AND l.id = ANY($2)';
      }
      const leads: { id: string; owner_id: string; squad_id: string | null; tier: string | null; persona: string | null }[] = await m.query(
        // A student enrolled in this (course-service) cohort is served by their curator; any other
        // lead by its owner rep.
        `SELECT l.id, w.worker_id AS owner_id, COALESCE(e.curator_squad_id, l.squad_id, sm.squad_id) AS squad_id, l.tier, l.persona
           FROM cohort_lead cl JOIN lead l ON l.id = cl.lead_id
           LEFT JOIN LATERAL (SELECT en.curator_id, en.curator_squad_id FROM enrollment en
                               WHERE en.lead_id = l.id AND en.class_cohort_id = cl.cohort_id AND en.status = 'ACTIVE' AND en.curator_id IS NOT NULL
                               ORDER BY en.created_at DESC LIMIT 1) e ON true
           CROSS JOIN LATERAL (SELECT COALESCE(e.curator_id, l.owner_id) AS worker_id) w
           JOIN app_user u ON u.id = w.worker_id AND u.active
           LEFT JOIN squad_membership sm ON sm.user_id = w.worker_id AND sm.valid_to IS NULL
          WHERE cl.cohort_id = $1 AND w.worker_id IS NOT NULL ${leadFilter}`,
        params,
      );
      for (const step of leadSteps) {
        for (const l of leads) {
          if (!l.squad_id) continue;
          if (step.tiers.length && !(l.tier && step.tiers.includes(l.tier))) continue;
          if (step.personas.length && !(l.persona && step.personas.includes(l.persona))) continue;
          push(step, l.owner_id, l.squad_id, l.id);
        }
      }
    }

    const asOf = opts.asOf ?? new Date();
    let created = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const late = chunk.map((r) => r.onTimeDeadline.getTime() < asOf.getTime());
      const res: { id: string }[] = await m.query(
        `INSERT INTO agenda_item (organization_id, cohort_id, step_id, rep_id, squad_id, lead_id, day_offset, due_at, local_date, local_time,
                                  window_end, on_time_deadline, status, skipped_at, skip_reason)
         SELECT $1, $2, t.step_id, t.rep_id, t.squad_id, t.lead_id, t.day_offset, t.due_at, t.local_date, t.local_time, t.window_end, t.deadline,
                (CASE WHEN t.late THEN 'SKIPPED' ELSE 'PENDING' END)::agenda_item_status,
                CASE WHEN t.late THEN $14::timestamptz END, CASE WHEN t.late THEN $15::text END
           FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::int[], $8::timestamptz[], $9::date[], $10::text[], $11::timestamptz[],
                       $12::timestamptz[], $13::boolean[]) AS t(step_id, rep_id, squad_id, lead_id, day_offset, due_at, local_date, local_time, window_end, deadline, late)
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [
          organizationId,
          cohort.id,
          chunk.map((r) => r.stepId),
          chunk.map((r) => r.repId),
          chunk.map((r) => r.squadId),
          chunk.map((r) => r.leadId),
          chunk.map((r) => r.dayOffset),
          chunk.map((r) => r.dueAt.toISOString()),
          chunk.map((r) => r.localDate),
          chunk.map((r) => r.localTime),
          chunk.map((r) => r.windowEnd?.toISOString() ?? null),
          chunk.map((r) => r.onTimeDeadline.toISOString()),
          late,
          asOf.toISOString(),
          LATE_JOIN_REASON,
        ],
      );
      created += res.length;
    }
    return created;
  }

  /**
   * A lead changed owner: its open (PENDING) items move to the new owner (or are CANCELLED with
   * reason REASSIGNED when the lead goes back to the pool), then missing items are generated for
   * every cohort it is in.
   */
  async onLeadsAssigned(m: EntityManager, ctx: RequestContext, events: LeadAssignedEvent[]): Promise<void> {
    // Leads created in this transaction are in no cohort yet; for the others one statement finds
    // which are in cohorts at all.
    const known = events.filter((e) => !e.newLead);
    if (known.length === 0) return;
    const rows: { lead_id: string; cohort_id: string }[] = await m.query(
      `SELECT cl.lead_id, cl.cohort_id FROM cohort_lead cl JOIN cohort c ON c.id = cl.cohort_id WHERE cl.lead_id = ANY($1::uuid[]) AND c.organization_id = $2`,
      [known.map((e) => e.leadId), known[0].organizationId],
    );
    for (const event of known) {
      const cohorts = rows.filter((r) => r.lead_id === event.leadId);
      if (cohorts.length) await this.onLeadAssigned(m, ctx, event, cohorts);
    }
  }

  private async onLeadAssigned(m: EntityManager, ctx: RequestContext, event: LeadAssignedEvent, cohorts: { cohort_id: string }[]): Promise<void> {
    if (event.toOwnerId === null) {
      // Nobody works a pooled lead: its open items are settled, not left to turn MISSED.
      await this.settle.cancel(m, ctx, event.leadId, AgendaCancelReason.REASSIGNED, event.at, false, { ownerId: [event.fromOwnerId, null] });
      return;
    }
    const squad: { squad_id: string }[] = await m.query(
      `SELECT COALESCE($2::uuid, (SELECT squad_id FROM squad_membership WHERE user_id = $1 AND valid_to IS NULL)) AS squad_id`,
      [event.toOwnerId, event.squadId],
    );
    const squadId = squad[0]?.squad_id ?? null;
    // Back from the pool to a rep who had it: their items cancelled then (window still ahead) reopen.
    await this.settle.reopen(m, ctx, event.leadId, event.toOwnerId, [AgendaCancelReason.REASSIGNED], event.at);
    // An item of the new owner for the same step already exists (the lead came back): drop the old one.
    await m.query(
      `DELETE FROM agenda_item a WHERE a.lead_id = $1 AND a.status = 'PENDING' AND a.rep_id <> $2
          AND EXISTS (SELECT 1 FROM agenda_item b WHERE b.cohort_id = a.cohort_id AND b.step_id = a.step_id AND b.rep_id = $2 AND b.lead_id = a.lead_id)`,
      [event.leadId, event.toOwnerId],
    );
    if (squadId) {
      await m.query(`UPDATE agenda_item SET rep_id = $2, squad_id = $3, updated_at = now() WHERE lead_id = $1 AND status = 'PENDING' AND rep_id <> $2`, [
        event.leadId,
        event.toOwnerId,
        squadId,
      ]);
    }
    for (const c of cohorts) await this.generate(m, event.organizationId, c.cohort_id, { leadIds: [event.leadId], asOf: event.at });
  }

  // ---- helpers ----

  private async lockCohort(m: EntityManager, ctx: RequestContext, id: string): Promise<Cohort> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    const cohort = await m
      .createQueryBuilder(Cohort, 'c')
      .setLock('pessimistic_write')
      .where('c.id = :id AND c.organization_id = :org', { id, org: ctx.organizationId })
      .getOne();
    if (!cohort) throw notFound('Cohort', id);
    const scope = await this.access.scope(ctx);
    if (!scope.all) {
      const squads = await m.find(CohortSquad, { where: { cohortId: cohort.id } });
      if (!squads.some((s) => this.access.canManageSquad(scope, s.squadId))) throw forbidden('You can only change cohorts of the squads you lead or manage.');
    }
    return cohort;
  }

  private async playbookOf(m: EntityManager, cohort: Cohort): Promise<Playbook> {
    const version = await m.findOneOrFail(PlaybookVersion, { where: { id: cohort.playbookVersionId } });
    return m.findOneOrFail(Playbook, { where: { id: version.playbookId } });
  }

  /** Squads exist, are of the playbook's team kind and are managed by the caller. */
  private async checkSquads(m: EntityManager, ctx: RequestContext, playbook: Playbook, ids: string[], field: string): Promise<string[]> {
    assertIds(ids, field, 100);
    const unique = [...new Set(ids)];
    const squads = unique.length ? await m.find(Squad, { where: { organizationId: ctx.organizationId, id: In(unique) } }) : [];
    const legions = await m.find(Legion, { where: { organizationId: ctx.organizationId, id: In([...new Set(squads.map((s) => s.legionId))]) } });
    const kindOf = new Map(legions.map((l) => [l.id, l.kind]));
    const byId = new Map(squads.map((s) => [s.id, s]));
    const scope = await this.access.scope(ctx);
    const errors: FieldError[] = [];
    unique.forEach((id) => {
      const i = ids.indexOf(id);
      const squad = byId.get(id);
      if (!squad) errors.push({ field: `${field}[${i}]`, message: 'no such squad in this organization' });
      else if (kindOf.get(squad.legionId) !== playbook.kind)
        errors.push({ field: `${field}[${i}]`, message: `squad "${squad.name}" is not a ${playbook.kind} squad` });
      // A legion runs its own playbooks (clonePlaybook copies one to another legion).
      else if (squad.legionId !== playbook.legionId)
        errors.push({
          field: `${field}[${i}]`,
          message: `squad "${squad.name}" is in another legion than the playbook; clone the playbook to its legion first`,
        });
    });
    if (errors.length) throw badInput(errors);
    for (const id of unique) this.access.assertCanManageSquad(scope, id);
    return unique;
  }

  /** Leads exist and belong to (or are owned by a current member of) one of the cohort's squads. */
  private async checkLeads(m: EntityManager, ctx: RequestContext, squadIds: string[], ids: string[], field: string): Promise<string[]> {
    assertIds(ids, field, 5000);
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const leads: { id: string; squad_id: string | null; owner_id: string | null; lead_squad_id: string | null }[] = await m.query(
      `SELECT l.id, COALESCE(l.squad_id, sm.squad_id) AS squad_id, l.owner_id, l.squad_id AS lead_squad_id FROM lead l
         LEFT JOIN squad_membership sm ON sm.user_id = l.owner_id AND sm.valid_to IS NULL
        WHERE l.organization_id = $1 AND l.id = ANY($2)`,
      [ctx.organizationId, unique],
    );
    const byId = new Map(leads.map((l) => [l.id, l]));
    const errors: FieldError[] = [];
    unique.forEach((id) => {
      const i = ids.indexOf(id);
      const lead = byId.get(id);
      if (!lead) errors.push({ field: `${field}[${i}]`, message: 'no such lead in this organization' });
      else if (!lead.squad_id || !squadIds.includes(lead.squad_id))
        errors.push({ field: `${field}[${i}]`, message: "the lead is not in one of the cohort's squads" });
    });
    if (errors.length) throw badInput(errors);
    // Only leads the caller may read, in squads they manage: a cohort spanning several squads
    // does not let one squad's LEAD put items on another squad's agenda.
    const scope = await this.access.scope(ctx);
    const out = leads.filter((l) => !canSeeLead(scope, { ownerId: l.owner_id, squadId: l.lead_squad_id }) || !this.access.canManageSquad(scope, l.squad_id!));
    if (out.length) throw forbidden(`You can only add leads you can see, of the squads you lead or manage (not: ${out.map((l) => l.id).join(', ')}).`);
    return unique;
  }

  /**
   * Adds a student to a course-service class cohort inside the caller's transaction (called when
   * an enrollment names the cohort) and creates their agenda items for their curator.
   */
  async addStudent(m: EntityManager, organizationId: string, cohortId: string, leadId: string, curatorSquadId: string | null = null): Promise<number> {
    const cohort = await m.findOne(Cohort, { where: { id: cohortId, organizationId } });
    if (!cohort) throw badInput([{ field: 'input.classCohortId', message: 'no such cohort in this organization' }]);
    const playbook = await this.playbookOf(m, cohort);
    if (playbook.kind !== TeamKind.COURSE_SERVICE)
      throw badInput([{ field: 'input.classCohortId', message: 'must be a cohort running a course-service playbook' }]);
    // The curator's squad serves the class (it lists the cohort and does its group steps).
    if (curatorSquadId) await m.query(`INSERT INTO cohort_squad (cohort_id, squad_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [cohort.id, curatorSquadId]);
    await this.insertLeads(m, cohort.id, [leadId]);
    return this.generate(m, organizationId, cohort.id, { leadIds: [leadId] });
  }

  /**
   * Entry into an SOP: leads join a camp cohort inside the caller's transaction (assignment) and
   * get their items; steps already past at `at` are created SKIPPED (late join).
   */
  async joinLeads(m: EntityManager, organizationId: string, cohortId: string, leadIds: string[], at: Date): Promise<number> {
    await this.insertLeads(m, cohortId, leadIds);
    return this.generate(m, organizationId, cohortId, { leadIds, asOf: at });
  }

  /**
   * A personal rolling cohort (1:1 SOP) of one lead: day 0 is `startDate` (assignment or purchase
   * day). Idempotent: one per lead and playbook version (uq_cohort_rolling); returns its id.
   */
  async joinRolling(m: EntityManager, p: RollingCohortParams): Promise<string> {
    const id = await this.ensureRolling(m, p);
    await this.joinLeads(m, p.organizationId, id, [p.leadId], p.at);
    return id;
  }

  /** The rolling cohort of joinRolling without its items (the caller generates them). */
  async ensureRolling(m: EntityManager, p: RollingCohortParams): Promise<string> {
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO cohort (organization_id, name, start_date, time_zone, playbook_version_id, product_id, rolling_lead_id, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (rolling_lead_id, playbook_version_id) WHERE rolling_lead_id IS NOT NULL DO NOTHING RETURNING id`,
      [
        p.organizationId,
        `${p.name} · ${p.leadName} · ${p.leadId.slice(0, 8)}`,
        p.startDate,
        p.timeZone,
        p.versionId,
        p.productId ?? null,
        p.leadId,
        p.createdById,
      ],
    );
    const [row] = inserted.length
      ? inserted
      : ((await m.query(`SELECT id FROM cohort WHERE rolling_lead_id = $1 AND playbook_version_id = $2`, [p.leadId, p.versionId])) as { id: string }[]);
    await m.query(`INSERT INTO cohort_squad (cohort_id, squad_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [row.id, p.squadId]);
    return row.id;
  }

  /** The product's next class (course-service cohort teaching it, earliest start on or after `at`'s local day); null if none. */
  async nextClass(m: EntityManager, organizationId: string, productId: string, at: Date): Promise<{ id: string; playbookVersionId: string } | null> {
    const [row]: { id: string; playbook_version_id: string }[] = await m.query(
      `SELECT c.id, c.playbook_version_id FROM cohort c
        WHERE c.organization_id = $1 AND c.product_id = $2 AND c.rolling_lead_id IS NULL
          AND c.start_date >= ($3::timestamptz AT TIME ZONE c.time_zone)::date
        ORDER BY c.start_date, c.created_at LIMIT 1`,
      [organizationId, productId, at.toISOString()],
    );
    return row ? { id: row.id, playbookVersionId: row.playbook_version_id } : null;
  }

  private async insertLeads(m: EntityManager, cohortId: string, leadIds: string[]): Promise<void> {
    for (let i = 0; i < leadIds.length; i += CHUNK) {
      await m
        .createQueryBuilder()
        .insert()
        .into(CohortLead)
        .values(leadIds.slice(i, i + CHUNK).map((leadId) => ({ cohortId, leadId })))
        .orIgnore()
        .execute();
    }
  }
}

function assertIds(ids: string[], field: string, max: number): void {
  if (ids.length > max) throw badInput([{ field, message: `at most ${max} at a time` }]);
  const errors = ids.flatMap((id, i) => (isUuid(id) ? [] : [{ field: `${field}[${i}]`, message: 'is not an id' }]));
  if (errors.length) throw badInput(errors);
}
