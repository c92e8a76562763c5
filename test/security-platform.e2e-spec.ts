import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, startTestApp, type GqlResult, type TestApp } from './support/harness.js';

/** A client mistake: HTTP 400, no data, every error coded BAD_USER_INPUT. */
function expectClientError<T>(res: GqlResult<T>, message?: RegExp) {
  if (res.status !== 400 || !res.errors?.length || res.errors.some((e) => e.extensions?.code !== 'BAD_USER_INPUT')) {
    throw new Error(`expected HTTP 400 BAD_USER_INPUT, got ${res.status} ${JSON.stringify(res.errors ?? res.data)}`);
  }
  expect(res.data ?? undefined).toBeUndefined();
  if (message) expect(res.errors[0].message).toMatch(message);
  return res.errors[0];
}

const ORDER = `mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { id } } }`;

describe('security (platform): client mistakes are HTTP 400 with a coded body', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'secplat');
    admin = await t.login(org.admin.email, PASSWORD);
  });
  afterAll(async () => t?.close());

  it('answers every variable-coercion error with 400 BAD_USER_INPUT', async () => {
    const users = 'query($n: Int) { users(first: $n) { nodes { id } } }';
    const required = 'query($n: Int!) { users(first: $n) { nodes { id } } }';
    const members = 'query($id: ID!, $at: DateTime) { squad(id: $id) { members(at: $at) { id } } }';
    const order = { leadId: org.squads.A1, amount: 100, externalId: 'x-1', paidAt: '2026-01-01T00:00:00Z' };
    const cases: [string, Record<string, unknown>][] = [
      [users, { n: 'abc' }],
      [required, {}],
      [required, { n: null }],
      [members, { id: org.squads.A1, at: 'not-a-date' }],
      [members, { id: org.squads.A1, at: '2026-02-30T00:00:00Z' }],
      [members, { id: org.squads.A1, at: 12345 }],
      [ORDER, { input: { ...order, amount: 'abc' } }],
      [ORDER, { input: { ...order, amount: 1.5 } }],
      [ORDER, { input: { ...order, amount: '99999999999999999999' } }],
      [ORDER, { input: { ...order, externalId: undefined } }],
      [ORDER, { input: { ...order, leadId: null } }],
      [ORDER, { input: { ...order, unknownField: 1 } }],
      [ORDER, { input: [order] }],
    ];
    for (const [query, variables] of cases) {
      const before = await t.countStatements(async () => expectClientError(await t.gql(query, variables, admin)));
      expect(before).toBeLessThanOrEqual(1); // at most the session lookup: nothing ran
    }
  });

  it('answers parse, validation, inline-literal, depth and cost rejections with 400 BAD_USER_INPUT', async () => {
    expectClientError(await t.gql('{ me { id }', {}, admin), /Syntax Error/);
    expectClientError(await t.gql('{ me { nope } }', {}, admin), /Cannot query field/);
    expectClientError(await t.gql('{ users(first: "abc") { nodes { id } } }', {}, admin));
    expectClientError(await t.gql('mutation { createProduct(input: { kind: COURSE, name: "a", sku: "b", listPrice: "1.5" }) { id } }', {}, admin));
    const deep = '{ me { squad { legion { squads { lead { squad { legion { squads { lead { squad { legion { name } } } } } } } } } } } }';
    expectClientError(await t.gql(deep, {}, admin), /nested 11 levels deep/);
    const costly = '{ users(first: 200) { nodes { squad { legion { squads { members { squad { name } } } } } } } }';
    expectClientError(await t.gql(costly, {}, admin), /too complex/);
    // Without a token the same mistakes are still 400, not 401 or 500.
    expectClientError(await t.gql('query($n: Int) { users(first: $n) { nodes { id } } }', { n: 'abc' }));
  });

  it('keeps field-level errors at 200 and a missing token at its code', async () => {
    const res = await t.gql('{ users(first: 1) { nodes { id } } }');
    expect(res.status).toBe(200);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(expectData(await t.gql('{ me { id } }', {}, admin))).toBeTruthy();
  });
});
