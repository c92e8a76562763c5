import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { LeadEvents } from './lead-events.js';
import { LeadStageService } from './lead-stage.js';
import { LeadsRepository } from './leads.repository.js';

/** Global so any context can subscribe without importing the leads module (no cycles). */
@Module({ imports: [AuditModule], providers: [LeadEvents, LeadStageService, LeadsRepository], exports: [LeadEvents, LeadStageService, LeadsRepository] })
export class LeadEventsModule {}
