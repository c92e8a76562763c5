import { Args, Query, Resolver } from '@nestjs/graphql';
import { Ctx } from '../../common/auth-decorators.js';
import { AGGREGATE_COST } from '../../common/graphql/limits.js';
import type { RequestContext } from '../../common/request-context.js';
import { FunnelService } from './funnel.service.js';
import {
  CohortRevenueInput,
  CohortRevenueRowModel,
  FunnelComparisonInput,
  FunnelRowModel,
  ReferralValueInput,
  ReferralValueReportModel,
  UnitEconomicsInput,
  UnitEconomicsModel,
} from './models/revenue.models.js';
import { CohortRevenueService } from './cohort-revenue.service.js';
import { ReferralService } from './referral.service.js';
import { UnitEconomicsService } from './unit-economics.service.js';

/** Revenue reports: unit economics, funnels by distribution model, referral value, cohort revenue curves. */
@Resolver()
export class RevenueResolver {
  constructor(
    private readonly funnel: FunnelService,
    private readonly referrals: ReferralService,
    private readonly cohorts: CohortRevenueService,
    private readonly ue: UnitEconomicsService,
  ) {}

  @Query(() => [UnitEconomicsModel], { complexity: AGGREGATE_COST, description: 'ADMIN, MANAGER. Unit economics per cohort, channel or campaign.' })
  unitEconomics(@Ctx() ctx: RequestContext, @Args('input') input: UnitEconomicsInput) {
    return this.ue.unitEconomics(ctx, input);
  }

  @Query(() => [FunnelRowModel], {
    complexity: AGGREGATE_COST,
    description: 'ADMIN, MANAGER. Funnel and unit economics per cohort type, cohort, price tier or product.',
  })
  funnelComparison(@Ctx() ctx: RequestContext, @Args('input') input: FunnelComparisonInput) {
    return this.funnel.funnelComparison(ctx, input);
  }

  @Query(() => ReferralValueReportModel, {
    complexity: AGGREGATE_COST,
    description: 'Referral value per customer: converted referrals and their revenue. Over the leads the caller may see (curators: their students).',
  })
  referralValue(@Ctx() ctx: RequestContext, @Args('input') input: ReferralValueInput) {
    return this.referrals.referralValue(ctx, input);
  }

  @Query(() => [CohortRevenueRowModel], {
    complexity: AGGREGATE_COST,
    description: 'ADMIN, MANAGER. Revenue per acquired customer by months since acquisition, per acquisition month (and group), with monthly unit economics.',
  })
  cohortRevenue(@Ctx() ctx: RequestContext, @Args('input') input: CohortRevenueInput) {
    return this.cohorts.cohortRevenue(ctx, input);
  }
}
