// Named SQL fragments over the sop context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/sop/ names these tables.
export {};

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
