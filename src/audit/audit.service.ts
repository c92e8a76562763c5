import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context.js';
import { Db } from '../database/transaction.js';
import { AuditEvent } from './entities/audit-event.entity.js';

export interface AuditEntry {
  entityType: string;
  entityId: string;
  action: string;
  diff?: Record<string, unknown>;
}

/** Compact diff of the listed fields that changed: `{ field: [before, after] }`. */
export function diffOf<T extends object>(before: T, after: Partial<T>, fields?: (keyof T)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = fields ?? (Object.keys(after) as (keyof T)[]);
  for (const k of keys) {
    const a = before[k];
    const b = after[k];
    if (b === undefined) continue;
    const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : JSON.stringify(a) === JSON.stringify(b);
    if (!same) out[String(k)] = [a ?? null, b ?? null];
  }
  return out;
}

/** Above this many entries, `record` writes them with one unnest INSERT instead of a TypeORM multi-row insert. */
const BULK_THRESHOLD = 20;

@Injectable()
export class AuditService {
  constructor(private readonly db: Db) {}

  /** Records changes inside the caller's transaction (the current one: see `Db`). */
  async record(ctx: RequestContext, entries: AuditEntry | AuditEntry[]): Promise<void> {
    const manager = this.db.manager;
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    if (list.length > BULK_THRESHOLD) {
      // Same rows, one statement with a fixed number of parameters (bulk intake, imports).
      await manager.query(
        `INSERT INTO audit_event (organization_id, actor_user_id, actor_api_key_id, entity_type, entity_id, action, diff)
         SELECT $1, $2, $3, t.entity_type, t.entity_id, t.action, t.diff
           FROM json_to_recordset($4::json) AS t(entity_type text, entity_id text, action text, diff jsonb)`,
        [
          ctx.organizationId,
          ctx.auditActor.actorUserId,
          ctx.auditActor.actorApiKeyId,
          JSON.stringify(list.map((e) => ({ entity_type: e.entityType, entity_id: e.entityId, action: e.action, diff: e.diff ?? {} }))),
        ],
      );
      return;
    }
    await manager.insert(
      AuditEvent,
      list.map((e) => ({
        organizationId: ctx.organizationId,
        ...ctx.auditActor,
        entityType: e.entityType,
        entityId: e.entityId,
        action: e.action,
        diff: (e.diff ?? {}) as object,
      })),
    );
  }

  async history(organizationId: string, entityType: string, entityId: string, limit = 100): Promise<AuditEvent[]> {
    return this.db.manager.find(AuditEvent, {
      where: { organizationId, entityType, entityId },
      order: { occurredAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }
}
