import { Module, type OnModuleInit } from '@nestjs/common';
import { LeadEventsModule } from '../leads/index.js';
import { LeadEvents } from '../leads/index.js';
import { OrganizationModule } from '../organization/index.js';
import { RollupEntityType } from './entities/rollup.entity.js';
import { MetricCatalog } from './metric-catalog.js';
import { MetricsResolver } from './metrics.resolver.js';
import { MetricsService } from './metrics.service.js';
import { PRE_SALES_METRICS } from './pre-sales.metrics.js';
import { MetricsRepository } from './metrics.repository.js';
import { RollupService } from './rollup.service.js';

/**
 * The metric catalog and the rollups. Every context registers its metrics here (commerce: ROI)
 * and the raw rows the rollups are recomputed from (commerce: orders and refunds). The revenue
 * reports (funnel, unit economics, cohort revenue, referral value) are in `reports`.
 */
@Module({
  imports: [OrganizationModule, LeadEventsModule],
  providers: [MetricCatalog, MetricsRepository, MetricsService, RollupService, MetricsResolver],
  exports: [MetricCatalog, MetricsRepository, MetricsService, RollupService],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly catalog: MetricCatalog,
    private readonly rollups: RollupService,
    private readonly leadEvents: LeadEvents,
    private readonly repo: MetricsRepository,
  ) {}

  onModuleInit(): void {
    for (const def of PRE_SALES_METRICS) this.catalog.register(def);
    // Assignments feed `leads_assigned`, in the same transaction as the assignment (the caller's, through Db).
    this.leadEvents.onAssigned(async (_ctx, events) => {
      const org = events[0].organizationId;
      // One statement, the rows as one JSON document (a routed intake batch is ~1,000 events).
      await this.repo.insertAssignmentEvents(
        org,
        events.map((e) => ({
          leadId: e.leadId,
          fromOwnerId: e.fromOwnerId,
          toOwnerId: e.toOwnerId,
          fromSquadId: e.fromSquadId,
          toSquadId: e.squadId,
          at: e.at,
        })),
      );
      // +1 for a rep each time a lead becomes theirs, +1 for a squad each time a lead enters it.
      const credits = events.flatMap((e) => [
        ...(e.toOwnerId !== null && e.toOwnerId !== e.fromOwnerId ? [{ entityType: RollupEntityType.MEMBER, entityId: e.toOwnerId, at: e.at }] : []),
        ...(e.squadId !== null && e.squadId !== e.fromSquadId ? [{ entityType: RollupEntityType.SQUAD, entityId: e.squadId, at: e.at }] : []),
      ]);
      await this.rollups.countMany(org, 'leads_assigned', credits);
    });
  }
}
