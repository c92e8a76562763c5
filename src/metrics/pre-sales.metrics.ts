import { TeamKind } from '../organization/index.js';
import { MetricDirection, MetricEntityType, MetricUnit, type MetricDefinition } from './metric-catalog.js';

const ALL = [MetricEntityType.MEMBER, MetricEntityType.SQUAD, MetricEntityType.LEGION];

/** The pre-sales metrics summed from the rollups (ROI, a CUSTOM one, is commerce's `roiMetric`). */
export const PRE_SALES_METRICS: MetricDefinition[] = [
  {
    key: 'leads_assigned',
    label: 'Leads assigned',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.COUNT,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition:
      'Assignments received in the period: +1 for a rep each time a lead becomes theirs (from the pool or another rep), +1 for a squad each time a lead enters it. Reassigning a lead away does not take the count back from the earlier owner.',
    entityTypes: ALL,
    source: { kind: 'ROLLUP', numerator: 'leads_assigned' },
  },
  {
    key: 'conversions',
    label: 'Conversions',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.COUNT,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition:
      "Leads whose first paid REGULAR or ADVANCED order was paid in the period, credited to the lead's owner at payment time and that rep's squad then.",
    entityTypes: ALL,
    source: { kind: 'ROLLUP', numerator: 'conversions' },
  },
  {
    key: 'conversion_rate',
    label: 'Conversion rate',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: 'conversions / leads assigned, both counted in the period (null when no lead was assigned).',
    entityTypes: ALL,
    source: { kind: 'ROLLUP', numerator: 'conversions', denominator: 'leads_assigned' },
  },
  {
    key: 'gross_revenue',
    label: 'Gross revenue',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.MONEY,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: 'Sum of the amounts of every order paid in the period (booked, after discounts), in minor units.',
    entityTypes: ALL,
    source: { kind: 'ROLLUP', numerator: 'gross_revenue' },
  },
  {
    key: 'net_revenue',
    label: 'Net revenue',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.MONEY,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition:
      'Gross revenue of orders paid in the period minus refunds made in the period (each refund is credited to the rep and squad credited with its order), in minor units.',
    entityTypes: ALL,
    source: { kind: 'ROLLUP', numerator: 'gross_revenue - refunded_amount' },
  },
  {
    key: 'average_order_value',
    label: 'Average order value',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.MONEY,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: 'Gross revenue / number of paid orders in the period (null without orders).',
    entityTypes: ALL,
    source: { kind: 'ROLLUP', numerator: 'gross_revenue', denominator: 'paid_orders' },
  },
  {
    key: 'refund_rate',
    label: 'Refund rate',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.LOWER_IS_BETTER,
    definition:
      'Orders refunded (counted once, on the day of their first refund) in the period / orders paid in the period. Partial refunds count; the refunded orders are credited like their sale.',
    entityTypes: ALL,
    source: { kind: 'ROLLUP', numerator: 'refunded_orders', denominator: 'paid_orders' },
  },
  {
    key: 'repurchases',
    label: 'Repurchases',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.COUNT,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: 'Paid orders in the period of leads that had already converted, credited like any order.',
    entityTypes: ALL,
    source: { kind: 'ROLLUP', numerator: 'repurchases' },
  },
  {
    key: 'referral_conversions',
    label: 'Converted referrals',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.COUNT,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition: 'Conversions in the period of leads referred by a lead that had itself converted.',
    entityTypes: ALL,
    source: { kind: 'ROLLUP', numerator: 'referral_conversions' },
  },
];
