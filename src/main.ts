import 'reflect-metadata';
import { createLogger } from './common/logger.js';
import { ConfigError, loadConfig } from './config/config.js';
import { createApp } from './bootstrap.js';
import { DemoService } from './demo/demo.service.js';
import { JobScheduler } from './jobs/job-scheduler.js';
import { DEFAULT_WEB_DIR } from './web/web-console.js';

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
  const log = createLogger(config.logLevel);
  log.info({ database: config.database.url ? 'postgresql' : `embedded (${config.database.embeddedDir})`, nodeEnv: config.nodeEnv }, 'starting');
  const app = await createApp(config, log, { webDir: DEFAULT_WEB_DIR });
  await app.init();
  await app.get(DemoService).seedOnBoot();
  if (config.runJobsInProcess) await app.get(JobScheduler).start();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await app.close();
      log.info('stopped cleanly');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  log.info({ console: `${url}/`, url: `${url}/graphql`, health: `${url}/health` }, 'API ready');
}

main().catch((err) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
