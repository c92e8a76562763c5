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
    expectClientError(await t.gql('mutation { createProduct(input: { kind: INTRO, name: "a", sku: "b", listPrice: "1.5" }) { id } }', {}, admin));
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

describe('security (platform): NUL bytes, lone surrogates and deep nesting are refused at the boundary', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'sectext');
    admin = await t.login(org.admin.email, PASSWORD);
  });
  afterAll(async () => t?.close());

  const BATCH = 'mutation($inputs: [SubmitIntakeInput!]!) { submitIntakeBatch(inputs: $inputs) { duplicates } }';
  const submission = (value: string) => ({
    surveyId: org.squads.A1,
    externalId: 'e-1',
    source: 'ORGANIC',
    contact: { name: 'Ann', phone: '+8613800000000' },
    answers: [
      { questionKey: 'q1', value: 'ok' },
      { questionKey: 'q2', value },
    ],
  });

  it('rejects a NUL or a lone surrogate in any variable, at any depth, naming the field, before any statement', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['query($id: ID!) { lead(id: $id) { id } }', { id: 'a\u0000b' }, 'id'],
      ['query($id: ID!) { lead(id: $id) { id } }', { id: 'a\ud800b' }, 'id'],
      ['query($id: ID!) { lead(id: $id) { id } }', { id: '\udc00' }, 'id'],
      [
        'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
        { input: { kind: 'INTRO', name: 'x\u0000', sku: 's', listPrice: 1 } },
        'input.name',
      ],
      [BATCH, { inputs: [submission('fine'), submission('bad\u0000')] }, 'inputs.1.answers.1.value'],
      [BATCH, { inputs: [submission('fine'), submission('bad\ud83d')] }, 'inputs.1.answers.1.value'],
    ];
    for (const [query, variables, field] of cases) {
      const statements = await t.countStatements(async () => {
        const err = expectClientError(await t.gql(query, variables, admin));
        expect(err.extensions?.fields).toEqual([{ field, message: expect.stringMatching(/NUL|surrogate/) }]);
      });
      expect(statements).toBeLessThanOrEqual(1); // the session lookup at most; no resolver ran
    }
    // A proper pair (an emoji) is text like any other.
    const ok = await t.gql('query($id: ID!) { lead(id: $id) { id } }', { id: 'a\ud83d\ude00' }, admin);
    expect(ok.status).toBe(200);
    expect(ok.errors?.[0].extensions?.code).not.toBe('INTERNAL');
  });

  it('rejects a NUL in an inline string literal of the document', async () => {
    expectClientError(await t.gql('{ lead(id: "a\\u0000b") { id } }', {}, admin), /NUL/);
    expectClientError(await t.gql('mutation { createProduct(input: { kind: INTRO, name: """x\u0000""", sku: "s", listPrice: 1 }) { id } }', {}, admin), /NUL/);
    expectClientError(await t.gql('{ lead(id: "a\\ud800b") { id } }', {}, admin));
  });

  it('answers variables nested 400,000 deep with a coded 400, not a stack overflow', async () => {
    const deepList = '['.repeat(400_000) + ']'.repeat(400_000);
    const deepObject = '{"a":'.repeat(150_000) + '1' + '}'.repeat(150_000);
    for (const value of [deepList, deepObject]) {
      const body = `{"query":"query($n: Int) { users(first: $n) { nodes { id } } }","variables":{"n":${value}}}`;
      const res = await t.http().post('/graphql').set('Content-Type', 'application/json').set('Authorization', `Bearer ${admin}`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors[0].message).toMatch(/nested deeper than 32 levels/);
    }
    // Deeply nested literals in the document itself.
    const literal = `{ users(first: ${'['.repeat(100_000)}1${']'.repeat(100_000)}) { nodes { id } } }`;
    const res = await t.gql(literal, {}, admin);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
