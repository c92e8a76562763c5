import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import { createLogger } from '../../src/common/logger.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { createApp } from '../../src/bootstrap.js';
import { DATABASE } from '../../src/database/database.module.js';
import { openDatabase, type OpenedDatabase } from '../../src/database/data-source.js';
import { ENTITIES } from '../../src/database/entities.js';
import { PrincipalCache } from '../../src/organization/principal-cache.js';
import { MIGRATIONS } from '../../migrations/index.js';

/**
 * Each e2e file gets a clean database: a fresh in-memory PGlite by default, or, with
 * TEST_DATABASE_URL, a database cloned from a migrated template on that server.
 */
export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  db: OpenedDatabase;
  /** POST /graphql; returns the parsed body ({ data, errors }). */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, auth?: string | { apiKey: string }): Promise<GqlResult<T>>;
  http(): ReturnType<typeof request>;
  login(email: string, password: string): Promise<string>;
  /**
   * SQL statements `run` sends. The session cache is emptied first, so every request counted
   * includes its one session lookup and counts do not depend on timing.
   */
  countStatements(run: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

export interface GqlResult<T> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; fields?: { field: string; message: string }[]; [k: string]: unknown } }[];
  status: number;
}

const ADMIN_URL = process.env.TEST_DATABASE_URL || null;

function templateName(): string {
  const hash = createHash('sha256')
    .update(MIGRATIONS.map((m) => m.name).join(','))
    .digest('hex')
    .slice(0, 12);
  return `squadops_tmpl_${hash}`;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function cloneServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL! });
  await admin.connect();
  const tmpl = templateName();
  const name = `squadops_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  try {
    await admin.query('SELECT pg_advisory_lock(8675309)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [tmpl]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${tmpl}"`);
      const config = testConfig(withDatabase(ADMIN_URL!, tmpl));
      const db = await openDatabase(config, ENTITIES);
      await db.dataSource.destroy();
    }
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${tmpl}"`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock(8675309)').catch(() => undefined);
    await admin.end();
  }
  return {
    url: withDatabase(ADMIN_URL!, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL! });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export function testConfig(databaseUrl: string | null, overrides: Partial<AppConfig> = {}): AppConfig {
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATA_DIR: '/tmp/squadops-test-unused',
      SEED_DEMO: 'false',
      RUN_JOBS: 'false',
      // Limits no suite reaches (every request still passes the limiter); test/rate-limit.e2e-spec.ts sets low ones.
      RATE_LIMIT_API_KEY_PER_MINUTE: '100000000',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000',
    },
    { jwtSecret: 'test-secret-test-secret-test-secret-0123456789', ...overrides },
  );
  config.database = { url: databaseUrl, embeddedDir: 'memory://' };
  return config;
}

export interface StartOptions {
  /**
   * Opens this server database instead of cloning a fresh one (e.g. a second app, as another
   * replica, on the first app's `config.database.url`); it is not dropped on close.
   */
  databaseUrl?: string;
  /**
   * On a PostgreSQL server, open a second app on the database of an app already started (two
   * processes on one database); the first app's `close` drops it. The embedded PGlite cannot be
   * shared, so there it is refused.
   */
  shareDatabaseOf?: TestApp;
}

export async function startTestApp(overrides: Partial<AppConfig> = {}, opts: StartOptions = {}): Promise<TestApp> {
  if (opts.shareDatabaseOf && !opts.shareDatabaseOf.config.database.url) throw new Error('shareDatabaseOf needs a PostgreSQL server (TEST_DATABASE_URL)');
  const shared = opts.databaseUrl ?? opts.shareDatabaseOf?.config.database.url ?? null;
  const server = shared ? null : ADMIN_URL ? await cloneServerDatabase() : null;
  const config = testConfig(shared ?? server?.url ?? null, overrides);
  const log = createLogger(config.logLevel);
  const app = await createApp(config, log);
  await app.init();
  const db = app.get<OpenedDatabase>(DATABASE);
  const http = () => request(app.getHttpServer());

  const gql = async <T>(query: string, variables?: Record<string, unknown>, auth?: string | { apiKey: string }): Promise<GqlResult<T>> => {
    let req = http().post('/graphql').set('Content-Type', 'application/json');
    if (typeof auth === 'string') req = req.set('Authorization', `Bearer ${auth}`);
    else if (auth) req = req.set('X-Api-Key', auth.apiKey);
    const res = await req.send({ query, variables });
    return { ...(res.body as object), status: res.status } as GqlResult<T>;
  };

  const login = async (email: string, password: string): Promise<string> => {
    const res = await gql<{ login: { accessToken: string } }>('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ accessToken } }', {
      e: email,
      p: password,
    });
    if (!res.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(res.errors)}`);
    return res.data.login.accessToken;
  };

  return {
    app,
    config,
    db,
    gql,
    http,
    login,
    countStatements: async (run) => {
      app.get(PrincipalCache).clear();
      db.queryCounter.reset();
      await run();
      return db.queryCounter.count;
    },
    close: async () => {
      await app.close();
      await server?.drop();
    },
  };
}

/** Asserts a GraphQL error with the given code and returns it. */
export function expectError<T>(res: GqlResult<T>, code: string) {
  const err = res.errors?.[0];
  if (!err || err.extensions?.code !== code) {
    throw new Error(`expected error ${code}, got ${JSON.stringify(res.errors ?? res.data)}`);
  }
  return err;
}

export function expectData<T>(res: GqlResult<T>): T {
  if (res.errors?.length || !res.data) throw new Error(`expected data, got ${JSON.stringify(res.errors)}`);
  return res.data;
}
