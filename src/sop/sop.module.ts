import { MetricCatalog } from '../metrics/index.js';
import { Db } from '../database/transaction.js';
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
import { PersonasModule } from '../personas/index.js';
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
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: MARK_MISSED_JOB,
      intervalMs: 60_000,
      scopes: (now) => this.agenda.organizationsWithMissed(this.db.manager, now),
      run: (organizationId, now) => this.agenda.markMissed(this.db.manager, now, organizationId),
    });
    this.events.onAssigned((ctx, events) => this.cohorts.onLeadsAssigned(this.db.manager, ctx, events));
    // After the items followed the lead: a lead new to a squad joins the squad's entry playbook.
    this.events.onAssigned((ctx, events) => this.entries.onLeadsAssigned(this.db.manager, ctx, events));
    this.events.onStageChanged((ctx, event) => this.settle.onStageChanged(this.db.manager, ctx, event));
    this.people.onDeactivate((ctx, user) => this.settle.onRepDeactivated(this.db.manager, ctx, user.id, new Date()));
    for (const def of sopMetrics(this.compliance)) this.catalog.register(def);
  }
}
