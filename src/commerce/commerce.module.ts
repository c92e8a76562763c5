import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/index.js';
import { LeadEventsModule } from '../leads/index.js';
import { AuditModule } from '../audit/index.js';
import { OrderEvents } from './order-events.js';
import { OrganizationModule } from '../organization/index.js';
import { CommerceResolver } from './commerce.resolver.js';
import { CommerceService } from './commerce.service.js';
import { CommerceRepository } from './commerce.repository.js';

@Module({
  imports: [OrganizationModule, AuditModule, LeadEventsModule, MetricsModule],
  providers: [CommerceRepository, CommerceService, CommerceResolver, OrderEvents],
  exports: [CommerceService, OrderEvents],
})
export class CommerceModule {}
