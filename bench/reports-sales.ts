/**
 * bench/reports-sales: the sales reports through GraphQL vs the same aggregate as hand-written SQL.
 *
 *   npm run bench:reports-sales      (DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/test)
 *
 * Uses the shared data set of bench/generate.ts (2,000 reps, 1,000,000 leads, 200,000 orders over
 * a quarter; BENCH_KEEP_DB / BENCH_REUSE_DB as there) and adds, deterministically and once per
 * database, what these reports read: a published playbook with two objections (five prepared
 * answers), a cohort, one private agenda item for every 4th lead (250,000; 70 % DONE some minutes
 * to two days after the assignment) and an objection log on every 10th lead (100,000; a fifth of
 * them logged twice). Then, alternating each GraphQL read with its hand-written reference statement:
 * - `objectionEffectiveness` for the quarter (window 14 days), ranked, vs one SQL statement with
 *   the same per-answer counts;
 * - `metricValues` of speed_to_lead_minutes, contact_rate_1h and contact_rate_24h for all squads
 *   and all reps, vs one SQL statement with the same medians and counts.
 * Before timing, both paths are checked to agree. Prints the medians and the paired ratio (the
 * figure the ≤ 1.5× target applies to).
 */
import 'reflect-metadata';
import type { Server } from 'node:http';
import type pg from 'pg';
import { BENCH_LEGION, BENCH_ORG, timeAlternating, withBench } from './generate.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const FROM_TS = '2026-07-01 00:00+08';
const TO_TS = '2026-10-01 00:00+08';
const id = (n: number) => `00000000-0000-0000-0000-0000000000${n.toString(16).padStart(2, '0')}`;
const PLAYBOOK = id(0xe1);
const VERSION = id(0xe2);
const STEP = id(0xe3);
const PRICE = id(0xe4);
const THINK = id(0xe5);
const COHORT = id(0xe6);
const ANSWERS = {
  price: ['0000000a-0000-4000-8000-000000000001', '0000000a-0000-4000-8000-000000000002', '0000000a-0000-4000-8000-000000000003'],
  think: ['0000000a-0000-4000-8000-000000000004', '0000000a-0000-4000-8000-000000000005'],
};

async function ensureSalesData(client: pg.Client): Promise<void> {
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM objection_log WHERE organization_id = $1`, [BENCH_ORG]);
  if (rows[0].n > 0) return;
  const t0 = Date.now();
  await client.query('BEGIN');
  await client.query(`INSERT INTO playbook (id, organization_id, legion_id, name, kind) VALUES ($1, $2, $3, 'Bench camp', 'PRE_SALES')`, [
    PLAYBOOK,
    BENCH_ORG,
    BENCH_LEGION,
  ]);
  await client.query(
    `INSERT INTO playbook_version (id, organization_id, playbook_id, number, status, published_at) VALUES ($1, $2, $3, 1, 'PUBLISHED', '2026-06-30')`,
    [VERSION, BENCH_ORG, PLAYBOOK],
  );
  await client.query(
    `INSERT INTO playbook_step (id, organization_id, version_id, key, position, day_offset, local_time, channel, audience, title)
     VALUES ($1, $2, $3, 'dm', 0, 0, '21:00', 'PRIVATE_MESSAGE', 'LEADS', 'DM')`,
    [STEP, BENCH_ORG, VERSION],
  );
  const answers = (ids: string[]) => JSON.stringify(ids.map((a, i) => ({ id: a, persona: null, label: `answer ${i + 1}`, text: `Answer ${i + 1}` })));
  await client.query(
    `INSERT INTO playbook_objection (id, organization_id, version_id, key, position, objection, answers) VALUES
       ($1, $3, $4, 'price', 0, 'Too expensive', $5::jsonb), ($2, $3, $4, 'think', 1, 'I will think about it', $6::jsonb)`,
    [PRICE, THINK, BENCH_ORG, VERSION, answers(ANSWERS.price), answers(ANSWERS.think)],
  );
  await client.query(
    `INSERT INTO cohort (id, organization_id, name, start_date, time_zone, playbook_version_id) VALUES ($1, $2, 'Bench cohort', '2026-07-01', 'Asia/Shanghai', $3)`,
    [COHORT, BENCH_ORG, VERSION],
  );
  // One private item for every 4th lead; 70 % done between 1 minute and 2 days after the assignment.
  await client.query(
    `INSERT INTO agenda_item (organization_id, cohort_id, step_id, rep_id, squad_id, lead_id, day_offset, due_at, local_date, local_time, on_time_deadline, status, completed_at, on_time)
     SELECT l.organization_id, $2, $3, l.owner_id, l.squad_id, l.id, 0, l.assigned_at + interval '1 day', (l.assigned_at AT TIME ZONE 'Asia/Shanghai')::date, '21:00',
            l.assigned_at + interval '2 days',
            CASE WHEN bench_rand(n, 11) < 0.7 THEN 'DONE' ELSE 'PENDING' END::agenda_item_status,
            CASE WHEN bench_rand(n, 11) < 0.7 THEN l.assigned_at + (60 + bench_rand(n, 12) * bench_rand(n, 13) * 172800) * interval '1 second' END,
            CASE WHEN bench_rand(n, 11) < 0.7 THEN true END
       FROM lead l, LATERAL (SELECT ('x' || substr(replace(l.id::text, '-', ''), 21, 12))::bit(48)::bigint AS n) k
      WHERE l.organization_id = $1 AND k.n % 4 = 0`,
    [BENCH_ORG, COHORT, STEP],
  );
  // An objection log on every 10th lead (every 50th twice), from 10 minutes to 3 days after the assignment.
  await client.query(
    `INSERT INTO objection_log (organization_id, agenda_item_id, objection_id, answer_id, lead_id, rep_id, logged_by_id, logged_at)
     SELECT a.organization_id, a.id, CASE WHEN bench_rand(k.n + r, 21) < 0.8 THEN $2::uuid ELSE $3::uuid END,
            CASE WHEN bench_rand(k.n + r, 21) < 0.8 THEN ($4::uuid[])[1 + floor(bench_rand(k.n + r, 22) * 3)::int] ELSE ($5::uuid[])[1 + floor(bench_rand(k.n + r, 22) * 2)::int] END,
            a.lead_id, a.rep_id, a.rep_id, l.assigned_at + (600 + bench_rand(k.n + r, 23) * 259200) * interval '1 second'
       FROM agenda_item a JOIN lead l ON l.id = a.lead_id,
            LATERAL (SELECT ('x' || substr(replace(l.id::text, '-', ''), 21, 12))::bit(48)::bigint AS n) k,
            LATERAL generate_series(0, CASE WHEN k.n % 50 = 0 THEN 1 ELSE 0 END) r
      WHERE a.organization_id = $1 AND a.cohort_id = $6 AND k.n % 20 = 0`,
    [BENCH_ORG, PRICE, THINK, ANSWERS.price, ANSWERS.think, COHORT],
  );
  await client.query('COMMIT');
  await client.query('VACUUM ANALYZE agenda_item');
  await client.query('VACUUM ANALYZE objection_log');
  const c = await client.query(
    `SELECT (SELECT count(*) FROM agenda_item WHERE cohort_id = $1)::int AS items, (SELECT count(*) FROM objection_log WHERE organization_id = $2)::int AS logs`,
    [COHORT, BENCH_ORG],
  );
  console.log(`added ${c.rows[0].items} agenda items and ${c.rows[0].logs} objection logs in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Objection effectiveness by hand: per (playbook, objection key, answer), the same counts. */
const EFFECTIVENESS_SQL = `
  WITH per_lead AS (
    SELECT pv.playbook_id, po.key, ol.answer_id, ol.lead_id, count(*) AS uses,
           coalesce(bool_or(o.paid_at > ol.logged_at AND o.paid_at <= ol.logged_at + interval '14 days'), false) AS conv,
           coalesce(bool_or(ol.logged_at + interval '14 days' > now()), false) AS open
      FROM objection_log ol
      JOIN playbook_objection po ON po.id = ol.objection_id
      JOIN playbook_version pv ON pv.id = po.version_id
      LEFT JOIN sales_order o ON o.lead_id = ol.lead_id AND o.is_conversion
     WHERE ol.organization_id = '${BENCH_ORG}' AND ol.logged_at >= '${FROM_TS}' AND ol.logged_at < '${TO_TS}'
     GROUP BY pv.playbook_id, po.key, ol.answer_id, ol.lead_id)
  SELECT key, answer_id, sum(uses)::int AS uses, count(lead_id) FILTER (WHERE conv OR NOT open)::int AS leads,
         count(lead_id) FILTER (WHERE open AND NOT conv)::int AS pending, count(lead_id) FILTER (WHERE conv)::int AS converted
    FROM per_lead GROUP BY playbook_id, key, answer_id ORDER BY key, answer_id`;

/** Speed to lead by hand, per squad or rep: the same definition as the catalog metrics. */
const SPEED_SQL = (entity: 'to_squad_id' | 'to_owner_id') => `
  WITH a AS (
    SELECT e.id, e.${entity} AS entity_id, e.lead_id, e.to_owner_id, e.at FROM lead_assignment_event e
     WHERE e.organization_id = '${BENCH_ORG}' AND e.at >= '${FROM_TS}' AND e.at < '${TO_TS}' AND e.to_owner_id IS NOT NULL AND e.to_owner_id IS DISTINCT FROM e.from_owner_id),
  c AS (
    SELECT lead_id, completed_at AS t FROM agenda_item WHERE organization_id = '${BENCH_ORG}' AND status = 'DONE' AND completed_at >= '${FROM_TS}'
    UNION ALL
    SELECT lead_id, logged_at FROM objection_log WHERE organization_id = '${BENCH_ORG}' AND logged_at >= '${FROM_TS}'),
  first_contact AS (
    SELECT a.id, a.entity_id, a.lead_id, a.to_owner_id, a.at, min(c.t) AS t FROM a JOIN c ON c.lead_id = a.lead_id AND c.t >= a.at
     GROUP BY a.id, a.entity_id, a.lead_id, a.to_owner_id, a.at),
  f AS (
    SELECT entity_id, at, t AS first_at FROM first_contact fc
     WHERE fc.t < coalesce((SELECT min(n.at) FROM lead_assignment_event n WHERE n.lead_id = fc.lead_id AND n.at > fc.at AND n.to_owner_id IS DISTINCT FROM fc.to_owner_id), 'infinity')),
  n AS (SELECT entity_id, count(*)::int AS assignments FROM a GROUP BY entity_id),
  m AS (
    SELECT entity_id, count(*)::int AS contacted, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_at - at)) / 60 AS median_minutes,
           count(*) FILTER (WHERE first_at <= at + interval '1 hour')::int AS within_1h,
           count(*) FILTER (WHERE first_at <= at + interval '24 hours')::int AS within_24h
      FROM f GROUP BY entity_id)
  SELECT n.entity_id, n.assignments, coalesce(m.contacted, 0) AS contacted, m.median_minutes, coalesce(m.within_1h, 0) AS within_1h, coalesce(m.within_24h, 0) AS within_24h
    FROM n LEFT JOIN m ON m.entity_id = n.entity_id ORDER BY n.entity_id`;

async function main(): Promise<void> {
  await withBench(async ({ client, post, app }) => {
    // The reference statements take seconds: keep the client's socket open between two requests.
    (app.getHttpServer() as Server).keepAliveTimeout = 600_000;
    await ensureSalesData(client);
    await client.query('CHECKPOINT');

    // Objection effectiveness.
    const effQuery = `query($input: ObjectionEffectivenessInput!) { objectionEffectiveness(input: $input) { rows { objectionKey answerId uses leads pendingLeads converted rate rateLow rank } } }`;
    const effInput = { input: { period: { kind: 'QUARTER', start: '2026-07-01' }, windowDays: 14 } };
    type EffRow = { objectionKey: string; answerId: string | null; uses: number; leads: number; pendingLeads: number; converted: number };
    const api = ((await post(effQuery, effInput)).objectionEffectiveness as { rows: EffRow[] }).rows;
    const ref = (await client.query(EFFECTIVENESS_SQL)).rows as {
      key: string;
      answer_id: string;
      uses: number;
      leads: number;
      pending: number;
      converted: number;
    }[];
    const key = (k: string, a: string | null) => `${k}|${a}`;
    const byKey = new Map(api.map((r) => [key(r.objectionKey, r.answerId), r]));
    if (
      ref.length !== api.length ||
      ref.some((r) => {
        const g = byKey.get(key(r.key, r.answer_id));
        return !g || g.uses !== r.uses || g.leads !== r.leads || g.pendingLeads !== r.pending || g.converted !== r.converted;
      })
    ) {
      throw new Error(`objectionEffectiveness and the reference disagree: ${JSON.stringify({ api, ref })}`);
    }
    console.log(`objectionEffectiveness: ${api.length} answers, ${api.reduce((s, r) => s + r.uses, 0)} uses; paths agree`);
    const eff = await timeAlternating(
      RUNS,
      () => post(effQuery, effInput),
      () => client.query(EFFECTIVENESS_SQL),
    );
    console.log(
      `objectionEffectiveness (quarter)   GraphQL ${eff.first.toFixed(1)} ms   reference SQL ${eff.second.toFixed(1)} ms   paired ratio ${eff.pairedRatio.toFixed(2)}x`,
    );

    // Speed to lead and contact rates.
    const mvQuery = `query($input: MetricValuesInput!) { metricValues(input: $input) { entityIds series { metricKey values numerators denominators } } }`;
    for (const [entityType, column] of [
      ['SQUAD', 'to_squad_id'],
      ['MEMBER', 'to_owner_id'],
    ] as const) {
      const input = {
        input: { metricKeys: ['speed_to_lead_minutes', 'contact_rate_1h', 'contact_rate_24h'], entityType, period: { kind: 'QUARTER', start: '2026-07-01' } },
      };
      const res = (await post(mvQuery, input)).metricValues as {
        entityIds: string[];
        series: { values: (number | null)[]; numerators: number[]; denominators: (number | null)[] }[];
      };
      const rows = (await client.query(SPEED_SQL(column))).rows as {
        entity_id: string;
        assignments: number;
        contacted: number;
        median_minutes: number | null;
        within_1h: number;
        within_24h: number;
      }[];
      const at = new Map(res.entityIds.map((e, i) => [e, i]));
      const disagree = rows.filter((r) => {
        const i = at.get(r.entity_id);
        if (i === undefined) return true;
        const [med, h1, h24] = res.series;
        const m = med!.values[i];
        return (
          med!.numerators[i] !== r.contacted ||
          (m === null ? r.median_minutes !== null : Math.abs(m - Number(r.median_minutes)) > 1e-9) ||
          h1!.numerators[i] !== r.within_1h ||
          h1!.denominators[i] !== r.assignments ||
          h24!.numerators[i] !== r.within_24h
        );
      });
      if (disagree.length) throw new Error(`speed to lead (${entityType}) disagrees on ${disagree.length} entities, e.g. ${JSON.stringify(disagree[0])}`);
      console.log(`speed to lead ${entityType}: ${rows.length} entities with assignments; paths agree`);
      const r = await timeAlternating(
        RUNS,
        () => post(mvQuery, input),
        () => client.query(SPEED_SQL(column)),
      );
      console.log(
        `speed to lead + contact rates (${entityType}, quarter)   GraphQL ${r.first.toFixed(1)} ms   reference SQL ${r.second.toFixed(1)} ms   paired ratio ${r.pairedRatio.toFixed(2)}x`,
      );
    }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
