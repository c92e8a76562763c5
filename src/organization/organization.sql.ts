// Named SQL fragments over the organization context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/organization/ names these tables.

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

/** Fragments over organization's tables (appended by the sop context's conversion, issue 20). */
export const organizationSql = {
  /** The organization's squads: rows (id, name, legion_id, lead_id); `org` is a placeholder or expression. */
  squads: (org: string): string => `SELECT s.id, s.name, s.legion_id, s.lead_id FROM squad s WHERE s.organization_id = ${org}`,
  /** Every squad with whether its lead is an active user: rows (id, name, lead_id, lead_active). */
  squadLeads: (): string => `SELECT s.id, s.name, s.lead_id, u.active AS lead_active FROM squad s LEFT JOIN app_user u ON u.id = s.lead_id`,
  /** The current (open) squad of a user, as a scalar subquery; `user` is a column or placeholder. */
  currentSquadOf: (user: string): string => `(SELECT squad_id FROM squad_membership WHERE user_id = ${user} AND valid_to IS NULL)`,
  /** Active MEMBERs with their current squad: rows (squad_id, user_id). */
  activeMembers: (): string => `SELECT sm.squad_id, sm.user_id FROM squad_membership sm JOIN app_user u ON u.id = sm.user_id
          WHERE sm.valid_to IS NULL AND u.active AND u.role = 'MEMBER'`,
  /** Active users: rows (id, organization_id, name). */
  activeUsers: (): string => `SELECT u.id, u.organization_id, u.name FROM app_user u WHERE u.active`,
  /** A user of the organization: rows (id, name); `id` and `org` are placeholders or expressions. */
  user: (id: string, org: string): string => `SELECT u.id, u.name FROM app_user u WHERE u.id = ${id} AND u.organization_id = ${org}`,
  /** A user's name if they are of the organization, as a scalar subquery. */
  userName: (id: string, org: string): string => `(SELECT u.name FROM app_user u WHERE u.id = ${id} AND u.organization_id = ${org})`,
  /** The organization's legions: rows (id, name, kind). */
  legions: (org: string): string => `SELECT l.id, l.name, l.kind FROM legion l WHERE l.organization_id = ${org}`,
  /** The organization's time zone, as a scalar subquery. */
  timeZone: (org: string): string => `(SELECT o.time_zone FROM organization o WHERE o.id = ${org})`,
  /** A squad's name if it is of the organization, as a scalar subquery. */
  squadName: (id: string, org: string): string => `(SELECT s.name FROM squad s WHERE s.id = ${id} AND s.organization_id = ${org})`,
  /** Scalar subquery: the organization's currency (ISO 4217). */
  currency: (org: string): string => `(SELECT o.currency FROM organization o WHERE o.id = ${org})`,
};
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

// Appended for intake and experiments (issue 20).
/** FROM item: squad memberships `sm` joined with their user `u` (app_user: id, name, role, active). */
export const membershipsWithUsersSql = (sm: string, u: string) => `squad_membership ${sm} JOIN app_user ${u} ON ${u}.id = ${sm}.user_id`;
/** FROM item: the squads as `alias` (squad: id, organization_id, legion_id, name). */
export const squadsSql = (alias: string) => `squad ${alias}`;
/** Subquery: the ids of the squads of the legion `legion` (a parameter or expression). */
export const squadIdsOfLegionSql = (legion: string) => `(SELECT s.id FROM squad s WHERE s.legion_id = ${legion})`;
/** Join clause: the organization `o` (id, time_zone) of a row whose organization id is `organizationId`. */
export const joinOrganizationSql = (o: string, organizationId: string) => `JOIN organization ${o} ON ${o}.id = ${organizationId}`;
/** FROM item: the people as `alias` (app_user: id, organization_id, name, role, active). */
export const usersSql = (alias: string) => `app_user ${alias}`;
/** FROM item: the legions as `alias` (legion: id, organization_id, kind). */
export const legionsSql = (alias: string) => `legion ${alias}`;
/** FROM item: the organizations as `alias` (organization: id, time_zone). */
export const organizationsSql = (alias: string) => `organization ${alias}`;
/** Scalar subquery: the squad of the user `user`'s open membership (null without one). */
export const openMembershipSquadSql = (user: string) =>
  `(SELECT sm.squad_id FROM squad_membership sm WHERE sm.user_id = ${user} AND sm.valid_to IS NULL LIMIT 1)`;

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
