import type { EntityManager } from 'typeorm';
import { TeamKind } from '../organization/index.js';
import { MetricDirection, MetricEntityType, MetricUnit, type MetricDefinition, type MetricParts, type MetricRequest } from './metric-catalog.js';
import { checkedNumber } from '../common/money.js';
import { rollupRangeSource } from './rollup-source.js';

const ALL = [MetricEntityType.MEMBER, MetricEntityType.SQUAD, MetricEntityType.LEGION];

/** ROI = net revenue / conversion cost, for squads and legions (costs are booked per squad). */
async function roi(m: EntityManager, req: MetricRequest): Promise<Map<string, MetricParts>> {
  const byLegion = req.entityType === MetricEntityType.LEGION;
  const src = rollupRangeSource([[req.startDate, req.endDate]]);
  const rows: { entity_id: string; net: string; cost: string }[] = await m.query(
    `WITH ent AS (SELECT unnest($2::uuid[]) AS id),
     squads AS (
       SELECT ent.id AS entity_id, s.id AS squad_id FROM ent JOIN squad s ON ${byLegion ? 's.legion_id = ent.id' : 's.id = ent.id'} AND s.organization_id = $1
     ),
     rev AS (
       SELECT sq.entity_id, sum(r.gross_revenue - r.refunded_amount) AS net
       FROM squads sq JOIN ${src.table} r ON r.organization_id = $1 AND r.entity_type = 'SQUAD' AND r.entity_id = sq.squad_id ${src.filter}
         AND r.${src.day} >= $3::date AND r.${src.day} < $4::date
       GROUP BY sq.entity_id
     ),
     cost AS (
       SELECT sq.entity_id, sum(c.amount) AS cost
       FROM squads sq JOIN conversion_cost c ON c.organization_id = $1 AND c.squad_id = sq.squad_id AND c.day >= $3::date AND c.day < $4::date
       GROUP BY sq.entity_id
     )
     SELECT ent.id AS entity_id, coalesce(rev.net, 0) AS net, coalesce(cost.cost, 0) AS cost
     FROM ent LEFT JOIN rev ON rev.entity_id = ent.id LEFT JOIN cost ON cost.entity_id = ent.id`,
    [req.organizationId, req.entityIds, req.startDate, req.endDate],
  );
  return new Map(rows.map((r) => [r.entity_id, { numerator: checkedNumber(r.net, 'A revenue total'), denominator: checkedNumber(r.cost, 'A cost total') }]));
}

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
  {
    key: 'roi',
    label: 'ROI of conversion spend',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition:
      "Net revenue / conversion costs booked for the squad (or the legion's squads) in the period. Costs are booked per squad, so there is no per-rep ROI. Null without costs.",
    entityTypes: [MetricEntityType.SQUAD, MetricEntityType.LEGION],
    source: { kind: 'CUSTOM', compute: roi },
  },
];
