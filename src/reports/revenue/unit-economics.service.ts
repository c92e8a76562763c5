import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { badInput } from '../../common/errors.js';
import type { RequestContext } from '../../common/request-context.js';
import { AccessService } from '../../organization/index.js';
import { Role } from '../../organization/index.js';
import { DATE_MESSAGE } from '../../common/formats.js';
import { checkedNumber } from '../../common/money.js';
import { localDateProblem } from '../../common/bounds.js';
import { ReadDb } from '../../database/read-db.js';
import { FunnelGroupBy, FunnelService, referralColumns, type FunnelRow } from './funnel.service.js';
import { MetricsRepository } from '../../metrics/index.js';
import { RevenueRepository, type RevenueRow } from './revenue.repository.js';

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
    private readonly metrics: MetricsRepository,
    private readonly repo: RevenueRepository,
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
    return this.readDb.run(() => this.compute(ctx, { ...input, groupBy }));
  }

  /** The report on the current manager (the read replica inside `ReadDb.run`). */
  private async compute(ctx: RequestContext, input: { groupBy: TagGroupBy; from: string; to: string; ltvHorizonDays: number }): Promise<UnitEconomicsRow[]> {
    const timeZone = await this.metrics.organizationTimeZone(ctx.organizationId);
    const { from, to } = checkUnitEconomicsInput(input, timeZone);
    const rows = await this.repo.unitEconomicsRows(input.groupBy, [
      ctx.organizationId,
      from.toJSDate(),
      to.toJSDate(),
      input.ltvHorizonDays,
      input.from,
      input.to,
    ]);
    return rows.map(toUnitEconomicsRow);
  }
}

/** The range as instants in the organization's time zone, after checking the dates and the horizon. */
function checkUnitEconomicsInput(input: { from: string; to: string; ltvHorizonDays: number }, timeZone: string): { from: DateTime; to: DateTime } {
  const from = DateTime.fromISO(input.from, { zone: timeZone });
  const to = DateTime.fromISO(input.to, { zone: timeZone });
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
  return { from, to };
}

/** One group's sums turned into the unit-economics columns (formulas: docs/metrics.md). */
function toUnitEconomicsRow(r: RevenueRow): UnitEconomicsRow {
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
}
