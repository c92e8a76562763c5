import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { badInput } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { AccessService } from '../organization/index.js';
import { Organization, Role } from '../organization/index.js';
import { DATE_MESSAGE } from '../common/formats.js';
import { checkedNumber } from '../common/money.js';
import { localDateProblem } from '../common/bounds.js';
import { ReadDb } from '../database/read-db.js';
import { FunnelGroupBy, FunnelService, referralColumns, type FunnelRow } from './funnel.service.js';

export enum UnitEconomicsGroupBy {
  COHORT = 'COHORT',
  CHANNEL = 'CHANNEL',
  CAMPAIGN = 'CAMPAIGN',
  /** The lead's SOP cohort (latest one), spend by its cohortId: the same rows as funnelComparison(COHORT). */
  SOP_COHORT = 'SOP_COHORT',
  /** The type of the lead's SOP cohort: as funnelComparison(COHORT_TYPE). */
  SOP_COHORT_TYPE = 'SOP_COHORT_TYPE',
}

/** The unit-economics columns, exactly as the funnel comparison computes them (and the CSV's order). */
export const UNIT_ECONOMICS_FIELDS = [
  'group',
  'leads',
  'payingCustomers',
  'conversionRate',
  'spend',
  'cac',
  'firstOrderRevenue',
  'conversionCost',
  'conversionCostPerCustomer',
  'unitEconomics',
  'ltv',
  'ltvToCac',
  'repurchaseRate',
  'kFactor',
  'paybackDays',
  // Referral value (docs/metrics.md "Referral value").
  'convertedReferrals',
  'referralRevenue',
  'referralValue',
  'ltvPlusReferralValue',
  'ltvPlusReferralToCac',
] as const satisfies readonly (keyof FunnelRow)[];

export type UnitEconomicsRow = Pick<FunnelRow, (typeof UNIT_ECONOMICS_FIELDS)[number]> & {
  /** SOP groupings: the cohort id or type key (null for "(none)"); tag groupings: the tag. */
  groupKey?: string | null;
};

function pickFields<T, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = row[k];
  return out;
}

/** Per-customer money values are rounded half away from zero to whole minor units. */
const roundMoney = (v: number) => Math.sign(v) * Math.round(Math.abs(v));
const per = (num: number, den: number) => (den > 0 ? num / den : null);

/**
 * Unit economics per cohort, channel or campaign for leads created in [from, to) (local dates in
 * the organization time zone). Exact formulas: docs/metrics.md. One SQL statement, on the read
 * replica when DATABASE_READ_URL is set (ReadDb).
 */
/** The groupings computed by the tag statement below (the SOP ones go through the funnel). */
type TagGroupBy = UnitEconomicsGroupBy.COHORT | UnitEconomicsGroupBy.CHANNEL | UnitEconomicsGroupBy.CAMPAIGN;

@Injectable()
export class UnitEconomicsService {
  constructor(
    private readonly readDb: ReadDb,
    private readonly access: AccessService,
    private readonly funnel: FunnelService,
  ) {}

  async unitEconomics(
    ctx: RequestContext,
    input: { groupBy: UnitEconomicsGroupBy; from: string; to: string; ltvHorizonDays: number },
  ): Promise<UnitEconomicsRow[]> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    if (input.groupBy === UnitEconomicsGroupBy.SOP_COHORT || input.groupBy === UnitEconomicsGroupBy.SOP_COHORT_TYPE) {
      // Same formulas, one implementation: the funnel statement computes these columns.
      const rows = await this.funnel.funnelComparison(ctx, {
        ...input,
        groupBy: input.groupBy === UnitEconomicsGroupBy.SOP_COHORT ? FunnelGroupBy.COHORT : FunnelGroupBy.COHORT_TYPE,
      });
      return rows.map((r) => ({ groupKey: r.groupKey, ...pickFields(r, UNIT_ECONOMICS_FIELDS) }));
    }
    const groupBy = input.groupBy; // a tag grouping from here on
    return this.readDb.run((m) => this.compute(m, ctx, { ...input, groupBy }));
  }

  /** The report on `m` (the read replica when configured). */
  private async compute(
    m: EntityManager,
    ctx: RequestContext,
    input: { groupBy: TagGroupBy; from: string; to: string; ltvHorizonDays: number },
  ): Promise<UnitEconomicsRow[]> {
    const org = await m.findOneOrFail(Organization, { where: { id: ctx.organizationId } });
    const from = DateTime.fromISO(input.from, { zone: org.timeZone });
    const to = DateTime.fromISO(input.to, { zone: org.timeZone });
    const fromProblem = localDateProblem(input.from) ?? (from.isValid ? null : DATE_MESSAGE);
    const toProblem = localDateProblem(input.to) ?? (to.isValid ? null : DATE_MESSAGE);
    if (fromProblem || toProblem) {
      throw badInput([
        ...(fromProblem ? [{ field: 'input.from', message: fromProblem }] : []),
        ...(toProblem ? [{ field: 'input.to', message: toProblem }] : []),
      ]);
    }
    if (to <= from) throw badInput([{ field: 'input.to', message: 'must be after from' }]);
    if (!Number.isInteger(input.ltvHorizonDays) || input.ltvHorizonDays < 1 || input.ltvHorizonDays > 3650) {
      throw badInput([{ field: 'input.ltvHorizonDays', message: 'must be a whole number of days from 1 to 3650' }]);
    }
    const leadKey = { COHORT: `coalesce(l.cohort_ref, '(none)')`, CHANNEL: `l.source::text`, CAMPAIGN: `coalesce(l.campaign, '(none)')` }[input.groupBy];
    const spendKey = { COHORT: `coalesce(s.cohort_ref, '(none)')`, CHANNEL: `s.channel::text`, CAMPAIGN: `coalesce(s.campaign, '(none)')` }[input.groupBy];
    const rows: Record<string, string | null>[] = await m.query(
      `WITH leads AS (
         SELECT l.id, ${leadKey} AS grp FROM lead l
         WHERE l.organization_id = $1 AND l.created_at >= $2 AND l.created_at < $3
       ),
       conv AS (
         SELECT o.lead_id, o.paid_at, o.amount - o.refunded_amount AS net FROM sales_order o
         WHERE o.organization_id = $1 AND o.is_conversion AND o.lead_id IN (SELECT id FROM leads)
       ),
       customer_orders AS (
         SELECT ld.grp, o.lead_id, o.amount - o.refunded_amount AS net, o.is_repurchase,
                floor(extract(epoch FROM (o.paid_at - c.paid_at)) / 86400)::int AS day_offset
         FROM conv c JOIN leads ld ON ld.id = c.lead_id
         JOIN sales_order o ON o.lead_id = c.lead_id AND o.paid_at >= c.paid_at AND o.paid_at < c.paid_at + make_interval(days => $4)
       ),
       referral_customers AS (
         SELECT ld.grp, r.id AS referral_id, rc.paid_at FROM conv c JOIN leads ld ON ld.id = c.lead_id
         JOIN lead r ON r.referred_by_lead_id = c.lead_id AND r.organization_id = $1
         JOIN sales_order rc ON rc.lead_id = r.id AND rc.is_conversion
       ),
       referrals AS (
         SELECT rcu.grp, count(DISTINCT rcu.referral_id) AS n, coalesce(sum(o.amount - o.refunded_amount), 0) AS revenue
         FROM referral_customers rcu
         LEFT JOIN sales_order o ON o.lead_id = rcu.referral_id AND o.paid_at >= rcu.paid_at AND o.paid_at < rcu.paid_at + make_interval(days => $4)
         GROUP BY rcu.grp
       ),
       spend AS (
         SELECT ${spendKey} AS grp, sum(s.amount) AS amount FROM acquisition_spend s
         WHERE s.organization_id = $1 AND s.day >= $5::date AND s.day < $6::date GROUP BY 1
       ),
       conv_cost AS (
         SELECT coalesce(sum(c.amount), 0) AS amount FROM conversion_cost c WHERE c.organization_id = $1 AND c.day >= $5::date AND c.day < $6::date
       ),
       totals AS (SELECT count(*) AS customers FROM conv),
       per_group AS (
         SELECT ld.grp, count(*) AS leads, count(c.lead_id) AS customers, coalesce(sum(c.net), 0) AS first_order_revenue
         FROM leads ld LEFT JOIN conv c ON c.lead_id = ld.id GROUP BY ld.grp
       ),
       ltv AS (
         SELECT grp, sum(net) AS revenue, count(DISTINCT lead_id) FILTER (WHERE is_repurchase) AS repurchasers FROM customer_orders GROUP BY grp
       ),
       cumulative AS (
         SELECT grp, day_offset, sum(sum(net)) OVER (PARTITION BY grp ORDER BY day_offset) AS cum
         FROM customer_orders GROUP BY grp, day_offset
       ),
       groups AS (SELECT grp FROM per_group UNION SELECT grp FROM spend)
       SELECT g.grp,
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
       CROSS JOIN conv_cost cc CROSS JOIN totals t
       ORDER BY g.grp`,
      [ctx.organizationId, from.toJSDate(), to.toJSDate(), input.ltvHorizonDays, input.from, input.to],
    );
    return rows.map((r) => {
      const customers = checkedNumber(r.customers, 'Unit economics');
      const spend = checkedNumber(r.spend, 'Unit economics');
      const allCustomers = checkedNumber(r.all_customers, 'Unit economics');
      const conversionCostTotal = checkedNumber(r.conversion_cost, 'Unit economics');
      const costPerCustomer = allCustomers > 0 ? conversionCostTotal / allCustomers : null;
      const cac = per(spend, customers);
      const firstOrderRevenue = checkedNumber(r.first_order_revenue, 'Unit economics');
      const ltv = per(checkedNumber(r.ltv_revenue, 'Unit economics'), customers);
      const referral = referralColumns(checkedNumber(r.referrals, 'Unit economics'), checkedNumber(r.referral_revenue, 'Unit economics'), customers, ltv, cac);
      return {
        group: String(r.grp),
        groupKey: r.grp === '(none)' ? null : String(r.grp),
        leads: checkedNumber(r.leads, 'Unit economics'),
        payingCustomers: customers,
        spend,
        cac: cac === null ? null : roundMoney(cac),
        conversionRate: per(customers, checkedNumber(r.leads, 'Unit economics')),
        firstOrderRevenue,
        conversionCost: costPerCustomer === null ? 0 : roundMoney(costPerCustomer * customers),
        conversionCostPerCustomer: costPerCustomer === null ? null : roundMoney(costPerCustomer),
        unitEconomics: customers > 0 && cac !== null ? roundMoney(firstOrderRevenue / customers - cac - (costPerCustomer ?? 0)) : null,
        ltv: ltv === null ? null : roundMoney(ltv),
        ltvToCac: ltv !== null && cac !== null && cac > 0 ? ltv / cac : null,
        repurchaseRate: per(checkedNumber(r.repurchasers, 'Unit economics'), customers),
        kFactor: per(checkedNumber(r.referrals, 'Unit economics'), customers),
        paybackDays: r.payback_days === null || customers === 0 ? null : Number(r.payback_days),
        ...referral,
      };
    });
  }
}
