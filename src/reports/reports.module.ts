import { Module, type OnModuleInit } from '@nestjs/common';
import { DemoService } from '../demo/demo.service.js';
import { MetricCatalog } from '../metrics/metric-catalog.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { AgendaObjectionStatsResolver, ObjectionEffectivenessResolver, PlaybookObjectionStatsResolver } from './objection-effectiveness.resolver.js';
import { ObjectionEffectivenessService } from './objection-effectiveness.service.js';
import { campaignSpendDemo, reportsDemo } from './reports.demo.js';
import { ReportsRepository } from './reports.repository.js';
import { speedToLeadMetrics } from './speed-to-lead.metrics.js';

/**
 * Sales reports over recorded facts (objection answer effectiveness, ...): read-only SQL in
 * ReportsRepository, access through AccessService. Definitions: docs/metrics.md.
 */
@Module({
  imports: [OrganizationModule],
  providers: [ReportsRepository, ObjectionEffectivenessService, ObjectionEffectivenessResolver, PlaybookObjectionStatsResolver, AgendaObjectionStatsResolver],
  exports: [ObjectionEffectivenessService],
})
export class ReportsModule implements OnModuleInit {
  constructor(
    private readonly demo: DemoService,
    private readonly catalog: MetricCatalog,
    private readonly repo: ReportsRepository,
  ) {}

  onModuleInit(): void {
    for (const def of speedToLeadMetrics(this.repo)) this.catalog.register(def);
    this.demo.register(reportsDemo());
    this.demo.register(campaignSpendDemo());
  }
}
