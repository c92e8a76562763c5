import { Injectable } from '@nestjs/common';
import { monthIndexOf, monthLabel, monthsOfRange } from '@lib/schedule';
import { cohortCurve, type CohortCell, type CohortCurvePoint } from '@lib/stats';
import { badInput, type FieldError } from '../../common/errors.js';
import { checkedNumber } from '../../common/money.js';
import type { RequestContext } from '../../common/request-context.js';
import { AccessService } from '../../organization/index.js';
import { Role } from '../../organization/index.js';
import { NONE_GROUP, roundMoney } from './funnel.service.js';
import { checkLocalRange } from '../../metrics/index.js';
import { ReadDb } from '../../database/read-db.js';
import { MetricsRepository } from '../../metrics/index.js';
import { CohortRevenueGroupBy, RevenueRepository } from './revenue.repository.js';

export { CohortRevenueGroupBy };
export const COHORT_REVENUE_GROUPINGS = Object.values(CohortRevenueGroupBy);

export interface CohortRevenueArgs {
  groupBy: CohortRevenueGroupBy;
  /** Customers acquired (converted) from this local date (inclusive) … */
  acquiredFrom: string;
  /** … to this one (exclusive); at most 731 days. */
  acquiredTo: string;
  /** Months since acquisition to show (1–36), fewer when not yet observable. */
  months: number;
}

export interface CohortRevenueRow {
  groupKey: string | null;
  group: string;
  /** 'YYYY-MM', the acquisition month in the organization's time zone. */
  cohortMonth: string;
  customers: number;
  /** The month's unit economics (spend and costs of the acquisition month). */
  firstOrderRevenue: number;
  spend: number;
  cac: number | null;
  conversionCostPerCustomer: number | null;
  unitEconomics: number | null;
  curve: CohortCurvePoint[];
}

const PRICE_TIERS = ['TRIAL', 'LOW', 'REGULAR', 'ADVANCED'];

/**
 * Revenue per acquired customer by months since acquisition (a cohort month × month-since table,
 * cumulative), first orders, repurchases and referral revenue apart, with each acquisition
 * month's unit economics. ADMIN and MANAGER. Definitions: docs/metrics.md "Cohort revenue".
 */
@Injectable()
export class CohortRevenueService {
  constructor(
    private readonly metrics: MetricsRepository,
    private readonly repo: RevenueRepository,
    private readonly readDb: ReadDb,
    private readonly access: AccessService,
  ) {}

  async cohortRevenue(ctx: RequestContext, args: CohortRevenueArgs, now = new Date()): Promise<CohortRevenueRow[]> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const problems: FieldError[] = [];
    if (!COHORT_REVENUE_GROUPINGS.includes(args.groupBy))
      problems.push({ field: 'input.groupBy', message: `must be one of ${COHORT_REVENUE_GROUPINGS.join(', ')}` });
    if (!Number.isInteger(args.months) || args.months < 1 || args.months > 36) problems.push({ field: 'input.months', message: 'must be from 1 to 36' });
    if (problems.length) throw badInput(problems);
    const org = { timeZone: await this.metrics.organizationTimeZone(ctx.organizationId) };
    const range = { from: args.acquiredFrom, to: args.acquiredTo };
    const { from, to } = checkLocalRange(org.timeZone, range, { from: 'input.acquiredFrom', to: 'input.acquiredTo' });
    const rows = await this.readDb.run(() =>
      this.repo.cohortRevenueRows(args.groupBy, [ctx.organizationId, from.toJSDate(), to.toJSDate(), org.timeZone, args.acquiredFrom, args.acquiredTo]),
    );
    const n = (v: unknown) => checkedNumber(v, 'Cohort revenue');
    const key = (grp: string | null, cm: number | null) => `${grp ?? ''}|${cm}`;
    const customers = new Map<string, { n: number; first: number }>();
    const cells = new Map<string, CohortCell[]>();
    const spend = new Map<string, number>();
    const costs = new Map<number, number>();
    const labels = new Map<string, string>();
    const groups = new Set<string>();
    const customersOfMonth = new Map<number, number>();
    const cell = (k: string) => cells.get(k) ?? (cells.set(k, []), cells.get(k)!);
    for (const r of rows) {
      const cm = r.cm === null ? null : Number(r.cm);
      if (r.kind === 'N') {
        customers.set(key(r.grp, cm), { n: n(r.a), first: n(r.b) });
        customersOfMonth.set(cm!, (customersOfMonth.get(cm!) ?? 0) + n(r.a));
        groups.add(r.grp ?? '');
      } else if (r.kind === 'O') {
        cell(key(r.grp, cm)).push({ monthsSince: Number(r.k), firstOrderRevenue: n(r.a), repurchaseRevenue: n(r.b), referralRevenue: 0 });
      } else if (r.kind === 'R') {
        cell(key(r.grp, cm)).push({ monthsSince: Number(r.k), firstOrderRevenue: 0, repurchaseRevenue: 0, referralRevenue: n(r.a) });
      } else if (r.kind === 'S') {
        spend.set(key(r.grp, cm), n(r.a));
        if (args.groupBy !== CohortRevenueGroupBy.PRICE_TIER) groups.add(r.grp ?? '');
      } else if (r.kind === 'K') {
        costs.set(cm!, n(r.a));
      } else if (r.kind === 'L') {
        labels.set(r.grp ?? '', r.b ?? r.grp ?? '');
      }
    }
    const nowMonth = monthIndexOf(now, org.timeZone);
    const cohortMonths = monthsOfRange(args.acquiredFrom, args.acquiredTo);
    if (groups.size === 0) groups.add('');
    const ordered = [...groups].sort((a, b) => this.order(args.groupBy, a, b, labels));
    const shared = args.groupBy === CohortRevenueGroupBy.PRICE_TIER;
    const out: CohortRevenueRow[] = [];
    for (const grp of ordered) {
      for (const cm of cohortMonths) {
        const c = customers.get(key(grp, cm)) ?? { n: 0, first: 0 };
        const allOfMonth = customersOfMonth.get(cm) ?? 0;
        const spendExact = shared ? ((spend.get(key('', cm)) ?? 0) * c.n) / Math.max(allOfMonth, 1) : (spend.get(key(grp, cm)) ?? 0);
        const cac = c.n > 0 ? spendExact / c.n : null;
        const costPerCustomer = allOfMonth > 0 ? (costs.get(cm) ?? 0) / allOfMonth : null;
        out.push({
          groupKey: args.groupBy === CohortRevenueGroupBy.ALL || grp === '' ? null : grp,
          group: args.groupBy === CohortRevenueGroupBy.ALL ? 'All' : grp === '' ? NONE_GROUP : (labels.get(grp) ?? grp),
          cohortMonth: monthLabel(cm),
          customers: c.n,
          firstOrderRevenue: c.first,
          spend: roundMoney(spendExact),
          cac: cac === null ? null : roundMoney(cac),
          conversionCostPerCustomer: costPerCustomer === null ? null : roundMoney(costPerCustomer),
          unitEconomics: cac === null ? null : roundMoney(c.first / c.n - cac - (costPerCustomer ?? 0)),
          curve: cohortCurve(c.n, cells.get(key(grp, cm)) ?? [], Math.min(args.months, nowMonth - cm + 1)),
        });
      }
    }
    return out;
  }

  private order(groupBy: CohortRevenueGroupBy, a: string, b: string, labels: Map<string, string>): number {
    if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
    if (groupBy === CohortRevenueGroupBy.PRICE_TIER) return PRICE_TIERS.indexOf(a) - PRICE_TIERS.indexOf(b);
    return (labels.get(a) ?? a).localeCompare(labels.get(b) ?? b) || a.localeCompare(b);
  }
}
