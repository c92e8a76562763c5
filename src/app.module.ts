import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { Logger } from 'pino';
import { AuthModule } from './auth/auth.module.js';
import { AuthService } from './auth/auth.service.js';
import { SessionWatch } from './auth/session-watch.js';
import { createErrorFormatter, createValidationPipe, httpStatusPlugin } from './common/graphql/errors.js';
import { introspectionPlugin } from './common/graphql/introspection.js';
import { JitApolloDriver } from './common/graphql/jit-driver.js';
import { complexityPlugin, depthLimitRule, rootFieldLimitRule, textLiteralRule } from './common/graphql/limits.js';
import { DateTimeScalar, LongScalar, MoneyScalar, NumberListScalar } from './common/graphql/scalars.js';
import { subscriptionsConfig } from './common/graphql/subscriptions.js';
import { HttpErrorsFilter } from './common/http-errors.filter.js';
import type { AppConfig } from './config/config.js';
import { DomainModule } from './domain.module.js';
import { HealthModule } from './health/health.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';

/** The GraphQL API application. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    const formatError = createErrorFormatter(logger, config.nodeEnv !== 'production');
    return {
      module: AppModule,
      imports: [
        DomainModule.forRoot(config, logger),
        HealthModule,
        RateLimitModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          // GRAPHQL_JIT=false: graphql-js executes every operation (see docs/api.md "Query execution").
          driver: config.graphqlJit ? JitApolloDriver : ApolloDriver,
          imports: [AuthModule],
          inject: [AuthService, SessionWatch],
          useFactory: (auth: AuthService, sessions: SessionWatch) => {
            const ws = subscriptionsConfig(auth, sessions, formatError);
            return {
              path: '/graphql',
              autoSchemaFile: true,
              sortSchema: true,
              buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
              introspection: config.introspection !== 'off',
              // No GraphiQL page (it loads its scripts from a CDN): GET /graphql without a query is a 400 with a short message.
              graphiql: false,
              includeStacktraceInErrorResponses: false,
              // Our httpStatusPlugin decides the status (503 for UNAVAILABLE even with partial data); Nest's own plugin would reset it to 200.
              preserveHttpStatusForExecutionErrors: false,
              context: ws.context,
              subscriptions: { 'graphql-ws': ws.options },
              formatError,
              validationRules: [depthLimitRule(config.limits.queryDepth), rootFieldLimitRule(config.limits.rootFields), textLiteralRule],
              // No cache hints are used; without the cache-control plugin Apollo does not wrap every field resolver (large lists serialise faster).
              plugins: [
                ApolloServerPluginCacheControlDisabled(),
                introspectionPlugin(config.introspection, auth),
                complexityPlugin(config.limits.queryComplexity),
                httpStatusPlugin(),
              ],
            };
          },
        }),
      ],
      providers: [
        LongScalar,
        MoneyScalar,
        NumberListScalar,
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorsFilter },
      ],
    };
  }
}
