import { Module, type OnModuleInit } from '@nestjs/common';
import { AuthModule, AuthRepository } from '../auth/index.js';
import { OrganizationModule } from '../organization/index.js';
import { JobScheduler } from './job-scheduler.js';
import { JobsRepository } from './jobs.repository.js';

/** The scope of jobs that are not split by organization. */
export const GLOBAL_SCOPE = 'global';
/** How long `job_run` rows are kept. */
export const JOB_RUN_RETENTION_MS = 30 * 86400_000;

@Module({ imports: [OrganizationModule, AuthModule], providers: [JobsRepository, JobScheduler], exports: [JobScheduler] })
export class JobsModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly runs: JobsRepository,
    private readonly auth: AuthRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'purge-login-throttle',
      intervalMs: 60 * 60 * 1000,
      scopes: async () => [GLOBAL_SCOPE],
      run: (_scope, now) => this.auth.purgeThrottles(new Date(now.getTime() - 24 * 3600_000)),
    });
    this.jobs.register({
      name: 'purge-job-runs',
      intervalMs: 24 * 60 * 60 * 1000,
      scopes: async () => [GLOBAL_SCOPE],
      run: (_scope, now) => this.runs.purgeRuns(new Date(now.getTime() - JOB_RUN_RETENTION_MS)),
    });
  }
}
