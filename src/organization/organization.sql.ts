// Named SQL fragments over the organization context's tables, for statements of other contexts that
// must read them in one query (docs/development.md, "Where SQL goes"). Each fragment is a
// function returning SQL text with the caller's aliases and parameter placeholders; the caller's
// repository composes it. Nothing else outside src/organization/ names these tables.
export {};

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
