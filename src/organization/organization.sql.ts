// Named SQL fragments over the organization context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/organization/ names these tables.
export {};

/**
 * Roster fragments (organization, legions, squads, users, squad memberships) for read models of
 * other contexts that must join them in one statement (leaderboards, duels, coaching plans).
 * Table references take the caller's alias; predicates take SQL expressions or placeholders.
 */
export const rosterSql = {
  /** FROM item: organizations (`time_zone`). */
  organizations: (o: string) => `organization ${o}`,
  /** FROM item: legions (`kind`, `name`, `organization_id`). */
  legions: (l: string) => `legion ${l}`,
  /** FROM item: squads (`legion_id`, `name`, `organization_id`). */
  squads: (s: string) => `squad ${s}`,
  /** FROM item: users (`name`, `role`, `active`, `organization_id`). */
  users: (u: string) => `app_user ${u}`,
  /** FROM item: squad memberships (`user_id`, `squad_id`, `valid_from`, `valid_to`; NULL `valid_to` = current). */
  memberships: (sm: string) => `squad_membership ${sm}`,
  /** Scalar: the squad `user` belongs to now (NULL when none). */
  currentSquadOf: (user: string) => `(SELECT sm.squad_id FROM squad_membership sm WHERE sm.user_id = ${user} AND sm.valid_to IS NULL)`,
  /** Predicate: `user` belongs now to one of `squads` (a uuid[] expression). */
  currentlyInSquads: (user: string, squads: string) =>
    `EXISTS (SELECT 1 FROM squad_membership sm WHERE sm.user_id = ${user} AND sm.valid_to IS NULL AND sm.squad_id = ANY(${squads}))`,
  /** Predicate: one of `squads` (a uuid[] expression) is the team `team` or belongs to the legion `team`. */
  squadsCover: (squads: string, team: string) => `EXISTS (SELECT 1 FROM squad vs WHERE vs.id = ANY(${squads}) AND (vs.id = ${team} OR vs.legion_id = ${team}))`,
  /** Scalar: a squad's name. */
  squadName: (id: string) => `(SELECT name FROM squad WHERE id = ${id})`,
  /** Scalar: a user's name. */
  userName: (id: string) => `(SELECT name FROM app_user WHERE id = ${id})`,
  /** Scalar: the name of the legion or squad `id` (NULL when neither). */
  teamName: (id: string) => `(SELECT name FROM legion WHERE id = ${id} UNION ALL SELECT name FROM squad WHERE id = ${id} LIMIT 1)`,
};
