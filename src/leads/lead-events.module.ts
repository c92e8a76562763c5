import { Global, Module } from '@nestjs/common';
import { LeadEvents } from './lead-events.js';

/** Global so any context can subscribe without importing the leads module (no cycles). */
@Global()
@Module({ providers: [LeadEvents], exports: [LeadEvents] })
export class LeadEventsModule {}
