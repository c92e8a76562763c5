import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { LeadEvents } from '../leads/lead-events.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { LeadAssignmentEvent } from './entities/rollup.entity.js';
import { MetricCatalog } from './metric-catalog.js';
import { MetricsResolver } from './metrics.resolver.js';
import { MetricsService } from './metrics.service.js';
import { PRE_SALES_METRICS } from './pre-sales.metrics.js';
import { RollupService } from './rollup.service.js';
import { UnitEconomicsService } from './unit-economics.service.js';

/** The metric catalog, rollups and unit economics. Global: every context registers its metrics here. */
@Global()
@Module({
  imports: [OrganizationModule],
  providers: [MetricCatalog, MetricsService, RollupService, UnitEconomicsService, MetricsResolver],
  exports: [MetricCatalog, MetricsService, RollupService],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly catalog: MetricCatalog,
    private readonly rollups: RollupService,
    private readonly leadEvents: LeadEvents,
  ) {}

  onModuleInit(): void {
    for (const def of PRE_SALES_METRICS) this.catalog.register(def);
    // Assignments feed `leads_assigned`, in the same transaction as the assignment.
    this.leadEvents.onAssigned(async (m, _ctx, e) => {
      await m.insert(LeadAssignmentEvent, {
        organizationId: e.organizationId,
        leadId: e.leadId,
        fromOwnerId: e.fromOwnerId,
        toOwnerId: e.toOwnerId,
        fromSquadId: e.fromSquadId,
        toSquadId: e.squadId,
        at: e.at,
      });
      const memberGains = e.toOwnerId !== null && e.toOwnerId !== e.fromOwnerId;
      const squadGains = e.squadId !== null && e.squadId !== e.fromSquadId;
      if (memberGains) await this.rollups.bump(m, e.organizationId, e.at, { memberId: e.toOwnerId }, { leads_assigned: 1 });
      if (squadGains) await this.rollups.bump(m, e.organizationId, e.at, { squadId: e.squadId }, { leads_assigned: 1 });
    });
  }
}
