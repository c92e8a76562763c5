import { Injectable } from '@nestjs/common';
import { BoundedMemo, periodBounds } from '@lib/schedule';
import { DateTime } from 'luxon';
import { badInput, type FieldError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { DATE_MESSAGE, isUuid } from '../common/formats.js';
import { ReadDb } from '../database/read-db.js';
import { Db } from '../database/transaction.js';
import { AccessService, type AccessScope } from '../organization/index.js';
import { checkedNumber } from '../common/money.js';
import { packedArray } from '../common/packed-array.js';
import { localDateProblem } from '../common/bounds.js';
import { rollupRangeSource } from './rollup-source.js';
import { MetricsRepository } from './metrics.repository.js';
import {
  MetricCatalog,
  MetricEntityType,
  metricValue,
  metricValueOf,
  ROLLUP_AGGREGATES,
  type MetricDefinition,
  type MetricParts,
  type MetricRequest,
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
 * passes `MetricValuesQuery` through unchecked): list sizes, entity ids, date formats. Every
 * problem is reported at once, by field path, before any statement runs.
 */
export function checkMetricValuesQuery(input: { metricKeys: string[]; entityIds?: string[] | null; period: PeriodInput }): void {
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
  // Pure, and asked for with the same few periods all day (dashboards, boards): memoized. Bad
  // input throws and is never remembered; each caller gets its own copy.
  const key = `${period.kind}|${period.start}|${period.end ?? ''}|${timeZone}`;
  return { ...resolvedPeriods.get(key, () => resolvePeriodUncached(period, timeZone, field)) };
}

const resolvedPeriods = new BoundedMemo<string, ResolvedPeriod>(1000);

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

/** The input of `metricValues`. */
export interface MetricValuesQuery {
  metricKeys: string[];
  entityType: MetricEntityType;
  entityIds?: string[] | null;
  period: PeriodInput;
}

/** The result of `metricValues`: one series per metric over `entities`, and `values` built on demand. */
export interface MetricValuesResult {
  period: ResolvedPeriod;
  values: MetricValueRow[];
  entities: { id: string; name: string }[];
  entityIds: string[];
  series: MetricSeries[];
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
    private readonly db: Db,
    private readonly repo: MetricsRepository,
    private readonly readDb: ReadDb,
    private readonly catalog: MetricCatalog,
    private readonly access: AccessService,
  ) {}

  /** `metricValues` for reports (the `metricValues` query, scorecards): on the read replica when configured. */
  readMetricValues(ctx: RequestContext, input: MetricValuesQuery): Promise<MetricValuesResult> {
    return this.readDb.run(() => this.metricValues(ctx, input));
  }

  async organizationTimeZone(ctx: RequestContext): Promise<string> {
    return this.repo.organizationTimeZone(ctx.organizationId);
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

  async metricValues(ctx: RequestContext, input: MetricValuesQuery): Promise<MetricValuesResult> {
    checkMetricValuesQuery(input);
    const defs = this.definitions(input.metricKeys, input.entityType);
    const period = resolvePeriod(input.period, ctx.timeZone ?? (await this.organizationTimeZone(ctx)), 'input.period');
    // AccessService still takes a manager (bridge until organization moves to Db).
    const scope = await this.access.scope(ctx);
    const ids = input.entityIds && input.entityIds.length ? input.entityIds : null;
    // Only the rollup columns the requested metrics use are summed.
    const columns = rollupColumnsOf(defs);
    const needsRollups = defs.some((d) => d.source.kind === 'ROLLUP');
    const { entities, sums } = await this.entitiesWithSums(ctx, input.entityType, ids, period, scope, needsRollups ? columns : null);
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
    // ROLLUP metrics straight from the summed rows, by index (the rows are the entities); CUSTOM
    // metrics through their own statements.
    const custom = await this.computeCustom(
      defs.filter((d) => d.source.kind === 'CUSTOM'),
      req,
    );
    const series = buildSeries(defs, entities, sums, custom);
    return valuesResult(period, entities, req.entityIds, series, input.entityType);
  }

  /**
   * The visible entities of the request, by name. When ROLLUP metrics are asked for, the same rows
   * carry the sums of `columns`, converted to numbers in place (`sums` is then `entities`
   * itself: one statement, one object per entity, aligned by index); else `sums` is null.
   * Whole weeks, months and quarters read the period aggregates.
   */
  private async entitiesWithSums(
    ctx: RequestContext,
    entityType: MetricEntityType,
    ids: string[] | null,
    period: ResolvedPeriod,
    scope: AccessScope,
    columns: readonly string[] | null,
  ): Promise<{ entities: { id: string; name: string }[]; sums: Record<string, number>[] | null }> {
    const params = [ctx.organizationId, ids, period.start, period.end, this.access.squadFilter(scope, 'read')];
    if (!columns) return { entities: await this.repo.metricEntities(entityType, params), sums: null };
    const source = rollupRangeSource([[period.startDate, period.endDate]]);
    const rows = await this.repo.metricEntitiesWithSums(entityType, columns, ids !== null, source, [...params, period.startDate, period.endDate, entityType]);
    return { entities: rows, sums: sumsToNumbers(rows, columns) };
  }

  /**
   * The parts of ROLLUP metrics for rows that already hold their aggregate columns (named `prefix`
   * + column, e.g. a live board's `c_gross_revenue`), as columns aligned with the rows: no map by
   * entity, no row copied and no object per entity. What `compute` gives for the same rows, by
   * index instead of by entity id.
   */
  rollupPartsColumns(
    defs: MetricDefinition[],
    rows: readonly Record<string, unknown>[],
    prefix = '',
  ): Map<string, { numerators: number[]; denominators: (number | null)[] }> {
    const out = new Map<string, { numerators: number[]; denominators: (number | null)[] }>();
    const n = rows.length;
    for (const def of defs) {
      if (def.source.kind !== 'ROLLUP') throw new Error(`rollupPartsColumns: ${def.key} is not a ROLLUP metric`);
      const numeratorOf = compileExpr(def.source.numerator, prefix);
      const denominatorOf = def.source.denominator ? compileExpr(def.source.denominator, prefix) : null;
      const numerators = packedArray(n) as number[];
      const denominators = packedArray(n) as (number | null)[];
      for (let i = 0; i < n; i++) {
        numerators[i] = numeratorOf(rows[i]);
        denominators[i] = denominatorOf ? denominatorOf(rows[i]) : null;
      }
      out.set(def.key, { numerators, denominators });
    }
    return out;
  }

  /**
   * Parts per entity of each CUSTOM metric (one statement each, through its own `compute`). ROLLUP
   * metrics never come here: boards and `metricValues` read them from the rows they already
   * summed (`rollupPartsColumns`, `buildSeries`).
   */
  async computeCustom(defs: MetricDefinition[], req: MetricRequest): Promise<Map<string, Map<string, MetricParts>>> {
    const out = new Map<string, Map<string, MetricParts>>();
    for (const def of defs) {
      if (def.source.kind !== 'CUSTOM') throw new Error(`computeCustom: ${def.key} is not a CUSTOM metric`);
      out.set(def.key, req.entityIds.length ? await def.source.compute(req, this.db) : new Map());
    }
    return out;
  }
}

/**
 * The summed rollup columns of `rows` as numbers, converted in place (bigint sums arrive as
 * strings; each is checked and converted once, not once per metric that reads it). Returns the
 * same array.
 */
function sumsToNumbers(rows: Record<string, unknown>[], columns: readonly string[]): Record<string, number>[] {
  for (const row of rows) for (const c of columns) row[c] = checkedNumber(row[c], 'A metric total');
  return rows as Record<string, number>[];
}

/**
 * One series per metric: ROLLUP metrics from the rows of summed columns aligned with `entities`
 * (by index, no object per value), CUSTOM ones from their parts by entity (zeros when absent).
 */
export function buildSeries(
  defs: MetricDefinition[],
  entities: readonly { id: string }[],
  sums: readonly Record<string, number>[] | null,
  custom: Map<string, Map<string, MetricParts>>,
): MetricSeries[] {
  const n = entities.length;
  const series: MetricSeries[] = [];
  for (const def of defs) {
    // Serialized as they are: packed and exactly n long (packedArray), filled by index.
    const values: (number | null)[] = packedArray(n);
    const numerators: number[] = packedArray(n);
    const denominators: (number | null)[] = packedArray(n);
    if (def.source.kind === 'ROLLUP') {
      if (!sums || sums.length !== n) throw new Error(`buildSeries: ${def.key} needs one row of sums per entity`);
      const { numerator: numExpr, denominator: denExpr } = def.source;
      const num = exprTerms(numExpr);
      const den = denExpr ? exprTerms(denExpr) : null;
      for (let i = 0; i < n; i++) {
        const numerator = numericTotal(num, sums[i], numExpr);
        const denominator = den ? numericTotal(den, sums[i], denExpr!) : null;
        numerators[i] = numerator;
        denominators[i] = denominator;
        values[i] = metricValueOf(def, numerator, denominator);
      }
    } else {
      const byEntity = custom.get(def.key)!;
      for (let i = 0; i < n; i++) {
        const p = byEntity.get(entities[i].id) ?? { numerator: 0, denominator: 0 };
        values[i] = metricValue(def, p);
        numerators[i] = p.numerator;
        denominators[i] = p.denominator;
      }
    }
    series.push({ metricKey: def.key, values, numerators, denominators });
  }
  return series;
}

/** The result object; one object per metric and entity is built only when a caller reads `values`. */
function valuesResult(
  period: ResolvedPeriod,
  entities: { id: string; name: string }[],
  entityIds: string[],
  series: MetricSeries[],
  entityType: MetricEntityType,
): MetricValuesResult {
  let values: MetricValueRow[] | null = null;
  return {
    period,
    entities,
    entityIds,
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

interface ExprTerm {
  column: string;
  sign: number;
}

const parsedExprs = new Map<string, readonly ExprTerm[]>();

/** The terms of `a`, `a + b` or `a - b` over aggregate columns (the only shapes ROLLUP metrics use), parsed once per prefix. */
function exprTerms(expr: string, prefix = ''): readonly ExprTerm[] {
  const key = `${prefix}|${expr}`;
  let terms = parsedExprs.get(key);
  if (terms) return terms;
  const tokens = expr.split(/\s+/);
  const parsed: ExprTerm[] = [{ column: prefix + tokens[0], sign: 1 }];
  for (let i = 1; i < tokens.length; i += 2) {
    if (tokens[i] !== '+' && tokens[i] !== '-') throw new Error(`Bad rollup expression ${expr}`);
    parsed.push({ column: prefix + tokens[i + 1], sign: tokens[i] === '-' ? -1 : 1 });
  }
  terms = parsed;
  parsedExprs.set(key, terms);
  return terms;
}

/**
 * The rollup columns the ROLLUP metrics among `defs` read, in ROLLUP_AGGREGATES order (e.g.
 * net_revenue: gross_revenue, refunded_amount). From the parsed expressions (exprTerms, parsed
 * once), not by splitting every expression on every request.
 */
export function rollupColumnsOf(defs: readonly MetricDefinition[]): string[] {
  const used = new Set<string>();
  for (const d of defs) {
    if (d.source.kind !== 'ROLLUP') continue;
    for (const t of exprTerms(d.source.numerator)) used.add(t.column);
    if (d.source.denominator) for (const t of exprTerms(d.source.denominator)) used.add(t.column);
  }
  return ROLLUP_AGGREGATES.filter((c) => used.has(c));
}

/** The expression over a row of sums already converted to numbers (`sumsToNumbers`); a missing column is a bad expression. */
function numericTotal(terms: readonly ExprTerm[], row: Record<string, number>, expr: string): number {
  let total = 0;
  for (let i = 0; i < terms.length; i++) total += terms[i].sign * row[terms[i].column];
  if (Number.isNaN(total)) throw new Error(`Bad rollup expression ${expr}`);
  return total;
}

const compiled = new Map<string, (row: Record<string, unknown>) => number>();

/** The expression over a row whose sums may still be strings (bigint): each term checked by `checkedNumber`. */
function compileExpr(expr: string, prefix = ''): (row: Record<string, unknown>) => number {
  const key = `${prefix}|${expr}`;
  let fn = compiled.get(key);
  if (fn) return fn;
  const terms = exprTerms(expr, prefix);
  fn = (row) => {
    let total = 0;
    for (const t of terms) total += t.sign * checkedNumber(row[t.column] as string | number, 'A metric total');
    if (Number.isNaN(total)) throw new Error(`Bad rollup expression ${expr}`);
    return total;
  };
  compiled.set(key, fn);
  return fn;
}
