import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { LoginThrottle } from '../auth/entities/login-throttle.entity.js';
import { JobScheduler } from './job-scheduler.js';

@Global()
@Module({ providers: [JobScheduler], exports: [JobScheduler] })
export class JobsModule implements OnModuleInit {
  constructor(private readonly jobs: JobScheduler) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'purge-login-throttle',
      intervalMs: 60 * 60 * 1000,
      run: async (m, now) => {
        const res = await m.delete(LoginThrottle, { windowStart: LessThan(new Date(now.getTime() - 24 * 3600_000)) });
        return res.affected ?? 0;
      },
    });
  }
}
