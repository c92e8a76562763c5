import { MetricDirection, MetricEntityType, MetricUnit, type MetricDefinition } from '../metrics/index.js';
import { TeamKind } from '../organization/index.js';
import { ENROLLMENT_METRIC_PARTS as PARTS, enrollmentMetric } from './course-service-metrics.repository.js';

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
      compute: enrollmentMetric('CURATOR', PARTS.classCompletion),
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
      compute: enrollmentMetric('CURATOR', PARTS.attendance),
    },
  },
];
