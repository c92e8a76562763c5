import { Injectable } from '@nestjs/common';
import type { Db } from '../database/transaction.js';
import { TeamKind } from '../organization/index.js';

export enum MetricEntityType {
  MEMBER = 'MEMBER',
  SQUAD = 'SQUAD',
  LEGION = 'LEGION',
}

export enum MetricUnit {
  COUNT = 'COUNT',
  RATIO = 'RATIO',
  MONEY = 'MONEY',
  SCORE = 'SCORE',
  /** A duration in minutes (e.g. speed to lead). */
  MINUTES = 'MINUTES',
}

export enum MetricDirection {
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
}

/** What a metric is computed for: entities of one type over a period of local dates [startDate, endDate). */
export interface MetricRequest {
  organizationId: string;
  entityType: MetricEntityType;
  entityIds: string[];
  startDate: string;
  endDate: string;
  /** The same period as instants (organization time zone). */
  start: Date;
  end: Date;
  timeZone: string;
}

export interface MetricParts {
  numerator: number;
  /** null for plain counts and sums. */
  denominator: number | null;
}

/**
 * Summed columns of `rollup_daily` for the requested entities. `numerator`/`denominator` are SQL
 * expressions over the aggregate aliases listed in ROLLUP_AGGREGATES (e.g. `conversions`).
 */
export interface RollupSource {
  kind: 'ROLLUP';
  numerator: string;
  denominator?: string;
}

/**
 * Any other SQL (one statement for all requested entities), returning parts per entity id. The
 * statement runs on the current manager (`Db`): the caller's transaction, or the read replica
 * inside `ReadDb.run`. `db` is the global `Db` for definitions that hold no repository of their
 * own; definitions built by a factory call their context's repository or service instead.
 */
export interface CustomSource {
  kind: 'CUSTOM';
  compute(req: MetricRequest, db: Db): Promise<Map<string, MetricParts>>;
}

export interface MetricDefinition {
  key: string;
  label: string;
  teamKind: TeamKind;
  unit: MetricUnit;
  direction: MetricDirection;
  /** One paragraph: what is counted, when, credited to whom. */
  definition: string;
  entityTypes: MetricEntityType[];
  source: RollupSource | CustomSource;
  /** How parts become the value; default: numerator / denominator, or the numerator alone. */
  value?(parts: MetricParts): number | null;
}

/** Aggregates over `rollup_daily` available to ROLLUP metrics. */
export const ROLLUP_AGGREGATES = [
  'leads_assigned',
  'paid_orders',
  'conversions',
  'repurchases',
  'referral_conversions',
  'gross_revenue',
  'refunded_amount',
  'refunded_orders',
] as const;

export function metricValue(def: MetricDefinition, parts: MetricParts): number | null {
  return def.value ? def.value(parts) : metricValueOf(def, parts.numerator, parts.denominator);
}

/** `metricValue` from the parts themselves: no parts object unless the definition computes its own value. */
export function metricValueOf(def: MetricDefinition, numerator: number, denominator: number | null): number | null {
  if (def.value) return def.value({ numerator, denominator });
  if (denominator === null) return numerator;
  return denominator > 0 ? numerator / denominator : null;
}

/** The catalog: modules register their metrics at init; lookups are by key. */
@Injectable()
export class MetricCatalog {
  private readonly metrics = new Map<string, MetricDefinition>();

  register(def: MetricDefinition): void {
    if (this.metrics.has(def.key)) throw new Error(`Metric ${def.key} is registered twice`);
    if (!/^[a-z][a-z0-9_]*$/.test(def.key)) throw new Error(`Metric key ${def.key} must be snake_case`);
    this.metrics.set(def.key, def);
  }

  get(key: string): MetricDefinition | undefined {
    return this.metrics.get(key);
  }

  list(teamKind?: TeamKind): MetricDefinition[] {
    return [...this.metrics.values()].filter((m) => !teamKind || m.teamKind === teamKind).sort((a, b) => a.key.localeCompare(b.key));
  }
}
