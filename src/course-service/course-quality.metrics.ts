import { MetricDirection, MetricEntityType, MetricUnit, type MetricDefinition } from '../metrics/index.js';
import { TeamKind } from '../organization/index.js';
import { enrollmentMetric } from './course-service.metrics.js';

/**
 * SQL (over an enrollment `e` with its product `p` and organization `o`): the student reached
 * the course's completion threshold by the end of their course end date (local day), per
 * progress reported by the learning platform.
 */
export const REACHED_THRESHOLD_BY_END = `(e.lessons_total > 0 AND (
    (e.status = 'COMPLETED' AND e.completed_at < ((e.end_date + 1)::timestamp AT TIME ZONE o.time_zone))
    OR EXISTS (SELECT 1 FROM progress_event pe WHERE pe.enrollment_id = e.id
                 AND pe.occurred_at < ((e.end_date + 1)::timestamp AT TIME ZONE o.time_zone)
                 AND pe.lessons_completed * 100 >= p.completion_threshold_pct * e.lessons_total)))`;

/** The newest attendance report of each session of the enrollment aliased `enrollment` (a LATERAL subquery). */
export const latestAttendance = (enrollment: string) => `SELECT DISTINCT ON (a.session_key) a.session_key, a.session_at, a.attended
  FROM attendance_event a WHERE a.enrollment_id = ${enrollment}.id ORDER BY a.session_key, a.occurred_at DESC, a.id DESC`;

const ALL = [MetricEntityType.MEMBER, MetricEntityType.SQUAD, MetricEntityType.LEGION];

export const COURSE_QUALITY_METRICS: MetricDefinition[] = [
  {
    key: 'class_completion_rate',
    label: 'Class completion rate',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition:
      'Enrollments whose course end date falls in the period (refunded excluded) whose student reached the course’s completion threshold (percent of lessons, per product) by the end of that day / those enrollments. Credited to the curator and the curator’s squad at assignment.',
    entityTypes: ALL,
    source: {
      kind: 'CUSTOM',
      compute: enrollmentMetric('CURATOR', {
        from: 'JOIN product p ON p.id = e.product_id JOIN organization o ON o.id = e.organization_id',
        where: `e.end_date >= $5::date AND e.end_date < $6::date AND e.status <> 'REFUNDED'`,
        numerator: `count(*) FILTER (WHERE ${REACHED_THRESHOLD_BY_END})`,
        denominator: 'count(*)',
      }),
    },
  },
  {
    key: 'attendance_rate',
    label: 'Live-class attendance rate',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition:
      'Live-class sessions held in the period that students attended / sessions reported for them by the learning platform (per student and session, the newest report counts). Credited to the curator and the curator’s squad.',
    entityTypes: ALL,
    source: {
      kind: 'CUSTOM',
      compute: enrollmentMetric('CURATOR', {
        from: `JOIN LATERAL (${latestAttendance('e')}) a ON true`,
        where: 'a.session_at >= $3 AND a.session_at < $4',
        numerator: 'count(*) FILTER (WHERE a.attended)',
        denominator: 'count(*)',
      }),
    },
  },
];
