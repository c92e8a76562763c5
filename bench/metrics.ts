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
import { generate, median, ms, REPS, SQUADS } from './generate.js';

const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const QUARTER = { start: '2026-07-01', end: '2026-10-01' };
const METRICS = ['leads_assigned', 'conversions', 'conversion_rate', 'net_revenue', 'average_order_value', 'refund_rate'];

const withDb = (db: string) => {
  const u = new URL(BASE_URL);
  u.pathname = `/${db}`;
  return u.toString();
};

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
