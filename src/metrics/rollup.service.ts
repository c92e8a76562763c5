import { Injectable } from '@nestjs/common';
import { TxHooks } from '../database/transaction.js';
import { RollupEntityType } from './entities/rollup.entity.js';
import { ASSIGNMENT_FACTS, MetricsRepository, ROLLUP_FIELDS, type RollupDeltas, type RollupField } from './metrics.repository.js';
import type { RollupFactSource } from './rollup-source.js';

export { ROLLUP_FIELDS, ROLLUP_PERIOD_KINDS, type RollupDeltas, type RollupField } from './metrics.repository.js';

export interface RollupDifference {
  entityType: RollupEntityType;
  entityId: string;
  day: string;
  field: RollupField;
  stored: number;
  expected: number;
  /** Set for a row of `rollup_period` (then `day` is the period's first day). */
  periodKind?: string;
}

/** Which rollups a committed transaction changed (one notification per organization per transaction). */
export interface RollupChange {
  organizationId: string;
  memberIds: string[];
  squadIds: string[];
}

export type RollupChangeListener = (change: RollupChange) => void | Promise<void>;

/**
 * Maintains `rollup_daily` on the write path (same transaction as the event) and can prove it
 * matches a recomputation from the raw rows. Listeners registered with `onChange` hear about
 * changes once the transaction that made them commits (live leaderboards use this).
 */
@Injectable()
export class RollupService {
  private readonly listeners: RollupChangeListener[] = [];
  private readonly pending = new WeakMap<TxHooks, Map<string, { memberIds: Set<string>; squadIds: Set<string> }>>();
  /** What `verify` and `rebuild` recompute the rollups from: the assignments, then what other contexts register. */
  private readonly factSources: RollupFactSource[] = [ASSIGNMENT_FACTS];

  constructor(private readonly repo: MetricsRepository) {}

  /**
   * Called after each commit that changed rollups (orders, refunds, assignments). Inside a
   * TransactionRunner transaction the call waits for the commit (a rollback notifies nothing);
   * a write through any other manager notifies right after the statement. Listeners must not throw.
   */
  onChange(listener: RollupChangeListener): void {
    this.listeners.push(listener);
  }

  /**
   * Adds raw rows the rollups are recomputed from (`verify`, `rebuild`), registered at init by
   * the context that owns them (commerce: orders and refunds), so metrics never reads another
   * context's tables.
   */
  recomputeFrom(source: RollupFactSource): void {
    this.factSources.push(source);
  }

  /** The registered sources; fails when a rollup column has none (a rebuild would zero it). */
  private sources(): readonly RollupFactSource[] {
    const missing = ROLLUP_FIELDS.filter((f) => !this.factSources.some((s) => s.fields.includes(f)));
    if (missing.length) throw new Error(`No registered rollup source recomputes ${missing.join(', ')} (RollupService.recomputeFrom)`);
    return this.factSources;
  }

  private noteChange(organizationId: string, targets: { memberId?: string | null; squadId?: string | null }): void {
    if (this.listeners.length === 0) return;
    const hooks = TxHooks.current();
    if (!hooks) {
      const change = { organizationId, memberIds: targets.memberId ? [targets.memberId] : [], squadIds: targets.squadId ? [targets.squadId] : [] };
      setImmediate(() => this.notify(change));
      return;
    }
    let byOrg = this.pending.get(hooks);
    if (!byOrg) {
      byOrg = new Map();
      this.pending.set(hooks, byOrg);
      const changes = byOrg;
      hooks.afterCommit(() => {
        for (const [org, c] of changes) this.notify({ organizationId: org, memberIds: [...c.memberIds], squadIds: [...c.squadIds] });
      });
    }
    let c = byOrg.get(organizationId);
    if (!c) byOrg.set(organizationId, (c = { memberIds: new Set(), squadIds: new Set() }));
    if (targets.memberId) c.memberIds.add(targets.memberId);
    if (targets.squadId) c.squadIds.add(targets.squadId);
  }

  private notify(change: RollupChange): void {
    for (const l of this.listeners) {
      try {
        void Promise.resolve(l(change)).catch(() => undefined);
      } catch {
        // A listener failure never affects the write path.
      }
    }
  }

  /**
   * Adds `deltas` to the member's and the squad's row for the local day of `at` (organization
   * time zone), in one statement. Negative deltas undo earlier credit.
   */
  async bump(organizationId: string, at: Date, targets: { memberId?: string | null; squadId?: string | null }, deltas: RollupDeltas): Promise<void> {
    if (!targets.memberId && !targets.squadId) return;
    if (!ROLLUP_FIELDS.some((f) => deltas[f])) return;
    await this.repo.addToDay(organizationId, at, targets.memberId ?? null, targets.squadId ?? null, deltas);
    this.noteChange(organizationId, targets);
  }

  /**
   * Adds 1 to `field` for each (entity, local day of `at`), for many events in one statement
   * (bulk assignments): the events are grouped per entity and day in SQL.
   */
  async countMany(organizationId: string, field: RollupField, credits: { entityType: RollupEntityType; entityId: string; at: Date }[]): Promise<void> {
    if (credits.length === 0) return;
    await this.repo.countPerDay(organizationId, field, credits);
    for (const c of credits) {
      this.noteChange(organizationId, c.entityType === RollupEntityType.MEMBER ? { memberId: c.entityId } : { squadId: c.entityId });
    }
  }

  /** Compares stored rollups with a recomputation from raw rows; an empty list means consistent. */
  async verify(organizationId: string | null = null): Promise<RollupDifference[]> {
    const sources = this.sources();
    const rows = await this.repo.dailyDifferences(organizationId, sources);
    const periodRows = await this.repo.periodDifferences(organizationId, sources);
    const out: RollupDifference[] = [];
    for (const r of [...rows, ...periodRows]) {
      for (const f of ROLLUP_FIELDS) {
        const stored = Number(r[`stored_${f}`]);
        const expected = Number(r[`expected_${f}`]);
        if (stored !== expected)
          out.push({
            entityType: r.entity_type as RollupEntityType,
            entityId: String(r.entity_id),
            day: String(r.day),
            field: f,
            stored,
            expected,
            ...(r.period_kind ? { periodKind: String(r.period_kind) } : {}),
          });
      }
    }
    return out;
  }

  /**
   * Rebuilds the rollups of an organization (or all) from raw rows. The period aggregates follow
   * through the triggers on `rollup_daily` (stale period rows are removed first).
   */
  async rebuild(organizationId: string | null = null): Promise<number> {
    const sources = this.sources();
    if (organizationId === null) {
      // Everything: TRUNCATE (its trigger empties rollup_period) instead of subtracting every day row from its periods.
      await this.repo.truncateRollups();
    } else {
      await this.repo.deleteDailyRollups(organizationId);
      await this.repo.deletePeriodRollups(organizationId);
    }
    const res = await this.repo.insertRecomputedRollups(organizationId, sources);
    return Array.isArray(res) ? res.length : 0;
  }
}
