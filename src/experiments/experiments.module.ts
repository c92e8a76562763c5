import { Module, type OnModuleInit } from '@nestjs/common';
import { MetricsModule } from '../metrics/index.js';
import { AuditModule } from '../audit/index.js';
import { MetricCatalog } from '../metrics/index.js';
import { sharingMetrics } from './experiments.metrics.js';
import { OrganizationModule } from '../organization/index.js';
import { SopModule } from '../sop/index.js';
import { LeadEventsModule } from '../leads/index.js';
import { ExperimentDataService } from './experiment-data.service.js';
import { ExperimentLoaders } from './experiments.loaders.js';
import { ExperimentsRepository } from './experiments.repository.js';
import { ExperimentAdoptionResolver, ExperimentsResolver } from './experiments.resolver.js';
import { ExperimentsService } from './experiments.service.js';

/** Experiments shared across teams: log, analysis, feed, conclusion, publication, adoption. */
@Module({
  imports: [OrganizationModule, SopModule, AuditModule, MetricsModule, LeadEventsModule],
  providers: [ExperimentsRepository, ExperimentsService, ExperimentDataService, ExperimentLoaders, ExperimentsResolver, ExperimentAdoptionResolver],
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
