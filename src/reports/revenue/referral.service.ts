import { Injectable } from '@nestjs/common';
import { badInput, notFound, type FieldError } from '../../common/errors.js';
import { isUuid } from '../../common/formats.js';
import { checkedNumber } from '../../common/money.js';
import type { RequestContext } from '../../common/request-context.js';
import { AccessService } from '../../organization/index.js';
import { Role, type AccessScope } from '../../organization/index.js';
import { roundMoney } from './funnel.service.js';
import { checkLocalRange } from '../../metrics/index.js';
import { ReadDb } from '../../database/read-db.js';
import { MetricsRepository } from '../../metrics/index.js';
import { RevenueRepository } from './revenue.repository.js';

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
    private readonly metrics: MetricsRepository,
    private readonly repo: RevenueRepository,
    private readonly readDb: ReadDb,
    private readonly access: AccessService,
  ) {}

  async referralValue(ctx: RequestContext, args: ReferralValueArgs): Promise<ReferralValueReport> {
    checkReferralArgs(args);
    const timeZone = await this.metrics.organizationTimeZone(ctx.organizationId);
    const { from, to } = checkLocalRange(timeZone, args, { from: 'input.from', to: 'input.to' });
    // AccessService still takes a manager (bridge until organization moves to Db).
    const scope = await this.access.scope(ctx);
    if (args.cohortId && (await this.repo.existingCohorts(ctx.organizationId, [args.cohortId])).length === 0) throw notFound('Cohort', args.cohortId);
    const rows = await this.readDb.run(() =>
      this.repo.referralRows(
        {
          organizationId: ctx.organizationId,
          from: from.toJSDate(),
          to: to.toJSDate(),
          ltvHorizonDays: args.ltvHorizonDays,
          cohortId: args.cohortId ?? null,
          first: args.first,
        },
        visibility(scope),
      ),
    );
    return toReferralReport(rows);
  }
}

function checkReferralArgs(args: ReferralValueArgs): void {
  const problems: FieldError[] = [];
  if (!Number.isInteger(args.ltvHorizonDays) || args.ltvHorizonDays < 1 || args.ltvHorizonDays > 3650) {
    problems.push({ field: 'input.ltvHorizonDays', message: 'must be a whole number of days from 1 to 3650' });
  }
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > 500) problems.push({ field: 'input.first', message: 'must be from 1 to 500' });
  if (args.cohortId != null && !isUuid(args.cohortId)) problems.push({ field: 'input.cohortId', message: 'must be a UUID' });
  if (problems.length) throw badInput(problems);
}

/** Customers a caller may list: their own leads and students, their squads' (a MEMBER: unowned leads of their squad), all for ADMIN. */
function visibility(scope: AccessScope) {
  return {
    all: scope.all,
    userId: scope.userId,
    role: scope.role,
    readSquadIds: scope.readSquadIds,
    curatorSquadIds: scope.role === Role.MEMBER ? [] : scope.manageSquadIds,
  };
}

/** The totals (window sums of every customer, present on each row) and the listed customers. */
function toReferralReport(rows: Record<string, string | Date | null>[]): ReferralValueReport {
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
