import { MetricDirection, MetricEntityType, MetricUnit, type MetricDefinition, type MetricParts, type MetricRequest } from '../metrics/index.js';
import { TeamKind } from '../organization/index.js';
import type { ComplianceRepository } from './compliance.repository.js';
import type { ComplianceService } from './compliance.service.js';

/**
 * SOP compliance as catalog metrics (per member and squad; legions sum their squads), for both
 * team kinds' boards. Definitions: docs/sop.md, "Compliance".
 */
export function sopMetrics(compliance: ComplianceService, repo: ComplianceRepository): MetricDefinition[] {
  const compute =
    (measure: 'ON_TIME' | 'DONE') =>
    async (req: MetricRequest): Promise<Map<string, MetricParts>> => {
      if (req.entityType !== MetricEntityType.LEGION) {
        return compliance.parts(
          { organizationId: req.organizationId, entityType: req.entityType, entityIds: req.entityIds, start: req.start, end: req.end },
          measure,
        );
      }
      const squads = await repo.squadsOfLegions(req.organizationId, req.entityIds);
      const bySquad = await compliance.parts(
        { organizationId: req.organizationId, entityType: 'SQUAD', entityIds: squads.map((s) => s.id), start: req.start, end: req.end },
        measure,
      );
      const out = new Map<string, MetricParts>(req.entityIds.map((id) => [id, { numerator: 0, denominator: 0 }]));
      for (const s of squads) {
        const p = bySquad.get(s.id)!;
        const cur = out.get(s.legionId)!;
        out.set(s.legionId, { numerator: cur.numerator + p.numerator, denominator: (cur.denominator ?? 0) + (p.denominator ?? 0) });
      }
      return out;
    };
  const all = [MetricEntityType.MEMBER, MetricEntityType.SQUAD, MetricEntityType.LEGION];
  return [
    {
      key: 'sop_on_time_rate',
      label: 'SOP on-time rate',
      teamKind: TeamKind.PRE_SALES,
      unit: MetricUnit.RATIO,
      direction: MetricDirection.HIGHER_IS_BETTER,
      definition:
        'Agenda items due in the period that were done within their window / items due in the period that are settled (done, missed, or past their deadline); skipped items are left out.',
      entityTypes: all,
      source: { kind: 'CUSTOM', compute: compute('ON_TIME') },
    },
    {
      key: 'sop_done_rate',
      label: 'SOP completion',
      teamKind: TeamKind.COURSE_SERVICE,
      unit: MetricUnit.RATIO,
      direction: MetricDirection.HIGHER_IS_BETTER,
      definition: 'Agenda items due in the period that were done (on time or late) / items due in the period that are settled; skipped items are left out.',
      entityTypes: all,
      source: { kind: 'CUSTOM', compute: compute('DONE') },
    },
  ];
}
