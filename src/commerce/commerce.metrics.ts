import { checkedNumber } from '../common/money.js';
import { MetricDirection, MetricEntityType, MetricUnit, type MetricDefinition } from '../metrics/index.js';
import { TeamKind } from '../organization/index.js';
import type { CommerceMetricsRepository } from './commerce-metrics.repository.js';

/**
 * ROI = net revenue / conversion cost, for squads and legions (costs are booked per squad).
 * Registered in the metric catalog by CommerceModule: the costs are commerce's.
 */
export function roiMetric(repo: CommerceMetricsRepository): MetricDefinition {
  return {
    key: 'roi',
    label: 'ROI of conversion spend',
    teamKind: TeamKind.PRE_SALES,
    unit: MetricUnit.RATIO,
    direction: MetricDirection.HIGHER_IS_BETTER,
    definition:
      "Net revenue / conversion costs booked for the squad (or the legion's squads) in the period. Costs are booked per squad, so there is no per-rep ROI. Null without costs.",
    entityTypes: [MetricEntityType.SQUAD, MetricEntityType.LEGION],
    source: {
      kind: 'CUSTOM',
      compute: async (req) => {
        const rows = await repo.roiParts(req);
        return new Map(
          rows.map((r) => [r.entity_id, { numerator: checkedNumber(r.net, 'A revenue total'), denominator: checkedNumber(r.cost, 'A cost total') }]),
        );
      },
    },
  };
}
