import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { loadConfig } from '../src/config/config.js';
import { PUB_SUB } from '../src/common/pubsub.js';
import { RedisPubSub } from '../src/common/redis-pubsub.js';
import { SessionWatch } from '../src/auth/session-watch.js';
import { RankingsLiveService } from '../src/rankings/rankings-live.service.js';
import { USER_CHANGED_TOPIC } from '../src/organization/principal-invalidation.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';
import { createLead } from './support/leads.js';

/**
 * Issue 19 items 1-2: live events and session changes across replicas over Redis.
 * Needs REDIS_TEST_URL (e.g. redis://127.0.0.1:6379; .ci/run sets it); the two-replica tests also
 * need TEST_DATABASE_URL, since two apps must share one database (two in-memory PGlites cannot).
 */
const REDIS = process.env.REDIS_TEST_URL || null;
const SHARED_DB = !!process.env.TEST_DATABASE_URL;
if (!REDIS) console.warn('redis-pubsub.e2e-spec: skipped, REDIS_TEST_URL is not set (e.g. REDIS_TEST_URL=redis://127.0.0.1:6379)');
else if (!SHARED_DB) console.warn('redis-pubsub.e2e-spec: two-replica tests skipped, TEST_DATABASE_URL is not set');

const describeRedis = REDIS ? describe : describe.skip;
const describeReplicas = REDIS && SHARED_DB ? describe : describe.skip;

/** Long periodic session re-check, so only an invalidation message can close a subscription in time. */
const AUTH = { ...loadConfig({ NODE_ENV: 'test' }, { jwtSecret: 'x'.repeat(32) }).auth, sessionRecheckSeconds: 60 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(cond: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A concluded experiment of the caller, ready to publish. */
async function publishedExperiment(t: TestApp, token: string, title: string): Promise<string> {
  const run = async <T>(q: string, v: Record<string, unknown>) => expectData(await t.gql<T>(q, v, token));
  const { createExperiment } = await run<{ createExperiment: { id: string } }>(
    'mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }',
    {
      input: {
        title,
        hypothesis: 'Voice notes get more replies',
        metricKey: 'replied',
        metricKind: 'LOGGED',
        minDetectableEffect: 0.02,
        variants: [
          { key: 'control', description: 'Text', isControl: true },
          { key: 'voice', description: 'Voice note' },
        ],
      },
    },
  );
  const id = createExperiment.id;
  await run('mutation($id: ID!) { startExperiment(id: $id) { id } }', { id });
  await run('mutation($id: ID!) { stopExperiment(id: $id) { id } }', { id });
  await run('mutation($id: ID!) { concludeExperiment(id: $id, verdict: INCONCLUSIVE, summary: "learned") { id } }', { id });
  return id;
}

async function listen(t: TestApp): Promise<string> {
  if (!t.app.getHttpServer().listening) await t.app.listen(0, '127.0.0.1');
  return `ws://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/graphql`;
}

function wsClient(url: string, token: string, clients: Client[]) {
  const c = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: { authorization: `Bearer ${token}` } });
  clients.push(c);
  const closes: number[] = [];
  c.on('closed', (e) => closes.push((e as { code: number }).code));
  const received: { id: string; title: string }[] = [];
  c.subscribe<{ experimentPublished: { id: string; title: string } }>(
    { query: 'subscription { experimentPublished { id title } }' },
    { next: (v) => v.data && received.push(v.data.experimentPublished), error: () => undefined, complete: () => undefined },
  );
  return { received, closes };
}

const redisOf = (t: TestApp) => t.app.get<RedisPubSub>(PUB_SUB);

describeRedis('Redis pub/sub, one app (issue 19 item 1)', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let raw: Redis;
  const clients: Client[] = [];

  beforeAll(async () => {
    t = await startTestApp({ redisUrl: REDIS, auth: AUTH });
    org = await buildOrg(t.app, 'rps');
    raw = new Redis(REDIS!);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    raw?.disconnect();
    await t?.close();
  });

  it('uses Redis when REDIS_URL is set, and GET /health reports it', async () => {
    expect(redisOf(t)).toBeInstanceOf(RedisPubSub);
    await redisOf(t).ready();
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('an experiment publication travels through Redis to the subscriber', async () => {
    const url = await listen(t);
    const topic = `experimentPublished.${org.organizationId}`;
    const onWire: unknown[] = [];
    const watcher = raw.duplicate();
    await watcher.subscribe(topic);
    watcher.on('message', (_channel: string, message: string) => onWire.push(JSON.parse(message)));
    try {
      const sub = wsClient(url, await t.login(org.members.A2[0].email, PASSWORD), clients);
      await waitFor(() => redisOf(t).subscriberCount(topic) === 1, 'the subscription');
      await redisOf(t).settled();
      const manager = await t.login(org.manager.email, PASSWORD);
      const id = await publishedExperiment(t, await t.login(org.members.A1[0].email, PASSWORD), 'Through Redis');
      expectData(await t.gql('mutation($id: ID!) { publishExperiment(id: $id, note: "Use it") { id } }', { id }, manager));
      await waitFor(() => sub.received.length === 1, 'the publication');
      expect(sub.received[0]).toEqual({ id, title: 'Through Redis' });
      await waitFor(() => onWire.length === 1, 'the message on the Redis channel');
      expect(onWire[0]).toEqual({ organizationId: org.organizationId, experimentId: id });
    } finally {
      watcher.disconnect();
    }
  });

  it('a session change announced by another replica closes the user subscription at once', async () => {
    const url = await listen(t);
    const user = org.members.A1[1];
    const token = await t.login(user.email, PASSWORD);
    expectData(await t.gql('{ me { id } }', {}, token)); // cached for up to a second
    const sessions = t.app.get(SessionWatch);
    const before = sessions.size;
    const sub = wsClient(url, token, clients);
    await waitFor(() => sessions.size === before + 1, 'the watched connection');
    await redisOf(t).settled();
    // Another replica deactivated the user: the database changed, then it announced the change.
    await t.db.dataSource.query('UPDATE app_user SET token_version = token_version + 1 WHERE id = $1', [user.id]);
    const started = Date.now();
    await raw.publish(USER_CHANGED_TOPIC, JSON.stringify({ userId: user.id, origin: 'another-replica' }));
    await waitFor(() => sub.closes.length > 0, 'the subscription to close', 1000);
    expect(sub.closes).toEqual([4401]);
    expectError(await t.gql('{ me { id } }', {}, token), 'UNAUTHENTICATED');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describeRedis('Redis outage (issue 19 item 1)', () => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  let t: TestApp;
  let raw: Redis;

  const startRedis = async () => {
    server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => 50 });
    await waitFor(async () => (await probe.ping().catch(() => null)) === 'PONG', 'the test Redis', 5000);
    probe.disconnect();
  };
  const stopRedis = async () => {
    const s = server;
    server = null;
    if (!s) return;
    const exited = new Promise((r) => s.once('exit', r));
    s.kill('SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    await startRedis();
    t = await startTestApp({ redisUrl: url });
    raw = new Redis(url, { retryStrategy: () => 50 });
  });
  afterAll(async () => {
    raw?.disconnect();
    await t?.close();
    await stopRedis();
  });

  it('reports degraded (200) while Redis is down and delivers again after it restarts', async () => {
    const pubsub = redisOf(t);
    await pubsub.ready();
    const events = pubsub.asyncIterator<{ n: number }>('outage.test');
    try {
      await pubsub.settled();
      await stopRedis();
      await waitFor(() => pubsub.status() === 'down', 'the outage to be noticed');
      const down = await t.http().get('/health');
      expect(down.status).toBe(200);
      expect(down.body).toMatchObject({ status: 'degraded', database: 'up', redis: 'down' });
      await pubsub.publish('outage.test', { n: 0 }); // dropped, but does not throw
      const late = pubsub.asyncIterator<{ n: number }>('outage.late'); // subscribed during the outage

      await startRedis();
      await pubsub.ready(10_000);
      const up = await t.http().get('/health');
      expect(up.body).toMatchObject({ status: 'ok', redis: 'up' });
      // Resubscribed: a message published by another process arrives.
      await waitFor(async () => Number(await raw.publish('outage.test', JSON.stringify({ n: 1 }))) > 0, 'the resubscription', 5000);
      const next = await events.next();
      expect(next.value).toEqual({ n: 1 });
      await waitFor(async () => Number(await raw.publish('outage.late', JSON.stringify({ n: 2 }))) > 0, 'the subscription made during the outage', 5000);
      expect((await late.next()).value).toEqual({ n: 2 });
      await late.return?.();
    } finally {
      await events.return?.();
    }
  }, 30_000);
});

describeReplicas('two replicas on one database and one Redis (issue 19 items 1-2)', () => {
  let a: TestApp;
  let b: TestApp;
  let org: FixtureOrg;
  const clients: Client[] = [];

  beforeAll(async () => {
    a = await startTestApp({ redisUrl: REDIS, auth: AUTH });
    b = await startTestApp({ redisUrl: REDIS, auth: AUTH }, { databaseUrl: a.config.database.url! });
    org = await buildOrg(a.app, 'rep');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await b?.close();
    await a?.close();
  });

  it('a subscription on replica B receives the publication made through replica A', async () => {
    const urlB = await listen(b);
    const topic = `experimentPublished.${org.organizationId}`;
    const sub = wsClient(urlB, await b.login(org.members.A2[0].email, PASSWORD), clients);
    await waitFor(() => redisOf(b).subscriberCount(topic) === 1, 'the subscription on B');
    await redisOf(b).settled();
    const id = await publishedExperiment(a, await a.login(org.members.A1[0].email, PASSWORD), 'Across replicas');
    expectData(await a.gql('mutation($id: ID!) { publishExperiment(id: $id, note: "Use it") { id } }', { id }, await a.login(org.manager.email, PASSWORD)));
    await waitFor(() => sub.received.length === 1, 'the publication on B', 3000);
    expect(sub.received[0]).toEqual({ id, title: 'Across replicas' });
  });

  it('a standings subscription on replica B receives the board change caused by an order recorded on A', async () => {
    const urlB = await listen(b);
    const admin = await a.login(org.admin.email, PASSWORD);
    expectData(await a.gql(`mutation { createProduct(input: { sku: "COURSE", name: "Course", kind: REGULAR, listPrice: 99900 }) { id } }`, {}, admin));
    const boardId = expectData(
      await a.gql<{ createLeaderboard: { id: string } }>(
        'mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id } }',
        {
          input: {
            name: 'Reps live',
            scope: 'MEMBER',
            teamKind: 'PRE_SALES',
            populationType: 'LEGION',
            populationId: org.legionA,
            periodKind: 'ISO_WEEK',
            metricKey: 'net_revenue',
          },
        },
        admin,
      ),
    ).createLeaderboard.id;
    const liveB = b.app.get(RankingsLiveService);
    liveB.debounceMs = 100;
    const c = createClient({
      url: urlB,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: { authorization: `Bearer ${await b.login(org.manager.email, PASSWORD)}` },
    });
    clients.push(c);
    type Entry = { entity: { id: string }; value: number };
    const received: Entry[][] = [];
    const revisions: string[] = [];
    c.subscribe<{ standingsChanged: { revision: string; board: { entries: Entry[] } | null; changed: Entry[] } }>(
      {
        query:
          'subscription($id: ID!) { standingsChanged(leaderboardId: $id) { revision board { entries { entity { id } value } } changed { entity { id } value } } }',
        variables: { id: boardId },
      },
      {
        next: (v) =>
          v.data &&
          revisions.push(v.data.standingsChanged.revision) &&
          received.push(v.data.standingsChanged.board?.entries ?? v.data.standingsChanged.changed),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await waitFor(() => liveB.watchedCount(boardId) === 1, 'the standings subscription on B');
    await redisOf(b).settled();
    const rep = org.members.A1[0].id;
    const paidAt = new Date(Date.now() - 60_000);
    const lead = await createLead(a.app, org.organizationId, {
      name: 'Across',
      ownerId: rep,
      squadId: org.squads.A1,
      at: new Date(paidAt.getTime() - 3600_000),
    });
    expectData(
      await a.gql(
        'mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { id } } }',
        { input: { externalId: 'across-1', leadId: lead, productSku: 'COURSE', amount: 77700, paidAt: paidAt.toISOString() } },
        admin,
      ),
    );
    await waitFor(() => received.some((entries) => entries.some((e) => e.entity.id === rep && e.value >= 77700)), 'the new standings on B', 5000);
    // Revisions are content hashes: the board read through A has the revision B last pushed.
    let revisionOnA = '';
    const readOnA = async () => {
      const r = await a.gql<{ leaderboard: { revision: string } }>(
        'query($id: ID!) { leaderboard(input: { definitionId: $id }) { revision } }',
        { id: boardId },
        admin,
      );
      revisionOnA = expectData(r).leaderboard.revision;
      return revisionOnA === revisions[revisions.length - 1];
    };
    await waitFor(readOnA, 'the same revision on A and B', 5000);
    expect(revisions[revisions.length - 1]).toBe(revisionOnA);
  });

  it('a user deactivated through A is refused on B and their subscription on B closes within 1 s', async () => {
    const urlB = await listen(b);
    const user = org.members.A1[1];
    const token = await b.login(user.email, PASSWORD);
    expectData(await b.gql('{ me { id } }', {}, token)); // B caches the principal for up to a second
    const sessions = b.app.get(SessionWatch);
    const before = sessions.size;
    const sub = wsClient(urlB, token, clients);
    await waitFor(() => sessions.size === before + 1, 'the watched connection on B');
    await redisOf(a).ready();

    const admin = await a.login(org.admin.email, PASSWORD);
    expectData(await b.gql('{ me { id } }', {}, token)); // fresh in B's cache right before the change
    expectData(await a.gql('mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: user.id }, admin));
    const started = Date.now();
    await waitFor(() => sub.closes.length > 0, "the user's subscription on B to close", 1000);
    expect(sub.closes).toEqual([4401]);
    expectError(await b.gql('{ me { id } }', {}, token), 'UNAUTHENTICATED');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
