import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditModule } from './audit/audit.module.js';
import { AuditLogModule } from './audit-log/audit-log.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CommerceModule } from './commerce/commerce.module.js';
import { CourseServiceModule } from './course-service/course-service.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { PubSubModule } from './common/pubsub.js';
import { DemoModule } from './demo/demo.module.js';
import { ExperimentsModule } from './experiments/experiments.module.js';
import { IntakeModule } from './intake/intake.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LeadEventsModule } from './leads/lead-events.module.js';
import { LeadsModule } from './leads/leads.module.js';
import { OrganizationModule } from './organization/organization.module.js';
import { SopModule } from './sop/sop.module.js';
import { PersonasModule } from './personas/personas.module.js';
import { RankingsModule } from './rankings/rankings.module.js';
import { ReportsModule } from './reports/reports.module.js';

/**
 * Configuration, database and every bounded context, without the HTTP/GraphQL layer: the API
 * (AppModule), the worker and the CLI all build on it.
 */
@Module({})
export class DomainModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: DomainModule,
      imports: [
        ConfigModule.forRoot(config, logger),
        DatabaseModule.forRoot(),
        PubSubModule,
        AuditModule,
        JobsModule,
        LeadEventsModule,
        OrganizationModule,
        AuditLogModule,
        AuthModule,
        MetricsModule,
        CommerceModule,
        CourseServiceModule,
        ExperimentsModule,
        PersonasModule,
        SopModule,
        LeadsModule,
        IntakeModule,
        RankingsModule,
        ReportsModule,
        DemoModule,
      ],
      exports: [
        ConfigModule,
        DatabaseModule,
        PubSubModule,
        AuditModule,
        JobsModule,
        LeadEventsModule,
        OrganizationModule,
        AuthModule,
        DemoModule,
        LeadsModule,
        IntakeModule,
      ],
    };
  }
}
