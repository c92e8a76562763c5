// Named SQL fragments over the leads context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/leads/ names these tables.
export {};

/** Leads tables as FROM items (the caller's alias), for read models of other contexts (appended by i20-metr). */
export const leadsReadSql = {
  /** Leads (`organization_id`, `owner_id`, `squad_id`, `stage`, `persona`, `source`, `campaign`, `cohort_ref`, `referred_by_lead_id`, `created_at`). */
  leads: (l: string) => `lead ${l}`,
  /** Stage changes (`lead_id`, `to_stage`, `at`). */
  stageChanges: (sc: string) => `lead_stage_change ${sc}`,
};
