import { MetricDirection, MetricEntityType, MetricUnit, type MetricDefinition, type MetricParts } from '../metrics/index.js';
import { TeamKind } from '../organization/index.js';
import {
  CLUB_RENEWAL_GRACE_DAYS,
  clubRenewals,
  ENROLLMENT_METRIC_PARTS as PARTS,
  enrollmentMetric,
  REPURCHASE_HORIZON_DAYS,
} from './course-service-metrics.repository.js';

export { CLUB_RENEWAL_GRACE_DAYS, REPURCHASE_HORIZON_DAYS };

const ALL = [MetricEntityType.MEMBER, MetricEntityType.SQUAD, MetricEntityType.LEGION];
const nps = (p: MetricParts) => (p.denominator ? (100 * p.numerator) / p.denominator : null);

export const COURSE_SERVICE_METRICS: MetricDefinition[] = [
  {
    key: 'completion_rate',
    label: 'Completion rate',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition:
      'Enrollments whose course end date falls in the period that were completed / all of them (refunded enrollments excluded). Credited to the curator and the curator’s squad at assignment.',
    entityTypes: ALL,
    source: { kind: 'CUSTOM', compute: enrollmentMetric('CURATOR', PARTS.completion) },
  },
  {
    key: 'average_progress',
    label: 'Average progress',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: 'Lessons completed / lessons in the course, summed over the enrollments running at any time in the period (with a known lesson count).',
    entityTypes: ALL,
    source: {
      kind: 'CUSTOM',
      compute: enrollmentMetric('CURATOR', PARTS.averageProgress),
    },
  },
  {
    key: 'daily_study_rate',
    label: 'Daily study rate',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition:
      'Student-days with study activity / student-days enrolled, in the period: each enrollment contributes the days between its start and its end (course end date, or the day it ended) that fall in the period.',
    entityTypes: ALL,
    source: {
      kind: 'CUSTOM',
      compute: enrollmentMetric('CURATOR', PARTS.dailyStudy),
    },
  },
  {
    key: 'nps',
    label: 'NPS',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.SCORE,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition:
      'Net promoter score of the answers given in the period: 100 × (promoters (9–10) − detractors (0–6)) / answers; numerator = promoters − detractors, denominator = answers.',
    entityTypes: ALL,
    source: { kind: 'CUSTOM', compute: enrollmentMetric('CURATOR', PARTS.nps) },
    value: nps,
  },
  {
    key: 'csat_course',
    label: 'Course satisfaction (CSAT)',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.SCORE,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: 'Average course satisfaction (1–5) of the answers given in the period.',
    entityTypes: ALL,
    source: {
      kind: 'CUSTOM',
      compute: enrollmentMetric('CURATOR', PARTS.csatCourse),
    },
  },
  {
    key: 'csat_service',
    label: 'Service satisfaction (CSI)',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.SCORE,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: 'Average service satisfaction (1–5) of the answers given in the period.',
    entityTypes: ALL,
    source: {
      kind: 'CUSTOM',
      compute: enrollmentMetric('CURATOR', PARTS.csatService),
    },
  },
  {
    key: 'repurchase_rate',
    label: 'Repurchase rate',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: `Enrollments started in the period whose student paid another order within ${REPURCHASE_HORIZON_DAYS} days after the start / enrollments started in the period.`,
    entityTypes: ALL,
    source: {
      kind: 'CUSTOM',
      compute: enrollmentMetric('CURATOR', PARTS.repurchase),
    },
  },
  {
    key: 'k_factor',
    label: 'Referral K-factor',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: 'Converted referrals (leads referred by the student that made a conversion payment) per enrollment started in the period.',
    entityTypes: ALL,
    source: {
      kind: 'CUSTOM',
      compute: enrollmentMetric('CURATOR', PARTS.kFactor),
    },
  },
  {
    key: 'cs_refund_rate',
    label: 'Refund rate (course service)',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.LOWER_IS_BETTER,
    definition: 'Enrollments started in the period that were refunded / enrollments started in the period.',
    entityTypes: ALL,
    source: { kind: 'CUSTOM', compute: enrollmentMetric('CURATOR', PARTS.refunds) },
  },
  {
    key: 'club_renewal_rate',
    label: 'Club renewal rate',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: `Club memberships expiring in the period that were renewed (a new club purchase up to ${CLUB_RENEWAL_GRACE_DAYS} days after expiry) / memberships expiring in the period, credited to the curator credited with the membership.`,
    entityTypes: ALL,
    source: {
      kind: 'CUSTOM',
      compute: clubRenewals,
    },
  },
  // Downstream credit for pre-sales: how the students a rep or squad sold fare afterwards.
  {
    key: 'sold_refund_rate',
    label: 'Refund rate of students sold',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.LOWER_IS_BETTER,
    definition: 'Of the enrollments started in the period from sales credited to the rep or squad, the share refunded ("sold well", not only "sold").',
    entityTypes: ALL,
    source: { kind: 'CUSTOM', compute: enrollmentMetric('SELLER', PARTS.refunds) },
  },
  {
    key: 'sold_completion_rate',
    label: 'Completion rate of students sold',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: 'Completion rate (as for curators) of the enrollments from sales credited to the rep or squad.',
    entityTypes: ALL,
    source: { kind: 'CUSTOM', compute: enrollmentMetric('SELLER', PARTS.completion) },
  },
  {
    key: 'sold_nps',
    label: 'NPS of students sold',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.SCORE,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: 'NPS of the answers given in the period by students from sales credited to the rep or squad (aggregates only; sellers never see the answers).',
    entityTypes: ALL,
    source: { kind: 'CUSTOM', compute: enrollmentMetric('SELLER', PARTS.nps) },
    value: nps,
  },
];
