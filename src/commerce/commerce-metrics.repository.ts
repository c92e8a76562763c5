import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import { MetricEntityType, rollupRangeSource, type MetricRequest } from '../metrics/index.js';
import { orgSql } from '../organization/index.js';

/** The statements of commerce's catalog metrics (ROI): rollups (metrics' `rollupRangeSource`) against commerce's costs. */
@Injectable()
export class CommerceMetricsRepository {
  constructor(private readonly db: Db) {}

  /** Net revenue and conversion costs per requested squad or legion (costs are booked per squad). */
  async roiParts(req: MetricRequest): Promise<{ entity_id: string; net: string; cost: string }[]> {
    const byLegion = req.entityType === MetricEntityType.LEGION;
    const src = rollupRangeSource([[req.startDate, req.endDate]]);
    return this.db.query(
      `WITH ent AS (SELECT unnest($2::uuid[]) AS id),
       squads AS (
         SELECT ent.id AS entity_id, s.id AS squad_id FROM ent JOIN ${orgSql.squad.as('s')} ON ${byLegion ? 's.legion_id = ent.id' : 's.id = ent.id'} AND s.organization_id = $1
       ),
       rev AS (
         SELECT sq.entity_id, sum(r.gross_revenue - r.refunded_amount) AS net
         FROM squads sq JOIN ${src.table} r ON r.organization_id = $1 AND r.entity_type = 'SQUAD' AND r.entity_id = sq.squad_id ${src.filter}
           AND r.${src.day} >= $3::date AND r.${src.day} < $4::date
         GROUP BY sq.entity_id
       ),
       cost AS (
         SELECT sq.entity_id, sum(c.amount) AS cost
         FROM squads sq JOIN conversion_cost c ON c.organization_id = $1 AND c.squad_id = sq.squad_id AND c.day >= $3::date AND c.day < $4::date
         GROUP BY sq.entity_id
       )
       SELECT ent.id AS entity_id, coalesce(rev.net, 0) AS net, coalesce(cost.cost, 0) AS cost
       FROM ent LEFT JOIN rev ON rev.entity_id = ent.id LEFT JOIN cost ON cost.entity_id = ent.id`,
      [req.organizationId, req.entityIds, req.startDate, req.endDate],
    );
  }
}
