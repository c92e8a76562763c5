// Named SQL fragments over the sop context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/sop/ names these tables.
import { intakeSql } from '../intake/index.js';

export const sopSql = {
  /**
   * Where PUBLISHED playbook versions name a persona (script variants, LEADS step audiences,
   * objection answers): rows (organization_id, key, place) with place `playbook "<name>"`.
   */
  personaUsage: (): string => `
    SELECT st.organization_id, sc->>'persona' AS key, 'playbook "' || p.name || '"' AS place
      FROM playbook_step st JOIN playbook_version pv ON pv.id = st.version_id JOIN playbook p ON p.id = pv.playbook_id,
           jsonb_array_elements(st.scripts) sc
     WHERE pv.status = 'PUBLISHED' AND coalesce(sc->>'persona', '') <> ''
    UNION
    SELECT st.organization_id, a.key, 'playbook "' || p.name || '"'
      FROM playbook_step st JOIN playbook_version pv ON pv.id = st.version_id JOIN playbook p ON p.id = pv.playbook_id,
           unnest(st.personas) AS a(key)
     WHERE pv.status = 'PUBLISHED' AND a.key <> ''
    UNION
    SELECT o.organization_id, an->>'persona', 'playbook "' || p.name || '"'
      FROM playbook_objection o JOIN playbook_version pv ON pv.id = o.version_id JOIN playbook p ON p.id = pv.playbook_id,
           jsonb_array_elements(o.answers) an
     WHERE pv.status = 'PUBLISHED' AND coalesce(an->>'persona', '') <> ''`,
  /** Where current survey versions name a persona, as rows (organization_id, key, place) with place `survey "<name>"`. */
  surveyPersonaUsage: (): string => `
    SELECT sp.organization_id, sp.key, 'survey "' || sp.survey_name || '"' AS place FROM (${intakeSql.livePersonas()}) sp`,
};

/** Cohorts and playbooks as other contexts read them (appended by course-service: classes are cohorts). */
export const cohortRowSql = {
  /** FROM-item: `cohort` with the caller's alias (columns id, name, organization_id, product_id, start_date). */
  from: (alias: string) => `cohort ${alias}`,
  /**
   * The playbook version (`playbook_version_id`, playbook `name`, version `number`) of the latest
   * class of product `product` in `organization` that runs a COURSE_SERVICE playbook (0 or 1 row).
   */
  latestCourseServiceRunOfProduct: (organization: string, product: string) =>
    `SELECT c.playbook_version_id, p.name, v.number FROM cohort c JOIN playbook_version v ON v.id = c.playbook_version_id JOIN playbook p ON p.id = v.playbook_id
            WHERE c.organization_id = ${organization} AND c.product_id = ${product} AND p.kind = 'COURSE_SERVICE' ORDER BY c.start_date DESC, c.created_at DESC LIMIT 1`,
};

/** SOP tables as FROM items (the caller's alias) for other contexts' checks and read models (appended by i20-metr). */
export const sopReadSql = {
  /** Cohorts (`organization_id`, `name`, `cohort_type_id`, `start_date`). */
  cohorts: (c: string) => `cohort ${c}`,
  /** Cohort membership (`cohort_id`, `lead_id`): the leads of a cohort (appended by reports' revenue read model). */
  cohortLeads: (cl: string) => `cohort_lead ${cl}`,
  /** Cohort types, the distribution models (`organization_id`, `key`, `name`). */
  cohortTypes: (ct: string) => `cohort_type ${ct}`,
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
