import { Injectable } from '@nestjs/common';
import { isValidTimeZone } from '@lib/schedule';
import { AuditService, diffOf } from '../audit/index.js';
import { hashPassword } from '../common/password.js';
import { passwordProblems } from '../common/password-policy.js';
import { badInput, conflict, notFound } from '../common/errors.js';
import { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { AccessService } from './access.service.js';
import { PrincipalCache } from './principal-cache.js';
import type { CreateLegionInput, CreateSquadInput, UpdateLegionInput, UpdateOrganizationInput, UpdateSquadInput } from './dto/organization.inputs.js';
import { Legion, Organization, Role, Squad, TeamKind } from './entities/index.js';
import { OrganizationRepository } from './organization.repository.js';
import { PeopleRepository } from './people.repository.js';

/** Organizations, legions and squads: the structure squads compete within. */
@Injectable()
export class OrganizationService {
  constructor(
    private readonly repo: OrganizationRepository,
    private readonly people: PeopleRepository,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  /** First-run setup of a real deployment (CLI `create-admin`): an organization and its first ADMIN. */
  async createOrganizationWithAdmin(input: {
    organizationName: string;
    email: string;
    password: string;
    name: string;
    timeZone: string;
    currency: string;
  }): Promise<{ organizationId: string; email: string }> {
    const fields = [];
    if (!input.organizationName.trim()) fields.push({ field: 'org', message: 'must not be empty' });
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email)) fields.push({ field: 'email', message: 'must be a valid email address' });
    for (const message of passwordProblems(input.password, input.email)) fields.push({ field: 'password', message });
    if (!isValidTimeZone(input.timeZone)) fields.push({ field: 'time-zone', message: `"${input.timeZone}" is not an IANA time zone` });
    if (!/^[A-Z]{3}$/.test(input.currency)) fields.push({ field: 'currency', message: 'must be a 3-letter ISO 4217 code such as USD' });
    if (fields.length) throw badInput(fields);
    const email = input.email.trim().toLowerCase();
    const passwordHash = await hashPassword(input.password);
    return this.tx.run(async () => {
      if (await this.people.emailTaken(email)) throw conflict(`A user with email ${email} already exists.`);
      const org = await this.repo.createOrganization({ name: input.organizationName.trim(), timeZone: input.timeZone, currency: input.currency });
      const admin = await this.people.createUser({
        organizationId: org.id,
        email,
        name: input.name,
        passwordHash,
        role: Role.ADMIN,
        active: true,
        deactivatedAt: null,
      });
      const ctx = RequestContext.system(org.id);
      await this.audit.record(ctx, [
        { entityType: 'Organization', entityId: org.id, action: 'CREATED', diff: { name: org.name } },
        { entityType: 'User', entityId: admin.id, action: 'CREATED', diff: { email, role: Role.ADMIN } },
      ]);
      return { organizationId: org.id, email };
    });
  }

  async organization(ctx: RequestContext): Promise<Organization> {
    const org = await this.repo.findOrganization(ctx.organizationId);
    if (!org) throw notFound('Organization');
    return org;
  }

  async updateOrganization(ctx: RequestContext, input: UpdateOrganizationInput): Promise<Organization> {
    this.access.assertRole(ctx, Role.ADMIN);
    if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) {
      throw badInput([{ field: 'timeZone', message: `"${input.timeZone}" is not an IANA time zone (e.g. Asia/Shanghai)` }]);
    }
    const updated = await this.tx.run(async () => {
      const org = await this.repo.getOrganization(ctx.organizationId);
      const diff = diffOf(org, input, ['name', 'timeZone']);
      Object.assign(org, stripUndefined({ name: input.name?.trim(), timeZone: input.timeZone }));
      await this.repo.saveOrganization(org);
      await this.audit.record(ctx, { entityType: 'Organization', entityId: org.id, action: 'UPDATED', diff });
      return org;
    });
    // The time zone is part of every request's context.
    this.principals.forgetOrganization(updated.id);
    return updated;
  }

  /** Everyone in the organization can list legions and squads: competition is visible by design. */
  async legions(ctx: RequestContext, kind?: TeamKind): Promise<Legion[]> {
    return this.repo.legions(ctx.organizationId, kind);
  }

  async legion(ctx: RequestContext, id: string): Promise<Legion> {
    const legion = await this.repo.findLegion(ctx.organizationId, id);
    if (!legion) throw notFound('Legion', id);
    return legion;
  }

  async createLegion(ctx: RequestContext, input: CreateLegionInput): Promise<Legion> {
    this.access.assertRole(ctx, Role.ADMIN);
    return this.tx.run(async () => {
      if (input.commanderId) await this.assertUserWithRole(ctx, input.commanderId, [Role.MANAGER], 'commanderId');
      await this.assertUniqueName('legion', ctx.organizationId, input.name);
      const legion = await this.repo.createLegion({
        organizationId: ctx.organizationId,
        name: input.name.trim(),
        kind: input.kind,
        commanderId: input.commanderId ?? null,
      });
      await this.audit.record(ctx, { entityType: 'Legion', entityId: legion.id, action: 'CREATED', diff: { name: legion.name, kind: legion.kind } });
      return legion;
    });
  }

  async updateLegion(ctx: RequestContext, id: string, input: UpdateLegionInput): Promise<Legion> {
    const scope = await this.access.scope(ctx);
    return this.tx.run(async () => {
      const legion = await this.legion(ctx, id);
      this.access.assertCanManageLegion(scope, legion.id);
      if (input.commanderId !== undefined) {
        this.access.assertRole(ctx, Role.ADMIN);
        if (input.commanderId) await this.assertUserWithRole(ctx, input.commanderId, [Role.MANAGER], 'commanderId');
      }
      if (input.name !== undefined && input.name.trim() !== legion.name) await this.assertUniqueName('legion', ctx.organizationId, input.name);
      const diff = diffOf(legion, { name: input.name?.trim(), commanderId: input.commanderId });
      Object.assign(legion, stripUndefined({ name: input.name?.trim(), commanderId: input.commanderId }));
      await this.repo.saveLegion(legion);
      await this.audit.record(ctx, { entityType: 'Legion', entityId: legion.id, action: 'UPDATED', diff });
      return legion;
    });
  }

  async squads(ctx: RequestContext, filter: { legionId?: string; kind?: TeamKind } = {}): Promise<Squad[]> {
    return this.repo.squads(ctx.organizationId, filter);
  }

  async squad(ctx: RequestContext, id: string): Promise<Squad> {
    const squad = await this.repo.findSquad(ctx.organizationId, id);
    if (!squad) throw notFound('Squad', id);
    return squad;
  }

  /** Batch load for nested fields (DataLoader). */
  async squadsByIds(ctx: RequestContext, ids: readonly string[]): Promise<Squad[]> {
    if (ids.length === 0) return [];
    return this.repo.squadsByIds(ctx.organizationId, ids);
  }

  async legionsByIds(ctx: RequestContext, ids: readonly string[]): Promise<Legion[]> {
    if (ids.length === 0) return [];
    return this.repo.legionsByIds(ctx.organizationId, ids);
  }

  async createSquad(ctx: RequestContext, input: CreateSquadInput): Promise<Squad> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const scope = await this.access.scope(ctx);
    return this.tx.run(async () => {
      const legion = await this.legion(ctx, input.legionId);
      this.access.assertCanManageLegion(scope, legion.id);
      if (input.leadId) await this.assertUserWithRole(ctx, input.leadId, [Role.LEAD, Role.MANAGER, Role.ADMIN], 'leadId');
      await this.assertUniqueName('squad', ctx.organizationId, input.name);
      const squad = await this.repo.createSquad({
        organizationId: ctx.organizationId,
        legionId: legion.id,
        name: input.name.trim(),
        leadId: input.leadId ?? null,
      });
      await this.audit.record(ctx, {
        entityType: 'Squad',
        entityId: squad.id,
        action: 'CREATED',
        diff: { name: squad.name, legionId: legion.id, leadId: squad.leadId },
      });
      return squad;
    });
  }

  async updateSquad(ctx: RequestContext, id: string, input: UpdateSquadInput): Promise<Squad> {
    const scope = await this.access.scope(ctx);
    return this.tx.run(async () => {
      const squad = await this.squad(ctx, id);
      this.access.assertCanManageSquad(scope, squad.id);
      if (input.leadId !== undefined) {
        this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
        if (input.leadId) await this.assertUserWithRole(ctx, input.leadId, [Role.LEAD, Role.MANAGER, Role.ADMIN], 'leadId');
      }
      if (input.name !== undefined && input.name.trim() !== squad.name) await this.assertUniqueName('squad', ctx.organizationId, input.name);
      const diff = diffOf(squad, { name: input.name?.trim(), leadId: input.leadId });
      Object.assign(squad, stripUndefined({ name: input.name?.trim(), leadId: input.leadId }));
      await this.repo.saveSquad(squad);
      await this.audit.record(ctx, { entityType: 'Squad', entityId: squad.id, action: 'UPDATED', diff });
      return squad;
    });
  }

  private async assertUserWithRole(ctx: RequestContext, userId: string, roles: Role[], field: string): Promise<void> {
    const user = await this.people.findUser(ctx.organizationId, userId);
    if (!user) throw badInput([{ field, message: 'no such user in this organization' }]);
    if (!user.active) throw badInput([{ field, message: 'this user is deactivated' }]);
    if (!roles.includes(user.role)) throw badInput([{ field, message: `must be a user with role ${roles.join(' or ')}, not ${user.role}` }]);
  }

  private async assertUniqueName(what: 'legion' | 'squad', organizationId: string, name: string): Promise<void> {
    const existing =
      what === 'legion' ? await this.repo.legionNameTaken(organizationId, name.trim()) : await this.repo.squadNameTaken(organizationId, name.trim());
    if (existing) throw conflict(`A ${what} named "${name.trim()}" already exists in this organization.`);
  }
}

export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
