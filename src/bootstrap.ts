import type { IncomingMessage, Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { PinoNestLogger } from './common/logger.js';
import type { AppConfig } from './config/config.js';
import { AppModule } from './app.module.js';
import { AuthService } from './auth/auth.service.js';
import { installGraphqlLane, laneErrorMiddleware, type LaneTarget } from './common/graphql/http-lane.js';
import { isCsvContentType, STREAMED_BODY_PATH } from './intake/import.controller.js';
import { rateLimitMiddleware } from './rate-limit/rate-limit.middleware.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';
import { serveWebConsole } from './web/web-console.js';

export interface CreateAppOptions {
  /** Serve the built web console from this folder at `/` (main.ts: dist/web). Off by default (tests, CLI). */
  webDir?: string;
}

/** Builds the API application (used by main.ts and by the e2e tests). */
export async function createApp(config: AppConfig, logger: Logger, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  // A request the GraphQL lane (below) hands back with an error goes straight to the error handlers.
  app.use(laneErrorMiddleware);
  // The web console's static files and client routes, before the rate limit (no SQL, no credentials).
  if (options.webDir) serveWebConsole(app, options.webDir, logger);
  // Request-rate limits of API keys and anonymous callers, before the body is parsed and before any SQL.
  const limiter = app.get(RateLimiter);
  if (limiter.enabled) app.use(rateLimitMiddleware(limiter, app.get(AuthService), logger));
  app.useBodyParser('json', { limit: config.limits.bodyBytes });
  app.useBodyParser('urlencoded', { limit: config.limits.bodyBytes, extended: false });
  // The CSV import reads its (large) body as a stream itself (src/intake/import.controller.ts).
  app.useBodyParser('text', {
    limit: config.limits.bodyBytes,
    type: (req: IncomingMessage) => (req.url ?? '').split('?')[0] !== STREAMED_BODY_PATH && isCsvContentType(req.headers['content-type']),
  });
  app.disable('x-powered-by');
  // Responses are GraphQL POST results: an ETag (a SHA-1 of every body) is never used by a client.
  app.set('etag', false);
  // req.ip (the login throttle's client address) honours X-Forwarded-For only from trusted proxies.
  app.set('trust proxy', config.auth.trustProxy);
  // Signed-in clients' POST /graphql with a JSON body skip Express's router and middlewares (src/common/graphql/http-lane.ts).
  const express = app.getHttpAdapter().getInstance() as Parameters<typeof installGraphqlLane>[0]['express'];
  const httpServer = app.getHttpServer() as Server;
  if (httpServer.listeners('request').includes(express)) {
    installGraphqlLane({
      httpServer,
      express,
      path: '/graphql',
      bodyLimit: config.limits.bodyBytes,
      tokens: app.get(AuthService),
      target: () => {
        // Set once GraphQLModule has started Apollo (app.init()): the server and the context function it was given.
        const gql = app.get(GraphQLModule, { strict: false }) as unknown as {
          graphQlAdapter?: { instance?: LaneTarget['server'] };
          completeOptions?: { context?: LaneTarget['context'] };
        };
        const server = gql.graphQlAdapter?.instance;
        const context = gql.completeOptions?.context;
        return server && context ? { server, context } : null;
      },
    });
  }
  return app;
}
