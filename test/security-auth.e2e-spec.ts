import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../src/config/config.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectError, startTestApp, type GqlResult, type TestApp } from './support/harness.js';

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';
const INCORRECT = 'Email or password is incorrect.';
const TOO_MANY = /^Too many failed login attempts/;
/** The documented defaults, with X-Forwarded-For trusted from the loopback proxy (the test client). */
const AUTH = { ...loadConfig({ NODE_ENV: 'test' }, { jwtSecret: 'x'.repeat(32) }).auth, trustProxy: 'loopback' };

let nextClient = 1;
/** A fresh client address per test, so the per-address counters of one test do not touch another. */
const newClient = () => `198.51.100.${nextClient++}`;

describe('security: login protection, sessions, credentials', () => {
  let t: TestApp;
  let org: FixtureOrg;

  /** login from a given client address (sent as X-Forwarded-For through the trusted loopback proxy). */
  const loginFrom = async (client: string, email: string, password: string): Promise<GqlResult<{ login: { accessToken: string } }>> => {
    const res = await t
      .http()
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('X-Forwarded-For', client)
      .send({ query: LOGIN, variables: { e: email, p: password } });
    return { ...(res.body as object), status: res.status } as GqlResult<{ login: { accessToken: string } }>;
  };
  const outcome = (r: GqlResult<{ login: { accessToken: string } }>): 'ok' | 'incorrect' | 'locked' | string => {
    if (r.data?.login) return 'ok';
    const msg = r.errors?.[0]?.message ?? '';
    if (msg === INCORRECT) return 'incorrect';
    if (TOO_MANY.test(msg)) return 'locked';
    return msg;
  };

  beforeAll(async () => {
    t = await startTestApp({ auth: AUTH });
    org = await buildOrg(t.app, 'sec');
  });
  afterAll(async () => t?.close());

  describe('login lockout (issue 14 item 2)', () => {
    it('checks at most the allowed number of passwords when 30 guesses arrive at once, the right one last', async () => {
      const client = newClient();
      const email = org.members.A1[0].email;
      const guesses = [...Array.from({ length: 29 }, (_, i) => `wrong-guess-${i}`), PASSWORD];
      const results = (await Promise.all(guesses.map((p) => loginFrom(client, email, p)))).map(outcome);
      const counts = results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r]: (acc[r] ?? 0) + 1 }), {});
      expect(counts.incorrect ?? 0).toBeLessThanOrEqual(AUTH.loginMaxFailures);
      expect((counts.incorrect ?? 0) + (counts.ok ?? 0)).toBeLessThanOrEqual(AUTH.loginMaxFailures);
      expect((counts.locked ?? 0) + (counts.incorrect ?? 0) + (counts.ok ?? 0)).toBe(30);
      // The right password after the storm: refused too, without a check, until the window ends.
      const after = await loginFrom(client, email, PASSWORD);
      if (!counts.ok) {
        expect(outcome(after)).toBe('locked');
        expect(expectError(after, 'UNAUTHENTICATED').extensions?.retryAfterSeconds).toBeGreaterThan(0);
      }
    });
  });
});
