import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsLocalDate } from '../../../common/bounds.js';
import { Money } from '../../../common/graphql/scalars.js';
import { CohortRevenueGroupBy } from '../cohort-revenue.service.js';
import { FunnelGroupBy } from '../funnel.service.js';
import { UnitEconomicsGroupBy } from '../unit-economics.service.js';

registerEnumType(UnitEconomicsGroupBy, { name: 'UnitEconomicsGroupBy' });

@InputType()
export class UnitEconomicsInput {
  @Field(() => UnitEconomicsGroupBy) @IsEnum(UnitEconomicsGroupBy) groupBy: UnitEconomicsGroupBy;
  @Field({ description: 'Leads created from this local date (inclusive).' }) @IsLocalDate() from: string;
  @Field({ description: 'Until this local date (exclusive).' }) @IsLocalDate() to: string;
  @Field(() => Int, { defaultValue: 180 }) @IsInt() @Min(1) @Max(3650) ltvHorizonDays: number = 180;
}

/**
 * The unit-economics columns, computed by one statement for unitEconomics' SOP groupings and
 * funnelComparison (docs/metrics.md): one field list for both types.
 */
@ObjectType({ isAbstract: true })
export class UnitEconomicsColumns {
  @Field(() => Int) leads: number;
  @Field(() => Int) payingCustomers: number;
  @Field(() => Money) spend: number;
  @Field(() => Money, { nullable: true, description: 'spend / paying customers' }) cac: number | null;
  @Field(() => Float, { nullable: true }) conversionRate: number | null;
  @Field(() => Money, { description: 'Net of refunds, first (converting) orders only.' }) firstOrderRevenue: number;
  @Field(() => Money) conversionCost: number;
  @Field(() => Money, { nullable: true }) conversionCostPerCustomer: number | null;
  @Field(() => Money, { nullable: true, description: 'first-order revenue per customer − CAC − conversion cost per customer' }) unitEconomics: number | null;
  @Field(() => Money, { nullable: true, description: 'Net revenue per customer within the horizon after conversion.' }) ltv: number | null;
  @Field(() => Float, { nullable: true }) ltvToCac: number | null;
  @Field(() => Float, { nullable: true }) repurchaseRate: number | null;
  @Field(() => Float, { nullable: true }) kFactor: number | null;
  @Field(() => Int, { nullable: true }) paybackDays: number | null;
  @Field(() => Int, { description: "Leads referred by the group's customers that converted (K = this / customers)." }) convertedReferrals: number;
  @Field(() => Money, { description: "Net revenue of those referrals within the horizon after each one's conversion." }) referralRevenue: number;
  @Field(() => Money, { nullable: true, description: 'Referral revenue per customer.' }) referralValue: number | null;
  @Field(() => Money, { nullable: true, description: 'LTV + referral value (per customer).' }) ltvPlusReferralValue: number | null;
  @Field(() => Float, { nullable: true, description: '(LTV + referral value) / CAC: above 1 the indirect unit economics pay back.' }) ltvPlusReferralToCac:
    number | null;
}

@ObjectType('UnitEconomics')
export class UnitEconomicsModel extends UnitEconomicsColumns {
  @Field() group: string;
  @Field(() => String, { nullable: true, description: 'SOP_COHORT: the cohort id; SOP_COHORT_TYPE: the type key; tags: the tag; null for "(none)".' })
  groupKey?: string | null;
}

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
export class FunnelRowModel extends UnitEconomicsColumns {
  @Field(() => String, { nullable: true, description: 'Cohort id, cohort type key, price tier or product id; null for "(none)".' }) groupKey: string | null;
  @Field() group: string;
  @Field(() => Int, { description: 'Leads that were in a camp / trial (an SOP cohort, the INTRO stage, or a TRIAL-tier order).' }) introLeads: number;
  @Field(() => Float, { nullable: true, description: 'Intro leads that converted / intro leads.' }) introConversionRate: number | null;
  @Field(() => Int) ordersTrial: number;
  @Field(() => Int) ordersLow: number;
  @Field(() => Int) ordersRegular: number;
  @Field(() => Int) ordersAdvanced: number;
  @Field(() => Int, { description: 'Paid orders of the leads within the horizon after each lead was created.' }) paidOrders: number;
  @Field(() => Money, { description: 'Net revenue of those orders.' }) revenue: number;
  @Field(() => Money, { nullable: true }) revenuePerLead: number | null;
  @Field(() => Money, { nullable: true, description: 'Gross amount / paid orders.' }) averageOrderValue: number | null;
}

@InputType()
export class ReferralValueInput {
  @Field({ description: 'Customers (leads) created from this local date (inclusive).' }) @IsLocalDate() from: string;
  @Field({ description: 'Until this local date (exclusive); at most 731 days after from.' }) @IsLocalDate() to: string;
  @Field(() => Int, { defaultValue: 180 }) @IsInt() @Min(1) @Max(3650) ltvHorizonDays: number = 180;
  @Field(() => ID, { nullable: true, description: 'Only customers in this SOP cohort.' }) @IsOptional() @IsUUID() cohortId?: string | null;
  @Field(() => Int, { defaultValue: 100, description: 'Customers listed (1–500), most referral revenue first.' })
  @IsInt()
  @Min(1)
  @Max(500)
  first: number = 100;
}

@ObjectType('ReferrerRow')
export class ReferrerRowModel {
  @Field(() => ID) leadId: string;
  @Field() name: string;
  @Field() convertedAt: Date;
  @Field(() => Money, { description: "The customer's own net revenue within the horizon after conversion." }) ltv: number;
  @Field(() => Int) convertedReferrals: number;
  @Field(() => Money) referralRevenue: number;
  @Field(() => Money) ltvPlusReferralValue: number;
}

@ObjectType('ReferralValueReport', { description: 'Totals over every customer the caller may see; rows: the top `first` by referral revenue.' })
export class ReferralValueReportModel {
  @Field(() => Int) customers: number;
  @Field(() => Int) convertedReferrals: number;
  @Field(() => Money) referralRevenue: number;
  @Field(() => Float, { nullable: true }) kFactor: number | null;
  @Field(() => Money, { nullable: true, description: 'Referral revenue per customer.' }) referralValue: number | null;
  @Field(() => [ReferrerRowModel]) rows: ReferrerRowModel[];
}

registerEnumType(CohortRevenueGroupBy, {
  name: 'CohortRevenueGroupBy',
  description: "ALL; CHANNEL (lead source); COHORT / COHORT_TYPE (the lead's latest SOP cohort); PRICE_TIER (of the converting order).",
});

@InputType()
export class CohortRevenueInput {
  @Field(() => CohortRevenueGroupBy, { defaultValue: CohortRevenueGroupBy.ALL }) @IsEnum(CohortRevenueGroupBy) groupBy: CohortRevenueGroupBy =
    CohortRevenueGroupBy.ALL;
  @Field({ description: 'Customers acquired (converted) from this local date (inclusive).' }) @IsLocalDate() acquiredFrom: string;
  @Field({ description: 'Until this local date (exclusive); at most 731 days after acquiredFrom.' }) @IsLocalDate() acquiredTo: string;
  @Field(() => Int, { defaultValue: 12, description: 'Months since acquisition to show (1–36); months not yet reached are left out.' })
  @IsInt()
  @Min(1)
  @Max(36)
  months: number = 12;
}

@ObjectType('CohortCurvePoint')
export class CohortCurvePointModel {
  @Field(() => Int, { description: '0 = the acquisition month.' }) monthsSince: number;
  @Field(() => Money, { description: 'Net revenue of the converting orders paid this month.' }) firstOrderRevenue: number;
  @Field(() => Money, { description: "Net revenue of the customers' later orders paid this month." }) repurchaseRevenue: number;
  @Field(() => Money, { description: 'Net revenue of their converted referrals paid this month.' }) referralRevenue: number;
  @Field(() => Money) cumulativeRevenue: number;
  @Field(() => Money) cumulativeRepurchaseRevenue: number;
  @Field(() => Money) cumulativeReferralRevenue: number;
  @Field(() => Money, { nullable: true, description: 'Cumulative (first + repurchase) revenue per acquired customer.' }) revenuePerCustomer: number | null;
  @Field(() => Money, { nullable: true }) repurchasePerCustomer: number | null;
  @Field(() => Money, { nullable: true }) referralPerCustomer: number | null;
  @Field(() => Money, { nullable: true, description: 'Cumulative revenue + referral revenue per customer.' }) totalPerCustomer: number | null;
}

@ObjectType('CohortRevenueRow', { description: 'One acquisition month of one group: its unit economics and its revenue curve.' })
export class CohortRevenueRowModel {
  @Field(() => String, { nullable: true }) groupKey: string | null;
  @Field() group: string;
  @Field({ description: "'YYYY-MM' in the organization's time zone." }) cohortMonth: string;
  @Field(() => Int) customers: number;
  @Field(() => Money) firstOrderRevenue: number;
  @Field(() => Money) spend: number;
  @Field(() => Money, { nullable: true }) cac: number | null;
  @Field(() => Money, { nullable: true }) conversionCostPerCustomer: number | null;
  @Field(() => Money, { nullable: true }) unitEconomics: number | null;
  @Field(() => [CohortCurvePointModel]) curve: CohortCurvePointModel[];
}
