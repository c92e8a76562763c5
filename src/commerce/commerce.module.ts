import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module.js';
import { LeadEventsModule } from '../leads/lead-events.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { OrderEvents } from './order-events.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { CommerceResolver } from './commerce.resolver.js';
import { CommerceService } from './commerce.service.js';

@Module({
  imports: [OrganizationModule, AuditModule, LeadEventsModule, MetricsModule],
  providers: [CommerceService, CommerceResolver, OrderEvents],
  exports: [CommerceService, OrderEvents],
})
export class CommerceModule {}
