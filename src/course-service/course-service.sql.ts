// Named SQL fragments over the course-service context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/course-service/ names these tables.

/** Fragments over course-service's tables (appended by the sop context's conversion, issue 20). */
export const courseServiceSql = {
  /**
   * The curator serving a student in a class cohort (latest ACTIVE enrollment with a curator):
   * at most one row (curator_id, curator_squad_id). `lead` and `cohort` are column expressions.
   */
  activeCurator: (lead: string, cohort: string): string => `SELECT en.curator_id, en.curator_squad_id FROM enrollment en
                               WHERE en.lead_id = ${lead} AND en.class_cohort_id = ${cohort} AND en.status = 'ACTIVE' AND en.curator_id IS NOT NULL
                               ORDER BY en.created_at DESC LIMIT 1`,
  /** Enrollments as a FROM item (`lead_id`, `curator_id`, `curator_squad_id`, `class_cohort_id`, `status`), for reports' read models. */
  enrollments: (e: string): string => `enrollment ${e}`,
};
