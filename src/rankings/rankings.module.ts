import { Module, type OnModuleInit } from '@nestjs/common';
import { MetricsModule } from '../metrics/index.js';
import { LeadEventsModule } from '../leads/index.js';
import { JobsModule } from '../jobs/index.js';
import { AuditModule } from '../audit/index.js';
import { JobScheduler } from '../jobs/index.js';
import { OrganizationModule } from '../organization/index.js';
import { ClosingRepository } from './closing.repository.js';
import { CoachingRepository } from './coaching.repository.js';
import { CoachingService } from './coaching.service.js';
import { DuelsRepository } from './duels.repository.js';
import { DuelsService } from './duels.service.js';
import { LeaderboardDefinitionsService } from './leaderboard-definitions.service.js';
import { LeaderboardRepository } from './leaderboard.repository.js';
import { PeriodClosingService } from './period-closing.service.js';
import { RankingsLiveService } from './rankings-live.service.js';
import { LeaderboardFieldsResolver, RankingsResolver } from './rankings.resolver.js';
import { StandingsRepository } from './standings.repository.js';
import { StandingsService } from './standings.service.js';

/** Every 5 minutes the worker closes ended periods and duels (each organization's time zone). */
export const CLOSE_PERIODS_JOB = 'rankings-close-periods';
const DUELS_SCOPE = 'duels';

@Module({
  imports: [OrganizationModule, AuditModule, JobsModule, LeadEventsModule, MetricsModule],
  providers: [
    LeaderboardRepository,
    StandingsRepository,
    ClosingRepository,
    CoachingRepository,
    DuelsRepository,
    LeaderboardDefinitionsService,
    StandingsService,
    PeriodClosingService,
    CoachingService,
    DuelsService,
    RankingsLiveService,
    RankingsResolver,
    LeaderboardFieldsResolver,
  ],
  exports: [LeaderboardDefinitionsService, StandingsService, PeriodClosingService, DuelsService, CoachingService],
})
export class RankingsModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly closing: PeriodClosingService,
    private readonly duels: DuelsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: CLOSE_PERIODS_JOB,
      intervalMs: 5 * 60_000,
      // Units: `<organization>:<definition>` per definition with an ended period (its catch-up
      // periods close in order in that unit), and `<organization>:duels` for ended duels.
      scopes: async (now) => [
        ...(await this.closing.definitionsDue(now)).map((d) => `${d.organizationId}:${d.definitionId}`),
        ...(await this.duels.organizationsWithEnded(now)).map((org) => `${org}:${DUELS_SCOPE}`),
      ],
      run: async (scope, now) => {
        const [organizationId, unit] = scope.split(':');
        if (unit === DUELS_SCOPE) return this.duels.closeEnded(now, organizationId);
        return this.closing.closeDuePeriods(now, 12, { organizationId, definitionId: unit });
      },
    });
  }
}
