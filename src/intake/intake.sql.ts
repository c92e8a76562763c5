// Named SQL fragments over the intake context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/intake/ names these tables.

/** Fragments over intake's tables (appended by the sop context's conversion, issue 20). */
export const intakeSql = {
  /**
   * The personas each survey's current version produces (persona rules and default persona):
   * rows (organization_id, kind, survey_name, key), `key` never empty.
   */
  livePersonas: (): string => `SELECT s.organization_id, s.kind::text AS kind, s.name AS survey_name, x.key
      FROM survey s JOIN survey_version v ON v.id = s.current_version_id,
           LATERAL (SELECT r->>'persona' FROM jsonb_array_elements(coalesce(v.definition->'personas', '[]'::jsonb)) r
                    UNION SELECT v.definition->>'defaultPersona') AS x(key)
     WHERE coalesce(x.key, '') <> ''`,
};
