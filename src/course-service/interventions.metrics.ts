import { SAVED_WINDOW_DAYS } from '@lib/curator';
import { MetricDirection, MetricEntityType, MetricUnit, type MetricDefinition } from '../metrics/index.js';
import { TeamKind } from '../organization/index.js';
import { interventionCounts, interventionCredit as credit, savedRate } from './course-service-metrics.repository.js';
import { atRiskByEntity } from './interventions.service.js';

const ALL = [MetricEntityType.MEMBER, MetricEntityType.SQUAD, MetricEntityType.LEGION];

export const INTERVENTION_METRICS: MetricDefinition[] = [
  {
    key: 'interventions',
    label: 'Interventions',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.COUNT,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: 'Interventions logged on students (logIntervention) that happened in the period, credited to the student’s curator and squad when logged.',
    entityTypes: ALL,
    source: {
      kind: 'CUSTOM',
      compute: interventionCounts,
    },
  },
  {
    key: 'at_risk_students',
    label: 'Students at risk',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.COUNT,
    direction: MetricDirection.LOWER_IS_BETTER,
    definition:
      'Students at risk at the end of the period (now for a period not over), by the studentsAtRisk rules as of that moment (study days, lessons reported, NPS answers and installments up to then), credited to their curator and squad.',
    entityTypes: ALL,
    source: {
      kind: 'CUSTOM',
      compute: async (req, db) => {
        const { key, join } = credit(req, 'e');
        const now = new Date();
        const asOf = req.end.getTime() < now.getTime() ? new Date(req.end.getTime() - 1) : now;
        const counts = await atRiskByEntity(db, req.organizationId, key, join, req.entityIds, asOf, req.timeZone);
        return new Map([...counts].map(([id, n]) => [id, { numerator: n, denominator: null }]));
      },
    },
  },
  {
    key: 'saved_rate',
    label: 'Saved rate',
    teamKind: TeamKind.COURSE_SERVICE,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: `Of the students with an intervention in the period logged while they were at risk, those who studied again (a progress event) within ${SAVED_WINDOW_DAYS} × 24 h after such an intervention / those students.`,
    entityTypes: ALL,
    source: {
      kind: 'CUSTOM',
      compute: savedRate,
    },
  },
];
