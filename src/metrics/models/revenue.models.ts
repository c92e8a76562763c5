import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsLocalDate } from '../../common/bounds.js';
import { Money } from '../../common/graphql/scalars.js';
import { FunnelGroupBy } from '../funnel.service.js';

registerEnumType(FunnelGroupBy, {
  name: 'FunnelGroupBy',
  description: "COHORT_TYPE and COHORT: the lead's latest SOP cohort (and its type); PRICE_TIER and PRODUCT: of the lead's first paid order.",
});

@InputType()
export class FunnelComparisonInput {
  @Field(() => FunnelGroupBy) @IsEnum(FunnelGroupBy) groupBy: FunnelGroupBy;
  @Field({ description: 'Leads created from this local date (inclusive).' }) @IsLocalDate() from: string;
  @Field({ description: 'Until this local date (exclusive); at most 731 days after from.' }) @IsLocalDate() to: string;
  @Field(() => Int, { defaultValue: 180 }) @IsInt() @Min(1) @Max(3650) ltvHorizonDays: number = 180;
  @Field(() => [ID], { nullable: true, description: 'groupBy COHORT only: just these cohorts’ rows (1–200 ids of this organization).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  cohortIds?: string[] | null;
}

@ObjectType('FunnelRow', { description: 'One group of funnelComparison; definitions in docs/metrics.md.' })
export class FunnelRowModel {
  @Field(() => String, { nullable: true, description: 'Cohort id, cohort type key, price tier or product id; null for "(none)".' }) groupKey: string | null;
  @Field() group: string;
  @Field(() => Int) leads: number;
  @Field(() => Int, { description: 'Leads that were in a camp / trial (an SOP cohort, the INTRO stage, or a TRIAL-tier order).' }) introLeads: number;
  @Field(() => Float, { nullable: true, description: 'Intro leads that converted / intro leads.' }) introConversionRate: number | null;
  @Field(() => Int) payingCustomers: number;
  @Field(() => Float, { nullable: true }) conversionRate: number | null;
  @Field(() => Int) ordersTrial: number;
  @Field(() => Int) ordersLow: number;
  @Field(() => Int) ordersRegular: number;
  @Field(() => Int) ordersAdvanced: number;
  @Field(() => Int, { description: 'Paid orders of the leads within the horizon after each lead was created.' }) paidOrders: number;
  @Field(() => Money, { description: 'Net revenue of those orders.' }) revenue: number;
  @Field(() => Money, { nullable: true }) revenuePerLead: number | null;
  @Field(() => Money, { nullable: true, description: 'Gross amount / paid orders.' }) averageOrderValue: number | null;
  @Field(() => Money) spend: number;
  @Field(() => Money, { nullable: true }) cac: number | null;
  @Field(() => Money) firstOrderRevenue: number;
  @Field(() => Money) conversionCost: number;
  @Field(() => Money, { nullable: true }) conversionCostPerCustomer: number | null;
  @Field(() => Money, { nullable: true }) unitEconomics: number | null;
  @Field(() => Money, { nullable: true }) ltv: number | null;
  @Field(() => Float, { nullable: true }) ltvToCac: number | null;
  @Field(() => Float, { nullable: true }) repurchaseRate: number | null;
  @Field(() => Float, { nullable: true }) kFactor: number | null;
  @Field(() => Int, { nullable: true }) paybackDays: number | null;
}
