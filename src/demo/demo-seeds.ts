import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/index.js';
import { CommerceService } from '../commerce/index.js';
import { CourseServiceService } from '../course-service/index.js';
import { IntakeService } from '../intake/index.js';
import { LeadEvents } from '../leads/index.js';
import { LeadStageService } from '../leads/index.js';
import { CoachingService } from '../rankings/index.js';
import { DuelsService } from '../rankings/index.js';
import { LeaderboardDefinitionsService, PeriodClosingService } from '../rankings/index.js';
import { CohortService } from '../sop/index.js';
import type { DemoContributor } from './demo.service.js';
import { commerceDemo } from './seeds/commerce.seed.js';
import { courseServiceClassDemo } from './seeds/course-class.seed.js';
import { courseServiceDemo } from './seeds/course-service.seed.js';
import { experimentsDemo } from './seeds/experiments.seed.js';
import { seedIntakeDemo } from './seeds/intake.seed.js';
import { interventionsDemo } from './seeds/interventions.seed.js';
import { lifecycleDemo } from './seeds/lifecycle.seed.js';
import { personasDemo } from './seeds/personas.seed.js';
import { rankingsDemo } from './seeds/rankings.seed.js';
import { campaignSpendDemo, reportsDemo } from './seeds/reports.seed.js';
import { revenueDemo } from './seeds/revenue.seed.js';
import { seedSopDemo } from './seeds/sop.seed.js';

/**
 * The demo's seeds in the order they run, each building on what the earlier ones made (the
 * personas before the surveys that name them, products before orders, the SOP camp before the
 * course-service classes, every order before the boards are closed). To add demo data: a
 * `seeds/<name>.seed.ts` returning a DemoContributor, and one line here at its place.
 */
@Injectable()
export class DemoSeeds {
  constructor(
    private readonly intake: IntakeService,
    private readonly stages: LeadStageService,
    private readonly commerce: CommerceService,
    private readonly cohorts: CohortService,
    private readonly audit: AuditService,
    private readonly courseService: CourseServiceService,
    private readonly definitions: LeaderboardDefinitionsService,
    private readonly closing: PeriodClosingService,
    private readonly duels: DuelsService,
    private readonly coaching: CoachingService,
    private readonly leadEvents: LeadEvents,
  ) {}

  list(): DemoContributor[] {
    return [
      personasDemo(),
      { name: 'intake', seed: (demo, db) => seedIntakeDemo(demo, db, this.intake, this.stages) },
      commerceDemo(this.commerce),
      campaignSpendDemo(),
      { name: 'sop', seed: (demo, db) => seedSopDemo(demo, db, this.cohorts, this.audit) },
      courseServiceDemo(this.courseService),
      courseServiceClassDemo(this.cohorts),
      reportsDemo(),
      interventionsDemo(),
      rankingsDemo({
        definitions: this.definitions,
        closing: this.closing,
        duels: this.duels,
        coaching: this.coaching,
        commerce: this.commerce,
        leadEvents: this.leadEvents,
      }),
      experimentsDemo(),
      revenueDemo(this.commerce, this.leadEvents),
      lifecycleDemo(this.commerce),
    ];
  }
}
