// Named SQL fragments over the organization context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/organization/ names these tables.
export {};

/**
 * Organization tables as FROM items (the caller's alias), and the membership facts the metrics,
 * reports and commerce read models compose into their statements (appended by i20-metr).
 */
export const orgReadSql = {
  /** FROM item: organizations (`time_zone`, `currency`). */
  organizations: (o: string) => `organization ${o}`,
  /** FROM item: legions (`name`, `organization_id`). */
  legions: (l: string) => `legion ${l}`,
  /** FROM item: squads (`legion_id`, `name`, `organization_id`). */
  squads: (s: string) => `squad ${s}`,
  /** FROM item: users (`name`, `organization_id`). */
  users: (u: string) => `app_user ${u}`,
  /** Scalar: the organization's time zone. */
  timeZone: (org: string) => `(SELECT time_zone FROM organization WHERE id = ${org})`,
  /** Predicate: `user` had a membership overlapping [from, to) in one of `squads` (a uuid[] expression, NULL = any squad). */
  memberDuring: (user: string, from: string, to: string, squads: string) =>
    `EXISTS (SELECT 1 FROM squad_membership sm WHERE sm.user_id = ${user} AND sm.valid_from < ${to} AND (sm.valid_to IS NULL OR sm.valid_to > ${from})
                     AND (${squads} IS NULL OR sm.squad_id = ANY(${squads})))`,
  /** Scalar: the squad `user` belonged to at instant `at` (NULL when none). */
  squadAt: (user: string, at: string) =>
    `(SELECT squad_id FROM squad_membership WHERE user_id = ${user} AND valid_from <= ${at} AND (valid_to IS NULL OR valid_to > ${at}) ORDER BY valid_from DESC LIMIT 1)`,
};
