/**
 * SQL over where personas are named: rows (organization_id, key, place) — survey persona rules and
 * default persona, playbook script variants, LEADS step audiences and objection answers.
 * `published` limits it to what is live: each survey's current version and PUBLISHED playbook
 * versions; without it every version counts (drafts too), as the catalog seeding migration needs.
 */
export function personaUsageSql(published: boolean): string {
  const surveyJoin = published ? 'JOIN survey s ON s.current_version_id = v.id' : 'JOIN survey s ON s.id = v.survey_id';
  const playbookFilter = published ? `pv.status = 'PUBLISHED'` : 'true';
  return `
    SELECT v.organization_id, x.key, 'survey "' || s.name || '"' AS place
      FROM survey_version v ${surveyJoin},
           LATERAL (SELECT r->>'persona' FROM jsonb_array_elements(coalesce(v.definition->'personas', '[]'::jsonb)) r
                    UNION SELECT v.definition->>'defaultPersona') AS x(key)
     WHERE x.key IS NOT NULL AND x.key <> ''
    UNION
    SELECT st.organization_id, sc->>'persona', 'playbook "' || p.name || '"'
      FROM playbook_step st JOIN playbook_version pv ON pv.id = st.version_id JOIN playbook p ON p.id = pv.playbook_id,
           jsonb_array_elements(st.scripts) sc
     WHERE ${playbookFilter} AND coalesce(sc->>'persona', '') <> ''
    UNION
    SELECT st.organization_id, a.key, 'playbook "' || p.name || '"'
      FROM playbook_step st JOIN playbook_version pv ON pv.id = st.version_id JOIN playbook p ON p.id = pv.playbook_id,
           unnest(st.personas) AS a(key)
     WHERE ${playbookFilter} AND a.key <> ''
    UNION
    SELECT o.organization_id, an->>'persona', 'playbook "' || p.name || '"'
      FROM playbook_objection o JOIN playbook_version pv ON pv.id = o.version_id JOIN playbook p ON p.id = pv.playbook_id,
           jsonb_array_elements(o.answers) an
     WHERE ${playbookFilter} AND coalesce(an->>'persona', '') <> ''`;
}
