import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  Kind,
  parse,
  typeFromAST,
  validate,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { estimateComplexity } from '../src/common/graphql/limits.js';
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

/** Every ```graphql block of docs/*.md, with where it is. */
function documentedOperations(): { where: string; source: string }[] {
  const dir = join(process.cwd(), 'docs');
  const out: { where: string; source: string }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/```graphql\n([\s\S]*?)```/g)) {
      out.push({ where: `docs/${file}:${text.slice(0, m.index).split('\n').length}`, source: m[1] });
    }
  }
  return out;
}

/** A valid value of an input type (required fields only), for estimating documented operations. */
function sample(type: GraphQLInputType, depth = 0): unknown {
  if (type instanceof GraphQLNonNull) return sample(type.ofType, depth);
  if (type instanceof GraphQLList) return [];
  if (type instanceof GraphQLEnumType) return type.getValues()[0].value;
  if (type instanceof GraphQLInputObjectType) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields()))
      if (f.type instanceof GraphQLNonNull && f.defaultValue === undefined && depth < 5) out[f.name] = sample(f.type, depth + 1);
    return out;
  }
  const name = (type as GraphQLScalarType).name;
  return (
    (
      { ID: '00000000-0000-4000-8000-000000000000', Int: 20, Float: 1, Boolean: true, DateTime: '2026-03-01T00:00:00Z', Money: 1, Long: 1 } as Record<
        string,
        unknown
      >
    )[name] ?? '2026-03-01'
  );
}

describe('security (platform): root-field cap, aggregate costs and documented reads', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'seccost');
    admin = await t.login(org.admin.email, PASSWORD);
    schema = t.app.get(GraphQLSchemaHost).schema;
  });
  afterAll(async () => t?.close());

  it('refuses more root fields than MAX_ROOT_FIELDS (aliases and fragments counted) before any statement', async () => {
    const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
    const board = `leaderboard(input: { metricKey: "net_revenue", scope: SQUAD, teamKind: PRE_SALES, period: { kind: MONTH, start: "2026-03-01" } }) { name }`;
    const metric = `metricValues(input: { metricKeys: ["net_revenue"], entityType: SQUAD, period: { kind: MONTH, start: "2026-03-01" } }) { entityIds }`;
    for (const query of [
      aliases(2400, board),
      aliases(400, metric),
      aliases(21, 'me { id }'),
      `{ ...F ${aliases(1, 'me { id }').slice(1, -1)} } fragment F on Query { ${aliases(20, 'organization { id }').slice(1, -1)} }`,
    ]) {
      const statements = await t.countStatements(async () => expectClientError(await t.gql(query, {}, admin), /root fields .*the limit is 20/));
      expect(statements).toBeLessThanOrEqual(1); // the session lookup at most
    }
    expectData(await t.gql(aliases(20, 'me { id }'), {}, admin));
  });

  it('charges aggregates their work: a handful of leaderboards passes, twenty with their entries do not', async () => {
    const board = `leaderboard(input: { metricKey: "net_revenue", scope: SQUAD, teamKind: PRE_SALES, period: { kind: MONTH, start: "2026-03-01" } }) { name entries { entity { id name } value rank band } }`;
    const many = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: ${board}`).join(' ')} }`;
    const statements = await t.countStatements(async () => expectClientError(await t.gql(many, {}, admin), /too complex/));
    expect(statements).toBeLessThanOrEqual(1);
    const one = await t.gql(`{ ${board} }`, {}, admin);
    expect(one.status).toBe(200);
    expect(one.errors).toBeUndefined();
  });

  it('keeps every documented read at most half the cost limit', () => {
    const ops = documentedOperations();
    expect(ops.length).toBeGreaterThanOrEqual(8);
    const limit = t.config.limits.queryComplexity;
    const costs: Record<string, number> = {};
    for (const { where, source } of ops) {
      const document = parse(source);
      const errors = validate(schema, document);
      expect({ where, errors: errors.map((e) => e.message) }).toEqual({ where, errors: [] });
      for (const def of document.definitions) {
        if (def.kind !== Kind.OPERATION_DEFINITION || def.operation !== 'query') continue;
        const variables: Record<string, unknown> = {};
        for (const v of def.variableDefinitions ?? []) {
          if (v.defaultValue || v.type.kind !== Kind.NON_NULL_TYPE) continue;
          variables[v.variable.name.value] = sample(typeFromAST(schema, v.type) as GraphQLInputType);
        }
        costs[`${where} ${def.name?.value ?? ''}`] = estimateComplexity(schema, document, def.name?.value, variables);
      }
    }
    for (const [op, cost] of Object.entries(costs)) expect({ op, cost, fits: cost <= limit / 2 }).toEqual({ op, cost, fits: true });
  });
});
