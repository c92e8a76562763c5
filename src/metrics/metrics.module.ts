import { Module, type OnModuleInit } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import { LeadEventsModule } from '../leads/index.js';
import { LeadEvents } from '../leads/index.js';
import { OrganizationModule } from '../organization/index.js';
import { RollupEntityType } from './entities/rollup.entity.js';
import { MetricCatalog } from './metric-catalog.js';
import { MetricsResolver } from './metrics.resolver.js';
import { MetricsService } from './metrics.service.js';
import { PRE_SALES_METRICS } from './pre-sales.metrics.js';
import { RollupService } from './rollup.service.js';
import { UnitEconomicsService } from './unit-economics.service.js';
import { FunnelService } from './funnel.service.js';
import { RevenueResolver } from './revenue.resolver.js';
import { ReferralService } from './referral.service.js';
import { CohortRevenueService } from './cohort-revenue.service.js';

/** The metric catalog, rollups and unit economics. Global: every context registers its metrics here. */
@Module({
  imports: [OrganizationModule, LeadEventsModule],
  providers: [
    MetricCatalog,
    MetricsService,
    RollupService,
    UnitEconomicsService,
    MetricsResolver,
    FunnelService,
    ReferralService,
    CohortRevenueService,
    RevenueResolver,
  ],
  exports: [MetricCatalog, MetricsService, RollupService, UnitEconomicsService, FunnelService],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly catalog: MetricCatalog,
    private readonly rollups: RollupService,
    private readonly leadEvents: LeadEvents,
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    for (const def of PRE_SALES_METRICS) this.catalog.register(def);
    // Assignments feed `leads_assigned`, in the same transaction as the assignment.
    this.leadEvents.onAssigned(async (_ctx, events) => {
      const m = this.db.manager;
      const org = events[0].organizationId;
      // One statement, the rows as one JSON document (a routed intake batch is ~1,000 events).
      await m.query(
        `INSERT INTO lead_assignment_event (organization_id, lead_id, from_owner_id, to_owner_id, from_squad_id, to_squad_id, at)
         SELECT $1, lead, from_owner, to_owner, from_squad, to_squad, at
           FROM json_to_recordset($2::json) AS t(lead uuid, from_owner uuid, to_owner uuid, from_squad uuid, to_squad uuid, at timestamptz)`,
        [
          org,
          JSON.stringify(
            events.map((e) => ({ lead: e.leadId, from_owner: e.fromOwnerId, to_owner: e.toOwnerId, from_squad: e.fromSquadId, to_squad: e.squadId, at: e.at })),
          ),
        ],
      );
      // +1 for a rep each time a lead becomes theirs, +1 for a squad each time a lead enters it.
      const credits = events.flatMap((e) => [
        ...(e.toOwnerId !== null && e.toOwnerId !== e.fromOwnerId ? [{ entityType: RollupEntityType.MEMBER, entityId: e.toOwnerId, at: e.at }] : []),
        ...(e.squadId !== null && e.squadId !== e.fromSquadId ? [{ entityType: RollupEntityType.SQUAD, entityId: e.squadId, at: e.at }] : []),
      ]);
      await this.rollups.countMany(m, org, 'leads_assigned', credits);
    });
  }
}
