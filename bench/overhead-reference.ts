/**
 * The reference side of bench/overhead (issue 21 item 6): a bare Apollo Server 5 answering
 * `me { id name role }` and `__typename` with the same per-request work as the project's `me`, and
 * nothing else (no Nest, no guards, pipes, limits plugins, rate limit or logging).
 *
 * "The same work" is the project's own code, not a copy: the context function calls
 * AuthService.contextFromToken (JWT verify with the same KeyObject secret and HS256, its cache of
 * verified tokens, the PrincipalCache and PeopleRepository.principal on a miss) and the resolver
 * calls AuthService.me (PeopleRepository.findUser through TypeORM), over the same database, the same
 * entities and the same pool options (buildDataSourceOptions). AuthService is constructed by hand
 * with only the collaborators those two methods use; the others (login, API keys, audit) are
 * never reached here.
 *
 * HTTP integration (argv[2], printed at start): `standalone` (default; @apollo/server/standalone:
 * node:http + cors + body-parser, the cheapest one Apollo ships) or `express5`
 * (@as-integrations/express5 on an Express 5 app with express.json(), the family the project's
 * Nest Express adapter belongs to). Environment: DATABASE_URL, JWT_SECRET, PORT, HOST.
 */
import 'reflect-metadata';
import { createSecretKey } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AuthService } from '../src/auth/auth.service.js';
import { unauthenticated } from '../src/common/errors.js';
import type { RequestContext } from '../src/common/request-context.js';
import { loadConfig } from '../src/config/config.js';
import { buildDataSourceOptions } from '../src/database/data-source.js';
import { ENTITIES } from '../src/database/entities.js';
import { Db } from '../src/database/transaction.js';
import { PeopleRepository, PrincipalCache } from '../src/organization/index.js';

const typeDefs = `#graphql
  enum Role { ADMIN MANAGER LEAD MEMBER }
  type User { id: ID! name: String! role: Role! }
  type Query { me: User! }
`;

interface ExpressApp {
  disable(setting: string): void;
  set(setting: string, value: unknown): void;
  use(path: string, ...handlers: unknown[]): void;
}
type ExpressFactory = (() => ExpressApp) & { json(options: { limit: string }): unknown };

interface Context {
  ctx: RequestContext | null;
}

async function main(): Promise<void> {
  const integration = process.argv[2] ?? 'standalone';
  if (integration !== 'standalone' && integration !== 'express5') throw new Error(`unknown integration ${integration} (standalone or express5)`);
  const config = loadConfig(process.env);
  const { options } = await buildDataSourceOptions(config, ENTITIES);
  const dataSource = new DataSource({ ...options, logging: false, logger: undefined });
  await dataSource.initialize();
  const key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  const jwt = new JwtService({ secretOrKeyProvider: () => key, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } });
  const none = null as never;
  // Only contextFromToken and me are called: they use config, people, jwt and principals.
  const auth = new AuthService(config, none, new PeopleRepository(new Db(dataSource)), jwt, none, none, none, new PrincipalCache(), none);

  const server = new ApolloServer<Context>({
    typeDefs,
    resolvers: {
      Query: {
        me: (_: unknown, __: unknown, { ctx }: Context) => {
          if (!ctx) throw unauthenticated('Authentication required: send "Authorization: Bearer <token>" from the login mutation.');
          return auth.me(ctx);
        },
      },
    },
    includeStacktraceInErrorResponses: false,
  });
  const context = async ({ req }: { req: http.IncomingMessage }): Promise<Context> => {
    const header = req.headers.authorization;
    return { ctx: header?.toLowerCase().startsWith('bearer ') ? await auth.contextFromToken(header.slice(7).trim()) : null };
  };
  const port = Number(process.env.PORT ?? 4000);
  const host = process.env.HOST ?? '127.0.0.1';
  if (integration === 'standalone') {
    const { url } = await startStandaloneServer(server, { listen: { port, host }, context });
    console.log(`reference ready: Apollo Server 5 standalone (node:http + body-parser) at ${url}`);
  } else {
    // express is @nestjs/platform-express's own dependency (Express 5), untyped here.
    const express = (await import('express' as string)).default as ExpressFactory;
    const { expressMiddleware } = await import('@as-integrations/express5');
    await server.start();
    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);
    app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(server, { context: ({ req }) => context({ req }) }));
    await new Promise<void>((resolve) => http.createServer(app as unknown as http.RequestListener).listen(port, host, resolve));
    console.log(`reference ready: Apollo Server 5 + @as-integrations/express5 at http://${host}:${port}/graphql`);
  }
  const stop = () => void server.stop().finally(() => dataSource.destroy().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  process.stderr.write(`reference failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
