import { Module, type OnModuleInit } from '@nestjs/common';
import { MetricCatalog, MetricsModule, RollupService } from '../metrics/index.js';
import { LeadEventsModule } from '../leads/index.js';
import { AuditModule } from '../audit/index.js';
import { OrderEvents } from './order-events.js';
import { OrganizationModule } from '../organization/index.js';
import { CommerceResolver } from './commerce.resolver.js';
import { CommerceService } from './commerce.service.js';
import { CommerceRepository } from './commerce.repository.js';
import { CommerceMetricsRepository } from './commerce-metrics.repository.js';
import { roiMetric } from './commerce.metrics.js';
import { COMMERCE_ROLLUP_FACTS } from './commerce.sql.js';

@Module({
  imports: [OrganizationModule, AuditModule, LeadEventsModule, MetricsModule],
  providers: [CommerceRepository, CommerceMetricsRepository, CommerceService, CommerceResolver, OrderEvents],
  exports: [CommerceService, OrderEvents],
})
export class CommerceModule implements OnModuleInit {
  constructor(
    private readonly catalog: MetricCatalog,
    private readonly rollups: RollupService,
    private readonly metricsRepo: CommerceMetricsRepository,
  ) {}

  onModuleInit(): void {
    // Metrics cannot read commerce's tables (commerce depends on metrics): commerce offers its
    // ROI metric and the rows the rollups' order and refund columns are recomputed from.
    this.catalog.register(roiMetric(this.metricsRepo));
    for (const source of COMMERCE_ROLLUP_FACTS) this.rollups.recomputeFrom(source);
  }
}
