import { Injectable } from '@nestjs/common';
import { orderRowSql } from '../commerce/index.js';
import { Db } from '../database/transaction.js';
import { orgSql } from '../organization/index.js';
import { cohortRowSql } from '../sop/index.js';
import { latestAttendance, REACHED_THRESHOLD_BY_END, REPURCHASE_HORIZON_DAYS } from './course-service-metrics.repository.js';
import { AttendanceEvent } from './entities/attendance.entity.js';

/** One group of the course-quality view as the statement returns it (counts as text or numbers). */
export type CourseQualityRawRow = Record<string, string | null>;

/** Who the course-quality view covers: everything, or the caller's own students and their managed squads'. */
export interface QualityReach {
  all: boolean;
  userId: string | null;
  role: string;
  squadIds: string[];
}

/** Every statement on live-class attendance and the course-quality view. */
@Injectable()
export class CourseQualityRepository {
  constructor(private readonly db: Db) {}

  /** Inserts an attendance report unless its external id was seen; true when inserted. */
  async insertAttendance(
    values: Pick<
      AttendanceEvent,
      'organizationId' | 'enrollmentId' | 'externalEventId' | 'sessionKey' | 'sessionAt' | 'attended' | 'minutesAttended' | 'occurredAt'
    >,
  ): Promise<boolean> {
    const res = await this.db.manager.createQueryBuilder().insert().into(AttendanceEvent).values(values).orIgnore().returning('id').execute();
    return (res.raw as unknown[]).length > 0;
  }

  /** Whether the newest report of the session says attended; null when there is none. */
  async latestAttended(enrollmentId: string, sessionKey: string): Promise<boolean | null> {
    const [latest] = await this.db.query<{ attended: boolean }>(
      `SELECT attended FROM attendance_event WHERE enrollment_id = $1 AND session_key = $2 ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      [enrollmentId, sessionKey],
    );
    return latest ? Boolean(latest.attended) : null;
  }

  /**
   * Quality per course (`byProduct`) or class cohort over the enrollments started in [from, to)
   * within `reach`, in one statement: enrollments, ended / completed by end, refunded,
   * repurchased, sessions attended, NPS and CSAT sums.
   */
  courseQuality(organizationId: string, byProduct: boolean, from: string, to: string, reach: QualityReach, now: Date): Promise<CourseQualityRawRow[]> {
    return this.db.query<CourseQualityRawRow>(
      `WITH enr AS (
         SELECT e.id, e.lead_id, e.order_id, e.status, e.end_date, e.start_date,
                ${byProduct ? 'e.product_id::text' : `coalesce(e.class_cohort_id::text, '')`} AS grp,
                ((e.end_date + 1)::timestamp AT TIME ZONE o.time_zone) AS end_at,
                (e.start_date::timestamp AT TIME ZONE o.time_zone) AS start_at,
                ${REACHED_THRESHOLD_BY_END} AS reached
         FROM enrollment e JOIN ${orderRowSql.productFrom('p')} ON p.id = e.product_id JOIN ${orgSql.organization.as('o')} ON o.id = e.organization_id
         WHERE e.organization_id = $1 AND e.start_date >= $2::date AND e.start_date < $3::date
           AND ($4::boolean OR e.curator_id = $5 OR ($6::text <> 'MEMBER' AND e.curator_squad_id = ANY($7::uuid[])))
       ),
       per_group AS (
         SELECT grp, count(*) AS enrollments,
                count(*) FILTER (WHERE status <> 'REFUNDED' AND end_at <= $8) AS ended,
                count(*) FILTER (WHERE status <> 'REFUNDED' AND end_at <= $8 AND reached) AS completed,
                count(*) FILTER (WHERE status = 'REFUNDED') AS refunded,
                count(*) FILTER (WHERE ${orderRowSql.otherOrderPaidBetween('enr.lead_id', 'enr.order_id', 'enr.start_at', `enr.start_at + interval '${REPURCHASE_HORIZON_DAYS} days'`)}) AS repurchased
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
       labels AS (SELECT id::text AS grp, name AS label FROM ${byProduct ? orderRowSql.productFrom('lbl') : cohortRowSql.from('lbl')} WHERE organization_id = $1)
       SELECT g.grp, lb.label, g.enrollments, g.ended, g.completed, g.refunded, g.repurchased,
              coalesce(att.sessions, 0) AS sessions, coalesce(att.attended, 0) AS attended,
              coalesce(nps.answers, 0) AS nps_answers, coalesce(nps.net, 0) AS nps_net,
              coalesce(csat.answers, 0) AS csat_answers, coalesce(csat.course, 0) AS csat_course, coalesce(csat.service, 0) AS csat_service
       FROM per_group g LEFT JOIN att ON att.grp = g.grp LEFT JOIN nps ON nps.grp = g.grp LEFT JOIN csat ON csat.grp = g.grp
       LEFT JOIN labels lb ON lb.grp = g.grp
       ORDER BY g.grp = '', lb.label, g.grp`,
      [organizationId, from, to, reach.all, reach.userId, reach.role, reach.squadIds, now],
    );
  }
}
