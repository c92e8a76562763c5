/**
 * bench/memory (issue 21 item 7): resident memory (VmRSS of /proc/<pid>/status) of an idle API on
 * PostgreSQL and on the embedded database (PGlite), after boot and after each of BENCH_RUNS
 * (default 3) runs of BENCH_REQUESTS (default 10,000) authenticated requests (`{ me { id name
 * role } }`, 4 in flight), and whether it grows from run to run.
 *
 * Each database first boots once with the demo seed (SEED_DEMO=true: the first boot's peak is
 * printed), then the API is restarted on the seeded database, as in production, and measured.
 * Exits 1 when RSS after the last run exceeds RSS after the first run by more than
 * BENCH_GROWTH_MIB (default 32 MiB).
 *
 * BENCH_ONLY=postgres|pglite measures one of them. DATABASE_URL: the admin URL of the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test).
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { graphqlClient } from './http-client.js';
import { freePort, httpGet, killAll, killChildrenOnExit, sleep, startProcess, stopProcess, type Proc } from './processes.js';
import { rssMiB, runMany } from './server-cpu.js';

const BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const GROWTH_MIB = Number(process.env.BENCH_GROWTH_MIB ?? 32);
const PASSWORD = 'Bench-memory-2026!';
/** BENCH_ONLY=postgres or pglite measures one database. */
const ONLY = process.env.BENCH_ONLY ?? '';

/** Starts the API (`node --max-semi-space-size=64 dist/src/main.js`, as `npm start`) and waits for /health; tracks the peak RSS meanwhile. */
async function boot(name: string, env: NodeJS.ProcessEnv): Promise<{ proc: Proc; port: number; peak: number }> {
  const port = await freePort();
  const proc = startProcess(
    name,
    process.execPath,
    ['--max-semi-space-size=64', 'dist/src/main.js'],
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
  );
  let peak = 0;
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (proc.hasExited()) throw new Error(`${name} exited during startup`);
    if (Date.now() > deadline) throw new Error(`${name} not healthy after 600 s`);
    peak = Math.max(peak, rssMiB(proc.child.pid!));
    if ((await httpGet(port, '/health')).status === 200) break;
    await sleep(250);
  }
  return { proc, port, peak };
}

async function measure(label: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const first = await boot(`${label} (first boot, demo seed)`, { ...env, SEED_DEMO: 'true', DEMO_PASSWORD: PASSWORD });
  console.log(`${label}: first boot with the demo seed, peak RSS ${first.peak.toFixed(0)} MiB`);
  await stopProcess(first.proc);
  const { proc, port } = await boot(`${label} (restart)`, { ...env, SEED_DEMO: 'false' });
  const pid = proc.child.pid!;
  try {
    await sleep(5000);
    const booted = rssMiB(pid);
    const api = graphqlClient(`http://127.0.0.1:${port}/graphql`);
    const token = (
      await api.post<{ login: { accessToken: string } }>('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
        e: 'rep.tigers.1@demo.school',
        p: PASSWORD,
      })
    ).login.accessToken;
    const body = JSON.stringify({ query: '{ me { id name role } }', variables: {} });
    const after: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = Date.now();
      await runMany(REQUESTS, 4, () => api.postBody(body, token));
      await sleep(2000);
      after.push(rssMiB(pid));
      console.log(`${label}: run ${r + 1}: ${REQUESTS} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s, RSS ${after[r]!.toFixed(0)} MiB`);
    }
    api.close();
    const growth = after[after.length - 1]! - after[0]!;
    const ok = growth <= GROWTH_MIB;
    console.log(
      `${label}: RSS after boot ${booted.toFixed(0)} MiB, after ${REQUESTS} requests ${after[0]!.toFixed(0)} MiB, after ${RUNS * REQUESTS} ${after[after.length - 1]!.toFixed(0)} MiB; growth from run 1 to run ${RUNS}: ${growth.toFixed(0)} MiB (limit ${GROWTH_MIB}) ${ok ? 'ok' : 'GROWS'}`,
    );
    return ok;
  } finally {
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

killChildrenOnExit('bench/memory', 60 * 60_000);
main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    killAll();
    process.exit(1);
  },
);
