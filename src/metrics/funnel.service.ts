import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { badInput, notFound } from '../common/errors.js';
import { isUuid } from '../common/formats.js';
import { checkedNumber } from '../common/money.js';
import type { RequestContext } from '../common/request-context.js';
import { AccessService } from '../organization/index.js';
import { Organization, Role } from '../organization/index.js';
import { checkLocalRange } from './report-period.js';
import { ReadDb } from '../database/read-db.js';

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

export const FUNNEL_GROUPINGS = Object.values(FunnelGroupBy);
export const PRICE_TIER_ORDER = ['TRIAL', 'LOW', 'REGULAR', 'ADVANCED'] as const;
/** The label of the group of leads without a cohort / type / paid order. */
export const NONE_GROUP = '(none)';

export interface FunnelArgs {
  groupBy: FunnelGroupBy;
  /** Leads created from this local date (inclusive) … */
  from: string;
  /** … to this one (exclusive), organization time zone; at most 731 days. */
  to: string;
  ltvHorizonDays: number;
  /** Only these groups' rows (COHORT: cohort ids); the figures are those of the whole range. */
  cohortIds?: string[] | null;
}

/** One funnel row: plain values, so GraphQL and the CSV export render the same thing. */
export interface FunnelRow {
  /** Stable key: cohort id, cohort type key, price tier or product id; null for "(none)". */
  groupKey: string | null;
  group: string;
  leads: number;
  introLeads: number;
  introConversionRate: number | null;
  payingCustomers: number;
  conversionRate: number | null;
  ordersTrial: number;
  ordersLow: number;
  ordersRegular: number;
  ordersAdvanced: number;
  paidOrders: number;
  revenue: number;
  revenuePerLead: number | null;
  averageOrderValue: number | null;
  spend: number;
  cac: number | null;
  firstOrderRevenue: number;
  conversionCost: number;
  conversionCostPerCustomer: number | null;
  unitEconomics: number | null;
  ltv: number | null;
  ltvToCac: number | null;
  repurchaseRate: number | null;
  kFactor: number | null;
  paybackDays: number | null;
  convertedReferrals: number;
  referralRevenue: number;
  referralValue: number | null;
  ltvPlusReferralValue: number | null;
  ltvPlusReferralToCac: number | null;
}

/**
 * Referral value columns of a group: its customers' converted referrals, their net revenue
 * within the horizon after each referral's own conversion, that per customer (the referral
 * value), and `LTV + referral value` against CAC. Rounded half away from zero like LTV.
 */
export function referralColumns(
  convertedReferrals: number,
  referralRevenue: number,
  customers: number,
  ltvExact: number | null,
  cacExact: number | null,
): Pick<FunnelRow, 'convertedReferrals' | 'referralRevenue' | 'referralValue' | 'ltvPlusReferralValue' | 'ltvPlusReferralToCac'> {
  const value = customers > 0 ? referralRevenue / customers : null;
  const total = ltvExact !== null && value !== null ? ltvExact + value : null;
  return {
    convertedReferrals,
    referralRevenue,
    referralValue: value === null ? null : roundMoney(value),
    ltvPlusReferralValue: total === null ? null : roundMoney(total),
    ltvPlusReferralToCac: total !== null && cacExact !== null && cacExact > 0 ? total / cacExact : null,
  };
}

/** Per-customer money values are rounded half away from zero to whole minor units (as unit economics). */
export const roundMoney = (v: number) => Math.sign(v) * Math.round(Math.abs(v));
const per = (num: number, den: number) => (den > 0 ? num / den : null);

/** How leads get their group, and how acquisition spend reaches the groups, per grouping. */
function grouping(groupBy: FunnelGroupBy): { join: string; key: string; spend: string; labels: string; order: string } {
  // Set-based joins (hash joins on PostgreSQL with statistics: ~1M leads in a few seconds).
  const latestCohort = `LEFT JOIN (SELECT DISTINCT ON (cl.lead_id) cl.lead_id, c.id AS cohort_id, ct.key AS type_key
      FROM cohort_lead cl JOIN cohort c ON c.id = cl.cohort_id LEFT JOIN cohort_type ct ON ct.id = c.cohort_type_id
      WHERE c.organization_id = $1 ORDER BY cl.lead_id, c.start_date DESC, c.id DESC) lc ON lc.lead_id = l.id`;
  const firstOrder = `LEFT JOIN (SELECT DISTINCT ON (o.lead_id) o.lead_id, o.price_tier::text AS tier, o.product_id FROM sales_order o
      WHERE o.organization_id = $1 ORDER BY o.lead_id, o.paid_at, o.id) e ON e.lead_id = l.id`;
  const sharedSpend = `SELECT g.grp, (SELECT coalesce(sum(s.amount), 0) FROM acquisition_spend s
      WHERE s.organization_id = $1 AND s.day >= $5::date AND s.day < $6::date)::numeric * g.leads / nullif((SELECT count(*) FROM leads), 0) AS amount
      FROM (SELECT grp, count(*) AS leads FROM leads GROUP BY grp) g`;
  switch (groupBy) {
    case FunnelGroupBy.COHORT:
      return {
        join: latestCohort,
        key: `coalesce(lc.cohort_id::text, '')`,
        spend: `SELECT coalesce(s.cohort_id::text, '') AS grp, sum(s.amount) AS amount FROM acquisition_spend s
          WHERE s.organization_id = $1 AND s.day >= $5::date AND s.day < $6::date GROUP BY 1`,
        labels: `SELECT id::text AS grp, name AS label FROM cohort WHERE organization_id = $1`,
        order: `lb.label, g.grp`,
      };
    case FunnelGroupBy.COHORT_TYPE:
      return {
        join: latestCohort,
        key: `coalesce(lc.type_key, '')`,
        spend: `SELECT coalesce(ct.key, '') AS grp, sum(s.amount) AS amount FROM acquisition_spend s
          LEFT JOIN cohort c ON c.id = s.cohort_id LEFT JOIN cohort_type ct ON ct.id = c.cohort_type_id
          WHERE s.organization_id = $1 AND s.day >= $5::date AND s.day < $6::date GROUP BY 1`,
        labels: `SELECT key AS grp, name AS label FROM cohort_type WHERE organization_id = $1`,
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
        labels: `SELECT id::text AS grp, name AS label FROM product WHERE organization_id = $1`,
        order: `lb.label, g.grp`,
      };
  }
}

/**
 * The funnel and unit economics of one grouping in ONE statement. Parameters: $1 organization,
 * $2/$3 the range as instants, $4 the LTV horizon in days, $5/$6 the range as local dates.
 * The unit-economics columns follow the formulas of `unitEconomics` (docs/metrics.md); each lead
 * is read once with its group, conversion (at most one per lead) and intro flag, so no CTE is
 * joined to another whole CTE (the embedded database has no statistics until ANALYZE).
 */
export function funnelSql(groupBy: FunnelGroupBy): string {
  const g = grouping(groupBy);
  return `WITH leads AS (
       SELECT l.id, l.created_at, ${g.key} AS grp, cv.paid_at AS conv_at, cv.net AS conv_net,
              (l.stage = 'INTRO'
                OR EXISTS (SELECT 1 FROM cohort_lead cl WHERE cl.lead_id = l.id)
                OR EXISTS (SELECT 1 FROM lead_stage_change sc WHERE sc.lead_id = l.id AND sc.to_stage = 'INTRO')
                OR EXISTS (SELECT 1 FROM sales_order t WHERE t.lead_id = l.id AND t.price_tier = 'TRIAL')) AS intro
       FROM lead l ${g.join}
       LEFT JOIN (SELECT o.lead_id, o.paid_at, o.amount - o.refunded_amount AS net FROM sales_order o
                  WHERE o.organization_id = $1 AND o.is_conversion) cv ON cv.lead_id = l.id
       WHERE l.organization_id = $1 AND l.created_at >= $2 AND l.created_at < $3
     ),
     conv AS (SELECT id AS lead_id, grp, conv_at AS paid_at, conv_net AS net FROM leads WHERE conv_at IS NOT NULL),
     customer_orders AS (
       SELECT c.grp, o.lead_id, o.amount - o.refunded_amount AS net, o.is_repurchase,
              floor(extract(epoch FROM (o.paid_at - c.paid_at)) / 86400)::int AS day_offset
       FROM conv c
       JOIN sales_order o ON o.lead_id = c.lead_id AND o.paid_at >= c.paid_at AND o.paid_at < c.paid_at + make_interval(days => $4)
     ),
     referral_customers AS (
       SELECT c.grp, r.id AS referral_id, rc.paid_at FROM conv c
       JOIN lead r ON r.referred_by_lead_id = c.lead_id AND r.organization_id = $1
       JOIN sales_order rc ON rc.lead_id = r.id AND rc.is_conversion
     ),
     referrals AS (
       SELECT rcu.grp, count(DISTINCT rcu.referral_id) AS n, coalesce(sum(o.amount - o.refunded_amount), 0) AS revenue
       FROM referral_customers rcu
       LEFT JOIN sales_order o ON o.lead_id = rcu.referral_id AND o.paid_at >= rcu.paid_at AND o.paid_at < rcu.paid_at + make_interval(days => $4)
       GROUP BY rcu.grp
     ),
     spend AS (${g.spend}),
     conv_cost AS (
       SELECT coalesce(sum(c.amount), 0) AS amount FROM conversion_cost c WHERE c.organization_id = $1 AND c.day >= $5::date AND c.day < $6::date
     ),
     totals AS (SELECT count(*) AS customers FROM conv),
     per_group AS (
       SELECT grp, count(*) AS leads, count(conv_at) AS customers, coalesce(sum(conv_net), 0) AS first_order_revenue,
              count(*) FILTER (WHERE intro) AS intro_leads, count(conv_at) FILTER (WHERE intro) AS intro_customers
       FROM leads GROUP BY grp
     ),
     window_orders AS (
       SELECT ld.grp, count(*) AS orders, sum(o.amount) AS gross, sum(o.amount - o.refunded_amount) AS net,
              count(*) FILTER (WHERE o.price_tier = 'TRIAL') AS trial, count(*) FILTER (WHERE o.price_tier = 'LOW') AS low,
              count(*) FILTER (WHERE o.price_tier = 'REGULAR') AS regular, count(*) FILTER (WHERE o.price_tier = 'ADVANCED') AS advanced
       FROM leads ld JOIN sales_order o ON o.lead_id = ld.id AND o.paid_at < ld.created_at + make_interval(days => $4)
       GROUP BY ld.grp
     ),
     ltv AS (
       SELECT grp, sum(net) AS revenue, count(DISTINCT lead_id) FILTER (WHERE is_repurchase) AS repurchasers FROM customer_orders GROUP BY grp
     ),
     cumulative AS (
       SELECT grp, day_offset, sum(sum(net)) OVER (PARTITION BY grp ORDER BY day_offset) AS cum
       FROM customer_orders GROUP BY grp, day_offset
     ),
     labels AS (${g.labels}),
     groups AS (SELECT grp FROM per_group UNION SELECT grp FROM spend)
     SELECT g.grp, lb.label,
            coalesce(pg.leads, 0) AS leads, coalesce(pg.customers, 0) AS customers, coalesce(pg.first_order_revenue, 0) AS first_order_revenue,
            coalesce(pg.intro_leads, 0) AS intro_leads, coalesce(pg.intro_customers, 0) AS intro_customers,
            coalesce(wo.orders, 0) AS orders, coalesce(wo.gross, 0) AS gross, coalesce(wo.net, 0) AS revenue,
            coalesce(wo.trial, 0) AS trial, coalesce(wo.low, 0) AS low, coalesce(wo.regular, 0) AS regular, coalesce(wo.advanced, 0) AS advanced,
            coalesce(sp.amount, 0) AS spend, cc.amount AS conversion_cost, t.customers AS all_customers,
            coalesce(lt.revenue, 0) AS ltv_revenue, coalesce(lt.repurchasers, 0) AS repurchasers, coalesce(rf.n, 0) AS referrals,
            coalesce(rf.revenue, 0) AS referral_revenue,
            (SELECT min(cu.day_offset) FROM cumulative cu
              WHERE cu.grp = g.grp AND cu.cum >= coalesce(sp.amount, 0) + CASE WHEN t.customers > 0 THEN cc.amount * coalesce(pg.customers, 0) / t.customers ELSE 0 END) AS payback_days
     FROM groups g
     LEFT JOIN per_group pg ON pg.grp = g.grp
     LEFT JOIN spend sp ON sp.grp = g.grp
     LEFT JOIN window_orders wo ON wo.grp = g.grp
     LEFT JOIN ltv lt ON lt.grp = g.grp
     LEFT JOIN referrals rf ON rf.grp = g.grp
     LEFT JOIN labels lb ON lb.grp = g.grp
     CROSS JOIN conv_cost cc CROSS JOIN totals t
     ORDER BY g.grp = '', ${g.order}`;
}

/** Turns the statement's rows into funnel rows (the same arithmetic as unitEconomics). */
export function toFunnelRows(rows: Record<string, string | null>[]): FunnelRow[] {
  const n = (v: string | null) => checkedNumber(v, 'Funnel comparison');
  return rows.map((r) => {
    const leads = n(r.leads);
    const customers = n(r.customers);
    const spendExact = Number(r.spend ?? 0);
    const allCustomers = n(r.all_customers);
    const costPerCustomer = allCustomers > 0 ? n(r.conversion_cost) / allCustomers : null;
    const cac = per(spendExact, customers);
    const firstOrderRevenue = n(r.first_order_revenue);
    const ltv = per(n(r.ltv_revenue), customers);
    const orders = n(r.orders);
    const revenue = n(r.revenue);
    const introLeads = n(r.intro_leads);
    return {
      groupKey: r.grp === '' || r.grp === null ? null : r.grp,
      group: r.grp === '' || r.grp === null ? NONE_GROUP : (r.label ?? r.grp),
      leads,
      introLeads,
      introConversionRate: per(n(r.intro_customers), introLeads),
      payingCustomers: customers,
      conversionRate: per(customers, leads),
      ordersTrial: n(r.trial),
      ordersLow: n(r.low),
      ordersRegular: n(r.regular),
      ordersAdvanced: n(r.advanced),
      paidOrders: orders,
      revenue,
      revenuePerLead: leads > 0 ? roundMoney(revenue / leads) : null,
      averageOrderValue: orders > 0 ? roundMoney(n(r.gross) / orders) : null,
      spend: roundMoney(spendExact),
      cac: cac === null ? null : roundMoney(cac),
      firstOrderRevenue,
      conversionCost: costPerCustomer === null ? 0 : roundMoney(costPerCustomer * customers),
      conversionCostPerCustomer: costPerCustomer === null ? null : roundMoney(costPerCustomer),
      unitEconomics: customers > 0 && cac !== null ? roundMoney(firstOrderRevenue / customers - cac - (costPerCustomer ?? 0)) : null,
      ltv: ltv === null ? null : roundMoney(ltv),
      ltvToCac: ltv !== null && cac !== null && cac > 0 ? ltv / cac : null,
      repurchaseRate: per(n(r.repurchasers), customers),
      kFactor: per(n(r.referrals), customers),
      paybackDays: r.payback_days === null || customers === 0 ? null : Number(r.payback_days),
      ...referralColumns(n(r.referrals), n(r.referral_revenue), customers, ltv, cac),
    };
  });
}

/**
 * Funnel comparison of distribution models, cohorts, price tiers and products: leads, INTRO →
 * purchase conversion, orders by tier, revenue per lead, AOV and the unit-economics columns.
 * ADMIN and MANAGER (spend is organization-wide), as unitEconomics. One statement after the
 * checks (plus one to check `cohortIds`). Definitions: docs/metrics.md "Funnel comparison".
 */
@Injectable()
export class FunnelService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readDb: ReadDb,
    private readonly access: AccessService,
  ) {}

  async funnelComparison(ctx: RequestContext, args: FunnelArgs): Promise<FunnelRow[]> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const problems = [];
    if (!FUNNEL_GROUPINGS.includes(args.groupBy)) problems.push({ field: 'input.groupBy', message: `must be one of ${FUNNEL_GROUPINGS.join(', ')}` });
    if (!Number.isInteger(args.ltvHorizonDays) || args.ltvHorizonDays < 1 || args.ltvHorizonDays > 3650) {
      problems.push({ field: 'input.ltvHorizonDays', message: 'must be a whole number of days from 1 to 3650' });
    }
    const cohortIds = args.cohortIds ?? null;
    if (cohortIds) {
      if (args.groupBy !== FunnelGroupBy.COHORT) problems.push({ field: 'input.cohortIds', message: 'filters groupBy COHORT only' });
      if (cohortIds.length < 1 || cohortIds.length > 200) problems.push({ field: 'input.cohortIds', message: 'give 1 to 200 cohort ids' });
      cohortIds.forEach((id, i) => {
        if (!isUuid(id)) problems.push({ field: `input.cohortIds.${i}`, message: 'must be a UUID' });
      });
    }
    if (problems.length) throw badInput(problems);
    const org = await this.dataSource.manager.findOneOrFail(Organization, { where: { id: ctx.organizationId } });
    const { from, to } = checkLocalRange(org.timeZone, args, { from: 'input.from', to: 'input.to' });
    if (cohortIds) {
      const found: { id: string }[] = await this.dataSource.query('SELECT id FROM cohort WHERE organization_id = $1 AND id = ANY($2::uuid[])', [
        ctx.organizationId,
        cohortIds,
      ]);
      const missing = cohortIds.find((id) => !found.some((f) => f.id === id));
      if (missing) throw notFound('Cohort', missing);
    }
    const rows: Record<string, string | null>[] = await this.readDb.run((m) =>
      m.query(funnelSql(args.groupBy), [ctx.organizationId, from.toJSDate(), to.toJSDate(), args.ltvHorizonDays, args.from, args.to]),
    );
    const out = toFunnelRows(rows);
    return cohortIds ? out.filter((r) => r.groupKey !== null && cohortIds.includes(r.groupKey)) : out;
  }
}
