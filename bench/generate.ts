/**
 * bench/generate: the deterministic data set shared by the benchmarks (bench/metrics.ts,
 * bench/rankings.ts): one organization, BENCH_REPS reps in BENCH_SQUADS squads of one pre-sales
 * legion, BENCH_LEADS leads and BENCH_ORDERS orders over 2026-Q3 (refunds on 5 % of orders).
 * Pseudo-random numbers are hashes of the row number, so every run generates the same rows.
 */
import pg from 'pg';
import { graphqlClient } from './http-client.js';
import { hashPassword } from '../src/common/password.js';

export const BENCH_ORG = '00000000-0000-0000-0000-0000000000aa';
export const BENCH_LEGION = '00000000-0000-0000-0000-0000000000b1';
export const REPS = Number(process.env.BENCH_REPS ?? 2000);
export const SQUADS = Number(process.env.BENCH_SQUADS ?? 200);
export const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
export const ORDERS = Number(process.env.BENCH_ORDERS ?? 200_000);

export const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Untimed alternations before each timed loop (BENCH_WARMUP): V8 optimizes the request path over the first few dozen requests. */
export const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);

/**
 * Runs `first` and `second` alternately, `WARMUP` times untimed and then `runs` times timed (so
 * drift and caches affect both alike). Returns the median milliseconds of each, and the median
 * of the paired ratios first/second (each run of `first` against the run of `second` right after
 * it): on a shared machine the speed of the whole box drifts between runs, and a pair sees the
 * same drift, so this ratio moves far less from one bench run to the next than the ratio of the
 * two medians.
 */
export async function timeAlternating(
  runs: number,
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
): Promise<{ first: number; second: number; pairedRatio: number }> {
  for (let i = 0; i < WARMUP; i++) {
    await first();
    await second();
  }
  // Collect what came before (app boot, data checks, the previous loop) now, so its collection
  // is not charged to whichever timed request happens to allocate when the heap fills up.
  (globalThis as { gc?: () => void }).gc?.();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let s = process.hrtime.bigint();
    await first();
    a.push(ms(s));
    s = process.hrtime.bigint();
    await second();
    b.push(ms(s));
  }
  return { first: median(a), second: median(b), pairedRatio: median(a.map((x, i) => x / b[i])) };
}

/** Inserts the data set into an empty migrated database (admin login: admin@bench.test / bench-password). */
export async function generate(client: pg.Client): Promise<void> {
  const t0 = process.hrtime.bigint();
  // Deterministic pseudo-random numbers: hashes of the row number.
  await client.query(`CREATE OR REPLACE FUNCTION bench_rand(i bigint, salt int) RETURNS double precision LANGUAGE sql IMMUTABLE AS
    $$ SELECT ((hashint8(i * 7919 + salt)::bigint & 2147483647)::double precision / 2147483647) $$`);
  await client.query(
    `INSERT INTO organization (id, name, time_zone, currency) VALUES ('00000000-0000-0000-0000-0000000000aa', 'Bench School', 'Asia/Shanghai', 'CNY')`,
  );
  const hash = await hashPassword('bench-password');
  await client.query(
    `INSERT INTO app_user (id, organization_id, email, name, password_hash, role) VALUES ('00000000-0000-0000-0000-0000000000ad', '00000000-0000-0000-0000-0000000000aa', 'admin@bench.test', 'Bench Admin', $1, 'ADMIN')`,
    [hash],
  );
  await client.query(
    `INSERT INTO legion (id, organization_id, name, kind) VALUES ('00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000aa', 'Bench Legion', 'PRE_SALES')`,
  );
  await client.query(
    `INSERT INTO squad (id, organization_id, legion_id, name)
    SELECT ('00000000-0000-0000-0001-' || lpad(to_hex(s), 12, '0'))::uuid, '00000000-0000-0000-0000-0000000000aa', '00000000-0000-0000-0000-0000000000b1', 'Squad ' || s
    FROM generate_series(1, $1) s`,
    [SQUADS],
  );
  await client.query(
    `INSERT INTO app_user (id, organization_id, email, name, password_hash, role)
    SELECT ('00000000-0000-0000-0002-' || lpad(to_hex(r), 12, '0'))::uuid, '00000000-0000-0000-0000-0000000000aa', 'rep' || r || '@bench.test', 'Rep ' || r, 'x', 'MEMBER'
    FROM generate_series(1, $1) r`,
    [REPS],
  );
  await client.query(
    `INSERT INTO squad_membership (organization_id, user_id, squad_id, valid_from)
    SELECT '00000000-0000-0000-0000-0000000000aa', ('00000000-0000-0000-0002-' || lpad(to_hex(r), 12, '0'))::uuid,
           ('00000000-0000-0000-0001-' || lpad(to_hex(((r - 1) % $2) + 1), 12, '0'))::uuid, '2026-01-01'
    FROM generate_series(1, $1) r`,
    [REPS, SQUADS],
  );
  await client.query(`INSERT INTO product (id, organization_id, sku, name, kind, price_tier, list_price) VALUES
    ('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000aa', 'REG', 'Regular', 'REGULAR', 'REGULAR', 99900),
    ('00000000-0000-0000-0000-0000000000c2', '00000000-0000-0000-0000-0000000000aa', 'CLUB', 'Club', 'SUBSCRIPTION', 'REGULAR', 19900)`);
  // Leads: owner rep i % REPS, created across the quarter.
  await client.query(
    `INSERT INTO lead (id, organization_id, name, email, source, owner_id, squad_id, assigned_at, stage, stage_changed_at, created_at, updated_at)
    SELECT ('00000000-0000-0000-0003-' || lpad(to_hex(i), 12, '0'))::uuid, '00000000-0000-0000-0000-0000000000aa', 'Lead ' || i, 'lead' || i || '@bench.test', 'AD',
           ('00000000-0000-0000-0002-' || lpad(to_hex((i % $2) + 1), 12, '0'))::uuid,
           ('00000000-0000-0000-0001-' || lpad(to_hex(((i % $2) % $3) + 1), 12, '0'))::uuid,
           t, 'INTRO', t, t, t
    FROM generate_series(1, $1) i, LATERAL (SELECT timestamptz '2026-06-30 16:00:00+00' + (bench_rand(i, 1) * 92 * 86400) * interval '1 second' AS t) x`,
    [LEADS, REPS, SQUADS],
  );
  await client.query(`INSERT INTO lead_assignment_event (organization_id, lead_id, to_owner_id, to_squad_id, at)
    SELECT organization_id, id, owner_id, squad_id, assigned_at FROM lead WHERE organization_id = '00000000-0000-0000-0000-0000000000aa'`);
  // Orders: every (LEADS / ORDERS)-th lead converts a few days after creation; a fifth of them also buy the club.
  const step = Math.max(1, Math.floor(LEADS / ORDERS));
  await client.query(
    `INSERT INTO sales_order (organization_id, external_id, lead_id, product_id, price_tier, amount, paid_at, credited_rep_id, credited_squad_id, is_conversion, is_repurchase, is_referral_conversion)
    SELECT l.organization_id, 'o' || i, l.id, '00000000-0000-0000-0000-0000000000c1', 'REGULAR', 49900 + (bench_rand(i, 2) * 50000)::int,
           least(l.created_at + bench_rand(i, 3) * interval '5 days', timestamptz '2026-09-30 15:00:00+00'), l.owner_id, l.squad_id, true, false, false
    FROM generate_series(1, $1) i JOIN lead l ON l.id = ('00000000-0000-0000-0003-' || lpad(to_hex(i * $2), 12, '0'))::uuid`,
    [ORDERS, step],
  );
  await client.query(`WITH o AS (SELECT id, amount, paid_at, row_number() OVER (ORDER BY id) AS n FROM sales_order)
    INSERT INTO refund (organization_id, external_id, order_id, amount, refunded_at, reason)
    SELECT '00000000-0000-0000-0000-0000000000aa', 'r' || n, id, amount / 2, paid_at + interval '1 day', 'bench' FROM o WHERE n % 20 = 0`);
  await client.query(`UPDATE sales_order o SET refunded_amount = r.amount FROM refund r WHERE r.order_id = o.id`);
  await client.query('ANALYZE');
  console.log(`generated ${REPS} reps, ${SQUADS} squads, ${LEADS} leads, ${ORDERS} orders in ${(ms(t0) / 1000).toFixed(1)} s`);
}

export interface BenchRun {
  client: pg.Client;
  /** POST /graphql with the bench admin's token; throws on GraphQL errors. */
  post(query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>>;
  app: Awaited<ReturnType<typeof import('../src/bootstrap.js').createApp>>;
  /** The API's GraphQL endpoint and the bench admin's token (a paired growth run's parent sends its requests there). */
  url: string;
  token: string;
}

/**
 * Shared bench setup: a scratch database on DATABASE_URL, the API listening on a free port in
 * production mode, the generated data, rebuilt rollups and a logged-in admin. The database is
 * dropped afterwards unless BENCH_KEEP_DB is set.
 */
export async function withBench(work: (run: BenchRun) => Promise<void>): Promise<void> {
  const { createLogger } = await import('../src/common/logger.js');
  const { loadConfig } = await import('../src/config/config.js');
  const { createApp } = await import('../src/bootstrap.js');
  const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const withDb = (name: string) => {
    const u = new URL(base);
    u.pathname = `/${name}`;
    return u.toString();
  };
  // BENCH_REUSE_DB=<name>: a database kept by an earlier run (BENCH_KEEP_DB), data and rollups as they are.
  const reuse = process.env.BENCH_REUSE_DB;
  const db = reuse || `squadops_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE "${db}"`);
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    SEED_DEMO: 'false',
    RUN_JOBS: 'false',
    DATABASE_URL: withDb(db),
    // Reports over the whole data set (bench/reports-revenue) may need more than the default 15 s.
    ...(process.env.DB_STATEMENT_TIMEOUT_MS ? { DB_STATEMENT_TIMEOUT_MS: process.env.DB_STATEMENT_TIMEOUT_MS } : {}),
    // GRAPHQL_JIT=false: graphql-js executes the queries (the before/after comparison of issue 21).
    ...(process.env.GRAPHQL_JIT ? { GRAPHQL_JIT: process.env.GRAPHQL_JIT } : {}),
  });
  config.limits.queryComplexity = 1_000_000;
  const app = await createApp(config, createLogger('silent'));
  const client = new pg.Client({ connectionString: withDb(db) });
  let api: ReturnType<typeof graphqlClient> | undefined;
  try {
    await app.init();
    await app.listen(0, '127.0.0.1');
    const url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
    const gql = (api = graphqlClient(url));
    await client.connect();
    if (!reuse) await generateAndRollUp(client, app);
    // Settle the database before timing, so autovacuum of the freshly written tables and a
    // checkpoint of the generated pages do not compete with the timed statements for the CPU.
    await client.query('VACUUM ANALYZE');
    await client.query('CHECKPOINT');
    const auth: { token?: string } = {};
    const post = (query: string, variables: Record<string, unknown>) => gql.post(query, variables, auth.token);
    const login = await post('mutation { login(email: "admin@bench.test", password: "bench-password") { accessToken } }', {});
    auth.token = (login.login as { accessToken: string }).accessToken;
    await work({ client, post, app, url, token: auth.token });
  } finally {
    api?.close();
    await client.end().catch(() => undefined);
    await app.close();
    if (process.env.BENCH_KEEP_DB || reuse) console.log(`kept database ${db}`);
    else await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await admin.end();
  }
}

async function generateAndRollUp(client: pg.Client, app: BenchRun['app']): Promise<void> {
  await generate(client);
  const { RollupService } = await import('../src/metrics/rollup.service.js');
  const { TransactionRunner } = await import('../src/database/transaction.js');
  const t0 = process.hrtime.bigint();
  await app.get(TransactionRunner).run(() => app.get(RollupService).rebuild(null));
  console.log(`rollups built in ${(ms(t0) / 1000).toFixed(1)} s`);
}
