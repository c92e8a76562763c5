import { Module } from '@nestjs/common';
import { LeadEventsModule } from '../leads/index.js';
import { AuditModule } from '../audit/index.js';
import { CommerceModule } from '../commerce/index.js';
import { CourseServiceModule } from '../course-service/index.js';
import { IntakeModule } from '../intake/index.js';
import { RankingsModule } from '../rankings/index.js';
import { SopModule } from '../sop/index.js';
import { DemoSeeds } from './demo-seeds.js';
import { DemoService } from './demo.service.js';

/**
 * The demo organization. It depends on the contexts whose services its seeds call; no domain
 * module depends on it (the seeds live here, in seeds/, in the order of demo-seeds.ts).
 */
@Module({
  imports: [CommerceModule, CourseServiceModule, IntakeModule, RankingsModule, SopModule, AuditModule, LeadEventsModule],
  providers: [DemoSeeds, DemoService],
  exports: [DemoService],
})
export class DemoModule {}
