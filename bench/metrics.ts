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
import { median, ms, REPS, SQUADS, timeAlternating, withBench } from './generate.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const QUARTER = { start: '2026-07-01', end: '2026-10-01' };
const METRICS = ['leads_assigned', 'conversions', 'conversion_rate', 'net_revenue', 'average_order_value', 'refund_rate'];

/** The reference: one hand-written statement per case, all metrics' sums from the rollups. */
const REFERENCE_SQL = (entityType: 'SQUAD' | 'MEMBER') => `
  SELECT r.entity_id, sum(r.leads_assigned) AS leads_assigned, sum(r.conversions) AS conversions, sum(r.paid_orders) AS paid_orders,
         sum(r.gross_revenue) AS gross_revenue, sum(r.refunded_amount) AS refunded_amount, sum(r.refunded_orders) AS refunded_orders
  FROM rollup_daily r
  WHERE r.organization_id = '00000000-0000-0000-0000-0000000000aa' AND r.entity_type = '${entityType}' AND r.day >= '${QUARTER.start}' AND r.day < '${QUARTER.end}'
  GROUP BY r.entity_id`;

async function main(): Promise<void> {
  await withBench(async ({ client, post }) => {
    const query = 'query($input: MetricValuesInput!) { metricValues(input: $input) { values { metricKey entityId value numerator denominator } } }';
    const columnar =
      'query($input: MetricValuesInput!) { metricValues(input: $input) { entities { id } series { metricKey values numerators denominators } } }';

    for (const entityType of ['SQUAD', 'MEMBER'] as const) {
      const input = { metricKeys: METRICS, entityType, period: { kind: 'QUARTER', start: QUARTER.start } };
      const expected = entityType === 'SQUAD' ? SQUADS : REPS;
      // Warm up both paths, and check they agree on the numbers.
      const g = (await post(query, { input })).metricValues as { values: { metricKey: string; entityId: string; numerator: number }[] };
      const ref = await client.query(REFERENCE_SQL(entityType));
      const conv = new Map(ref.rows.map((r) => [r.entity_id, Number(r.conversions)]));
      const gConv = g.values.filter((v) => v.metricKey === 'conversions');
      if (gConv.length !== expected || gConv.some((v) => (conv.get(v.entityId) ?? 0) !== v.numerator))
        throw new Error(`GraphQL and SQL disagree for ${entityType}`);
      // Each GraphQL shape alternates with the reference in its own loop: the object-per-value
      // shape leaves ~10 MB of garbage per request, which would otherwise be collected during
      // the next columnar request and charged to it.
      const timeAgainstSql = async (graphql: string) => {
        const t = await timeAlternating(
          RUNS,
          () => post(graphql, { input }),
          async () => {
            if ((await client.query(REFERENCE_SQL(entityType))).rowCount === 0) throw new Error('empty reference');
          },
        );
        return { g: t.first, q: t.second };
      };
      const col = await timeAgainstSql(columnar);
      const obj = await timeAgainstSql(query);
      if (process.env.BENCH_PROFILE) {
        const light: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const s = process.hrtime.bigint();
          await post('query($input: MetricValuesInput!) { metricValues(input: $input) { period { label } } }', { input });
          light.push(ms(s));
        }
        const me: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const s = process.hrtime.bigint();
          await post('{ me { id } }', {});
          me.push(ms(s));
        }
        console.log(`  profile: without values ${median(light).toFixed(1)} ms; trivial query ${median(me).toFixed(1)} ms`);
      }
      console.log(
        `metricValues ${entityType.padEnd(6)} (${expected} entities × ${METRICS.length} metrics, quarter): ` +
          `GraphQL series (columnar) median ${col.g.toFixed(1)} ms vs hand-written SQL ${col.q.toFixed(1)} ms = ${(col.g / col.q).toFixed(2)}×; ` +
          `GraphQL values (object per value) median ${obj.g.toFixed(1)} ms vs SQL ${obj.q.toFixed(1)} ms = ${(obj.g / obj.q).toFixed(2)}× (target ≤ 1.3×)`,
      );
    }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
