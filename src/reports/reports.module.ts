import { Module, type OnModuleInit } from '@nestjs/common';
import { MetricsModule } from '../metrics/index.js';
import { MetricCatalog } from '../metrics/index.js';
import { MetricsService } from '../metrics/index.js';
import { RankingsModule } from '../rankings/index.js';
import { StandingsService } from '../rankings/index.js';
import { ExportController } from './export/export.controller.js';
import { ExportRegistry } from './export/export.registry.js';
import { funnelComparisonExport } from './export/revenue.exports.js';
import { leaderboardExport, metricValuesExport, objectionEffectivenessExport, unitEconomicsExport } from './export/sales.exports.js';
import { OrganizationModule } from '../organization/index.js';
import { AgendaObjectionStatsResolver, ObjectionEffectivenessResolver, PlaybookObjectionStatsResolver } from './objection-effectiveness.resolver.js';
import { ObjectionEffectivenessService } from './objection-effectiveness.service.js';
import { ReportsRepository } from './reports.repository.js';
import { speedToLeadMetrics } from './speed-to-lead.metrics.js';
import { CohortRevenueService } from './revenue/cohort-revenue.service.js';
import { FunnelService } from './revenue/funnel.service.js';
import { ReferralService } from './revenue/referral.service.js';
import { RevenueRepository } from './revenue/revenue.repository.js';
import { RevenueResolver } from './revenue/revenue.resolver.js';
import { UnitEconomicsService } from './revenue/unit-economics.service.js';

/**
 * Sales reports over recorded facts (objection answer effectiveness, ...): read-only SQL in
 * ReportsRepository, access through AccessService. The revenue read model (`revenue/`: unit
 * economics, funnel comparison, cohort revenue, referral value) reads commerce's orders and
 * spend, sop's cohorts and course-service's enrollments through their SQL fragments, which
 * metrics could not (those contexts depend on it). Definitions: docs/metrics.md.
 */
@Module({
  imports: [OrganizationModule, RankingsModule, MetricsModule],
  controllers: [ExportController],
  providers: [
    ExportRegistry,
    ReportsRepository,
    ObjectionEffectivenessService,
    ObjectionEffectivenessResolver,
    PlaybookObjectionStatsResolver,
    AgendaObjectionStatsResolver,
    RevenueRepository,
    FunnelService,
    UnitEconomicsService,
    ReferralService,
    CohortRevenueService,
    RevenueResolver,
  ],
  exports: [ObjectionEffectivenessService, ExportRegistry],
})
export class ReportsModule implements OnModuleInit {
  constructor(
    private readonly catalog: MetricCatalog,
    private readonly repo: ReportsRepository,
    private readonly exports: ExportRegistry,
    private readonly metrics: MetricsService,
    private readonly ue: UnitEconomicsService,
    private readonly funnel: FunnelService,
    private readonly rankings: StandingsService,
    private readonly effectiveness: ObjectionEffectivenessService,
  ) {}

  onModuleInit(): void {
    for (const def of speedToLeadMetrics(this.repo)) this.catalog.register(def);
    this.exports.register(leaderboardExport(this.rankings));
    this.exports.register(metricValuesExport(this.metrics));
    this.exports.register(unitEconomicsExport(this.ue));
    this.exports.register(objectionEffectivenessExport(this.effectiveness));
    this.exports.register(funnelComparisonExport(this.funnel));
  }
}
