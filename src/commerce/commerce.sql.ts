// Named SQL fragments over the commerce context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/commerce/ names these tables.

/** Fragments over commerce's tables (appended by the sop context's conversion, issue 20). */
export const commerceSql = {
  /** One product of the organization: rows (id, kind); `id` and `org` are placeholders. */
  product: (id: string, org: string): string => `SELECT p.id, p.kind FROM product p WHERE p.id = ${id} AND p.organization_id = ${org}`,
};

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
