// Named SQL fragments over the organization context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Nothing else outside
// src/organization/ names these tables.
//
// One vocabulary, `orgSql`, grouped by table. Each group has `as(alias)`, the table as a FROM item
// under the caller's alias (the caller writes its own join condition and WHERE), and the named
// facts about that table that carry a rule of this context (what "current" membership means, how
// a legion covers its squads): scalar subqueries, predicates and one row set. Every argument is SQL
// text the fragment splices in as given: an alias, a column of the caller's statement (`u.id`) or a
// placeholder (`$1`, `:legion`, `$2::uuid[]`). Add a fragment to the group of the table it reads,
// and only when no existing one says the same.

/** Organization context SQL fragments, by table. */
export const orgSql = {
  /** `organization`: id, name, time_zone, currency. */
  organization: {
    /** FROM item: `organization <o>`. */
    as: (o: string) => `organization ${o}`,
    /** Scalar: the IANA time zone of the organization `org` (an id expression). */
    timeZone: (org: string) => `(SELECT time_zone FROM organization WHERE id = ${org})`,
  },

  /** `legion`: id, organization_id, name, kind (PRE_SALES / COURSE_SERVICE), commander_id. */
  legion: {
    /** FROM item: `legion <l>`. */
    as: (l: string) => `legion ${l}`,
  },

  /** `squad`: id, organization_id, legion_id, name, lead_id. */
  squad: {
    /** FROM item: `squad <s>`. */
    as: (s: string) => `squad ${s}`,
    /** Scalar: the name of the squad `id`; with `org`, NULL unless the squad is of that organization. */
    name: (id: string, org?: string) => `(SELECT name FROM squad WHERE id = ${id}${org === undefined ? '' : ` AND organization_id = ${org}`})`,
    /** Subquery for `IN`: the ids of the squads of the legion `legion`. */
    idsOfLegion: (legion: string) => `(SELECT s.id FROM squad s WHERE s.legion_id = ${legion})`,
  },

  /** `app_user`: id, organization_id, name, email, role, active. */
  user: {
    /** FROM item: `app_user <u>`. */
    as: (u: string) => `app_user ${u}`,
    /** Scalar: the name of the user `id`; with `org`, NULL unless the user is of that organization. */
    name: (id: string, org?: string) => `(SELECT name FROM app_user WHERE id = ${id}${org === undefined ? '' : ` AND organization_id = ${org}`})`,
  },

  /**
   * `squad_membership`: id, organization_id, user_id, squad_id, valid_from, valid_to. A membership
   * holds over [valid_from, valid_to); NULL `valid_to` is the current one, and a user has at most
   * one (unique index `uq_squad_membership_open`).
   */
  membership: {
    /** FROM item: `squad_membership <sm>`. */
    as: (sm: string) => `squad_membership ${sm}`,
    /** Scalar: the squad the user `user` is in now (NULL when in none). */
    squadNow: (user: string) => `(SELECT squad_id FROM squad_membership WHERE user_id = ${user} AND valid_to IS NULL)`,
    /** Scalar: the squad the user `user` was in at the instant `at` (NULL when in none). */
    squadAt: (user: string, at: string) =>
      `(SELECT squad_id FROM squad_membership WHERE user_id = ${user} AND valid_from <= ${at} AND (valid_to IS NULL OR valid_to > ${at}) ORDER BY valid_from DESC LIMIT 1)`,
    /** Predicate: the user `user` is now in one of `squads` (a uuid[] expression). */
    inSquadsNow: (user: string, squads: string) =>
      `EXISTS (SELECT 1 FROM squad_membership cm WHERE cm.user_id = ${user} AND cm.valid_to IS NULL AND cm.squad_id = ANY(${squads}))`,
    /** Predicate: the user `user` had a membership overlapping [from, to) in one of `squads` (a uuid[] expression; NULL = any squad). */
    inSquadsDuring: (user: string, from: string, to: string, squads: string) =>
      `EXISTS (SELECT 1 FROM squad_membership sm WHERE sm.user_id = ${user} AND sm.valid_from < ${to} AND (sm.valid_to IS NULL OR sm.valid_to > ${from})
                     AND (${squads} IS NULL OR sm.squad_id = ANY(${squads})))`,
    /** Row set: every active MEMBER with their current squad, columns (squad_id, user_id). */
    activeMembers: () => `SELECT sm.squad_id, sm.user_id FROM squad_membership sm JOIN app_user u ON u.id = sm.user_id
          WHERE sm.valid_to IS NULL AND u.active AND u.role = 'MEMBER'`,
  },

  /** A team: a legion or a squad, named by its id. */
  team: {
    /** Scalar: the name of the legion or squad `id` (NULL when neither). */
    name: (id: string) => `(SELECT name FROM legion WHERE id = ${id} UNION ALL SELECT name FROM squad WHERE id = ${id} LIMIT 1)`,
    /** Predicate: one of `squads` (a uuid[] expression) is the team `team` or belongs to the legion `team`. */
    squadsCover: (squads: string, team: string) =>
      `EXISTS (SELECT 1 FROM squad vs WHERE vs.id = ANY(${squads}) AND (vs.id = ${team} OR vs.legion_id = ${team}))`,
  },
};
