/**
 * bench/reports-revenue: funnelComparison and cohortRevenue through GraphQL vs the same
 * aggregates written by hand in SQL.
 *
 *   npm run bench:reports-revenue    (DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/test)
 *
 * Uses the shared data set of bench/generate.ts (withBench: 2,000 reps, 1,000,000 leads,
 * 200,000 orders over 2026-Q3) and extends it deterministically (hashes of row numbers, like the
 * generator) with what these reports group by: 4 cohort types, 400 camps over the quarter with
 * 70 % of the leads in one, products at the TRIAL / LOW / REGULAR / ADVANCED tiers (30 % of the
 * conversions re-tiered LOW, 15 % ADVANCED), 50,000 TRIAL orders, a repurchase on 10 % of the
 * conversions, referrals on 5 % of the leads, spend per camp and per day, conversion costs per
 * squad and week. The extension is skipped when the database already has it (BENCH_REUSE_DB).
 *
 * Each case first checks that GraphQL and the reference agree, then alternates them
 * (BENCH_WARMUP_REVENUE untimed pairs, default 2, then BENCH_RUNS timed pairs, default 7) and
 * prints both medians and the paired ratio (median of GraphQL / reference over adjacent runs;
 * target ≤ 1.5×).
 */
import 'reflect-metadata';
import type pg from 'pg';
import { median, ms, withBench } from './generate.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WARMUP = Number(process.env.BENCH_WARMUP_REVENUE ?? 2);
const ORG = '00000000-0000-0000-0000-0000000000aa';
const FROM_TS = '2026-07-01 00:00+08';
const TO_TS = '2026-10-01 00:00+08';
const HORIZON = 180;
const TZ = 'Asia/Shanghai';

async function extend(client: pg.Client): Promise<void> {
  const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM cohort_type WHERE organization_id = $1`, [ORG])).rows;
  if (n > 0) return;
  const t0 = process.hrtime.bigint();
  await client.query(
    `INSERT INTO cohort_type (id, organization_id, key, name) VALUES
    ('00000000-0000-0000-0000-0000000000e1', $1, 'free_camp', 'Free camp'), ('00000000-0000-0000-0000-0000000000e2', $1, 'paid_camp', 'Paid camp'),
    ('00000000-0000-0000-0000-0000000000e3', $1, 'trial_class', 'Trial class'), ('00000000-0000-0000-0000-0000000000e4', $1, 'intro_30d', '30-day intro')`,
    [ORG],
  );
  await client.query(
    `INSERT INTO playbook (id, organization_id, legion_id, name, kind) VALUES ('00000000-0000-0000-0000-0000000000f1', $1, '00000000-0000-0000-0000-0000000000b1', 'Camp', 'PRE_SALES')`,
    [ORG],
  );
  await client.query(
    `INSERT INTO playbook_version (id, organization_id, playbook_id, number, status, published_at)
    VALUES ('00000000-0000-0000-0000-0000000000f2', $1, '00000000-0000-0000-0000-0000000000f1', 1, 'PUBLISHED', now())`,
    [ORG],
  );
  // 400 camps over the quarter, types round robin.
  await client.query(
    `INSERT INTO cohort (id, organization_id, name, start_date, time_zone, playbook_version_id, cohort_type_id)
     SELECT ('00000000-0000-0000-0005-' || lpad(to_hex(c), 12, '0'))::uuid, $1, 'Camp ' || c, date '2026-07-01' + (c * 92 / 400), $2,
            '00000000-0000-0000-0000-0000000000f2', ('00000000-0000-0000-0000-0000000000e' || (c % 4 + 1))::uuid
     FROM generate_series(1, 400) c`,
    [ORG, TZ],
  );
  // 70 % of the leads in the camp that started around their creation.
  await client.query(
    `INSERT INTO cohort_lead (cohort_id, lead_id)
     SELECT ('00000000-0000-0000-0005-' || lpad(to_hex(least(400, greatest(1, (extract(epoch FROM l.created_at - timestamptz '2026-06-30 16:00+00') / 86400 * 400 / 92)::int + 1))), 12, '0'))::uuid, l.id
     FROM lead l WHERE l.organization_id = $1 AND bench_rand(('x' || substr(replace(l.id::text, '-', ''), 21, 12))::bit(48)::bigint, 11) < 0.7`,
    [ORG],
  );
  await client.query(
    `INSERT INTO product (id, organization_id, sku, name, kind, price_tier, list_price) VALUES
    ('00000000-0000-0000-0000-0000000000c3', $1, 'LITE', 'Lite', 'REGULAR', 'LOW', 49900),
    ('00000000-0000-0000-0000-0000000000c4', $1, 'ADV', 'Advanced', 'ADVANCED', 'ADVANCED', 299900),
    ('00000000-0000-0000-0000-0000000000c5', $1, 'CAMP', 'Camp', 'INTRO', 'TRIAL', 990)`,
    [ORG],
  );
  await client.query(
    `UPDATE sales_order SET product_id = '00000000-0000-0000-0000-0000000000c3', price_tier = 'LOW'
    WHERE organization_id = $1 AND bench_rand(substr(external_id, 2)::bigint, 13) < 0.3`,
    [ORG],
  );
  await client.query(
    `UPDATE sales_order SET product_id = '00000000-0000-0000-0000-0000000000c4', price_tier = 'ADVANCED', amount = amount * 3
    WHERE organization_id = $1 AND bench_rand(substr(external_id, 2)::bigint, 13) > 0.85 AND refunded_amount = 0`,
    [ORG],
  );
  // TRIAL orders: 50,000 leads pay the 9.90 camp an hour after they were created.
  await client.query(
    `INSERT INTO sales_order (organization_id, external_id, lead_id, product_id, price_tier, amount, paid_at, credited_rep_id, credited_squad_id, is_conversion, is_repurchase, is_referral_conversion)
     SELECT l.organization_id, 't' || i, l.id, '00000000-0000-0000-0000-0000000000c5', 'TRIAL', 990, l.created_at + interval '1 hour', l.owner_id, l.squad_id, false, false, false
     FROM generate_series(1, 50000) i JOIN lead l ON l.id = ('00000000-0000-0000-0003-' || lpad(to_hex(i * 20 + 3), 12, '0'))::uuid`,
  );
  // Repurchases: 10 % of the customers buy the club 40 days after converting.
  await client.query(
    `INSERT INTO sales_order (organization_id, external_id, lead_id, product_id, price_tier, amount, paid_at, credited_rep_id, credited_squad_id, is_conversion, is_repurchase, is_referral_conversion)
     SELECT o.organization_id, 'rp' || o.external_id, o.lead_id, '00000000-0000-0000-0000-0000000000c2', 'REGULAR', 19900, o.paid_at + interval '40 days', o.credited_rep_id, o.credited_squad_id, false, true, false
     FROM sales_order o WHERE o.organization_id = $1 AND o.is_conversion AND bench_rand(substr(o.external_id, 2)::bigint, 17) < 0.1`,
    [ORG],
  );
  // Referrals: 5 % of the leads were referred by the lead created 5 before them.
  await client.query(
    `UPDATE lead SET referred_by_lead_id = ('00000000-0000-0000-0003-' || lpad(to_hex(('x' || substr(replace(id::text, '-', ''), 21, 12))::bit(48)::bigint - 5), 12, '0'))::uuid
     WHERE organization_id = $1 AND ('x' || substr(replace(id::text, '-', ''), 21, 12))::bit(48)::bigint > 5
       AND bench_rand(('x' || substr(replace(id::text, '-', ''), 21, 12))::bit(48)::bigint, 15) < 0.05`,
    [ORG],
  );
  await client.query(
    `INSERT INTO acquisition_spend (organization_id, day, channel, cohort_id, amount)
     SELECT $1, c.start_date, 'AD', c.id, 2000000 + (bench_rand(n, 19) * 3000000)::int
     FROM (SELECT id, start_date, row_number() OVER (ORDER BY id) AS n FROM cohort WHERE organization_id = $1) c`,
    [ORG],
  );
  await client.query(
    `INSERT INTO acquisition_spend (organization_id, day, channel, amount) SELECT $1, d::date, 'ORGANIC', 500000 FROM generate_series(date '2026-07-01', date '2026-09-30', interval '1 day') d`,
    [ORG],
  );
  await client.query(
    `INSERT INTO conversion_cost (organization_id, day, squad_id, category, amount)
     SELECT $1, d::date, s.id, 'commission', 150000 FROM squad s, generate_series(date '2026-07-01', date '2026-09-30', interval '7 days') d WHERE s.organization_id = $1`,
    [ORG],
  );
  await client.query('VACUUM ANALYZE');
  console.log(`extended the data set with camps, tiers, trials, repurchases, referrals and spend in ${(ms(t0) / 1000).toFixed(1)} s`);
}

/** funnelComparison(COHORT_TYPE) written by hand: one row per type with the same numbers. */
const FUNNEL_REFERENCE = `
  WITH lt AS (
    SELECT l.id, l.created_at, l.stage,
           coalesce((SELECT ct.key FROM cohort_lead cl JOIN cohort c ON c.id = cl.cohort_id LEFT JOIN cohort_type ct ON ct.id = c.cohort_type_id
                      WHERE cl.lead_id = l.id ORDER BY c.start_date DESC, c.id DESC LIMIT 1), '') AS grp
    FROM lead l WHERE l.organization_id = '${ORG}' AND l.created_at >= '${FROM_TS}' AND l.created_at < '${TO_TS}'
  ),
  conv AS (SELECT lt.grp, o.lead_id, o.paid_at, o.amount - o.refunded_amount AS net FROM lt JOIN sales_order o ON o.lead_id = lt.id AND o.is_conversion),
  per_lead AS (
    SELECT lt.grp, count(*) AS leads, count(conv.lead_id) AS customers, coalesce(sum(conv.net), 0) AS first_rev,
           count(*) FILTER (WHERE lt.stage = 'INTRO' OR EXISTS (SELECT 1 FROM cohort_lead cl WHERE cl.lead_id = lt.id)
                              OR EXISTS (SELECT 1 FROM lead_stage_change sc WHERE sc.lead_id = lt.id AND sc.to_stage = 'INTRO')
                              OR EXISTS (SELECT 1 FROM sales_order t WHERE t.lead_id = lt.id AND t.price_tier = 'TRIAL')) AS intro
    FROM lt LEFT JOIN conv ON conv.lead_id = lt.id GROUP BY lt.grp
  ),
  window_orders AS (
    SELECT lt.grp, count(*) AS orders, sum(o.amount) AS gross, sum(o.amount - o.refunded_amount) AS net,
           count(*) FILTER (WHERE o.price_tier = 'TRIAL') AS trial, count(*) FILTER (WHERE o.price_tier = 'ADVANCED') AS advanced
    FROM lt JOIN sales_order o ON o.lead_id = lt.id AND o.paid_at < lt.created_at + interval '${HORIZON} days' GROUP BY lt.grp
  ),
  ltv AS (
    SELECT conv.grp, sum(o.amount - o.refunded_amount) AS revenue, count(DISTINCT o.lead_id) FILTER (WHERE o.is_repurchase) AS repurchasers
    FROM conv JOIN sales_order o ON o.lead_id = conv.lead_id AND o.paid_at >= conv.paid_at AND o.paid_at < conv.paid_at + interval '${HORIZON} days' GROUP BY conv.grp
  ),
  refs AS (
    SELECT conv.grp, count(DISTINCT r.id) AS n, sum(ro.amount - ro.refunded_amount) AS revenue
    FROM conv JOIN lead r ON r.referred_by_lead_id = conv.lead_id JOIN sales_order rc ON rc.lead_id = r.id AND rc.is_conversion
    LEFT JOIN sales_order ro ON ro.lead_id = r.id AND ro.paid_at >= rc.paid_at AND ro.paid_at < rc.paid_at + interval '${HORIZON} days'
    GROUP BY conv.grp
  ),
  spend AS (
    SELECT coalesce(ct.key, '') AS grp, sum(s.amount) AS amount FROM acquisition_spend s
    LEFT JOIN cohort c ON c.id = s.cohort_id LEFT JOIN cohort_type ct ON ct.id = c.cohort_type_id
    WHERE s.organization_id = '${ORG}' AND s.day >= '2026-07-01' AND s.day < '2026-10-01' GROUP BY 1
  )
  SELECT p.grp, p.leads, p.customers, p.first_rev, p.intro, w.orders, w.gross, w.net, w.trial, w.advanced, ltv.revenue AS ltv_revenue, ltv.repurchasers,
         refs.n AS referrals, refs.revenue AS referral_revenue, spend.amount AS spend, spend.amount::float8 / nullif(p.customers, 0) AS cac
  FROM per_lead p LEFT JOIN window_orders w ON w.grp = p.grp LEFT JOIN ltv ON ltv.grp = p.grp LEFT JOIN refs ON refs.grp = p.grp LEFT JOIN spend ON spend.grp = p.grp
  ORDER BY p.grp = '', p.grp`;

const month = (col: string) => `(extract(year FROM ${col} AT TIME ZONE '${TZ}') * 12 + extract(month FROM ${col} AT TIME ZONE '${TZ}') - 1)::int`;
/** cohortRevenue(ALL) written by hand: the cumulative per-customer table of the quarter's acquisitions. */
const COHORT_REFERENCE = `
  WITH cu AS (
    SELECT o.lead_id, o.paid_at, ${month('o.paid_at')} AS cm, o.amount - o.refunded_amount AS first_net FROM sales_order o
    WHERE o.organization_id = '${ORG}' AND o.is_conversion AND o.paid_at >= '${FROM_TS}' AND o.paid_at < '${TO_TS}'
  ),
  n AS (SELECT cm, count(*) AS customers, sum(first_net) AS first_rev FROM cu GROUP BY cm),
  cells AS (
    SELECT cu.cm, ${month('o.paid_at')} - cu.cm AS k, sum(o.amount - o.refunded_amount) FILTER (WHERE o.is_conversion) AS first_rev,
           sum(o.amount - o.refunded_amount) FILTER (WHERE NOT o.is_conversion) AS repurchase_rev, 0 AS referral_rev
    FROM cu JOIN sales_order o ON o.lead_id = cu.lead_id AND o.paid_at >= cu.paid_at GROUP BY 1, 2
    UNION ALL
    SELECT cu.cm, ${month('o.paid_at')} - cu.cm, 0, 0, sum(o.amount - o.refunded_amount)
    FROM cu JOIN lead r ON r.referred_by_lead_id = cu.lead_id JOIN sales_order rc ON rc.lead_id = r.id AND rc.is_conversion
    JOIN sales_order o ON o.lead_id = r.id AND o.paid_at >= rc.paid_at AND o.paid_at >= cu.paid_at GROUP BY 1, 2
  ),
  grid AS (SELECT n.cm, k FROM n, generate_series(0, 5) k),
  summed AS (
    SELECT g.cm, g.k, coalesce(sum(c.first_rev), 0) AS first_rev, coalesce(sum(c.repurchase_rev), 0) AS repurchase_rev, coalesce(sum(c.referral_rev), 0) AS referral_rev
    FROM grid g LEFT JOIN cells c ON c.cm = g.cm AND c.k = g.k GROUP BY g.cm, g.k
  ),
  spend AS (SELECT (extract(year FROM day) * 12 + extract(month FROM day) - 1)::int AS cm, sum(amount) AS amount FROM acquisition_spend
            WHERE organization_id = '${ORG}' AND day >= '2026-07-01' AND day < '2026-10-01' GROUP BY 1)
  SELECT s.cm, s.k, n.customers, n.first_rev AS cohort_first_rev, sp.amount AS spend,
         round(sum(s.first_rev + s.repurchase_rev) OVER w / n.customers) AS revenue_per_customer,
         round(sum(s.repurchase_rev) OVER w / n.customers) AS repurchase_per_customer,
         round(sum(s.referral_rev) OVER w / n.customers) AS referral_per_customer
  FROM summed s JOIN n ON n.cm = s.cm LEFT JOIN spend sp ON sp.cm = s.cm
  WINDOW w AS (PARTITION BY s.cm ORDER BY s.k)
  ORDER BY s.cm, s.k`;

async function paired(first: () => Promise<unknown>, second: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) {
    await first();
    await second();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let s = process.hrtime.bigint();
    await first();
    a.push(ms(s));
    s = process.hrtime.bigint();
    await second();
    b.push(ms(s));
  }
  return { g: median(a), q: median(b), ratio: median(a.map((x, i) => x / b[i])) };
}

function report(name: string, r: { g: number; q: number; ratio: number }) {
  console.log(
    `${name}: GraphQL median ${r.g.toFixed(0)} ms vs hand-written SQL ${r.q.toFixed(0)} ms: paired ratio ${r.ratio.toFixed(2)}× ` +
      `(target ≤ 1.5×; ratio of the medians ${(r.g / r.q).toFixed(2)}×; ${RUNS} pairs)`,
  );
}

async function main(): Promise<void> {
  await withBench(async ({ client, post }) => {
    await extend(client);
    const funnelQuery = `query($input: FunnelComparisonInput!) { funnelComparison(input: $input) {
        groupKey leads payingCustomers firstOrderRevenue introLeads paidOrders ordersTrial ordersAdvanced revenue spend cac ltv repurchaseRate kFactor referralRevenue } }`;
    const funnelInput = { groupBy: 'COHORT_TYPE', from: '2026-07-01', to: '2026-10-01', ltvHorizonDays: HORIZON };
    const g = ((await post(funnelQuery, { input: funnelInput })).funnelComparison as Record<string, number | string | null>[]).map((r) => [
      r.groupKey ?? '',
      r.leads,
      r.payingCustomers,
      r.firstOrderRevenue,
      r.introLeads,
      r.paidOrders,
      r.ordersTrial,
      r.ordersAdvanced,
      r.revenue,
      r.spend,
      r.referralRevenue,
    ]);
    const ref = (await client.query(FUNNEL_REFERENCE)).rows.map((r) => [
      r.grp,
      Number(r.leads),
      Number(r.customers),
      Number(r.first_rev),
      Number(r.intro),
      Number(r.orders ?? 0),
      Number(r.trial ?? 0),
      Number(r.advanced ?? 0),
      Number(r.net ?? 0),
      Number(r.spend ?? 0),
      Number(r.referral_revenue ?? 0),
    ]);
    // Both sorted by key (the report orders by name).
    const byKey = (a: unknown[], b: unknown[]) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0);
    g.sort(byKey);
    ref.sort(byKey);
    if (JSON.stringify(g) !== JSON.stringify(ref))
      throw new Error(`funnelComparison and the reference disagree:\n${JSON.stringify(g)}\n${JSON.stringify(ref)}`);
    console.log(`funnelComparison(COHORT_TYPE) rows: ${JSON.stringify(g)}`);
    report(
      'funnelComparison COHORT_TYPE (1M leads, quarter, 180-day horizon)',
      await paired(
        () => post(funnelQuery, { input: funnelInput }),
        () => client.query(FUNNEL_REFERENCE),
      ),
    );

    const curveQuery = `query($input: CohortRevenueInput!) { cohortRevenue(input: $input) {
        cohortMonth customers firstOrderRevenue spend curve { monthsSince revenuePerCustomer repurchasePerCustomer referralPerCustomer } } }`;
    const curveInput = { groupBy: 'ALL', acquiredFrom: '2026-07-01', acquiredTo: '2026-10-01', months: 6 };
    const rows = (await post(curveQuery, { input: curveInput })).cohortRevenue as {
      cohortMonth: string;
      customers: number;
      firstOrderRevenue: number;
      spend: number;
      curve: { monthsSince: number; revenuePerCustomer: number; repurchasePerCustomer: number; referralPerCustomer: number }[];
    }[];
    const gCells = rows.flatMap((r) =>
      r.curve.map((p) => [
        r.cohortMonth,
        r.customers,
        r.firstOrderRevenue,
        r.spend,
        p.monthsSince,
        p.revenuePerCustomer,
        p.repurchasePerCustomer,
        p.referralPerCustomer,
      ]),
    );
    const label = (cm: number) => `${Math.floor(cm / 12)}-${String((cm % 12) + 1).padStart(2, '0')}`;
    const refCells = (await client.query(COHORT_REFERENCE)).rows.map((r) => [
      label(Number(r.cm)),
      Number(r.customers),
      Number(r.cohort_first_rev),
      Number(r.spend ?? 0),
      Number(r.k),
      Number(r.revenue_per_customer),
      Number(r.repurchase_per_customer),
      Number(r.referral_per_customer),
    ]);
    // The reference grid has 6 months for every cohort month; the report leaves out months not begun yet.
    const comparable = refCells.filter((c) => gCells.some((x) => x[0] === c[0] && x[4] === c[4]));
    if (JSON.stringify(gCells) !== JSON.stringify(comparable))
      throw new Error(`cohortRevenue and the reference disagree:\n${JSON.stringify(gCells)}\n${JSON.stringify(comparable)}`);
    console.log(`cohortRevenue(ALL) months ${rows.map((r) => `${r.cohortMonth}: ${r.customers} customers, ${r.curve.length} months`).join('; ')}`);
    report(
      'cohortRevenue ALL (quarter of acquisitions, 6 months)',
      await paired(
        () => post(curveQuery, { input: curveInput }),
        () => client.query(COHORT_REFERENCE),
      ),
    );
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
