import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { AuditService, diffOf } from '../audit/index.js';
import { hashPassword } from '../common/password.js';
import { passwordProblems } from '../common/password-policy.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import { decodeCursor, toConnection, type Connection } from '../common/graphql/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { AccessService, type AccessScope } from './access.service.js';
import type { CreateUserInput, MoveMemberInput, UpdateUserInput, UsersFilterArgs } from './dto/organization.inputs.js';
import { Role, Squad, SquadMembership, User } from './entities/index.js';
import { OrganizationService, stripUndefined } from './organization.service.js';
import { PrincipalCache } from './principal-cache.js';

/** Called inside the deactivation transaction (e.g. to reassign a rep's open leads). */
/** Runs inside the deactivation's transaction: queries through `Db` join it; `afterCommit` defers. */
export type DeactivationHook = (ctx: RequestContext, user: User) => Promise<void>;

/** Users and their squad memberships over time. */
@Injectable()
export class PeopleService {
  private readonly deactivationHooks: DeactivationHook[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly orgs: OrganizationService,
    private readonly principals: PrincipalCache,
  ) {}

  /** Other contexts register work that must happen when a user is deactivated. */
  onDeactivate(hook: DeactivationHook): void {
    this.deactivationHooks.push(hook);
  }

  /** Users the caller can see: ADMIN all; MANAGER/LEAD their squads' people; MEMBER their squad-mates. */
  async users(ctx: RequestContext, filter: UsersFilterArgs, first: number, after?: string | null): Promise<Connection<User>> {
    const scope = await this.access.scope(ctx);
    const qb = this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .where('u.organization_id = :org', { org: ctx.organizationId })
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(first + 1);
    const squads = this.access.squadFilter(scope, 'read');
    if (squads !== null) {
      qb.andWhere(
        `(u.id = :self OR EXISTS (SELECT 1 FROM squad_membership sm WHERE sm.user_id = u.id AND sm.valid_to IS NULL AND sm.squad_id = ANY(:squads)))`,
        { self: scope.userId, squads },
      );
    }
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.squadId) {
      qb.andWhere('EXISTS (SELECT 1 FROM squad_membership f WHERE f.user_id = u.id AND f.valid_to IS NULL AND f.squad_id = :fsquad)', {
        fsquad: filter.squadId,
      });
    }
    if (filter.search) {
      qb.andWhere(`(u.name ILIKE :q OR u.email ILIKE :q)`, { q: `%${filter.search.replace(/[\\%_]/g, (c) => '\\' + c)}%` });
    }
    if (after) {
      const [name, id] = decodeCursor(after, 2);
      qb.andWhere('(u.name, u.id) > (:cname, :cid)', { cname: name, cid: id });
    }
    const rows = await qb.getMany();
    return toConnection(
      rows,
      first,
      (u) => [u.name, u.id],
      (u) => u,
    );
  }

  async user(ctx: RequestContext, id: string): Promise<User> {
    const scope = await this.access.scope(ctx);
    const user = await this.dataSource.manager.findOne(User, { where: { id, organizationId: ctx.organizationId } });
    if (!user) throw notFound('User', id);
    await this.assertCanRead(scope, user);
    return user;
  }

  /** Ids of everyone who was ever a member of one of these squads (current and past memberships). */
  async userIdsEverInSquads(ctx: RequestContext, squadIds: readonly string[]): Promise<string[]> {
    if (squadIds.length === 0) return [];
    const rows = await this.dataSource.manager
      .createQueryBuilder(SquadMembership, 'sm')
      .select('DISTINCT sm.user_id', 'userId')
      .where('sm.organization_id = :org AND sm.squad_id = ANY(:squads)', { org: ctx.organizationId, squads: [...squadIds] })
      .getRawMany<{ userId: string }>();
    return rows.map((r) => r.userId);
  }

  async usersByIds(ctx: RequestContext, ids: readonly string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    return this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .where('u.organization_id = :org AND u.id = ANY(:ids)', { org: ctx.organizationId, ids: [...ids] })
      .getMany();
  }

  private async assertCanRead(scope: AccessScope, user: User, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (scope.all || user.id === scope.userId) return;
    const current = await manager.findOne(SquadMembership, { where: { userId: user.id, validTo: IsNull() } });
    if (!current || !this.access.canReadSquad(scope, current.squadId)) {
      throw forbidden('You can only see people of your own squad (or the squads you lead or manage).');
    }
  }

  /** People in a squad at an instant (default now). */
  async squadMembers(ctx: RequestContext, squadId: string, at?: Date | null): Promise<User[]> {
    const scope = await this.access.scope(ctx);
    await this.orgs.squad(ctx, squadId);
    this.access.assertCanReadSquad(scope, squadId);
    const when = at ?? new Date();
    return this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .innerJoin(SquadMembership, 'sm', 'sm.user_id = u.id')
      .where('sm.squad_id = :squadId AND sm.organization_id = :org', { squadId, org: ctx.organizationId })
      .andWhere('sm.valid_from <= :when AND (sm.valid_to IS NULL OR sm.valid_to > :when)', { when })
      .orderBy('u.name', 'ASC')
      .getMany();
  }

  async memberships(ctx: RequestContext, userId: string): Promise<SquadMembership[]> {
    await this.user(ctx, userId);
    return this.dataSource.manager.find(SquadMembership, {
      where: { userId, organizationId: ctx.organizationId },
      order: { validFrom: 'DESC' },
    });
  }

  /** The open membership of each user (for the nested `User.squad` field). */
  async currentMemberships(ctx: RequestContext, userIds: readonly string[]): Promise<SquadMembership[]> {
    if (userIds.length === 0) return [];
    return this.dataSource.manager
      .createQueryBuilder(SquadMembership, 'sm')
      .where('sm.organization_id = :org AND sm.user_id = ANY(:ids) AND sm.valid_to IS NULL', { org: ctx.organizationId, ids: [...userIds] })
      .getMany();
  }

  async createUser(ctx: RequestContext, input: CreateUserInput): Promise<User> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const scope = await this.access.scope(ctx);
    if (ctx.role === Role.MANAGER) {
      if (input.role === Role.ADMIN || input.role === Role.MANAGER) throw forbidden('Managers can create LEAD and MEMBER users; ask an ADMIN for others.');
      if (!input.squadId) throw badInput([{ field: 'squadId', message: 'managers must place the new user in one of their squads' }]);
      this.access.assertCanManageSquad(scope, input.squadId);
    }
    const email = input.email.trim().toLowerCase();
    // Also checked by the input type; again here for callers that do not come through GraphQL.
    const problems = passwordProblems(input.password, email);
    if (problems.length) throw badInput(problems.map((message) => ({ field: 'input.password', message })));
    const passwordHash = await hashPassword(input.password);
    return this.tx.run(async (m) => {
      const taken = await m.exists(User, { where: { email } });
      if (taken) throw conflict(`A user with email ${email} already exists.`);
      if (input.squadId) await this.orgs.squad(ctx, input.squadId, m);
      const user = await m.save(
        m.create(User, {
          organizationId: ctx.organizationId,
          email,
          name: input.name.trim(),
          passwordHash,
          role: input.role,
          active: true,
          deactivatedAt: null,
        }),
      );
      if (input.squadId) {
        await m.insert(SquadMembership, { organizationId: ctx.organizationId, userId: user.id, squadId: input.squadId, validFrom: new Date(), validTo: null });
      }
      await this.audit.record(ctx, {
        entityType: 'User',
        entityId: user.id,
        action: 'CREATED',
        diff: { email, name: user.name, role: user.role, squadId: input.squadId ?? null },
      });
      delete (user as Partial<User>).passwordHash;
      return user;
    });
  }

  async updateUser(ctx: RequestContext, id: string, input: UpdateUserInput): Promise<User> {
    const scope = await this.access.scope(ctx);
    const updated = await this.tx.run(async (m) => {
      const user = await m.findOne(User, { where: { id, organizationId: ctx.organizationId } });
      if (!user) throw notFound('User', id);
      if (input.role !== undefined && input.role !== user.role) this.access.assertRole(ctx, Role.ADMIN);
      if (input.name !== undefined && user.id !== ctx.userId) await this.assertCanManageUser(m, scope, user);
      const diff = diffOf(user, { name: input.name?.trim(), role: input.role });
      const roleChanged = input.role !== undefined && input.role !== user.role;
      Object.assign(user, stripUndefined({ name: input.name?.trim(), role: input.role }));
      await m.save(user);
      // A new role ends the user's sessions: tokens issued under the old role stop working.
      if (roleChanged) await endSessions(m, user.id);
      await this.audit.record(ctx, { entityType: 'User', entityId: user.id, action: 'UPDATED', diff });
      return user;
    });
    // Role and name are part of every request's context: the next request reads them afresh (and
    // a token from before a role change is refused; open subscriptions close).
    this.principals.forgetUser(updated.id);
    return updated;
  }

  private async assertCanManageUser(m: EntityManager, scope: AccessScope, user: User): Promise<void> {
    if (scope.all) return;
    const current = await m.findOne(SquadMembership, { where: { userId: user.id, validTo: IsNull() } });
    if (!current || !this.access.canManageSquad(scope, current.squadId) || scope.role === Role.LEAD || scope.role === Role.MEMBER) {
      throw forbidden('You can only change people in the squads you manage.');
    }
  }

  /**
   * Moves a user to another squad (or out of any squad) from `effectiveAt`: the open membership
   * is closed at that instant and a new one opened, so history is kept.
   */
  async moveMember(ctx: RequestContext, input: MoveMemberInput): Promise<User> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const scope = await this.access.scope(ctx);
    const now = new Date();
    const at = input.effectiveAt ?? now;
    if (at.getTime() > now.getTime() + 60_000) throw badInput([{ field: 'effectiveAt', message: 'cannot be in the future' }]);
    return this.tx.run(async (m) => {
      const user = await m.findOne(User, { where: { id: input.userId, organizationId: ctx.organizationId } });
      if (!user) throw notFound('User', input.userId);
      if (!user.active) throw conflict('This user is deactivated; reactivate them before moving them.');
      // Lock the user's memberships so two concurrent moves cannot both close the same one.
      const current = await m
        .createQueryBuilder(SquadMembership, 'sm')
        .setLock('pessimistic_write')
        .where('sm.user_id = :id AND sm.valid_to IS NULL', { id: user.id })
        .getOne();
      if (current) this.access.assertCanManageSquad(scope, current.squadId);
      let target: Squad | null = null;
      if (input.squadId) {
        target = await this.orgs.squad(ctx, input.squadId, m);
        this.access.assertCanManageSquad(scope, target.id);
        if (current?.squadId === target.id) throw conflict(`${user.name} is already in ${target.name}.`);
      } else if (!current) {
        throw conflict(`${user.name} is not in any squad.`);
      }
      if (current) {
        if (at <= current.validFrom) {
          throw badInput([{ field: 'effectiveAt', message: `must be after the current membership began (${current.validFrom.toISOString()})` }]);
        }
        current.validTo = at;
        await m.save(current);
      } else {
        const lastEnd = await m
          .createQueryBuilder(SquadMembership, 'sm')
          .select('max(sm.valid_to)', 'lastEnd')
          .where('sm.user_id = :id', { id: user.id })
          .getRawOne<{ lastEnd: Date | null }>();
        if (lastEnd?.lastEnd && at < new Date(lastEnd.lastEnd)) {
          throw badInput([{ field: 'effectiveAt', message: 'overlaps the previous membership' }]);
        }
      }
      if (target) {
        await m.insert(SquadMembership, { organizationId: ctx.organizationId, userId: user.id, squadId: target.id, validFrom: at, validTo: null });
      }
      await this.audit.record(ctx, {
        entityType: 'User',
        entityId: user.id,
        action: 'MOVED',
        diff: { squadId: [current?.squadId ?? null, target?.id ?? null], effectiveAt: at.toISOString() },
      });
      return user;
    });
  }

  /** Deactivates a user: they can no longer log in and leave their squad; their history stays. */
  async deactivateUser(ctx: RequestContext, id: string): Promise<User> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const scope = await this.access.scope(ctx);
    if (id === ctx.userId) throw conflict('You cannot deactivate yourself.');
    const deactivated = await this.tx.run(async (m) => {
      const user = await m.findOne(User, { where: { id, organizationId: ctx.organizationId } });
      if (!user) throw notFound('User', id);
      await this.assertCanManageUser(m, scope, user);
      if (!user.active) return user;
      const now = new Date();
      user.active = false;
      user.deactivatedAt = now;
      await m.save(user);
      await endSessions(m, user.id);
      await m.update(SquadMembership, { userId: user.id, validTo: IsNull() }, { validTo: now });
      for (const hook of this.deactivationHooks) await hook(ctx, user);
      await this.audit.record(ctx, { entityType: 'User', entityId: user.id, action: 'DEACTIVATED' });
      return user;
    });
    // Locked out from the next request on, including live tokens.
    this.principals.forgetUser(deactivated.id);
    return deactivated;
  }

  /** Reactivates a user; tokens from before the deactivation stay dead (they log in again). */
  async reactivateUser(ctx: RequestContext, id: string): Promise<User> {
    this.access.assertRole(ctx, Role.ADMIN);
    const reactivated = await this.tx.run(async (m) => {
      const user = await m.findOne(User, { where: { id, organizationId: ctx.organizationId } });
      if (!user) throw notFound('User', id);
      if (user.active) return user;
      user.active = true;
      user.deactivatedAt = null;
      await m.save(user);
      await endSessions(m, user.id);
      await this.audit.record(ctx, { entityType: 'User', entityId: user.id, action: 'REACTIVATED' });
      return user;
    });
    this.principals.forgetUser(reactivated.id);
    return reactivated;
  }
}

/** Raises the user's token version: every access token issued before stops working. */
async function endSessions(m: EntityManager, userId: string): Promise<void> {
  await m
    .createQueryBuilder()
    .update(User)
    .set({ tokenVersion: () => 'token_version + 1' })
    .where('id = :id', { id: userId })
    .execute();
}
