/**
 * bench/rankings: the live `leaderboard` query through GraphQL vs the same ranking computed by
 * one hand-written SQL statement over the same tables, in the same run.
 *
 *   npm run bench:rankings           (DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/test)
 *   BENCH_LEADS=100000 BENCH_ORDERS=20000 npm run bench:rankings   (reduced scale)
 *   BENCH_SIZES=2000,20000 npm run bench:rankings                 (one run per size, then a growth table)
 *   BENCH_GROWTH=paired BENCH_SIZES=2000,20000 npm run bench:rankings   (both sizes served at once, requests alternated)
 *
 * Generates the data set of bench/generate.ts (2,000 reps in 200 squads by default), builds the
 * rollups, then ranks every rep of the organization on net revenue for one ISO week, one month
 * and one quarter (with the previous period's ranks for movement), both ways, interleaved, and
 * prints the medians and the paired ratio. The GraphQL side includes HTTP, auth, validation,
 * eligibility, the 271 bands and serialisation of the standings; the reference computes rank,
 * band, percentile and previous rank over the period aggregates (`rollup_period`, the table the
 * service reads for whole periods), with the API's session settings, with and without JIT
 * (bench/fair-reference.ts): the ratio is taken against the faster. It also prints the
 * quarter / week ratio of the service (target ≤ 1.2×: cost independent of the period's length).
 */
import 'reflect-metadata';
import { periodBounds, previousPeriod } from '@lib/schedule';
import { describeReference, referenceClients, timeAgainstBestReference } from './fair-reference.js';
import { BENCH_ORG, median, ms, REPS, WARMUP, withBench } from './generate.js';
import { reportResult, runGrowth, runPairedGrowth, serveForGrowth, type GrowthCase } from './growth.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TZ = 'Asia/Shanghai';
const CASES = [
  { kind: 'ISO_WEEK' as const, start: '2026-08-10', label: 'week 2026-W33' },
  { kind: 'MONTH' as const, start: '2026-08-01', label: 'month 2026-08' },
  { kind: 'QUARTER' as const, start: '2026-07-01', label: 'quarter 2026-Q3' },
];

/**
 * The reference: rank, 271 band, percentile and previous rank of every pre-sales rep, in one
 * statement, summing the period aggregates of `kind` (one row per rep and period).
 */
const REFERENCE_SQL = (kind: string) => `
WITH pop AS (
  SELECT u.id, u.name,
         bool_or(sm.valid_from < $3 AND (sm.valid_to IS NULL OR sm.valid_to > $2)) AS in_cur,
         bool_or(sm.valid_from < $5 AND (sm.valid_to IS NULL OR sm.valid_to > $4)) AS in_prev
  FROM squad_membership sm JOIN squad s ON s.id = sm.squad_id JOIN legion l ON l.id = s.legion_id JOIN app_user u ON u.id = sm.user_id
  WHERE sm.organization_id = $1 AND l.kind = 'PRE_SALES' AND u.role = 'MEMBER' AND sm.valid_from < $3 AND (sm.valid_to IS NULL OR sm.valid_to > $4)
  GROUP BY u.id, u.name
),
sums AS (
  SELECT r.entity_id,
         sum(r.gross_revenue - r.refunded_amount) FILTER (WHERE r.period_start >= $6 AND r.period_start < $7) AS cur,
         sum(r.gross_revenue - r.refunded_amount) FILTER (WHERE r.period_start >= $8 AND r.period_start < $9) AS prev
  FROM rollup_period r WHERE r.organization_id = $1 AND r.period_kind = '${kind}' AND r.entity_type = 'MEMBER' AND r.period_start >= $8 AND r.period_start < $7
  GROUP BY r.entity_id
),
v AS (SELECT pop.*, coalesce(sums.cur, 0) AS cur, coalesce(sums.prev, 0) AS prev FROM pop LEFT JOIN sums ON sums.entity_id = pop.id),
c AS (
  SELECT id, name, cur, rank() OVER w AS rk, count(*) OVER () AS n, count(*) OVER (w RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS last_pos
  FROM v WHERE in_cur WINDOW w AS (ORDER BY cur DESC)
),
p AS (SELECT id, rank() OVER (ORDER BY prev DESC) AS prk FROM v WHERE in_prev)
SELECT c.id, c.name, c.cur AS value, c.rk AS rank,
       CASE WHEN c.rk <= (2 * c.n * 20 + 100) / 200 THEN 'TOP'
            WHEN c.rk > c.n - least(c.n * 10 / 100, c.n - (2 * c.n * 20 + 100) / 200) THEN 'BOTTOM' ELSE 'MIDDLE' END AS band,
       (c.n - c.last_pos)::float8 / c.n AS percentile, p.prk AS previous_rank, p.prk - c.rk AS rank_delta
FROM c LEFT JOIN p ON p.id = c.id
ORDER BY c.rk, c.id`;

/** The same columns as the reference: entity, value, rank, band, percentile, previous rank and movement, one object per line. */
const QUERY = `query($input: LeaderboardInput!) { leaderboard(input: $input) { status period { label }
  entries { entity { id name } value rank band percentile previousRank rankDelta } } }`;

/** The same fields as QUERY in the columnar shape (`Leaderboard.columns`, one array per field), the shape for big boards. */
const COLUMNS_QUERY = `query($input: LeaderboardInput!) { leaderboard(input: $input) { status period { label }
  columns { entityIds entityNames values ranks bands percentiles previousRanks rankDeltas } } }`;

/** The shapes timed (BENCH_SHAPES, default both): the target applies to each. */
const SHAPES = (process.env.BENCH_SHAPES ?? 'columns,entries').split(',').map((x) => x.trim()) as ('columns' | 'entries')[];
for (const shape of SHAPES) if (shape !== 'columns' && shape !== 'entries') throw new Error(`BENCH_SHAPES: unknown shape ${shape}`);

interface Columns {
  entityIds: string[];
  entityNames: string[];
  values: (number | null)[];
  ranks: (number | null)[];
  bands: string[];
  percentiles: (number | null)[];
  previousRanks: (number | null)[];
  rankDeltas: (number | null)[];
}

/** The columnar answer as lines (to check it against the reference like the entries). */
function linesOf(c: Columns): Entry[] {
  return c.entityIds.map((id, i) => ({
    entity: { id },
    value: c.values[i]!,
    rank: c.ranks[i]!,
    band: c.bands[i]!,
    previousRank: c.previousRanks[i]!,
  }));
}

interface Entry {
  rank: number;
  value: number;
  band: string;
  previousRank: number | null;
  entity: { id: string };
}

/** The board of every case and shape, for a paired growth run (BENCH_GROWTH=paired): one line per rep. */
const GROWTH_CASES: GrowthCase[] = CASES.flatMap((c) =>
  SHAPES.map((shape) => ({
    name: `leaderboard ${c.kind} ${shape}`,
    query: shape === 'columns' ? COLUMNS_QUERY : QUERY,
    variables: { input: { scope: 'MEMBER', teamKind: 'PRE_SALES', metricKey: 'net_revenue', period: { kind: c.kind, start: c.start } } },
    lines: (data: Record<string, unknown>) => {
      const board = data.leaderboard as { entries?: unknown[]; columns?: Columns };
      return board.entries?.length ?? board.columns?.entityIds.length ?? -1;
    },
    expected: (size: number) => size,
  })),
);

async function main(): Promise<void> {
  if (await runPairedGrowth('bench/rankings', GROWTH_CASES)) return;
  if (await runGrowth('bench/rankings')) return;
  await withBench(async ({ client, post, app, url, token }) => {
    // The bench's keep-alive client may idle longer than Node's 5 s default between two requests (data checks at 20,000 reps).
    (app.getHttpServer() as { keepAliveTimeout: number }).keepAliveTimeout = 600_000;
    if (process.env.BENCH_SERVE) return serveForGrowth(url, token);
    const refs = await referenceClients(app, client);
    console.log(
      `reference sessions: ${JSON.stringify(refs.settings)}; one as configured (jit ${(await refs.jit.query('SHOW jit')).rows[0].jit}), one with jit off`,
    );
    const services: Record<string, number> = {};
    const inputOf = (c: (typeof CASES)[number]) => ({
      scope: 'MEMBER',
      teamKind: 'PRE_SALES',
      metricKey: 'net_revenue',
      period: { kind: c.kind, start: c.start },
    });
    try {
      // The process's first timed loop used to run on a request path V8 was still optimizing (the
      // first case read 1.3-1.5x the others at 2,000 reps): every case and shape goes round
      // WARMUP times, untimed, before any case is timed (each case still has its own warm-up).
      for (let i = 0; i < WARMUP; i++)
        for (const c of CASES) for (const shape of SHAPES) await post(shape === 'columns' ? COLUMNS_QUERY : QUERY, { input: inputOf(c) });
      for (const c of CASES) {
        const cur = periodBounds(c.kind, c.start, TZ);
        const prev = previousPeriod(c.kind, c.start, TZ);
        const params = [BENCH_ORG, cur.start, cur.end, prev.start, prev.end, cur.startDate, cur.endDate, prev.startDate, prev.endDate];
        const input = inputOf(c);
        const sql = REFERENCE_SQL(c.kind);
        // The period aggregates hold the day rows' sums (else both sides would agree on wrong numbers).
        const drift = await client.query(
          `SELECT count(*)::int AS n FROM (
             (SELECT entity_id, sum(gross_revenue - refunded_amount) AS v FROM rollup_daily WHERE organization_id = $1 AND entity_type = 'MEMBER' AND day >= $2 AND day < $3 GROUP BY 1
              EXCEPT SELECT entity_id, gross_revenue - refunded_amount FROM rollup_period WHERE organization_id = $1 AND entity_type = 'MEMBER' AND period_kind = $4 AND period_start = $2)
             UNION ALL
             (SELECT entity_id, gross_revenue - refunded_amount FROM rollup_period WHERE organization_id = $1 AND entity_type = 'MEMBER' AND period_kind = $4 AND period_start = $2
              EXCEPT SELECT entity_id, sum(gross_revenue - refunded_amount) FROM rollup_daily WHERE organization_id = $1 AND entity_type = 'MEMBER' AND day >= $2 AND day < $3 GROUP BY 1)) d`,
          [BENCH_ORG, cur.startDate, cur.endDate, c.kind],
        );
        if (drift.rows[0].n !== 0) throw new Error(`rollup_period disagrees with rollup_daily for ${c.label} (${drift.rows[0].n} rows)`);
        // Warm up both paths and check they agree, in both shapes (the columns are the entries, field by field).
        const g = (await post(QUERY, { input })).leaderboard as { entries: Entry[] };
        const gc = linesOf(((await post(COLUMNS_QUERY, { input })).leaderboard as { columns: Columns }).columns);
        const ref = await refs.noJit.query(sql, params);
        const byId = new Map(ref.rows.map((r) => [r.id as string, r]));
        if (g.entries.length !== REPS || ref.rowCount !== REPS) throw new Error(`expected ${REPS} entries, got ${g.entries.length} and ${ref.rowCount}`);
        if (
          JSON.stringify(gc) !==
          JSON.stringify(g.entries.map((e) => ({ entity: { id: e.entity.id }, value: e.value, rank: e.rank, band: e.band, previousRank: e.previousRank })))
        )
          throw new Error(`${c.label}: the columns are not the entries`);
        for (const e of g.entries) {
          const r = byId.get(e.entity.id);
          if (
            !r ||
            Number(r.rank) !== e.rank ||
            r.band !== e.band ||
            Number(r.value) !== e.value ||
            (r.previous_rank === null ? null : Number(r.previous_rank)) !== e.previousRank
          )
            throw new Error(`GraphQL and SQL disagree for ${e.entity.id}: ${JSON.stringify(e)} vs ${JSON.stringify(r)}`);
        }
        const timings: { shape: string; t: Awaited<ReturnType<typeof timeAgainstBestReference>> }[] = [];
        for (const shape of SHAPES) {
          const q = shape === 'columns' ? COLUMNS_QUERY : QUERY;
          timings.push({
            shape,
            t: await timeAgainstBestReference(
              RUNS,
              () => post(q, { input }),
              (db) => db.query(sql, params),
              refs,
            ),
          });
        }
        services[c.kind] = timings[0].t.subject;
        if (process.env.BENCH_PROFILE) {
          const { boardRollupSource, liveBoardSql } = await import('../src/rankings/standings.repository.js');
          const cols = ['gross_revenue', 'refunded_amount'];
          const own = [
            BENCH_ORG,
            'PRE_SALES',
            'ORG',
            null,
            cur.start,
            cur.end,
            cur.startDate,
            cur.endDate,
            prev.start,
            prev.end,
            prev.startDate,
            prev.endDate,
            true,
            'MEMBER',
          ];
          const source = boardRollupSource([cur.startDate, cur.endDate], [prev.startDate, prev.endDate]);
          const time = async (f: () => Promise<unknown>) => {
            const xs: number[] = [];
            for (let i = 0; i < RUNS; i++) {
              const s = process.hrtime.bigint();
              await f();
              xs.push(ms(s));
            }
            return median(xs).toFixed(1);
          };
          const light = 'query($input: LeaderboardInput!) { leaderboard(input: $input) { status } }';
          const ranks = 'query($input: LeaderboardInput!) { leaderboard(input: $input) { entries { rank } } }';
          const { StandingsService } = await import('../src/rankings/standings.service.js');
          const { RequestContext } = await import('../src/common/request-context.js');
          const svc = app.get(StandingsService);
          const sys = () => Object.assign(RequestContext.system(BENCH_ORG), { timeZone: TZ });
          console.log(`  profile: service in-process ${await time(() => svc.leaderboard(sys(), input as never))} ms`);
          console.log(
            `  profile: our live SQL ${await time(() => refs.noJit.query(liveBoardSql('MEMBER' as never, cols, source), own))} ms ` +
              `(over the day rows ${await time(() => refs.noJit.query(liveBoardSql('MEMBER' as never, cols), own))} ms); ` +
              `GraphQL without entries ${await time(() => post(light, { input }))} ms; entries { rank } ${await time(() => post(ranks, { input }))} ms; ` +
              `trivial query ${await time(() => post('{ me { id } }', {}))} ms`,
          );
        }
        for (const { shape, t } of timings) {
          console.log(
            `leaderboard MEMBER (${REPS} reps, net_revenue, ${c.label}, with previous ranks, ${shape}): GraphQL leaderboard median ${t.subject.toFixed(1)} ms; ` +
              `${describeReference(t)}: paired ratio ${t.pairedRatio.toFixed(2)}× (target ≤ 1.3×; ratio of the medians ${t.medianRatio.toFixed(2)}×)`,
          );
          reportResult({ case: `leaderboard ${c.kind} ${shape}`, subject: t.subject, reference: t.bestMs, pairedRatio: t.pairedRatio });
        }
      }
      console.log(
        `period length (${SHAPES[0]}): quarter / week ${(services.QUARTER / services.ISO_WEEK).toFixed(2)}×, month / week ${(services.MONTH / services.ISO_WEEK).toFixed(2)}× (target ≤ 1.2×)`,
      );
    } finally {
      await refs.close();
    }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
