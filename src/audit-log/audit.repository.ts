import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditEvent } from '../audit/index.js';

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

/** Reads of the audit log (writes go through AuditService.record inside the change's transaction). */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page of events, newest first: in reverse recording order (the bigserial id). */
  async page(q: AuditEventQuery): Promise<AuditEvent[]> {
    const qb = this.dataSource.manager
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
