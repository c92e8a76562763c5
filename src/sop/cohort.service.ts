import { Injectable } from '@nestjs/common';
import { expandSlots, isValidIsoDate, isValidTimeZone, onTimeDeadline } from '@lib/schedule';
import { AuditService } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound, type FieldError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { isUuid } from '../common/formats.js';
import { Db, TransactionRunner } from '../database/transaction.js';
import type { LeadAssignedEvent } from '../leads/index.js';
import { canSeeLead } from '../leads/index.js';
import { AccessService } from '../organization/index.js';
import { TeamKind, Role } from '../organization/index.js';
import type { CreateCohortInput } from './dto/sop.inputs.js';
import type { Cohort, CohortSquad } from './entities/cohort.entity.js';
import type { UpdateCohortInput } from './dto/cohort-type.inputs.js';
import { GroupScope, PlaybookVersionStatus, StepAudience, type Playbook, type PlaybookStep } from './entities/playbook.entity.js';
import { CohortRepository, type NewAgendaItem, type StudentCuratorSql } from './cohort.repository.js';
import { PlaybookRepository } from './playbook.repository.js';
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
    private readonly repo: CohortRepository,
    private readonly playbooks: PlaybookRepository,
    private readonly db: Db,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly settle: AgendaSettleService,
  ) {}

  /**
   * How a student's curator is found for lead steps (course-service registers it at init): a
   * student enrolled in a class cohort is served by their curator instead of the lead's owner.
   */
  serveStudentsBy(sql: StudentCuratorSql): void {
    this.repo.useCuratorSql(sql);
  }

  /** Cohorts with at least one squad the caller can read (all for ADMIN and unassigned managers). */
  async cohorts(ctx: RequestContext): Promise<Cohort[]> {
    const scope = await this.access.scope(ctx);
    return this.repo.cohorts(ctx.organizationId, this.access.squadFilter(scope));
  }

  async cohort(ctx: RequestContext, id: string): Promise<Cohort> {
    const c = await this.repo.cohort(ctx.organizationId, id);
    if (!c) throw notFound('Cohort', id);
    return c;
  }

  async cohortsByIds(ctx: RequestContext, ids: readonly string[]): Promise<Cohort[]> {
    if (!ids.length) return [];
    return this.repo.cohortsByIds(ctx.organizationId, ids);
  }

  async squadIdsByCohortIds(ctx: RequestContext, ids: readonly string[]): Promise<CohortSquad[]> {
    if (!ids.length) return [];
    return this.repo.squadsByCohortIds(ctx.organizationId, ids);
  }

  async leadCounts(ctx: RequestContext, ids: readonly string[]): Promise<{ cohortId: string; count: number }[]> {
    if (!ids.length) return [];
    return this.repo.leadCounts(ctx.organizationId, ids);
  }

  async createCohort(ctx: RequestContext, input: CreateCohortInput): Promise<Cohort> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    const name = checkCohortInput(input);
    return this.tx.run(async () => {
      const version = await this.playbooks.findVersion(ctx.organizationId, input.playbookVersionId);
      if (!version) throw badInput([{ field: 'playbookVersionId', message: 'no such playbook version in this organization' }]);
      if (version.status !== PlaybookVersionStatus.PUBLISHED) {
        throw badInput([{ field: 'playbookVersionId', message: `version ${version.number} is ${version.status}; a cohort runs a PUBLISHED version` }]);
      }
      const playbook = await this.playbooks.playbookById(version.playbookId);
      const squadIds = await this.checkSquads(ctx, playbook, input.squadIds, 'squadIds');
      const cohortTypeId = await this.checkCohortType(ctx, input.cohortTypeId, 'cohortTypeId');
      const productId = input.productId ? await this.checkProduct(ctx, playbook, input.productId) : null;
      if (await this.repo.nameTaken(ctx.organizationId, name)) throw conflict(`A cohort named "${name}" already exists.`);
      const cohort = await this.repo.insertCohort({
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
      });
      await this.repo.insertSquads(cohort.id, squadIds);
      const leadIds = await this.checkLeads(ctx, squadIds, input.leadIds ?? [], 'leadIds');
      await this.insertLeads(cohort.id, leadIds);
      const created = await this.generate(ctx.organizationId, cohort.id);
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

  /** The product a course-service class teaches: the organization's REGULAR or ADVANCED course. */
  private async checkProduct(ctx: RequestContext, playbook: Playbook, productId: string): Promise<string> {
    const product = await this.repo.product(ctx.organizationId, productId);
    if (!product) throw badInput([{ field: 'productId', message: 'no such product in this organization' }]);
    if (playbook.kind !== TeamKind.COURSE_SERVICE) throw badInput([{ field: 'productId', message: 'only a course-service class teaches a product' }]);
    if (product.kind !== 'REGULAR' && product.kind !== 'ADVANCED') throw badInput([{ field: 'productId', message: 'must be a REGULAR or ADVANCED course' }]);
    return product.id;
  }

  async addSquads(ctx: RequestContext, cohortId: string, squadIdsInput: string[]): Promise<Cohort> {
    return this.tx.run(async () => {
      const cohort = await this.lockCohort(ctx, cohortId);
      const playbook = await this.playbookOf(cohort);
      const squadIds = await this.checkSquads(ctx, playbook, squadIdsInput, 'squadIds');
      await this.repo.addSquads(cohort.id, squadIds);
      const created = await this.generate(ctx.organizationId, cohort.id);
      await this.audit.record(ctx, { entityType: 'Cohort', entityId: cohort.id, action: 'SQUADS_ADDED', diff: { squadIds, itemsCreated: created } });
      return cohort;
    });
  }

  async addLeads(ctx: RequestContext, cohortId: string, leadIdsInput: string[]): Promise<Cohort> {
    return this.tx.run(async () => {
      const cohort = await this.lockCohort(ctx, cohortId);
      const squadIds = (await this.repo.squadsOf(cohort.id)).map((s) => s.squadId);
      const leadIds = await this.checkLeads(ctx, squadIds, leadIdsInput, 'leadIds');
      await this.insertLeads(cohort.id, leadIds);
      const created = await this.generate(ctx.organizationId, cohort.id, { leadIds });
      await this.audit.record(ctx, { entityType: 'Cohort', entityId: cohort.id, action: 'LEADS_ADDED', diff: { leadIds, itemsCreated: created } });
      return cohort;
    });
  }

  /** Sets or clears the cohort's type (distribution model); the type must be the organization's. */
  async updateCohort(ctx: RequestContext, cohortId: string, input: UpdateCohortInput): Promise<Cohort> {
    return this.tx.run(async () => {
      const cohort = await this.lockCohort(ctx, cohortId);
      if (input.cohortTypeId === undefined) return cohort;
      const cohortTypeId = await this.checkCohortType(ctx, input.cohortTypeId, 'input.cohortTypeId');
      if (cohortTypeId === cohort.cohortTypeId) return cohort;
      await this.repo.setCohortType(cohort.id, cohortTypeId);
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

  private async checkCohortType(ctx: RequestContext, id: string | null | undefined, field: string): Promise<string | null> {
    if (id === null || id === undefined) return null;
    const type = await this.repo.cohortType(ctx.organizationId, id);
    if (!type) throw badInput([{ field, message: 'no such cohort type in this organization' }]);
    return type.id;
  }

  /** Creates the items that are missing (new squad members, newly assigned leads); never duplicates. */
  async regenerate(ctx: RequestContext, cohortId: string): Promise<number> {
    return this.tx.run(async () => {
      const cohort = await this.lockCohort(ctx, cohortId);
      const created = await this.generate(ctx.organizationId, cohort.id);
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
  async generate(organizationId: string, cohortId: string, opts: GenerateOptions = {}): Promise<number> {
    const cohort = await this.repo.cohortOrFail(organizationId, cohortId);
    const steps = await this.playbooks.stepsOfVersion(cohort.playbookVersionId);
    if (!steps.length) return 0;
    const slots = new Map(expandSlots({ startDate: cohort.startDate, timeZone: cohort.timeZone }, steps).map((s) => [s.stepId, s]));
    const asOf = opts.asOf ?? new Date();
    const rows: NewAgendaItem[] = [];
    const push = (step: PlaybookStep, repId: string, squadId: string, leadId: string | null) => {
      const slot = slots.get(step.id)!;
      const deadline = onTimeDeadline(slot.instant, step.windowMinutes);
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
        onTimeDeadline: deadline,
        late: deadline.getTime() < asOf.getTime(),
      });
    };
    // A personal rolling cohort has one lead and no group: its group steps are nobody's.
    const groupSteps = opts.leadIds || cohort.rollingLeadId ? [] : steps.filter((s) => s.audience === StepAudience.GROUP);
    if (groupSteps.length) await this.groupItems(cohort.id, groupSteps, push);
    const leadSteps = steps.filter((s) => s.audience === StepAudience.LEADS);
    if (leadSteps.length) await this.leadItems(cohort.id, leadSteps, opts.leadIds, push);
    let created = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      created += await this.repo.insertItems(organizationId, cohort.id, rows.slice(i, i + CHUNK), asOf, LATE_JOIN_REASON);
    }
    return created;
  }

  /** Group steps' items: PER_SQUAD for each squad's active lead, PER_REP for each current MEMBER. */
  private async groupItems(
    cohortId: string,
    steps: PlaybookStep[],
    push: (step: PlaybookStep, repId: string, squadId: string, leadId: null) => void,
  ): Promise<void> {
    const squads = await this.repo.squadLeadsOf(cohortId);
    const members = await this.repo.membersOf(cohortId);
    for (const step of steps) {
      if (step.groupScope === GroupScope.PER_SQUAD) {
        for (const s of squads) if (s.leadId && s.leadActive) push(step, s.leadId, s.squadId, null);
      } else {
        for (const mem of members) push(step, mem.userId, mem.squadId, null);
      }
    }
  }

  /** Lead steps' items: one per cohort lead (of `leadIds` when given) matching the step's tiers and personas, for who works it. */
  private async leadItems(
    cohortId: string,
    steps: PlaybookStep[],
    leadIds: string[] | undefined,
    push: (step: PlaybookStep, repId: string, squadId: string, leadId: string) => void,
  ): Promise<void> {
    const leads = await this.repo.leadWorkers(cohortId, leadIds);
    for (const step of steps) {
      for (const l of leads) {
        if (!l.squadId) continue;
        if (step.tiers.length && !(l.tier && step.tiers.includes(l.tier))) continue;
        if (step.personas.length && !(l.persona && step.personas.includes(l.persona))) continue;
        push(step, l.ownerId, l.squadId, l.id);
      }
    }
  }

  /**
   * A lead changed owner: its open (PENDING) items move to the new owner (or are CANCELLED with
   * reason REASSIGNED when the lead goes back to the pool), then missing items are generated for
   * every cohort it is in.
   */
  async onLeadsAssigned(ctx: RequestContext, events: LeadAssignedEvent[]): Promise<void> {
    // Leads created in this transaction are in no cohort yet; for the others one statement finds
    // which are in cohorts at all.
    const known = events.filter((e) => !e.newLead);
    if (known.length === 0) return;
    const rows = await this.repo.cohortsOfLeads(
      known[0].organizationId,
      known.map((e) => e.leadId),
    );
    for (const event of known) {
      const cohortIds = rows.filter((r) => r.leadId === event.leadId).map((r) => r.cohortId);
      if (cohortIds.length) await this.onLeadAssigned(ctx, event, cohortIds);
    }
  }

  private async onLeadAssigned(ctx: RequestContext, event: LeadAssignedEvent, cohortIds: string[]): Promise<void> {
    if (event.toOwnerId === null) {
      // Nobody works a pooled lead: its open items are settled, not left to turn MISSED.
      await this.settle.cancel(ctx, event.leadId, AgendaCancelReason.REASSIGNED, event.at, false, { ownerId: [event.fromOwnerId, null] });
      return;
    }
    const squadId = await this.repo.ownerSquad(event.toOwnerId, event.squadId);
    // Back from the pool to a rep who had it: their items cancelled then (window still ahead) reopen.
    await this.settle.reopen(ctx, event.leadId, event.toOwnerId, [AgendaCancelReason.REASSIGNED], event.at);
    // An item of the new owner for the same step already exists (the lead came back): drop the old one.
    await this.repo.dropItemsDuplicatedFor(event.leadId, event.toOwnerId);
    if (squadId) await this.repo.movePendingItems(event.leadId, event.toOwnerId, squadId);
    for (const cohortId of cohortIds) await this.generate(event.organizationId, cohortId, { leadIds: [event.leadId], asOf: event.at });
  }

  // ---- helpers ----

  private async lockCohort(ctx: RequestContext, id: string): Promise<Cohort> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    const cohort = await this.repo.lockCohort(ctx.organizationId, id);
    if (!cohort) throw notFound('Cohort', id);
    const scope = await this.access.scope(ctx);
    if (!scope.all) {
      const squads = await this.repo.squadsOf(cohort.id);
      if (!squads.some((s) => this.access.canManageSquad(scope, s.squadId))) throw forbidden('You can only change cohorts of the squads you lead or manage.');
    }
    return cohort;
  }

  private async playbookOf(cohort: Cohort): Promise<Playbook> {
    const version = await this.playbooks.versionById(cohort.playbookVersionId);
    return this.playbooks.playbookById(version.playbookId);
  }

  /** Squads exist, are of the playbook's team kind and are managed by the caller. */
  private async checkSquads(ctx: RequestContext, playbook: Playbook, ids: string[], field: string): Promise<string[]> {
    assertIds(ids, field, 100);
    const unique = [...new Set(ids)];
    const squads = unique.length ? await this.repo.squads(ctx.organizationId, unique) : [];
    const legions = await this.repo.legions(ctx.organizationId, [...new Set(squads.map((s) => s.legionId))]);
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
  private async checkLeads(ctx: RequestContext, squadIds: string[], ids: string[], field: string): Promise<string[]> {
    assertIds(ids, field, 5000);
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const leads = await this.repo.leadSquads(ctx.organizationId, unique);
    const byId = new Map(leads.map((l) => [l.id, l]));
    const errors: FieldError[] = [];
    unique.forEach((id) => {
      const i = ids.indexOf(id);
      const lead = byId.get(id);
      if (!lead) errors.push({ field: `${field}[${i}]`, message: 'no such lead in this organization' });
      else if (!lead.squadId || !squadIds.includes(lead.squadId))
        errors.push({ field: `${field}[${i}]`, message: "the lead is not in one of the cohort's squads" });
    });
    if (errors.length) throw badInput(errors);
    // Only leads the caller may read, in squads they manage: a cohort spanning several squads
    // does not let one squad's LEAD put items on another squad's agenda.
    const scope = await this.access.scope(ctx);
    const out = leads.filter((l) => !canSeeLead(scope, { ownerId: l.ownerId, squadId: l.leadSquadId }) || !this.access.canManageSquad(scope, l.squadId!));
    if (out.length) throw forbidden(`You can only add leads you can see, of the squads you lead or manage (not: ${out.map((l) => l.id).join(', ')}).`);
    return unique;
  }

  /**
   * Adds a student to a course-service class cohort inside the current transaction (called when
   * an enrollment names the cohort) and creates their agenda items for their curator.
   */
  async addStudent(organizationId: string, cohortId: string, leadId: string, curatorSquadId: string | null = null): Promise<number> {
    const cohort = await this.repo.cohort(organizationId, cohortId);
    if (!cohort) throw badInput([{ field: 'input.classCohortId', message: 'no such cohort in this organization' }]);
    const playbook = await this.playbookOf(cohort);
    if (playbook.kind !== TeamKind.COURSE_SERVICE)
      throw badInput([{ field: 'input.classCohortId', message: 'must be a cohort running a course-service playbook' }]);
    // The curator's squad serves the class (it lists the cohort and does its group steps).
    if (curatorSquadId) await this.repo.addSquad(cohort.id, curatorSquadId);
    await this.insertLeads(cohort.id, [leadId]);
    return this.generate(organizationId, cohort.id, { leadIds: [leadId] });
  }

  /**
   * Entry into an SOP: leads join a camp cohort inside the current transaction (assignment) and
   * get their items; steps already past at `at` are created SKIPPED (late join).
   */
  async joinLeads(organizationId: string, cohortId: string, leadIds: string[], at: Date): Promise<number> {
    await this.insertLeads(cohortId, leadIds);
    return this.generate(organizationId, cohortId, { leadIds, asOf: at });
  }

  /**
   * A personal rolling cohort (1:1 SOP) of one lead: day 0 is `startDate` (assignment or purchase
   * day). Idempotent: one per lead and playbook version (uq_cohort_rolling); returns its id.
   */
  async joinRolling(p: RollingCohortParams): Promise<string> {
    const id = await this.ensureRolling(p);
    await this.joinLeads(p.organizationId, id, [p.leadId], p.at);
    return id;
  }

  /** The rolling cohort of joinRolling without its items (the caller generates them). */
  async ensureRolling(p: RollingCohortParams): Promise<string> {
    const id =
      (await this.repo.insertRolling({
        organizationId: p.organizationId,
        name: `${p.name} · ${p.leadName} · ${p.leadId.slice(0, 8)}`,
        startDate: p.startDate,
        timeZone: p.timeZone,
        versionId: p.versionId,
        productId: p.productId ?? null,
        leadId: p.leadId,
        createdById: p.createdById,
      })) ?? (await this.repo.rollingId(p.leadId, p.versionId));
    await this.repo.addSquad(id, p.squadId);
    return id;
  }

  /** The product's next class (course-service cohort teaching it, earliest start on or after `at`'s local day); null if none. */
  async nextClass(organizationId: string, productId: string, at: Date): Promise<{ id: string; playbookVersionId: string } | null> {
    return this.repo.nextClass(organizationId, productId, at);
  }

  private async insertLeads(cohortId: string, leadIds: string[]): Promise<void> {
    for (let i = 0; i < leadIds.length; i += CHUNK) await this.repo.addLeads(cohortId, leadIds.slice(i, i + CHUNK));
  }
}

/** Checks a new cohort's name, start date and time zone (BAD_USER_INPUT listing every problem); the trimmed name. */
function checkCohortInput(input: CreateCohortInput): string {
  const fields: FieldError[] = [];
  const name = input.name.trim();
  if (!name) fields.push({ field: 'name', message: 'must not be empty' });
  if (!isValidIsoDate(input.startDate)) fields.push({ field: 'startDate', message: `"${input.startDate}" is not an existing date 'YYYY-MM-DD'` });
  else if (localDateProblem(input.startDate)) fields.push({ field: 'startDate', message: localDateProblem(input.startDate)! });
  if (!isValidTimeZone(input.timeZone)) fields.push({ field: 'timeZone', message: `"${input.timeZone}" is not an IANA time zone (e.g. Asia/Shanghai)` });
  if (fields.length) throw badInput(fields);
  return name;
}

function assertIds(ids: string[], field: string, max: number): void {
  if (ids.length > max) throw badInput([{ field, message: `at most ${max} at a time` }]);
  const errors = ids.flatMap((id, i) => (isUuid(id) ? [] : [{ field: `${field}[${i}]`, message: 'is not an id' }]));
  if (errors.length) throw badInput(errors);
}
