import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context.js';
import { AuditRepository } from './audit.repository.js';
import type { AuditEvent } from './entities/audit-event.entity.js';

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
  constructor(private readonly repo: AuditRepository) {}

  /** Records changes inside the caller's transaction (the current one: see `Db`). */
  async record(ctx: RequestContext, entries: AuditEntry | AuditEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    const rows = list.map((e) => ({ entityType: e.entityType, entityId: e.entityId, action: e.action, diff: e.diff ?? {} }));
    // Same rows, one statement with a fixed number of parameters (bulk intake, imports).
    if (list.length > BULK_THRESHOLD) await this.repo.insertBulk(ctx.organizationId, ctx.auditActor, rows);
    else await this.repo.insertMany(ctx.organizationId, ctx.auditActor, rows);
  }

  async history(organizationId: string, entityType: string, entityId: string, limit = 100): Promise<AuditEvent[]> {
    return this.repo.history(organizationId, entityType, entityId, limit);
  }
}
