import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { evaluateRisk, localDay, resolveRules, validateRules, type RiskReason, type RiskRules } from '@lib/curator';
import { AuditService } from '../audit/index.js';
import { CONVERTING_KINDS, Product } from '../commerce/index.js';
import type { OrderRefundedEvent } from '../commerce/index.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { ReadDb } from '../database/read-db.js';
import { TransactionRunner } from '../database/transaction.js';
import { AccessService, type AccessScope } from '../organization/index.js';
import { Organization, Role } from '../organization/index.js';
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
import { AtRiskRule, DropReason, Intervention, InterventionReason } from './entities/intervention.entity.js';

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

interface FactsRow {
  id: string;
  lead_id: string;
  lead_name: string;
  product_id: string;
  product_name: string;
  curator_id: string | null;
  curator_squad_id: string | null;
  start_date: string;
  end_date: string;
  lessons_completed: number;
  lessons_total: number;
  last_study_day: string | null;
  nps: { score: number; at: string }[] | string;
  unpaid: string[] | string;
  c_days: number | null;
  c_lag: number | null;
  o_days: number | null;
  o_lag: number | null;
  last_intervention_at: Date | string | null;
}

/**
 * One statement: the facts of the enrollments running at `$2` (ACTIVE then, started by `$3` the
 * local day, course end date not passed) matching `where` (over `e`), as of that instant: the last
 * study day up to that day, lessons completed per progress events up to then, NPS answers given
 * by then, installments unpaid then and due before that day, and the rule values.
 */
function factsSql(where: string): string {
  return `SELECT e.id, e.lead_id, l.name AS lead_name, e.product_id, p.name AS product_name, e.curator_id, e.curator_squad_id,
       e.start_date::text AS start_date, e.end_date::text AS end_date, e.lessons_total,
       coalesce((SELECT max(pe.lessons_completed) FROM progress_event pe WHERE pe.enrollment_id = e.id AND pe.occurred_at <= $2), 0) AS lessons_completed,
       (SELECT max(d.day)::text FROM study_day d WHERE d.enrollment_id = e.id AND d.day <= $3::date) AS last_study_day,
       coalesce((SELECT json_agg(json_build_object('score', n.score, 'at', n.answered_at)) FROM nps_response n WHERE n.enrollment_id = e.id AND n.answered_at <= $2), '[]'::json) AS nps,
       coalesce((SELECT array_agg(i.due_date::text) FROM order_installment i JOIN sales_order so ON so.id = i.order_id
                 WHERE so.lead_id = e.lead_id AND so.organization_id = e.organization_id AND so.refunded_amount < so.amount
                   AND i.due_date < $3::date AND (i.paid_at IS NULL OR i.paid_at > $2)), '{}'::text[]) AS unpaid,
       cr.inactivity_days AS c_days, cr.progress_lag_pct AS c_lag, orr.inactivity_days AS o_days, orr.progress_lag_pct AS o_lag,
       (SELECT max(iv.occurred_at) FROM intervention iv WHERE iv.enrollment_id = e.id AND iv.occurred_at <= $2) AS last_intervention_at
     FROM enrollment e
     JOIN lead l ON l.id = e.lead_id
     JOIN product p ON p.id = e.product_id
     LEFT JOIN at_risk_rule cr ON cr.organization_id = e.organization_id AND cr.product_id = e.product_id
     LEFT JOIN at_risk_rule orr ON orr.organization_id = e.organization_id AND orr.product_id IS NULL
     WHERE e.organization_id = $1 AND e.start_date <= $3::date AND e.end_date >= $3::date
       AND (e.status = 'ACTIVE' OR e.ended_at > $2) AND ${where}`;
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
  m: EntityManager,
  organizationId: string,
  key: string,
  join: string,
  entityIds: string[],
  asOf: Date,
  timeZone: string,
): Promise<Map<string, number>> {
  const sql = factsSql(`${key} = ANY($4::uuid[])`)
    .replace('FROM enrollment e', `FROM enrollment e ${join}`)
    .replace('SELECT e.id,', `SELECT ${key} AS entity_key, e.id,`);
  const rows: (FactsRow & { entity_key: string })[] = await m.query(sql, [organizationId, asOf, localDay(asOf, timeZone), entityIds]);
  const byId = new Map(rows.map((r) => [r.id, r.entity_key]));
  const counts = new Map<string, number>();
  for (const s of evaluateRows(rows, asOf, timeZone)) {
    const k = byId.get(s.enrollmentId)!;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** The at-risk reasons of one enrollment at `at` (empty when not at risk or not running then). */
export async function riskReasonsAt(m: EntityManager, organizationId: string, enrollmentId: string, at: Date, timeZone: string): Promise<RiskReason[]> {
  const rows: FactsRow[] = await m.query(factsSql('e.id = $4'), [organizationId, at, localDay(at, timeZone), enrollmentId]);
  return evaluateRows(rows, at, timeZone)[0]?.reasons ?? [];
}

/** Students at risk, interventions, at-risk rule values and drop reasons (course service). */
@Injectable()
export class InterventionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly readDb: ReadDb,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cs: CourseServiceService,
  ) {}

  private async timeZone(m: EntityManager, organizationId: string): Promise<string> {
    return (await m.findOneOrFail(Organization, { where: { id: organizationId } })).timeZone;
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
    return this.readDb.run(async (m) => {
      const timeZone = await this.timeZone(m, ctx.organizationId);
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
      const rows: FactsRow[] = await m.query(factsSql(where.join(' AND ')), params);
      return evaluateRows(rows, now, timeZone).slice(0, args.first ?? 200);
    });
  }

  /** The at-risk reasons of one enrollment at `at` (inside a transaction). */
  private async reasonsOf(m: EntityManager, ctx: RequestContext, enrollmentId: string, at: Date): Promise<RiskReason[]> {
    return riskReasonsAt(m, ctx.organizationId, enrollmentId, at, await this.timeZone(m, ctx.organizationId));
  }

  // ------------------------------------------------------------------ interventions

  private async resolveEnrollment(
    m: EntityManager,
    ctx: RequestContext,
    scope: AccessScope,
    ids: { enrollmentId?: string; leadId?: string },
  ): Promise<Enrollment> {
    if (!!ids.enrollmentId === !!ids.leadId) throw badInput([{ field: 'input.enrollmentId', message: 'give exactly one of enrollmentId and leadId' }]);
    let e: Enrollment | null;
    if (ids.enrollmentId) {
      e = await m.findOne(Enrollment, { where: { id: ids.enrollmentId, organizationId: ctx.organizationId } });
      if (!e) throw notFound('Enrollment', ids.enrollmentId);
    } else {
      e = await m.findOne(Enrollment, {
        where: { leadId: ids.leadId, organizationId: ctx.organizationId, status: EnrollmentStatus.ACTIVE },
        order: { startDate: 'DESC', id: 'DESC' },
      });
      if (!e) {
        const [lead] = await m.query(`SELECT 1 FROM lead WHERE id = $1 AND organization_id = $2`, [ids.leadId, ctx.organizationId]);
        if (!lead) throw notFound('Lead', ids.leadId);
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
    return this.tx.run(async (m) => {
      const e = await this.resolveEnrollment(m, ctx, scope, input);
      if (e.status !== EnrollmentStatus.ACTIVE) throw conflict(`Interventions are logged on ACTIVE enrollments (this one is ${e.status}).`);
      if (localDay(occurredAt, await this.timeZone(m, ctx.organizationId)) < e.startDate)
        throw badInput([{ field: 'input.occurredAt', message: 'is before the enrollment started' }]);
      const reasons = await this.reasonsOf(m, ctx, e.id, occurredAt);
      const row = await m.save(
        m.create(Intervention, {
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
        }),
      );
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
    const m = this.dataSource.manager;
    if (!!args.enrollmentId === !!args.leadId) throw badInput([{ field: 'enrollmentId', message: 'give exactly one of enrollmentId and leadId' }]);
    let enrollments: Enrollment[];
    if (args.enrollmentId) {
      const e = await m.findOne(Enrollment, { where: { id: args.enrollmentId, organizationId: ctx.organizationId } });
      if (!e) throw notFound('Enrollment', args.enrollmentId);
      enrollments = [e];
    } else {
      enrollments = await m.find(Enrollment, { where: { leadId: args.leadId, organizationId: ctx.organizationId } });
      if (!enrollments.length) throw notFound('Student', args.leadId);
    }
    for (const e of enrollments) this.cs.assertCanWork(scope, e);
    return m
      .createQueryBuilder(Intervention, 'i')
      .where('i.organization_id = :org AND i.enrollment_id = ANY(:ids)', { org: ctx.organizationId, ids: enrollments.map((e) => e.id) })
      .orderBy('i.occurred_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .getMany();
  }

  // ------------------------------------------------------------------ rules

  private async courseOf(m: EntityManager, ctx: RequestContext, productId: string, field: string): Promise<Product> {
    const product = await m.findOne(Product, { where: { id: productId, organizationId: ctx.organizationId } });
    if (!product) throw badInput([{ field, message: 'no such product in this organization' }]);
    if (!CONVERTING_KINDS.includes(product.kind)) throw badInput([{ field, message: 'must be a REGULAR or ADVANCED course' }]);
    return product;
  }

  async atRiskRules(ctx: RequestContext, productId?: string | null) {
    const m = this.dataSource.manager;
    if (productId) await this.courseOf(m, ctx, productId, 'productId');
    const org = await m.findOne(AtRiskRule, { where: { organizationId: ctx.organizationId, productId: IsNullOr(null) } });
    const course = productId ? await m.findOne(AtRiskRule, { where: { organizationId: ctx.organizationId, productId } }) : null;
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
    return this.tx.run(async (m) => {
      const scope = await this.access.scope(ctx);
      if (!scope.all) {
        const [commands] = await m.query(`SELECT 1 FROM legion WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND kind = 'COURSE_SERVICE'`, [
          ctx.organizationId,
          scope.legionIds,
        ]);
        if (!commands) throw forbidden('At-risk rules are changed by ADMINs and by the managers of a course-service legion.');
      }
      if (input.productId) await this.courseOf(m, ctx, input.productId, 'input.productId');
      const productId = input.productId ?? null;
      const where = { organizationId: ctx.organizationId, productId: IsNullOr(productId) };
      const row =
        (await m.findOne(AtRiskRule, { where })) ??
        m.create(AtRiskRule, { organizationId: ctx.organizationId, productId, inactivityDays: null, progressLagPct: null });
      const before = { inactivityDays: row.inactivityDays, progressLagPct: row.progressLagPct };
      if (input.inactivityDays !== undefined) row.inactivityDays = input.inactivityDays;
      if (input.progressLagPct !== undefined) row.progressLagPct = input.progressLagPct;
      await m.save(row);
      await this.audit.record(ctx, {
        entityType: 'AtRiskRule',
        entityId: productId ?? ctx.organizationId,
        action: 'UPDATED',
        diff: { inactivityDays: [before.inactivityDays, row.inactivityDays], progressLagPct: [before.progressLagPct, row.progressLagPct] },
      });
      const org = productId ? await m.findOne(AtRiskRule, { where: { organizationId: ctx.organizationId, productId: IsNullOr(null) } }) : row;
      return this.rulesView(org, productId ? row : null, productId);
    });
  }

  // ------------------------------------------------------------------ drop reasons

  /** Records (or replaces) the drop reason of an enrollment that ended incomplete (in the caller's transaction). */
  async recordDrop(m: EntityManager, ctx: RequestContext, e: Enrollment, reason: DropReason, note: string | null, at = new Date()): Promise<void> {
    await m.query(
      `INSERT INTO enrollment_drop (enrollment_id, organization_id, product_id, reason, note, recorded_by_id, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (enrollment_id) DO UPDATE SET reason = EXCLUDED.reason, note = EXCLUDED.note, recorded_by_id = EXCLUDED.recorded_by_id, recorded_at = EXCLUDED.recorded_at`,
      [e.id, ctx.organizationId, e.productId, reason, note, ctx.userId, at],
    );
  }

  /**
   * The reason of an enrollment that ended incomplete: DROPPED or REFUNDED (not completed), or an
   * ACTIVE one past its course end date (expired), which this ends as DROPPED.
   */
  async recordDropReason(ctx: RequestContext, input: RecordDropReasonInput): Promise<Enrollment> {
    const scope = await this.access.scope(ctx);
    const note = input.note?.trim() || null;
    if (input.reason === DropReason.OTHER && !note) throw badInput([{ field: 'input.note', message: 'say why when the reason is OTHER' }]);
    return this.tx.run(async (m) => {
      const e = await m.findOne(Enrollment, { where: { id: input.enrollmentId, organizationId: ctx.organizationId } });
      if (!e) throw notFound('Enrollment', input.enrollmentId);
      this.cs.assertCanWork(scope, e);
      const today = localDay(new Date(), await this.timeZone(m, ctx.organizationId));
      if (e.status === EnrollmentStatus.ACTIVE) {
        if (e.endDate >= today) throw conflict('This enrollment is still running: drop it with dropEnrollment (with a reason) instead.');
        e.status = EnrollmentStatus.DROPPED;
        e.endedAt = new Date();
        await m.save(e);
      } else if (e.status === EnrollmentStatus.COMPLETED || e.completedAt) {
        throw conflict('This enrollment was completed; drop reasons are for enrollments that ended incomplete.');
      }
      await this.recordDrop(m, ctx, e, input.reason, note);
      await this.audit.record(ctx, { entityType: 'Enrollment', entityId: e.id, action: 'DROP_REASON', diff: { reason: input.reason, note } });
      return e;
    });
  }

  /** dropEnrollment with a validated reason (enum + note): both in one transaction. */
  async dropEnrollment(ctx: RequestContext, id: string, note: string, reason: DropReason): Promise<Enrollment> {
    const text = note.trim() || null;
    if (reason === DropReason.OTHER && !text) throw badInput([{ field: 'reason', message: 'say why when the drop reason is OTHER' }]);
    return this.cs.dropEnrollment(ctx, id, note, (m, e) => this.recordDrop(m, ctx, e, reason, text, e.endedAt ?? new Date()));
  }

  /** A full refund of an incomplete course: reason REFUNDED with the refund's reason (kept if one was recorded). */
  async onOrderRefunded(m: EntityManager, ctx: RequestContext, ev: OrderRefundedEvent): Promise<void> {
    if (!ev.fullyRefunded) return;
    const e = await m.findOne(Enrollment, { where: { orderId: ev.order.id, organizationId: ctx.organizationId } });
    if (!e || e.completedAt) return;
    await m.query(
      `INSERT INTO enrollment_drop (enrollment_id, organization_id, product_id, reason, note, recorded_by_id, recorded_at)
       VALUES ($1, $2, $3, 'REFUNDED', $4, $5, $6) ON CONFLICT (enrollment_id) DO NOTHING`,
      [e.id, ctx.organizationId, e.productId, ev.refund.reason?.slice(0, 500) ?? null, ctx.userId, ev.refund.refundedAt],
    );
  }

  async dropReasons(ctx: RequestContext, args: DropReasonsArgs) {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD, Role.MEMBER);
    if (args.from && args.to && args.to <= args.from) throw badInput([{ field: 'to', message: 'must be after from' }]);
    const scope = await this.access.scope(ctx);
    return this.readDb.run(async (m) => {
      const params: unknown[] = [ctx.organizationId, args.from ?? null, args.to ?? null];
      const rows: { product_id: string; product_name: string; reason: DropReason | null; n: number }[] = await m.query(
        `SELECT e.product_id, p.name AS product_name, d.reason, count(*)::int AS n
         FROM enrollment e JOIN product p ON p.id = e.product_id JOIN organization o ON o.id = e.organization_id
         LEFT JOIN enrollment_drop d ON d.enrollment_id = e.id
         WHERE e.organization_id = $1 AND e.status IN ('DROPPED', 'REFUNDED') AND e.completed_at IS NULL
           AND ($2::date IS NULL OR (e.ended_at AT TIME ZONE o.time_zone)::date >= $2::date)
           AND ($3::date IS NULL OR (e.ended_at AT TIME ZONE o.time_zone)::date < $3::date)
           AND ${this.scopeSql(scope, params)}
         GROUP BY 1, 2, 3`,
        params,
      );
      const byCourse = new Map<
        string,
        { productId: string; productName: string; ended: number; unrecorded: number; reasons: { reason: DropReason; count: number }[] }
      >();
      for (const r of rows) {
        const c = byCourse.get(r.product_id) ?? { productId: r.product_id, productName: r.product_name, ended: 0, unrecorded: 0, reasons: [] };
        c.ended += r.n;
        if (r.reason) c.reasons.push({ reason: r.reason, count: r.n });
        else c.unrecorded += r.n;
        byCourse.set(r.product_id, c);
      }
      const out = [...byCourse.values()];
      for (const c of out) c.reasons.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
      return out.sort((a, b) => b.ended - a.ended || a.productName.localeCompare(b.productName) || a.productId.localeCompare(b.productId));
    });
  }
}

/** TypeORM `IsNull()` for null, else the value. */
function IsNullOr(v: string | null) {
  return v === null ? IsNull() : v;
}
