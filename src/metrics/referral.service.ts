import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { badInput, notFound, type FieldError } from '../common/errors.js';
import { isUuid } from '../common/formats.js';
import { checkedNumber } from '../common/money.js';
import type { RequestContext } from '../common/request-context.js';
import { AccessService } from '../organization/index.js';
import { Organization, Role } from '../organization/index.js';
import { roundMoney } from './funnel.service.js';
import { checkLocalRange } from './report-period.js';
import { ReadDb } from '../database/read-db.js';

export interface ReferralValueArgs {
  from: string;
  to: string;
  ltvHorizonDays: number;
  /** Only customers in this SOP cohort. */
  cohortId?: string | null;
  /** How many customers to list (1–500), most referral revenue first. */
  first: number;
}

export interface ReferrerRow {
  leadId: string;
  name: string;
  convertedAt: Date;
  /** The customer's own net revenue within the horizon after their conversion. */
  ltv: number;
  convertedReferrals: number;
  referralRevenue: number;
  ltvPlusReferralValue: number;
}

export interface ReferralValueReport {
  customers: number;
  convertedReferrals: number;
  referralRevenue: number;
  kFactor: number | null;
  referralValue: number | null;
  rows: ReferrerRow[];
}

/**
 * Referral value per customer: for the customers (leads created in the range that converted) the
 * caller may see, the leads they referred that converted and those referrals' net revenue
 * within the horizon after each referral's conversion. One statement after the checks.
 */
@Injectable()
export class ReferralService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readDb: ReadDb,
    private readonly access: AccessService,
  ) {}

  async referralValue(ctx: RequestContext, args: ReferralValueArgs): Promise<ReferralValueReport> {
    const problems: FieldError[] = [];
    if (!Number.isInteger(args.ltvHorizonDays) || args.ltvHorizonDays < 1 || args.ltvHorizonDays > 3650) {
      problems.push({ field: 'input.ltvHorizonDays', message: 'must be a whole number of days from 1 to 3650' });
    }
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > 500) problems.push({ field: 'input.first', message: 'must be from 1 to 500' });
    if (args.cohortId != null && !isUuid(args.cohortId)) problems.push({ field: 'input.cohortId', message: 'must be a UUID' });
    if (problems.length) throw badInput(problems);
    const org = await this.dataSource.manager.findOneOrFail(Organization, { where: { id: ctx.organizationId } });
    const { from, to } = checkLocalRange(org.timeZone, args, { from: 'input.from', to: 'input.to' });
    const scope = await this.access.scope(ctx);
    if (args.cohortId) {
      const [cohort] = await this.dataSource.query('SELECT 1 FROM cohort WHERE id = $1 AND organization_id = $2', [args.cohortId, ctx.organizationId]);
      if (!cohort) throw notFound('Cohort', args.cohortId);
    }
    const rows: Record<string, string | Date | null>[] = await this.readDb.run((m) =>
      m.query(
        `WITH customers AS (
         SELECT l.id, l.name, c.paid_at AS converted_at FROM lead l
         JOIN sales_order c ON c.lead_id = l.id AND c.is_conversion
         WHERE l.organization_id = $1 AND l.created_at >= $2 AND l.created_at < $3
           AND ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM cohort_lead cl WHERE cl.lead_id = l.id AND cl.cohort_id = $5))
           AND ($6::boolean
             OR l.owner_id = $7
             OR ($8::text <> 'MEMBER' AND l.squad_id = ANY($9::uuid[]))
             OR ($8::text = 'MEMBER' AND l.owner_id IS NULL AND l.squad_id = ANY($9::uuid[]))
             OR EXISTS (SELECT 1 FROM enrollment e WHERE e.lead_id = l.id
                          AND (e.curator_id = $7 OR ($8::text <> 'MEMBER' AND e.curator_squad_id = ANY($10::uuid[])))))
       ),
       own AS (
         SELECT cu.id, sum(o.amount - o.refunded_amount) AS ltv FROM customers cu
         JOIN sales_order o ON o.lead_id = cu.id AND o.paid_at >= cu.converted_at AND o.paid_at < cu.converted_at + make_interval(days => $4)
         GROUP BY cu.id
       ),
       refs AS (
         SELECT cu.id, count(DISTINCT r.id) AS n, coalesce(sum(o.amount - o.refunded_amount), 0) AS revenue
         FROM customers cu
         JOIN lead r ON r.referred_by_lead_id = cu.id AND r.organization_id = $1
         JOIN sales_order rc ON rc.lead_id = r.id AND rc.is_conversion
         LEFT JOIN sales_order o ON o.lead_id = r.id AND o.paid_at >= rc.paid_at AND o.paid_at < rc.paid_at + make_interval(days => $4)
         GROUP BY cu.id
       ),
       listed AS (
         SELECT cu.id, cu.name, cu.converted_at, coalesce(own.ltv, 0) AS ltv, coalesce(refs.n, 0) AS referrals, coalesce(refs.revenue, 0) AS referral_revenue,
                count(*) OVER () AS all_customers, sum(coalesce(refs.n, 0)) OVER () AS all_referrals, sum(coalesce(refs.revenue, 0)) OVER () AS all_revenue
         FROM customers cu LEFT JOIN own ON own.id = cu.id LEFT JOIN refs ON refs.id = cu.id
       )
       SELECT * FROM listed ORDER BY referral_revenue DESC, referrals DESC, id LIMIT $11`,
        [
          ctx.organizationId,
          from.toJSDate(),
          to.toJSDate(),
          args.ltvHorizonDays,
          args.cohortId ?? null,
          scope.all,
          scope.userId,
          scope.role,
          scope.readSquadIds,
          scope.role === Role.MEMBER ? [] : scope.manageSquadIds,
          args.first,
        ],
      ),
    );
    const n = (v: unknown) => checkedNumber(v, 'Referral value');
    const customers = rows.length ? n(rows[0].all_customers) : 0;
    const convertedReferrals = rows.length ? n(rows[0].all_referrals) : 0;
    const referralRevenue = rows.length ? n(rows[0].all_revenue) : 0;
    return {
      customers,
      convertedReferrals,
      referralRevenue,
      kFactor: customers > 0 ? convertedReferrals / customers : null,
      referralValue: customers > 0 ? roundMoney(referralRevenue / customers) : null,
      rows: rows.map((r) => ({
        leadId: String(r.id),
        name: String(r.name),
        convertedAt: new Date(r.converted_at as Date),
        ltv: n(r.ltv),
        convertedReferrals: n(r.referrals),
        referralRevenue: n(r.referral_revenue),
        ltvPlusReferralValue: n(r.ltv) + n(r.referral_revenue),
      })),
    };
  }
}
