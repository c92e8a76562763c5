import { Module } from '@nestjs/common';
import { OrderEvents } from './order-events.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { CommerceResolver } from './commerce.resolver.js';
import { CommerceService } from './commerce.service.js';

@Module({
  imports: [OrganizationModule],
  providers: [CommerceService, CommerceResolver, OrderEvents],
  exports: [CommerceService, OrderEvents],
})
export class CommerceModule {}
