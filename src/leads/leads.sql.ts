// Named SQL fragments over the leads context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/leads/ names these tables.

/** Fragments over leads' tables (appended by the sop context's conversion, issue 20). */
export const leadsSql = {
  /** Every lead: rows (id, organization_id, name, stage, owner_id, squad_id, tier, persona). */
  leads: (): string => `SELECT l.id, l.organization_id, l.name, l.stage, l.owner_id, l.squad_id, l.tier, l.persona FROM lead l`,
};

/** Leads as other contexts' read models join them (appended by course-service: students are leads). */
export const leadRowSql = {
  /** FROM-item: `lead` with the caller's alias (`JOIN ${leadRowSql.from('l')} ON l.id = e.lead_id`; columns id, name, stage, persona). */
  from: (alias: string) => `lead ${alias}`,
  /** Condition: lead `lead` exists in organization `organization` (SQL expressions). */
  exists: (lead: string, organization: string) => `EXISTS (SELECT 1 FROM lead WHERE id = ${lead} AND organization_id = ${organization})`,
};
