import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, PinoNestLogger } from '../../src/common/logger.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { DomainModule } from '../../src/domain.module.js';
import { JobScheduler } from '../../src/jobs/job-scheduler.js';

/**
 * The worker: runs scheduled jobs (missed SOP steps, period closing, ...) as its own process.
 * Several workers can run at once; each unit of a job (one organization, one leaderboard
 * definition) runs in its own transaction under an advisory lock on (job, unit).
 * With the embedded database the API runs the same jobs in-process (RUN_JOBS=true).
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel, 'squadops-worker');
  const app = await NestFactory.createApplicationContext(DomainModule.forRoot(config, log), { logger: new PinoNestLogger(log) });
  const scheduler = app.get(JobScheduler);
  await scheduler.start();
  log.info({ jobs: scheduler.list().map((j) => j.name) }, 'worker started');
  const stop = async (signal: string) => {
    log.info({ signal }, 'worker stopping');
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`Worker failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
