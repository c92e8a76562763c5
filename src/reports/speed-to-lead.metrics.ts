import { MetricDirection, MetricEntityType, MetricUnit, type MetricDefinition, type MetricParts, type MetricRequest } from '../metrics/index.js';
import { TeamKind } from '../organization/index.js';
import type { ReportsRepository, SpeedToLeadRow } from './reports.repository.js';

/** Parts of `speed_to_lead_minutes`: the sample size as numerator, the exact median beside it. */
export interface MedianParts extends MetricParts {
  medianMinutes: number | null;
}

const ALL = [MetricEntityType.MEMBER, MetricEntityType.SQUAD, MetricEntityType.LEGION];

const CONTACT =
  'A contact is the first agenda step of the lead marked DONE (its completion time) or the first objection logged on it (its log time), whoever did it, at or after the assignment and before the lead next changed owner.';

/**
 * Speed to lead and contact rates as catalog metrics (rankable on boards). One statement for
 * all three per request, also per legion (legions are computed from their squads' assignments, not
 * as a median of medians). Definitions: docs/metrics.md, "Speed to lead and contact rate".
 */
export function speedToLeadMetrics(repo: ReportsRepository): MetricDefinition[] {
  // The three metrics read the same aggregate: one statement per request (the metrics service
  // passes one request object to every metric it computes together).
  const shared = new WeakMap<MetricRequest, Promise<SpeedToLeadRow[]>>();
  const rowsFor = (req: MetricRequest) => {
    let rows = shared.get(req);
    if (!rows) {
      rows = repo.speedToLead({
        organizationId: req.organizationId,
        entityType: req.entityType,
        entityIds: req.entityIds,
        start: req.start,
        end: req.end,
        now: new Date(),
      });
      shared.set(req, rows);
    }
    return rows;
  };
  const compute =
    (parts: (r: SpeedToLeadRow) => MetricParts, empty: () => MetricParts) =>
    async (req: MetricRequest): Promise<Map<string, MetricParts>> => {
      const rows = await rowsFor(req);
      const out = new Map<string, MetricParts>(req.entityIds.map((id) => [id, empty()]));
      for (const r of rows) out.set(r.entityId, parts(r));
      return out;
    };
  return [
    {
      key: 'speed_to_lead_minutes',
      label: 'Speed to lead (median minutes)',
      teamKind: TeamKind.PRE_SALES,
      unit: MetricUnit.MINUTES,
      direction: MetricDirection.LOWER_IS_BETTER,
      definition: `Median minutes from a lead's assignment to a rep in the period to the first contact, over the assignments that got one (exact median; the mean of the two middle values for an even count; null when none). Credited to the rep, the squad the lead entered and its legion. ${CONTACT} The numerator is the number of contacted assignments behind the median.`,
      entityTypes: ALL,
      source: {
        kind: 'CUSTOM',
        compute: compute(
          (r): MedianParts => ({ numerator: r.contacted, denominator: null, medianMinutes: r.medianSeconds === null ? null : r.medianSeconds / 60 }),
          (): MedianParts => ({ numerator: 0, denominator: null, medianMinutes: null }),
        ),
      },
      value: (p) => (p as Partial<MedianParts>).medianMinutes ?? null,
    },
    {
      key: 'contact_rate_1h',
      label: 'Contacted within 1 hour',
      teamKind: TeamKind.PRE_SALES,
      unit: MetricUnit.RATIO,
      direction: MetricDirection.HIGHER_IS_BETTER,
      definition: `Assignments to a rep in the period whose lead was contacted within 1 hour / assignments settled for that (contacted within the hour, or the hour is over). ${CONTACT}`,
      entityTypes: ALL,
      source: {
        kind: 'CUSTOM',
        compute: compute(
          (r) => ({ numerator: r.within1h, denominator: r.settled1h }),
          () => ({ numerator: 0, denominator: 0 }),
        ),
      },
    },
    {
      key: 'contact_rate_24h',
      label: 'Contacted within 24 hours',
      teamKind: TeamKind.PRE_SALES,
      unit: MetricUnit.RATIO,
      direction: MetricDirection.HIGHER_IS_BETTER,
      definition: `Assignments to a rep in the period whose lead was contacted within 24 hours / assignments settled for that (contacted within 24 hours, or they are over). ${CONTACT}`,
      entityTypes: ALL,
      source: {
        kind: 'CUSTOM',
        compute: compute(
          (r) => ({ numerator: r.within24h, denominator: r.settled24h }),
          () => ({ numerator: 0, denominator: 0 }),
        ),
      },
    },
  ];
}
