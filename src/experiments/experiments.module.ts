import { Module, type OnModuleInit } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { MetricCatalog } from '../metrics/metric-catalog.js';
import { sharingMetrics } from './experiments.metrics.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { SopModule } from '../sop/sop.module.js';
import { ExperimentDataService } from './experiment-data.service.js';
import { ExperimentLoaders } from './experiments.loaders.js';
import { ExperimentAdoptionResolver, ExperimentsResolver } from './experiments.resolver.js';
import { ExperimentsService } from './experiments.service.js';

/** Experiments shared across teams: log, analysis, feed, conclusion, publication, adoption. */
@Module({
  imports: [OrganizationModule, SopModule, AuditModule, MetricsModule],
  providers: [ExperimentsService, ExperimentDataService, ExperimentLoaders, ExperimentsResolver, ExperimentAdoptionResolver],
  exports: [ExperimentsService, ExperimentDataService],
})
export class ExperimentsModule implements OnModuleInit {
  constructor(
    private readonly catalog: MetricCatalog,
    private readonly data: ExperimentDataService,
  ) {}

  onModuleInit(): void {
    for (const def of sharingMetrics(this.data)) this.catalog.register(def);
  }
}
