import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Persona } from '../../src/personas/persona.entity.js';
import { RequestContext } from '../../src/common/request-context.js';
import { Role, TeamKind } from '../../src/organization/entities/team-kind.js';
import { OrganizationService } from '../../src/organization/organization.service.js';
import { PeopleService } from '../../src/organization/people.service.js';

export const PASSWORD = 'correct horse battery';

/**
 * The persona catalog every fixture organization starts with: the keys the e2e files' surveys and
 * playbooks name (publishing checks them against the catalog).
 */
export const FIXTURE_PERSONAS = ['advanced', 'career_switcher_novice', 'explorer', 'novice', 'parent', 'professional', 'student', 'switcher', 'upskiller'];

export interface FixtureUser {
  id: string;
  email: string;
}

/**
 * An organization for e2e tests: an admin; a manager commanding legion "A" (pre-sales) with
 * squads A1 and A2 (each a lead and two members); legion "B" (course service, no commander)
 * with squad B1 (a lead and one member); and an unassigned manager.
 */
export interface FixtureOrg {
  organizationId: string;
  admin: FixtureUser;
  manager: FixtureUser;
  freeManager: FixtureUser;
  legionA: string;
  legionB: string;
  squads: { A1: string; A2: string; B1: string };
  leads: { A1: FixtureUser; A2: FixtureUser; B1: FixtureUser };
  members: { A1: FixtureUser[]; A2: FixtureUser[]; B1: FixtureUser[] };
}

export async function buildOrg(app: INestApplicationContext, prefix: string, opts: { timeZone?: string; currency?: string } = {}): Promise<FixtureOrg> {
  const orgs = app.get(OrganizationService);
  const people = app.get(PeopleService);
  const email = (local: string) => `${local}@${prefix}.test`;
  const { organizationId } = await orgs.createOrganizationWithAdmin({
    organizationName: `${prefix} school`,
    email: email('admin'),
    password: PASSWORD,
    name: `${prefix} admin`,
    timeZone: opts.timeZone ?? 'Asia/Shanghai',
    currency: opts.currency ?? 'CNY',
  });
  const ctx = RequestContext.system(organizationId);
  const user = async (local: string, role: Role, squadId: string | null = null): Promise<FixtureUser> => {
    const u = await people.createUser(ctx, { email: email(local), name: `${prefix} ${local}`, password: PASSWORD, role, squadId });
    return { id: u.id, email: u.email };
  };
  const admin = { id: '', email: email('admin') };
  const manager = await user('manager', Role.MANAGER);
  const freeManager = await user('freemanager', Role.MANAGER);
  const legionA = await orgs.createLegion(ctx, { name: 'Legion A', kind: TeamKind.PRE_SALES, commanderId: manager.id });
  const legionB = await orgs.createLegion(ctx, { name: 'Legion B', kind: TeamKind.COURSE_SERVICE });
  const squad = async (name: string, legionId: string) => (await orgs.createSquad(ctx, { legionId, name })).id;
  const squads = { A1: await squad('A1', legionA.id), A2: await squad('A2', legionA.id), B1: await squad('B1', legionB.id) };
  const leads = {
    A1: await user('lead.a1', Role.LEAD, squads.A1),
    A2: await user('lead.a2', Role.LEAD, squads.A2),
    B1: await user('lead.b1', Role.LEAD, squads.B1),
  };
  for (const [k, id] of Object.entries(squads)) await orgs.updateSquad(ctx, id, { leadId: leads[k as keyof typeof leads].id });
  const members = {
    A1: [await user('rep.a1.1', Role.MEMBER, squads.A1), await user('rep.a1.2', Role.MEMBER, squads.A1)],
    A2: [await user('rep.a2.1', Role.MEMBER, squads.A2), await user('rep.a2.2', Role.MEMBER, squads.A2)],
    B1: [await user('cur.b1.1', Role.MEMBER, squads.B1)],
  };
  await app
    .get(DataSource)
    .getRepository(Persona)
    .insert(FIXTURE_PERSONAS.map((key) => ({ organizationId, key, name: key.replace(/_/g, ' ') })));
  return { organizationId, admin, manager, freeManager, legionA: legionA.id, legionB: legionB.id, squads, leads, members };
}
