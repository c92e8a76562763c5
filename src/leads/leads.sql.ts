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
/** Join clause: the lead `alias` (stage, score, tier, persona, owner_id, ...) of the row whose lead id is `leadId`. */
export const joinLeadSql = (alias: string, leadId: string) => `JOIN lead ${alias} ON ${alias}.id = ${leadId}`;

/** Scalar subquery: how many leads of `org` the user `owner` owns in the stages `stages` (a text[] parameter). */
export const ownedLeadsInStagesCountSql = (org: string, owner: string, stages: string) =>
  `(SELECT count(*) FROM lead l WHERE l.organization_id = ${org} AND l.owner_id = ${owner} AND l.stage::text = ANY(${stages}::text[]))`;

/**
 * Scalar subquery: when the lead first reached one of `stages` (text[] parameter) at or after
 * `from` and, unless `until` is NULL, no later than `until` (null if it did not).
 */
export const firstReachedStageAtSql = (leadId: string, org: string, stages: string, from: string, until: string) =>
  `(SELECT MIN(c.changed_at) FROM lead_stage_change c
                  WHERE c.lead_id = ${leadId} AND c.organization_id = ${org}
                    AND c.to_stage::text = ANY(${stages}::text[])
                    AND c.changed_at >= ${from}
                    AND (${until} IS NULL OR c.changed_at <= ${until}))`;

/** Leads tables as FROM items (the caller's alias), for read models of other contexts (appended by i20-metr). */
export const leadsReadSql = {
  /** Leads (`organization_id`, `owner_id`, `squad_id`, `stage`, `persona`, `source`, `campaign`, `cohort_ref`, `referred_by_lead_id`, `created_at`). */
  leads: (l: string) => `lead ${l}`,
  /** Stage changes (`lead_id`, `to_stage`, `at`). */
  stageChanges: (sc: string) => `lead_stage_change ${sc}`,
};
