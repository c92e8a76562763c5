import { Module } from '@nestjs/common';
import { OrganizationModule } from '../organization/organization.module.js';
import { CommerceResolver } from './commerce.resolver.js';
import { CommerceService } from './commerce.service.js';

@Module({
  imports: [OrganizationModule],
  providers: [CommerceService, CommerceResolver],
  exports: [CommerceService],
})
export class CommerceModule {}
