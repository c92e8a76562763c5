import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TxHooks } from '../database/transaction.js';
import { RollupEntityType } from './entities/rollup.entity.js';

export const ROLLUP_FIELDS = [
  'leads_assigned',
  'paid_orders',
  'conversions',
  'repurchases',
  'referral_conversions',
  'gross_revenue',
  'refunded_amount',
  'refunded_orders',
] as const;
export type RollupField = (typeof ROLLUP_FIELDS)[number];
export type RollupDeltas = Partial<Record<RollupField, number>>;

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

/** The period kinds `rollup_period` keeps (the names of PeriodKind). */
export const ROLLUP_PERIOD_KINDS = ['ISO_WEEK', 'MONTH', 'QUARTER'] as const;

/** The rollups recomputed from raw rows (assignments, orders, refunds), one row per entity-day. */
const EXPECTED_SQL = `
WITH tz AS (SELECT id AS organization_id, time_zone FROM organization WHERE ($1::uuid IS NULL OR id = $1::uuid)),
assign AS (
  SELECT e.organization_id, 'MEMBER' AS entity_type, e.to_owner_id AS entity_id, (e.at AT TIME ZONE tz.time_zone)::date AS day,
         1 AS leads_assigned
  FROM lead_assignment_event e JOIN tz ON tz.organization_id = e.organization_id
  WHERE e.to_owner_id IS NOT NULL AND e.to_owner_id IS DISTINCT FROM e.from_owner_id
  UNION ALL
  SELECT e.organization_id, 'SQUAD', e.to_squad_id, (e.at AT TIME ZONE tz.time_zone)::date, 1
  FROM lead_assignment_event e JOIN tz ON tz.organization_id = e.organization_id
  WHERE e.to_squad_id IS NOT NULL AND e.to_squad_id IS DISTINCT FROM e.from_squad_id
),
ord AS (
  SELECT o.organization_id, x.entity_type, x.entity_id, (o.paid_at AT TIME ZONE tz.time_zone)::date AS day,
         1 AS paid_orders, o.is_conversion::int AS conversions, o.is_repurchase::int AS repurchases,
         o.is_referral_conversion::int AS referral_conversions, o.amount AS gross_revenue
  FROM sales_order o JOIN tz ON tz.organization_id = o.organization_id
  CROSS JOIN LATERAL (VALUES ('MEMBER', o.credited_rep_id), ('SQUAD', o.credited_squad_id)) x(entity_type, entity_id)
  WHERE x.entity_id IS NOT NULL
),
ref AS (
  SELECT o.organization_id, x.entity_type, x.entity_id, (r.refunded_at AT TIME ZONE tz.time_zone)::date AS day,
         r.amount AS refunded_amount,
         (r.id = (SELECT r2.id FROM refund r2 WHERE r2.order_id = r.order_id ORDER BY r2.refunded_at, r2.id LIMIT 1))::int AS refunded_orders
  FROM refund r JOIN sales_order o ON o.id = r.order_id JOIN tz ON tz.organization_id = o.organization_id
  CROSS JOIN LATERAL (VALUES ('MEMBER', o.credited_rep_id), ('SQUAD', o.credited_squad_id)) x(entity_type, entity_id)
  WHERE x.entity_id IS NOT NULL
),
unioned AS (
  SELECT organization_id, entity_type, entity_id, day, leads_assigned, 0 AS paid_orders, 0 AS conversions, 0 AS repurchases,
         0 AS referral_conversions, 0::bigint AS gross_revenue, 0::bigint AS refunded_amount, 0 AS refunded_orders FROM assign
  UNION ALL
  SELECT organization_id, entity_type, entity_id, day, 0, paid_orders, conversions, repurchases, referral_conversions, gross_revenue, 0, 0 FROM ord
  UNION ALL
  SELECT organization_id, entity_type, entity_id, day, 0, 0, 0, 0, 0, 0, refunded_amount, refunded_orders FROM ref
)
SELECT organization_id, entity_type, entity_id, day,
       sum(leads_assigned)::int AS leads_assigned, sum(paid_orders)::int AS paid_orders, sum(conversions)::int AS conversions,
       sum(repurchases)::int AS repurchases, sum(referral_conversions)::int AS referral_conversions,
       sum(gross_revenue)::bigint AS gross_revenue, sum(refunded_amount)::bigint AS refunded_amount, sum(refunded_orders)::int AS refunded_orders
FROM unioned GROUP BY organization_id, entity_type, entity_id, day`;

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

  /**
   * Called after each commit that changed rollups (orders, refunds, assignments). Inside a
   * TransactionRunner transaction the call waits for the commit (a rollback notifies nothing);
   * a write through any other manager notifies right after the statement. Listeners must not throw.
   */
  onChange(listener: RollupChangeListener): void {
    this.listeners.push(listener);
  }

  private noteChange(m: EntityManager, organizationId: string, targets: { memberId?: string | null; squadId?: string | null }): void {
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
  async bump(
    m: EntityManager,
    organizationId: string,
    at: Date,
    targets: { memberId?: string | null; squadId?: string | null },
    deltas: RollupDeltas,
  ): Promise<void> {
    if (!targets.memberId && !targets.squadId) return;
    const fields = ROLLUP_FIELDS.filter((f) => deltas[f]);
    if (fields.length === 0) return;
    const values = fields.map((f, i) => `$${i + 5}::bigint AS ${f}`).join(', ');
    const sets = fields.map((f) => `${f} = rollup_daily.${f} + EXCLUDED.${f}`).join(', ');
    await m.query(
      `INSERT INTO rollup_daily (organization_id, entity_type, entity_id, day, ${fields.join(', ')})
       SELECT o.id, t.entity_type, t.entity_id, ($2::timestamptz AT TIME ZONE o.time_zone)::date, ${values}
       FROM organization o, (VALUES ('MEMBER', $3::uuid), ('SQUAD', $4::uuid)) AS t(entity_type, entity_id)
       WHERE o.id = $1 AND t.entity_id IS NOT NULL
       ON CONFLICT (organization_id, entity_type, entity_id, day) DO UPDATE SET ${sets}`,
      [organizationId, at, targets.memberId ?? null, targets.squadId ?? null, ...fields.map((f) => deltas[f])],
    );
    this.noteChange(m, organizationId, targets);
  }

  /**
   * Adds 1 to `field` for each (entity, local day of `at`), for many events in one statement
   * (bulk assignments): the events are grouped per entity and day in SQL.
   */
  async countMany(
    m: EntityManager,
    organizationId: string,
    field: RollupField,
    credits: { entityType: RollupEntityType; entityId: string; at: Date }[],
  ): Promise<void> {
    if (credits.length === 0) return;
    await m.query(
      `INSERT INTO rollup_daily (organization_id, entity_type, entity_id, day, ${field})
       SELECT o.id, t.entity_type, t.entity_id, (t.at AT TIME ZONE o.time_zone)::date, count(*)
       FROM organization o, unnest($2::text[], $3::uuid[], $4::timestamptz[]) AS t(entity_type, entity_id, at)
       WHERE o.id = $1
       GROUP BY 1, 2, 3, 4
       ON CONFLICT (organization_id, entity_type, entity_id, day) DO UPDATE SET ${field} = rollup_daily.${field} + EXCLUDED.${field}`,
      [organizationId, credits.map((c) => c.entityType), credits.map((c) => c.entityId), credits.map((c) => c.at)],
    );
    for (const c of credits) {
      this.noteChange(m, organizationId, c.entityType === RollupEntityType.MEMBER ? { memberId: c.entityId } : { squadId: c.entityId });
    }
  }

  /** Compares stored rollups with a recomputation from raw rows; an empty list means consistent. */
  async verify(m: EntityManager, organizationId: string | null = null): Promise<RollupDifference[]> {
    const cols = ROLLUP_FIELDS.map((f) => `coalesce(s.${f}, 0)::bigint AS stored_${f}, coalesce(e.${f}, 0)::bigint AS expected_${f}`).join(', ');
    const differs = ROLLUP_FIELDS.map((f) => `coalesce(s.${f}, 0) <> coalesce(e.${f}, 0)`).join(' OR ');
    const rows: Record<string, string | number>[] = await m.query(
      `WITH expected AS (${EXPECTED_SQL}),
       stored AS (SELECT * FROM rollup_daily WHERE ($1::uuid IS NULL OR organization_id = $1::uuid))
       SELECT coalesce(s.entity_type, e.entity_type) AS entity_type, coalesce(s.entity_id, e.entity_id) AS entity_id,
              to_char(coalesce(s.day, e.day), 'YYYY-MM-DD') AS day, ${cols}
       FROM stored s FULL OUTER JOIN expected e
         ON e.organization_id = s.organization_id AND e.entity_type = s.entity_type AND e.entity_id = s.entity_id AND e.day = s.day
       WHERE ${differs}
       ORDER BY 1, 2, 3`,
      [organizationId],
    );
    // The period aggregates against the same recomputation, summed per ISO week, month and quarter.
    const periodRows: Record<string, string | number>[] = await m.query(
      `WITH expected AS (
         SELECT e.organization_id, k.kind AS period_kind,
                (CASE k.kind WHEN 'ISO_WEEK' THEN date_trunc('week', e.day::timestamp) WHEN 'MONTH' THEN date_trunc('month', e.day::timestamp)
                             ELSE date_trunc('quarter', e.day::timestamp) END)::date AS period_start,
                e.entity_type, e.entity_id, ${ROLLUP_FIELDS.map((f) => `sum(e.${f})::bigint AS ${f}`).join(', ')}
         FROM (${EXPECTED_SQL}) e CROSS JOIN (VALUES ${ROLLUP_PERIOD_KINDS.map((k) => `('${k}')`).join(', ')}) AS k(kind)
         GROUP BY 1, 2, 3, 4, 5),
       stored AS (SELECT * FROM rollup_period WHERE ($1::uuid IS NULL OR organization_id = $1::uuid))
       SELECT coalesce(s.period_kind, e.period_kind) AS period_kind, coalesce(s.entity_type, e.entity_type) AS entity_type,
              coalesce(s.entity_id, e.entity_id) AS entity_id, to_char(coalesce(s.period_start, e.period_start), 'YYYY-MM-DD') AS day, ${cols}
       FROM stored s FULL OUTER JOIN expected e
         ON e.organization_id = s.organization_id AND e.period_kind = s.period_kind AND e.period_start = s.period_start
        AND e.entity_type = s.entity_type AND e.entity_id = s.entity_id
       WHERE ${differs}
       ORDER BY 1, 2, 3, 4`,
      [organizationId],
    );
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
  async rebuild(m: EntityManager, organizationId: string | null = null): Promise<number> {
    if (organizationId === null) {
      // Everything: TRUNCATE (its trigger empties rollup_period) instead of subtracting every day row from its periods.
      await m.query('TRUNCATE rollup_daily');
    } else {
      await m.query('DELETE FROM rollup_daily WHERE organization_id = $1', [organizationId]);
      await m.query('DELETE FROM rollup_period WHERE organization_id = $1', [organizationId]);
    }
    const res = await m.query(
      `INSERT INTO rollup_daily (organization_id, entity_type, entity_id, day, ${ROLLUP_FIELDS.join(', ')})
       SELECT organization_id, entity_type, entity_id, day, ${ROLLUP_FIELDS.join(', ')} FROM (${EXPECTED_SQL}) x`,
      [organizationId],
    );
    return Array.isArray(res) ? res.length : 0;
  }
}
