/**
 * bench/overhead (issue 21 item 6): server CPU per request of the project's smallest requests,
 * `{ me { id name role } }` and `{ __typename }`, against a bare Apollo Server 5 doing the same
 * per-request work (bench/overhead-reference.ts: the project's own AuthService.contextFromToken and
 * AuthService.me over the same database), in one run.
 *
 * Both servers are child processes started with NODE_ENV=production and the node flags of
 * `npm start`; CPU is read from each one's /proc/<pid>/stat (bench/server-cpu.ts), so the client's
 * work (a keep-alive node:http client, one request in flight) is not counted. The project is
 * `node dist/src/main.js` on a scratch PostgreSQL database with one organization and one user, who
 * logs in through the real `login` mutation; both sides get the same bearer token. Blocks of
 * requests alternate between the sides (the order flips every round); each round gives a ratio
 * project / reference, and the median of those is the paired ratio.
 *
 * DATABASE_URL (admin, default postgres://postgres@127.0.0.1:5432/test); BENCH_ROUNDS (default 9),
 * BENCH_BLOCK_MS (wall time of one block, default 500); BENCH_REFERENCE (standalone, the default,
 * or express5: the reference's HTTP integration); BENCH_PROFILE=<dir> starts the project with
 * --cpu-prof --cpu-prof-dir=<dir>/project and the reference with <dir>/reference (the profiles are
 * written when they stop); BENCH_BASELINE=<dir> also runs <dir>/dist/src/main.js (another build of
 * the project, e.g. from before a change, with node_modules reachable from it) on the same
 * database as a third side, so a before/after comparison shares one run and one reference.
 */
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { hashPassword } from '../src/common/password.js';
import { graphqlClient } from './http-client.js';
import { freePort, runBench, sleep, startProcess, stopProcess, type Proc } from './processes.js';
import { cpuMicros, median, runMany } from './server-cpu.js';

const BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const BLOCK_MS = Number(process.env.BENCH_BLOCK_MS ?? 500);
const REFERENCE = process.env.BENCH_REFERENCE ?? 'standalone';
const PROFILE_DIR = process.env.BENCH_PROFILE;
const BASELINE = process.env.BENCH_BASELINE;
const SECRET = 'bench-overhead-secret-0123456789abcdef';
const EMAIL = 'bench-overhead@bench.test';
const PASSWORD = 'Bench-overhead-2026!';
/** The node flags of `npm start`. */
const NODE_FLAGS = ['--max-semi-space-size=64'];

/** Starts `node <flags> <script> <args>` and waits (at most 120 s) until `ready` sees a line saying so. */
async function start(name: string, script: string, args: string[], env: NodeJS.ProcessEnv, ready: (line: string) => boolean, flags: string[] = []) {
  let up = false;
  const proc = startProcess(name, process.execPath, [...NODE_FLAGS, ...flags, script, ...args], { NODE_ENV: 'production', ...env }, 'ignore', (line) => {
    if (ready(line)) up = true;
    if (/"level":(40|50|60)|failed|Error/.test(line)) process.stdout.write(`  [${name}] ${line}\n`);
  });
  const until = Date.now() + 120_000;
  while (!up) {
    if (proc.hasExited()) throw new Error(`${name} exited during startup`);
    if (Date.now() > until) throw new Error(`${name} not ready after 120 s`);
    await sleep(100);
  }
  return proc;
}

async function main(): Promise<void> {
  const db = `squadops_overhead_${Date.now().toString(36)}`;
  const u = new URL(BASE);
  u.pathname = `/${db}`;
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${db}"`);
  const procs: Proc[] = [];
  try {
    const env = { DATABASE_URL: u.toString(), JWT_SECRET: SECRET, HOST: '127.0.0.1' };
    // The project as `npm start` runs it (LOG_LEVEL=info, its default; the web console served; jobs in process off so only requests use CPU).
    const startProject = async (name: string, dir: string) => {
      const port = await freePort();
      const proc = await start(
        name,
        join(dir, 'dist/src/main.js'),
        [],
        { ...env, PORT: String(port), SEED_DEMO: 'false', RUN_JOBS: 'false' },
        (line) => line.includes('API ready'),
        PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}/${name}`] : [],
      );
      procs.push(proc);
      return { name, proc, api: graphqlClient(`http://127.0.0.1:${port}/graphql`) };
    };
    const project = await startProject('project', '.');
    // Migrations have run: one organization and one user.
    const client = new pg.Client({ connectionString: u.toString() });
    client.on('error', () => undefined); // dropping the database at the end ends this connection
    await client.connect();
    const [org] = (await client.query(`INSERT INTO organization (name, time_zone, currency) VALUES ('Bench org', 'Europe/Berlin', 'EUR') RETURNING id`)).rows;
    await client.query(`INSERT INTO app_user (organization_id, email, name, password_hash, role) VALUES ($1, $2, 'Bench Manager', $3, 'MANAGER')`, [
      org.id,
      EMAIL,
      await hashPassword(PASSWORD),
    ]);
    await client.end();

    const refPort = await freePort();
    let integration = '';
    const reference = await start(
      'reference',
      'dist/bench/overhead-reference.js',
      [REFERENCE],
      { ...env, PORT: String(refPort) },
      (line) => {
        if (!line.startsWith('reference ready:')) return false;
        integration = line.slice('reference ready: '.length);
        return true;
      },
      PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}/reference`] : [],
    );
    procs.push(reference);

    // A second build of the project (BENCH_BASELINE, e.g. before a change) on the same database, timed in the same rounds.
    const baseline = BASELINE ? await startProject('baseline', BASELINE) : null;
    const api = project.api;
    const ref = graphqlClient(`http://127.0.0.1:${refPort}/graphql`);
    const { login } = await api.post<{ login: { accessToken: string } }>(
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      {
        e: EMAIL,
        p: PASSWORD,
      },
    );
    const token = login.accessToken;

    const cases = [
      { label: 'me { id name role }', body: JSON.stringify({ query: '{ me { id name role } }' }) },
      { label: '__typename', body: JSON.stringify({ query: '{ __typename }' }) },
    ];
    const sides = [
      {
        label: 'project',
        pid: project.proc.child.pid!,
        client: api,
        what: `node ${NODE_FLAGS.join(' ')} dist/src/main.js (NestJS + Apollo Server 5, Express adapter)`,
      },
      ...(baseline
        ? [{ label: 'baseline', pid: baseline.proc.child.pid!, client: baseline.api, what: `the same from ${join(BASELINE!, 'dist/src/main.js')}` }]
        : []),
      { label: 'reference', pid: reference.child.pid!, client: ref, what: integration },
    ];
    const refIndex = sides.length - 1;
    for (const c of cases) {
      const answers = await Promise.all(sides.map(async (side) => JSON.stringify(await side.client.postBody(c.body, token))));
      if (new Set(answers).size !== 1) throw new Error(`${c.label}: the sides answer differently: ${answers.join(' vs ')}`);
    }

    for (const side of sides) console.log(`${`${side.label}:`.padEnd(10)} ${side.what}, pid ${side.pid}`);
    console.log(`load before timing: ${execSync('uptime').toString().trim()}`);
    console.log(`rounds ${ROUNDS}, blocks of ~${BLOCK_MS} ms, 1 request in flight; server CPU from /proc/<pid>/stat\n`);
    console.log(
      `query                ${sides.map((s) => `${s.label} µs/req`.padStart(18)).join('')}${sides
        .slice(0, refIndex)
        .map((s) => `${s.label} / reference`.padStart(24))
        .join('')}  (paired; target <= 1.25)`,
    );
    for (const c of cases) {
      // Warm every side (JIT, caches), then size each side's block on its own speed.
      const sizes: number[] = [];
      for (const side of sides) {
        const call = () => side.client.postBody(c.body, token);
        await runMany(300, 1, call);
        const t0 = performance.now();
        await runMany(50, 1, call);
        sizes.push(Math.max(20, Math.round(BLOCK_MS / Math.max((performance.now() - t0) / 50, 0.05))));
      }
      const perRound: number[][] = sides.map(() => []);
      for (let r = 0; r < ROUNDS; r++) {
        // The order flips every round, so no side always runs right after another one's garbage.
        const order = r % 2 ? [...sides.keys()].reverse() : [...sides.keys()];
        for (const i of order) {
          const side = sides[i]!;
          const before = cpuMicros(side.pid);
          await runMany(sizes[i]!, 1, () => side.client.postBody(c.body, token));
          perRound[i]!.push((cpuMicros(side.pid) - before) / sizes[i]!);
        }
      }
      const ratios = perRound.slice(0, refIndex).map((xs) => median(xs.map((x, r) => x / perRound[refIndex]![r]!)));
      console.log(
        `${c.label.padEnd(20)} ${perRound.map((xs) => median(xs).toFixed(0).padStart(18)).join('')}${ratios.map((x) => x.toFixed(2).padStart(24)).join('')}`,
      );
    }
    console.log(`\nload after timing: ${execSync('uptime').toString().trim()}`);
    for (const side of sides) side.client.close();
  } finally {
    for (const p of procs) await stopProcess(p).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch((err) => console.error(`could not drop ${db}: ${String(err)}`));
    await admin.end();
  }
}

runBench('bench/overhead', 15 * 60_000, main);
