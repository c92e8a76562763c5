import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { loadConfig, type AppConfig } from '../src/config/config.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, startTestApp, type TestApp } from './support/harness.js';

/** 10 s windows of 3 requests (18 per minute), client addresses from X-Forwarded-For. */
const WINDOW_SECONDS = 10;
const PER_WINDOW = 3;

function overrides(extra: Partial<AppConfig> = {}): Partial<AppConfig> {
  const auth = loadConfig({ NODE_ENV: 'test' }, { jwtSecret: 'x'.repeat(32) }).auth;
  return {
    auth: { ...auth, trustProxy: true },
    rateLimit: { apiKeyPerMinute: (PER_WINDOW * 60) / WINDOW_SECONDS, anonymousPerMinute: (PER_WINDOW * 60) / WINDOW_SECONDS, windowSeconds: WINDOW_SECONDS },
    ...extra,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Windows are aligned to the epoch: start a burst early in a window so it does not straddle two. */
async function freshWindow(): Promise<void> {
  const windowMs = WINDOW_SECONDS * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < 6000) await sleep(left + 30);
}

const randomAddress = () => `10.${[...randomBytes(3)].join('.')}`;

interface Sent {
  status: number;
  retryAfter?: string;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[] };
}

function send(t: TestApp, query: string, headers: Record<string, string>, variables: Record<string, unknown> = {}): Promise<Sent> {
  let req = t.http().post('/graphql').set('Content-Type', 'application/json');
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  return req
    .send({ query, variables })
    .then((res) => ({ status: res.status, retryAfter: res.headers['retry-after'] as string | undefined, body: res.body as Sent['body'] }));
}

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';

function expectLimited(res: Sent): void {
  expect(res.status).toBe(429);
  expect(res.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  const retry = Number(res.retryAfter);
  expect(Number.isInteger(retry)).toBe(true);
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(WINDOW_SECONDS);
  expect(res.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(retry);
}

describe('rate limits for API keys and anonymous callers', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let keys: string[];

  beforeAll(async () => {
    t = await startTestApp(overrides());
    org = await buildOrg(t.app, 'rl');
    const admin = await t.login(org.admin.email, PASSWORD);
    keys = [];
    for (const name of ['form-a', 'form-b']) {
      const created = expectData(
        await t.gql<{ createApiKey: { secret: string } }>(
          'mutation($n: String!) { createApiKey(input: { name: $n, scopes: ["intake:submit"] }) { secret } }',
          { n: name },
          admin,
        ),
      );
      keys.push(created.createApiKey.secret);
    }
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('refuses an API key over its limit with 429, RATE_LIMITED and Retry-After, before any SQL; another key is unaffected', async () => {
    await freshWindow();
    const address = randomAddress();
    for (let i = 0; i < PER_WINDOW; i++) {
      const res = await send(t, '{ me { id } }', { 'X-Api-Key': keys[0], 'X-Forwarded-For': address });
      expect(res.status).not.toBe(429);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    let refused: Sent | undefined;
    const statements = await t.countStatements(async () => {
      refused = await send(t, '{ me { id } }', { Authorization: `ApiKey ${keys[0]}`, 'X-Forwarded-For': address });
    });
    expectLimited(refused!);
    expect(refused!.body.errors?.[0]?.message).toMatch(/API key/);
    expect(statements).toBe(0);
    // The other key, from the same address, still gets through.
    const other = await send(t, '{ me { id } }', { 'X-Api-Key': keys[1], 'X-Forwarded-For': address });
    expect(other.status).not.toBe(429);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 30_000);

  it('refuses anonymous logins over the limit per client address; another X-Forwarded-For address is counted separately', async () => {
    await freshWindow();
    const address = randomAddress();
    for (let i = 0; i < PER_WINDOW; i++) {
      const res = await send(t, LOGIN, { 'X-Forwarded-For': address }, { e: 'nobody@rl.test', p: 'wrong-password-1' });
      expect(res.status).not.toBe(429);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    let refused: Sent | undefined;
    const statements = await t.countStatements(async () => {
      refused = await send(t, LOGIN, { 'X-Forwarded-For': address }, { e: org.admin.email, p: PASSWORD });
    });
    expectLimited(refused!);
    expect(refused!.body.errors?.[0]?.message).toMatch(/address/);
    expect(statements).toBe(0);
    const elsewhere = await send(t, LOGIN, { 'X-Forwarded-For': randomAddress() }, { e: org.admin.email, p: PASSWORD });
    expect(elsewhere.status).toBe(200);
    expect((elsewhere.body.data as { login: { accessToken: string } }).login.accessToken).toBeTruthy();
  }, 30_000);

  it('does not count signed-in users (valid bearer tokens); an invalid bearer token counts as anonymous', async () => {
    const address = randomAddress();
    const token = await t.login(org.members.A1[0].email, PASSWORD);
    await freshWindow();
    for (let i = 0; i < PER_WINDOW * 3; i++) {
      const res = await send(t, '{ me { id } }', { Authorization: `Bearer ${token}`, 'X-Forwarded-For': address });
      expect(res.status).toBe(200);
      expect((res.body.data as { me: { id: string } }).me.id).toBe(org.members.A1[0].id);
    }
    for (let i = 0; i < PER_WINDOW; i++) {
      const res = await send(t, '{ __typename }', { Authorization: 'Bearer not-a-token', 'X-Forwarded-For': address });
      expect(res.status).not.toBe(429);
    }
    expectLimited(await send(t, '{ __typename }', { Authorization: 'Bearer not-a-token', 'X-Forwarded-For': address }));
    // The signed-in user from the same, now limited, address is still served.
    expect((await send(t, '{ me { id } }', { Authorization: `Bearer ${token}`, 'X-Forwarded-For': address })).status).toBe(200);
  }, 30_000);

  it('lets a refused caller through again once the window has ended (after Retry-After)', async () => {
    await freshWindow();
    const address = randomAddress();
    for (let i = 0; i < PER_WINDOW; i++) expect((await send(t, '{ __typename }', { 'X-Forwarded-For': address })).status).toBe(200);
    const refused = await send(t, '{ __typename }', { 'X-Forwarded-For': address });
    expectLimited(refused);
    await sleep(Number(refused.retryAfter) * 1000 + 50);
    const again = await send(t, '{ __typename }', { 'X-Forwarded-For': address });
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual({ __typename: 'Query' });
  }, 30_000);

  it('keeps /health out of the limits', async () => {
    await freshWindow();
    for (let i = 0; i < PER_WINDOW + 2; i++) {
      const res = await t.http().get('/health').set('X-Forwarded-For', '10.9.9.9');
      expect(res.status).toBe(200);
    }
  }, 30_000);
});

describe('rate limits without a reachable Redis', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Nothing listens on port 9 (discard): the limiter counts in this process and requests never fail.
    t = await startTestApp(overrides({ redisUrl: 'redis://127.0.0.1:9' }));
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('falls back to counting in this process', async () => {
    await freshWindow();
    const address = randomAddress();
    for (let i = 0; i < PER_WINDOW; i++) expect((await send(t, '{ __typename }', { 'X-Forwarded-For': address })).status).toBe(200);
    expectLimited(await send(t, '{ __typename }', { 'X-Forwarded-For': address }));
  }, 30_000);
});

const REDIS = process.env.REDIS_TEST_URL;
if (!REDIS) {
  console.log('rate-limit.e2e-spec: REDIS_TEST_URL is not set; skipping the test of a limit shared by two apps through Redis');
}

(REDIS ? describe : describe.skip)('rate limits shared by two API processes through Redis (REDIS_TEST_URL)', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp(overrides({ redisUrl: REDIS! }));
    b = await startTestApp(overrides({ redisUrl: REDIS! }));
  }, 90_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('counts an address and an API key across both apps', async () => {
    await freshWindow();
    const address = randomAddress();
    expect((await send(a, '{ __typename }', { 'X-Forwarded-For': address })).status).toBe(200);
    expect((await send(b, '{ __typename }', { 'X-Forwarded-For': address })).status).toBe(200);
    expect((await send(a, '{ __typename }', { 'X-Forwarded-For': address })).status).toBe(200);
    expectLimited(await send(b, '{ __typename }', { 'X-Forwarded-For': address }));
    expectLimited(await send(a, '{ __typename }', { 'X-Forwarded-For': address }));

    const key = `sk_unknown_${randomBytes(8).toString('hex')}`;
    for (const app of [a, b, b]) expect((await send(app, '{ __typename }', { 'X-Api-Key': key })).status).not.toBe(429);
    expectLimited(await send(a, '{ __typename }', { 'X-Api-Key': key }));
  }, 30_000);
});
