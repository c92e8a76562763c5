import { Injectable } from '@nestjs/common';
import { badInput, notFound } from '../../common/errors.js';
import { isUuid } from '../../common/formats.js';
import { checkedNumber } from '../../common/money.js';
import type { RequestContext } from '../../common/request-context.js';
import { AccessService } from '../../organization/index.js';
import { Role } from '../../organization/index.js';
import { checkLocalRange } from '../../metrics/index.js';
import { ReadDb } from '../../database/read-db.js';
import { MetricsRepository } from '../../metrics/index.js';
import { FunnelGroupBy, RevenueRepository } from './revenue.repository.js';

export { FunnelGroupBy };

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
    private readonly metrics: MetricsRepository,
    private readonly repo: RevenueRepository,
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
    const timeZone = await this.metrics.organizationTimeZone(ctx.organizationId);
    const { from, to } = checkLocalRange(timeZone, args, { from: 'input.from', to: 'input.to' });
    if (cohortIds) {
      const found = await this.repo.existingCohorts(ctx.organizationId, cohortIds);
      const missing = cohortIds.find((id) => !found.includes(id));
      if (missing) throw notFound('Cohort', missing);
    }
    const rows = await this.readDb.run(() =>
      this.repo.funnelRows(args.groupBy, [ctx.organizationId, from.toJSDate(), to.toJSDate(), args.ltvHorizonDays, args.from, args.to]),
    );
    const out = toFunnelRows(rows);
    return cohortIds ? out.filter((r) => r.groupKey !== null && cohortIds.includes(r.groupKey)) : out;
  }
}
