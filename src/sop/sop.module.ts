import { MetricCatalog } from '../metrics/metric-catalog.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { LeadEventsModule } from '../leads/lead-events.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { sopMetrics } from './sop.metrics.js';
import { Module, type OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../jobs/job-scheduler.js';
import { LeadEvents } from '../leads/lead-events.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PeopleService } from '../organization/people.service.js';
import { PersonasModule } from '../personas/personas.module.js';
import { AgendaRenderService } from './agenda-render.service.js';
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
  imports: [OrganizationModule, PersonasModule, AuditModule, JobsModule, LeadEventsModule, MetricsModule],
  providers: [
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
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: MARK_MISSED_JOB,
      intervalMs: 60_000,
      scopes: (m, now) => this.agenda.organizationsWithMissed(m, now),
      run: (m, organizationId, now) => this.agenda.markMissed(m, now, organizationId),
    });
    this.events.onAssigned((m, ctx, events) => this.cohorts.onLeadsAssigned(m, ctx, events));
    // After the items followed the lead: a lead new to a squad joins the squad's entry playbook.
    this.events.onAssigned((m, ctx, events) => this.entries.onLeadsAssigned(m, ctx, events));
    this.events.onStageChanged((m, ctx, event) => this.settle.onStageChanged(m, ctx, event));
    this.people.onDeactivate((m, ctx, user) => this.settle.onRepDeactivated(m, ctx, user.id, new Date()));
    for (const def of sopMetrics(this.compliance)) this.catalog.register(def);
  }
}
