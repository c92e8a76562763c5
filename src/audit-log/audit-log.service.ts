import { Injectable } from '@nestjs/common';
import { badInput, forbidden } from '../common/errors.js';
import { decodeCursor, toConnection, type Connection } from '../common/graphql/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { AccessService } from '../organization/index.js';
import { Role } from '../organization/index.js';
import { PeopleService } from '../organization/index.js';
import type { AuditEventFilter } from './dto/audit.inputs.js';
import type { AuditEvent } from '../audit/index.js';
import { AuditActorKind, type AuditEventModel, type AuditFieldChangeModel } from './models/audit-event.model.js';
import { AuditRepository, type AuditEventQuery } from '../audit/index.js';

/**
 * Who reads the audit log: ADMIN the whole organization; a MANAGER who commands legions the
 * events made by the people of those legions (anyone who was ever in one of their squads, the
 * manager included) and the events about those legions, squads and people; a MANAGER who
 * commands none the whole organization (as everywhere else). LEAD, MEMBER and API keys: FORBIDDEN.
 */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly access: AccessService,
    private readonly people: PeopleService,
  ) {}

  async events(ctx: RequestContext, filter: AuditEventFilter | null | undefined, first: number, after?: string | null): Promise<Connection<AuditEventModel>> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const f = filter ?? {};
    if (f.from && f.to && f.from.getTime() > f.to.getTime()) throw badInput([{ field: 'filter.to', message: 'must not be before filter.from' }]);
    let beforeId: string | null = null;
    if (after) {
      const [id] = decodeCursor(after, 1);
      if (typeof id !== 'string' || !/^\d{1,19}$/.test(id)) throw badInput([{ field: 'after', message: 'is not a cursor returned by this list' }]);
      beforeId = id;
    }
    const scope = await this.access.scope(ctx);
    let visible: AuditEventQuery['visible'] = null;
    if (!scope.all) {
      if (ctx.role !== Role.MANAGER) throw forbidden('The audit log is for ADMINs and MANAGERs.');
      const peopleIds = await this.people.userIdsEverInSquads(ctx, scope.manageSquadIds);
      const actorUserIds = [...new Set([...peopleIds, ...(scope.userId ? [scope.userId] : [])])];
      visible = {
        actorUserIds,
        entities: [
          { type: 'Legion', ids: scope.legionIds },
          { type: 'Squad', ids: scope.manageSquadIds },
          { type: 'User', ids: actorUserIds },
        ],
      };
    }
    const rows = await this.repo.page({
      organizationId: ctx.organizationId,
      actorUserId: f.actorUserId,
      actorApiKeyId: f.actorApiKeyId,
      entityType: f.entityType,
      entityId: f.entityId,
      action: f.action,
      from: f.from,
      to: f.to,
      visible,
      beforeId,
      limit: first + 1,
    });
    return toConnection(rows, first, (e) => [String(e.id)], toModel);
  }
}

function toModel(e: AuditEvent): AuditEventModel {
  return {
    id: String(e.id),
    occurredAt: e.occurredAt,
    actorKind: e.actorUserId ? AuditActorKind.USER : e.actorApiKeyId ? AuditActorKind.API_KEY : AuditActorKind.SYSTEM,
    actorUserId: e.actorUserId,
    actorApiKeyId: e.actorApiKeyId,
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    changes: changesOf(e.diff),
  };
}

/** `{ field: [before, after] }` pairs become before/after; any other value (a creation's fields) is an "after". */
export function changesOf(diff: Record<string, unknown> | null): AuditFieldChangeModel[] {
  if (!diff || typeof diff !== 'object') return [];
  return Object.keys(diff)
    .sort()
    .map((field) => {
      const v = diff[field];
      if (Array.isArray(v) && v.length === 2) return { field, before: json(v[0]), after: json(v[1]) };
      return { field, before: null, after: json(v) };
    });
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
