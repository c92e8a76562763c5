import { Module } from '@nestjs/common';
import { LeadEventsModule } from '../leads/index.js';
import { AuditModule } from '../audit/index.js';
import { LeadsModule } from '../leads/index.js';
import { OrganizationModule } from '../organization/index.js';
import { PersonasModule } from '../personas/index.js';
import { ImportController } from './import.controller.js';
import { ImportService } from './import.service.js';
import { IntakeResolver, LeadSubmissionResolver } from './intake.resolver.js';
import { IntakeRepository } from './intake.repository.js';
import { IntakeService } from './intake.service.js';
import { RoutingResolver } from './routing.resolver.js';
import { RoutingRepository } from './routing.repository.js';
import { RoutingService } from './routing.service.js';
import { SubmissionsService } from './submissions.service.js';
import { SurveysResolver, SurveyVersionResolver } from './surveys.resolver.js';
import { SurveysRepository } from './surveys.repository.js';
import { SurveysService } from './surveys.service.js';

/** Intake surveys, scoring (@lib/scoring), submissions, routing of leads to reps, CSV import. */
@Module({
  imports: [OrganizationModule, LeadsModule, PersonasModule, AuditModule, LeadEventsModule],
  controllers: [ImportController],
  providers: [
    IntakeRepository,
    SurveysRepository,
    RoutingRepository,
    SurveysService,
    RoutingService,
    IntakeService,
    SubmissionsService,
    ImportService,
    IntakeResolver,
    LeadSubmissionResolver,
    SurveysResolver,
    SurveyVersionResolver,
    RoutingResolver,
  ],
  exports: [SurveysService, RoutingService, IntakeService, ImportService],
})
export class IntakeModule {}
