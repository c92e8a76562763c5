// Named SQL fragments over the leads context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/leads/ names these tables.

/** Fragments over leads' tables (appended by the sop context's conversion, issue 20). */
export const leadsSql = {
  /** Every lead: rows (id, organization_id, name, stage, owner_id, squad_id, tier, persona). */
  leads: (): string => `SELECT l.id, l.organization_id, l.name, l.stage, l.owner_id, l.squad_id, l.tier, l.persona FROM lead l`,
};
