import { Module } from '@nestjs/common';
import { LeadEventsModule } from './lead-events.module.js';
import { AuditModule } from '../audit/index.js';
import { OrganizationModule } from '../organization/index.js';
import { LeadsResolver } from './leads.resolver.js';
import { LeadsService } from './leads.service.js';

/** Leads: queries, stage changes and owner changes (routing lives in the intake context). */
@Module({
  imports: [OrganizationModule, AuditModule, LeadEventsModule],
  providers: [LeadsService, LeadsResolver],
  exports: [LeadsService],
})
export class LeadsModule {}
