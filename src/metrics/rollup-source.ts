import { commonAlignedPeriodKind } from '@lib/schedule';

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
