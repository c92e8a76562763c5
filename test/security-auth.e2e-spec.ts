import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { SessionWatch } from '../src/auth/session-watch.js';
import { OrganizationService } from '../src/organization/organization.service.js';
import { loadConfig } from '../src/config/config.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type GqlResult, type TestApp } from './support/harness.js';

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';
const INCORRECT = 'Email or password is incorrect.';
const TOO_MANY = /^Too many failed login attempts/;
/** The documented defaults, with X-Forwarded-For trusted from the loopback proxy (the test client). */
const AUTH = { ...loadConfig({ NODE_ENV: 'test' }, { jwtSecret: 'x'.repeat(32) }).auth, trustProxy: 'loopback', sessionRecheckSeconds: 1 };
const ME = '{ me { id role } }';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond() && Date.now() < until) await sleep(25);
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
}

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

  describe('sessions end when the user changes (issue 14 item 5)', () => {
    const gqlOk = async (token: string) => expectData(await t.gql<{ me: { id: string; role: string } }>(ME, {}, token)).me;
    const refused = async (token: string) => expectError(await t.gql(ME, {}, token), 'UNAUTHENTICATED');

    it("changePassword ends every earlier token of the user, the caller's too (even tokens already verified and cached)", async () => {
      const user = org.members.A2[0];
      const a = await t.login(user.email, PASSWORD);
      const b = await t.login(user.email, PASSWORD);
      await gqlOk(a);
      await gqlOk(b);
      expectData(await t.gql(`mutation { changePassword(input: { currentPassword: "${PASSWORD}", newPassword: "another long passphrase" }) }`, {}, a));
      expect((await refused(a)).message).toMatch(/session has ended/);
      await refused(b);
      const fresh = await t.login(user.email, 'another long passphrase');
      expect((await gqlOk(fresh)).id).toBe(user.id);
    });

    it('deactivation ends tokens, and reactivation does not bring them back', async () => {
      const user = org.members.A2[1];
      const admin = await t.login(org.admin.email, PASSWORD);
      const before = await t.login(user.email, PASSWORD);
      await gqlOk(before);
      expectData(await t.gql('mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: user.id }, admin));
      await refused(before);
      expectData(await t.gql('mutation($id: ID!) { reactivateUser(id: $id) { active } }', { id: user.id }, admin));
      await refused(before);
      expect((await gqlOk(await t.login(user.email, PASSWORD))).id).toBe(user.id);
    });

    it('a role change ends tokens issued under the old role', async () => {
      const admin = await t.login(org.admin.email, PASSWORD);
      const lead = await t.login(org.leads.A2.email, PASSWORD);
      expect((await gqlOk(lead)).role).toBe('LEAD');
      expectData(await t.gql('mutation($id: ID!) { updateUser(id: $id, input: { role: MEMBER }) { role } }', { id: org.leads.A2.id }, admin));
      await refused(lead);
      const member = await t.login(org.leads.A2.email, PASSWORD);
      expect((await gqlOk(member)).role).toBe('MEMBER');
      expectData(await t.gql('mutation($id: ID!) { updateUser(id: $id, input: { role: LEAD }) { role } }', { id: org.leads.A2.id }, admin));
      await refused(member);
      // A name change is not a session change.
      const again = await t.login(org.leads.A2.email, PASSWORD);
      expectData(await t.gql('mutation($id: ID!) { updateUser(id: $id, input: { name: "Renamed lead" }) { name } }', { id: org.leads.A2.id }, admin));
      await gqlOk(again);
    });

    it('a change made by another replica is seen within the one-second session cache', async () => {
      const token = await t.login(org.members.B1[0].email, PASSWORD);
      await gqlOk(token); // remembered for up to a second
      await t.db.dataSource.query('UPDATE app_user SET token_version = token_version + 1 WHERE id = $1', [org.members.B1[0].id]);
      await sleep(1100);
      await refused(token);
    });

    it('closes open subscriptions of the user: at once for a change here, within seconds for one made elsewhere', async () => {
      await t.app.listen(0, '127.0.0.1');
      const port = (t.app.getHttpServer().address() as AddressInfo).port;
      const sessions = t.app.get(SessionWatch);
      const clients: Client[] = [];
      const open = (token: string) => {
        const c = createClient({
          url: `ws://127.0.0.1:${port}/graphql`,
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          lazy: true,
          connectionParams: { authorization: `Bearer ${token}` },
        });
        clients.push(c);
        const closes: number[] = [];
        c.on('closed', (e) => closes.push((e as { code: number }).code));
        c.subscribe({ query: 'subscription { experimentPublished { id } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
        return closes;
      };
      try {
        const admin = await t.login(org.admin.email, PASSWORD);
        const deactivated = open(await t.login(org.members.A1[1].email, PASSWORD));
        const elsewhere = open(await t.login(org.leads.B1.email, PASSWORD));
        const bystander = open(await t.login(org.manager.email, PASSWORD));
        await waitFor(() => sessions.size === 3, 'three watched connections');

        const started = Date.now();
        expectData(await t.gql('mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: org.members.A1[1].id }, admin));
        await waitFor(() => deactivated.length > 0, "the deactivated user's subscription to close", 2000);
        expect(deactivated).toEqual([4401]);
        expect(Date.now() - started).toBeLessThan(2000);

        // Another replica changed the role: the periodic re-check (1 s here) plus the session cache close it.
        await t.db.dataSource.query(`UPDATE app_user SET role = 'MEMBER', token_version = token_version + 1 WHERE id = $1`, [org.leads.B1.id]);
        await waitFor(() => elsewhere.length > 0, 'the subscription changed elsewhere to close', 5000);
        expect(elsewhere).toEqual([4401]);
        expect(bystander).toEqual([]);
        expect(sessions.size).toBe(1);
      } finally {
        await t.db.dataSource.query(`UPDATE app_user SET role = 'LEAD' WHERE id = $1`, [org.leads.B1.id]);
        for (const c of clients) await c.dispose();
      }
    });
  });

  describe('login throttling per client and per account (issue 14 item 9)', () => {
    it('limits password spraying: 20 accounts x 1 guess from one client address', async () => {
      const client = newClient();
      const known = [org.admin, org.manager, org.freeManager, org.leads.A1, org.leads.B1, ...org.members.A1, ...org.members.B1];
      const emails = [...known.map((u) => u.email), ...Array.from({ length: 20 - known.length }, (_, i) => `spray${i}@sec.test`)];
      expect(emails).toHaveLength(20);
      const results: string[] = [];
      for (const email of emails) results.push(outcome(await loginFrom(client, email, 'Summer2026!')));
      expect(results.filter((r) => r === 'incorrect')).toHaveLength(AUTH.loginMaxFailuresPerClient);
      expect(results.filter((r) => r === 'locked')).toHaveLength(20 - AUTH.loginMaxFailuresPerClient);
      // That address is refused even with a right password; other addresses are not affected.
      expect(outcome(await loginFrom(client, org.manager.email, PASSWORD))).toBe('locked');
      expect(outcome(await loginFrom(newClient(), org.manager.email, PASSWORD))).toBe('ok');
    });

    it('correct logins do not count toward the client limit', async () => {
      const client = newClient();
      for (let i = 0; i < AUTH.loginMaxFailuresPerClient + 5; i++) expect(outcome(await loginFrom(client, org.manager.email, PASSWORD))).toBe('ok');
      for (let i = 0; i < AUTH.loginMaxFailuresPerClient - 1; i++)
        expect(outcome(await loginFrom(client, `nobody${i}@sec.test`, 'wrong-guess'))).toBe('incorrect');
      expect(outcome(await loginFrom(client, org.manager.email, PASSWORD))).toBe('ok');
    });

    it('a locked email is locked only for the addresses that failed on it, so strangers cannot lock a user out', async () => {
      const victim = org.leads.A1.email;
      const attacker = newClient();
      for (let i = 0; i < AUTH.loginMaxFailures; i++) expect(outcome(await loginFrom(attacker, victim, `guess-${i}`))).toBe('incorrect');
      const locked = await loginFrom(attacker, victim, PASSWORD);
      expect(outcome(locked)).toBe('locked');
      expect(expectError(locked, 'UNAUTHENTICATED').extensions?.retryAfterSeconds).toBeGreaterThan(AUTH.throttleWindowSeconds - 60);
      expect(outcome(await loginFrom(newClient(), victim, PASSWORD))).toBe('ok');
    });

    it('past the account-wide limit, every address that already failed on the email is refused; a new address still gets its try', async () => {
      const victim = org.members.A2[1].email;
      const attackers = Array.from({ length: 5 }, () => newClient());
      const perAttacker = AUTH.loginMaxFailuresPerAccount / attackers.length;
      expect(perAttacker).toBeLessThan(AUTH.loginMaxFailures);
      for (const a of attackers) for (let i = 0; i < perAttacker; i++) expect(outcome(await loginFrom(a, victim, `guess-${i}`))).toBe('incorrect');
      for (const a of attackers) expect(outcome(await loginFrom(a, victim, 'one-more-guess'))).toBe('locked');
      expect(outcome(await loginFrom(newClient(), victim, 'a-first-guess'))).toBe('incorrect');
      expect(outcome(await loginFrom(newClient(), victim, PASSWORD))).toBe('ok');
    });

    it('throttles wrong current passwords in changePassword, per user', async () => {
      const user = org.members.A1[0];
      const token = await t.login(user.email, PASSWORD);
      const change = (current: string) =>
        t.gql('mutation($c: String!) { changePassword(input: { currentPassword: $c, newPassword: "yet another passphrase" }) }', { c: current }, token);
      for (let i = 0; i < AUTH.passwordChangeMaxFailures; i++) {
        expect(expectError(await change(`wrong-current-${i}`), 'BAD_USER_INPUT').extensions?.fields).toEqual([
          { field: 'input.currentPassword', message: 'is incorrect' },
        ]);
      }
      const refused = expectError(await change(PASSWORD), 'UNAUTHENTICATED');
      expect(refused.message).toMatch(/Too many wrong current passwords/);
      expect(refused.extensions?.retryAfterSeconds).toBeGreaterThan(0);
      // The password did not change, and the token still works.
      expectData(await t.gql(ME, {}, token));
      await t.login(user.email, PASSWORD);
    });

    it('answers a junk email (too long) as a failed login charged to the client address, not INTERNAL; a NUL is refused at the boundary', async () => {
      const client = newClient();
      // A NUL in any string input is a client mistake answered before any resolver runs (HTTP 400).
      const nul = await loginFrom(client, 'a\u0000b@sec.test', 'whatever-guess');
      expect(nul.status).toBe(400);
      expectError(nul, 'BAD_USER_INPUT');
      // Longer than any email (254) but within the 2,000-character bound of plain arguments: a failed guess.
      expect(outcome(await loginFrom(client, `${'x'.repeat(300)}@sec.test`, 'whatever-guess'))).toBe('incorrect');
      // Past that bound the validation pipe refuses the argument before the resolver runs, and nothing is charged.
      expectError(await loginFrom(client, `${'x'.repeat(5000)}@sec.test`, 'whatever-guess'), 'BAD_USER_INPUT');
      const rows: { key: string; attempts: number }[] = await t.db.dataSource.query(`SELECT key, attempts FROM login_throttle WHERE key LIKE $1`, [
        `%${client}%`,
      ]);
      expect(rows).toEqual([{ key: `client:${client}`, attempts: 1 }]);
    });

    it('ignores X-Forwarded-For unless TRUST_PROXY trusts the proxy', async () => {
      const express = t.app.getHttpAdapter().getInstance() as { get(k: string): unknown; set(k: string, v: unknown): void };
      expect(express.get('trust proxy')).toBe('loopback'); // from config.auth.trustProxy
      express.set('trust proxy', false); // the default (TRUST_PROXY unset)
      try {
        // Each request claims another address; all count as the socket's (127.0.0.1).
        const results: string[] = [];
        for (let i = 0; i < AUTH.loginMaxFailuresPerClient + 2; i++) results.push(outcome(await loginFrom(newClient(), `spoof${i}@sec.test`, 'wrong-guess')));
        expect(results.filter((r) => r === 'locked')).toHaveLength(2);
        const rows: { key: string }[] = await t.db.dataSource.query(`SELECT key FROM login_throttle WHERE key LIKE 'client:%'`);
        expect(rows.map((r) => r.key)).toContain('client:127.0.0.1');
      } finally {
        express.set('trust proxy', 'loopback');
        await t.db.dataSource.query(`DELETE FROM login_throttle WHERE key LIKE '%127.0.0.1'`);
      }
    });
  });

  describe('password policy and global emails (issue 14 item 13)', () => {
    const CREATE = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }';
    const TOO_COMMON = 'is too common or too easy to guess; use a longer passphrase of a few unrelated words';

    it('createUser refuses short, common, blank and email-equal passwords with the field path, and writes nothing', async () => {
      const admin = await t.login(org.admin.email, PASSWORD);
      const cases: [string, string][] = [
        ['12345678', 'must be at least 10 characters'],
        ['password', 'must be at least 10 characters'],
        ['        ', 'must not be blank or only spaces'],
        [' '.repeat(16), 'must not be blank or only spaces'],
        ['1234567890', TOO_COMMON],
        ['Password2026!', TOO_COMMON],
        ['qwertyuiop', TOO_COMMON],
        ['new.person@sec.test', 'must not be the email address'],
      ];
      const before = await t.db.dataSource.query('SELECT count(*)::int AS n FROM app_user');
      for (const [password, message] of cases) {
        const err = expectError(
          await t.gql(CREATE, { input: { email: 'new.person@sec.test', name: 'New Person', password, role: 'MEMBER' } }, admin),
          'BAD_USER_INPUT',
        );
        expect([password, err.extensions?.fields]).toEqual([password, [{ field: 'input.password', message }]]);
      }
      expect(await t.db.dataSource.query('SELECT count(*)::int AS n FROM app_user')).toEqual(before);
      expectData(
        await t.gql(CREATE, { input: { email: 'new.person@sec.test', name: 'New Person', password: 'four unrelated words here', role: 'MEMBER' } }, admin),
      );
    });

    it('changePassword refuses a weak new password or the email, before checking anything else', async () => {
      const user = org.members.B1[0];
      const token = await t.login(user.email, PASSWORD);
      const change = async (newPassword: string) =>
        expectError(
          await t.gql('mutation($n: String!) { changePassword(input: { currentPassword: "irrelevant", newPassword: $n }) }', { n: newPassword }, token),
          'BAD_USER_INPUT',
        ).extensions?.fields;
      expect(await change('iloveyou123')).toEqual([{ field: 'input.newPassword', message: TOO_COMMON }]);
      expect(await change('short')).toEqual([{ field: 'input.newPassword', message: 'must be at least 10 characters' }]);
      expect(await change(user.email.toUpperCase())).toEqual([{ field: 'input.newPassword', message: 'must not be the email address' }]);
      // None of these took a slot of the current-password throttle.
      expect(await t.db.dataSource.query(`SELECT key FROM login_throttle WHERE key = $1`, [`password:${user.id}`])).toEqual([]);
    });

    it('the CLI first-admin setup applies the policy too', async () => {
      const orgs = t.app.get(OrganizationService);
      await expect(
        orgs.createOrganizationWithAdmin({
          organizationName: 'Weak',
          email: 'boss@weak.test',
          password: 'welcome123',
          name: 'Boss',
          timeZone: 'UTC',
          currency: 'USD',
        }),
      ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { fields: [{ field: 'password', message: TOO_COMMON }] } });
    });

    it('emails are global: a taken email answers the same CONFLICT in any organization, naming no organization', async () => {
      const orgs = t.app.get(OrganizationService);
      const other = await orgs.createOrganizationWithAdmin({
        organizationName: 'Other Academy',
        email: 'admin@other-academy.test',
        password: PASSWORD,
        name: 'Other admin',
        timeZone: 'UTC',
        currency: 'USD',
      });
      const otherAdmin = await t.login('admin@other-academy.test', PASSWORD);
      const mine = await t.login(org.admin.email, PASSWORD);
      const input = (email: string) => ({ input: { email, name: 'Someone', password: 'four unrelated words here', role: 'MEMBER' } });
      const elsewhere = expectError(await t.gql(CREATE, input(org.members.A1[0].email), otherAdmin), 'CONFLICT');
      const here = expectError(await t.gql(CREATE, input(org.members.A1[1].email), mine), 'CONFLICT');
      const shape = (e: { message: string; extensions?: Record<string, unknown> }, email: string) => ({
        message: e.message.replace(email, '<email>'),
        extensions: e.extensions,
      });
      expect(shape(elsewhere, org.members.A1[0].email)).toEqual(shape(here, org.members.A1[1].email));
      expect(elsewhere.message).toBe(`A user with email ${org.members.A1[0].email} already exists.`);
      const text = JSON.stringify(elsewhere);
      for (const secret of ['sec school', org.organizationId, org.members.A1[0].id]) expect(text).not.toContain(secret);
      expect(other.organizationId).not.toBe(org.organizationId);
    });
  });
});
