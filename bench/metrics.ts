/**
 * bench/metrics: metricValues through GraphQL vs the same aggregate as hand-written SQL.
 *
 *   npm run bench:metrics            (DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/test)
 *
 * Creates a scratch database on that server, generates deterministic data (2,000 reps in 200
 * squads, 1,000,000 leads and 200,000 orders over a quarter, refunds on 5 % of orders), builds
 * the rollups, then times `metricValues` for all squads and all members for the quarter through
 * GraphQL (HTTP, auth, validation included) against one hand-written SQL statement per case run
 * with `pg` on the same database, in the same run. Prints medians and the ratio.
 */
import 'reflect-metadata';
import pg from 'pg';
import { createLogger } from '../src/common/logger.js';
import { loadConfig } from '../src/config/config.js';
import { createApp } from '../src/bootstrap.js';
import { hashPassword } from '../src/auth/password.js';

const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const REPS = Number(process.env.BENCH_REPS ?? 2000);
const SQUADS = Number(process.env.BENCH_SQUADS ?? 200);
const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const QUARTER = { start: '2026-07-01', end: '2026-10-01' };
const METRICS = ['leads_assigned', 'conversions', 'conversion_rate', 'net_revenue', 'average_order_value', 'refund_rate'];

const withDb = (db: string) => {
  const u = new URL(BASE_URL);
  u.pathname = `/${db}`;
  return u.toString();
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function generate(client: pg.Client): Promise<void> {
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
  await client.query(`INSERT INTO product (id, organization_id, sku, name, kind, list_price) VALUES
    ('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000aa', 'REG', 'Regular', 'REGULAR', 99900),
    ('00000000-0000-0000-0000-0000000000c2', '00000000-0000-0000-0000-0000000000aa', 'CLUB', 'Club', 'SUBSCRIPTION', 19900)`);
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
    `INSERT INTO sales_order (organization_id, external_id, lead_id, product_id, amount, paid_at, credited_rep_id, credited_squad_id, is_conversion, is_repurchase, is_referral_conversion)
    SELECT l.organization_id, 'o' || i, l.id, '00000000-0000-0000-0000-0000000000c1', 49900 + (bench_rand(i, 2) * 50000)::int,
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

/** The reference: one hand-written statement per case, all metrics' sums from the rollups. */
const REFERENCE_SQL = (entityType: 'SQUAD' | 'MEMBER') => `
  SELECT r.entity_id, sum(r.leads_assigned) AS leads_assigned, sum(r.conversions) AS conversions, sum(r.paid_orders) AS paid_orders,
         sum(r.gross_revenue) AS gross_revenue, sum(r.refunded_amount) AS refunded_amount, sum(r.refunded_orders) AS refunded_orders
  FROM rollup_daily r
  WHERE r.organization_id = '00000000-0000-0000-0000-0000000000aa' AND r.entity_type = '${entityType}' AND r.day >= '${QUARTER.start}' AND r.day < '${QUARTER.end}'
  GROUP BY r.entity_id`;

async function main(): Promise<void> {
  const db = `squadops_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${db}"`);
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    SEED_DEMO: 'false',
    RUN_JOBS: 'false',
    DATABASE_URL: withDb(db),
  });
  config.limits.queryComplexity = 1_000_000;
  const app = await createApp(config, createLogger('silent'));
  const client = new pg.Client({ connectionString: withDb(db) });
  try {
    await app.init();
    await app.listen(0, '127.0.0.1');
    const url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
    await client.connect();
    await generate(client);
    const { RollupService } = await import('../src/metrics/rollup.service.js');
    const { TransactionRunner } = await import('../src/database/transaction.js');
    const t0 = process.hrtime.bigint();
    await app.get(TransactionRunner).run((m) => app.get(RollupService).rebuild(m, null));
    await client.query('ANALYZE rollup_daily');
    console.log(`rollups built in ${(ms(t0) / 1000).toFixed(1)} s`);

    const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };
    const login = await post('mutation { login(email: "admin@bench.test", password: "bench-password") { accessToken } }', {});
    const token = (login.login as { accessToken: string }).accessToken;
    const query = 'query($input: MetricValuesInput!) { metricValues(input: $input) { values { metricKey entityId value numerator denominator } } }';
    const columnar =
      'query($input: MetricValuesInput!) { metricValues(input: $input) { entities { id } series { metricKey values numerators denominators } } }';

    for (const entityType of ['SQUAD', 'MEMBER'] as const) {
      const input = { metricKeys: METRICS, entityType, period: { kind: 'QUARTER', start: QUARTER.start } };
      const expected = entityType === 'SQUAD' ? SQUADS : REPS;
      // Warm up both paths, and check they agree on the numbers.
      const g = (await post(query, { input }, token)).metricValues as { values: { metricKey: string; entityId: string; numerator: number }[] };
      const ref = await client.query(REFERENCE_SQL(entityType));
      const conv = new Map(ref.rows.map((r) => [r.entity_id, Number(r.conversions)]));
      const gConv = g.values.filter((v) => v.metricKey === 'conversions');
      if (gConv.length !== expected || gConv.some((v) => (conv.get(v.entityId) ?? 0) !== v.numerator))
        throw new Error(`GraphQL and SQL disagree for ${entityType}`);
      const gql: number[] = [];
      const col: number[] = [];
      const sql: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        let s = process.hrtime.bigint();
        await post(query, { input }, token);
        gql.push(ms(s));
        s = process.hrtime.bigint();
        await post(columnar, { input }, token);
        col.push(ms(s));
        s = process.hrtime.bigint();
        const r = await client.query(REFERENCE_SQL(entityType));
        if (r.rowCount === 0) throw new Error('empty reference');
        sql.push(ms(s));
      }
      if (process.env.BENCH_PROFILE) {
        const light: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const s = process.hrtime.bigint();
          await post('query($input: MetricValuesInput!) { metricValues(input: $input) { period { label } } }', { input }, token);
          light.push(ms(s));
        }
        const me: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const s = process.hrtime.bigint();
          await post('{ me { id } }', {}, token);
          me.push(ms(s));
        }
        console.log(`  profile: without values ${median(light).toFixed(1)} ms; trivial query ${median(me).toFixed(1)} ms`);
      }
      console.log(
        `metricValues ${entityType.padEnd(6)} (${expected} entities × ${METRICS.length} metrics, quarter): hand-written SQL median ${median(sql).toFixed(1)} ms; ` +
          `GraphQL series (columnar) median ${median(col).toFixed(1)} ms = ${(median(col) / median(sql)).toFixed(2)}×; ` +
          `GraphQL values (object per value) median ${median(gql).toFixed(1)} ms = ${(median(gql) / median(sql)).toFixed(2)}× (target ≤ 1.3×)`,
      );
    }
  } finally {
    await client.end().catch(() => undefined);
    await app.close();
    if (process.env.BENCH_KEEP_DB) console.log(`kept database ${db}`);
    else await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
