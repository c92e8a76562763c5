import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { monthIndexOf, monthLabel, monthsOfRange } from '@lib/schedule';
import { cohortCurve, type CohortCell, type CohortCurvePoint } from '@lib/stats';
import type { DataSource } from 'typeorm';
import { badInput, type FieldError } from '../common/errors.js';
import { checkedNumber } from '../common/money.js';
import type { RequestContext } from '../common/request-context.js';
import { AccessService } from '../organization/index.js';
import { Organization, Role } from '../organization/index.js';
import { NONE_GROUP, roundMoney } from './funnel.service.js';
import { checkLocalRange } from './report-period.js';
import { ReadDb } from '../database/read-db.js';

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

function segmentOf(groupBy: CohortRevenueGroupBy): { join: string; key: string; spend: string; labels: string } {
  const latestCohort = `LEFT JOIN LATERAL (SELECT c2.id AS cohort_id, ct.key AS type_key
      FROM cohort_lead cl JOIN cohort c2 ON c2.id = cl.cohort_id LEFT JOIN cohort_type ct ON ct.id = c2.cohort_type_id
      WHERE cl.lead_id = c.lead_id ORDER BY c2.start_date DESC, c2.id DESC LIMIT 1) lc ON true`;
  const spendMonth = `(extract(year FROM s.day) * 12 + extract(month FROM s.day) - 1)::int`;
  const spendRange = `s.organization_id = $1 AND s.day >= $5::date AND s.day < $6::date`;
  const shared = `SELECT '' AS grp, ${spendMonth} AS cm, sum(s.amount) AS amount FROM acquisition_spend s WHERE ${spendRange} GROUP BY 2`;
  switch (groupBy) {
    case CohortRevenueGroupBy.ALL:
      return { join: '', key: `''`, spend: shared, labels: `SELECT NULL::text AS grp, NULL::text AS label WHERE false` };
    case CohortRevenueGroupBy.CHANNEL:
      return {
        join: '',
        key: `l.source::text`,
        spend: `SELECT s.channel::text AS grp, ${spendMonth} AS cm, sum(s.amount) AS amount FROM acquisition_spend s WHERE ${spendRange} GROUP BY 1, 2`,
        labels: `SELECT NULL::text AS grp, NULL::text AS label WHERE false`,
      };
    case CohortRevenueGroupBy.COHORT:
      return {
        join: latestCohort,
        key: `coalesce(lc.cohort_id::text, '')`,
        spend: `SELECT coalesce(s.cohort_id::text, '') AS grp, ${spendMonth} AS cm, sum(s.amount) AS amount FROM acquisition_spend s WHERE ${spendRange} GROUP BY 1, 2`,
        labels: `SELECT id::text AS grp, name AS label FROM cohort WHERE organization_id = $1`,
      };
    case CohortRevenueGroupBy.COHORT_TYPE:
      return {
        join: latestCohort,
        key: `coalesce(lc.type_key, '')`,
        spend: `SELECT coalesce(ct.key, '') AS grp, ${spendMonth} AS cm, sum(s.amount) AS amount FROM acquisition_spend s
                LEFT JOIN cohort sc ON sc.id = s.cohort_id LEFT JOIN cohort_type ct ON ct.id = sc.cohort_type_id WHERE ${spendRange} GROUP BY 1, 2`,
        labels: `SELECT key AS grp, name AS label FROM cohort_type WHERE organization_id = $1`,
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
       FROM sales_order c JOIN lead l ON l.id = c.lead_id ${s.join}
       WHERE c.organization_id = $1 AND c.is_conversion AND c.paid_at >= $2 AND c.paid_at < $3
     ),
     own AS (
       SELECT cu.grp, cu.cm, ${month('o.paid_at')} - cu.cm AS k,
              coalesce(sum(o.amount - o.refunded_amount) FILTER (WHERE o.is_conversion), 0) AS first_rev,
              coalesce(sum(o.amount - o.refunded_amount) FILTER (WHERE NOT o.is_conversion), 0) AS repurchase_rev
       FROM customers cu JOIN sales_order o ON o.lead_id = cu.lead_id AND o.paid_at >= cu.acquired_at
       GROUP BY 1, 2, 3
     ),
     referral AS (
       SELECT cu.grp, cu.cm, ${month('o.paid_at')} - cu.cm AS k, sum(o.amount - o.refunded_amount) AS referral_rev
       FROM customers cu
       JOIN lead r ON r.referred_by_lead_id = cu.lead_id AND r.organization_id = $1
       JOIN sales_order rc ON rc.lead_id = r.id AND rc.is_conversion
       JOIN sales_order o ON o.lead_id = r.id AND o.paid_at >= rc.paid_at AND o.paid_at >= cu.acquired_at
       GROUP BY 1, 2, 3
     ),
     spend AS (${s.spend}),
     costs AS (
       SELECT (extract(year FROM c.day) * 12 + extract(month FROM c.day) - 1)::int AS cm, sum(c.amount) AS amount
       FROM conversion_cost c WHERE c.organization_id = $1 AND c.day >= $5::date AND c.day < $6::date GROUP BY 1
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
 * Revenue per acquired customer by months since acquisition (a cohort month × month-since table,
 * cumulative), first orders, repurchases and referral revenue apart, with each acquisition
 * month's unit economics. ADMIN and MANAGER. Definitions: docs/metrics.md "Cohort revenue".
 */
@Injectable()
export class CohortRevenueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const org = await this.dataSource.manager.findOneOrFail(Organization, { where: { id: ctx.organizationId } });
    const range = { from: args.acquiredFrom, to: args.acquiredTo };
    const { from, to } = checkLocalRange(org.timeZone, range, { from: 'input.acquiredFrom', to: 'input.acquiredTo' });
    const rows: { kind: string; grp: string | null; cm: number | null; k: number | null; a: string | null; b: string | null }[] = await this.readDb.run((m) =>
      m.query(cohortRevenueSql(args.groupBy), [ctx.organizationId, from.toJSDate(), to.toJSDate(), org.timeZone, args.acquiredFrom, args.acquiredTo]),
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
