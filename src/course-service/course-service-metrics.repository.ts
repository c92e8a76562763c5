import { SAVED_WINDOW_DAYS } from '@lib/curator';
import type { Db } from '../database/transaction.js';
import { orderRowSql } from '../commerce/index.js';
import { leadRowSql } from '../leads/index.js';
import { MetricEntityType, type MetricParts, type MetricRequest } from '../metrics/index.js';
import { orgSql } from '../organization/index.js';

// The statements of the course-service metrics (CUSTOM sources of the metric catalog). The catalog
// calls each source as `compute(req, db)`; `db` runs on the current manager (the replica inside a
// ReadDb run). Every other statement of the context is a method of a repository class on `Db`.

/** Days after an enrollment starts within which a later paid order counts as a repurchase. */
export const REPURCHASE_HORIZON_DAYS = 90;
/** A club purchase up to this many days after the previous membership expired is a renewal. */
export const CLUB_RENEWAL_GRACE_DAYS = 30;

type Credit = 'CURATOR' | 'SELLER';
/** What a metric source runs its statement on: the catalog's `Db` (the current manager). */
type Runner = Pick<Db, 'query'>;

/** The SQL pieces of an enrollment metric (see {@link enrollmentMetric}). */
export interface EnrollmentMetricParts {
  from?: string;
  where: string;
  numerator: string;
  denominator: string | null;
}

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

/** SQL expression of the entity an enrollment `e` is credited to (legions through the squad `cs`). */
function entityKey(req: MetricRequest, credit: Credit): { key: string; join: string } {
  const rep = credit === 'CURATOR' ? 'e.curator_id' : 'e.sold_by_rep_id';
  const squad = credit === 'CURATOR' ? 'e.curator_squad_id' : 'e.sold_by_squad_id';
  if (req.entityType === MetricEntityType.MEMBER) return { key: rep, join: '' };
  if (req.entityType === MetricEntityType.SQUAD) return { key: squad, join: '' };
  return { key: 'cs.legion_id', join: `JOIN ${orgSql.squad.as('cs')} ON cs.id = ${squad}` };
}

/**
 * Runs `SELECT <key> AS entity_id, <numerator> AS num, <denominator> AS den FROM enrollment e
 * <join> <from> WHERE e.organization_id = $1 AND <key> = ANY($2) AND <where> GROUP BY 1`.
 * Parameters: $1 organization, $2 entity ids, $3/$4 period start/end instants, $5/$6 local dates.
 */
export function enrollmentMetric(credit: Credit, parts: EnrollmentMetricParts) {
  return async (req: MetricRequest, db: Runner): Promise<Map<string, MetricParts>> => {
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

const STARTED = `e.start_date >= $5::date AND e.start_date < $6::date`;

/** The enrollment metrics' SQL pieces, by metric. */
export const ENROLLMENT_METRIC_PARTS = {
  completion: {
    where: `e.end_date >= $5::date AND e.end_date < $6::date AND e.status <> 'REFUNDED'`,
    numerator: `count(*) FILTER (WHERE e.status = 'COMPLETED')`,
    denominator: 'count(*)',
  },
  nps: {
    from: 'JOIN nps_response n ON n.enrollment_id = e.id',
    where: 'n.answered_at >= $3 AND n.answered_at < $4',
    numerator: 'count(*) FILTER (WHERE n.score >= 9) - count(*) FILTER (WHERE n.score <= 6)',
    denominator: 'count(*)',
  },
  refunds: { where: STARTED, numerator: `count(*) FILTER (WHERE e.status = 'REFUNDED')`, denominator: 'count(*)' },
  averageProgress: {
    where: `e.start_date < $6::date AND (e.ended_at IS NULL OR e.ended_at >= $3) AND e.lessons_total > 0`,
    numerator: 'sum(least(e.lessons_completed, e.lessons_total))',
    denominator: 'sum(e.lessons_total)',
  },
  dailyStudy: {
    where: `e.start_date < $6::date AND e.end_date >= $5::date`,
    numerator: `sum((SELECT count(*) FROM study_day d WHERE d.enrollment_id = e.id AND d.day >= greatest($5::date, e.start_date) AND d.day < $6::date))`,
    denominator: `sum(greatest(0, least($6::date, e.end_date + 1, coalesce((e.ended_at AT TIME ZONE o.time_zone)::date + 1, $6::date)) - greatest($5::date, e.start_date)))`,
    from: `JOIN ${orgSql.organization.as('o')} ON o.id = e.organization_id`,
  },
  csatCourse: {
    from: 'JOIN csat_response c ON c.enrollment_id = e.id',
    where: 'c.answered_at >= $3 AND c.answered_at < $4',
    numerator: 'sum(c.course_score)',
    denominator: 'count(*)',
  },
  csatService: {
    from: 'JOIN csat_response c ON c.enrollment_id = e.id',
    where: 'c.answered_at >= $3 AND c.answered_at < $4',
    numerator: 'sum(c.service_score)',
    denominator: 'count(*)',
  },
  repurchase: {
    where: STARTED,
    numerator: `count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ${orderRowSql.orderFrom('so')} WHERE so.lead_id = e.lead_id AND so.id IS DISTINCT FROM e.order_id
                      AND so.paid_at > e.created_at AND so.paid_at < e.created_at + interval '${REPURCHASE_HORIZON_DAYS} days'))`,
    denominator: 'count(*)',
  },
  kFactor: {
    where: STARTED,
    numerator: `sum((SELECT count(*) FROM ${leadRowSql.from('r')} WHERE r.referred_by_lead_id = e.lead_id AND EXISTS (SELECT 1 FROM ${orderRowSql.orderFrom('ro')} WHERE ro.lead_id = r.id AND ro.is_conversion)))`,
    denominator: 'count(*)',
  },
  classCompletion: {
    from: `JOIN ${orderRowSql.productFrom('p')} ON p.id = e.product_id JOIN ${orgSql.organization.as('o')} ON o.id = e.organization_id`,
    where: `e.end_date >= $5::date AND e.end_date < $6::date AND e.status <> 'REFUNDED'`,
    numerator: `count(*) FILTER (WHERE ${REACHED_THRESHOLD_BY_END})`,
    denominator: 'count(*)',
  },
  attendance: {
    from: `JOIN LATERAL (${latestAttendance('e')}) a ON true`,
    where: 'a.session_at >= $3 AND a.session_at < $4',
    numerator: 'count(*) FILTER (WHERE a.attended)',
    denominator: 'count(*)',
  },
} satisfies Record<string, EnrollmentMetricParts>;

/** Club memberships expiring in the period that were renewed / those memberships, per credited curator, squad or legion. */
export async function clubRenewals(req: MetricRequest, db: Runner): Promise<Map<string, MetricParts>> {
  const key = req.entityType === MetricEntityType.MEMBER ? 'c.curator_id' : req.entityType === MetricEntityType.SQUAD ? 'c.curator_squad_id' : 'cs.legion_id';
  const join = req.entityType === MetricEntityType.LEGION ? `JOIN ${orgSql.squad.as('cs')} ON cs.id = c.curator_squad_id` : '';
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
}

/** Credit of an intervention `i` (or enrollment `e`): its curator, the curator's squad, or that squad's legion. */
export function interventionCredit(req: MetricRequest, alias: 'i' | 'e'): { key: string; join: string } {
  if (req.entityType === MetricEntityType.MEMBER) return { key: `${alias}.curator_id`, join: '' };
  if (req.entityType === MetricEntityType.SQUAD) return { key: `${alias}.curator_squad_id`, join: '' };
  return { key: 'cs.legion_id', join: `JOIN ${orgSql.squad.as('cs')} ON cs.id = ${alias}.curator_squad_id` };
}

/** Interventions that happened in the period, per credited curator, squad or legion. */
export async function interventionCounts(req: MetricRequest, db: Runner): Promise<Map<string, MetricParts>> {
  const { key, join } = interventionCredit(req, 'i');
  const rows: { entity_id: string; n: number }[] = await db.query(
    `SELECT ${key} AS entity_id, count(*)::int AS n FROM intervention i ${join}
           WHERE i.organization_id = $1 AND ${key} = ANY($2::uuid[]) AND i.occurred_at >= $3 AND i.occurred_at < $4 GROUP BY 1`,
    [req.organizationId, req.entityIds, req.start, req.end],
  );
  return new Map(rows.map((r) => [r.entity_id, { numerator: Number(r.n), denominator: null }]));
}

/** Students with an at-risk intervention in the period who studied again within the saved window / those students. */
export async function savedRate(req: MetricRequest, db: Runner): Promise<Map<string, MetricParts>> {
  const { key, join } = interventionCredit(req, 'i');
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
}
