import { MetricDirection, MetricEntityType, MetricUnit, type MetricDefinition, type MetricParts, type MetricRequest } from '../metrics/index.js';
import { TeamKind } from '../organization/index.js';
import type { ExperimentDataService } from './experiment-data.service.js';

/**
 * Sharing metrics, so boards can reward sharing instead of hoarding: credited to the squad that
 * ran the experiment (legions sum their squads). Members have no per-person value.
 */
export function sharingMetrics(data: ExperimentDataService): MetricDefinition[] {
  const compute =
    (field: 'experimentsPublished' | 'adoptionsReceived') =>
    async (req: MetricRequest): Promise<Map<string, MetricParts>> => {
      if (req.entityType === MetricEntityType.SQUAD) {
        const rows = await data.sharingCounts(req.organizationId, req.entityIds, req.start, req.end);
        return new Map(rows.map((r) => [r.squadId, { numerator: r[field], denominator: null }]));
      }
      const squads = await data.squadsOfLegions(req.organizationId, req.entityIds);
      const legionOf = new Map(squads.map((s) => [s.id, s.legion_id]));
      const rows = await data.sharingCounts(
        req.organizationId,
        squads.map((s) => s.id),
        req.start,
        req.end,
      );
      const out = new Map<string, MetricParts>();
      for (const r of rows) {
        const legion = legionOf.get(r.squadId)!;
        const cur = out.get(legion) ?? { numerator: 0, denominator: null };
        out.set(legion, { numerator: cur.numerator + r[field], denominator: null });
      }
      return out;
    };
  const types = [MetricEntityType.SQUAD, MetricEntityType.LEGION];
  return [
    {
      key: 'experiments_published',
      label: 'Experiments published',
      teamKind: TeamKind.PRE_SALES,
      unit: MetricUnit.COUNT,
      direction: MetricDirection.HIGHER_IS_BETTER,
      definition: "Experiments of the squad published by a manager in the period (the squad's learnings shared with the whole organization).",
      entityTypes: types,
      source: { kind: 'CUSTOM', compute: compute('experimentsPublished') },
    },
    {
      key: 'adoptions_received',
      label: 'Adoptions received',
      teamKind: TeamKind.PRE_SALES,
      unit: MetricUnit.COUNT,
      direction: MetricDirection.HIGHER_IS_BETTER,
      definition: "Adoptions by other squads, in the period, of the squad's published experiments.",
      entityTypes: types,
      source: { kind: 'CUSTOM', compute: compute('adoptionsReceived') },
    },
  ];
}
