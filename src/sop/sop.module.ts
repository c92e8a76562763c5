import { CommerceModule, CommerceService } from '../commerce/index.js';
import { MetricCatalog } from '../metrics/index.js';
import { MetricsModule } from '../metrics/index.js';
import { LeadEventsModule } from '../leads/index.js';
import { JobsModule } from '../jobs/index.js';
import { AuditModule } from '../audit/index.js';
import { sopMetrics } from './sop.metrics.js';
import { Module, type OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../jobs/index.js';
import { LeadEvents } from '../leads/index.js';
import { OrganizationModule } from '../organization/index.js';
import { PeopleService } from '../organization/index.js';
import { PersonasModule, PersonasService } from '../personas/index.js';
import { AgendaRenderService } from './agenda-render.service.js';
import { AgendaRepository } from './agenda.repository.js';
import { CohortRepository } from './cohort.repository.js';
import { ComplianceRepository } from './compliance.repository.js';
import { PlaybookRepository } from './playbook.repository.js';
import { SopEntryRepository } from './sop-entry.repository.js';
import { sopSql } from './sop.sql.js';
import { AgendaResolver } from './agenda.resolver.js';
import { AgendaService } from './agenda.service.js';
import { AgendaSettleService } from './agenda-settle.service.js';
import { CohortResolver } from './cohort.resolver.js';
import { CohortService } from './cohort.service.js';
import { CohortTypeResolver } from './cohort-type.resolver.js';
import { CohortTypeService } from './cohort-type.service.js';
import { ComplianceService } from './compliance.service.js';
import { PlaybookResolver, PlaybookVersionResolver } from './playbook.resolver.js';
import { PlaybookService } from './playbook.service.js';
import { SopLoaders } from './sop.loaders.js';
import { SopEntryResolver } from './sop-entry.resolver.js';
import { SopEntryService } from './sop-entry.service.js';

/** Every minute: PENDING items past their window become MISSED. */
export const MARK_MISSED_JOB = 'sop-mark-missed';

/** SOP playbooks (versions, steps, scripts, objections), cohorts, the reps' agenda and compliance. */
@Module({
  imports: [OrganizationModule, PersonasModule, AuditModule, JobsModule, LeadEventsModule, MetricsModule, CommerceModule],
  providers: [
    PlaybookRepository,
    CohortRepository,
    AgendaRepository,
    ComplianceRepository,
    SopEntryRepository,
    PlaybookService,
    CohortService,
    CohortTypeService,
    CohortTypeResolver,
    AgendaService,
    AgendaSettleService,
    ComplianceService,
    SopLoaders,
    PlaybookResolver,
    PlaybookVersionResolver,
    CohortResolver,
    AgendaResolver,
    SopEntryService,
    SopEntryResolver,
    AgendaRenderService,
  ],
  exports: [PlaybookService, CohortService, SopEntryService, CohortTypeService, AgendaService, AgendaSettleService, ComplianceService],
})
export class SopModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly events: LeadEvents,
    private readonly cohorts: CohortService,
    private readonly agenda: AgendaService,
    private readonly catalog: MetricCatalog,
    private readonly compliance: ComplianceService,
    private readonly settle: AgendaSettleService,
    private readonly people: PeopleService,
    private readonly entries: SopEntryService,
    private readonly complianceRepo: ComplianceRepository,
    private readonly personas: PersonasService,
    private readonly commerce: CommerceService,
    private readonly cohortRepo: CohortRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: MARK_MISSED_JOB,
      intervalMs: 60_000,
      scopes: (now) => this.agenda.organizationsWithMissed(now),
      run: (organizationId, now) => this.agenda.markMissed(now, organizationId),
    });
    this.events.onAssigned((ctx, events) => this.cohorts.onLeadsAssigned(ctx, events));
    // After the items followed the lead: a lead new to a squad joins the squad's entry playbook.
    this.events.onAssigned((ctx, events) => this.entries.onLeadsAssigned(ctx, events));
    this.events.onStageChanged((ctx, event) => this.settle.onStageChanged(ctx, event));
    this.people.onDeactivate((ctx, user) => this.settle.onRepDeactivated(ctx, user.id, new Date()));
    for (const def of sopMetrics(this.compliance, this.complianceRepo)) this.catalog.register(def);
    // Deleting a persona checks where live playbooks and surveys name it.
    this.personas.registerUsage(sopSql.personaUsage());
    this.personas.registerUsage(sopSql.surveyPersonaUsage());
    // Acquisition spend may be attributed to a cohort: commerce checks it through sop.
    this.commerce.useCohortLookup(async (organizationId, id) => (await this.cohortRepo.cohort(organizationId, id)) !== null);
  }
}
