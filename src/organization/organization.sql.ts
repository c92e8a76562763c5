// Named SQL fragments over the organization context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/organization/ names these tables.
//
// Append new fragments at the end of the file (one `export const` block each); do not rename
// existing ones: other contexts compose them.

/**
 * FROM-items over the organization tables with the caller's alias, for joins a read model needs
 * (`JOIN ${orgTables.squad('s')} ON s.id = x.squad_id`). Prefer a named fragment below when one
 * says what is meant.
 */
export const orgTables = {
  organization: (alias: string) => `organization ${alias}`,
  legion: (alias: string) => `legion ${alias}`,
  squad: (alias: string) => `squad ${alias}`,
  user: (alias: string) => `app_user ${alias}`,
  membership: (alias: string) => `squad_membership ${alias}`,
};

/** Squad memberships over time (`squad_membership`: user, squad, valid_from, valid_to). */
export const membershipSql = {
  /** Condition: membership `sm` (an alias) is valid at instant `at` (an SQL expression, e.g. `$2`). */
  validAt: (sm: string, at: string) => `${sm}.valid_from <= ${at} AND (${sm}.valid_to IS NULL OR ${sm}.valid_to > ${at})`,
  /** Condition: membership `sm` overlaps the half-open range [from, to). */
  overlaps: (sm: string, from: string, to: string) => `${sm}.valid_from < ${to} AND (${sm}.valid_to IS NULL OR ${sm}.valid_to > ${from})`,
  /** Scalar subquery: the squad the user `user` (an SQL expression) is in now, or NULL. */
  currentSquadOf: (user: string) => `(SELECT squad_id FROM squad_membership WHERE user_id = ${user} AND valid_to IS NULL)`,
  /** Scalar subquery: the squad the user `user` was in at instant `at`, or NULL. */
  squadAt: (user: string, at: string) =>
    `(SELECT squad_id FROM squad_membership WHERE user_id = ${user} AND valid_from <= ${at} AND (valid_to IS NULL OR valid_to > ${at}) ORDER BY valid_from DESC LIMIT 1)`,
  /** Condition: the user `user` is now a member of one of `squads` (a uuid[] expression). */
  currentlyInSquads: (user: string, squads: string) =>
    `EXISTS (SELECT 1 FROM squad_membership cm WHERE cm.user_id = ${user} AND cm.valid_to IS NULL AND cm.squad_id = ANY(${squads}))`,
  /** `LEFT JOIN` of the current membership of the user `user` as `sm` (no row: in no squad). */
  leftJoinCurrent: (sm: string, user: string) => `LEFT JOIN squad_membership ${sm} ON ${sm}.user_id = ${user} AND ${sm}.valid_to IS NULL`,
  /** `JOIN` of the current memberships of squad `squad` as `sm` (its active members). */
  joinCurrentOfSquad: (sm: string, squad: string) => `JOIN squad_membership ${sm} ON ${sm}.squad_id = ${squad} AND ${sm}.valid_to IS NULL`,
};

/** Organizations (`organization`: name, time_zone, currency). */
export const organizationSql = {
  /** Scalar subquery: the organization's IANA time zone. */
  timeZone: (organization: string) => `(SELECT time_zone FROM organization WHERE id = ${organization})`,
  /** Scalar subquery: the organization's currency (ISO 4217). */
  currency: (organization: string) => `(SELECT currency FROM organization WHERE id = ${organization})`,
};

/** Users (`app_user`: organization_id, name, email, role, active). */
export const userSql = {
  /** Scalar subquery: the user's display name. */
  name: (user: string) => `(SELECT name FROM app_user WHERE id = ${user})`,
  /** Condition: the user `user` exists in `organization` and is active. */
  isActive: (user: string, organization: string) =>
    `EXISTS (SELECT 1 FROM app_user au WHERE au.id = ${user} AND au.organization_id = ${organization} AND au.active)`,
};

/** Squads and legions (`squad`: legion_id, lead_id, name; `legion`: kind, commander_id, name). */
export const squadSql = {
  /** Scalar subquery: the squad's name. */
  name: (squad: string) => `(SELECT name FROM squad WHERE id = ${squad})`,
  /** Scalar subquery: the legion of the squad. */
  legionOf: (squad: string) => `(SELECT legion_id FROM squad WHERE id = ${squad})`,
  /** Scalar subquery: the kind (PRE_SALES / COURSE_SERVICE) of the squad's legion. */
  kindOf: (squad: string) => `(SELECT l.kind FROM squad s JOIN legion l ON l.id = s.legion_id WHERE s.id = ${squad})`,
  /** Condition: squad `squad` is in `organization`. */
  inOrganization: (squad: string, organization: string) => `EXISTS (SELECT 1 FROM squad sq WHERE sq.id = ${squad} AND sq.organization_id = ${organization})`,
};
