import { Global, Module } from '@nestjs/common';
import { LeadEvents } from './lead-events.js';
import { LeadStageService } from './lead-stage.js';

/** Global so any context can subscribe without importing the leads module (no cycles). */
@Global()
@Module({ providers: [LeadEvents, LeadStageService], exports: [LeadEvents, LeadStageService] })
export class LeadEventsModule {}
