/**
 * bench/memory (issue 21 item 7): memory of an idle API on PostgreSQL and on the embedded database
 * (PGlite): resident memory (VmRSS of /proc/<pid>/status) and the V8 heap after a full GC, after
 * boot and after each of BENCH_RUNS (default 5) runs of BENCH_REQUESTS (default 10,000)
 * authenticated requests, 4 in flight, cycling over three demo reps and three reads that go
 * through the caching paths (session lookup, compiled documents, DataLoaders): `me`, the
 * organization's pre-sales leaderboard and `myAgendaSheet`.
 *
 * The heap is read through the V8 inspector, without any hook in the application: the child runs
 * with `--inspect=127.0.0.1:0`, the bench connects to the URL it prints on stderr and sends
 * `HeapProfiler.collectGarbage` twice, then evaluates `process.memoryUsage()` (heapUsed after the
 * GC; `external`: memory of C++ objects bound to JS, ArrayBuffers among them) and sums the live
 * `WebAssembly.Memory` buffers (`Runtime.queryObjects`: PGlite's PostgreSQL heap, which only
 * grows, so this is also its peak; printed when there is one). RSS alone cannot tell
 * a leak from V8 keeping freed pages, so the growth check is on the heap after GC:
 *   GROWS when heap(last run) − heap(run 1) > BENCH_HEAP_GROWTH_MIB (default 4 MiB), or when the
 *   heap rose by more than 0.25 MiB at every step from run 1 to the last (a slow steady leak).
 * RSS is printed, not checked. Exit code 1 when a database GROWS.
 *
 * Each database first boots once with the demo seed (SEED_DEMO=true): the peak RSS and the peak
 * heapUsed / external of that boot are printed (sampled every 250 ms, no GC), and the heap after
 * GC once it is healthy. Then the API is restarted on the seeded database, as in production, and
 * measured.
 *
 * BENCH_ONLY=postgres|pglite measures one of them. BENCH_SNAPSHOTS=<dir> also writes a heap
 * snapshot after run 1 and after the last run (<db>-run1.heapsnapshot, <db>-runN.heapsnapshot;
 * compare them in Chrome DevTools' Memory tab). DATABASE_URL: the admin URL of the PostgreSQL
 * server (default postgres://postgres@127.0.0.1:5432/test).
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { graphqlClient } from './http-client.js';
import { connectInspector, INSPECT_FLAG, inspectorUrl, MiB, type Inspector, type MemoryUsage } from './inspector.js';
import { freePort, httpGet, runBench, sleep, startProcess, stopProcess, waitFor, type Proc } from './processes.js';
import { rssMiB, runMany } from './server-cpu.js';

const BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const HEAP_GROWTH_MIB = Number(process.env.BENCH_HEAP_GROWTH_MIB ?? 4);
/** A rise smaller than this between two runs does not count as a step of a monotonic rise. */
const STEP_MIB = 0.25;
const PASSWORD = 'Bench-memory-2026!';
/** BENCH_ONLY=postgres or pglite measures one database. */
const ONLY = process.env.BENCH_ONLY ?? '';
const SNAPSHOTS = process.env.BENCH_SNAPSHOTS ?? '';
const REPS = ['rep.tigers.1@demo.school', 'rep.tigers.2@demo.school', 'rep.falcons.1@demo.school'];

interface Booted {
  proc: Proc;
  port: number;
  inspector: Inspector;
  /** Peaks sampled during startup (MiB): RSS from /proc, heapUsed and external from process.memoryUsage(). */
  peak: { rss: number; heapUsed: number; external: number };
}

/** Starts the API (`node --max-semi-space-size=64 dist/src/main.js`, as `npm start`, plus the inspector) and waits for /health; samples the peaks meanwhile. */
async function boot(name: string, env: NodeJS.ProcessEnv): Promise<Booted> {
  const port = await freePort();
  let url: string | null = null;
  const proc = startProcess(
    name,
    process.execPath,
    [INSPECT_FLAG, '--max-semi-space-size=64', 'dist/src/main.js'],
    {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'bench-memory-secret-0123456789abcdef',
      RUN_JOBS: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    'ignore',
    (line) => {
      url ??= inspectorUrl(line);
      if (/"level":(50|60)/.test(line)) process.stdout.write(`  [${name}] ${line}\n`);
    },
  );
  await waitFor(() => url !== null || proc.hasExited(), `${name}: "Debugger listening on ws://…"`, 30_000);
  if (!url) throw new Error(`${name} exited before its inspector listened`);
  const inspector = await connectInspector(url);
  const peak = { rss: 0, heapUsed: 0, external: 0 };
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (proc.hasExited()) throw new Error(`${name} exited during startup`);
    if (Date.now() > deadline) throw new Error(`${name} not healthy after 600 s`);
    peak.rss = Math.max(peak.rss, rssMiB(proc.child.pid!));
    const m = await inspector.memoryUsage().catch(() => null);
    if (m) {
      peak.heapUsed = Math.max(peak.heapUsed, MiB(m.heapUsed));
      peak.external = Math.max(peak.external, MiB(m.external));
    }
    if ((await httpGet(port, '/health')).status === 200) break;
    await sleep(250);
  }
  return { proc, port, inspector, peak };
}

const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);

/** One reading: RSS from /proc after two full GCs, and heapUsed / external after them. */
async function reading(pid: number, inspector: Inspector): Promise<{ rss: number; gc: MemoryUsage; wasm: number }> {
  const gc = await inspector.afterGc();
  return { rss: rssMiB(pid), gc, wasm: await inspector.wasmMemory() };
}

const show = (r: { rss: number; gc: MemoryUsage; wasm: number }) =>
  `RSS ${f0(r.rss)} MiB, heap after GC ${f1(MiB(r.gc.heapUsed))} MiB (of ${f0(MiB(r.gc.heapTotal))}), external ${f1(MiB(r.gc.external))} MiB` +
  (r.wasm ? `, WebAssembly memory ${f0(MiB(r.wasm))} MiB` : '');

/** The verdict on the heap after GC of runs 1..N (see the header). */
function heapVerdict(heaps: number[], limitMiB: number, stepMiB: number): { growth: number; monotonic: boolean; ok: boolean } {
  const growth = heaps[heaps.length - 1]! - heaps[0]!;
  const monotonic = heaps.length >= 3 && heaps.slice(1).every((h, i) => h - heaps[i]! > stepMiB);
  return { growth, monotonic, ok: growth <= limitMiB && !monotonic };
}

async function measure(label: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const t0 = Date.now();
  const first = await boot(`${label} (first boot, demo seed)`, { ...env, SEED_DEMO: 'true', DEMO_PASSWORD: PASSWORD });
  const seeded = await reading(first.proc.child.pid!, first.inspector);
  console.log(
    `${label}: first boot with the demo seed (${f0((Date.now() - t0) / 1000)} s): peak RSS ${f0(first.peak.rss)} MiB, peak heapUsed ${f0(first.peak.heapUsed)} MiB, ` +
      `peak external ${f0(first.peak.external)} MiB; once healthy: ${show(seeded)}`,
  );
  first.inspector.close();
  await stopProcess(first.proc);
  const { proc, port, inspector } = await boot(`${label} (restart)`, { ...env, SEED_DEMO: 'false' });
  const pid = proc.child.pid!;
  try {
    await sleep(5000);
    const booted = await reading(pid, inspector);
    console.log(`${label}: after boot: ${show(booted)}`);
    let api = graphqlClient(`http://127.0.0.1:${port}/graphql`);
    const tokens: string[] = [];
    for (const email of REPS) {
      const r = await api.post<{ login: { accessToken: string } }>('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
        e: email,
        p: PASSWORD,
      });
      tokens.push(r.login.accessToken);
    }
    // The Today screen's window (yesterday to the day after tomorrow) and this week's board.
    const from = new Date(Date.now() - 86400_000).toISOString();
    const to = new Date(Date.now() + 3 * 86400_000).toISOString();
    const bodies = [
      { query: '{ me { id name role } }', variables: {} },
      {
        query: `query($input: LeaderboardInput!) { leaderboard(input: $input) { status period { label } entries { entity { id name } value rank band previousRank } } }`,
        variables: { input: { scope: 'MEMBER', teamKind: 'PRE_SALES', metricKey: 'net_revenue' } },
      },
      {
        query: `query($from: DateTime!, $to: DateTime!) { myAgendaSheet(from: $from, to: $to) { items { id status dueAt stepId scriptRef objectionSetRef }
          steps { id key title } scripts { id text } objectionSets { id objectionRefs } objections { ref id key objection answers { id text } } } }`,
        variables: { from, to },
      },
    ].map((b) => JSON.stringify(b));
    // Every (rep, read) pair once, so a failing one stops the bench before the runs.
    for (const token of tokens) for (const body of bodies) await api.postBody(body, token);
    let i = 0;
    const next = () => {
      const k = i++;
      return api.postBody(bodies[k % bodies.length]!, tokens[Math.floor(k / bodies.length) % tokens.length]!);
    };
    const heaps: number[] = [];
    const rss: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      // Fresh connections for each run: the server closes idle keep-alive sockets after 5 s, and
      // the readings (a heap snapshot above all) pause the client longer than that.
      api.close();
      api = graphqlClient(`http://127.0.0.1:${port}/graphql`);
      const t1 = Date.now();
      await runMany(REQUESTS, 4, next);
      const secs = (Date.now() - t1) / 1000;
      await sleep(2000);
      const m = await reading(pid, inspector);
      heaps.push(MiB(m.gc.heapUsed));
      rss.push(m.rss);
      console.log(`${label}: run ${r + 1}: ${REQUESTS} requests in ${f1(secs)} s; ${show(m)}`);
      if (SNAPSHOTS && (r === 0 || r === RUNS - 1)) {
        mkdirSync(SNAPSHOTS, { recursive: true });
        const file = join(SNAPSHOTS, `${label.toLowerCase()}-run${r + 1}.heapsnapshot`);
        writeFileSync(file, await inspector.heapSnapshot());
        console.log(`${label}: heap snapshot written to ${file}`);
      }
    }
    api.close();
    const v = heapVerdict(heaps, HEAP_GROWTH_MIB, STEP_MIB);
    console.log(
      `${label}: heap after GC: boot ${f1(MiB(booted.gc.heapUsed))} MiB, runs ${heaps.map(f1).join(' / ')} MiB; ` +
        `run ${RUNS} − run 1 = ${v.growth >= 0 ? '+' : ''}${f1(v.growth)} MiB (limit ${HEAP_GROWTH_MIB})${v.monotonic ? `, rose > ${STEP_MIB} MiB at every run` : ''} ${v.ok ? 'ok' : 'GROWS'}; ` +
        `RSS: boot ${f0(booted.rss)} MiB, runs ${rss.map(f0).join(' / ')} MiB`,
    );
    return v.ok;
  } finally {
    inspector.close();
    await stopProcess(proc);
  }
}

async function main(): Promise<void> {
  console.log(`load: ${execSync('uptime').toString().trim()}`);
  const db = `squadops_memory_${Date.now().toString(36)}`;
  const u = new URL(BASE);
  u.pathname = `/${db}`;
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${db}"`);
  const dir = mkdtempSync(join(tmpdir(), 'squadops-memory-'));
  let ok = true;
  try {
    if (ONLY !== 'pglite') ok = (await measure('PostgreSQL', { DATABASE_URL: u.toString() })) && ok;
    if (ONLY !== 'postgres') ok = (await measure('PGlite', { DATA_DIR: dir })) && ok;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch((err) => console.error(`could not drop ${db}: ${String(err)}`));
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`load: ${execSync('uptime').toString().trim()}`);
  if (!ok) process.exit(1);
}

runBench('bench/memory', 60 * 60_000, main);
