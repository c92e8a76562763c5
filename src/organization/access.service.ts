import { Injectable } from '@nestjs/common';
import { forbidden } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { Role } from './entities/index.js';
import { OrganizationRepository } from './organization.repository.js';
import { PeopleRepository } from './people.repository.js';

/**
 * What a caller may see and change, resolved once per request:
 * - ADMIN (and system work): the whole organization;
 * - MANAGER: the legions they command, or the whole organization when they command none;
 * - LEAD: the squads they lead;
 * - MEMBER: their own records; they can read their own squad's roster.
 * Every query is additionally scoped to `organizationId`.
 */
export interface AccessScope {
  organizationId: string;
  userId: string | null;
  role: Role;
  /** Sees and manages everything in the organization. */
  all: boolean;
  /** Legions managed (MANAGER with assignments). */
  legionIds: string[];
  /** Squads whose people and records the caller manages (LEAD, MANAGER). */
  manageSquadIds: string[];
  /** Squads whose roster the caller can read (managed squads plus a member's own squad). */
  readSquadIds: string[];
}

@Injectable()
export class AccessService {
  private readonly cache = new WeakMap<RequestContext, AccessScope>();

  constructor(
    private readonly orgs: OrganizationRepository,
    private readonly people: PeopleRepository,
  ) {}

  /** Resolves the caller's scope (inside a transaction its reads join it; see `Db`). */
  async scope(ctx: RequestContext): Promise<AccessScope> {
    const cached = this.cache.get(ctx);
    if (cached) return cached;
    const scope = await this.resolve(ctx);
    this.cache.set(ctx, scope);
    return scope;
  }

  private async resolve(ctx: RequestContext): Promise<AccessScope> {
    const base = { organizationId: ctx.organizationId, userId: ctx.userId, legionIds: [], manageSquadIds: [], readSquadIds: [] };
    const role = ctx.role;
    if (role === null) {
      // API keys act only through the scoped mutations that accept them, never through reads.
      return { ...base, role: Role.MEMBER, all: false };
    }
    if (role === Role.ADMIN || ctx.actor.kind === 'SYSTEM') return { ...base, role: Role.ADMIN, all: true };
    const userId = ctx.userId!;
    const ownSquadIds = await this.people.currentSquadIds(ctx.organizationId, userId);
    if (role === Role.MANAGER) {
      const legionIds = await this.orgs.legionIdsCommandedBy(ctx.organizationId, userId);
      if (legionIds.length === 0) return { ...base, role, all: true };
      const squadIds = await this.orgs.squadIdsInLegions(ctx.organizationId, legionIds);
      return { ...base, role, all: false, legionIds, manageSquadIds: squadIds, readSquadIds: unique([...squadIds, ...ownSquadIds]) };
    }
    if (role === Role.LEAD) {
      const squadIds = await this.orgs.squadIdsLedBy(ctx.organizationId, userId);
      return { ...base, role, all: false, manageSquadIds: squadIds, readSquadIds: unique([...squadIds, ...ownSquadIds]) };
    }
    return { ...base, role, all: false, readSquadIds: ownSquadIds };
  }

  canReadSquad(scope: AccessScope, squadId: string): boolean {
    return scope.all || scope.readSquadIds.includes(squadId);
  }

  canManageSquad(scope: AccessScope, squadId: string): boolean {
    return scope.all || scope.manageSquadIds.includes(squadId);
  }

  canManageLegion(scope: AccessScope, legionId: string): boolean {
    return scope.all || scope.legionIds.includes(legionId);
  }

  assertCanReadSquad(scope: AccessScope, squadId: string): void {
    if (!this.canReadSquad(scope, squadId)) throw forbidden('You can only see the people of your own squad (or the squads you lead or manage).');
  }

  assertCanManageSquad(scope: AccessScope, squadId: string): void {
    if (!this.canManageSquad(scope, squadId)) throw forbidden('You can only change the squads you lead or manage.');
  }

  assertCanManageLegion(scope: AccessScope, legionId: string): void {
    if (!this.canManageLegion(scope, legionId)) throw forbidden('You can only change the legions you command.');
  }

  assertRole(ctx: RequestContext, ...roles: Role[]): void {
    const role = ctx.role;
    if (role === null || !roles.includes(role)) {
      throw forbidden(`This needs one of the roles ${roles.join(', ')}.`);
    }
  }

  /**
   * SQL helper: `null` when the caller sees every squad, otherwise the list of squad ids to
   * filter on (`squad_id = ANY(:ids)`); MEMBER-level "own records" filters are applied by the
   * caller with `scope.userId`.
   */
  squadFilter(scope: AccessScope, mode: 'read' | 'manage' = 'read'): string[] | null {
    if (scope.all) return null;
    return mode === 'read' ? scope.readSquadIds : scope.manageSquadIds;
  }
}

const unique = (xs: string[]) => [...new Set(xs)];
