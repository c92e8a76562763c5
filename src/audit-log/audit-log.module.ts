import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { OrganizationModule } from '../organization/index.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditResolver } from './audit.resolver.js';

/** Reading the audit log (AuditModule, which writes it, is global and imported by everything). */
@Module({
  imports: [OrganizationModule, AuditModule],
  providers: [AuditLogService, AuditResolver],
})
export class AuditLogModule {}
