// Named SQL fragments over the sop context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/sop/ names these tables.
export {};

/** SOP tables as FROM items (the caller's alias) for other contexts' checks and read models (appended by i20-metr). */
export const sopReadSql = {
  /** Cohorts (`organization_id`, `name`, `cohort_type_id`, `start_date`). */
  cohorts: (c: string) => `cohort ${c}`,
  /** Objection logs (`organization_id`, `objection_id`, `answer_id`, `lead_id`, `agenda_item_id`, `logged_at`). */
  objectionLogs: (ol: string) => `objection_log ${ol}`,
  /** Objections of a playbook version (`version_id`, `key`, `objection`, `answers`). */
  playbookObjections: (po: string) => `playbook_objection ${po}`,
  /** Playbook versions (`playbook_id`, `number`). */
  playbookVersions: (pv: string) => `playbook_version ${pv}`,
  /** Playbooks (`organization_id`, `name`). */
  playbooks: (p: string) => `playbook ${p}`,
  /** Agenda items (`organization_id`, `lead_id`, `squad_id`, `status`, `completed_at`). */
  agendaItems: (ai: string) => `agenda_item ${ai}`,
};
