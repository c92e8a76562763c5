// Named SQL fragments over the commerce context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/commerce/ names these tables.

/** Fragments over commerce's tables (appended by the sop context's conversion, issue 20). */
export const commerceSql = {
  /** One product of the organization: rows (id, kind); `id` and `org` are placeholders. */
  product: (id: string, org: string): string => `SELECT p.id, p.kind FROM product p WHERE p.id = ${id} AND p.organization_id = ${org}`,
};
