/**
 * bench/fanout (issue 19 item 7): live-standings fan-out across API replicas.
 *
 * On a scratch PostgreSQL database (DATABASE_URL is the admin URL) and Redis (BENCH_REDIS_URL,
 * default redis://127.0.0.1:6379), starts two API processes from dist/ (`node dist/src/main.js`,
 * REDIS_URL set, RUN_JOBS=false), seeds one organization with a weekly board of BENCH_REPS reps,
 * opens BENCH_SUBSCRIBERS graphql-ws subscribers to `standingsChanged` split across the two
 * replicas, records BENCH_ORDERS orders on replica A one after the other and measures, for each,
 * the time from the mutation's HTTP response to the message of the last subscriber that shows
 * the order. Then the same on ONE replica without REDIS_URL (in-process pub/sub, every subscriber
 * on it). Prints p50 and max of both, the ratio of the p50s, the misses (subscriber × order pairs
 * never delivered within BENCH_ORDER_TIMEOUT_MS), the server memory per subscriber (VmRSS of
 * each server process before and after subscribing) and the payload per push: the whole board
 * (the first message of a subscription, what every push carried before changes were sent)
 * against a change message (header, changed lines, removed ids), in JSON bytes as received. Every wait is bounded; the children are
 * killed on exit. See bench/README.md.
 */
import { readFileSync } from 'node:fs';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import pg from 'pg';
import WebSocket from 'ws';
import { hashPassword } from '../src/common/password.js';
import { graphqlClient } from './http-client.js';
import { runBench, sleep, startServer as startReplica, stopProcess, within, type Server } from './processes.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 20);
const REPS = Number(process.env.BENCH_REPS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
/** 1: every rep starts the week with a distinct revenue (today's rollup), so an order moves one rep a few places instead of lifting it above a tie of zeros. */
const SPREAD = process.env.BENCH_SPREAD === '1';
const ORDER_TIMEOUT_MS = Number(process.env.BENCH_ORDER_TIMEOUT_MS ?? 15_000);
const DEBOUNCE_MS = process.env.BENCH_DEBOUNCE_MS ?? '0';
const TOTAL_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 900) * 1000;
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
const BASE = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const JWT_SECRET = 'fanout-bench-secret-fanout-bench-secret';

const ORG = '00000000-0000-0000-0000-0000000000aa';
const LEGION = '00000000-0000-4000-8000-0000000000b1';
const SQUAD = '00000000-0000-0000-0001-000000000001';
const leadId = (i: number) => `00000000-0000-4003-8000-${i.toString(16).padStart(12, '0')}`;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function vmRssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

function startServer(name: string, databaseUrl: string, redisUrl: string | null): Promise<Server> {
  return startReplica(name, {
    databaseUrl,
    jwtSecret: JWT_SECRET,
    redisUrl,
    extra: {
      LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn',
      RANKINGS_PUSH_DEBOUNCE_MS: DEBOUNCE_MS,
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
    },
  });
}

const stopServer = (s: Server) => stopProcess(s);

async function seed(client: pg.Client, leads: number): Promise<void> {
  await client.query(`INSERT INTO organization (id, name, time_zone, currency) VALUES ($1, 'Fanout School', 'UTC', 'CNY')`, [ORG]);
  await client.query(
    `INSERT INTO app_user (id, organization_id, email, name, password_hash, role) VALUES ('00000000-0000-0000-0000-0000000000ad', $1, 'admin@bench.test', 'Bench Admin', $2, 'ADMIN')`,
    [ORG, await hashPassword('bench-password')],
  );
  await client.query(`INSERT INTO legion (id, organization_id, name, kind) VALUES ($1, $2, 'Bench Legion', 'PRE_SALES')`, [LEGION, ORG]);
  await client.query(`INSERT INTO squad (id, organization_id, legion_id, name) VALUES ($1, $2, $3, 'Squad 1')`, [SQUAD, ORG, LEGION]);
  await client.query(
    `INSERT INTO app_user (id, organization_id, email, name, password_hash, role)
     SELECT ('00000000-0000-0000-0002-' || lpad(to_hex(r), 12, '0'))::uuid, $2, 'rep' || r || '@bench.test', 'Rep ' || r, 'x', 'MEMBER'
     FROM generate_series(1, $1) r`,
    [REPS, ORG],
  );
  await client.query(
    `INSERT INTO squad_membership (organization_id, user_id, squad_id, valid_from)
     SELECT $2, ('00000000-0000-0000-0002-' || lpad(to_hex(r), 12, '0'))::uuid, $3, '2026-01-01' FROM generate_series(1, $1) r`,
    [REPS, ORG, SQUAD],
  );
  await client.query(
    `INSERT INTO product (id, organization_id, sku, name, kind, price_tier, list_price) VALUES ('00000000-0000-0000-0000-0000000000c1', $1, 'REG', 'Regular', 'REGULAR', 'REGULAR', 99900)`,
    [ORG],
  );
  if (SPREAD)
    await client.query(
      `INSERT INTO rollup_daily (organization_id, entity_type, entity_id, day, gross_revenue, paid_orders)
       SELECT $2, 'MEMBER', ('00000000-0000-0000-0002-' || lpad(to_hex(r), 12, '0'))::uuid, (now() AT TIME ZONE 'UTC')::date, r * 1000 + 7, 1
       FROM generate_series(1, $1) r`,
      [REPS, ORG],
    );
  // One lead per order to record, owned round-robin by the reps, created an hour ago.
  await client.query(
    `INSERT INTO lead (id, organization_id, name, email, source, owner_id, squad_id, assigned_at, stage, stage_changed_at, created_at, updated_at)
     SELECT ('00000000-0000-4003-8000-' || lpad(to_hex(i), 12, '0'))::uuid, $2, 'Lead ' || i, 'lead' || i || '@bench.test', 'AD',
            ('00000000-0000-0000-0002-' || lpad(to_hex((i % $3) + 1), 12, '0'))::uuid, $4, t, 'INTRO', t, t, t
     FROM generate_series(1, $1) i, LATERAL (SELECT now() - interval '1 hour' AS t) x`,
    [leads, ORG, REPS, SQUAD],
  );
  await client.query(
    `INSERT INTO lead_assignment_event (organization_id, lead_id, to_owner_id, to_squad_id, at)
     SELECT organization_id, id, owner_id, squad_id, assigned_at FROM lead WHERE organization_id = $1`,
    [ORG],
  );
}

interface Subscriber {
  client: Client;
  /** This subscriber's copy of the board: value per entity, from the whole board and the changes applied to it. */
  values: Map<string, number>;
  /** Highest board total seen. */
  total: number;
  /** Order number (1-based across the run) last delivered to this subscriber. */
  hit: number;
}

interface PhaseResult {
  label: string;
  /** JSON bytes of each whole-board message (the first of each subscription; every push before changes were sent). */
  wholeBytes: number[];
  /** JSON bytes of each change message. */
  changeBytes: number[];
  latencies: number[];
  misses: number;
  memory: { name: string; beforeKb: number; afterKb: number; subscribers: number }[];
}

let nextLead = 1;

/** Opens the subscribers over `servers` (round-robin), records orders on servers[0] and measures. */
async function phase(label: string, servers: Server[], boardId: string): Promise<PhaseResult> {
  const api = graphqlClient(`http://127.0.0.1:${servers[0].port}/graphql`);
  const subs: Subscriber[] = [];
  const wholeBytes: number[] = [];
  const changeBytes: number[] = [];
  try {
    const login = await api.post<{ login: { accessToken: string } }>(
      'mutation { login(email: "admin@bench.test", password: "bench-password") { accessToken } }',
      {},
    );
    const token = login.login.accessToken;
    // The board's total before the timed orders: known once a warm-up order reached everyone.
    let expected: number | null = null;

    const before = servers.map((s) => vmRssKb(s.child.pid!));
    // Delivery bookkeeping: the current target total and the arrivals for it.
    let order = 0;
    let target: number | null = null;
    let pending = 0;
    let arrivals: number[] = [];
    let allIn: () => void = () => undefined;
    const onBoard = (s: Subscriber, total: number) => {
      const t = now();
      if (total > s.total) s.total = total;
      if (s.hit < order && (target === null || s.total >= target - 0.5)) {
        s.hit = order;
        arrivals.push(t);
        if (--pending === 0) allIn();
      }
    };
    // The lines as the console selects them (apps/web/src/routes/board/operations.ts), whole or changed.
    const LINE = 'rank position band value adjustedValue numerator denominator previousRank rankDelta bottomStreak unrankedReason entity { id name }';
    const HEADER = 'definitionId name status direction populationRate period { label kind startDate } bands { top middle bottom unranked }';
    const query = `subscription($id: ID!) { standingsChanged(leaderboardId: $id) { revision baseRevision board { ${HEADER} entries { ${LINE} } } header { ${HEADER} } changed { ${LINE} } removed } }`;
    // Connect in batches, so the servers are not asked to verify 1,000 tokens in the same tick.
    const BATCH = 50;
    for (let i = 0; i < SUBSCRIBERS; i += BATCH) {
      const batch: Promise<void>[] = [];
      for (let j = i; j < Math.min(SUBSCRIBERS, i + BATCH); j++) {
        const server = servers[j % servers.length];
        const client = createClient({
          url: `ws://127.0.0.1:${server.port}/graphql`,
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          lazy: true,
          connectionParams: { authorization: `Bearer ${token}` },
        });
        const s: Subscriber = { client, values: new Map(), total: -Infinity, hit: 0 };
        subs.push(s);
        batch.push(
          within(
            new Promise<void>((resolve, reject) => {
              client.on('connected', () => resolve());
              client.on('closed', (e) => reject(new Error(`subscriber ${j} closed: ${(e as { code?: number }).code}`)));
            }),
            30_000,
            `subscriber ${j} to connect`,
          ),
        );
        type Line = { value: number | null; entity: { id: string } };
        client.subscribe<{ standingsChanged: { board: { entries: Line[] } | null; changed: Line[]; removed: string[] } }>(
          { query, variables: { id: boardId } },
          {
            next: (v) => {
              if (!v.data) return;
              const m = v.data.standingsChanged;
              (m.board ? wholeBytes : changeBytes).push(Buffer.byteLength(JSON.stringify(v)));
              if (m.board) s.values = new Map(m.board.entries.map((e) => [e.entity.id, e.value ?? 0]));
              for (const id of m.removed) s.values.delete(id);
              for (const e of m.changed) s.values.set(e.entity.id, e.value ?? 0);
              let total = 0;
              for (const x of s.values.values()) total += x;
              onBoard(s, total);
            },
            error: (err) => console.error(`subscriber ${j}: ${JSON.stringify(err).slice(0, 300)}`),
            complete: () => undefined,
          },
        );
      }
      await Promise.all(batch);
    }

    const paidAt = () => new Date(Date.now() - 60_000).toISOString();
    /** Records one order on servers[0]; resolves with the response time and the last arrival (or null on timeout). */
    const recordOne = async (): Promise<{ latency: number; missed: number }> => {
      const lead = nextLead++;
      const amount = 10_000 + ((lead * 7919) % 50_000);
      order++;
      // Warm-up: any push after the order counts; timed: only a board whose total shows the order.
      if (expected !== null) expected += amount;
      target = expected;
      pending = subs.length;
      arrivals = [];
      const done = new Promise<void>((resolve) => (allIn = resolve));
      await api.post(
        'mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { id } } }',
        { input: { externalId: `fanout-${lead}`, leadId: leadId(lead), productSku: 'REG', amount, paidAt: paidAt() } },
        token,
      );
      const responded = now();
      const timedOut = await within(done, ORDER_TIMEOUT_MS, 'delivery').then(
        () => false,
        () => true,
      );
      return { latency: timedOut ? NaN : Math.max(...arrivals) - responded, missed: pending };
    };

    // Warm-up orders (untimed): JIT, and proof that every subscription is active on the server
    // (a subscribe message has no acknowledgement in graphql-ws). Repeats until one order reaches all.
    let warm = 0;
    for (let tries = 0; warm < WARMUP; tries++) {
      if (tries >= WARMUP + 10) throw new Error(`${label}: no warm-up order reached every subscriber`);
      const r = await recordOne();
      warm = r.missed === 0 ? warm + 1 : 0;
    }
    const totals = new Set(subs.map((s) => s.total));
    if (totals.size !== 1) console.warn(`${label}: subscribers disagree on the board total after warm-up: ${[...totals].slice(0, 5).join(', ')}`);
    expected = Math.max(...subs.map((s) => s.total));
    await sleep(1000);
    const after = servers.map((s) => vmRssKb(s.child.pid!));

    const latencies: number[] = [];
    let misses = 0;
    for (let k = 0; k < ORDERS; k++) {
      const r = await recordOne();
      misses += r.missed;
      if (!Number.isNaN(r.latency)) latencies.push(r.latency);
      await sleep(100);
    }
    return {
      label,
      wholeBytes,
      changeBytes,
      latencies,
      misses,
      memory: servers.map((s, i) => ({
        name: s.name,
        beforeKb: before[i],
        afterKb: after[i],
        subscribers: subs.filter((_, j) => j % servers.length === i).length,
      })),
    };
  } finally {
    await within(Promise.all(subs.map((s) => s.client.dispose())), 10_000, 'subscribers to close').catch(() => undefined);
    api.close();
  }
}

function report(r: PhaseResult): number {
  const p50 = median(r.latencies);
  console.log(
    `${r.label.padEnd(34)} p50 ${p50.toFixed(1)} ms   p90 ${quantile(r.latencies, 0.9).toFixed(1)} ms   max ${Math.max(...r.latencies).toFixed(1)} ms   ` +
      `orders delivered to all ${r.latencies.length}/${ORDERS}   misses ${r.misses}`,
  );
  for (const m of r.memory) {
    console.log(
      `  ${m.name}: VmRSS ${(m.beforeKb / 1024).toFixed(1)} MiB -> ${(m.afterKb / 1024).toFixed(1)} MiB with ${m.subscribers} subscribers = ` +
        `${((m.afterKb - m.beforeKb) / m.subscribers).toFixed(1)} KiB per subscriber`,
    );
  }
  const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
  if (r.wholeBytes.length && r.changeBytes.length)
    console.log(
      `  payload per push: whole board ${kib(median(r.wholeBytes))} (median of ${r.wholeBytes.length})   change ${kib(median(r.changeBytes))} (median of ${r.changeBytes.length}, max ${kib(Math.max(...r.changeBytes))})   ratio ${(median(r.wholeBytes) / median(r.changeBytes)).toFixed(1)}x`,
    );
  return p50;
}

async function main(): Promise<void> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null });
  try {
    await within(
      probe.connect().then(() => probe.ping()),
      3000,
      `Redis at ${REDIS_URL}`,
    );
  } finally {
    probe.disconnect();
  }
  const db = `squadops_fanout_${Date.now().toString(36)}`;
  const u = new URL(BASE);
  u.pathname = `/${db}`;
  const dbUrl = u.toString();
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${db}"`);
  const servers: Server[] = [];
  try {
    console.log(
      `fan-out: ${SUBSCRIBERS} subscribers, ${ORDERS} orders (+${WARMUP} warm-up), ${REPS} reps${SPREAD ? ' with distinct revenue' : ''}, push debounce ${DEBOUNCE_MS} ms`,
    );
    // A first (it runs the migrations on the empty database), then B.
    const a = await startServer('replica A', dbUrl, REDIS_URL);
    servers.push(a);
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    await seed(client, 2 * (ORDERS + WARMUP + 10));
    await client.end();
    const b = await startServer('replica B', dbUrl, REDIS_URL);
    servers.push(b);

    const api = graphqlClient(`http://127.0.0.1:${a.port}/graphql`);
    const token = (
      await api.post<{ login: { accessToken: string } }>('mutation { login(email: "admin@bench.test", password: "bench-password") { accessToken } }', {})
    ).login.accessToken;
    const board = await api.post<{ createLeaderboard: { id: string } }>(
      'mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id } }',
      {
        input: {
          name: 'Fan-out',
          scope: 'MEMBER',
          teamKind: 'PRE_SALES',
          populationType: 'LEGION',
          populationId: LEGION,
          periodKind: 'ISO_WEEK',
          metricKey: 'net_revenue',
        },
      },
      token,
    );
    api.close();
    const boardId = board.createLeaderboard.id;

    const redis = await phase('Redis, 2 replicas (orders on A)', [a, b], boardId);
    await stopServer(a);
    await stopServer(b);
    servers.length = 0;

    const single = await startServer('single replica', dbUrl, null);
    servers.push(single);
    const local = await phase('in-process, 1 replica', [single], boardId);

    console.log('');
    const p50Redis = report(redis);
    const p50Local = report(local);
    const ratio = p50Redis / p50Local;
    console.log(`ratio Redis p50 / in-process p50: ${ratio.toFixed(2)}x (target <= 1.5x)   misses: ${redis.misses + local.misses}`);
  } finally {
    for (const s of servers) await stopServer(s).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch((err) => console.error(`could not drop ${db}: ${String(err)}`));
    await admin.end();
  }
}

runBench('bench/fanout', TOTAL_TIMEOUT_MS, main);
