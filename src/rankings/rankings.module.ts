import { Module, type OnModuleInit } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module.js';
import { LeadEventsModule } from '../leads/lead-events.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { JobScheduler } from '../jobs/job-scheduler.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { CoachingService } from './coaching.service.js';
import { DuelsService } from './duels.service.js';
import { RankingsLiveService } from './rankings-live.service.js';
import { RankingsResolver } from './rankings.resolver.js';
import { RankingsService } from './rankings.service.js';

/** Every 5 minutes the worker closes ended periods and duels (each organization's time zone). */
export const CLOSE_PERIODS_JOB = 'rankings-close-periods';
const DUELS_SCOPE = 'duels';

@Module({
  imports: [OrganizationModule, AuditModule, JobsModule, LeadEventsModule, MetricsModule],
  providers: [RankingsService, CoachingService, DuelsService, RankingsLiveService, RankingsResolver],
  exports: [RankingsService, DuelsService, CoachingService],
})
export class RankingsModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly rankings: RankingsService,
    private readonly duels: DuelsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: CLOSE_PERIODS_JOB,
      intervalMs: 5 * 60_000,
      // Units: `<organization>:<definition>` per definition with an ended period (its catch-up
      // periods close in order in that unit), and `<organization>:duels` for ended duels.
      scopes: async (m, now) => [
        ...(await this.rankings.definitionsDue(m, now)).map((d) => `${d.organizationId}:${d.definitionId}`),
        ...(await this.duels.organizationsWithEnded(m, now)).map((org) => `${org}:${DUELS_SCOPE}`),
      ],
      run: async (m, scope, now) => {
        const [organizationId, unit] = scope.split(':');
        if (unit === DUELS_SCOPE) return this.duels.closeEnded(m, now, organizationId);
        return this.rankings.closeDuePeriods(m, now, 12, { organizationId, definitionId: unit });
      },
    });
  }
}
