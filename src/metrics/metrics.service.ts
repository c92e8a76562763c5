import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { periodBounds } from '@lib/schedule';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import { badInput, type FieldError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { DATE_MESSAGE, isUuid } from '../common/formats.js';
import { ReadDb } from '../database/read-db.js';
import { AccessService } from '../organization/index.js';
import { Organization } from '../organization/index.js';
import { checkedNumber } from '../common/money.js';
import { localDateProblem } from '../common/bounds.js';
import { rollupRangeSource, type RollupRangeSource } from './rollup-source.js';
import {
  MetricCatalog,
  MetricEntityType,
  metricValue,
  ROLLUP_AGGREGATES,
  type MetricDefinition,
  type MetricParts,
  type MetricRequest,
  type RollupSource,
} from './metric-catalog.js';

export enum PeriodKind {
  DAY = 'DAY',
  ISO_WEEK = 'ISO_WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  CUSTOM = 'CUSTOM',
}

export interface PeriodInput {
  kind: PeriodKind;
  /** Any local date inside the period (YYYY-MM-DD); for CUSTOM the first day. */
  start: string;
  /** CUSTOM only: the day after the last day (exclusive). */
  end?: string | null;
}

export interface ResolvedPeriod {
  kind: PeriodKind;
  label: string;
  startDate: string;
  endDate: string;
  start: Date;
  end: Date;
  timeZone: string;
}

export interface MetricSeries {
  metricKey: string;
  values: (number | null)[];
  numerators: number[];
  denominators: (number | null)[];
}

export interface MetricValueRow {
  metricKey: string;
  entityType: MetricEntityType;
  entityId: string;
  entityName: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
}

const MAX_CUSTOM_DAYS = 731;

/** Size limits of a metricValues request. */
export const METRIC_VALUES_LIMITS = { metricKeys: 30, entityIds: 5000 } as const;

/**
 * The checks of a metricValues request that its GraphQL types do not make (the validation pipe
 * passes `MetricValuesInput` through unchecked): list sizes, entity ids, date formats. Every
 * problem is reported at once, by field path, before any statement runs.
 */
export function checkMetricValuesInput(input: { metricKeys: string[]; entityIds?: string[] | null; period: PeriodInput }): void {
  const errors: FieldError[] = [];
  if (input.metricKeys.length < 1 || input.metricKeys.length > METRIC_VALUES_LIMITS.metricKeys)
    errors.push({ field: 'input.metricKeys', message: `takes 1 to ${METRIC_VALUES_LIMITS.metricKeys} metric keys` });
  if (input.entityIds) {
    if (input.entityIds.length > METRIC_VALUES_LIMITS.entityIds)
      errors.push({ field: 'input.entityIds', message: `takes at most ${METRIC_VALUES_LIMITS.entityIds} ids` });
    else input.entityIds.forEach((id, i) => isUuid(id) || errors.push({ field: `input.entityIds.${i}`, message: 'must be a UUID' }));
  }
  const startProblem = localDateProblem(input.period.start);
  if (startProblem) errors.push({ field: 'input.period.start', message: startProblem });
  const endProblem = input.period.end == null ? null : localDateProblem(input.period.end);
  if (endProblem) errors.push({ field: 'input.period.end', message: endProblem });
  if (errors.length) throw badInput(errors);
}

/**
 * Resolves a period in the organization's time zone (day, ISO week, month, quarter, custom range).
 * `field` is the input's path in error reports.
 */
export function resolvePeriod(period: PeriodInput, timeZone: string, field = 'period'): ResolvedPeriod {
  // Pure, and asked for with the same few periods all day (dashboards, boards): memoized.
  const key = `${period.kind}|${period.start}|${period.end ?? ''}|${timeZone}`;
  const hit = resolvedPeriods.get(key);
  if (hit) return { ...hit };
  const resolved = resolvePeriodUncached(period, timeZone, field);
  if (resolvedPeriods.size >= 1000) resolvedPeriods.clear();
  resolvedPeriods.set(key, resolved);
  return { ...resolved };
}

const resolvedPeriods = new Map<string, ResolvedPeriod>();

function resolvePeriodUncached(period: PeriodInput, timeZone: string, field: string): ResolvedPeriod {
  const start = DateTime.fromISO(period.start, { zone: timeZone });
  const startProblem = localDateProblem(period.start);
  if (startProblem || !start.isValid) throw badInput([{ field: `${field}.start`, message: startProblem ?? DATE_MESSAGE }]);
  if (period.kind === PeriodKind.CUSTOM) {
    const end = period.end ? DateTime.fromISO(period.end, { zone: timeZone }) : null;
    if (!end || localDateProblem(period.end) || !end.isValid)
      throw badInput([{ field: `${field}.end`, message: 'a CUSTOM period needs end (YYYY-MM-DD, exclusive)' }]);
    if (end <= start) throw badInput([{ field: `${field}.end`, message: 'must be after start' }]);
    if (end.diff(start, 'days').days > MAX_CUSTOM_DAYS)
      throw badInput([{ field: `${field}.end`, message: `a custom range spans at most ${MAX_CUSTOM_DAYS} days` }]);
    return {
      kind: period.kind,
      label: `${period.start}..${period.end}`,
      startDate: period.start,
      endDate: period.end!,
      start: start.startOf('day').toJSDate(),
      end: end.startOf('day').toJSDate(),
      timeZone,
    };
  }
  const b = periodBounds(period.kind, period.start, timeZone);
  return { kind: period.kind, label: b.label, startDate: b.startDate, endDate: b.endDate, start: b.start, end: b.end, timeZone };
}

/**
 * metricValues: every requested metric for a set of members, squads or legions over a period,
 * aggregated in PostgreSQL. The rollup columns of all ROLLUP metrics are summed by one statement
 * joined to the entity list (one round trip, one connection), from the period aggregates when the
 * period is whole weeks, months or quarters. Each CUSTOM metric is one statement more. Entities without activity get zeros, so rankings include them.
 */
@Injectable()
export class MetricsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readDb: ReadDb,
    private readonly catalog: MetricCatalog,
    private readonly access: AccessService,
  ) {}

  /** `metricValues` for reports (the `metricValues` query, scorecards): on the read replica when configured. */
  readMetricValues(ctx: RequestContext, input: Parameters<MetricsService['metricValues']>[1]): ReturnType<MetricsService['metricValues']> {
    return this.readDb.run((m) => this.metricValues(ctx, input, m));
  }

  async organizationTimeZone(ctx: RequestContext, m: EntityManager = this.dataSource.manager): Promise<string> {
    const org = await m.findOneOrFail(Organization, { where: { id: ctx.organizationId } });
    return org.timeZone;
  }

  definitions(keys: string[], entityType: MetricEntityType): MetricDefinition[] {
    const unknown = keys.filter((k) => !this.catalog.get(k));
    if (unknown.length)
      throw badInput([{ field: 'input.metricKeys', message: `unknown metric(s) ${unknown.join(', ')}; see the metrics query for the catalog` }]);
    const defs = [...new Set(keys)].map((k) => this.catalog.get(k)!);
    const unsupported = defs.filter((d) => !d.entityTypes.includes(entityType));
    if (unsupported.length)
      throw badInput([{ field: 'input.entityType', message: `${unsupported.map((d) => d.key).join(', ')} cannot be computed per ${entityType}` }]);
    return defs;
  }

  /**
   * SQL listing the entities of a type the caller may see metrics of (all squads and legions;
   * members with a membership overlapping the period in readable squads). Parameters: $1
   * organization, $2 entity ids or null, $3 period start, $4 period end, $5 squad filter or null.
   */
  private entitySql(entityType: MetricEntityType): string {
    // Squads and legions are visible to everyone in the organization; $3-$5 are typed so every statement takes the same parameters.
    const always = `$3::timestamptz < $4::timestamptz AND ($5::uuid[] IS NULL OR cardinality($5::uuid[]) >= 0)`;
    if (entityType === MetricEntityType.SQUAD)
      return `SELECT id, name FROM squad WHERE organization_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) AND ${always}`;
    if (entityType === MetricEntityType.LEGION)
      return `SELECT id, name FROM legion WHERE organization_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) AND ${always}`;
    return `SELECT u.id, u.name FROM app_user u
       WHERE u.organization_id = $1 AND ($2::uuid[] IS NULL OR u.id = ANY($2::uuid[]))
         AND EXISTS (SELECT 1 FROM squad_membership sm WHERE sm.user_id = u.id AND sm.valid_from < $4::timestamptz AND (sm.valid_to IS NULL OR sm.valid_to > $3::timestamptz)
                     AND ($5::uuid[] IS NULL OR sm.squad_id = ANY($5::uuid[])))`;
  }

  async metricValues(
    ctx: RequestContext,
    input: { metricKeys: string[]; entityType: MetricEntityType; entityIds?: string[] | null; period: PeriodInput },
    m: EntityManager = this.dataSource.manager,
  ): Promise<{ period: ResolvedPeriod; values: MetricValueRow[]; entities: { id: string; name: string }[]; entityIds: string[]; series: MetricSeries[] }> {
    checkMetricValuesInput(input);
    const defs = this.definitions(input.metricKeys, input.entityType);
    const period = resolvePeriod(input.period, ctx.timeZone ?? (await this.organizationTimeZone(ctx, m)), 'input.period');
    const scope = await this.access.scope(ctx);
    const ids = input.entityIds && input.entityIds.length ? input.entityIds : null;
    const needsRollups = defs.some((d) => d.source.kind === 'ROLLUP');
    // Only the rollup columns the requested metrics use are summed.
    const columns = ROLLUP_AGGREGATES.filter((c) =>
      defs.some((d) => d.source.kind === 'ROLLUP' && `${d.source.numerator} ${d.source.denominator ?? ''}`.split(/\s+/).includes(c)),
    );
    // Whole weeks, months and quarters are read from the period aggregates (one row per entity).
    const source = rollupRangeSource([[period.startDate, period.endDate]]);
    const entityParams = [ctx.organizationId, ids, period.start, period.end, this.access.squadFilter(scope, 'read')];
    const entityQuery = `SELECT id, name FROM (${this.entitySql(input.entityType)}) ent ORDER BY name, id`;
    let entityRows: { id: string; name: string }[];
    let aggRows: Record<string, string | number>[] = [];
    if (needsRollups) {
      // The entities and their sums in one statement (one round trip, one connection): the
      // aggregate reads one row per entity and period for whole weeks, months and quarters.
      const aggregate = this.rollupAggregateSql(input.entityType, columns, ids !== null, source, { org: '$1', from: '$6', to: '$7', type: '$8', ids: '$2' });
      aggRows = await m.query(
        `SELECT ent.id, ent.name, ent.id AS entity_id, ${columns.map((c) => `coalesce(agg.${c}, 0) AS ${c}`).join(', ')}
           FROM (${this.entitySql(input.entityType)}) ent LEFT JOIN (${aggregate}) agg ON agg.entity_id = ent.id
          ORDER BY ent.name, ent.id`,
        [...entityParams, period.startDate, period.endDate, input.entityType],
      );
      entityRows = aggRows as unknown as { id: string; name: string }[];
    } else {
      entityRows = await m.query(entityQuery, entityParams);
    }
    const entities = entityRows.map((r) => ({ id: String(r.id), name: String(r.name) }));
    const req: MetricRequest = {
      organizationId: ctx.organizationId,
      entityType: input.entityType,
      entityIds: entities.map((e) => e.id),
      startDate: period.startDate,
      endDate: period.endDate,
      start: period.start,
      end: period.end,
      timeZone: period.timeZone,
    };
    // ROLLUP metrics straight from the summed rows (entities without a row have zeros); CUSTOM
    // metrics through their own statements.
    const custom = await this.compute(
      m,
      defs.filter((d) => d.source.kind === 'CUSTOM'),
      req,
    );
    const rowOf = new Map(aggRows.map((r) => [String(r.entity_id), r]));
    const zeros = Object.fromEntries(columns.map((c) => [c, 0]));
    // Sums arrive as strings (bigint); each is converted once, not once per metric that reads it.
    const rowsInOrder = entities.map((e) => {
      const row = rowOf.get(e.id);
      if (!row) return zeros;
      const numbers: Record<string, number> = {};
      for (const c of columns) numbers[c] = checkedNumber(row[c], 'A metric total');
      return numbers;
    });
    const series: MetricSeries[] = [];
    for (const def of defs) {
      const s: MetricSeries = { metricKey: def.key, values: [], numerators: [], denominators: [] };
      const push = (p: MetricParts) => {
        s.values.push(metricValue(def, p));
        s.numerators.push(p.numerator);
        s.denominators.push(p.denominator);
      };
      if (def.source.kind === 'ROLLUP') {
        const partsOf = rollupParts(def.source);
        for (const row of rowsInOrder) push(partsOf(row));
      } else {
        const byEntity = custom.get(def.key)!;
        for (const e of entities) push(byEntity.get(e.id) ?? { numerator: 0, denominator: 0 });
      }
      series.push(s);
    }
    // One object per metric and entity is built only when a caller reads `values`.
    let values: MetricValueRow[] | null = null;
    const entityType = input.entityType;
    return {
      period,
      entities,
      get entityIds(): string[] {
        return entities.map((e) => e.id);
      },
      series,
      get values(): MetricValueRow[] {
        values ??= series.flatMap((s) =>
          entities.map((e, i) => ({
            metricKey: s.metricKey,
            entityType,
            entityId: e.id,
            entityName: e.name,
            value: s.values[i],
            numerator: s.numerators[i],
            denominator: s.denominators[i],
          })),
        );
        return values;
      },
    };
  }

  /** Parts per metric per entity: one statement for all ROLLUP metrics, one per CUSTOM metric. */
  async compute(
    m: EntityManager,
    defs: MetricDefinition[],
    req: MetricRequest,
    rollupRows?: Record<string, string | number>[],
  ): Promise<Map<string, Map<string, MetricParts>>> {
    const out = new Map<string, Map<string, MetricParts>>();
    const rollupDefs = defs.filter((d): d is MetricDefinition & { source: RollupSource } => d.source.kind === 'ROLLUP');
    if (rollupDefs.length && req.entityIds.length) {
      const rows = rollupRows ?? (await this.rollupAggregates(m, req));
      for (const def of rollupDefs) {
        const partsOf = rollupParts(def.source);
        const map = new Map<string, MetricParts>();
        for (const r of rows) map.set(String(r.entity_id), partsOf(r));
        out.set(def.key, map);
      }
    }
    for (const def of defs) {
      if (out.has(def.key)) continue;
      if (def.source.kind === 'CUSTOM') out.set(def.key, req.entityIds.length ? await def.source.compute(m, req) : new Map());
      else out.set(def.key, new Map());
    }
    return out;
  }

  /**
   * Rollup sums per entity over the period, one row per entity with activity
   * ($1 organization, $2/$3 first day / day after, $4 entity type, $5 entity ids when `filtered`).
   */
  private rollupAggregateSql(
    entityType: MetricEntityType,
    columns: readonly string[],
    filtered: boolean,
    src: RollupRangeSource,
    p: { org: string; from: string; to: string; type: string; ids: string } = { org: '$1', from: '$2', to: '$3', type: '$4', ids: '$5' },
  ): string {
    const sums = columns.map((c) => `sum(r.${c})::bigint AS ${c}`).join(', ');
    const range = `${src.filter} AND r.${src.day} >= ${p.from}::date AND r.${src.day} < ${p.to}::date`;
    if (entityType === MetricEntityType.LEGION) {
      return `SELECT s.legion_id AS entity_id, ${sums} FROM ${src.table} r JOIN squad s ON s.id = r.entity_id
              WHERE r.organization_id = ${p.org} AND r.entity_type = 'SQUAD' ${range} AND ${p.type}::text = 'LEGION'
                ${filtered ? `AND s.legion_id = ANY(${p.ids}::uuid[])` : ''}
              GROUP BY s.legion_id`;
    }
    return `SELECT r.entity_id, ${sums} FROM ${src.table} r
            WHERE r.organization_id = ${p.org} AND r.entity_type = ${p.type}::text ${range}
              ${filtered ? `AND r.entity_id = ANY(${p.ids}::uuid[])` : ''}
            GROUP BY r.entity_id`;
  }

  /** Sums of every rollup column per requested entity in one statement (legions sum their squads). */
  private async rollupAggregates(m: EntityManager, req: MetricRequest): Promise<Record<string, string | number>[]> {
    const sums = ROLLUP_AGGREGATES.map((c) => `coalesce(sum(r.${c}), 0)::bigint AS ${c}`).join(', ');
    const src = rollupRangeSource([[req.startDate, req.endDate]]);
    const range = `${src.filter} AND r.${src.day} >= $3::date AND r.${src.day} < $4::date`;
    if (req.entityType === MetricEntityType.LEGION) {
      return m.query(
        `SELECT l.id AS entity_id, ${sums}
         FROM unnest($2::uuid[]) AS l(id)
         LEFT JOIN squad s ON s.legion_id = l.id AND s.organization_id = $1
         LEFT JOIN ${src.table} r ON r.organization_id = $1 AND r.entity_type = 'SQUAD' AND r.entity_id = s.id ${range}
         GROUP BY l.id`,
        [req.organizationId, req.entityIds, req.startDate, req.endDate],
      );
    }
    return m.query(
      `SELECT e.id AS entity_id, ${sums}
       FROM unnest($2::uuid[]) AS e(id)
       LEFT JOIN ${src.table} r ON r.organization_id = $1 AND r.entity_type = $5 AND r.entity_id = e.id ${range}
       GROUP BY e.id`,
      [req.organizationId, req.entityIds, req.startDate, req.endDate, req.entityType],
    );
  }
}

/** A ROLLUP metric's numerator and denominator from one row of summed rollup columns. */
function rollupParts(source: RollupSource): (row: Record<string, string | number>) => MetricParts {
  const numerator = compileExpr(source.numerator);
  const denominator = source.denominator ? compileExpr(source.denominator) : null;
  return (row) => ({ numerator: numerator(row), denominator: denominator ? denominator(row) : null });
}

const compiled = new Map<string, (row: Record<string, string | number>) => number>();

/** `a`, `a + b` or `a - b` over aggregate columns (the only shapes ROLLUP metrics use), parsed once. */
function compileExpr(expr: string): (row: Record<string, string | number>) => number {
  let fn = compiled.get(expr);
  if (fn) return fn;
  const tokens = expr.split(/\s+/);
  const terms: { column: string; sign: number }[] = [{ column: tokens[0], sign: 1 }];
  for (let i = 1; i < tokens.length; i += 2) {
    if (tokens[i] !== '+' && tokens[i] !== '-') throw new Error(`Bad rollup expression ${expr}`);
    terms.push({ column: tokens[i + 1], sign: tokens[i] === '-' ? -1 : 1 });
  }
  fn = (row) => {
    let total = 0;
    for (const t of terms) total += t.sign * checkedNumber(row[t.column], 'A metric total');
    if (Number.isNaN(total)) throw new Error(`Bad rollup expression ${expr}`);
    return total;
  };
  compiled.set(expr, fn);
  return fn;
}
