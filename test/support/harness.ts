import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import request from 'supertest';
import { createLogger, PinoNestLogger } from '../../src/common/logger.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { createApp } from '../../src/bootstrap.js';
import { DATABASE } from '../../src/database/database.module.js';
import { openDatabase, type OpenedDatabase } from '../../src/database/data-source.js';
import { ENTITIES } from '../../src/database/entities.js';
import { DomainModule } from '../../src/domain.module.js';
import { PrincipalCache } from '../../src/organization/principal-cache.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { useTestOnlyPasswordHashing } from '../../src/common/password.js';

// The suites create and log in thousands of users: at argon2id's recommended cost that is minutes
// of CPU. Hashes made here are argon2id with the smallest parameters (src/common/password.ts).
useTestOnlyPasswordHashing();

/**
 * Each e2e file gets a clean database: a fresh in-memory PGlite by default (started from a data
 * directory migrated once per test run, see `pgliteSeed`), or, with TEST_DATABASE_URL, a
 * database cloned from a migrated template on that server.
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
/**
 * A streaming replica of TEST_DATABASE_URL's server (e.g. postgres://postgres@127.0.0.1:5433/test):
 * each app then reads its heavy reads (ReadDb) from the same database name there (DATABASE_READ_URL).
 */
const READ_ADMIN_URL = (ADMIN_URL && process.env.TEST_DATABASE_READ_URL) || null;

/**
 * Read-your-writes for tests on a replica: `wait()` returns once the replica has replayed the
 * primary's WAL up to where it is now, so a request sent afterwards sees every earlier commit on
 * the replica, as a request on the primary would. Uses its own connections (not counted in
 * statement counts). A "replica" that is the primary itself (no replay position) needs no wait.
 */
function replicaCatchUp(primaryUrl: string, replicaUrl: string) {
  let clients: Promise<[pg.Client, pg.Client]> | null = null;
  const open = async (url: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return c;
  };
  // Concurrent requests wait one after the other (one statement at a time per pg.Client).
  let queue: Promise<unknown> = Promise.resolve();
  return {
    wait(ms = 10_000): Promise<void> {
      const next = queue.then(() => this.waitNow(ms));
      queue = next.catch(() => undefined);
      return next;
    },
    async waitNow(ms: number): Promise<void> {
      clients ??= Promise.all([open(primaryUrl), open(replicaUrl)]);
      const [primary, replica] = await clients;
      const lsn = (await primary.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn as string;
      for (const until = Date.now() + ms; ;) {
        const r = (await replica.query('SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn() >= $1::pg_lsn AS replayed', [lsn])).rows[0];
        if (!r.standby || r.replayed) return;
        if (Date.now() > until) throw new Error(`the read replica did not replay up to ${lsn} within ${ms} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async close(): Promise<void> {
      if (clients) for (const c of await clients) await c.end().catch(() => undefined);
    },
  };
}

/** Waits until a database created on the primary has reached the replica. */
async function replicaHasDatabase(name: string, ms = 30_000): Promise<void> {
  const c = new pg.Client({ connectionString: READ_ADMIN_URL! });
  await c.connect();
  try {
    for (const until = Date.now() + ms; ;) {
      if ((await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount) return;
      if (Date.now() > until) throw new Error(`database ${name} did not reach the replica ${READ_ADMIN_URL} within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await c.end();
  }
}

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

/** A fresh database on the test server, cloned from the migrated template (or from `from`, a database no one is connected to). */
async function cloneServerDatabase(from?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL! });
  await admin.connect();
  const tmpl = from ?? templateName();
  const name = `squadops_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  try {
    await admin.query('SELECT pg_advisory_lock(8675309)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [tmpl]);
    if (exists.rowCount === 0 && from) throw new Error(`the template database ${from} does not exist`);
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

/**
 * The migrated PGlite data directory of this test run: `test/support/global-setup.mjs` gives the
 * run a scratch folder (SQUADOPS_TEST_RUN_DIR); the first test file that needs a database migrates
 * an empty PGlite and dumps its data directory there, every other file (and every app a file
 * starts) loads that dump into a fresh in-memory PGlite, so each still gets its own database.
 * Parallel workers may race to build it: each writes its own file and renames it into place.
 * Without the folder (jest started without the config's globalSetup) each app migrates itself.
 */
const SEED_PATH = process.env.SQUADOPS_TEST_RUN_DIR && !ADMIN_URL ? join(process.env.SQUADOPS_TEST_RUN_DIR, `pglite-${templateName()}.tar.gz`) : null;
let seedReady: Promise<void> | null = null;

export function pgliteSeed(): Promise<string | null> {
  if (!SEED_PATH) return Promise.resolve(null);
  seedReady ??= (async () => {
    if (existsSync(SEED_PATH)) return;
    const db = await openDatabase(testConfig(null), ENTITIES);
    try {
      const tmp = `${SEED_PATH}.${process.pid}.${randomBytes(3).toString('hex')}`;
      writeFileSync(tmp, await db.embedded!.dump());
      renameSync(tmp, SEED_PATH);
    } finally {
      await db.dataSource.destroy();
      await db.embedded?.close();
    }
  })();
  return seedReady.then(() => SEED_PATH);
}

/**
 * Waits until no statement has run for {@link QUIET_MS} (at most {@link QUIET_MAX_MS}): work a
 * previous request left behind after it answered (after-commit handlers, e.g. lead assignment)
 * must not land in the next request's statement count.
 */
const QUIET_MS = 150;
const QUIET_MAX_MS = 10_000;
async function quiet(db: OpenedDatabase): Promise<void> {
  const until = Date.now() + QUIET_MAX_MS;
  let seen = db.queryCounter.count;
  let still = Date.now();
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    if (db.queryCounter.count !== seen) {
      seen = db.queryCounter.count;
      still = Date.now();
    } else if (Date.now() - still >= QUIET_MS) return;
  }
}

export function testConfig(databaseUrl: string | null, overrides: Partial<AppConfig> = {}, embeddedSeed?: string): AppConfig {
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
  // Apps started before the run's dump exists (and the one building it) migrate from scratch.
  config.database = {
    url: databaseUrl,
    embeddedDir: 'memory://',
    embeddedSeed: databaseUrl ? null : (embeddedSeed ?? (SEED_PATH && existsSync(SEED_PATH) ? SEED_PATH : null)),
  };
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
  /**
   * DATABASE_READ_URL of the app: by default the same database on TEST_DATABASE_READ_URL's server
   * when that is set; null for none; or a function of the app's (server) DATABASE_URL.
   */
  readUrl?: null | ((databaseUrl: string) => string);
  /** Start from this data (the run's demo, see `startDemoTestApp`) instead of the empty migrated database. */
  from?: { embeddedSeed: string } | { serverTemplate: string };
}

export async function startTestApp(overrides: Partial<AppConfig> = {}, opts: StartOptions = {}): Promise<TestApp> {
  if (opts.shareDatabaseOf && !opts.shareDatabaseOf.config.database.url) throw new Error('shareDatabaseOf needs a PostgreSQL server (TEST_DATABASE_URL)');
  const shared = opts.databaseUrl ?? opts.shareDatabaseOf?.config.database.url ?? null;
  const from = opts.from;
  const server = shared ? null : ADMIN_URL ? await cloneServerDatabase(from && 'serverTemplate' in from ? from.serverTemplate : undefined) : null;
  if (!ADMIN_URL) await pgliteSeed();
  const config = testConfig(shared ?? server?.url ?? null, overrides, from && 'embeddedSeed' in from ? from.embeddedSeed : undefined);
  if (opts.readUrl !== undefined) config.database.readUrl = opts.readUrl && config.database.url ? opts.readUrl(config.database.url) : null;
  else if (READ_ADMIN_URL && config.database.url) {
    const name = new URL(config.database.url).pathname.slice(1);
    await replicaHasDatabase(name);
    config.database.readUrl = withDatabase(READ_ADMIN_URL, name);
  }
  const log = createLogger(config.logLevel);
  const app = await createApp(config, log);
  await app.init();
  const db = app.get<OpenedDatabase>(DATABASE);
  const http = () => request(app.getHttpServer());

  const catchUp = config.database.url && config.database.readUrl ? replicaCatchUp(config.database.url, config.database.readUrl) : null;

  const gql = async <T>(query: string, variables?: Record<string, unknown>, auth?: string | { apiKey: string }): Promise<GqlResult<T>> => {
    await catchUp?.wait();
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
      await quiet(db);
      app.get(PrincipalCache).clear();
      db.queryCounter.reset();
      await run();
      return db.queryCounter.count;
    },
    close: async () => {
      await app.close();
      await catchUp?.close();
      await server?.drop();
    },
  };
}

/** The demo organization of a {@link startDemoTestApp} database. */
export interface DemoInfo {
  organizationId: string;
  /** Every demo user's password. */
  password: string;
}
export const DEMO_TEST_PASSWORD = 'demo-password-123';
export type DemoTestApp = TestApp & { demo: DemoInfo };

/**
 * An app on a database that holds the demo organization (`DemoService.seed`, as `npm start` seeds
 * it), seeded once per test run and copied for every caller: the demo seed is the longest part of
 * a demo file's setup. The first caller of the run seeds it on an app of its own and keeps the
 * result: on PGlite as a data directory dump in the run's folder, on a server as a database the
 * others clone (dropped by test/support/global-teardown.mjs). Parallel workers wait for the one
 * that seeds. The demo's dates are relative to when it was seeded, minutes before at most.
 * Without the run's folder (jest without the config's globalSetup) every caller seeds its own.
 */
export async function startDemoTestApp(overrides: Partial<AppConfig> = {}): Promise<DemoTestApp> {
  const runDir = process.env.SQUADOPS_TEST_RUN_DIR;
  if (!runDir) {
    const t = await startTestApp({ demoPassword: DEMO_TEST_PASSWORD, ...overrides });
    const { organizationId, password } = await seedDemo(t);
    return { ...t, demo: { organizationId, password } };
  }
  // The run's folder name ends the tag: test/support/global-teardown.mjs drops `squadops_demo_%_<that>`.
  const tag = `${templateName()}_${runTag(runDir)}`;
  const infoPath = join(runDir, `demo-${tag}.json`);
  if (ADMIN_URL) {
    const template = `squadops_demo_${tag}`;
    await withServerLock(8675310, async () => {
      if (existsSync(infoPath)) return;
      const t = await startTestApp({ demoPassword: DEMO_TEST_PASSWORD });
      const info = await seedDemo(t).catch(async (e: unknown) => {
        await t.close();
        throw e;
      });
      const url = t.config.database.url!;
      await t.app.close();
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      try {
        await admin.query(`ALTER DATABASE "${new URL(url).pathname.slice(1)}" RENAME TO "${template}"`);
      } finally {
        await admin.end();
      }
      writeFileSync(infoPath, JSON.stringify(info));
    });
    const t = await startTestApp(overrides, { from: { serverTemplate: template } });
    return { ...t, demo: JSON.parse(readFileSync(infoPath, 'utf8')) as DemoInfo };
  }
  const dumpPath = join(runDir, `pglite-demo-${tag}.tar.gz`);
  await withFileLock(`${dumpPath}.lock`, dumpPath, async () => {
    const t = await startTestApp({ demoPassword: DEMO_TEST_PASSWORD });
    try {
      const info = await seedDemo(t);
      await quiet(t.db);
      const tmp = `${dumpPath}.${process.pid}`;
      writeFileSync(tmp, await t.db.embedded!.dump());
      writeFileSync(infoPath, JSON.stringify(info));
      renameSync(tmp, dumpPath);
    } finally {
      await t.close();
    }
  });
  const t = await startTestApp(overrides, { from: { embeddedSeed: dumpPath } });
  return { ...t, demo: JSON.parse(readFileSync(infoPath, 'utf8')) as DemoInfo };
}

/** A run's folder as a database name part (test/support/global-teardown.mjs computes the same). */
const runTag = (runDir: string) =>
  runDir
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(-12)
    .toLowerCase();

async function seedDemo(t: TestApp): Promise<DemoInfo> {
  const { DemoService } = await import('../../src/demo/demo.service.js');
  const { organizationId, password } = await t.app.get(DemoService).seed();
  return { organizationId, password };
}

/** Runs `build` under a session advisory lock of the test server (one builder across workers). */
async function withServerLock(key: number, build: () => Promise<void>): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL! });
  await c.connect();
  try {
    await c.query('SELECT pg_advisory_lock($1)', [key]);
    await build();
  } finally {
    await c.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await c.end();
  }
}

/** Builds `done` once across workers: the worker that creates `lock` builds, the others wait for `done`. */
async function withFileLock(lock: string, done: string, build: () => Promise<void>, waitMs = 600_000): Promise<void> {
  if (existsSync(done)) return;
  let mine = false;
  try {
    closeSync(openSync(lock, 'wx'));
    mine = true;
  } catch {
    /* another worker builds it */
  }
  if (mine) {
    try {
      await build();
    } finally {
      rmSync(lock, { force: true });
    }
    return;
  }
  for (const until = Date.now() + waitMs; !existsSync(done);) {
    if (!existsSync(lock) && !existsSync(done)) throw new Error(`the worker building ${done} stopped without it`);
    if (Date.now() > until) throw new Error(`${done} was not built within ${waitMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The medium tier (test/medium/): the domain services in a Nest application context, without
 * HTTP or GraphQL, on a database of their own (a fresh PGlite from the run's migrated dump, or a
 * clone of the template with TEST_DATABASE_URL). Services are called directly: `t.app.get(X)`.
 */
export interface TestContext {
  app: INestApplicationContext;
  config: AppConfig;
  db: OpenedDatabase;
  close(): Promise<void>;
}

export async function startTestContext(overrides: Partial<AppConfig> = {}): Promise<TestContext> {
  const server = ADMIN_URL ? await cloneServerDatabase() : null;
  if (!ADMIN_URL) await pgliteSeed();
  const config = testConfig(server?.url ?? null, overrides);
  const log = createLogger(config.logLevel);
  const app = await NestFactory.createApplicationContext(DomainModule.forRoot(config, log), { logger: new PinoNestLogger(log), abortOnError: false });
  await app.init();
  return {
    app,
    config,
    db: app.get<OpenedDatabase>(DATABASE),
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
