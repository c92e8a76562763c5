import { Module, type OnModuleInit } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import { MetricsModule } from '../metrics/index.js';
import { LeadEventsModule } from '../leads/index.js';
import { JobsModule } from '../jobs/index.js';
import { AuditModule } from '../audit/index.js';
import { JobScheduler } from '../jobs/index.js';
import { OrganizationModule } from '../organization/index.js';
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
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: CLOSE_PERIODS_JOB,
      intervalMs: 5 * 60_000,
      // Units: `<organization>:<definition>` per definition with an ended period (its catch-up
      // periods close in order in that unit), and `<organization>:duels` for ended duels.
      scopes: async (now) => [
        ...(await this.rankings.definitionsDue(this.db.manager, now)).map((d) => `${d.organizationId}:${d.definitionId}`),
        ...(await this.duels.organizationsWithEnded(this.db.manager, now)).map((org) => `${org}:${DUELS_SCOPE}`),
      ],
      run: async (scope, now) => {
        const m = this.db.manager;
        const [organizationId, unit] = scope.split(':');
        if (unit === DUELS_SCOPE) return this.duels.closeEnded(m, now, organizationId);
        return this.rankings.closeDuePeriods(m, now, 12, { organizationId, definitionId: unit });
      },
    });
  }
}
