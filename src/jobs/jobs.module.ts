import { Module, type OnModuleInit } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import { LessThan } from 'typeorm';
import { LoginThrottle } from '../auth/index.js';
import { JobRun } from './entities/job-run.entity.js';
import { JobScheduler } from './job-scheduler.js';

/** The scope of jobs that are not split by organization. */
export const GLOBAL_SCOPE = 'global';
/** How long `job_run` rows are kept. */
export const JOB_RUN_RETENTION_MS = 30 * 86400_000;

@Module({ providers: [JobScheduler], exports: [JobScheduler] })
export class JobsModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'purge-login-throttle',
      intervalMs: 60 * 60 * 1000,
      scopes: async () => [GLOBAL_SCOPE],
      run: async (_scope, now) => {
        const res = await this.db.manager.delete(LoginThrottle, { windowStart: LessThan(new Date(now.getTime() - 24 * 3600_000)) });
        return res.affected ?? 0;
      },
    });
    this.jobs.register({
      name: 'purge-job-runs',
      intervalMs: 24 * 60 * 60 * 1000,
      scopes: async () => [GLOBAL_SCOPE],
      run: async (_scope, now) => {
        const res = await this.db.manager.delete(JobRun, { finishedAt: LessThan(new Date(now.getTime() - JOB_RUN_RETENTION_MS)) });
        return res.affected ?? 0;
      },
    });
  }
}
