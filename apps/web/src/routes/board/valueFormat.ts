import { useCallback } from 'react';
import { useFormat } from '../../auth/viewer';

export type MetricUnit = 'COUNT' | 'MINUTES' | 'MONEY' | 'RATIO' | 'SCORE';

/** Formats a board value by the metric's unit: money in the organization's currency, rates as %. */
export function useValueFormat(unit: MetricUnit): (v: number | null | undefined) => string {
  const fmt = useFormat();
  return useCallback(
    (v: number | null | undefined) => {
      if (v == null || !Number.isFinite(v)) return '—';
      switch (unit) {
        case 'MONEY':
          return fmt.money(v);
        case 'RATIO':
          return fmt.percent(v, 1);
        case 'MINUTES':
          return fmt.minutes(v);
        case 'COUNT':
          return fmt.number(v, Number.isInteger(v) ? 0 : 1);
        default:
          return fmt.number(v, 2);
      }
    },
    [fmt, unit],
  );
}
