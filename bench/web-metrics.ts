/**
 * bench/web-metrics (issue 17 budget of the metric explorer): in a real browser (Debian's Chromium
 * through playwright-core), against the built server (`node dist/src/main.js`, NODE_ENV=production)
 * on an empty DATA_DIR (the embedded database) with the demo organization, signed in as the demo
 * manager:
 *
 * **Data → chart.** `/numbers/metrics` asks `metricValues` once per period (13 weeks). The
 * bench answers those requests itself (Playwright route interception) with BENCH_REPS (default
 * 2,000) reps with a value, numerator and denominator per week, deterministic; everything else
 * goes to the server. For each of BENCH_RUNS (default 7) fresh loads it measures the time from
 * the arrival of the last period's response body (a fetch wrapper installed before any page
 * script) to the first frame painted after the chart shows every series (`data-series` =
 * BENCH_REPS; MutationObserver, then requestAnimationFrame + a task). As the reference in the
 * same run, the same with 8 reps. Prints the medians, their ratio and the budget (≤ 500 ms);
 * exits 1 when the median misses it. Then one more load of the big chart times a highlight (a
 * ticked row drawn in colour on top of the 2,000 grey lines).
 *
 *   npm run bench:web-metrics
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Route } from 'playwright-core';

const REPS = Number(process.env.BENCH_REPS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BUDGET_MS = 500;
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

async function startServer(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--max-semi-space-size=64', 'dist/src/main.js'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      JWT_SECRET: 'web-metrics-bench-secret-web-metrics-bench-secret',
      RUN_JOBS: 'false',
      SEED_DEMO: 'true',
      DEMO_PASSWORD: PASSWORD,
      REDIS_URL: '',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + Number(process.env.WEB_BOOT_TIMEOUT_MS ?? 300_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error('server exited during startup');
    if (Date.now() > deadline) throw new Error('server not healthy in time');
    const status = await new Promise<number>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/health', timeout: 2000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
      req.on('timeout', () => req.destroy());
    });
    if (status === 200) return { child, port };
    await sleep(500);
  }
}

/** A deterministic pseudo-random number in [0, 1) of two integers. */
const noise = (a: number, b: number) => {
  let x = (a * 374761393 + b * 668265263) | 0;
  x = Math.imul(x ^ (x >>> 13), 1274126177);
  return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
};

/** The `metricValues` answer for one period with `reps` reps (a rate: conversions / leads). */
function metricValuesBody(reps: number, metricKey: string, start: string, week: number): string {
  const entities = new Array(reps);
  const values = new Array(reps);
  const numerators = new Array(reps);
  const denominators = new Array(reps);
  for (let i = 0; i < reps; i++) {
    entities[i] = { __typename: 'MetricEntity', id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Bench rep ${i + 1}` };
    const leads = 5 + Math.floor(noise(i, week) * 40);
    const conv = Math.floor(leads * noise(i + 7, week + 3) * 0.5);
    numerators[i] = conv;
    denominators[i] = leads;
    values[i] = conv / leads;
  }
  return JSON.stringify({
    data: {
      metricValues: {
        __typename: 'MetricValues',
        period: { __typename: 'Period', label: start, startDate: start },
        entities,
        series: [{ __typename: 'MetricSeries', metricKey, values, numerators, denominators }],
      },
    },
  });
}

/** Installed before any page script: when each MetricSeries body arrived, when the full chart was painted. */
const PROBE = `
  window.__bench = { arrived: [], paint: null, want: 0 };
  const orig = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const body = init && typeof init.body === 'string' ? init.body : '';
    const res = await orig(input, init);
    if (!body.includes('query MetricSeries')) return res;
    const text = await res.text();
    window.__bench.arrived.push(performance.now());
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  const obs = new MutationObserver(() => {
    const chart = document.querySelector('[data-testid=metric-chart]');
    if (window.__bench.paint == null && window.__bench.want && chart && Number(chart.getAttribute('data-series')) === window.__bench.want) {
      requestAnimationFrame(() => setTimeout(() => { if (window.__bench.paint == null) window.__bench.paint = performance.now(); }, 0));
    }
  });
  obs.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-series'] });
`;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-web-metrics-data-'));
  const profile = mkdtempSync(join(tmpdir(), 'bench-web-metrics-'));
  let server: { child: ChildProcess; port: number } | null = null;
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | null = null;
  try {
    server = await startServer(dataDir);
    const base = `http://127.0.0.1:${server.port}`;
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1366, height: 900 } });
    await context.addInitScript({ content: PROBE });
    let reps = REPS;
    let answered = 0;
    await context.route('**/graphql', async (route: Route) => {
      const req = route.request();
      const body = req.postData() ?? '';
      if (req.method() !== 'POST' || !body.includes('query MetricSeries')) return route.fallback();
      const { variables } = JSON.parse(body) as { variables: { input: { metricKeys: string[]; period: { start: string } } } };
      const start = variables.input.period.start;
      answered++;
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: metricValuesBody(reps, variables.input.metricKeys[0]!, start, Number(start.replace(/-/g, '')) % 997),
      });
    });
    const page = await context.newPage();
    await page.goto(`${base}/signin`);
    await page.locator('input[name=email]').fill('manager@demo.school');
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/signin'));

    const load = async (n: number): Promise<number> => {
      reps = n;
      await page.goto(`${base}/numbers/metrics`);
      await page.evaluate(`window.__bench.want = ${n}`);
      await page.waitForFunction('window.__bench.paint != null', undefined, { timeout: 60_000 });
      const { arrived, paint } = (await page.evaluate('({ arrived: window.__bench.arrived, paint: window.__bench.paint })')) as {
        arrived: number[];
        paint: number;
      };
      if (arrived.length !== 13) throw new Error(`expected 13 period responses, saw ${arrived.length}`);
      return paint - Math.max(...arrived);
    };
    const times = { big: [] as number[], small: [] as number[] };
    for (let i = 0; i < RUNS + 1; i++) {
      const b = await load(REPS);
      const s = await load(8);
      if (i > 0) {
        times.big.push(b);
        times.small.push(s);
      }
    }
    const mb = median(times.big);
    const ms = median(times.small);
    console.log(
      `metric explorer, ${REPS} reps × 13 weeks: last response → chart painted median ${mb.toFixed(1)} ms (runs ${times.big.map((t) => t.toFixed(0)).join(', ')}); ${answered} period responses served`,
    );
    console.log(
      `reference (8 reps × 13 weeks) median ${ms.toFixed(1)} ms; ratio ${(mb / ms).toFixed(2)}x; budget ≤ ${BUDGET_MS} ms: ${mb <= BUDGET_MS ? 'met' : 'MISSED'}`,
    );

    // Highlight: tick the first row of the big chart; time to the coloured series painted.
    await load(REPS);
    const hl = (await page.evaluate(`new Promise((resolve) => {
      const box = document.querySelector('[data-testid=metric-row] input[type=checkbox]');
      const t0 = performance.now();
      const obs = new MutationObserver(() => {
        if (document.querySelector('[data-testid=chart-series]')) {
          obs.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        }
      });
      obs.observe(document.querySelector('[data-testid=metric-chart]'), { childList: true, subtree: true });
      box.click();
    })`)) as number;
    const paths = await page.locator('[data-testid=metric-chart] path').count();
    console.log(
      `highlight one rep on the ${REPS}-series chart: ${hl.toFixed(1)} ms to the painted frame; ${paths} <path> elements in the SVG (the others on the canvas)`,
    );
    process.exitCode = mb <= BUDGET_MS ? 0 : 1;
  } finally {
    await context?.close().catch(() => undefined);
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((r) => (server!.child.exitCode !== null ? r(null) : server!.child.once('exit', r)));
    }
    rmSync(profile, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
