import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';

describe('platform: limits, errors, health', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'plat');
    admin = await t.login(org.admin.email, PASSWORD);
  });
  afterAll(async () => t?.close());

  it('rejects queries nested beyond the depth limit', async () => {
    const deep = '{ me { squad { legion { squads { lead { squad { legion { squads { lead { squad { legion { name } } } } } } } } } } } }';
    const err = expectError(await t.gql(deep, {}, admin), 'BAD_USER_INPUT');
    expect(err.message).toMatch(/nested 11 levels deep; the limit is 10/);
    expectData(await t.gql('{ me { squad { legion { name } } } }', {}, admin));
  });

  it('rejects overly complex queries', async () => {
    const q = '{ users(first: 200) { nodes { squad { legion { squads { members { squad { name } } } } } } } }';
    const err = expectError(await t.gql(q, {}, admin), 'BAD_USER_INPUT');
    expect(err.message).toMatch(/too complex/);
  });

  it('estimates the same document per its variables (remembered estimates never mix them up)', async () => {
    const q = 'query($n: Int!) { users(first: $n) { nodes { squad { legion { squads { members { squad { name } } } } } } } }';
    expectData(await t.gql(q, { n: 1 }, admin));
    expect(expectError(await t.gql(q, { n: 200 }, admin), 'BAD_USER_INPUT').message).toMatch(/too complex/);
    expectData(await t.gql(q, { n: 1 }, admin));
    expect(expectError(await t.gql(q, { n: 200 }, admin), 'BAD_USER_INPUT').message).toMatch(/too complex/);
  });

  it('limits the request body size', async () => {
    const res = await t
      .http()
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send({ query: `{ me { id } } #${'x'.repeat(1_100_000)}` });
    expect(res.status).toBe(413);
  });

  it('answers health with the database status', async () => {
    const up = await t.http().get('/health');
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('never leaks SQL or stack traces', async () => {
    // A malformed UUID reaches PostgreSQL only if validation missed it; either way no SQL comes back.
    const res = await t.gql('query { user(id: "not-a-uuid") { id } }', {}, admin);
    const text = JSON.stringify(res);
    expect(text).not.toMatch(/SELECT|invalid input syntax|at .*\.js:\d+|QueryFailedError/);
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(res.errors?.[0].extensions?.code);
  });

  it('reports the database down with 503', async () => {
    await t.db.dataSource.destroy();
    const down = await t.http().get('/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'error', database: 'down' });
  });
});
