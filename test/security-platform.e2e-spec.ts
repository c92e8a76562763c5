import { readdirSync, readFileSync } from 'node:fs';
import { Server, createServer, connect, type Socket } from 'node:net';
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
import pg from 'pg';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { estimateComplexity } from '../src/common/graphql/limits.js';
import { createApp } from '../src/bootstrap.js';
import { createLogger } from '../src/common/logger.js';
import { databaseTimeouts, loadConfig, type DatabaseTimeouts } from '../src/config/config.js';
import { DATABASE } from '../src/database/database.module.js';
import type { OpenedDatabase } from '../src/database/data-source.js';
import { PrincipalCache } from '../src/organization/principal-cache.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, startTestApp, testConfig, type GqlResult, type TestApp } from './support/harness.js';

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

const ON_SERVER = Boolean(process.env.TEST_DATABASE_URL);

/** The API on `url` (null = a fresh embedded database) with the given database timeouts. */
async function appWith(url: string | null, timeouts: Partial<DatabaseTimeouts>): Promise<INestApplication> {
  const config = testConfig(url);
  config.database.timeouts = { ...databaseTimeouts(), ...timeouts };
  const app = await createApp(config, createLogger(config.logLevel));
  await app.init();
  return app;
}

async function post(app: INestApplication, query: string, token?: string) {
  let req = request(app.getHttpServer()).post('/graphql').set('Content-Type', 'application/json');
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  const started = Date.now();
  const res = await req.send({ query });
  return { status: res.status, body: res.body as GqlResult<unknown>, ms: Date.now() - started, retryAfter: res.headers['retry-after'] };
}

/** A TCP proxy to PostgreSQL that can turn into a peer that accepts and never answers. */
function blackHoleProxy(target: URL | null): Promise<{ server: Server; port: number; hang: () => void }> {
  const sockets: Socket[] = [];
  let hung = false;
  const server = createServer((client) => {
    sockets.push(client);
    client.on('error', () => undefined);
    if (hung || !target) return; // accept, read nothing, answer nothing
    const upstream = connect(Number(target.port || 5432), target.hostname);
    upstream.on('error', () => client.destroy());
    sockets.push(upstream);
    client.on('data', (d) => {
      if (!hung) upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (!hung) client.write(d);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server: Object.assign(server, {
          close: ((cb?: () => void) => {
            for (const s of sockets) s.destroy();
            return Server.prototype.close.call(server, cb);
          }) as Server['close'],
        }),
        port: (server.address() as { port: number }).port,
        hang: () => {
          hung = true;
        },
      }),
    ),
  );
}

describe('security (platform): a database that does not answer gives UNAVAILABLE (503) in bounded time', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('answers 503 UNAVAILABLE within the connect timeout when no connection is free, then recovers', async () => {
    const app = await appWith(t.config.database.url, { connectMs: 400 });
    const runners: QueryRunner[] = [];
    try {
      const org = await buildOrg(app, 'dbwait');
      const login = await post(app, `mutation { login(email: "${org.admin.email}", password: "${PASSWORD}") { accessToken } }`);
      const token = (login.body.data as { login: { accessToken: string } }).login.accessToken;
      const db = app.get<OpenedDatabase>(DATABASE);
      const poolSize = ON_SERVER ? 10 : 1;
      for (let i = 0; i < poolSize; i++) {
        const qr = db.dataSource.createQueryRunner();
        await qr.connect();
        runners.push(qr);
      }
      app.get(PrincipalCache).clear();
      const res = await post(app, '{ users(first: 1) { nodes { id } } }', token);
      expect(res.status).toBe(503);
      expect(res.retryAfter).toBe('5');
      expect(res.body.errors?.[0].extensions?.code).toBe('UNAVAILABLE');
      expect(res.body.errors?.[0].message).toMatch(/did not answer in time/);
      expect(res.ms).toBeLessThan(3_000);
      for (const qr of runners.splice(0)) await qr.release();
      const again = await post(app, '{ users(first: 1) { nodes { id } } }', token);
      expect(again.status).toBe(200);
      expect(again.body.errors).toBeUndefined();
    } finally {
      for (const qr of runners) await qr.release();
      await app.close();
    }
  });

  it('gives up booting against a server that accepts connections and never answers', async () => {
    const proxy = await blackHoleProxy(null);
    const started = Date.now();
    try {
      await expect(appWith(`postgres://nobody@127.0.0.1:${proxy.port}/none`, { connectMs: 500 })).rejects.toThrow(/timeout/i);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await new Promise<void>((r) => proxy.server.close(() => r()));
    }
  });

  (ON_SERVER ? it : it.skip)('PostgreSQL: a statement blocked by a lock is cut at the statement timeout', async () => {
    const app = await appWith(t.config.database.url, { statementMs: 500 });
    const locker = new pg.Client({ connectionString: t.config.database.url! });
    await locker.connect();
    try {
      const org = await buildOrg(app, 'dblock');
      const login = await post(app, `mutation { login(email: "${org.admin.email}", password: "${PASSWORD}") { accessToken } }`);
      const token = (login.body.data as { login: { accessToken: string } }).login.accessToken;
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE app_user IN ACCESS EXCLUSIVE MODE');
      app.get(PrincipalCache).clear();
      const res = await post(app, '{ users(first: 1) { nodes { id } } }', token);
      expect(res.status).toBe(503);
      expect(res.body.errors?.[0].extensions?.code).toBe('UNAVAILABLE');
      expect(res.ms).toBeLessThan(3_000);
      expect(JSON.stringify(res.body)).not.toMatch(/statement timeout|canceling/);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
      await app.close();
    }
  });

  (ON_SERVER ? it : it.skip)('PostgreSQL: requests to a server that stopped answering end within the timeouts', async () => {
    const proxy = await blackHoleProxy(new URL(t.config.database.url!));
    const url = new URL(t.config.database.url!);
    url.host = `127.0.0.1:${proxy.port}`;
    const app = await appWith(url.toString(), { connectMs: 500, statementMs: 500 });
    try {
      const org = await buildOrg(app, 'dbhang');
      const login = await post(app, `mutation { login(email: "${org.admin.email}", password: "${PASSWORD}") { accessToken } }`);
      const token = (login.body.data as { login: { accessToken: string } }).login.accessToken;
      proxy.hang();
      app.get(PrincipalCache).clear();
      const results = await Promise.all(Array.from({ length: 3 }, () => post(app, '{ users(first: 1) { nodes { id } } }', token)));
      for (const res of results) {
        expect(res.status).toBe(503);
        expect(res.body.errors?.[0].extensions?.code).toBe('UNAVAILABLE');
        expect(res.ms).toBeLessThan(4_000);
      }
      const health = await request(app.getHttpServer()).get('/health');
      expect(health.status).toBe(503);
    } finally {
      await new Promise<void>((r) => proxy.server.close(() => r()));
      await app.close().catch(() => undefined);
    }
  });
});

describe('security (platform): introspection and the GraphQL landing page in production', () => {
  let t: TestApp;
  let off: TestApp | undefined;
  let admin: string;

  beforeAll(async () => {
    const production = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DATA_DIR: '/tmp/squadops-test-unused' });
    expect(production.introspection).toBe('authenticated');
    t = await startTestApp({ nodeEnv: 'production', introspection: production.introspection });
    const org = await buildOrg(t.app, 'secintro');
    admin = await t.login(org.admin.email, PASSWORD);
  });
  afterAll(async () => {
    await off?.close();
    await t?.close();
  });

  it('serves the schema only to an authenticated caller', async () => {
    const schemaQueries = [
      '{ __schema { queryType { name } types { name } } }',
      '{ __type(name: "User") { name fields { name } } }',
      'query { ...F } fragment F on Query { __schema { queryType { name } } }',
      '{ me { id } __schema { queryType { name } } }',
    ];
    for (const q of schemaQueries) {
      for (const auth of [undefined, 'not-a-token']) {
        const res = await t.gql(q, {}, auth);
        expect(res.status).toBe(401);
        expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        expect(res.data ?? undefined).toBeUndefined();
      }
      const ok = await t.gql(q, {}, admin);
      expect(ok.status).toBe(200);
      expect(ok.errors).toBeUndefined();
    }
    // __typename is not introspection.
    expect(expectData(await t.gql('{ __typename }'))).toEqual({ __typename: 'Query' });
  });

  it('INTROSPECTION=off refuses the schema to everyone', async () => {
    off = await startTestApp({ introspection: 'off' });
    const org = await buildOrg(off.app, 'secintrooff');
    const token = await off.login(org.admin.email, PASSWORD);
    const res = await off.gql('{ __schema { queryType { name } } }', {}, token);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(expectData(await off.gql('{ me { id } }', {}, token))).toBeTruthy();
  });

  it('serves no page that loads scripts from the internet on GET /graphql', async () => {
    for (const accept of ['text/html', 'text/html,application/xhtml+xml,*/*;q=0.8', '*/*']) {
      const res = await t.http().get('/graphql').set('Accept', accept);
      expect(res.status).toBe(400);
      expect(res.text).not.toMatch(/<script|https?:\/\/|graphiql/i);
      expect(res.text.length).toBeLessThan(500);
    }
  });
});
