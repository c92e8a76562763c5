import type { FunnelRow, FunnelService } from '../revenue/funnel.service.js';
import { FunnelComparisonInput } from '../revenue/models/revenue.models.js';
import { fieldColumns, validateAs, type ExportDefinition } from './export.registry.js';

/** Columns of the funnel table, in the order of docs/metrics.md ("Funnel comparison"). */
const FUNNEL_FIELDS: (keyof FunnelRow & string)[] = [
  'group',
  'groupKey',
  'leads',
  'introLeads',
  'introConversionRate',
  'payingCustomers',
  'conversionRate',
  'ordersTrial',
  'ordersLow',
  'ordersRegular',
  'ordersAdvanced',
  'paidOrders',
  'revenue',
  'revenuePerLead',
  'averageOrderValue',
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
  'convertedReferrals',
  'referralRevenue',
  'referralValue',
  'ltvPlusReferralValue',
  'ltvPlusReferralToCac',
];

/** The `funnelComparison` table (distribution models, cohorts, price tiers, products). */
export function funnelComparisonExport(funnel: FunnelService): ExportDefinition<FunnelComparisonInput, FunnelRow> {
  return {
    name: 'funnel-comparison',
    description:
      'groupBy (COHORT_TYPE, COHORT, PRICE_TIER, PRODUCT), from, to (local dates, to exclusive), ltvHorizonDays (default 180), cohortIds (COHORT only, comma-separated). ADMIN, MANAGER.',
    params: ['groupBy', 'from', 'to', 'ltvHorizonDays', 'cohortIds'],
    parse: (q) =>
      validateAs(FunnelComparisonInput, {
        groupBy: q.string('groupBy'),
        from: q.string('from'),
        to: q.string('to'),
        ltvHorizonDays: q.int('ltvHorizonDays') ?? 180,
        cohortIds: q.list('cohortIds'),
      }),
    async run(ctx, input) {
      const rows = await funnel.funnelComparison(ctx, input);
      return { columns: fieldColumns(FUNNEL_FIELDS), rows };
    },
  };
}
