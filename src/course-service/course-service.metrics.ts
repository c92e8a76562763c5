import type { Db } from '../database/transaction.js';
import { MetricDirection, MetricEntityType, MetricUnit, type MetricDefinition, type MetricParts, type MetricRequest } from '../metrics/index.js';
import { TeamKind } from '../organization/index.js';

/** Days after an enrollment starts within which a later paid order counts as a repurchase. */
export const REPURCHASE_HORIZON_DAYS = 90;
/** A club purchase up to this many days after the previous membership expired is a renewal. */
export const CLUB_RENEWAL_GRACE_DAYS = 30;

type Credit = 'CURATOR' | 'SELLER';

/** SQL expression of the entity an enrollment `e` is credited to (legions through the squad `cs`). */
function entityKey(req: MetricRequest, credit: Credit): { key: string; join: string } {
  const rep = credit === 'CURATOR' ? 'e.curator_id' : 'e.sold_by_rep_id';
  const squad = credit === 'CURATOR' ? 'e.curator_squad_id' : 'e.sold_by_squad_id';
  if (req.entityType === MetricEntityType.MEMBER) return { key: rep, join: '' };
  if (req.entityType === MetricEntityType.SQUAD) return { key: squad, join: '' };
  return { key: 'cs.legion_id', join: `JOIN squad cs ON cs.id = ${squad}` };
}

/**
 * Runs `SELECT <key> AS entity_id, <numerator> AS num, <denominator> AS den FROM enrollment e
 * <join> <from> WHERE e.organization_id = $1 AND <key> = ANY($2) AND <where> GROUP BY 1`.
 * Parameters: $1 organization, $2 entity ids, $3/$4 period start/end instants, $5/$6 local dates.
 */
export function enrollmentMetric(credit: Credit, parts: { from?: string; where: string; numerator: string; denominator: string | null }) {
  return async (req: MetricRequest, db: Db): Promise<Map<string, MetricParts>> => {
    const { key, join } = entityKey(req, credit);
    const rows: { entity_id: string; num: string; den: string | null }[] = await db.query(
      `SELECT ${key} AS entity_id, (${parts.numerator})::bigint AS num, ${parts.denominator ? `(${parts.denominator})::bigint` : 'NULL'} AS den
       FROM enrollment e ${join} ${parts.from ?? ''}
       WHERE e.organization_id = $1 AND ${key} = ANY($2::uuid[]) AND ${parts.where}
         AND $3::timestamptz < $4::timestamptz AND $5::date < $6::date
       GROUP BY 1`,
      [req.organizationId, req.entityIds, req.start, req.end, req.startDate, req.endDate],
    );
    return new Map(rows.map((r) => [r.entity_id, { numerator: Number(r.num), denominator: r.den === null ? null : Number(r.den) }]));
  };
}

const ALL = [MetricEntityType.MEMBER, MetricEntityType.SQUAD, MetricEntityType.LEGION];
const nps = (p: MetricParts) => (p.denominator ? (100 * p.numerator) / p.denominator : null);

const COMPLETION = {
  where: `e.end_date >= $5::date AND e.end_date < $6::date AND e.status <> 'REFUNDED'`,
  numerator: `count(*) FILTER (WHERE e.status = 'COMPLETED')`,
  denominator: 'count(*)',
};
const NPS = {
  from: 'JOIN nps_response n ON n.enrollment_id = e.id',
  where: 'n.answered_at >= $3 AND n.answered_at < $4',
  numerator: 'count(*) FILTER (WHERE n.score >= 9) - count(*) FILTER (WHERE n.score <= 6)',
  denominator: 'count(*)',
};
const STARTED = `e.start_date >= $5::date AND e.start_date < $6::date`;
const REFUNDS = { where: STARTED, numerator: `count(*) FILTER (WHERE e.status = 'REFUNDED')`, denominator: 'count(*)' };

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
    source: { kind: 'CUSTOM', compute: enrollmentMetric('CURATOR', COMPLETION) },
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
      compute: enrollmentMetric('CURATOR', {
        where: `e.start_date < $6::date AND (e.ended_at IS NULL OR e.ended_at >= $3) AND e.lessons_total > 0`,
        numerator: 'sum(least(e.lessons_completed, e.lessons_total))',
        denominator: 'sum(e.lessons_total)',
      }),
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
      compute: enrollmentMetric('CURATOR', {
        where: `e.start_date < $6::date AND e.end_date >= $5::date`,
        numerator: `sum((SELECT count(*) FROM study_day d WHERE d.enrollment_id = e.id AND d.day >= greatest($5::date, e.start_date) AND d.day < $6::date))`,
        denominator: `sum(greatest(0, least($6::date, e.end_date + 1, coalesce((e.ended_at AT TIME ZONE o.time_zone)::date + 1, $6::date)) - greatest($5::date, e.start_date)))`,
        from: 'JOIN organization o ON o.id = e.organization_id',
      }),
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
    source: { kind: 'CUSTOM', compute: enrollmentMetric('CURATOR', NPS) },
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
      compute: enrollmentMetric('CURATOR', {
        from: 'JOIN csat_response c ON c.enrollment_id = e.id',
        where: 'c.answered_at >= $3 AND c.answered_at < $4',
        numerator: 'sum(c.course_score)',
        denominator: 'count(*)',
      }),
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
      compute: enrollmentMetric('CURATOR', {
        from: 'JOIN csat_response c ON c.enrollment_id = e.id',
        where: 'c.answered_at >= $3 AND c.answered_at < $4',
        numerator: 'sum(c.service_score)',
        denominator: 'count(*)',
      }),
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
      compute: enrollmentMetric('CURATOR', {
        where: STARTED,
        numerator: `count(*) FILTER (WHERE EXISTS (SELECT 1 FROM sales_order so WHERE so.lead_id = e.lead_id AND so.id IS DISTINCT FROM e.order_id
                      AND so.paid_at > e.created_at AND so.paid_at < e.created_at + interval '${REPURCHASE_HORIZON_DAYS} days'))`,
        denominator: 'count(*)',
      }),
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
      compute: enrollmentMetric('CURATOR', {
        where: STARTED,
        numerator: `sum((SELECT count(*) FROM lead r WHERE r.referred_by_lead_id = e.lead_id AND EXISTS (SELECT 1 FROM sales_order ro WHERE ro.lead_id = r.id AND ro.is_conversion)))`,
        denominator: 'count(*)',
      }),
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
    source: { kind: 'CUSTOM', compute: enrollmentMetric('CURATOR', REFUNDS) },
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
      compute: async (req, db) => {
        const key =
          req.entityType === MetricEntityType.MEMBER ? 'c.curator_id' : req.entityType === MetricEntityType.SQUAD ? 'c.curator_squad_id' : 'cs.legion_id';
        const join = req.entityType === MetricEntityType.LEGION ? 'JOIN squad cs ON cs.id = c.curator_squad_id' : '';
        const rows: { entity_id: string; num: string; den: string }[] = await db.query(
          `SELECT ${key} AS entity_id,
                  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM club_membership n WHERE n.lead_id = c.lead_id AND n.is_renewal AND n.id <> c.id
                                   AND n.starts_at > c.starts_at AND n.starts_at <= c.expires_at + interval '${CLUB_RENEWAL_GRACE_DAYS} days')) AS num,
                  count(*) AS den
           FROM club_membership c ${join}
           WHERE c.organization_id = $1 AND ${key} = ANY($2::uuid[]) AND c.expires_at >= $3 AND c.expires_at < $4
           GROUP BY 1`,
          [req.organizationId, req.entityIds, req.start, req.end],
        );
        return new Map(rows.map((r) => [r.entity_id, { numerator: Number(r.num), denominator: Number(r.den) }]));
      },
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
    source: { kind: 'CUSTOM', compute: enrollmentMetric('SELLER', REFUNDS) },
  },
  {
    key: 'sold_completion_rate',
    label: 'Completion rate of students sold',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: 'Completion rate (as for curators) of the enrollments from sales credited to the rep or squad.',
    entityTypes: ALL,
    source: { kind: 'CUSTOM', compute: enrollmentMetric('SELLER', COMPLETION) },
  },
  {
    key: 'sold_nps',
    label: 'NPS of students sold',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.SCORE,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: 'NPS of the answers given in the period by students from sales credited to the rep or squad (aggregates only; sellers never see the answers).',
    entityTypes: ALL,
    source: { kind: 'CUSTOM', compute: enrollmentMetric('SELLER', NPS) },
    value: nps,
  },
];
