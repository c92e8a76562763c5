// Named SQL fragments over the metrics context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/metrics/ names these tables.
/** Metrics tables as FROM items (the caller's alias). */
export const metricsSql = {
  /** Lead assignments (`organization_id`, `lead_id`, `from_owner_id`, `to_owner_id`, `from_squad_id`, `to_squad_id`, `at`). */
  assignmentEvents: (e: string) => `lead_assignment_event ${e}`,
};
