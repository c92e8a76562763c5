// Named SQL fragments over the commerce context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/commerce/ names these tables.
import type { RollupFactSource } from '../metrics/index.js';

/** Orders, installments and products as other contexts' read models read them (appended by course-service). */
export const orderRowSql = {
  /** FROM-item: `product` with the caller's alias (columns id, name, kind, completion_threshold_pct). */
  productFrom: (alias: string) => `product ${alias}`,
  /** FROM-item: `sales_order` with the caller's alias (columns id, lead_id, paid_at, amount, refunded_amount, credited_rep_id, credited_squad_id). */
  orderFrom: (alias: string) => `sales_order ${alias}`,
  /**
   * FROM … WHERE body over the installments (alias `i`, orders `so`) of the not fully refunded
   * orders of lead `lead` in organization `organization`: `SELECT count(*) ${installmentsOfLead(...)}`.
   */
  installmentsOfLead: (i: string, lead: string, organization: string) =>
    `FROM order_installment ${i} JOIN sales_order so ON so.id = ${i}.order_id
             WHERE so.lead_id = ${lead} AND so.organization_id = ${organization} AND so.refunded_amount < so.amount`,
  /** Condition: lead `lead` has a paid order other than `order` paid in [from, to). */
  otherOrderPaidBetween: (lead: string, order: string, from: string, to: string) =>
    `EXISTS (SELECT 1 FROM sales_order so WHERE so.lead_id = ${lead} AND so.id IS DISTINCT FROM ${order}
                                   AND so.paid_at >= ${from} AND so.paid_at < ${to})`,
};
/** Commerce tables as FROM items (the caller's alias), for read models that join them in one statement. */
export const commerceSql = {
  /** One product of the organization: rows (id, kind); `id` and `org` are placeholders. */
  product: (id: string, org: string): string => `SELECT p.id, p.kind FROM product p WHERE p.id = ${id} AND p.organization_id = ${org}`,
  /** Orders (`organization_id`, `lead_id`, `paid_at`, `amount`, `refunded_amount`, `is_conversion`, `is_repurchase`, `price_tier`, `product_id`, credited rep and squad). */
  orders: (o: string) => `sales_order ${o}`,
  /** Refunds (`order_id`, `amount`, `refunded_at`). */
  refunds: (r: string) => `refund ${r}`,
  /** Products (`organization_id`, `name`, `kind`, `price_tier`). */
  products: (p: string) => `product ${p}`,
  /** Acquisition spend (`organization_id`, `day`, `channel`, `campaign`, `cohort_ref`, `cohort_id`, `amount`). */
  acquisitionSpend: (s: string) => `acquisition_spend ${s}`,
  /** Conversion costs (`organization_id`, `day`, `squad_id`, `amount`). */
  conversionCosts: (c: string) => `conversion_cost ${c}`,
};

/**
 * The raw rows of the rollups' order and refund columns, registered by CommerceModule with
 * `RollupService.recomputeFrom` (`rollups:check`, `rollups:rebuild`): one row per order or refund
 * and credited entity (the order's credited rep and squad), on the local day of the payment or
 * the refund. `tz` names the relation (`organization_id`, `time_zone`) of the organizations
 * recomputed. A refund credits `refunded_orders` once per order: on its first refund.
 */
export const COMMERCE_ROLLUP_FACTS: RollupFactSource[] = [
  {
    fields: ['paid_orders', 'conversions', 'repurchases', 'referral_conversions', 'gross_revenue'],
    sql: (tz) => `
  SELECT o.organization_id, x.entity_type, x.entity_id, (o.paid_at AT TIME ZONE ${tz}.time_zone)::date AS day,
         1 AS paid_orders, o.is_conversion::int AS conversions, o.is_repurchase::int AS repurchases,
         o.is_referral_conversion::int AS referral_conversions, o.amount AS gross_revenue
  FROM sales_order o JOIN ${tz} ON ${tz}.organization_id = o.organization_id
  CROSS JOIN LATERAL (VALUES ('MEMBER', o.credited_rep_id), ('SQUAD', o.credited_squad_id)) x(entity_type, entity_id)
  WHERE x.entity_id IS NOT NULL`,
  },
  {
    fields: ['refunded_amount', 'refunded_orders'],
    sql: (tz) => `
  SELECT o.organization_id, x.entity_type, x.entity_id, (r.refunded_at AT TIME ZONE ${tz}.time_zone)::date AS day,
         r.amount AS refunded_amount,
         (r.id = (SELECT r2.id FROM refund r2 WHERE r2.order_id = r.order_id ORDER BY r2.refunded_at, r2.id LIMIT 1))::int AS refunded_orders
  FROM refund r JOIN sales_order o ON o.id = r.order_id JOIN ${tz} ON ${tz}.organization_id = o.organization_id
  CROSS JOIN LATERAL (VALUES ('MEMBER', o.credited_rep_id), ('SQUAD', o.credited_squad_id)) x(entity_type, entity_id)
  WHERE x.entity_id IS NOT NULL`,
  },
];
