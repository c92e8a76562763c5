import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { startTestApp, type TestApp } from './support/harness.js';

/**
 * The GraphQL lane (src/common/graphql/http-lane.ts) answers a signed-in client's POST /graphql
 * without Express's router. `/graphql?via=express` is the same request through Express (the lane
 * takes no query string; Apollo ignores it on a POST): every answer must be the same both ways.
 */
describe('GraphQL lane: the same answers as through Express', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;
  let member: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'lane');
    admin = await t.login(org.admin.email, PASSWORD);
    member = await t.login(org.members.A1[0]!.email, PASSWORD);
    // The lane takes tokens the server has verified once already.
    for (const token of [admin, member]) await t.gql('{ me { id } }', {}, token);
  });
  afterAll(async () => t?.close());

  const post = (path: string, body: string, token: string | null, type = 'application/json') => {
    const req = t.http().post(path).set('Content-Type', type);
    if (token) req.set('Authorization', `Bearer ${token}`);
    return req.send(body);
  };
  const both = async (body: string, token: string | null, type?: string) => {
    const lane = await post('/graphql', body, token, type);
    const express = await post('/graphql?via=express', body, token, type);
    expect({ status: lane.status, type: lane.headers['content-type'], body: lane.text }).toEqual({
      status: express.status,
      type: express.headers['content-type'],
      body: express.text,
    });
    expect(lane.headers['content-length']).toBe(String(Buffer.byteLength(lane.text)));
    return lane;
  };

  it('answers queries, errors and refusals as Express does', async () => {
    const me = await both(JSON.stringify({ query: '{ me { id email role } }' }), admin);
    expect(me.status).toBe(200);
    expect(JSON.parse(me.text).data.me).toMatchObject({ email: org.admin.email, role: 'ADMIN' });
    // A validation error (400), a forbidden field for a member, a variables problem, a mutation's bad input.
    expect((await both(JSON.stringify({ query: '{ nope }' }), admin)).status).toBe(400);
    const forbidden = await both(JSON.stringify({ query: '{ apiKeys { id } }' }), member);
    expect(JSON.parse(forbidden.text).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await both(JSON.stringify({ query: 'query($n: Int!) { users(first: $n) { nodes { id } } }', variables: { n: 'x' } }), admin)).status).toBe(400);
    expect((await both(JSON.stringify({ query: '{ me { id } }', variables: { s: 'a\u0000b' } }), admin)).status).toBe(400);
  });

  it('hands malformed bodies to the same error handler', async () => {
    for (const body of ['{"query": ', '"{ me { id } }"', '42', ' \n', ' \n x', '\ufeff{"query": "{ me { id } }"}', '{"query": "{ me { id } }"} x']) {
      const res = await both(body, admin);
      if (body.startsWith('\ufeff')) expect(res.status).toBe(200);
      else expect(JSON.parse(res.text).error.code).toBe('BAD_USER_INPUT');
    }
  });

  it('leaves other requests to Express: large bodies, other charsets, unknown tokens', async () => {
    const big = await post('/graphql', JSON.stringify({ query: `{ me { id } } #${'x'.repeat(1_100_000)}` }), admin);
    expect(big.status).toBe(413);
    expect((await both(JSON.stringify({ query: '{ me { id } }' }), admin, 'application/json; charset=latin1')).status).toBe(415);
    const forged = await both(JSON.stringify({ query: '{ me { id } }' }), `${admin.slice(0, -2)}xx`);
    expect(JSON.parse(forged.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const anonymous = await both(JSON.stringify({ query: '{ me { id } }' }), null);
    expect(JSON.parse(anonymous.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('still checks the session of every request it takes', async () => {
    const token = await t.login(org.members.A1[1]!.email, PASSWORD);
    await t.gql('{ me { id } }', {}, token);
    // The member changes their password: every earlier token ends, the lane's too.
    const changed = await post(
      '/graphql',
      JSON.stringify({
        query: 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) }',
        variables: { i: { currentPassword: PASSWORD, newPassword: 'Another-lane-pass-2026!' } },
      }),
      token,
    );
    expect(JSON.parse(changed.text).data.changePassword).toBe(true);
    const after = await both(JSON.stringify({ query: '{ me { id } }' }), token);
    expect(JSON.parse(after.text).errors[0]).toMatchObject({ message: expect.stringMatching(/session has ended/), extensions: { code: 'UNAUTHENTICATED' } });
  });
});
