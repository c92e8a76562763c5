import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { badInput, notFound } from '../common/errors.js';
import { checkedNumber } from '../common/money.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { checkLocalRange } from '../metrics/index.js';
import { AccessService } from '../organization/index.js';
import { Organization, Role } from '../organization/index.js';
import { latestAttendance, REACHED_THRESHOLD_BY_END } from './course-quality.metrics.js';
import { REPURCHASE_HORIZON_DAYS } from './course-service.metrics.js';
import { CourseServiceService } from './course-service.service.js';
import { CourseQualityGroupBy, type CourseQualityInput, type RecordAttendanceInput } from './dto/course-quality.inputs.js';
import { AttendanceEvent } from './entities/attendance.entity.js';
import { Enrollment } from './entities/enrollment.entity.js';
import { ReadDb } from '../database/read-db.js';

export interface CourseQualityRow {
  groupKey: string | null;
  group: string;
  enrollments: number;
  endedEnrollments: number;
  completedByEnd: number;
  completionRate: number | null;
  sessionsReported: number;
  sessionsAttended: number;
  attendanceRate: number | null;
  npsAnswers: number;
  nps: number | null;
  csatAnswers: number;
  csatCourse: number | null;
  csatService: number | null;
  refunded: number;
  refundRate: number | null;
  repurchased: number;
  repurchaseRate: number | null;
}

const per = (num: number, den: number) => (den > 0 ? num / den : null);

/** Live-class attendance from the learning platform and the per-course / per-class quality view. */
@Injectable()
export class CourseQualityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readDb: ReadDb,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cs: CourseServiceService,
  ) {}

  /**
   * Records one attendance report: an API key with `lms:write`, or the curator / lead of the
   * student. Idempotent by externalEventId (the same event again answers `duplicate: true` and
   * changes nothing); for a session, the newest report (occurredAt) decides.
   */
  async recordAttendance(
    ctx: RequestContext,
    input: RecordAttendanceInput,
  ): Promise<{ enrollmentId: string; sessionKey: string; attended: boolean; duplicate: boolean }> {
    if (!input.enrollmentId && !input.externalRef) throw badInput([{ field: 'input.enrollmentId', message: 'give enrollmentId or externalRef' }]);
    const late = Date.now() + 5 * 60_000;
    const problems = [
      ...(input.occurredAt.getTime() > late ? [{ field: 'input.occurredAt', message: 'cannot be in the future' }] : []),
      ...(input.sessionAt.getTime() > late ? [{ field: 'input.sessionAt', message: 'cannot be in the future (report sessions that took place)' }] : []),
      ...(input.occurredAt < input.sessionAt ? [{ field: 'input.occurredAt', message: 'is before the session started' }] : []),
    ];
    if (problems.length) throw badInput(problems);
    const sessionKey = input.sessionKey.trim();
    const scope = ctx.actor.kind === 'USER' ? await this.access.scope(ctx) : null;
    return this.tx.run(async (m) => {
      const enrollment = await m
        .createQueryBuilder(Enrollment, 'e')
        .where('e.organization_id = :org', { org: ctx.organizationId })
        .andWhere(input.enrollmentId ? 'e.id = :ref' : 'e.external_ref = :ref', { ref: input.enrollmentId ?? input.externalRef })
        .getOne();
      if (!enrollment) throw notFound('Enrollment', input.enrollmentId ?? input.externalRef);
      if (scope) this.cs.assertCanWork(scope, enrollment);
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(AttendanceEvent)
        .values({
          organizationId: ctx.organizationId,
          enrollmentId: enrollment.id,
          externalEventId: input.externalEventId,
          sessionKey,
          sessionAt: input.sessionAt,
          attended: input.attended,
          minutesAttended: input.minutesAttended ?? null,
          occurredAt: input.occurredAt,
        })
        .orIgnore()
        .returning('id')
        .execute();
      const duplicate = (inserted.raw as unknown[]).length === 0;
      const [latest] = await m.query(
        `SELECT attended FROM attendance_event WHERE enrollment_id = $1 AND session_key = $2 ORDER BY occurred_at DESC, id DESC LIMIT 1`,
        [enrollment.id, sessionKey],
      );
      if (!duplicate) {
        await this.audit.record(ctx, {
          entityType: 'Enrollment',
          entityId: enrollment.id,
          action: 'ATTENDANCE',
          diff: { sessionKey, attended: input.attended, eventId: input.externalEventId },
        });
      }
      return { enrollmentId: enrollment.id, sessionKey, attended: latest ? Boolean(latest.attended) : input.attended, duplicate };
    });
  }

  /**
   * Quality per course (product) or class cohort over the enrollments started in [from, to)
   * that the caller may see (curators their students, course-service leads their squad's,
   * managers their legions', ADMIN all; pre-sales staff none). One statement after the checks.
   */
  async courseQuality(ctx: RequestContext, input: CourseQualityInput, now = new Date()): Promise<CourseQualityRow[]> {
    if (!Object.values(CourseQualityGroupBy).includes(input.groupBy)) {
      throw badInput([{ field: 'input.groupBy', message: `must be one of ${Object.values(CourseQualityGroupBy).join(', ')}` }]);
    }
    const org = await this.dataSource.manager.findOneOrFail(Organization, { where: { id: ctx.organizationId } });
    checkLocalRange(org.timeZone, input, { from: 'input.from', to: 'input.to' });
    const scope = await this.access.scope(ctx);
    const byProduct = input.groupBy === CourseQualityGroupBy.PRODUCT;
    const rows: Record<string, string | null>[] = await this.readDb.run((m) =>
      m.query(
        `WITH enr AS (
         SELECT e.id, e.lead_id, e.order_id, e.status, e.end_date, e.start_date,
                ${byProduct ? 'e.product_id::text' : `coalesce(e.class_cohort_id::text, '')`} AS grp,
                ((e.end_date + 1)::timestamp AT TIME ZONE o.time_zone) AS end_at,
                (e.start_date::timestamp AT TIME ZONE o.time_zone) AS start_at,
                ${REACHED_THRESHOLD_BY_END} AS reached
         FROM enrollment e JOIN product p ON p.id = e.product_id JOIN organization o ON o.id = e.organization_id
         WHERE e.organization_id = $1 AND e.start_date >= $2::date AND e.start_date < $3::date
           AND ($4::boolean OR e.curator_id = $5 OR ($6::text <> 'MEMBER' AND e.curator_squad_id = ANY($7::uuid[])))
       ),
       per_group AS (
         SELECT grp, count(*) AS enrollments,
                count(*) FILTER (WHERE status <> 'REFUNDED' AND end_at <= $8) AS ended,
                count(*) FILTER (WHERE status <> 'REFUNDED' AND end_at <= $8 AND reached) AS completed,
                count(*) FILTER (WHERE status = 'REFUNDED') AS refunded,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM sales_order so WHERE so.lead_id = enr.lead_id AND so.id IS DISTINCT FROM enr.order_id
                                   AND so.paid_at >= enr.start_at AND so.paid_at < enr.start_at + interval '${REPURCHASE_HORIZON_DAYS} days')) AS repurchased
         FROM enr GROUP BY grp
       ),
       att AS (
         SELECT enr.grp, count(*) AS sessions, count(*) FILTER (WHERE a.attended) AS attended
         FROM enr JOIN LATERAL (${latestAttendance('enr')}) a ON true GROUP BY 1
       ),
       nps AS (
         SELECT enr.grp, count(*) AS answers, count(*) FILTER (WHERE n.score >= 9) - count(*) FILTER (WHERE n.score <= 6) AS net
         FROM nps_response n JOIN enr ON enr.id = n.enrollment_id GROUP BY 1
       ),
       csat AS (
         SELECT enr.grp, count(*) AS answers, sum(c.course_score) AS course, sum(c.service_score) AS service
         FROM csat_response c JOIN enr ON enr.id = c.enrollment_id GROUP BY 1
       ),
       labels AS (${byProduct ? 'SELECT id::text AS grp, name AS label FROM product WHERE organization_id = $1' : 'SELECT id::text AS grp, name AS label FROM cohort WHERE organization_id = $1'})
       SELECT g.grp, lb.label, g.enrollments, g.ended, g.completed, g.refunded, g.repurchased,
              coalesce(att.sessions, 0) AS sessions, coalesce(att.attended, 0) AS attended,
              coalesce(nps.answers, 0) AS nps_answers, coalesce(nps.net, 0) AS nps_net,
              coalesce(csat.answers, 0) AS csat_answers, coalesce(csat.course, 0) AS csat_course, coalesce(csat.service, 0) AS csat_service
       FROM per_group g LEFT JOIN att ON att.grp = g.grp LEFT JOIN nps ON nps.grp = g.grp LEFT JOIN csat ON csat.grp = g.grp
       LEFT JOIN labels lb ON lb.grp = g.grp
       ORDER BY g.grp = '', lb.label, g.grp`,
        [ctx.organizationId, input.from, input.to, scope.all, scope.userId, scope.role, scope.role === Role.MEMBER ? [] : scope.manageSquadIds, now],
      ),
    );
    const n = (v: unknown) => checkedNumber(v, 'Course quality');
    return rows.map((r) => {
      const enrollments = n(r.enrollments);
      const ended = n(r.ended);
      const sessions = n(r.sessions);
      const npsAnswers = n(r.nps_answers);
      const csatAnswers = n(r.csat_answers);
      return {
        groupKey: r.grp === '' ? null : r.grp,
        group: r.grp === '' ? '(no class)' : (r.label ?? String(r.grp)),
        enrollments,
        endedEnrollments: ended,
        completedByEnd: n(r.completed),
        completionRate: per(n(r.completed), ended),
        sessionsReported: sessions,
        sessionsAttended: n(r.attended),
        attendanceRate: per(n(r.attended), sessions),
        npsAnswers,
        nps: npsAnswers > 0 ? (100 * n(r.nps_net)) / npsAnswers : null,
        csatAnswers,
        csatCourse: per(n(r.csat_course), csatAnswers),
        csatService: per(n(r.csat_service), csatAnswers),
        refunded: n(r.refunded),
        refundRate: per(n(r.refunded), enrollments),
        repurchased: n(r.repurchased),
        repurchaseRate: per(n(r.repurchased), enrollments),
      };
    });
  }
}
