import { Module, type OnModuleInit } from '@nestjs/common';
import { MetricsModule } from '../metrics/index.js';
import { LeadEventsModule } from '../leads/index.js';
import { AuditModule } from '../audit/index.js';
import { CommerceModule } from '../commerce/index.js';
import { OrderEvents } from '../commerce/index.js';
import { MetricCatalog } from '../metrics/index.js';
import { OrganizationModule } from '../organization/index.js';
import { CohortService, SopModule } from '../sop/index.js';
import { COURSE_SERVICE_METRICS } from './course-service.metrics.js';
import { courseServiceSql } from './course-service.sql.js';
import { CourseServiceResolver, ScorecardResolver } from './course-service.resolver.js';
import { CourseServiceRepository } from './course-service.repository.js';
import { CourseServiceService } from './course-service.service.js';
import { ScorecardService } from './scorecard.service.js';
import { CourseQualityResolver } from './course-quality.resolver.js';
import { CourseQualityRepository } from './course-quality.repository.js';
import { CourseQualityService } from './course-quality.service.js';
import { COURSE_QUALITY_METRICS } from './course-quality.metrics.js';
import { InterventionsRepository } from './interventions.repository.js';
import { InterventionsService } from './interventions.service.js';
import { InterventionsResolver } from './interventions.resolver.js';
import { ClubService } from './club.service.js';
import { INTERVENTION_METRICS } from './interventions.metrics.js';

@Module({
  imports: [OrganizationModule, CommerceModule, SopModule, AuditModule, LeadEventsModule, MetricsModule],
  providers: [
    CourseServiceRepository,
    InterventionsRepository,
    CourseQualityRepository,
    CourseServiceService,
    ScorecardService,
    CourseServiceResolver,
    ScorecardResolver,
    CourseQualityService,
    CourseQualityResolver,
    InterventionsService,
    InterventionsResolver,
    ClubService,
  ],
  exports: [CourseServiceService],
})
export class CourseServiceModule implements OnModuleInit {
  constructor(
    private readonly cs: CourseServiceService,
    private readonly orderEvents: OrderEvents,
    private readonly catalog: MetricCatalog,
    private readonly interventions: InterventionsService,
    private readonly cohorts: CohortService,
  ) {}

  onModuleInit(): void {
    // A student enrolled in a class cohort is served by their curator (the cohort's lead steps).
    this.cohorts.serveStudentsBy(courseServiceSql.activeCurator);
    this.orderEvents.onPaid((ctx, e) => this.cs.onOrderPaid(ctx, e));
    this.orderEvents.onRefunded((ctx, e) => this.cs.onOrderRefunded(ctx, e));
    for (const def of COURSE_SERVICE_METRICS) this.catalog.register(def);
    for (const def of COURSE_QUALITY_METRICS) this.catalog.register(def);
    this.orderEvents.onRefunded((ctx, e) => this.interventions.onOrderRefunded(ctx, e));
    for (const def of INTERVENTION_METRICS) this.catalog.register(def);
  }
}
