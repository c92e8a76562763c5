/**
 * The whole topology (issue 19 item 6): two API replicas and two workers started from the built
 * dist/ on one real PostgreSQL and one Redis, as in production (docs/deploy.md), then
 *
 *   a. a `standingsChanged` subscription on replica B receives the board change of an order
 *      recorded through replica A;
 *   b. a user deactivated through A is refused on B within 1 s, and their subscription on B closes;
 *   c. with both workers running, an ended leaderboard period is closed exactly once;
 *   e. Redis restarted: the subscription opened before the restart still receives a new change;
 *   d. replica A killed (SIGKILL) during a stream of idempotent intake submissions: every
 *      submission A acknowledged is in the database, and B keeps serving (retries of every key
 *      through B answer, and each key has exactly one row).
 *
 * (e runs before d so that both replicas are still up: the event crosses Redis from A to B.)
 *
 * Needs: `npm run build` (dist/), PostgreSQL at TOPOLOGY_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres, a user that may CREATE DATABASE; a scratch database
 * is created and dropped) and `redis-server` on the PATH: the test starts its OWN Redis on a free
 * port (TOPOLOGY_REDIS_PORT to choose one), since it restarts it. Prints one line per check and
 * "topology: N passed, M failed"; exits 1 on any failure or after TOPOLOGY_TIMEOUT_S (default 300).
 * Every process it started is killed on exit. Run: `npm run test:topology`.
 */
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import {
  freePort,
  httpGet,
  killAll,
  killChildrenOnExit,
  sleep,
  startProcess,
  startServer,
  startWorker,
  stopProcess,
  waitFor,
  within,
  type AppEnv,
  type Proc,
  type Server,
} from '../../bench/processes.js';

const ADMIN_URL = process.env.TOPOLOGY_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const TOTAL_TIMEOUT_MS = Number(process.env.TOPOLOGY_TIMEOUT_S ?? 300) * 1000;
const JWT_SECRET = 'topology-test-secret-topology-test-secret';
const PASSWORD = 'Topology-Check-Pass-2026';
const ADMIN_EMAIL = 'admin@topology.test';
/** The user deactivated in check b. */
const LEAVER_EMAIL = 'leaver@topology.test';
const CLOSE_JOB = 'rankings-close-periods';

// ------------------------------------------------------------------ GraphQL over HTTP and WebSocket

interface GqlResult<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

type Auth = { token: string } | { apiKey: string } | null;

async function gql<T>(port: number, query: string, variables: Record<string, unknown> = {}, auth: Auth = null, timeoutMs = 10_000): Promise<GqlResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth && 'token' in auth) headers.authorization = `Bearer ${auth.token}`;
  if (auth && 'apiKey' in auth) headers['x-api-key'] = auth.apiKey;
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await res.json()) as { data?: T; errors?: GqlResult<T>['errors'] };
  return { status: res.status, data: body.data ?? undefined, errors: body.errors };
}

/** The data, or throws with the errors. */
async function data<T>(port: number, query: string, variables: Record<string, unknown> = {}, auth: Auth = null): Promise<T> {
  const r = await gql<T>(port, query, variables, auth);
  if (r.errors?.length || !r.data) throw new Error(`GraphQL failed (HTTP ${r.status}): ${JSON.stringify(r.errors ?? r).slice(0, 400)}`);
  return r.data;
}

const login = async (port: number, email: string) =>
  (
    await data<{ login: { accessToken: string } }>(port, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
      e: email,
      p: PASSWORD,
    })
  ).login.accessToken;

interface Standing {
  entity: { id: string };
  value: number | null;
}

/** A graphql-ws client subscribed to one board's standings; records the pushes and the close codes. */
function watchBoard(port: number, token: string, boardId: string, clients: Client[]) {
  const client = createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  clients.push(client);
  const pushes: Standing[][] = [];
  const closes: number[] = [];
  const errors: string[] = [];
  let connected = false;
  client.on('connected', () => (connected = true));
  client.on('closed', (e) => closes.push((e as { code?: number }).code ?? 0));
  client.subscribe<{ standingsChanged: { board: { entries: Standing[] } | null; changed: Standing[] } }>(
    {
      query: 'subscription($id: ID!) { standingsChanged(leaderboardId: $id) { board { entries { entity { id } value } } changed { entity { id } value } } }',
      variables: { id: boardId },
    },
    {
      next: (v) => v.data && pushes.push(v.data.standingsChanged.board?.entries ?? v.data.standingsChanged.changed),
      error: (err) => errors.push(JSON.stringify(err).slice(0, 300)),
      complete: () => undefined,
    },
  );
  const valueOf = (entries: Standing[], id: string) => entries.find((e) => e.entity.id === id)?.value ?? 0;
  return {
    pushes,
    closes,
    errors,
    isConnected: () => connected,
    /** The rep's value in the latest message that has their line (whole board or change; 0 before any). */
    latest: (id: string) => {
      const last = pushes.findLast((entries) => entries.some((e) => e.entity.id === id));
      return last ? valueOf(last, id) : 0;
    },
    /** Whether some push shows the rep at `value` or more. */
    sawAtLeast: (id: string, value: number) => pushes.some((entries) => valueOf(entries, id) >= value),
  };
}

// ------------------------------------------------------------------ Redis of our own

interface OwnRedis {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A throw-away redis-server on `port` (no persistence), started and stopped as a child process. */
function ownRedis(port: number): OwnRedis {
  let proc: Proc | null = null;
  const ping = async () => {
    const p = startProcess('redis-cli', 'redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], {}, 'ignore');
    await within(p.exited, 3000, 'redis-cli ping').catch(() => p.child.kill('SIGKILL'));
    return p.child.exitCode === 0;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      proc = startProcess(`redis :${port}`, 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {}, 'ignore');
      await waitFor(async () => {
        if (proc!.hasExited()) throw new Error(`redis-server on port ${port} exited (port taken?)`);
        return ping();
      }, `redis-server on port ${port}`);
    },
    async stop() {
      const p = proc;
      proc = null;
      if (!p) return;
      p.child.kill('SIGKILL');
      await within(p.exited, 5000, 'redis-server to stop');
    },
  };
}

// ------------------------------------------------------------------ checks

interface Outcome {
  name: string;
  ok: boolean;
  detail: string;
}
const outcomes: Outcome[] = [];
/** Set when the run is aborted (timeout, signal): checks interrupted by the kill print nothing more. */
let aborted = false;

async function check(name: string, ms: number, body: () => Promise<string>): Promise<void> {
  try {
    const detail = await within(body(), ms, `check ${name}`);
    outcomes.push({ name, ok: true, detail });
    console.log(`ok   ${name}: ${detail}`);
  } catch (err) {
    if (aborted) return;
    const detail = err instanceof Error ? err.message : String(err);
    outcomes.push({ name, ok: false, detail });
    console.log(`FAIL ${name}: ${detail}`);
  }
}

interface Seeded {
  organizationId: string;
  adminToken: string;
  legionId: string;
  squadId: string;
  repIds: string[];
  leaverId: string;
  surveyId: string;
  apiKey: string;
  liveBoardId: string;
  closingBoardId: string;
}

/** Runs `node dist/apps/cli/main.js <args>` on the deployment's database; throws unless it exits 0. */
async function runCli(env: AppEnv, args: string[]): Promise<void> {
  const cli = startProcess(
    `cli ${args[0]}`,
    process.execPath,
    ['dist/apps/cli/main.js', ...args],
    { NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: env.databaseUrl, JWT_SECRET: env.jwtSecret },
    'prefix',
  );
  await within(cli.exited, 120_000, `cli ${args[0]}`);
  if (cli.child.exitCode !== 0) throw new Error(`cli ${args[0]} exited with ${cli.child.exitCode}`);
}

/** Everything through the API on replica A (organization and first admin through the CLI). */
async function seed(a: Server, db: pg.Client, env: AppEnv): Promise<Seeded> {
  await runCli(env, ['create-admin', '--org', 'Topology School', '--email', ADMIN_EMAIL, '--password', PASSWORD, '--time-zone', 'UTC']);
  const [{ organization_id: organizationId }] = (await db.query(`SELECT organization_id FROM app_user WHERE email = $1`, [ADMIN_EMAIL])).rows as {
    organization_id: string;
  }[];
  const p = a.port;
  const admin = { token: await login(p, ADMIN_EMAIL) };
  const legionId = (
    await data<{ createLegion: { id: string } }>(p, 'mutation { createLegion(input: { name: "Pre-sales", kind: PRE_SALES }) { id } }', {}, admin)
  ).createLegion.id;
  const squadId = (
    await data<{ createSquad: { id: string } }>(p, 'mutation($l: ID!) { createSquad(input: { name: "Squad 1", legionId: $l }) { id } }', { l: legionId }, admin)
  ).createSquad.id;
  const createUser = async (email: string, name: string) =>
    (
      await data<{ createUser: { id: string } }>(
        p,
        'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
        { input: { email, name, password: PASSWORD, role: 'MEMBER', squadId } },
        admin,
      )
    ).createUser.id;
  const repIds = [await createUser('rep1@topology.test', 'Rep One'), await createUser('rep2@topology.test', 'Rep Two')];
  const leaverId = await createUser(LEAVER_EMAIL, 'Rep Leaving');
  await data(p, 'mutation { createProduct(input: { sku: "COURSE", name: "Course", kind: REGULAR, listPrice: 99900 }) { id } }', {}, admin);
  const surveyId = (
    await data<{ createSurvey: { id: string } }>(
      p,
      'mutation($input: CreateSurveyInput!) { createSurvey(input: $input) { id } }',
      {
        input: {
          name: 'Intake',
          kind: 'INTAKE',
          definition: {
            questions: [
              {
                key: 'goal',
                type: 'SINGLE_CHOICE',
                label: 'Goal',
                required: true,
                options: [
                  { key: 'career', label: 'Career', points: 20 },
                  { key: 'curious', label: 'Curious', points: 0 },
                ],
              },
            ],
            tiers: [{ tier: 'A', minScore: 10 }],
            defaultTier: 'B',
            defaultPersona: 'any',
          },
        },
      },
      admin,
    )
  ).createSurvey.id;
  // Personas a survey names must be in the organization's catalog before it is published.
  await data(p, 'mutation { createPersona(input: { key: "any", name: "Any" }) { id } }', {}, admin);
  await data(p, 'mutation($id: ID!) { publishSurvey(surveyId: $id) { __typename } }', { id: surveyId }, admin);
  // Only the two reps receive leads (the leaver's go nowhere, so deactivating them moves nothing).
  await data(
    p,
    'mutation($input: RoutingConfigInput!) { setRoutingConfig(input: $input) { strategy } }',
    { input: { tierThreshold: 'A', strategy: 'ROUND_ROBIN', squadIds: [squadId], defaultCapacity: 100_000 } },
    admin,
  );
  await data(p, 'mutation($u: ID!) { setRepCapacity(input: { userId: $u, maxOpenLeads: 0 }) }', { u: leaverId }, admin);
  const apiKey = (
    await data<{ createApiKey: { secret: string } }>(p, 'mutation { createApiKey(input: { name: "Forms", scopes: ["intake:submit"] }) { secret } }', {}, admin)
  ).createApiKey.secret;
  const board = async (name: string) =>
    (
      await data<{ createLeaderboard: { id: string } }>(
        p,
        'mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id } }',
        {
          input: {
            name,
            scope: 'MEMBER',
            teamKind: 'PRE_SALES',
            populationType: 'LEGION',
            populationId: legionId,
            periodKind: 'ISO_WEEK',
            metricKey: 'net_revenue',
          },
        },
        admin,
      )
    ).createLeaderboard.id;
  const liveBoardId = await board('Live');
  const closingBoardId = await board('Closing');
  // The one statement not made through the API: the closing board was "created" 7 days ago, so
  // exactly one of its periods (last ISO week) has ended and is due to close.
  await db.query(`UPDATE leaderboard_definition SET created_at = now() - interval '7 days' WHERE id = $1`, [closingBoardId]);
  return { organizationId, adminToken: admin.token, legionId, squadId, repIds, leaverId, surveyId, apiKey, liveBoardId, closingBoardId };
}

/** Submits one intake form (as `auth`), returning the lead's id and owner when the caller may see them. */
async function submitIntake(port: number, s: Seeded, externalId: string, auth: Auth, timeoutMs = 10_000) {
  return gql<{ submitIntake: { duplicate: boolean; lead: { id: string; ownerId: string | null } | null } }>(
    port,
    'mutation($input: SubmitIntakeInput!) { submitIntake(input: $input) { duplicate lead { id ownerId } } }',
    {
      input: {
        surveyId: s.surveyId,
        externalId,
        source: 'AD',
        contact: { name: `Lead ${externalId}`, email: `${externalId}@leads.topology.test` },
        answers: [{ questionKey: 'goal', optionKeys: ['career'] }],
      },
    },
    auth,
    timeoutMs,
  );
}

/** A lead owned by one of the reps, then an order of `amount` on it recorded through `port`. */
async function orderFor(port: number, s: Seeded, tag: string, amount: number): Promise<{ repId: string }> {
  const r = await submitIntake(port, s, `lead-${tag}`, { token: s.adminToken });
  const lead = r.data?.submitIntake.lead;
  if (!lead?.ownerId) throw new Error(`intake for ${tag} gave no owned lead: ${JSON.stringify(r).slice(0, 300)}`);
  await data(
    port,
    'mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { id } } }',
    { input: { externalId: `order-${tag}`, leadId: lead.id, productSku: 'COURSE', amount, paidAt: new Date(Date.now() - 1000).toISOString() } },
    { token: s.adminToken },
  );
  return { repId: lead.ownerId };
}

const dbName = `squadops_topology_${Date.now().toString(36)}`;

/** Drops the scratch database (also when the run is aborted); FORCE ends the killed processes' sessions. */
async function dropDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function main(): Promise<void> {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  // An aborted run drops the database WITH (FORCE), which ends these sessions: not an error then.
  admin.on('error', () => undefined);
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const redis = ownRedis(Number(process.env.TOPOLOGY_REDIS_PORT) || (await freePort()));
  const procs: Proc[] = [];
  const clients: Client[] = [];
  let db: pg.Client | null = null;
  try {
    await redis.start();
    console.log(`topology: database ${dbName}, own Redis at ${redis.url}`);
    const env: AppEnv = {
      databaseUrl: u.toString(),
      jwtSecret: JWT_SECRET,
      redisUrl: redis.url,
      extra: {
        LOG_LEVEL: 'warn',
        RANKINGS_PUSH_DEBOUNCE_MS: '100',
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
        RATE_LIMIT_API_KEY_PER_MINUTE: '100000',
        // Only the invalidation message (not the periodic re-check) can close a subscription within 1 s.
        SESSION_RECHECK_SECONDS: '60',
      },
    };
    db = new pg.Client({ connectionString: env.databaseUrl });
    db.on('error', () => undefined);
    await db.connect();

    // Migrations once, before any replica starts (docs/deploy.md), as a rolling upgrade does.
    await runCli(env, ['migration:run']);
    const a = await startServer('A', env, { output: 'prefix' });
    procs.push(a);
    const s = await seed(a, db, env);
    const b = await startServer('B', env, { output: 'prefix' });
    procs.push(b);
    console.log(`topology: replica A on :${a.port}, replica B on :${b.port}, seeded organization ${s.organizationId}`);

    // A manager-free setup: the admin watches the live board on B for checks a and e.
    const watcher = watchBoard(b.port, await login(b.port, ADMIN_EMAIL), s.liveBoardId, clients);

    await check('a. live standings cross replicas', 30_000, async () => {
      await waitFor(() => watcher.isConnected(), 'the subscription on B to connect');
      // graphql-ws does not acknowledge a subscribe: give B a moment to register it.
      await sleep(2000);
      if (watcher.errors.length) throw new Error(`subscription error: ${watcher.errors[0]}`);
      const started = Date.now();
      const { repId } = await orderFor(a.port, s, 'a', 77_700);
      const responded = Date.now();
      await waitFor(() => watcher.sawAtLeast(repId, 77_700), 'the board change on B', 10_000, 10);
      return `order recorded through A (${responded - started} ms); B pushed standingsChanged with the rep at ${watcher.latest(repId)} ${Date.now() - responded} ms after A's response`;
    });

    await check('b. deactivation reaches B within 1 s', 30_000, async () => {
      const leaver = await login(b.port, LEAVER_EMAIL);
      const me = () => gql<{ me: { id: string } }>(b.port, '{ me { id } }', {}, { token: leaver });
      const first = await me();
      if (first.data?.me.id !== s.leaverId) throw new Error(`leaver not served on B before: ${JSON.stringify(first).slice(0, 200)}`);
      const sub = watchBoard(b.port, leaver, s.liveBoardId, clients);
      await waitFor(() => sub.isConnected(), "the leaver's subscription on B to connect");
      await sleep(1000);
      if (sub.closes.length || sub.errors.length)
        throw new Error(`leaver's subscription ended early: ${JSON.stringify({ closes: sub.closes, errors: sub.errors })}`);
      await me(); // fresh in B's principal cache right before the change
      await data(a.port, 'mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: s.leaverId }, { token: s.adminToken });
      const deactivated = Date.now();
      let refusedAfter: number | null = null;
      let polls = 0;
      while (refusedAfter === null && Date.now() - deactivated < 3000) {
        polls++;
        const r = await me();
        if (r.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') refusedAfter = Date.now() - deactivated;
        else await sleep(20);
      }
      if (refusedAfter === null) throw new Error('B still served the deactivated user 3 s after A deactivated them');
      await waitFor(() => sub.closes.length > 0, "the leaver's subscription on B to close", 3000, 10);
      const closedAfter = Date.now() - deactivated;
      const detail = `B refused the user ${refusedAfter} ms after A's response (${polls} polls); their subscription on B closed with code ${sub.closes[0]} after ${closedAfter} ms`;
      if (refusedAfter >= 1000) throw new Error(`too slow (limit 1000 ms): ${detail}`);
      if (closedAfter >= 1000) throw new Error(`subscription closed too late (limit 1000 ms): ${detail}`);
      if (sub.closes[0] !== 4401) throw new Error(`unexpected close code: ${detail}`);
      return detail;
    });

    await check('c. a period closes exactly once with two workers', 120_000, async () => {
      // A job is due at its last tick + its interval (docs/jobs.md): a tick recorded "5 minutes ago
      // minus RACE_IN_S" makes the closing job due RACE_IN_S from now in both workers, so their ticks
      // start at the same moment and race for the unit's advisory lock.
      const RACE_IN_S = 30;
      await db!.query(
        `INSERT INTO job_run (job, scope, started_at, finished_at, count) VALUES ($1, '*', now() - $2 * interval '1 second', now() - $2 * interval '1 second', 0)`,
        [CLOSE_JOB, 5 * 60 - RACE_IN_S],
      );
      const dueAt = Date.now() + RACE_IN_S * 1000;
      const [w1, w2] = await Promise.all([startWorker('worker 1', env, { output: 'prefix' }), startWorker('worker 2', env, { output: 'prefix' })]);
      procs.push(w1, w2);
      // Both ready before the due time: both tick then. A worker ready later (a slow machine) finds
      // the other's fresh tick and waits an interval: exactly-once is still checked, without the race.
      const raced = Date.now() < dueAt - 500;
      const count = async (sql: string, params: unknown[]) => Number((await db!.query(sql, params)).rows[0].n);
      const ticks = () => count(`SELECT count(*) AS n FROM job_run WHERE job = $1 AND scope = '*' AND finished_at > now() - interval '4 minutes'`, [CLOSE_JOB]);
      const snapshotCount = () => count(`SELECT count(*) AS n FROM leaderboard_snapshot WHERE definition_id = $1`, [s.closingBoardId]);
      await waitFor(async () => (await ticks()) >= (raced ? 2 : 1) && (await snapshotCount()) > 0, 'the closing ticks', RACE_IN_S * 1000 + 30_000, 250);
      if (!raced) await sleep(3000); // a tick of the other worker that overlapped finishes
      if (w1.hasExited() || w2.hasExited()) throw new Error('a worker exited');
      const snapshots = (await db!.query(`SELECT label, entity_count FROM leaderboard_snapshot WHERE definition_id = $1`, [s.closingBoardId])).rows as {
        label: string;
        entity_count: number;
      }[];
      const scope = `${s.organizationId}:${s.closingBoardId}`;
      const units = (await db!.query(`SELECT count, error FROM job_run WHERE job = $1 AND scope = $2`, [CLOSE_JOB, scope])).rows as {
        count: number;
        error: string | null;
      }[];
      const tickTimes = (
        await db!.query(
          `SELECT started_at, finished_at FROM job_run WHERE job = $1 AND scope = '*' AND finished_at > now() - interval '4 minutes' ORDER BY started_at`,
          [CLOSE_JOB],
        )
      ).rows as { started_at: Date; finished_at: Date }[];
      const overlap = tickTimes.length >= 2 && tickTimes[1].started_at.getTime() <= tickTimes[0].finished_at.getTime();
      const audits = await count(`SELECT count(*) AS n FROM audit_event WHERE entity_id = $1 AND action = 'PERIOD_CLOSED'`, [s.closingBoardId]);
      const detail =
        `${snapshots.length} snapshot (${snapshots.map((x) => x.label).join(', ')}), ${units.length} job_run unit row ` +
        `(count ${units.map((x) => x.count).join(', ')}${units.some((x) => x.error) ? ', errors!' : ''}), ${audits} PERIOD_CLOSED audit entry; ` +
        (tickTimes.length >= 2
          ? `${tickTimes.length} ${CLOSE_JOB} ticks (one per worker, started ${Math.abs(tickTimes[1].started_at.getTime() - tickTimes[0].started_at.getTime())} ms apart, ${overlap ? 'overlapping' : 'not overlapping'})`
          : `${tickTimes.length} ${CLOSE_JOB} tick (the workers were ready only after the due time, so they did not race)`);
      if (snapshots.length !== 1 || units.length !== 1 || Number(units[0].count) !== 1 || units[0].error || audits !== 1)
        throw new Error(`not exactly once: ${detail}`);
      return detail;
    });

    await check('e. subscriptions survive a Redis restart', 60_000, async () => {
      if (watcher.closes.length) throw new Error(`the board subscription on B closed (${watcher.closes.join(',')})`);
      const pushesBefore = watcher.pushes.length;
      await redis.stop();
      const redisState = async (port: number) => (JSON.parse((await httpGet(port, '/health')).body || '{}') as { redis?: string }).redis;
      await waitFor(
        async () => (await redisState(a.port)) === 'down' && (await redisState(b.port)) === 'down',
        'both replicas to report Redis down',
        15_000,
        100,
      );
      const health = await httpGet(b.port, '/health');
      await redis.start();
      const restarted = Date.now();
      await waitFor(
        async () => (await redisState(a.port)) === 'up' && (await redisState(b.port)) === 'up',
        'both replicas to report Redis up again',
        20_000,
        100,
      );
      const reconnectedAfter = Date.now() - restarted;
      // An order through A after the restart: the subscription opened before it sees the change.
      // (A replica may report up a moment before its resubscription is through, so up to 5 orders.)
      let tries = 0;
      for (; tries < 5; tries++) {
        const amount = 1_000 * (tries + 1);
        const { repId } = await orderFor(a.port, s, `e${tries}`, amount);
        const target = watcher.latest(repId) + amount;
        const seen = await waitFor(() => watcher.sawAtLeast(repId, target), 'the change after the restart', 3000, 10).then(
          () => true,
          () => false,
        );
        if (seen) break;
      }
      if (tries === 5) throw new Error('no change reached the subscriber on B in 5 orders after the Redis restart');
      return (
        `while Redis was down B answered /health ${health.status} ${health.body.slice(0, 60)}…; both replicas reconnected ${reconnectedAfter} ms after the restart; ` +
        `the subscription opened before the restart received the next change (order ${tries + 1} after the restart; ${watcher.pushes.length - pushesBefore} pushes)`
      );
    });

    await check('d. SIGKILL of A loses no acknowledged write; B keeps serving', 120_000, async () => {
      const acknowledged = new Set<string>();
      const attempted: string[] = [];
      const failedOnA: string[] = [];
      let killedAt = 0;
      let n = 0;
      // Four concurrent streams of intake submissions (API key, idempotency key = externalId) on A.
      const stream = async () => {
        for (;;) {
          if (killedAt && Date.now() - killedAt > 500) return;
          const key = `kill-${++n}`;
          attempted.push(key);
          try {
            const r = await submitIntake(a.port, s, key, { apiKey: s.apiKey }, 5000);
            if (r.data?.submitIntake && !r.errors) acknowledged.add(key);
            else failedOnA.push(key);
          } catch {
            failedOnA.push(key);
            if (!killedAt) await sleep(10);
            else return;
          }
        }
      };
      const streams = [stream(), stream(), stream(), stream()];
      await waitFor(() => acknowledged.size >= 40, '40 acknowledged submissions on A', 60_000, 5);
      a.child.kill('SIGKILL');
      killedAt = Date.now();
      await within(a.exited, 5000, 'A to die');
      await Promise.all(streams);
      const ackCount = acknowledged.size;
      const found = new Set(
        (
          (
            await db!.query(`SELECT external_id FROM intake_submission WHERE organization_id = $1 AND external_id = ANY($2)`, [
              s.organizationId,
              [...acknowledged],
            ])
          ).rows as {
            external_id: string;
          }[]
        ).map((r) => r.external_id),
      );
      const lost = [...acknowledged].filter((k) => !found.has(k));
      // B serves on: every key again through B (idempotent), then one new one.
      let duplicates = 0;
      for (const key of attempted) {
        const r = await submitIntake(b.port, s, key, { apiKey: s.apiKey });
        if (!r.data?.submitIntake || r.errors) throw new Error(`B refused the retry of ${key}: ${JSON.stringify(r).slice(0, 300)}`);
        if (r.data.submitIntake.duplicate) duplicates++;
      }
      const perKey = (
        await db!.query(
          `SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS keys FROM intake_submission WHERE organization_id = $1 AND external_id LIKE 'kill-%'`,
          [s.organizationId],
        )
      ).rows[0] as { n: number; keys: number };
      const health = await httpGet(b.port, '/health');
      const detail =
        `${attempted.length} submissions sent to A, ${ackCount} acknowledged before the kill, ${failedOnA.length} without an answer; ` +
        `${ackCount - lost.length}/${ackCount} acknowledged in the database; B answered all ${attempted.length} retries ` +
        `(${duplicates} already stored), ${perKey.n} rows for ${perKey.keys} keys; B /health ${health.status}`;
      if (lost.length) throw new Error(`lost acknowledged writes ${lost.slice(0, 5).join(', ')}: ${detail}`);
      if (duplicates < ackCount || perKey.n !== attempted.length || perKey.keys !== attempted.length || health.status !== 200)
        throw new Error(`inconsistent: ${detail}`);
      if (failedOnA.length === 0) throw new Error(`the kill did not interrupt the stream: ${detail}`);
      return detail;
    });
  } finally {
    await within(Promise.all(clients.map((c) => c.dispose())), 5000, 'clients to close').catch(() => undefined);
    await Promise.all(procs.map((p) => stopProcess(p, 10_000).catch(() => p.child.kill('SIGKILL'))));
    await redis.stop().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await admin.end();
    await dropDatabase().catch((err) => console.error(`could not drop ${dbName}: ${String(err)}`));
  }
}

killChildrenOnExit('topology', TOTAL_TIMEOUT_MS, async () => {
  aborted = true;
  const failed = outcomes.filter((o) => !o.ok).length;
  console.log(`topology: ${outcomes.length - failed} passed, ${failed + 1} failed`);
  await dropDatabase();
});
main().then(
  () => {
    const failed = outcomes.filter((o) => !o.ok).length;
    console.log(`topology: ${outcomes.length - failed} passed, ${failed} failed`);
    process.exit(failed || outcomes.length < 5 ? 1 : 0);
  },
  (err) => {
    console.error(`topology: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    const failed = outcomes.filter((o) => !o.ok).length;
    console.log(`topology: ${outcomes.length - failed} passed, ${failed + 1} failed`);
    killAll();
    process.exit(1);
  },
);
