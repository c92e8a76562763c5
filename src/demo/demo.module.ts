import { Module } from '@nestjs/common';
import { LeadEventsModule } from '../leads/lead-events.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { CommerceModule } from '../commerce/commerce.module.js';
import { CourseServiceModule } from '../course-service/course-service.module.js';
import { IntakeModule } from '../intake/intake.module.js';
import { RankingsModule } from '../rankings/rankings.module.js';
import { SopModule } from '../sop/sop.module.js';
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
