/**
 * bench/web-board (issue 16 budgets of the Board): in a real browser (Debian's Chromium through
 * playwright-core), against the built server (`node dist/src/main.js`, NODE_ENV=production) on a
 * scratch PostgreSQL database (DATABASE_URL is the admin URL) with the demo organization:
 *
 * 1. **Response to first paint.** A board of BENCH_REPS (default 2,000) reps (bulk reps added to
 *    the demo squad Tigers with a day of revenue each) and, as the reference in the same run, a
 *    board of the demo squad Falcons (8 reps). For each, BENCH_RUNS (default 7) fresh loads of
 *    `/board?board=…`: the time from the last byte of the `Standings` response (its resource timing)
 *    to the first frame painted after the first row is in the DOM (MutationObserver, then
 *    requestAnimationFrame + a task). Prints the medians, the ratio big / reference and the
 *    budget (≤ 200 ms).
 * 2. **Scrolling.** The big board scrolled by mouse wheel to the end, 600 px per step, one frame
 *    per step: after every frame the rendered rows must cover the visible part of the list; a
 *    frame with a blank band counts as dropped rows. Also checks the last rank is reached.
 * 3. **Order → open board.** BENCH_ORDERS (default 5) orders recorded through the API (as the
 *    demo admin) for one Tigers rep, increasing amounts: the time from the mutation's response to
 *    the rep's row marked changed on the open board (`data-changed-at`: when the page applied the
 *    pushed standings; the row is painted in the next frame). Budget: the
 *    push debounce (RANKINGS_PUSH_DEBOUNCE_MS, default 1,000 ms) + 500 ms.
 *
 * The server and the browser are killed and the database dropped on exit. See bench/README.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { chromium, type Page } from 'playwright-core';
import { graphqlClient } from './http-client.js';

const REPS = Number(process.env.BENCH_REPS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 5);
const DEBOUNCE_MS = Number(process.env.RANKINGS_PUSH_DEBOUNCE_MS ?? 1000);
const BASE = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PASSWORD = 'bench-web-password';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function startServer(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--max-semi-space-size=64', 'dist/src/main.js'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'web-board-bench-secret-web-board-bench-secret',
      RUN_JOBS: 'false',
      SEED_DEMO: 'true',
      DEMO_PASSWORD: PASSWORD,
      RANKINGS_PUSH_DEBOUNCE_MS: String(DEBOUNCE_MS),
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('server exited during startup');
    if (Date.now() > deadline) throw new Error('server not healthy after 120 s');
    const status = await new Promise<number>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/health', timeout: 2000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
      req.on('timeout', () => req.destroy());
    });
    if (status === 200) return { child, port };
    await sleep(250);
  }
}

/** Installed before any page script: when the Standings request started, when the first row was painted. */
const PROBE = `
  window.__bench = { response: [], paint: null }; // response: start times of Standings requests
  const orig = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const body = init && typeof init.body === 'string' ? init.body : '';
    if (body.includes('query Standings')) window.__bench.response.push(performance.now());
    return orig(input, init);
  };
  const obs = new MutationObserver(() => {
    if (window.__bench.paint == null && document.querySelector('[data-testid=standing-row]')) {
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => (window.__bench.paint = performance.now()), 0));
    }
  });
  obs.observe(document, { childList: true, subtree: true });
`;

/** Size of the last Standings response seen by firstPaint (body bytes, and as sent if compressed). */
let lastResponse = { bytes: 0, wire: 0 };

async function firstPaint(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction('window.__bench.paint != null', undefined, { timeout: 30_000 });
  // The Standings response's last byte: its resource timing entry (urql streams the body).
  const { responseEnd, paint, bytes, wire } = (await page.evaluate(`(() => {
    const start = window.__bench.response[0];
    const entry = start == null ? null : performance.getEntriesByType('resource').find((e) => e.name.endsWith('/graphql') && e.startTime >= start - 1);
    return { responseEnd: entry ? entry.responseEnd : null, paint: window.__bench.paint, bytes: entry ? entry.decodedBodySize : 0, wire: entry ? entry.encodedBodySize : 0 };
  })()`)) as { responseEnd: number | null; paint: number; bytes: number; wire: number };
  if (responseEnd == null) throw new Error('no Standings response seen');
  lastResponse = { bytes, wire };
  return paint - responseEnd;
}

async function main() {
  const db = `squadops_webboard_${Date.now().toString(36)}`;
  const u = new URL(BASE);
  u.pathname = `/${db}`;
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${db}"`);
  let server: { child: ChildProcess; port: number } | null = null;
  const profile = mkdtempSync(join(tmpdir(), 'bench-web-board-'));
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | null = null;
  try {
    server = await startServer(u.toString());
    const base = `http://127.0.0.1:${server.port}`;
    const client = new pg.Client({ connectionString: u.toString() });
    await client.connect();
    const [org] = (await client.query(`SELECT o.id, o.time_zone FROM organization o JOIN squad s ON s.organization_id = o.id WHERE s.name = 'Tigers' LIMIT 1`))
      .rows as {
      id: string;
      time_zone: string;
    }[];
    const squad = async (name: string) =>
      ((await client.query(`SELECT id FROM squad WHERE organization_id = $1 AND name = $2`, [org!.id, name])).rows[0] as { id: string }).id;
    const tigers = await squad('Tigers');
    const falcons = await squad('Falcons');
    const existing = Number(
      (
        await client.query(
          `SELECT count(*) FROM squad_membership m JOIN app_user u ON u.id = m.user_id AND u.role = 'MEMBER' WHERE m.squad_id = $1 AND m.valid_to IS NULL`,
          [tigers],
        )
      ).rows[0].count,
    );
    await client.query(
      `WITH u AS (
         INSERT INTO app_user (organization_id, email, name, password_hash, role)
         SELECT $1, 'bulk' || g || '@bench.test', 'Bulk rep ' || g, 'x', 'MEMBER' FROM generate_series(1, $3::int) g RETURNING id
       ), m AS (
         INSERT INTO squad_membership (organization_id, user_id, squad_id, valid_from) SELECT $1, u.id, $2, now() - interval '60 days' FROM u RETURNING user_id
       )
       INSERT INTO rollup_daily (organization_id, entity_type, entity_id, day, gross_revenue, paid_orders, leads_assigned)
       SELECT $1, 'MEMBER', m.user_id, (now() AT TIME ZONE $4)::date, (abs(hashtext(m.user_id::text)) % 100000), 1, 2 FROM m`,
      [org!.id, tigers, Math.max(0, REPS - existing), org!.time_zone],
    );
    await client.query('VACUUM ANALYZE');
    await client.end();

    const api = graphqlClient(`${base}/graphql`);
    const token = (
      await api.post<{ login: { accessToken: string } }>(
        `mutation($p: String!) { login(email: "admin@demo.school", password: $p) { accessToken } }`,
        { p: PASSWORD },
        undefined,
      )
    ).login.accessToken;
    const board = async (name: string, squadId: string) =>
      (
        await api.post<{ createLeaderboard: { id: string } }>(
          'mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id } }',
          {
            input: {
              name,
              scope: 'MEMBER',
              teamKind: 'PRE_SALES',
              populationType: 'SQUAD',
              populationId: squadId,
              periodKind: 'ISO_WEEK',
              metricKey: 'net_revenue',
            },
          },
          token,
        )
      ).createLeaderboard.id;
    const big = await board('Bench: Tigers + bulk reps', tigers);
    const small = await board('Bench: Falcons', falcons);

    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1366, height: 900 } });
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    await page.goto(`${base}/signin`);
    await page.locator('input[name=email]').fill('admin@demo.school');
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/board/);

    // 1. Response → first paint, alternating the big board and the reference.
    const times = { big: [] as number[], small: [] as number[] };
    for (let i = 0; i < RUNS + 1; i++) {
      const b = await firstPaint(page, `${base}/board?board=${big}`);
      const s = await firstPaint(page, `${base}/board?board=${small}`);
      if (i > 0) {
        times.big.push(b);
        times.small.push(s);
      }
    }
    await firstPaint(page, `${base}/board?board=${big}`);
    const bigResponse = lastResponse;
    const total = Number((await page.locator('[data-testid=standings]').locator('[role=table]').getAttribute('aria-rowcount')) ?? 0) - 1;
    const rendered = await page.locator('[data-testid=standing-row]').count();
    const mb = median(times.big);
    const ms = median(times.small);
    console.log(
      `response → first paint: ${total}-row board median ${mb.toFixed(1)} ms (runs ${times.big.map((t) => t.toFixed(0)).join(', ')}), ${rendered} rows in the DOM`,
    );
    console.log(`Standings response of the ${total}-row board: ${bigResponse.bytes} bytes (${bigResponse.wire} bytes on the wire)`);
    console.log(`reference (8-row board) median ${ms.toFixed(1)} ms; ratio ${(mb / ms).toFixed(2)}x; budget ≤ 200 ms: ${mb <= 200 ? 'met' : 'MISSED'}`);

    // 2. Scrolling: one wheel step per frame to the end; count frames with a blank band.
    const scroller = page.locator('[data-testid=standings-rows]');
    const box = (await scroller.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    let frames = 0;
    let dropped = 0;
    for (;;) {
      await page.mouse.wheel(0, 600);
      const state = (await page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => {
        const el = document.querySelector('[data-testid=standings-rows]');
        const r = el.getBoundingClientRect();
        const rows = [...el.querySelectorAll('[role=row]')];
        const rects = rows.map((x) => x.getBoundingClientRect());
        const top = Math.min(...rects.map((x) => x.top));
        const bottom = Math.max(...rects.map((x) => x.bottom));
        const last = Math.max(...rows.map((x) => Number(x.getAttribute('aria-rowindex'))));
        resolve({ covered: top <= r.top + 1 && bottom >= r.bottom - 1, end: el.scrollTop + el.clientHeight >= el.scrollHeight - 1, lastRow: last });
      }))`)) as { covered: boolean; end: boolean; lastRow: number };
      frames++;
      if (!state.covered) dropped++;
      if (state.end || frames > 10_000) {
        console.log(
          `scrolling: ${frames} wheel steps of 600 px to the end, ${dropped} frames with dropped rows; last row index ${state.lastRow - 1} of ${total}`,
        );
        break;
      }
    }

    // 3. Orders recorded through the API → the open board (rep at the top after the first one).
    await firstPaint(page, `${base}/board?board=${big}`);
    const { leads } = await api.post<{ leads: { nodes: { id: string; owner: { id: string } | null }[] } }>(
      `query($s: ID!) { leads(squadId: $s, unassigned: false, first: 20) { nodes { id owner { id } } } }`,
      { s: tigers },
      token,
    );
    const lead = leads.nodes.find((l) => l.owner)!;
    const { products } = await api.post<{ products: { sku: string }[] }>(`{ products { sku } }`, {}, token);
    await sleep(DEBOUNCE_MS + 500); // settle the subscription
    const latencies: number[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const before = Number(
        (await page
          .locator(`[data-entity="${lead.owner!.id}"]`)
          .getAttribute('data-changed-at')
          .catch(() => null)) ?? 0,
      );
      await api.post(
        `mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { id } } }`,
        {
          input: {
            externalId: `bench-web-${Date.now()}-${i}`,
            leadId: lead.id,
            productSku: products[0]!.sku,
            amount: 50_000_000 + i * 100_000,
            paidAt: new Date().toISOString(),
          },
        },
        token,
      );
      const sent = Date.now();
      await page.waitForFunction(
        `Number(document.querySelector('[data-entity="${lead.owner!.id}"]')?.getAttribute('data-changed-at') ?? 0) > ${before}`,
        undefined,
        { timeout: 15_000 },
      );
      const at = Number(await page.locator(`[data-entity="${lead.owner!.id}"]`).getAttribute('data-changed-at'));
      latencies.push(at - sent);
      await sleep(300);
    }
    api.close();
    const p50 = median(latencies);
    const max = Math.max(...latencies);
    console.log(
      `order → open ${total}-row board: p50 ${p50.toFixed(0)} ms, max ${max.toFixed(0)} ms (${latencies.map((x) => x.toFixed(0)).join(', ')}); budget debounce ${DEBOUNCE_MS} + 500 = ${DEBOUNCE_MS + 500} ms: ${max <= DEBOUNCE_MS + 500 ? 'met' : 'MISSED'}`,
    );
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((r) => (server!.child.exitCode !== null ? r(null) : server!.child.once('exit', r)));
    }
    await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch((err) => console.error(`could not drop ${db}: ${String(err)}`));
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
