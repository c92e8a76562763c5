// Named SQL fragments over the commerce context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/commerce/ names these tables.
/** Commerce tables as FROM items (the caller's alias), for read models that join them in one statement. */
export const commerceSql = {
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
