import { SAVED_WINDOW_DAYS } from '@lib/curator';
import { MetricDirection, MetricEntityType, MetricUnit, type MetricDefinition, type MetricRequest } from '../metrics/index.js';
import { TeamKind } from '../organization/index.js';
import { atRiskByEntity } from './interventions.service.js';

const ALL = [MetricEntityType.MEMBER, MetricEntityType.SQUAD, MetricEntityType.LEGION];

/** Credit of an intervention `i` (or enrollment `e`): its curator, the curator's squad, or that squad's legion. */
function credit(req: MetricRequest, alias: 'i' | 'e'): { key: string; join: string } {
  if (req.entityType === MetricEntityType.MEMBER) return { key: `${alias}.curator_id`, join: '' };
  if (req.entityType === MetricEntityType.SQUAD) return { key: `${alias}.curator_squad_id`, join: '' };
  return { key: 'cs.legion_id', join: `JOIN squad cs ON cs.id = ${alias}.curator_squad_id` };
}

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
      compute: async (req, db) => {
        const { key, join } = credit(req, 'i');
        const rows: { entity_id: string; n: number }[] = await db.query(
          `SELECT ${key} AS entity_id, count(*)::int AS n FROM intervention i ${join}
           WHERE i.organization_id = $1 AND ${key} = ANY($2::uuid[]) AND i.occurred_at >= $3 AND i.occurred_at < $4 GROUP BY 1`,
          [req.organizationId, req.entityIds, req.start, req.end],
        );
        return new Map(rows.map((r) => [r.entity_id, { numerator: Number(r.n), denominator: null }]));
      },
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
        const counts = await atRiskByEntity(db.manager, req.organizationId, key, join, req.entityIds, asOf, req.timeZone);
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
      compute: async (req, db) => {
        const { key, join } = credit(req, 'i');
        const rows: { entity_id: string; num: number; den: number }[] = await db.query(
          `SELECT ${key} AS entity_id,
                  count(DISTINCT i.enrollment_id) FILTER (WHERE EXISTS (SELECT 1 FROM progress_event pe WHERE pe.enrollment_id = i.enrollment_id
                     AND pe.occurred_at > i.occurred_at AND pe.occurred_at <= i.occurred_at + interval '${SAVED_WINDOW_DAYS * 24} hours'))::int AS num,
                  count(DISTINCT i.enrollment_id)::int AS den
           FROM intervention i ${join}
           WHERE i.organization_id = $1 AND ${key} = ANY($2::uuid[]) AND cardinality(i.at_risk_reasons) > 0
             AND i.occurred_at >= $3 AND i.occurred_at < $4
           GROUP BY 1`,
          [req.organizationId, req.entityIds, req.start, req.end],
        );
        return new Map(rows.map((r) => [r.entity_id, { numerator: Number(r.num), denominator: Number(r.den) }]));
      },
    },
  },
];
