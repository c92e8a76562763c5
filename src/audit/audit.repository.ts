import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import { AuditEvent } from './entities/audit-event.entity.js';

export interface AuditEventQuery {
  organizationId: string;
  actorUserId?: string | null;
  actorApiKeyId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  action?: string | null;
  from?: Date | null;
  to?: Date | null;
  /**
   * Visibility for a scoped caller (null = the whole organization): events made by one of
   * `actorUserIds`, or about one of `entities`.
   */
  visible: { actorUserIds: string[]; entities: { type: string; ids: string[] }[] } | null;
  /** Id of the last row of the previous page (ids grow in recording order). */
  beforeId?: string | null;
  limit: number;
}

/** Who made a change (`RequestContext.auditActor`). */
export interface AuditActor {
  actorUserId: string | null;
  actorApiKeyId: string | null;
}

/** One audit row to write (`AuditRepository.insertMany` / `insertBulk`). */
export interface AuditRow {
  entityType: string;
  entityId: string;
  action: string;
  diff: Record<string, unknown>;
}

/** Every statement on `audit_event`: writes (inside the change's transaction) and the log's reads. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Db) {}

  /** Inserts a few events with one multi-row INSERT. */
  async insertMany(organizationId: string, actor: AuditActor, rows: AuditRow[]): Promise<void> {
    await this.db.manager.insert(
      AuditEvent,
      rows.map((e) => ({ organizationId, ...actor, entityType: e.entityType, entityId: e.entityId, action: e.action, diff: e.diff as object })),
    );
  }

  /** Inserts many events with one statement with a fixed number of parameters (bulk intake, imports). */
  async insertBulk(organizationId: string, actor: AuditActor, rows: AuditRow[]): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_event (organization_id, actor_user_id, actor_api_key_id, entity_type, entity_id, action, diff)
       SELECT $1, $2, $3, t.entity_type, t.entity_id, t.action, t.diff
         FROM json_to_recordset($4::json) AS t(entity_type text, entity_id text, action text, diff jsonb)`,
      [
        organizationId,
        actor.actorUserId,
        actor.actorApiKeyId,
        JSON.stringify(rows.map((e) => ({ entity_type: e.entityType, entity_id: e.entityId, action: e.action, diff: e.diff }))),
      ],
    );
  }

  /** The latest events about one entity, newest first. */
  history(organizationId: string, entityType: string, entityId: string, limit: number): Promise<AuditEvent[]> {
    return this.db.manager.find(AuditEvent, { where: { organizationId, entityType, entityId }, order: { occurredAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** One page of events, newest first: in reverse recording order (the bigserial id). */
  async page(q: AuditEventQuery): Promise<AuditEvent[]> {
    const qb = this.db.manager
      .createQueryBuilder(AuditEvent, 'e')
      .where('e.organization_id = :org', { org: q.organizationId })
      .orderBy('e.id', 'DESC')
      .limit(q.limit);
    if (q.actorUserId) qb.andWhere('e.actor_user_id = :actorUserId', { actorUserId: q.actorUserId });
    if (q.actorApiKeyId) qb.andWhere('e.actor_api_key_id = :actorApiKeyId', { actorApiKeyId: q.actorApiKeyId });
    if (q.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: q.entityType });
    if (q.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: q.entityId });
    if (q.action) qb.andWhere('e.action = :action', { action: q.action });
    if (q.from) qb.andWhere('e.occurred_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('e.occurred_at < :to', { to: q.to });
    if (q.visible) {
      const parts = ['e.actor_user_id = ANY(:visActors::uuid[])'];
      const params: Record<string, unknown> = { visActors: q.visible.actorUserIds };
      q.visible.entities.forEach((ent, i) => {
        parts.push(`(e.entity_type = :visType${i} AND e.entity_id = ANY(:visIds${i}::text[]))`);
        params[`visType${i}`] = ent.type;
        params[`visIds${i}`] = ent.ids;
      });
      qb.andWhere(`(${parts.join(' OR ')})`, params);
    }
    if (q.beforeId) qb.andWhere('e.id < :beforeId::bigint', { beforeId: q.beforeId });
    return qb.getMany();
  }
}
