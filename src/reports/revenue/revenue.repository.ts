import { Injectable } from '@nestjs/common';
import { Db } from '../../database/transaction.js';
import { commerceSql as commerce } from '../../commerce/index.js';
import { courseServiceSql as courseService } from '../../course-service/index.js';
import { leadsReadSql as leads } from '../../leads/index.js';
import { sopReadSql as sop } from '../../sop/index.js';

export enum FunnelGroupBy {
  /** The type (distribution model) of the lead's SOP cohort. */
  COHORT_TYPE = 'COHORT_TYPE',
  /** The lead's SOP cohort (the latest one it was in). */
  COHORT = 'COHORT',
  /** The price tier of the lead's first paid order. */
  PRICE_TIER = 'PRICE_TIER',
  /** The product of the lead's first paid order. */
  PRODUCT = 'PRODUCT',
}

export enum CohortRevenueGroupBy {
  /** One row per acquisition month. */
  ALL = 'ALL',
  /** The lead's source (channel). */
  CHANNEL = 'CHANNEL',
  /** The lead's SOP cohort (latest), as funnelComparison. */
  COHORT = 'COHORT',
  COHORT_TYPE = 'COHORT_TYPE',
  /** The price tier of the converting order. */
  PRICE_TIER = 'PRICE_TIER',
}

/** A raw row of the funnel or unit-economics statement (numbers as the driver returns them). */
export type RevenueRow = Record<string, string | null>;

/** A raw row of the cohort-revenue statement: (kind, grp, cm, k, a, b), see `cohortRevenueSql`. */
export interface CohortRevenueRawRow {
  kind: string;
  grp: string | null;
  cm: number | null;
  k: number | null;
  a: string | null;
  b: string | null;
}

/** The tag groupings of the unit-economics statement (the SOP ones go through the funnel). */
export type UnitEconomicsTagGroupBy = 'COHORT' | 'CHANNEL' | 'CAMPAIGN';

/** Who may be listed in a referral-value report (the caller's access scope, flattened). */
export interface ReferralVisibility {
  all: boolean;
  userId: string | null;
  role: string;
  readSquadIds: string[];
  /** Squads whose curators' students count (none for a MEMBER). */
  curatorSquadIds: string[];
}

/** How a unit-economics statement puts leads in groups, and how acquisition spend reaches the groups. */
interface LeadGrouping {
  /** Joins after the lead (alias `l`) that `key` reads. */
  join: string;
  /** The lead's group (text). */
  key: string;
  /** A SELECT of (grp, amount): the acquisition spend of the range per group (may read the CTE `leads`). */
  spend: string;
}

/** What a report adds to the unit-economics statement (see `unitEconomicsSql`); none for the tag groupings. */
interface ReportColumns {
  /** More columns of each lead in the CTE `leads` (lead alias `l`), each starting with a comma. */
  leadColumns: string;
  /** More aggregates of the CTE `per_group` (over `leads`), each starting with a comma. */
  groupColumns: string;
  /** More CTEs, each `name AS (…),`. */
  ctes: string;
  /** More output columns, each ending with a comma. */
  columns: string;
  /** More joins of the groups (alias `g`). */
  joins: string;
  /** ORDER BY of the groups. */
  order: string;
}

const orders = commerce.orders;
/** Acquisition spend of the range (alias `s`, $5/$6 the range as local dates). */
const SPEND_IN_RANGE = `s.organization_id = $1 AND s.day >= $5::date AND s.day < $6::date`;

/**
 * The unit-economics statement (docs/metrics.md "Unit economics"), shared by `unitEconomics`'
 * tag groupings and the funnel comparison: leads created in the range with their group and
 * conversion (at most one per lead), their customers' orders and converted referrals within the
 * horizon, spend and conversion costs; one row per group. Each lead is read once with its group
 * and conversion, so no CTE is joined to another whole CTE (the embedded database has no
 * statistics until ANALYZE). Parameters: $1 organization, $2/$3 the range as instants, $4 the
 * LTV horizon in days, $5/$6 the range as local dates.
 */
function unitEconomicsSql(g: LeadGrouping, report: ReportColumns): string {
  return `WITH leads AS (
       SELECT l.id, l.created_at, ${g.key} AS grp, cv.paid_at AS conv_at, cv.net AS conv_net${report.leadColumns}
       FROM ${leads.leads('l')} ${g.join}
       LEFT JOIN (SELECT o.lead_id, o.paid_at, o.amount - o.refunded_amount AS net FROM ${orders('o')}
                  WHERE o.organization_id = $1 AND o.is_conversion) cv ON cv.lead_id = l.id
       WHERE l.organization_id = $1 AND l.created_at >= $2 AND l.created_at < $3
     ),
     conv AS (SELECT id AS lead_id, grp, conv_at AS paid_at, conv_net AS net FROM leads WHERE conv_at IS NOT NULL),
     customer_orders AS (
       SELECT c.grp, o.lead_id, o.amount - o.refunded_amount AS net, o.is_repurchase,
              floor(extract(epoch FROM (o.paid_at - c.paid_at)) / 86400)::int AS day_offset
       FROM conv c
       JOIN ${orders('o')} ON o.lead_id = c.lead_id AND o.paid_at >= c.paid_at AND o.paid_at < c.paid_at + make_interval(days => $4)
     ),
     referral_customers AS (
       SELECT c.grp, r.id AS referral_id, rc.paid_at FROM conv c
       JOIN ${leads.leads('r')} ON r.referred_by_lead_id = c.lead_id AND r.organization_id = $1
       JOIN ${orders('rc')} ON rc.lead_id = r.id AND rc.is_conversion
     ),
     referrals AS (
       SELECT rcu.grp, count(DISTINCT rcu.referral_id) AS n, coalesce(sum(o.amount - o.refunded_amount), 0) AS revenue
       FROM referral_customers rcu
       LEFT JOIN ${orders('o')} ON o.lead_id = rcu.referral_id AND o.paid_at >= rcu.paid_at AND o.paid_at < rcu.paid_at + make_interval(days => $4)
       GROUP BY rcu.grp
     ),
     spend AS (${g.spend}),
     conv_cost AS (
       SELECT coalesce(sum(c.amount), 0) AS amount FROM ${commerce.conversionCosts('c')} WHERE c.organization_id = $1 AND c.day >= $5::date AND c.day < $6::date
     ),
     totals AS (SELECT count(*) AS customers FROM conv),
     per_group AS (
       SELECT grp, count(*) AS leads, count(conv_at) AS customers, coalesce(sum(conv_net), 0) AS first_order_revenue${report.groupColumns}
       FROM leads GROUP BY grp
     ),
     ${report.ctes}
     ltv AS (
       SELECT grp, sum(net) AS revenue, count(DISTINCT lead_id) FILTER (WHERE is_repurchase) AS repurchasers FROM customer_orders GROUP BY grp
     ),
     cumulative AS (
       SELECT grp, day_offset, sum(sum(net)) OVER (PARTITION BY grp ORDER BY day_offset) AS cum
       FROM customer_orders GROUP BY grp, day_offset
     ),
     groups AS (SELECT grp FROM per_group UNION SELECT grp FROM spend)
     SELECT g.grp, ${report.columns}
            coalesce(pg.leads, 0) AS leads, coalesce(pg.customers, 0) AS customers, coalesce(pg.first_order_revenue, 0) AS first_order_revenue,
            coalesce(sp.amount, 0) AS spend, cc.amount AS conversion_cost, t.customers AS all_customers,
            coalesce(lt.revenue, 0) AS ltv_revenue, coalesce(lt.repurchasers, 0) AS repurchasers, coalesce(rf.n, 0) AS referrals,
            coalesce(rf.revenue, 0) AS referral_revenue,
            (SELECT min(cu.day_offset) FROM cumulative cu
              WHERE cu.grp = g.grp AND cu.cum >= coalesce(sp.amount, 0) + CASE WHEN t.customers > 0 THEN cc.amount * coalesce(pg.customers, 0) / t.customers ELSE 0 END) AS payback_days
     FROM groups g
     LEFT JOIN per_group pg ON pg.grp = g.grp
     LEFT JOIN spend sp ON sp.grp = g.grp
     LEFT JOIN ltv lt ON lt.grp = g.grp
     LEFT JOIN referrals rf ON rf.grp = g.grp
     ${report.joins}
     CROSS JOIN conv_cost cc CROSS JOIN totals t
     ORDER BY ${report.order}`;
}

/** How leads get their group, and how acquisition spend reaches the groups, per funnel grouping; the labels and order of the groups. */
function grouping(groupBy: FunnelGroupBy): LeadGrouping & { labels: string; order: string } {
  // Set-based joins (hash joins on PostgreSQL with statistics: ~1M leads in a few seconds).
  const latestCohort = `LEFT JOIN (SELECT DISTINCT ON (cl.lead_id) cl.lead_id, c.id AS cohort_id, ct.key AS type_key
      FROM ${sop.cohortLeads('cl')} JOIN ${sop.cohorts('c')} ON c.id = cl.cohort_id LEFT JOIN ${sop.cohortTypes('ct')} ON ct.id = c.cohort_type_id
      WHERE c.organization_id = $1 ORDER BY cl.lead_id, c.start_date DESC, c.id DESC) lc ON lc.lead_id = l.id`;
  const firstOrder = `LEFT JOIN (SELECT DISTINCT ON (o.lead_id) o.lead_id, o.price_tier::text AS tier, o.product_id FROM ${orders('o')}
      WHERE o.organization_id = $1 ORDER BY o.lead_id, o.paid_at, o.id) e ON e.lead_id = l.id`;
  const sharedSpend = `SELECT g.grp, (SELECT coalesce(sum(s.amount), 0) FROM ${commerce.acquisitionSpend('s')}
      WHERE ${SPEND_IN_RANGE})::numeric * g.leads / nullif((SELECT count(*) FROM leads), 0) AS amount
      FROM (SELECT grp, count(*) AS leads FROM leads GROUP BY grp) g`;
  switch (groupBy) {
    case FunnelGroupBy.COHORT:
      return {
        join: latestCohort,
        key: `coalesce(lc.cohort_id::text, '')`,
        spend: `SELECT coalesce(s.cohort_id::text, '') AS grp, sum(s.amount) AS amount FROM ${commerce.acquisitionSpend('s')}
          WHERE ${SPEND_IN_RANGE} GROUP BY 1`,
        labels: `SELECT c.id::text AS grp, c.name AS label FROM ${sop.cohorts('c')} WHERE c.organization_id = $1`,
        order: `lb.label, g.grp`,
      };
    case FunnelGroupBy.COHORT_TYPE:
      return {
        join: latestCohort,
        key: `coalesce(lc.type_key, '')`,
        spend: `SELECT coalesce(ct.key, '') AS grp, sum(s.amount) AS amount FROM ${commerce.acquisitionSpend('s')}
          LEFT JOIN ${sop.cohorts('c')} ON c.id = s.cohort_id LEFT JOIN ${sop.cohortTypes('ct')} ON ct.id = c.cohort_type_id
          WHERE ${SPEND_IN_RANGE} GROUP BY 1`,
        labels: `SELECT ct.key AS grp, ct.name AS label FROM ${sop.cohortTypes('ct')} WHERE ct.organization_id = $1`,
        order: `lb.label, g.grp`,
      };
    case FunnelGroupBy.PRICE_TIER:
      return {
        join: firstOrder,
        key: `coalesce(e.tier, '')`,
        spend: sharedSpend,
        labels: `SELECT unnest(ARRAY['TRIAL','LOW','REGULAR','ADVANCED']) AS grp, unnest(ARRAY['TRIAL','LOW','REGULAR','ADVANCED']) AS label`,
        order: `array_position(ARRAY['TRIAL','LOW','REGULAR','ADVANCED'], g.grp)`,
      };
    case FunnelGroupBy.PRODUCT:
      return {
        join: firstOrder,
        key: `coalesce(e.product_id::text, '')`,
        spend: sharedSpend,
        labels: `SELECT p.id::text AS grp, p.name AS label FROM ${commerce.products('p')} WHERE p.organization_id = $1`,
        order: `lb.label, g.grp`,
      };
  }
}

/**
 * The funnel and unit economics of one grouping in ONE statement: the unit-economics statement
 * (`unitEconomicsSql`, same parameters) with the funnel's columns: intro leads (in a camp or
 * trial) and their conversions, orders by tier and revenue within the horizon after each lead
 * was created, the group labels.
 */
export function funnelSql(groupBy: FunnelGroupBy): string {
  const g = grouping(groupBy);
  return unitEconomicsSql(g, {
    leadColumns: `,
              (l.stage = 'INTRO'
                OR EXISTS (SELECT 1 FROM ${sop.cohortLeads('cl')} WHERE cl.lead_id = l.id)
                OR EXISTS (SELECT 1 FROM ${leads.stageChanges('sc')} WHERE sc.lead_id = l.id AND sc.to_stage = 'INTRO')
                OR EXISTS (SELECT 1 FROM ${orders('t')} WHERE t.lead_id = l.id AND t.price_tier = 'TRIAL')) AS intro`,
    groupColumns: `,
              count(*) FILTER (WHERE intro) AS intro_leads, count(conv_at) FILTER (WHERE intro) AS intro_customers`,
    ctes: `window_orders AS (
       SELECT ld.grp, count(*) AS orders, sum(o.amount) AS gross, sum(o.amount - o.refunded_amount) AS net,
              count(*) FILTER (WHERE o.price_tier = 'TRIAL') AS trial, count(*) FILTER (WHERE o.price_tier = 'LOW') AS low,
              count(*) FILTER (WHERE o.price_tier = 'REGULAR') AS regular, count(*) FILTER (WHERE o.price_tier = 'ADVANCED') AS advanced
       FROM leads ld JOIN ${orders('o')} ON o.lead_id = ld.id AND o.paid_at < ld.created_at + make_interval(days => $4)
       GROUP BY ld.grp
     ),
     labels AS (${g.labels}),`,
    columns: `lb.label,
            coalesce(pg.intro_leads, 0) AS intro_leads, coalesce(pg.intro_customers, 0) AS intro_customers,
            coalesce(wo.orders, 0) AS orders, coalesce(wo.gross, 0) AS gross, coalesce(wo.net, 0) AS revenue,
            coalesce(wo.trial, 0) AS trial, coalesce(wo.low, 0) AS low, coalesce(wo.regular, 0) AS regular, coalesce(wo.advanced, 0) AS advanced,`,
    joins: `LEFT JOIN window_orders wo ON wo.grp = g.grp
     LEFT JOIN labels lb ON lb.grp = g.grp`,
    order: `g.grp = '', ${g.order}`,
  });
}

/** The unit-economics statement of a tag grouping (the lead's and the spend's cohort tag, channel or campaign), by group. */
export function tagUnitEconomicsSql(groupBy: UnitEconomicsTagGroupBy): string {
  const leadKey = { COHORT: `coalesce(l.cohort_ref, '(none)')`, CHANNEL: `l.source::text`, CAMPAIGN: `coalesce(l.campaign, '(none)')` }[groupBy];
  const spendKey = { COHORT: `coalesce(s.cohort_ref, '(none)')`, CHANNEL: `s.channel::text`, CAMPAIGN: `coalesce(s.campaign, '(none)')` }[groupBy];
  return unitEconomicsSql(
    {
      join: '',
      key: leadKey,
      spend: `SELECT ${spendKey} AS grp, sum(s.amount) AS amount FROM ${commerce.acquisitionSpend('s')} WHERE ${SPEND_IN_RANGE} GROUP BY 1`,
    },
    { leadColumns: '', groupColumns: '', ctes: '', columns: '', joins: '', order: 'g.grp' },
  );
}

function segmentOf(groupBy: CohortRevenueGroupBy): { join: string; key: string; spend: string; labels: string } {
  const latestCohort = `LEFT JOIN LATERAL (SELECT c2.id AS cohort_id, ct.key AS type_key
      FROM ${sop.cohortLeads('cl')} JOIN ${sop.cohorts('c2')} ON c2.id = cl.cohort_id LEFT JOIN ${sop.cohortTypes('ct')} ON ct.id = c2.cohort_type_id
      WHERE cl.lead_id = c.lead_id ORDER BY c2.start_date DESC, c2.id DESC LIMIT 1) lc ON true`;
  const spendMonth = `(extract(year FROM s.day) * 12 + extract(month FROM s.day) - 1)::int`;
  const spendRange = SPEND_IN_RANGE;
  const shared = `SELECT '' AS grp, ${spendMonth} AS cm, sum(s.amount) AS amount FROM ${commerce.acquisitionSpend('s')} WHERE ${spendRange} GROUP BY 2`;
  switch (groupBy) {
    case CohortRevenueGroupBy.ALL:
      return { join: '', key: `''`, spend: shared, labels: `SELECT NULL::text AS grp, NULL::text AS label WHERE false` };
    case CohortRevenueGroupBy.CHANNEL:
      return {
        join: '',
        key: `l.source::text`,
        spend: `SELECT s.channel::text AS grp, ${spendMonth} AS cm, sum(s.amount) AS amount FROM ${commerce.acquisitionSpend('s')} WHERE ${spendRange} GROUP BY 1, 2`,
        labels: `SELECT NULL::text AS grp, NULL::text AS label WHERE false`,
      };
    case CohortRevenueGroupBy.COHORT:
      return {
        join: latestCohort,
        key: `coalesce(lc.cohort_id::text, '')`,
        spend: `SELECT coalesce(s.cohort_id::text, '') AS grp, ${spendMonth} AS cm, sum(s.amount) AS amount FROM ${commerce.acquisitionSpend('s')} WHERE ${spendRange} GROUP BY 1, 2`,
        labels: `SELECT c.id::text AS grp, c.name AS label FROM ${sop.cohorts('c')} WHERE c.organization_id = $1`,
      };
    case CohortRevenueGroupBy.COHORT_TYPE:
      return {
        join: latestCohort,
        key: `coalesce(lc.type_key, '')`,
        spend: `SELECT coalesce(ct.key, '') AS grp, ${spendMonth} AS cm, sum(s.amount) AS amount FROM ${commerce.acquisitionSpend('s')}
                LEFT JOIN ${sop.cohorts('sc')} ON sc.id = s.cohort_id LEFT JOIN ${sop.cohortTypes('ct')} ON ct.id = sc.cohort_type_id WHERE ${spendRange} GROUP BY 1, 2`,
        labels: `SELECT ct.key AS grp, ct.name AS label FROM ${sop.cohortTypes('ct')} WHERE ct.organization_id = $1`,
      };
    case CohortRevenueGroupBy.PRICE_TIER:
      return { join: '', key: `c.price_tier::text`, spend: shared, labels: `SELECT NULL::text AS grp, NULL::text AS label WHERE false` };
  }
}

/**
 * One statement: customers acquired in the range with their segment and acquisition month,
 * their own orders and their converted referrals' orders by month since acquisition, spend by
 * month, conversion costs by month, and the group labels — as (kind, grp, cm, k, a, b) rows.
 * $1 organization, $2/$3 the range as instants, $4 the time zone, $5/$6 the range as dates.
 */
export function cohortRevenueSql(groupBy: CohortRevenueGroupBy): string {
  const s = segmentOf(groupBy);
  const month = (col: string) => `(extract(year FROM ${col} AT TIME ZONE $4) * 12 + extract(month FROM ${col} AT TIME ZONE $4) - 1)::int`;
  return `WITH customers AS (
       SELECT c.lead_id, c.paid_at AS acquired_at, ${s.key} AS grp, ${month('c.paid_at')} AS cm, c.amount - c.refunded_amount AS first_net
       FROM ${orders('c')} JOIN ${leads.leads('l')} ON l.id = c.lead_id ${s.join}
       WHERE c.organization_id = $1 AND c.is_conversion AND c.paid_at >= $2 AND c.paid_at < $3
     ),
     own AS (
       SELECT cu.grp, cu.cm, ${month('o.paid_at')} - cu.cm AS k,
              coalesce(sum(o.amount - o.refunded_amount) FILTER (WHERE o.is_conversion), 0) AS first_rev,
              coalesce(sum(o.amount - o.refunded_amount) FILTER (WHERE NOT o.is_conversion), 0) AS repurchase_rev
       FROM customers cu JOIN ${orders('o')} ON o.lead_id = cu.lead_id AND o.paid_at >= cu.acquired_at
       GROUP BY 1, 2, 3
     ),
     referral AS (
       SELECT cu.grp, cu.cm, ${month('o.paid_at')} - cu.cm AS k, sum(o.amount - o.refunded_amount) AS referral_rev
       FROM customers cu
       JOIN ${leads.leads('r')} ON r.referred_by_lead_id = cu.lead_id AND r.organization_id = $1
       JOIN ${orders('rc')} ON rc.lead_id = r.id AND rc.is_conversion
       JOIN ${orders('o')} ON o.lead_id = r.id AND o.paid_at >= rc.paid_at AND o.paid_at >= cu.acquired_at
       GROUP BY 1, 2, 3
     ),
     spend AS (${s.spend}),
     costs AS (
       SELECT (extract(year FROM c.day) * 12 + extract(month FROM c.day) - 1)::int AS cm, sum(c.amount) AS amount
       FROM ${commerce.conversionCosts('c')} WHERE c.organization_id = $1 AND c.day >= $5::date AND c.day < $6::date GROUP BY 1
     ),
     labels AS (${s.labels})
     SELECT 'N' AS kind, grp, cm, NULL::int AS k, count(*)::text AS a, sum(first_net)::text AS b FROM customers GROUP BY grp, cm
     UNION ALL SELECT 'O', grp, cm, k, first_rev::text, repurchase_rev::text FROM own
     UNION ALL SELECT 'R', grp, cm, k, referral_rev::text, NULL FROM referral
     UNION ALL SELECT 'S', grp, cm, NULL, amount::text, NULL FROM spend
     UNION ALL SELECT 'K', '', cm, NULL, amount::text, NULL FROM costs
     UNION ALL SELECT 'L', grp, NULL, NULL, NULL, label FROM labels WHERE grp IN (SELECT grp FROM customers UNION SELECT grp FROM spend)`;
}

/**
 * The read models of revenue: funnel comparison, unit economics, cohort revenue, referral value.
 * Each report is one statement (run inside `ReadDb.run` by the services: the replica when configured).
 */
@Injectable()
export class RevenueRepository {
  constructor(private readonly db: Db) {}

  /** Funnel and unit-economics rows of one grouping ($1 org, $2/$3 instants, $4 horizon days, $5/$6 local dates). */
  funnelRows(groupBy: FunnelGroupBy, params: [string, Date, Date, number, string, string]): Promise<RevenueRow[]> {
    return this.db.query(funnelSql(groupBy), params);
  }

  /** Cohort revenue rows ($1 org, $2/$3 instants, $4 time zone, $5/$6 local dates). */
  cohortRevenueRows(groupBy: CohortRevenueGroupBy, params: [string, Date, Date, string, string, string]): Promise<CohortRevenueRawRow[]> {
    return this.db.query(cohortRevenueSql(groupBy), params);
  }

  /** Unit economics per lead tag for leads created in [from, to) ($4 horizon days, $5/$6 the range as local dates). */
  unitEconomicsRows(groupBy: UnitEconomicsTagGroupBy, params: [string, Date, Date, number, string, string]): Promise<RevenueRow[]> {
    return this.db.query(tagUnitEconomicsSql(groupBy), params);
  }

  /** The customers of [from, to) the caller may see with their referrals' revenue, most referral revenue first. */
  referralRows(
    q: { organizationId: string; from: Date; to: Date; ltvHorizonDays: number; cohortId: string | null; first: number },
    v: ReferralVisibility,
  ): Promise<Record<string, string | Date | null>[]> {
    return this.db.query(
      `WITH customers AS (
       SELECT l.id, l.name, c.paid_at AS converted_at FROM ${leads.leads('l')}
       JOIN ${orders('c')} ON c.lead_id = l.id AND c.is_conversion
       WHERE l.organization_id = $1 AND l.created_at >= $2 AND l.created_at < $3
         AND ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM ${sop.cohortLeads('cl')} WHERE cl.lead_id = l.id AND cl.cohort_id = $5))
         AND ($6::boolean
           OR l.owner_id = $7
           OR ($8::text <> 'MEMBER' AND l.squad_id = ANY($9::uuid[]))
           OR ($8::text = 'MEMBER' AND l.owner_id IS NULL AND l.squad_id = ANY($9::uuid[]))
           OR EXISTS (SELECT 1 FROM ${courseService.enrollments('e')} WHERE e.lead_id = l.id
                        AND (e.curator_id = $7 OR ($8::text <> 'MEMBER' AND e.curator_squad_id = ANY($10::uuid[])))))
     ),
     own AS (
       SELECT cu.id, sum(o.amount - o.refunded_amount) AS ltv FROM customers cu
       JOIN ${orders('o')} ON o.lead_id = cu.id AND o.paid_at >= cu.converted_at AND o.paid_at < cu.converted_at + make_interval(days => $4)
       GROUP BY cu.id
     ),
     refs AS (
       SELECT cu.id, count(DISTINCT r.id) AS n, coalesce(sum(o.amount - o.refunded_amount), 0) AS revenue
       FROM customers cu
       JOIN ${leads.leads('r')} ON r.referred_by_lead_id = cu.id AND r.organization_id = $1
       JOIN ${orders('rc')} ON rc.lead_id = r.id AND rc.is_conversion
       LEFT JOIN ${orders('o')} ON o.lead_id = r.id AND o.paid_at >= rc.paid_at AND o.paid_at < rc.paid_at + make_interval(days => $4)
       GROUP BY cu.id
     ),
     listed AS (
       SELECT cu.id, cu.name, cu.converted_at, coalesce(own.ltv, 0) AS ltv, coalesce(refs.n, 0) AS referrals, coalesce(refs.revenue, 0) AS referral_revenue,
              count(*) OVER () AS all_customers, sum(coalesce(refs.n, 0)) OVER () AS all_referrals, sum(coalesce(refs.revenue, 0)) OVER () AS all_revenue
       FROM customers cu LEFT JOIN own ON own.id = cu.id LEFT JOIN refs ON refs.id = cu.id
     )
     SELECT * FROM listed ORDER BY referral_revenue DESC, referrals DESC, id LIMIT $11`,
      [q.organizationId, q.from, q.to, q.ltvHorizonDays, q.cohortId, v.all, v.userId, v.role, v.readSquadIds, v.curatorSquadIds, q.first],
    );
  }

  /** The ids among `ids` of SOP cohorts of the organization. */
  async existingCohorts(organizationId: string, ids: string[]): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(`SELECT c.id FROM ${sop.cohorts('c')} WHERE c.organization_id = $1 AND c.id = ANY($2::uuid[])`, [
      organizationId,
      ids,
    ]);
    return rows.map((r) => r.id);
  }
}
