/**
 * bench/agenda (issue 21 item 5): server CPU per request of the rep's agenda, the console's former
 * query shape (`myAgenda` / `squadAgenda` with every item's rendered script and objections) against
 * the sheet (`myAgendaSheet` / `squadAgendaSheet`: steps, scripts and objection lists in side
 * tables, each rendered and sent once), in one run, on the same server process.
 *
 * A scratch database; the API (`node dist/src/main.js`, NODE_ENV=production) is a child process
 * that seeds the demo; CPU is read from its /proc/<pid>/stat (bench/server-cpu.ts), so the
 * client's work is not counted. Then 2,000 reps in 200 squads of the demo's pre-sales legion,
 * 5 leads each, join two cohorts of the demo playbook (createCohort), and the same queries are
 * timed for one of those reps and squads. Before timing, each case checks that the sheet, put back
 * together, is exactly the old answer.
 *
 * DATABASE_URL (admin, default postgres://postgres@127.0.0.1:5432/test); BENCH_ROUNDS (default 9),
 * BENCH_BLOCK_MS (wall time of one block, default 600), BENCH_REPS (default 2000); GRAPHQL_JIT is passed
 * to the server (false = graphql-js). BENCH_PROFILE=<dir>: the server runs with `--cpu-prof` into <dir>
 * and, after the timing, each case runs each shape alone for BENCH_PROFILE_MS (default 3000) and
 * prints the window for scripts/cpuprofile-summary.mjs.
 *
 * BENCH_BASELINE=<dir>: <dir>/dist/src/main.js (a build of another commit, e.g. the one issue 21 was
 * filed on, with node_modules reachable from it) also runs, on the same database once it is migrated
 * and seeded (RUN_JOBS=false, SEED_DEMO=false, the same JWT secret), and each case also times the old
 * shape on it, checks its answer equals the current old answer, and prints sheet / baseline old.
 */
import { execSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { graphqlClient } from './http-client.js';
import { runBench, startServer, stopProcess, type Server } from './processes.js';
import { alternate, pairedRatio } from './server-cpu.js';

const BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const BLOCK_MS = Number(process.env.BENCH_BLOCK_MS ?? 600);
const REPS = Number(process.env.BENCH_REPS ?? 2000);
const PASSWORD = 'Bench-agenda-2026!';
/** With BENCH_PROFILE: wall time of each shape's profile window per case (default 3000 ms). */
const PROFILE_MS = Number(process.env.BENCH_PROFILE_MS ?? 3000);
/** A build of another commit to time the old shape on (the issue's "today"), or none. */
const BASELINE = process.env.BENCH_BASELINE;
const SECRET = 'bench-agenda-secret-0123456789abcdef';

const ITEM = `id status dueAt onTimeDeadline windowEnd localDate localTime timeZone onTime completedAt skippedAt skipReason missedAt cancelledAt cancelReason note
  lead { id name persona tier }
  objectionLogs { id objectionId answerId note loggedAt }`;
const OLD_ITEM = `${ITEM}
  step { id key title goal channel }
  script { text persona missingVariables }
  objections { id key stepKey objection answers { id label persona text } }`;
const SHEET = `items { ${ITEM} stepId scriptRef objectionSetRef }
  steps { id key title goal channel }
  scripts { id text persona missingVariables }
  objectionSets { id objectionRefs }
  objections { ref id key stepKey objection answers { id label persona text } }`;

/** What the console's Today screen sends (apps/web/src/routes/today/operations.ts): details of the current items only. */
const CONSOLE_SHEET = SHEET.replace('stepId scriptRef objectionSetRef }', 'stepId scriptRef objectionSetRef detailsSent }');

type Row = Record<string, unknown>;
interface Sheet {
  items: (Row & { stepId: string; scriptRef: string | null; objectionSetRef: string; detailsSent?: boolean })[];
  steps: (Row & { id: string })[];
  scripts: (Row & { id: string })[];
  objectionSets: { id: string; objectionRefs: string[] }[];
  objections: (Row & { ref: string })[];
}

/**
 * The console's sheet (`details: CURRENT`) checked against the old answer: every item is there with
 * the same fields and step; the items with detailsSent have the old script and objections, the
 * others have neither (and there is at least one detailed item when any item is PENDING).
 */
function checkCurrent(label: string, sheet: Sheet, old: Row[]): number {
  const byId = new Map(old.map((i) => [i.id as string, i]));
  const unfolded = unfold({ ...sheet, items: sheet.items.map(({ detailsSent: _d, ...i }) => i) });
  let detailed = 0;
  unfolded.forEach((item, k) => {
    const sent = sheet.items[k].detailsSent === true;
    if (sent) detailed++;
    const { script, objections, ...rest } = byId.get(item.id as string) ?? {};
    const expected = sent ? { ...rest, script, objections } : { ...rest, script: null, objections: undefined };
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(item)), JSON.parse(JSON.stringify(expected))))
      throw new Error(`${label}: the console's sheet differs from the old answer for item ${item.id as string}`);
  });
  if (unfolded.length !== old.length) throw new Error(`${label}: the console's sheet has ${unfolded.length} items, the old answer ${old.length}`);
  if (!detailed && old.some((i) => i.status === 'PENDING')) throw new Error(`${label}: the console's sheet sent no item's details`);
  return detailed;
}

/** The sheet put back into the old shape (one object per item with its step, script and objections). */
function unfold(sheet: Sheet): Row[] {
  const steps = new Map(sheet.steps.map((s) => [s.id, s]));
  const scripts = new Map(sheet.scripts.map(({ id, ...s }) => [id, s]));
  const objections = new Map(sheet.objections.map(({ ref, ...o }) => [ref, o]));
  const sets = new Map(sheet.objectionSets.map((o) => [o.id, o.objectionRefs.map((r) => objections.get(r))]));
  return sheet.items.map(({ stepId, scriptRef, objectionSetRef, ...i }) => ({
    ...i,
    step: steps.get(stepId),
    script: scriptRef ? scripts.get(scriptRef) : null,
    objections: sets.get(objectionSetRef),
  }));
}

async function seedReps(db: pg.Client, n: number): Promise<{ squadIds: string[]; leadIds: string[]; repEmail: string }> {
  const [org] = (
    await db.query(
      `SELECT o.id, l.id AS legion FROM organization o JOIN legion l ON l.organization_id = o.id AND l.kind = 'PRE_SALES' ORDER BY l.created_at LIMIT 1`,
    )
  ).rows;
  const [hash] = (await db.query(`SELECT password_hash FROM app_user WHERE organization_id = $1 AND role = 'MEMBER' LIMIT 1`, [org.id])).rows;
  const squads = Math.max(1, Math.round(n / 10));
  await db.query(
    `INSERT INTO squad (id, organization_id, legion_id, name)
     SELECT ('00000000-0000-4000-8b01-' || lpad(to_hex(s), 12, '0'))::uuid, $1, $2, 'Bench squad ' || s FROM generate_series(1, $3) s`,
    [org.id, org.legion, squads],
  );
  await db.query(
    `INSERT INTO app_user (id, organization_id, email, name, password_hash, role)
     SELECT ('00000000-0000-4000-8b02-' || lpad(to_hex(r), 12, '0'))::uuid, $1, 'bench-rep' || r || '@bench.test', 'Bench Rep ' || r, $2, 'MEMBER'
     FROM generate_series(1, $3) r`,
    [org.id, hash.password_hash, n],
  );
  await db.query(
    `INSERT INTO squad_membership (organization_id, user_id, squad_id, valid_from)
     SELECT $1, ('00000000-0000-4000-8b02-' || lpad(to_hex(r), 12, '0'))::uuid, ('00000000-0000-4000-8b01-' || lpad(to_hex(((r - 1) % $3) + 1), 12, '0'))::uuid, '2026-01-01'
     FROM generate_series(1, $2) r`,
    [org.id, n, squads],
  );
  const personas = ['career_switcher_novice', 'upskiller', 'explorer', 'advanced'];
  await db.query(
    `INSERT INTO lead (id, organization_id, name, email, source, owner_id, squad_id, assigned_at, stage, stage_changed_at, tier, persona, score)
     SELECT ('00000000-0000-4000-8b03-' || lpad(to_hex(i), 12, '0'))::uuid, $1, 'Bench Lead ' || i, 'bench-lead' || i || '@bench.test', 'AD',
            ('00000000-0000-4000-8b02-' || lpad(to_hex(((i - 1) % $2) + 1), 12, '0'))::uuid,
            ('00000000-0000-4000-8b01-' || lpad(to_hex((((i - 1) % $2) % $3) + 1), 12, '0'))::uuid,
            now() - interval '3 days', 'INTRO', now() - interval '2 days', (ARRAY['A','B','B','C'])[1 + i % 4], ($4::text[])[1 + i % 4], 50
     FROM generate_series(1, $2 * 5) i`,
    [org.id, n, squads, personas],
  );
  await db.query(`INSERT INTO lead_assignment_event (organization_id, lead_id, to_owner_id, to_squad_id, at)
    SELECT organization_id, id, owner_id, squad_id, assigned_at FROM lead WHERE email LIKE 'bench-lead%'`);
  const squadIds = (await db.query(`SELECT id FROM squad WHERE name LIKE 'Bench squad %' ORDER BY id`)).rows.map((r) => r.id as string);
  const leadIds = (await db.query(`SELECT id FROM lead WHERE email LIKE 'bench-lead%' ORDER BY id`)).rows.map((r) => r.id as string);
  return { squadIds, leadIds, repEmail: 'bench-rep1@bench.test' };
}

async function main(): Promise<void> {
  const db = `squadops_agenda_${Date.now().toString(36)}`;
  const u = new URL(BASE);
  u.pathname = `/${db}`;
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${db}"`);
  let server: Server | null = null;
  let baseline: Server | null = null;
  try {
    server = await startServer(
      'api',
      {
        databaseUrl: u.toString(),
        jwtSecret: SECRET,
        extra: {
          SEED_DEMO: 'true',
          DEMO_PASSWORD: PASSWORD,
          // GRAPHQL_JIT=false: graphql-js executes the queries (the before/after comparison of issue 21).
          ...(process.env.GRAPHQL_JIT ? { GRAPHQL_JIT: process.env.GRAPHQL_JIT } : {}),
        },
      },
      // BENCH_PROFILE=<dir>: the server writes a CPU profile there when it stops (SIGTERM at the end).
      { readyMs: 300_000, nodeArgs: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [] },
    );
    const pid = server.child.pid!;
    const api = graphqlClient(`http://127.0.0.1:${server.port}/graphql`);
    const client = new pg.Client({ connectionString: u.toString() });
    client.on('error', () => undefined); // dropping the database at the end ends this connection
    await client.connect();
    const login = async (email: string) =>
      (
        await api.post<{ login: { accessToken: string } }>('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
          e: email,
          p: PASSWORD,
        })
      ).login.accessToken;

    // The demo rep with the most items, their squad, and the organization's admin.
    const [busiest] = (
      await client.query(`SELECT u.email, a.squad_id FROM agenda_item a JOIN app_user u ON u.id = a.rep_id
        WHERE a.due_at >= now() - interval '1 day' AND a.due_at < now() + interval '3 days' GROUP BY u.email, a.squad_id ORDER BY count(*) DESC, u.email LIMIT 1`)
    ).rows;
    const [adm] = (await client.query(`SELECT email FROM app_user WHERE role = 'ADMIN' ORDER BY email LIMIT 1`)).rows;
    const adminToken = await login(adm.email);
    // The Today screen's window: yesterday to the day after tomorrow.
    const from = new Date(Date.now() - 86400_000).toISOString();
    const to = new Date(Date.now() + 3 * 86400_000).toISOString();

    const cases: {
      label: string;
      token: string;
      old: string;
      sheet: string;
      current: string;
      vars: Record<string, unknown>;
      oldKey: string;
      sheetKey: string;
    }[] = [];
    const addCases = async (label: string, repEmail: string, squadId: string) => {
      const token = await login(repEmail);
      cases.push({
        label: `${label} myAgenda`,
        token,
        old: `query($from: DateTime!, $to: DateTime!) { myAgenda(from: $from, to: $to) { ${OLD_ITEM} } }`,
        sheet: `query($from: DateTime!, $to: DateTime!) { myAgendaSheet(from: $from, to: $to) { ${SHEET} } }`,
        current: `query($from: DateTime!, $to: DateTime!) { myAgendaSheet(from: $from, to: $to, details: CURRENT) { ${CONSOLE_SHEET} } }`,
        vars: { from, to },
        oldKey: 'myAgenda',
        sheetKey: 'myAgendaSheet',
      });
      cases.push({
        label: `${label} squadAgenda`,
        token: adminToken,
        old: `query($s: ID!, $from: DateTime!, $to: DateTime!) { squadAgenda(squadId: $s, from: $from, to: $to) { ${OLD_ITEM} } }`,
        sheet: `query($s: ID!, $from: DateTime!, $to: DateTime!) { squadAgendaSheet(squadId: $s, from: $from, to: $to) { ${SHEET} } }`,
        current: `query($s: ID!, $from: DateTime!, $to: DateTime!) { squadAgendaSheet(squadId: $s, from: $from, to: $to, details: CURRENT) { ${CONSOLE_SHEET} } }`,
        vars: { s: squadId, from, to },
        oldKey: 'squadAgenda',
        sheetKey: 'squadAgendaSheet',
      });
    };
    await addCases('demo', busiest.email, busiest.squad_id);

    const t0 = Date.now();
    const seeded = await seedReps(client, REPS);
    const [demo] = (await client.query(`SELECT c.start_date, c.time_zone, c.playbook_version_id FROM cohort c ORDER BY c.created_at LIMIT 1`)).rows;
    const perCohort = Math.ceil(seeded.squadIds.length / 2);
    for (let k = 0; k < 2; k++) {
      const squadIds = seeded.squadIds.slice(k * perCohort, (k + 1) * perCohort);
      const set = new Set(squadIds);
      const leadIds = (await client.query(`SELECT id FROM lead WHERE squad_id = ANY($1) AND email LIKE 'bench-lead%' ORDER BY id`, [[...set]])).rows.map(
        (r) => r.id as string,
      );
      await api.post(
        'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
        {
          input: {
            name: `Bench camp ${k + 1}`,
            startDate: typeof demo.start_date === 'string' ? demo.start_date : (demo.start_date as Date).toISOString().slice(0, 10),
            timeZone: demo.time_zone,
            playbookVersionId: demo.playbook_version_id,
            squadIds,
            leadIds,
          },
        },
        adminToken,
      );
    }
    await client.query('VACUUM ANALYZE');
    const [{ count: items }] = (await client.query('SELECT count(*)::int AS count FROM agenda_item')).rows;
    console.log(
      `${REPS} reps in ${seeded.squadIds.length} squads joined 2 cohorts in ${((Date.now() - t0) / 1000).toFixed(1)} s (${items} agenda items in all)`,
    );
    const [rep1] = (await client.query(`SELECT squad_id FROM squad_membership m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1`, [seeded.repEmail]))
      .rows;
    await addCases(`${REPS} reps`, seeded.repEmail, rep1.squad_id);
    await client.end();

    // The baseline build on the same, now migrated and seeded database: it answers about the same rows.
    let base: ReturnType<typeof graphqlClient> | null = null;
    if (BASELINE) {
      baseline = await startServer(
        'baseline',
        { databaseUrl: u.toString(), jwtSecret: SECRET, extra: { RUN_JOBS: 'false' } },
        { dir: BASELINE, readyMs: 300_000 },
      );
      base = graphqlClient(`http://127.0.0.1:${baseline.port}/graphql`);
      let commit = '';
      try {
        commit = execSync('git rev-parse --short HEAD', { cwd: BASELINE, stdio: ['ignore', 'pipe', 'ignore'] })
          .toString()
          .trim();
      } catch {
        commit = 'unknown commit';
      }
      console.log(`baseline: ${BASELINE}/dist/src/main.js (${commit}), pid ${baseline.child.pid}, on the same database`);
    }

    console.log(`load before timing: ${execSync('uptime').toString().trim()}`);
    console.log(
      `rounds ${ROUNDS}, blocks of ~${BLOCK_MS} ms, 1 request in flight on every side; server CPU from /proc/${pid}/stat${
        baseline ? ` (baseline: /proc/${baseline.child.pid}/stat)` : ''
      }\n`,
    );
    console.log(
      "old = myAgenda/squadAgenda with every item's script and objections; sheet = the AgendaSheet (details: ALL), the same answer;\n" +
        "current = the AgendaSheet with details: CURRENT, as the console's Today screen asks (scripts and objections of the current items only)" +
        (base ? ';\nbase old = the old shape on the baseline build. Paired ratios; target <= 0.25 against base old (issue 21: "a quarter of today\'s").' : '.'),
    );
    console.log(
      `${'case'.padEnd(25)} ${'items'.padStart(5)} ${'detailed'.padStart(8)} ${'old KiB'.padStart(8)} ${'sheet KiB'.padStart(9)} ${'cur KiB'.padStart(8)}` +
        `${base ? ' base old µs' : ''} ${'old µs'.padStart(7)} ${'sheet µs'.padStart(8)} ${'cur µs'.padStart(7)} ${'sheet/old'.padStart(9)} ${'cur/old'.padStart(7)}` +
        (base ? ` ${'sheet/base'.padStart(10)} ${'cur/base'.padStart(8)}` : ''),
    );
    const kib = (x: unknown) => (JSON.stringify(x).length / 1024).toFixed(1);
    for (const c of cases) {
      const oldBody = JSON.stringify({ query: c.old, variables: c.vars });
      const sheetBody = JSON.stringify({ query: c.sheet, variables: c.vars });
      const currentBody = JSON.stringify({ query: c.current, variables: c.vars });
      const oldRes = await api.postBody<Record<string, Row[]>>(oldBody, c.token);
      const sheetRes = await api.postBody<Record<string, Sheet>>(sheetBody, c.token);
      const currentRes = await api.postBody<Record<string, Sheet>>(currentBody, c.token);
      const before = oldRes[c.oldKey]!;
      const after = unfold(sheetRes[c.sheetKey]!);
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(before)), JSON.parse(JSON.stringify(after))))
        throw new Error(`${c.label}: the sheet is not the old answer`);
      const detailed = checkCurrent(c.label, currentRes[c.sheetKey]!, before);
      const sides: { name: string; call: () => Promise<unknown>; pid?: number }[] = [
        { name: 'old', call: () => api.postBody(oldBody, c.token) },
        { name: 'sheet', call: () => api.postBody(sheetBody, c.token) },
        { name: 'current', call: () => api.postBody(currentBody, c.token) },
      ];
      if (base && baseline) {
        // The same token: both builds verify it with the same secret and find the same session rows.
        const baseRes = await base.postBody<Record<string, Row[]>>(oldBody, c.token);
        if (!isDeepStrictEqual(baseRes, oldRes)) throw new Error(`${c.label}: the baseline's old answer is not the current old answer`);
        sides.unshift({ name: 'baseline old', pid: baseline.child.pid!, call: () => base.postBody(oldBody, c.token) });
      }
      const timed = await alternate(pid, sides, { rounds: ROUNDS, blockMs: BLOCK_MS, warmupBlocks: 1 });
      const [b, o, sh, cu] = base ? timed : [null, ...timed];
      const us = (x: { perCall: number } | null | undefined, w: number) => x!.perCall.toFixed(0).padStart(w);
      const r = (x: { perRound: number[] }, y: { perRound: number[] }, w: number) => pairedRatio(x.perRound, y.perRound).toFixed(3).padStart(w);
      console.log(
        `${c.label.padEnd(25)} ${String(before.length).padStart(5)} ${String(detailed).padStart(8)} ${kib(oldRes).padStart(8)} ${kib(sheetRes).padStart(9)} ${kib(currentRes).padStart(8)}` +
          `${b ? ` ${us(b, 11)}` : ''} ${us(o, 7)} ${us(sh, 8)} ${us(cu, 7)} ${r(sh!, o!, 9)} ${r(cu!, o!, 7)}` +
          (b ? ` ${r(sh!, b, 10)} ${r(cu!, b, 8)}` : ''),
      );
    }
    console.log(`\nload after timing: ${execSync('uptime').toString().trim()}`);
    if (process.env.BENCH_PROFILE) {
      // Windows of one shape only, on the clock of the profile's timestamps (CLOCK_MONOTONIC, µs),
      // for `node scripts/cpuprofile-summary.mjs <file> --window <from> <to>`.
      for (const c of cases)
        for (const [shape, body] of [
          ['old', JSON.stringify({ query: c.old, variables: c.vars })],
          ['sheet', JSON.stringify({ query: c.sheet, variables: c.vars })],
        ] as const) {
          const start = process.hrtime.bigint() / 1000n;
          let n = 0;
          while (process.hrtime.bigint() / 1000n - start < BigInt(PROFILE_MS) * 1000n) {
            await api.postBody(body, c.token);
            n++;
          }
          console.log(`profile window ${c.label} ${shape}: --window ${start} ${process.hrtime.bigint() / 1000n} --requests ${n}`);
        }
    }
    api.close();
    base?.close();
  } finally {
    if (baseline) await stopProcess(baseline).catch(() => undefined);
    if (server) await stopProcess(server).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch((err) => console.error(`could not drop ${db}: ${String(err)}`));
    await admin.end();
  }
}

runBench('bench/agenda', 30 * 60_000, main);
