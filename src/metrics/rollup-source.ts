import { commonAlignedPeriodKind } from '@lib/schedule';
import type { ROLLUP_AGGREGATES } from './metric-catalog.js';

/**
 * Where a read of rollup sums over local date ranges finds them: `rollup_period` when whole ISO
 * weeks, months or quarters tile every range (one row per entity and period, whatever the
 * range's length), else `rollup_daily`. Use as
 * `FROM ${s.table} r WHERE … ${s.filter} AND r.${s.day} >= $from AND r.${s.day} < $to`:
 * a period row's `period_start` lies in [from, to) exactly when its days do.
 */
export interface RollupRangeSource {
  table: 'rollup_daily' | 'rollup_period';
  /** The date column compared with the range bounds. */
  day: 'day' | 'period_start';
  /** `AND r.period_kind = '…'` for period rows (alias `r`), else ''. */
  filter: string;
  periodKind: 'ISO_WEEK' | 'MONTH' | 'QUARTER' | null;
}

export function rollupRangeSource(ranges: readonly (readonly [string, string])[], alias = 'r'): RollupRangeSource {
  const kind = commonAlignedPeriodKind(ranges);
  if (!kind) return { table: 'rollup_daily', day: 'day', filter: '', periodKind: null };
  return { table: 'rollup_period', day: 'period_start', filter: `AND ${alias}.period_kind = '${kind}'`, periodKind: kind };
}

/**
 * Raw rows some rollup columns are recomputed from (`rollups:check`, `rollups:rebuild`), offered
 * by the context that owns them through `RollupService.recomputeFrom` (commerce: orders and
 * refunds), so the recomputation never names another context's tables. The metrics context's
 * own assignments (`leads_assigned`) are always a source.
 */
export interface RollupFactSource {
  /** The rollup columns its rows carry; the others count 0 for it. */
  fields: readonly (typeof ROLLUP_AGGREGATES)[number][];
  /**
   * A SELECT of one row per credited entity and fact: `organization_id`, `entity_type` ('MEMBER'
   * or 'SQUAD'), `entity_id`, `day` (the local date), then `fields` by name. `tz` names a relation
   * (`organization_id`, `time_zone`) of the organizations being recomputed: join it to keep only
   * those and to find the local day.
   */
  sql(tz: string): string;
}
