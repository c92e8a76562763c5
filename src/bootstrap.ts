import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { PinoNestLogger } from './common/logger.js';
import type { AppConfig } from './config/config.js';
import { AppModule } from './app.module.js';

/** Builds the API application (used by main.ts and by the e2e tests). */
export async function createApp(config: AppConfig, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  app.useBodyParser('json', { limit: config.limits.bodyBytes });
  app.useBodyParser('urlencoded', { limit: config.limits.bodyBytes, extended: false });
  app.useBodyParser('text', { limit: config.limits.bodyBytes, type: ['text/csv', 'text/plain'] });
  app.disable('x-powered-by');
  // Responses are GraphQL POST results: an ETag (a SHA-1 of every body) is never used by a client.
  app.set('etag', false);
  // req.ip (the login throttle's client address) honours X-Forwarded-For only from trusted proxies.
  app.set('trust proxy', config.auth.trustProxy);
  return app;
}
