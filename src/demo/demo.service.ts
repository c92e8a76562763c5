import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/index.js';
import { hashPassword } from '../common/password.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { RequestContext } from '../common/request-context.js';
import { LOGGER } from '../common/tokens.js';
import { Db, TransactionRunner } from '../database/transaction.js';
import { DemoSeeds } from './demo-seeds.js';
import { Legion, Organization, Role, Squad, SquadMembership, TeamKind, User } from '../organization/index.js';

export interface DemoPerson {
  id: string;
  email: string;
  name: string;
  role: Role;
  squadId: string | null;
}

/** What the base demo created; contributors of later contexts build on it. */
export interface DemoOrg {
  organization: Organization;
  ctx: RequestContext;
  now: Date;
  admin: DemoPerson;
  managers: DemoPerson[];
  preSalesLegion: Legion;
  courseServiceLegion: Legion;
  preSalesSquads: Squad[];
  courseServiceSquads: Squad[];
  /** Reps by pre-sales squad id (leads not included). */
  repsBySquad: Map<string, DemoPerson[]>;
  /** Curators by course-service squad id. */
  curatorsBySquad: Map<string, DemoPerson[]>;
  leads: DemoPerson[];
}

/** One seed of later contexts' demo data (leads, playbooks, orders, ...); DemoSeeds orders them. */
export interface DemoContributor {
  name: string;
  /** Runs inside the demo's one transaction: `db` (its manager) joins it. */
  seed(demo: DemoOrg, db: Db): Promise<void>;
}

const PRE_SALES_SQUADS = ['Tigers', 'Falcons', 'Wolves'];
const COURSE_SERVICE_SQUADS = ['Stars', 'Comets'];
const FIRST_NAMES = [
  'Anna',
  'Boris',
  'Chen',
  'Dana',
  'Elena',
  'Farid',
  'Gita',
  'Huy',
  'Ivan',
  'Jia',
  'Kira',
  'Lan',
  'Mai',
  'Nikita',
  'Olga',
  'Pavel',
  'Quynh',
  'Rui',
  'Sofia',
  'Tuan',
  'Uma',
  'Vera',
  'Wei',
  'Xin',
  'Yana',
  'Zhou',
];

@Injectable()
export class DemoService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly tx: TransactionRunner,
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly seeds: DemoSeeds,
  ) {}

  /** At boot: seed when asked to, or by default when the embedded database is empty. */
  async seedOnBoot(): Promise<void> {
    const wanted = this.config.seedDemo ?? this.config.database.url === null;
    if (!wanted) return;
    const empty = (await this.db.manager.count(Organization)) === 0;
    if (!empty) return;
    await this.seed();
  }

  /** Creates the demo organization and prints its logins once. */
  async seed(): Promise<{ organizationId: string; password: string; logins: { email: string; role: Role }[] }> {
    const password = this.config.demoPassword ?? randomBytes(9).toString('base64url');
    const passwordHash = await hashPassword(password);
    const result = await this.tx.run(async () => {
      const existing = await this.db.manager.findOne(Organization, { where: { name: 'Bright Path Academy (demo)' } });
      if (existing) throw new Error('The demo organization already exists.');
      const demo = await this.seedStructure(passwordHash);
      for (const c of this.seeds.list()) {
        this.log.info({ contributor: c.name }, 'seeding demo data');
        await c.seed(demo, this.db);
      }
      return demo;
    });
    const logins = [
      result.admin,
      ...result.managers,
      ...result.leads.slice(0, 2),
      ...[...result.repsBySquad.values()].flat().slice(0, 2),
      ...[...result.curatorsBySquad.values()].flat().slice(0, 1),
    ].map((p) => ({ email: p.email, role: p.role }));
    this.log.info({ organizationId: result.organization.id, logins: logins.map((l) => l.email) }, 'demo organization created');
    process.stderr.write(
      [
        '',
        '  Demo data created (Bright Path Academy). Log in with any of:',
        ...logins.map((l) => `    ${l.role.padEnd(7)} ${l.email}`),
        `  Password for every demo user: ${password}${this.config.demoPassword ? ' (from DEMO_PASSWORD)' : ' (generated; set DEMO_PASSWORD to choose it)'}`,
        '  Every rep is rep.<squad>.<n>@demo.school, every lead lead.<squad>@demo.school.',
        '',
      ].join('\n') + '\n',
    );
    return { organizationId: result.organization.id, password, logins };
  }

  private async seedStructure(passwordHash: string): Promise<DemoOrg> {
    const m = this.db.manager; // the demo's one transaction
    const now = new Date();
    const organization = await m.save(m.create(Organization, { name: 'Bright Path Academy (demo)', timeZone: 'Asia/Shanghai', currency: 'CNY' }));
    const ctx = RequestContext.system(organization.id);
    const joined = new Date(now.getTime() - 16 * 7 * 86400_000);
    let nameIndex = 0;
    const nextName = () => {
      const first = FIRST_NAMES[nameIndex % FIRST_NAMES.length];
      const last = String.fromCharCode(65 + Math.floor(nameIndex / FIRST_NAMES.length));
      nameIndex++;
      return `${first} ${last}.`;
    };
    const people: DemoPerson[] = [];
    const memberships: Partial<SquadMembership>[] = [];
    const addUser = async (email: string, name: string, role: Role, squadId: string | null): Promise<DemoPerson> => {
      const user = await m.save(m.create(User, { organizationId: organization.id, email, name, passwordHash, role, active: true, deactivatedAt: null }));
      const person = { id: user.id, email, name, role, squadId };
      people.push(person);
      if (squadId) memberships.push({ organizationId: organization.id, userId: user.id, squadId, validFrom: joined, validTo: null });
      return person;
    };

    const admin = await addUser('admin@demo.school', 'Alice Admin', Role.ADMIN, null);
    const salesManager = await addUser('manager@demo.school', 'Mark Manager', Role.MANAGER, null);
    const csManager = await addUser('cs.manager@demo.school', 'Claire Service', Role.MANAGER, null);
    const preSalesLegion = await m.save(
      m.create(Legion, { organizationId: organization.id, name: 'Pre-sales East', kind: TeamKind.PRE_SALES, commanderId: salesManager.id }),
    );
    const courseServiceLegion = await m.save(
      m.create(Legion, { organizationId: organization.id, name: 'Course Service', kind: TeamKind.COURSE_SERVICE, commanderId: csManager.id }),
    );

    const leads: DemoPerson[] = [];
    const build = async (legion: Legion, names: string[], perSquad: number, kind: 'rep' | 'curator') => {
      const squads: Squad[] = [];
      const bySquad = new Map<string, DemoPerson[]>();
      for (const squadName of names) {
        const squad = await m.save(m.create(Squad, { organizationId: organization.id, legionId: legion.id, name: squadName, leadId: null }));
        const slug = squadName.toLowerCase();
        const lead = await addUser(`lead.${slug}@demo.school`, nextName(), Role.LEAD, squad.id);
        squad.leadId = lead.id;
        await m.save(squad);
        leads.push(lead);
        const members: DemoPerson[] = [];
        for (let i = 1; i <= perSquad; i++) members.push(await addUser(`${kind}.${slug}.${i}@demo.school`, nextName(), Role.MEMBER, squad.id));
        bySquad.set(squad.id, members);
        squads.push(squad);
      }
      return { squads, bySquad };
    };
    const sales = await build(preSalesLegion, PRE_SALES_SQUADS, 6, 'rep');
    const service = await build(courseServiceLegion, COURSE_SERVICE_SQUADS, 4, 'curator');
    await m.insert(SquadMembership, memberships);

    // One rep moved from Wolves to Tigers three weeks ago: rankings of earlier weeks credit Wolves.
    const moved = sales.bySquad.get(sales.squads[2].id)!.pop()!;
    const movedAt = new Date(now.getTime() - 21 * 86400_000);
    await m.update(SquadMembership, { userId: moved.id }, { validTo: movedAt });
    await m.insert(SquadMembership, { organizationId: organization.id, userId: moved.id, squadId: sales.squads[0].id, validFrom: movedAt, validTo: null });
    moved.squadId = sales.squads[0].id;
    sales.bySquad.get(sales.squads[0].id)!.push(moved);

    await this.audit.record(ctx, { entityType: 'Organization', entityId: organization.id, action: 'DEMO_SEEDED', diff: { users: people.length } });
    return {
      organization,
      ctx,
      now,
      admin,
      managers: [salesManager, csManager],
      preSalesLegion,
      courseServiceLegion,
      preSalesSquads: sales.squads,
      courseServiceSquads: service.squads,
      repsBySquad: sales.bySquad,
      curatorsBySquad: service.bySquad,
      leads,
    };
  }
}
