import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import { orgSql } from '../organization/index.js';
import { ROLLUP_AGGREGATES, MetricEntityType } from './metric-catalog.js';
import { type RollupFactSource, type RollupRangeSource } from './rollup-source.js';
import { RollupEntityType } from './entities/rollup.entity.js';

/** The additive columns of `rollup_daily`: the same list as the catalog's ROLLUP aggregates. */
export const ROLLUP_FIELDS = ROLLUP_AGGREGATES;
export type RollupField = (typeof ROLLUP_FIELDS)[number];
export type RollupDeltas = Partial<Record<RollupField, number>>;

/** The period kinds `rollup_period` keeps (the names of PeriodKind). */
export const ROLLUP_PERIOD_KINDS = ['ISO_WEEK', 'MONTH', 'QUARTER'] as const;

/** A visible entity with its summed rollup columns (named as the columns; zeros without activity). */
export type EntitySumRow = { id: string; name: string } & Record<string, string | number>;

/** A lead assignment as `lead_assignment_event` stores it. */
export interface AssignmentEventRow {
  leadId: string;
  fromOwnerId: string | null;
  toOwnerId: string | null;
  fromSquadId: string | null;
  toSquadId: string | null;
  at: Date;
}

/** One rollup row (day or period) whose stored sums differ from the recomputation. */
export type RollupDifferenceRow = Record<string, string | number>;

/** Parameter placeholders of the metric-values statement. */
interface AggregateParams {
  org: string;
  from: string;
  to: string;
  type: string;
  ids: string;
}

const tz = orgSql.organization.as;
const squads = orgSql.squad.as;

/**
 * The assignments `leads_assigned` is recomputed from (the metrics context's own raw rows):
 * +1 for the new owner and +1 for the new squad of each assignment that changed them.
 */
export const ASSIGNMENT_FACTS: RollupFactSource = {
  fields: ['leads_assigned'],
  sql: (tz) => `
  SELECT e.organization_id, 'MEMBER' AS entity_type, e.to_owner_id AS entity_id, (e.at AT TIME ZONE ${tz}.time_zone)::date AS day,
         1 AS leads_assigned
  FROM lead_assignment_event e JOIN ${tz} ON ${tz}.organization_id = e.organization_id
  WHERE e.to_owner_id IS NOT NULL AND e.to_owner_id IS DISTINCT FROM e.from_owner_id
  UNION ALL
  SELECT e.organization_id, 'SQUAD', e.to_squad_id, (e.at AT TIME ZONE ${tz}.time_zone)::date, 1
  FROM lead_assignment_event e JOIN ${tz} ON ${tz}.organization_id = e.organization_id
  WHERE e.to_squad_id IS NOT NULL AND e.to_squad_id IS DISTINCT FROM e.from_squad_id`,
};

/**
 * The rollups recomputed from raw rows, one row per entity-day: every source's facts (each
 * source's missing columns count 0) summed. $1 the organization, or null for all.
 */
function expectedSql(sources: readonly RollupFactSource[]): string {
  const facts = sources.map((s, i) => `facts_${i} AS (${s.sql('tz')}\n)`).join(',\n');
  const unioned = sources
    .map(
      (s, i) =>
        `SELECT organization_id, entity_type, entity_id, day, ${ROLLUP_FIELDS.map((f) => (s.fields.includes(f) ? f : `0 AS ${f}`)).join(', ')} FROM facts_${i}`,
    )
    .join('\n  UNION ALL\n  ');
  return `
WITH tz AS (SELECT id AS organization_id, time_zone FROM ${tz('o')} WHERE ($1::uuid IS NULL OR id = $1::uuid)),
${facts},
unioned AS (
  ${unioned}
)
SELECT organization_id, entity_type, entity_id, day,
       sum(leads_assigned)::int AS leads_assigned, sum(paid_orders)::int AS paid_orders, sum(conversions)::int AS conversions,
       sum(repurchases)::int AS repurchases, sum(referral_conversions)::int AS referral_conversions,
       sum(gross_revenue)::bigint AS gross_revenue, sum(refunded_amount)::bigint AS refunded_amount, sum(refunded_orders)::int AS refunded_orders
FROM unioned GROUP BY organization_id, entity_type, entity_id, day`;
}

/**
 * SQL listing the entities of a type the caller may see metrics of (all squads and legions;
 * members with a membership overlapping the period in readable squads). Parameters: $1
 * organization, $2 entity ids or null, $3 period start, $4 period end, $5 squad filter or null.
 */
function entitySql(entityType: MetricEntityType): string {
  // Squads and legions are visible to everyone in the organization; $3-$5 are typed so every statement takes the same parameters.
  const always = `$3::timestamptz < $4::timestamptz AND ($5::uuid[] IS NULL OR cardinality($5::uuid[]) >= 0)`;
  if (entityType === MetricEntityType.SQUAD)
    return `SELECT id, name FROM ${squads('s')} WHERE organization_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) AND ${always}`;
  if (entityType === MetricEntityType.LEGION)
    return `SELECT id, name FROM ${orgSql.legion.as('lg')} WHERE organization_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) AND ${always}`;
  return `SELECT u.id, u.name FROM ${orgSql.user.as('u')}
     WHERE u.organization_id = $1 AND ($2::uuid[] IS NULL OR u.id = ANY($2::uuid[]))
       AND ${orgSql.membership.inSquadsDuring('u.id', '$3::timestamptz', '$4::timestamptz', '$5::uuid[]')}`;
}

/**
 * Rollup sums per entity over the period, one row per entity with activity (placeholders `p`:
 * organization, first day / day after, entity type, entity ids when `filtered`).
 */
function rollupAggregateSql(entityType: MetricEntityType, columns: readonly string[], filtered: boolean, src: RollupRangeSource, p: AggregateParams): string {
  // numeric, not bigint: node-postgres hands numeric text over as is, where it runs a regular
  // expression over every bigint; checkedNumber converts each sum exactly once either way.
  const sums = columns.map((c) => `sum(r.${c})::numeric AS ${c}`).join(', ');
  const range = `${src.filter} AND r.${src.day} >= ${p.from}::date AND r.${src.day} < ${p.to}::date`;
  if (entityType === MetricEntityType.LEGION) {
    return `SELECT s.legion_id AS entity_id, ${sums} FROM ${src.table} r JOIN ${squads('s')} ON s.id = r.entity_id
            WHERE r.organization_id = ${p.org} AND r.entity_type = 'SQUAD' ${range} AND ${p.type}::text = 'LEGION'
              ${filtered ? `AND s.legion_id = ANY(${p.ids}::uuid[])` : ''}
            GROUP BY s.legion_id`;
  }
  return `SELECT r.entity_id, ${sums} FROM ${src.table} r
          WHERE r.organization_id = ${p.org} AND r.entity_type = ${p.type}::text ${range}
            ${filtered ? `AND r.entity_id = ANY(${p.ids}::uuid[])` : ''}
          GROUP BY r.entity_id`;
}

/** Every statement of the metric catalog and the rollups (`rollup_daily`, `rollup_period`, `lead_assignment_event`). */
@Injectable()
export class MetricsRepository {
  constructor(private readonly db: Db) {}

  /** The organization's IANA time zone. */
  async organizationTimeZone(organizationId: string): Promise<string> {
    const [row] = await this.db.query<{ time_zone: string }>(`SELECT ${orgSql.organization.timeZone('$1')} AS time_zone`, [organizationId]);
    if (!row?.time_zone) throw new Error(`Organization ${organizationId} not found`);
    return row.time_zone;
  }

  /** The visible entities of a type ($1 organization, $2 ids or null, $3/$4 period instants, $5 squad filter), by name. */
  async metricEntities(entityType: MetricEntityType, params: unknown[]): Promise<{ id: string; name: string }[]> {
    return this.db.query(`SELECT id, name FROM (${entitySql(entityType)}) ent ORDER BY name, id`, params);
  }

  /**
   * The visible entities with the sums of `columns` over the period in one statement (one round
   * trip, one connection): the aggregate reads one row per entity and period for whole weeks,
   * months and quarters. Parameters as `metricEntities`, then $6/$7 local dates, $8 entity type.
   * One row per entity, by name: the id once (no `entity_id` copy), then the sums.
   */
  async metricEntitiesWithSums(
    entityType: MetricEntityType,
    columns: readonly string[],
    filtered: boolean,
    source: RollupRangeSource,
    params: unknown[],
  ): Promise<EntitySumRow[]> {
    const aggregate = rollupAggregateSql(entityType, columns, filtered, source, { org: '$1', from: '$6', to: '$7', type: '$8', ids: '$2' });
    return this.db.query(
      `SELECT ent.id, ent.name, ${columns.map((c) => `coalesce(agg.${c}, 0) AS ${c}`).join(', ')}
         FROM (${entitySql(entityType)}) ent LEFT JOIN (${aggregate}) agg ON agg.entity_id = ent.id
        ORDER BY ent.name, ent.id`,
      params,
    );
  }

  /** Appends assignments to `lead_assignment_event`: one statement, the rows as one JSON document. */
  async insertAssignmentEvents(organizationId: string, events: AssignmentEventRow[]): Promise<void> {
    await this.db.query(
      `INSERT INTO lead_assignment_event (organization_id, lead_id, from_owner_id, to_owner_id, from_squad_id, to_squad_id, at)
       SELECT $1, lead, from_owner, to_owner, from_squad, to_squad, at
         FROM json_to_recordset($2::json) AS t(lead uuid, from_owner uuid, to_owner uuid, from_squad uuid, to_squad uuid, at timestamptz)`,
      [
        organizationId,
        JSON.stringify(
          events.map((e) => ({ lead: e.leadId, from_owner: e.fromOwnerId, to_owner: e.toOwnerId, from_squad: e.fromSquadId, to_squad: e.toSquadId, at: e.at })),
        ),
      ],
    );
  }

  /** Adds `deltas` to the member's and the squad's `rollup_daily` row of the local day of `at`. */
  async addToDay(organizationId: string, at: Date, memberId: string | null, squadId: string | null, deltas: RollupDeltas): Promise<void> {
    const fields = ROLLUP_FIELDS.filter((f) => deltas[f]);
    const values = fields.map((f, i) => `$${i + 5}::bigint AS ${f}`).join(', ');
    const sets = fields.map((f) => `${f} = rollup_daily.${f} + EXCLUDED.${f}`).join(', ');
    await this.db.query(
      `INSERT INTO rollup_daily (organization_id, entity_type, entity_id, day, ${fields.join(', ')})
       SELECT o.id, t.entity_type, t.entity_id, ($2::timestamptz AT TIME ZONE o.time_zone)::date, ${values}
       FROM ${tz('o')}, (VALUES ('MEMBER', $3::uuid), ('SQUAD', $4::uuid)) AS t(entity_type, entity_id)
       WHERE o.id = $1 AND t.entity_id IS NOT NULL
       ON CONFLICT (organization_id, entity_type, entity_id, day) DO UPDATE SET ${sets}`,
      [organizationId, at, memberId, squadId, ...fields.map((f) => deltas[f])],
    );
  }

  /** Adds 1 to `field` per (entity, local day of `at`), the credits grouped per entity and day in SQL. */
  async countPerDay(organizationId: string, field: RollupField, credits: { entityType: RollupEntityType; entityId: string; at: Date }[]): Promise<void> {
    await this.db.query(
      `INSERT INTO rollup_daily (organization_id, entity_type, entity_id, day, ${field})
       SELECT o.id, t.entity_type, t.entity_id, (t.at AT TIME ZONE o.time_zone)::date, count(*)
       FROM ${tz('o')}, unnest($2::text[], $3::uuid[], $4::timestamptz[]) AS t(entity_type, entity_id, at)
       WHERE o.id = $1
       GROUP BY 1, 2, 3, 4
       ON CONFLICT (organization_id, entity_type, entity_id, day) DO UPDATE SET ${field} = rollup_daily.${field} + EXCLUDED.${field}`,
      [organizationId, credits.map((c) => c.entityType), credits.map((c) => c.entityId), credits.map((c) => c.at)],
    );
  }

  /** `rollup_daily` rows that differ from the recomputation (`stored_<field>`, `expected_<field>`). */
  async dailyDifferences(organizationId: string | null, sources: readonly RollupFactSource[]): Promise<RollupDifferenceRow[]> {
    return this.db.query(
      `WITH expected AS (${expectedSql(sources)}),
       stored AS (SELECT * FROM rollup_daily WHERE ($1::uuid IS NULL OR organization_id = $1::uuid))
       SELECT coalesce(s.entity_type, e.entity_type) AS entity_type, coalesce(s.entity_id, e.entity_id) AS entity_id,
              to_char(coalesce(s.day, e.day), 'YYYY-MM-DD') AS day, ${comparedColumns()}
       FROM stored s FULL OUTER JOIN expected e
         ON e.organization_id = s.organization_id AND e.entity_type = s.entity_type AND e.entity_id = s.entity_id AND e.day = s.day
       WHERE ${differs()}
       ORDER BY 1, 2, 3`,
      [organizationId],
    );
  }

  /** `rollup_period` rows that differ from the recomputation summed per ISO week, month and quarter. */
  async periodDifferences(organizationId: string | null, sources: readonly RollupFactSource[]): Promise<RollupDifferenceRow[]> {
    return this.db.query(
      `WITH expected AS (
         SELECT e.organization_id, k.kind AS period_kind,
                (CASE k.kind WHEN 'ISO_WEEK' THEN date_trunc('week', e.day::timestamp) WHEN 'MONTH' THEN date_trunc('month', e.day::timestamp)
                             ELSE date_trunc('quarter', e.day::timestamp) END)::date AS period_start,
                e.entity_type, e.entity_id, ${ROLLUP_FIELDS.map((f) => `sum(e.${f})::bigint AS ${f}`).join(', ')}
         FROM (${expectedSql(sources)}) e CROSS JOIN (VALUES ${ROLLUP_PERIOD_KINDS.map((k) => `('${k}')`).join(', ')}) AS k(kind)
         GROUP BY 1, 2, 3, 4, 5),
       stored AS (SELECT * FROM rollup_period WHERE ($1::uuid IS NULL OR organization_id = $1::uuid))
       SELECT coalesce(s.period_kind, e.period_kind) AS period_kind, coalesce(s.entity_type, e.entity_type) AS entity_type,
              coalesce(s.entity_id, e.entity_id) AS entity_id, to_char(coalesce(s.period_start, e.period_start), 'YYYY-MM-DD') AS day, ${comparedColumns()}
       FROM stored s FULL OUTER JOIN expected e
         ON e.organization_id = s.organization_id AND e.period_kind = s.period_kind AND e.period_start = s.period_start
        AND e.entity_type = s.entity_type AND e.entity_id = s.entity_id
       WHERE ${differs()}
       ORDER BY 1, 2, 3, 4`,
      [organizationId],
    );
  }

  /** Empties `rollup_daily` (its TRUNCATE trigger empties `rollup_period`). */
  async truncateRollups(): Promise<void> {
    await this.db.query('TRUNCATE rollup_daily');
  }

  /** Deletes an organization's `rollup_daily` rows. */
  async deleteDailyRollups(organizationId: string): Promise<void> {
    await this.db.query('DELETE FROM rollup_daily WHERE organization_id = $1', [organizationId]);
  }

  /** Deletes an organization's `rollup_period` rows. */
  async deletePeriodRollups(organizationId: string): Promise<void> {
    await this.db.query('DELETE FROM rollup_period WHERE organization_id = $1', [organizationId]);
  }

  /** Inserts the recomputed `rollup_daily` rows of an organization (or all); returns what the driver reports. */
  async insertRecomputedRollups(organizationId: string | null, sources: readonly RollupFactSource[]): Promise<unknown> {
    return this.db.query(
      `INSERT INTO rollup_daily (organization_id, entity_type, entity_id, day, ${ROLLUP_FIELDS.join(', ')})
       SELECT organization_id, entity_type, entity_id, day, ${ROLLUP_FIELDS.join(', ')} FROM (${expectedSql(sources)}) x`,
      [organizationId],
    );
  }
}

const comparedColumns = () => ROLLUP_FIELDS.map((f) => `coalesce(s.${f}, 0)::bigint AS stored_${f}, coalesce(e.${f}, 0)::bigint AS expected_${f}`).join(', ');
const differs = () => ROLLUP_FIELDS.map((f) => `coalesce(s.${f}, 0) <> coalesce(e.${f}, 0)`).join(' OR ');
