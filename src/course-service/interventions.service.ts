import { Injectable } from '@nestjs/common';
import { evaluateRisk, localDay, resolveRules, validateRules, type RiskReason, type RiskRules } from '@lib/curator';
import { AuditService } from '../audit/index.js';
import { CONVERTING_KINDS, type Product } from '../commerce/index.js';
import type { OrderRefundedEvent } from '../commerce/index.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { ReadDb } from '../database/read-db.js';
import type { Db } from '../database/transaction.js';
import { TransactionRunner } from '../database/transaction.js';
import { AccessService, OrganizationRepository, type AccessScope } from '../organization/index.js';
import { Role, TeamKind } from '../organization/index.js';
import { CourseServiceRepository } from './course-service.repository.js';
import { CourseServiceService } from './course-service.service.js';
import type {
  DropReasonsArgs,
  InterventionsArgs,
  LogInterventionInput,
  RecordDropReasonInput,
  StudentsAtRiskArgs,
  UpdateAtRiskRulesInput,
} from './dto/interventions.inputs.js';
import { Enrollment, EnrollmentStatus } from './entities/enrollment.entity.js';
import { type AtRiskRule, DropReason, type Intervention, InterventionReason } from './entities/intervention.entity.js';
import { factsByEntity, factsOfEnrollment, InterventionsRepository, type FactsRow } from './interventions.repository.js';

export interface AtRiskStudent {
  enrollmentId: string;
  leadId: string;
  leadName: string;
  productId: string;
  productName: string;
  curatorId: string | null;
  curatorSquadId: string | null;
  since: string;
  reasons: RiskReason[];
  lastInterventionAt: Date | null;
}

const parseJson = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const parseArray = (v: string[] | string): string[] =>
  Array.isArray(v)
    ? v
    : v === '{}'
      ? []
      : v
          .replace(/^\{|\}$/g, '')
          .split(',')
          .map((s) => s.replace(/^"|"$/g, ''));

/** Evaluates the rows at `now` (pure rules from @lib/curator). */
export function evaluateRows(rows: FactsRow[], now: Date, timeZone: string): AtRiskStudent[] {
  const out: AtRiskStudent[] = [];
  for (const r of rows) {
    const rules: RiskRules = resolveRules(
      { inactivityDays: r.o_days ?? undefined, progressLagPct: r.o_lag ?? undefined },
      { inactivityDays: r.c_days ?? undefined, progressLagPct: r.c_lag ?? undefined },
    );
    const reasons = evaluateRisk(
      {
        startDate: r.start_date,
        endDate: r.end_date,
        lastStudyDay: r.last_study_day,
        lessonsCompleted: Number(r.lessons_completed),
        lessonsTotal: Number(r.lessons_total),
        npsAnswers: parseJson(r.nps).map((n) => ({ score: Number(n.score), answeredAt: new Date(n.at) })),
        unpaidDueDates: parseArray(r.unpaid),
      },
      rules,
      now,
      timeZone,
    );
    if (!reasons.length) continue;
    out.push({
      enrollmentId: r.id,
      leadId: r.lead_id,
      leadName: r.lead_name,
      productId: r.product_id,
      productName: r.product_name,
      curatorId: r.curator_id,
      curatorSquadId: r.curator_squad_id,
      since: reasons[0].since,
      reasons,
      lastInterventionAt: r.last_intervention_at ? new Date(r.last_intervention_at) : null,
    });
  }
  return out.sort((a, b) =>
    a.since < b.since ? -1 : a.since > b.since ? 1 : a.leadName.localeCompare(b.leadName) || a.enrollmentId.localeCompare(b.enrollmentId),
  );
}

/** The facts of running enrollments credited to entities: `key` is an SQL expression over `e` (curator, squad, legion). */
export async function atRiskByEntity(
  db: Pick<Db, 'query'>,
  organizationId: string,
  key: string,
  join: string,
  entityIds: string[],
  asOf: Date,
  timeZone: string,
): Promise<Map<string, number>> {
  const rows = await factsByEntity(db, { organizationId, key, join, entityIds, asOf, localDay: localDay(asOf, timeZone) });
  const byId = new Map(rows.map((r) => [r.id, r.entity_key]));
  const counts = new Map<string, number>();
  for (const s of evaluateRows(rows, asOf, timeZone)) {
    const k = byId.get(s.enrollmentId)!;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/**
 * The at-risk reasons of one enrollment at `at` (empty when not at risk or not running then), on
 * the demo seed's `db` (services use InterventionsService.reasonsOf).
 */
export async function riskReasonsAt(db: Pick<Db, 'query'>, organizationId: string, enrollmentId: string, at: Date, timeZone: string): Promise<RiskReason[]> {
  const rows = await factsOfEnrollment(db, organizationId, enrollmentId, at, localDay(at, timeZone));
  return evaluateRows(rows, at, timeZone)[0]?.reasons ?? [];
}

/** Students at risk, interventions, at-risk rule values and drop reasons (course service). */
@Injectable()
export class InterventionsService {
  constructor(
    private readonly repo: InterventionsRepository,
    private readonly enrollments: CourseServiceRepository,
    private readonly orgs: OrganizationRepository,
    private readonly tx: TransactionRunner,
    private readonly readDb: ReadDb,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cs: CourseServiceService,
  ) {}

  private async timeZone(organizationId: string): Promise<string> {
    return (await this.orgs.getOrganization(organizationId)).timeZone;
  }

  /** SQL over `e` limiting enrollments to the caller's reach; params appended to `params`. */
  private scopeSql(scope: AccessScope, params: unknown[]): string {
    if (scope.all) return 'TRUE';
    params.push(scope.userId, scope.role === Role.MEMBER ? [] : scope.manageSquadIds);
    return `(e.curator_id = $${params.length - 1} OR e.curator_squad_id = ANY($${params.length}::uuid[]))`;
  }

  // ------------------------------------------------------------------ at risk

  async studentsAtRisk(ctx: RequestContext, args: StudentsAtRiskArgs, now = new Date()): Promise<AtRiskStudent[]> {
    const scope = await this.access.scope(ctx);
    // A named curator or squad answers NOT_FOUND outside the organization and FORBIDDEN outside the caller's reach.
    if (args.curatorId) await this.cs.assertCanReadScorecard(ctx, { memberId: args.curatorId });
    if (args.squadId) await this.cs.assertCanReadScorecard(ctx, { squadId: args.squadId });
    return this.readDb.run(async () => {
      const timeZone = await this.timeZone(ctx.organizationId);
      const params: unknown[] = [ctx.organizationId, now, localDay(now, timeZone)];
      const where = [this.scopeSql(scope, params)];
      if (args.curatorId) {
        params.push(args.curatorId);
        where.push(`e.curator_id = $${params.length}`);
      }
      if (args.squadId) {
        params.push(args.squadId);
        where.push(`e.curator_squad_id = $${params.length}`);
      }
      const rows = await this.repo.facts(where.join(' AND '), params);
      return evaluateRows(rows, now, timeZone).slice(0, args.first ?? 200);
    });
  }

  /** The at-risk reasons of one enrollment at `at` (inside a transaction). */
  private async reasonsOf(ctx: RequestContext, enrollmentId: string, at: Date): Promise<RiskReason[]> {
    const timeZone = await this.timeZone(ctx.organizationId);
    const rows = await this.repo.facts('e.id = $4', [ctx.organizationId, at, localDay(at, timeZone), enrollmentId]);
    return evaluateRows(rows, at, timeZone)[0]?.reasons ?? [];
  }

  // ------------------------------------------------------------------ interventions

  private async resolveEnrollment(ctx: RequestContext, scope: AccessScope, ids: { enrollmentId?: string; leadId?: string }): Promise<Enrollment> {
    if (!!ids.enrollmentId === !!ids.leadId) throw badInput([{ field: 'input.enrollmentId', message: 'give exactly one of enrollmentId and leadId' }]);
    let e: Enrollment | null;
    if (ids.enrollmentId) {
      e = await this.enrollments.findEnrollment(ctx.organizationId, ids.enrollmentId);
      if (!e) throw notFound('Enrollment', ids.enrollmentId);
    } else {
      e = await this.enrollments.activeEnrollmentOfLead(ctx.organizationId, ids.leadId!);
      if (!e) {
        if (!(await this.repo.leadExists(ctx.organizationId, ids.leadId!))) throw notFound('Lead', ids.leadId);
        throw badInput([{ field: 'input.leadId', message: 'this student has no active enrollment' }]);
      }
    }
    this.cs.assertCanWork(scope, e);
    return e;
  }

  async logIntervention(ctx: RequestContext, input: LogInterventionInput): Promise<Intervention> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD, Role.MEMBER);
    const scope = await this.access.scope(ctx);
    const now = new Date();
    const occurredAt = input.occurredAt ?? now;
    if (occurredAt.getTime() > now.getTime() + 60_000) throw badInput([{ field: 'input.occurredAt', message: 'must not be in the future' }]);
    const note = input.note?.trim() || null;
    if (input.reason === InterventionReason.OTHER && !note)
      throw badInput([{ field: 'input.note', message: 'say what it was about when the reason is OTHER' }]);
    return this.tx.run(async () => {
      const e = await this.resolveEnrollment(ctx, scope, input);
      if (e.status !== EnrollmentStatus.ACTIVE) throw conflict(`Interventions are logged on ACTIVE enrollments (this one is ${e.status}).`);
      if (localDay(occurredAt, await this.timeZone(ctx.organizationId)) < e.startDate)
        throw badInput([{ field: 'input.occurredAt', message: 'is before the enrollment started' }]);
      const reasons = await this.reasonsOf(ctx, e.id, occurredAt);
      const row = await this.repo.createIntervention({
        organizationId: ctx.organizationId,
        enrollmentId: e.id,
        leadId: e.leadId,
        authorId: ctx.userId,
        curatorId: e.curatorId,
        curatorSquadId: e.curatorSquadId,
        channel: input.channel,
        reason: input.reason,
        outcome: input.outcome,
        note,
        atRiskReasons: reasons.map((r) => r.code),
        occurredAt,
      });
      await this.audit.record(ctx, {
        entityType: 'Enrollment',
        entityId: e.id,
        action: 'INTERVENTION_LOGGED',
        diff: { interventionId: row.id, channel: input.channel, reason: input.reason, outcome: input.outcome, atRisk: row.atRiskReasons },
      });
      return row;
    });
  }

  async interventions(ctx: RequestContext, args: InterventionsArgs): Promise<Intervention[]> {
    const scope = await this.access.scope(ctx);
    if (!!args.enrollmentId === !!args.leadId) throw badInput([{ field: 'enrollmentId', message: 'give exactly one of enrollmentId and leadId' }]);
    let enrollments: Enrollment[];
    if (args.enrollmentId) {
      const e = await this.enrollments.findEnrollment(ctx.organizationId, args.enrollmentId);
      if (!e) throw notFound('Enrollment', args.enrollmentId);
      enrollments = [e];
    } else {
      enrollments = await this.enrollments.enrollmentsOfLead(ctx.organizationId, args.leadId!);
      if (!enrollments.length) throw notFound('Student', args.leadId);
    }
    for (const e of enrollments) this.cs.assertCanWork(scope, e);
    return this.repo.interventionsOf(
      ctx.organizationId,
      enrollments.map((e) => e.id),
    );
  }

  // ------------------------------------------------------------------ rules

  private async courseOf(ctx: RequestContext, productId: string, field: string): Promise<Product> {
    const product = await this.enrollments.findProduct(ctx.organizationId, productId);
    if (!product) throw badInput([{ field, message: 'no such product in this organization' }]);
    if (!CONVERTING_KINDS.includes(product.kind)) throw badInput([{ field, message: 'must be a REGULAR or ADVANCED course' }]);
    return product;
  }

  async atRiskRules(ctx: RequestContext, productId?: string | null) {
    if (productId) await this.courseOf(ctx, productId, 'productId');
    const org = await this.repo.findRule(ctx.organizationId, null);
    const course = productId ? await this.repo.findRule(ctx.organizationId, productId) : null;
    return this.rulesView(org, course, productId ?? null);
  }

  private rulesView(org: AtRiskRule | null, course: AtRiskRule | null, productId: string | null) {
    const effective = resolveRules(
      { inactivityDays: org?.inactivityDays ?? undefined, progressLagPct: org?.progressLagPct ?? undefined },
      productId ? { inactivityDays: course?.inactivityDays ?? undefined, progressLagPct: course?.progressLagPct ?? undefined } : null,
    );
    const own = productId ? course : org;
    return { productId, ...effective, ownInactivityDays: own?.inactivityDays ?? null, ownProgressLagPct: own?.progressLagPct ?? null };
  }

  async updateAtRiskRules(ctx: RequestContext, input: UpdateAtRiskRulesInput) {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const issues = validateRules({ inactivityDays: input.inactivityDays ?? undefined, progressLagPct: input.progressLagPct ?? undefined });
    if (issues.length) throw badInput(issues.map((i) => ({ field: `input.${i.field}`, message: i.message })));
    return this.tx.run(async () => {
      const scope = await this.access.scope(ctx);
      if (!scope.all) {
        const commands = await this.orgs.anyLegionOfKind(ctx.organizationId, scope.legionIds, TeamKind.COURSE_SERVICE);
        if (!commands) throw forbidden('At-risk rules are changed by ADMINs and by the managers of a course-service legion.');
      }
      if (input.productId) await this.courseOf(ctx, input.productId, 'input.productId');
      const productId = input.productId ?? null;
      const row = (await this.repo.findRule(ctx.organizationId, productId)) ?? this.repo.newRule(ctx.organizationId, productId);
      const before = { inactivityDays: row.inactivityDays, progressLagPct: row.progressLagPct };
      if (input.inactivityDays !== undefined) row.inactivityDays = input.inactivityDays;
      if (input.progressLagPct !== undefined) row.progressLagPct = input.progressLagPct;
      await this.repo.saveRule(row);
      await this.audit.record(ctx, {
        entityType: 'AtRiskRule',
        entityId: productId ?? ctx.organizationId,
        action: 'UPDATED',
        diff: { inactivityDays: [before.inactivityDays, row.inactivityDays], progressLagPct: [before.progressLagPct, row.progressLagPct] },
      });
      const org = productId ? await this.repo.findRule(ctx.organizationId, null) : row;
      return this.rulesView(org, productId ? row : null, productId);
    });
  }

  // ------------------------------------------------------------------ drop reasons

  /** Records (or replaces) the drop reason of an enrollment that ended incomplete (in the caller's transaction). */
  async recordDrop(ctx: RequestContext, e: Enrollment, reason: DropReason, note: string | null, at = new Date()): Promise<void> {
    await this.repo.upsertDrop({ enrollmentId: e.id, organizationId: ctx.organizationId, productId: e.productId, reason, note, recordedById: ctx.userId, at });
  }

  /**
   * The reason of an enrollment that ended incomplete: DROPPED or REFUNDED (not completed), or an
   * ACTIVE one past its course end date (expired), which this ends as DROPPED.
   */
  async recordDropReason(ctx: RequestContext, input: RecordDropReasonInput): Promise<Enrollment> {
    const scope = await this.access.scope(ctx);
    const note = input.note?.trim() || null;
    if (input.reason === DropReason.OTHER && !note) throw badInput([{ field: 'input.note', message: 'say why when the reason is OTHER' }]);
    return this.tx.run(async () => {
      const e = await this.enrollments.findEnrollment(ctx.organizationId, input.enrollmentId);
      if (!e) throw notFound('Enrollment', input.enrollmentId);
      this.cs.assertCanWork(scope, e);
      const today = localDay(new Date(), await this.timeZone(ctx.organizationId));
      if (e.status === EnrollmentStatus.ACTIVE) {
        if (e.endDate >= today) throw conflict('This enrollment is still running: drop it with dropEnrollment (with a reason) instead.');
        e.status = EnrollmentStatus.DROPPED;
        e.endedAt = new Date();
        await this.enrollments.saveEnrollment(e);
      } else if (e.status === EnrollmentStatus.COMPLETED || e.completedAt) {
        throw conflict('This enrollment was completed; drop reasons are for enrollments that ended incomplete.');
      }
      await this.recordDrop(ctx, e, input.reason, note);
      await this.audit.record(ctx, { entityType: 'Enrollment', entityId: e.id, action: 'DROP_REASON', diff: { reason: input.reason, note } });
      return e;
    });
  }

  /** dropEnrollment with a validated reason (enum + note): both in one transaction. */
  async dropEnrollment(ctx: RequestContext, id: string, note: string, reason: DropReason): Promise<Enrollment> {
    const text = note.trim() || null;
    if (reason === DropReason.OTHER && !text) throw badInput([{ field: 'reason', message: 'say why when the drop reason is OTHER' }]);
    return this.cs.dropEnrollment(ctx, id, note, (e) => this.recordDrop(ctx, e, reason, text, e.endedAt ?? new Date()));
  }

  /** A full refund of an incomplete course: reason REFUNDED with the refund's reason (kept if one was recorded). */
  async onOrderRefunded(ctx: RequestContext, ev: OrderRefundedEvent): Promise<void> {
    if (!ev.fullyRefunded) return;
    const e = await this.enrollments.enrollmentOfOrder(ctx.organizationId, ev.order.id);
    if (!e || e.completedAt) return;
    await this.repo.insertRefundDrop({
      enrollmentId: e.id,
      organizationId: ctx.organizationId,
      productId: e.productId,
      note: ev.refund.reason?.slice(0, 500) ?? null,
      recordedById: ctx.userId,
      at: ev.refund.refundedAt,
    });
  }

  async dropReasons(ctx: RequestContext, args: DropReasonsArgs) {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD, Role.MEMBER);
    if (args.from && args.to && args.to <= args.from) throw badInput([{ field: 'to', message: 'must be after from' }]);
    const scope = await this.access.scope(ctx);
    return this.readDb.run(async () => {
      const params: unknown[] = [ctx.organizationId, args.from ?? null, args.to ?? null];
      const rows = await this.repo.dropReasonCounts(this.scopeSql(scope, params), params);
      const byCourse = new Map<
        string,
        { productId: string; productName: string; ended: number; unrecorded: number; reasons: { reason: DropReason; count: number }[] }
      >();
      for (const r of rows) {
        const c = byCourse.get(r.productId) ?? { productId: r.productId, productName: r.productName, ended: 0, unrecorded: 0, reasons: [] };
        c.ended += r.n;
        if (r.reason) c.reasons.push({ reason: r.reason, count: r.n });
        else c.unrecorded += r.n;
        byCourse.set(r.productId, c);
      }
      const out = [...byCourse.values()];
      for (const c of out) c.reasons.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
      return out.sort((a, b) => b.ended - a.ended || a.productName.localeCompare(b.productName) || a.productId.localeCompare(b.productId));
    });
  }
}
