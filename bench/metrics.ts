/**
 * bench/metrics: metricValues through GraphQL vs the same aggregate as hand-written SQL.
 *
 *   npm run bench:metrics            (DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/test)
 *
 *   BENCH_SIZES=2000,20000 npm run bench:metrics   (one run per size, then a growth table)
 *   BENCH_GROWTH=paired BENCH_SIZES=2000,20000 npm run bench:metrics   (both sizes served at once, requests alternated)
 *
 * Creates a scratch database on that server, generates deterministic data (2,000 reps in 200
 * squads, 1,000,000 leads and 200,000 orders over a quarter, refunds on 5 % of orders), builds
 * the rollups, then times `metricValues` for all squads and all members for a week and for the
 * quarter through GraphQL (HTTP, auth, validation included) against one hand-written SQL
 * statement per case over the same tables (the period aggregates), returning the same entities
 * and numbers, run with `pg` on the same database in the same run, with the API's session
 * settings, with and without JIT (bench/fair-reference.ts). Both sides are one statement on one
 * connection. Prints the medians, the paired ratio against the faster reference (median of
 * GraphQL / reference over adjacent runs: the figure the ≤ 1.3× target applies to) and the
 * ratio of the medians. Each case also times a trivial authenticated request (`{ me { id } }`):
 * its cost plus the reference's is the least any GraphQL answer can cost, so the bench prints that
 * floor as a ratio too (for 200 squads it is above 1.3× on its own).
 */
import 'reflect-metadata';
import { describeReference, referenceClients, timeAgainstBestReference } from './fair-reference.js';
import { median, ms, REPS, SQUADS, withBench } from './generate.js';
import { reportResult, runGrowth, runPairedGrowth, serveForGrowth, squadsFor, type GrowthCase } from './growth.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 51);
const PERIODS = [
  { kind: 'ISO_WEEK', start: '2026-08-10', end: '2026-08-17', fromTs: '2026-08-10 00:00+08', toTs: '2026-08-17 00:00+08', label: 'week' },
  { kind: 'QUARTER', start: '2026-07-01', end: '2026-10-01', fromTs: '2026-07-01 00:00+08', toTs: '2026-10-01 00:00+08', label: 'quarter' },
] as const;
type Period = (typeof PERIODS)[number];
const METRICS = ['leads_assigned', 'conversions', 'conversion_rate', 'net_revenue', 'average_order_value', 'refund_rate'];

const ORG = '00000000-0000-0000-0000-0000000000aa';

/** The rollup sums per entity over the period's aggregate rows (one per entity): the aggregate at the heart of both paths. */
const SUMS_SQL = (entityType: 'SQUAD' | 'MEMBER', p: Period) => `
  SELECT r.entity_id, sum(r.leads_assigned) AS leads_assigned, sum(r.conversions) AS conversions, sum(r.paid_orders) AS paid_orders,
         sum(r.gross_revenue) AS gross_revenue, sum(r.refunded_amount) AS refunded_amount, sum(r.refunded_orders) AS refunded_orders
  FROM rollup_period r
  WHERE r.organization_id = '${ORG}' AND r.period_kind = '${p.kind}' AND r.entity_type = '${entityType}' AND r.period_start >= '${p.start}' AND r.period_start < '${p.end}'
  GROUP BY r.entity_id`;

/**
 * The reference: what metricValues returns, written by hand as one statement per case. Every
 * entity (every squad; every rep with a membership overlapping the quarter), zeros for the idle
 * ones, each metric's numerator and denominator, and the rates.
 */
const REFERENCE_SQL = (entityType: 'SQUAD' | 'MEMBER', p: Period) => {
  const entities =
    entityType === 'SQUAD'
      ? `SELECT s.id, s.name FROM squad s WHERE s.organization_id = '${ORG}'`
      : `SELECT u.id, u.name FROM app_user u WHERE u.organization_id = '${ORG}'
           AND EXISTS (SELECT 1 FROM squad_membership sm WHERE sm.user_id = u.id AND sm.valid_from < '${p.toTs}' AND (sm.valid_to IS NULL OR sm.valid_to > '${p.fromTs}'))`;
  return `
  SELECT e.id, coalesce(a.leads_assigned, 0) AS leads_assigned, coalesce(a.conversions, 0) AS conversions,
         a.conversions::float8 / nullif(a.leads_assigned, 0) AS conversion_rate,
         coalesce(a.gross_revenue, 0) - coalesce(a.refunded_amount, 0) AS net_revenue,
         coalesce(a.gross_revenue, 0) AS gross_revenue, coalesce(a.paid_orders, 0) AS paid_orders,
         a.gross_revenue::float8 / nullif(a.paid_orders, 0) AS average_order_value,
         coalesce(a.refunded_orders, 0) AS refunded_orders, a.refunded_orders::float8 / nullif(a.paid_orders, 0) AS refund_rate
  FROM (${entities}) e LEFT JOIN (${SUMS_SQL(entityType, p)}) a ON a.entity_id = e.id
  ORDER BY e.name, e.id`;
};

type Row = Record<string, string | number | null>;
/** Each metric's (value, numerator, denominator) in a reference row. */
const EXPECTED: Record<string, (r: Row) => [number | null, number, number | null]> = {
  leads_assigned: (r) => [Number(r.leads_assigned), Number(r.leads_assigned), null],
  conversions: (r) => [Number(r.conversions), Number(r.conversions), null],
  conversion_rate: (r) => [r.conversion_rate === null ? null : Number(r.conversion_rate), Number(r.conversions), Number(r.leads_assigned)],
  net_revenue: (r) => [Number(r.net_revenue), Number(r.net_revenue), null],
  average_order_value: (r) => [r.average_order_value === null ? null : Number(r.average_order_value), Number(r.gross_revenue), Number(r.paid_orders)],
  refund_rate: (r) => [r.refund_rate === null ? null : Number(r.refund_rate), Number(r.refunded_orders), Number(r.paid_orders)],
};
const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));

const VALUES_QUERY = 'query($input: MetricValuesInput!) { metricValues(input: $input) { values { metricKey entityId value numerator denominator } } }';
const COLUMNAR_QUERY = 'query($input: MetricValuesInput!) { metricValues(input: $input) { entityIds series { metricKey values numerators denominators } } }';

/** The columnar answer of every case, for a paired growth run (BENCH_GROWTH=paired): one entity id per squad or rep. */
const GROWTH_CASES: GrowthCase[] = (['SQUAD', 'MEMBER'] as const).flatMap((entityType) =>
  PERIODS.map((p) => ({
    name: `metricValues ${entityType} ${p.label} (columnar)`,
    query: COLUMNAR_QUERY,
    variables: { input: { metricKeys: METRICS, entityType, period: { kind: p.kind, start: p.start } } },
    lines: (data: Record<string, unknown>) => (data.metricValues as { entityIds: string[] }).entityIds.length,
    expected: (size: number) => (entityType === 'SQUAD' ? squadsFor(size) : size),
  })),
);

async function main(): Promise<void> {
  if (await runPairedGrowth('bench/metrics', GROWTH_CASES)) return;
  if (await runGrowth('bench/metrics')) return;
  await withBench(async ({ client, post, app, url, token }) => {
    const query = VALUES_QUERY;
    const columnar = COLUMNAR_QUERY;
    // The bench's keep-alive client may idle longer than Node's 5 s default between two requests (data checks at 20,000 reps).
    (app.getHttpServer() as { keepAliveTimeout: number }).keepAliveTimeout = 600_000;
    if (process.env.BENCH_SERVE) return serveForGrowth(url, token);
    const refs = await referenceClients(app, client);
    console.log(`reference sessions: ${JSON.stringify(refs.settings)}; one as configured, one with jit off`);
    const perPeriod: Record<string, number> = {};
    // The fixed cost of any authenticated request in this harness (HTTP both ways, auth, parse,
    // execution, JSON): no GraphQL answer can cost less than it plus its statement, so
    // (trivial + reference) / reference is the lowest ratio a case can reach.
    const trivial = async () => {
      for (let i = 0; i < 50; i++) await post('{ me { id } }', {});
      const xs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const s = process.hrtime.bigint();
        await post('{ me { id } }', {});
        xs.push(ms(s));
      }
      return median(xs);
    };
    try {
      for (const entityType of ['SQUAD', 'MEMBER'] as const) {
        for (const p of PERIODS) {
          const input = { metricKeys: METRICS, entityType, period: { kind: p.kind, start: p.start } };
          const expected = entityType === 'SQUAD' ? SQUADS : REPS;
          const sql = REFERENCE_SQL(entityType, p);
          // Warm up both paths, and check they agree on every number.
          const g = (await post(query, { input })).metricValues as {
            values: { metricKey: string; entityId: string; value: number | null; numerator: number; denominator: number | null }[];
          };
          const ref = (await refs.noJit.query(sql)).rows as Row[];
          const refOf = new Map(ref.map((r) => [String(r.id), r]));
          const disagree = g.values.filter((v) => {
            const r = refOf.get(v.entityId);
            if (!r) return true;
            const [value, numerator, denominator] = EXPECTED[v.metricKey](r);
            return !close(v.value, value) || !close(v.numerator, numerator) || !close(v.denominator, denominator);
          });
          if (ref.length !== expected || g.values.length !== expected * METRICS.length || disagree.length)
            throw new Error(`GraphQL and SQL disagree for ${entityType}: ${JSON.stringify(disagree.slice(0, 3))}`);
          // Each GraphQL shape alternates with the references in its own loop: the object-per-value
          // shape leaves ~10 MB of garbage per request, which would otherwise be collected during
          // the next columnar request and charged to it.
          const timeAgainstSql = (graphql: string) =>
            timeAgainstBestReference(
              RUNS,
              () => post(graphql, { input }),
              async (db) => {
                if ((await db.query(sql)).rowCount === 0) throw new Error('empty reference');
              },
              refs,
            );
          const col = await timeAgainstSql(columnar);
          const obj = await timeAgainstSql(query);
          const sums: number[] = [];
          for (let i = 0; i < RUNS; i++) {
            const s = process.hrtime.bigint();
            await refs.noJit.query(SUMS_SQL(entityType, p));
            sums.push(ms(s));
          }
          perPeriod[`${entityType} ${p.kind}`] = col.subject;
          const floorMs = await trivial();
          if (process.env.BENCH_PROFILE) {
            const light: number[] = [];
            for (let i = 0; i < RUNS; i++) {
              const s = process.hrtime.bigint();
              await post('query($input: MetricValuesInput!) { metricValues(input: $input) { period { label } } }', { input });
              light.push(ms(s));
            }
            console.log(`  profile: without values ${median(light).toFixed(1)} ms`);
          }
          console.log(
            `metricValues ${entityType.padEnd(6)} (${expected} entities × ${METRICS.length} metrics, ${p.label}): ` +
              `GraphQL series (columnar) median ${col.subject.toFixed(1)} ms vs ${describeReference(col)}: ` +
              `paired ratio ${col.pairedRatio.toFixed(2)}× (target ≤ 1.3×; ratio of the medians ${col.medianRatio.toFixed(2)}×); ` +
              `GraphQL values (object per value) median ${obj.subject.toFixed(1)} ms vs ${describeReference(obj)}: paired ratio ${obj.pairedRatio.toFixed(2)}× ` +
              `(ratio of the medians ${obj.medianRatio.toFixed(2)}×); the bare SUM … GROUP BY alone: ${median(sums).toFixed(1)} ms; ` +
              `a trivial request ({ me { id } }) ${floorMs.toFixed(2)} ms, so the lowest reachable ratio is ${((floorMs + col.bestMs) / col.bestMs).toFixed(2)}×`,
          );
          reportResult({ case: `metricValues ${entityType} ${p.label} (columnar)`, subject: col.subject, reference: col.bestMs, pairedRatio: col.pairedRatio });
          reportResult({ case: `metricValues ${entityType} ${p.label} (values)`, subject: obj.subject, reference: obj.bestMs, pairedRatio: obj.pairedRatio });
        }
        console.log(
          `period length: metricValues ${entityType} quarter / week ${(perPeriod[`${entityType} QUARTER`] / perPeriod[`${entityType} ISO_WEEK`]).toFixed(2)}× (target ≤ 1.2×)`,
        );
      }
    } finally {
      await refs.close();
    }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
