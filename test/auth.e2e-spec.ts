import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';

describe('auth', () => {
  let t: TestApp;
  let org: FixtureOrg;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'auth');
  });
  afterAll(async () => t?.close());

  it('logs in and answers me', async () => {
    const res = await t.gql<{ login: { accessToken: string; expiresAt: string; user: { email: string; role: string } } }>(
      'mutation { login(email: "Lead.A1@auth.test", password: "correct horse battery") { accessToken expiresAt user { email role } } }',
    );
    const { login } = expectData(res);
    expect(login.user).toEqual({ email: 'lead.a1@auth.test', role: 'LEAD' });
    expect(new Date(login.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = expectData(await t.gql<{ me: { email: string; squad: { name: string } } }>('{ me { email squad { name } } }', {}, login.accessToken));
    expect(me.me).toEqual({ email: 'lead.a1@auth.test', squad: { name: 'A1' } });
  });

  it('gives one generic message for a wrong password and an unknown email', async () => {
    const wrong = expectError(await t.gql('mutation { login(email: "lead.a2@auth.test", password: "nope-nope") { accessToken } }'), 'UNAUTHENTICATED');
    const unknown = expectError(await t.gql('mutation { login(email: "nobody@auth.test", password: "nope-nope") { accessToken } }'), 'UNAUTHENTICATED');
    expect(wrong.message).toBe('Email or password is incorrect.');
    expect(unknown.message).toBe(wrong.message);
  });

  it('throttles repeated failures, even with the right password afterwards', async () => {
    for (let i = 0; i < 5; i++) await t.gql('mutation { login(email: "rep.a2.2@auth.test", password: "wrong-password") { accessToken } }');
    const locked = expectError(await t.gql(`mutation { login(email: "rep.a2.2@auth.test", password: "${PASSWORD}") { accessToken } }`), 'UNAUTHENTICATED');
    expect(locked.message).toMatch(/Too many failed login attempts/);
    expect(locked.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('rejects missing, garbage and expired tokens', async () => {
    expectError(await t.gql('{ me { id } }'), 'UNAUTHENTICATED');
    const garbage = expectError(await t.gql('{ me { id } }', {}, 'not-a-token'), 'UNAUTHENTICATED');
    expect(garbage.message).toMatch(/invalid/);
    const jwt = t.app.get(JwtService);
    const expired = await jwt.signAsync({ sub: org.manager.id, org: org.organizationId, role: 'MANAGER' }, { expiresIn: -10 });
    const err = expectError(await t.gql('{ me { id } }', {}, expired), 'UNAUTHENTICATED');
    expect(err.message).toMatch(/expired/);
    const forged = await new JwtService({ secret: 'another-secret-another-secret-another' }).signAsync({
      sub: org.manager.id,
      org: org.organizationId,
      role: 'ADMIN',
    });
    expectError(await t.gql('{ me { id } }', {}, forged), 'UNAUTHENTICATED');
  });

  it('rejects a token that expires after it was accepted (verified tokens are remembered, their expiry is not)', async () => {
    const jwt = t.app.get(JwtService);
    const token = await jwt.signAsync({ sub: org.manager.id, org: org.organizationId, role: 'MANAGER' }, { expiresIn: 2 });
    expect(expectData(await t.gql<{ me: { id: string } }>('{ me { id } }', {}, token)).me.id).toBe(org.manager.id);
    // exp has a one-second resolution: wait until it is past for sure.
    await new Promise((resolve) => setTimeout(resolve, 3100));
    const err = expectError(await t.gql('{ me { id } }', {}, token), 'UNAUTHENTICATED');
    expect(err.message).toMatch(/expired/);
  });

  it('applies a role change and a time-zone change from the next request (the session lookup is remembered briefly)', async () => {
    const admin = await t.login(org.admin.email, PASSWORD);
    let manager = await t.login(org.manager.email, PASSWORD);
    expectData(await t.gql('{ surveys { id } }', {}, manager)); // MANAGER may read survey definitions
    expectData(await t.gql('mutation($id: ID!) { updateUser(id: $id, input: { role: MEMBER }) { role } }', { id: org.manager.id }, admin));
    // A role change ends the user's earlier tokens; a new login carries the new role.
    expectError(await t.gql('{ surveys { id } }', {}, manager), 'UNAUTHENTICATED');
    manager = await t.login(org.manager.email, PASSWORD);
    expectError(await t.gql('{ surveys { id } }', {}, manager), 'FORBIDDEN');
    expectData(await t.gql('mutation($id: ID!) { updateUser(id: $id, input: { role: MANAGER }) { role } }', { id: org.manager.id }, admin));
    manager = await t.login(org.manager.email, PASSWORD);
    expectData(await t.gql('{ surveys { id } }', {}, manager));

    const day = '{ metricValues(input: { metricKeys: ["conversions"], entityType: SQUAD, period: { kind: DAY, start: "2026-07-01" } }) { period { start } } }';
    const startOf = async () => expectData(await t.gql<{ metricValues: { period: { start: string } } }>(day, {}, admin)).metricValues.period.start;
    expect(await startOf()).toBe('2026-06-30T16:00:00.000Z'); // Asia/Shanghai
    expectData(await t.gql('mutation { updateOrganization(input: { timeZone: "UTC" }) { timeZone } }', {}, admin));
    expect(await startOf()).toBe('2026-07-01T00:00:00.000Z');
    expectData(await t.gql('mutation { updateOrganization(input: { timeZone: "Asia/Shanghai" }) { timeZone } }', {}, admin));
    expect(await startOf()).toBe('2026-06-30T16:00:00.000Z');
  });

  it('locks out a deactivated user, including their live token', async () => {
    const token = await t.login(org.members.A1[1].email, PASSWORD);
    const admin = await t.login(org.admin.email, PASSWORD);
    expectData(await t.gql('mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: org.members.A1[1].id }, admin));
    expectError(await t.gql('{ me { id } }', {}, token), 'UNAUTHENTICATED');
    expectError(await t.gql(`mutation { login(email: "${org.members.A1[1].email}", password: "${PASSWORD}") { accessToken } }`), 'UNAUTHENTICATED');
  });

  it('creates API keys shown once, stored hashed, scoped and revocable', async () => {
    const admin = await t.login(org.admin.email, PASSWORD);
    const created = expectData(
      await t.gql<{ createApiKey: { secret: string; apiKey: { id: string; prefix: string; scopes: string[] } } }>(
        'mutation { createApiKey(input: { name: "Forms", scopes: ["intake:submit"] }) { secret apiKey { id prefix scopes } } }',
        {},
        admin,
      ),
    ).createApiKey;
    expect(created.secret).toMatch(/^sk_/);
    expect(created.secret.startsWith(created.apiKey.prefix)).toBe(true);
    const stored = await t.db.dataSource.query('SELECT secret_hash FROM api_key WHERE id = $1', [created.apiKey.id]);
    expect(stored[0].secret_hash).not.toContain(created.secret);
    expect(stored[0].secret_hash).toHaveLength(64);
    // A key cannot call operations that do not accept API keys.
    const refused = expectError(await t.gql('{ me { id } }', {}, { apiKey: created.secret }), 'FORBIDDEN');
    expect(refused.message).toMatch(/API keys cannot call/);
    expectError(await t.gql('mutation { createApiKey(input: { name: "x", scopes: ["everything"] }) { secret } }', {}, admin), 'BAD_USER_INPUT');
    const member = await t.login(org.members.A2[0].email, PASSWORD);
    expectError(await t.gql('mutation { createApiKey(input: { name: "x", scopes: ["intake:submit"] }) { secret } }', {}, member), 'FORBIDDEN');
    expectData(await t.gql('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: created.apiKey.id }, admin));
    expectError(await t.gql('{ me { id } }', {}, { apiKey: created.secret }), 'UNAUTHENTICATED');
    expectError(await t.gql('{ me { id } }', {}, { apiKey: 'sk_garbage' }), 'UNAUTHENTICATED');
  });

  it('changes a password', async () => {
    const token = await t.login(org.members.B1[0].email, PASSWORD);
    expectError(
      await t.gql('mutation { changePassword(input: { currentPassword: "wrong-one", newPassword: "a-new-password" }) }', {}, token),
      'BAD_USER_INPUT',
    );
    expectData(await t.gql(`mutation { changePassword(input: { currentPassword: "${PASSWORD}", newPassword: "a-new-password" }) }`, {}, token));
    await t.login(org.members.B1[0].email, 'a-new-password');
  });
});
