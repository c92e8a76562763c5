import { Injectable } from '@nestjs/common';
import { AuditService, diffOf } from '../audit/index.js';
import { hashPassword } from '../common/password.js';
import { passwordProblems } from '../common/password-policy.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import { toConnection, type Connection } from '../common/graphql/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { AccessService, type AccessScope } from './access.service.js';
import type { CreateUserInput, MoveMemberInput, UpdateUserInput, UsersFilterArgs } from './dto/organization.inputs.js';
import { Role, Squad, SquadMembership, User } from './entities/index.js';
import { OrganizationService, stripUndefined } from './organization.service.js';
import { PeopleRepository } from './people.repository.js';
import { PrincipalCache } from './principal-cache.js';

/** Called inside the deactivation transaction (e.g. to reassign a rep's open leads). */
/** Runs inside the deactivation's transaction: queries through `Db` join it; `afterCommit` defers. */
export type DeactivationHook = (ctx: RequestContext, user: User) => Promise<void>;

/** Users and their squad memberships over time. */
@Injectable()
export class PeopleService {
  private readonly deactivationHooks: DeactivationHook[] = [];

  constructor(
    private readonly repo: PeopleRepository,
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
    const rows = await this.repo.usersPage({
      organizationId: ctx.organizationId,
      visibleSquadIds: this.access.squadFilter(scope, 'read'),
      self: scope.userId,
      role: filter.role,
      active: filter.active,
      squadId: filter.squadId,
      search: filter.search,
      after,
      limit: first + 1,
    });
    return toConnection(
      rows,
      first,
      (u) => [u.name, u.id],
      (u) => u,
    );
  }

  async user(ctx: RequestContext, id: string): Promise<User> {
    const scope = await this.access.scope(ctx);
    const user = await this.repo.findUser(ctx.organizationId, id);
    if (!user) throw notFound('User', id);
    await this.assertCanRead(scope, user);
    return user;
  }

  /** Ids of everyone who was ever a member of one of these squads (current and past memberships). */
  async userIdsEverInSquads(ctx: RequestContext, squadIds: readonly string[]): Promise<string[]> {
    if (squadIds.length === 0) return [];
    return this.repo.userIdsEverInSquads(ctx.organizationId, squadIds);
  }

  async usersByIds(ctx: RequestContext, ids: readonly string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    return this.repo.usersByIds(ctx.organizationId, ids);
  }

  private async assertCanRead(scope: AccessScope, user: User): Promise<void> {
    if (scope.all || user.id === scope.userId) return;
    const current = await this.repo.currentMembership(user.id);
    if (!current || !this.access.canReadSquad(scope, current.squadId)) {
      throw forbidden('You can only see people of your own squad (or the squads you lead or manage).');
    }
  }

  /** People in a squad at an instant (default now). */
  async squadMembers(ctx: RequestContext, squadId: string, at?: Date | null): Promise<User[]> {
    const scope = await this.access.scope(ctx);
    await this.orgs.squad(ctx, squadId);
    this.access.assertCanReadSquad(scope, squadId);
    return this.repo.squadMembersAt(ctx.organizationId, squadId, at ?? new Date());
  }

  async memberships(ctx: RequestContext, userId: string): Promise<SquadMembership[]> {
    await this.user(ctx, userId);
    return this.repo.memberships(ctx.organizationId, userId);
  }

  /** The open membership of each user (for the nested `User.squad` field). */
  async currentMemberships(ctx: RequestContext, userIds: readonly string[]): Promise<SquadMembership[]> {
    if (userIds.length === 0) return [];
    return this.repo.currentMemberships(ctx.organizationId, userIds);
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
    return this.tx.run(async () => {
      const taken = await this.repo.emailTaken(email);
      if (taken) throw conflict(`A user with email ${email} already exists.`);
      if (input.squadId) await this.orgs.squad(ctx, input.squadId);
      const user = await this.repo.createUser({
        organizationId: ctx.organizationId,
        email,
        name: input.name.trim(),
        passwordHash,
        role: input.role,
        active: true,
        deactivatedAt: null,
      });
      if (input.squadId) await this.repo.openMembership(ctx.organizationId, user.id, input.squadId, new Date());
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
    const updated = await this.tx.run(async () => {
      const user = await this.repo.findUser(ctx.organizationId, id);
      if (!user) throw notFound('User', id);
      if (input.role !== undefined && input.role !== user.role) this.access.assertRole(ctx, Role.ADMIN);
      if (input.name !== undefined && user.id !== ctx.userId) await this.assertCanManageUser(scope, user);
      const diff = diffOf(user, { name: input.name?.trim(), role: input.role });
      const roleChanged = input.role !== undefined && input.role !== user.role;
      Object.assign(user, stripUndefined({ name: input.name?.trim(), role: input.role }));
      await this.repo.saveUser(user);
      // A new role ends the user's sessions: tokens issued under the old role stop working.
      if (roleChanged) await this.repo.endSessions(user.id);
      await this.audit.record(ctx, { entityType: 'User', entityId: user.id, action: 'UPDATED', diff });
      return user;
    });
    // Role and name are part of every request's context: the next request reads them afresh (and
    // a token from before a role change is refused; open subscriptions close).
    this.principals.forgetUser(updated.id);
    return updated;
  }

  private async assertCanManageUser(scope: AccessScope, user: User): Promise<void> {
    if (scope.all) return;
    const current = await this.repo.currentMembership(user.id);
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
    return this.tx.run(async () => {
      const user = await this.repo.findUser(ctx.organizationId, input.userId);
      if (!user) throw notFound('User', input.userId);
      if (!user.active) throw conflict('This user is deactivated; reactivate them before moving them.');
      // Lock the user's memberships so two concurrent moves cannot both close the same one.
      const current = await this.repo.lockCurrentMembership(user.id);
      if (current) this.access.assertCanManageSquad(scope, current.squadId);
      let target: Squad | null = null;
      if (input.squadId) {
        target = await this.orgs.squad(ctx, input.squadId);
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
        await this.repo.saveMembership(current);
      } else {
        const lastEnd = await this.repo.lastMembershipEnd(user.id);
        if (lastEnd && at < lastEnd) {
          throw badInput([{ field: 'effectiveAt', message: 'overlaps the previous membership' }]);
        }
      }
      if (target) await this.repo.openMembership(ctx.organizationId, user.id, target.id, at);
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
    const deactivated = await this.tx.run(async () => {
      const user = await this.repo.findUser(ctx.organizationId, id);
      if (!user) throw notFound('User', id);
      await this.assertCanManageUser(scope, user);
      if (!user.active) return user;
      const now = new Date();
      user.active = false;
      user.deactivatedAt = now;
      await this.repo.saveUser(user);
      await this.repo.endSessions(user.id);
      await this.repo.closeOpenMemberships(user.id, now);
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
    const reactivated = await this.tx.run(async () => {
      const user = await this.repo.findUser(ctx.organizationId, id);
      if (!user) throw notFound('User', id);
      if (user.active) return user;
      user.active = true;
      user.deactivatedAt = null;
      await this.repo.saveUser(user);
      await this.repo.endSessions(user.id);
      await this.audit.record(ctx, { entityType: 'User', entityId: user.id, action: 'REACTIVATED' });
      return user;
    });
    this.principals.forgetUser(reactivated.id);
    return reactivated;
  }
}
