import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { mulberry32 } from '@lib/stats';
import { DateTime } from 'luxon';
import { startTestApp, type GqlResult, type TestApp } from './support/harness.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { createPublishedSurvey } from './support/intake.js';
import { createLead } from './support/leads.js';

/**
 * Schema-driven fuzzing (issue 14): for every query and mutation of schema.gql, each argument and
 * input field in turn gets bad values (blank, whitespace, NUL, 100k characters, negative and huge
 * numbers, days that do not exist, years out of range, malformed, unknown and other-organization
 * ids, empty and oversized lists) while the other arguments get valid-looking values. Every
 * answer must be a coded client error (never INTERNAL, never HTTP 500); a mutation must not
 * accept the value; and no table may change (row counts before and after each operation).
 *
 * A run takes a random sample (FUZZ_CASES, default 600, ~30 s on PGlite) from a seed that is printed; replay with
 * FUZZ_SEED=<seed>, run every case with FUZZ_ALL=1.
 */

/**
 * Categories another change (branch sec-platform: issue items 10 and 11) turns into client errors.
 * While such a change is pending, cases of these kinds are skipped entirely ...
 */
const PLATFORM_PENDING_SKIP = new Set<Kind>([]);
/**
 * ... and these may still answer HTTP 500 as long as the body carries a client code (variable
 * coercion errors, cost-limit rejections). Both lists are empty now that sec-platform is merged;
 * they stay as the place to name a category whose fix is pending elsewhere.
 */
const PLATFORM_PENDING_STATUS = new Set<string>([]);

/**
 * Findings outside this change's area (ids/access, auth): `operation path kind` patterns the
 * fuzzer reports but does not fail on, each with the reason. Listed in the issue-14 note.
 */
const KNOWN_ELSEWHERE: { pattern: RegExp; why: string }[] = [];

/**
 * Values a mutation may accept by design (documented): `operation path kind` patterns.
 */
const ACCEPTED_BY_DESIGN: { pattern: RegExp; why: string }[] = [
  {
    pattern:
      /^\w+ \S*(note|comment|reason|description|goal|changeNote|label|campaign|cohortRef|externalRef|productName|season|outcomeNotes|notes|script|persona|search) (blank|empty)$/i,
    why: 'optional free text may be empty or blank',
  },
  {
    pattern: /^\w+ \S*(tags|tiers|personas|scripts|objections|answers|options|bands|groupCaps|rules|leadIds|squadIds|optionKeys|steps) empty-list$/,
    why: 'an empty optional list means "none" or "all" (documented per field)',
  },
  { pattern: /^logExperimentData \S*(exposures|conversions) negative$/, why: 'negative counts correct earlier entries (documented)' },
  { pattern: /^\w+ \S*dayOffset negative$/, why: 'negative camp days are the warm-up (documented)' },
  {
    pattern: /^\w+ \S*(min|max|points|minPoints|maxPoints|yesPoints|noPoints|minScore) negative$/,
    why: 'survey numbers may be negative (penalties); weights may not',
  },
];

type Kind =
  | 'empty'
  | 'blank'
  | 'nul'
  | 'surrogate'
  | 'long'
  | 'negative'
  | 'huge'
  | 'coercion'
  | 'bad-date'
  | 'old-date'
  | 'far-date'
  | 'malformed-id'
  | 'unknown-id'
  | 'other-org-id'
  | 'empty-list'
  | 'oversized-list';

interface Bad {
  kind: Kind;
  value: unknown;
}

interface Case {
  root: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  /** Path of the mutated value: argument name, then input field names. */
  path: string[];
  bad: Bad;
  label: string;
}

const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'UNAUTHENTICATED']);
const DATE_NAME = /^(day|date|start|end|from|to|startDate|endDate|reviewDate)$/;
const schema = buildSchema(readFileSync(new URL('../schema.gql', import.meta.url), 'utf8'));

describe('schema-driven fuzz (issue 14)', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let other: FixtureOrg;
  let admin: string;
  let member: string;
  let leadId: string;
  let otherLeadId: string;
  let surveyId: string;
  const pool: Record<string, string> = {};
  let countSql: string;
  const today = DateTime.now().setZone('Asia/Shanghai').toISODate()!;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'fuzz');
    other = await buildOrg(t.app, 'fuzzother');
    admin = await t.login(org.admin.email, PASSWORD);
    member = await t.login(org.members.A1[0].email, PASSWORD);
    surveyId = await createPublishedSurvey(t, admin);
    leadId = await createLead(t.app, org.organizationId, { name: 'Fuzz Lead', ownerId: org.members.A1[0].id, squadId: org.squads.A1 });
    const product = await t.gql<{ createProduct: { id: string } }>(
      'mutation { createProduct(input: { sku: "FUZZ-1", name: "Fuzz course", kind: REGULAR, listPrice: 1000 }) { id } }',
      {},
      admin,
    );
    pool.product = product.data!.createProduct.id;
    const buyer = await createLead(t.app, org.organizationId, { name: 'Fuzz Buyer', ownerId: org.members.A1[0].id, squadId: org.squads.A1 });
    const order = await t.gql<{ recordOrder: { order: { id: string } } }>(
      'mutation($i: RecordOrderInput!) { recordOrder(input: $i) { order { id } } }',
      { i: { externalId: 'fuzz-order', leadId: buyer, productId: pool.product, amount: 1000, paidAt: new Date().toISOString() } },
      admin,
    );
    pool.order = order.data!.recordOrder.order.id;
    otherLeadId = await createLead(t.app, other.organizationId, { name: 'Other Lead', ownerId: other.members.A1[0].id, squadId: other.squads.A1 });
    // Every table but the login bookkeeping (a failed login is recorded by design).
    const tables: { name: string }[] = await t.db.dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
         AND table_name NOT IN ('migrations', 'typeorm_metadata') AND table_name NOT LIKE 'login%' ORDER BY 1`,
    );
    countSql = `SELECT ${tables.map((r) => `(SELECT count(*) FROM "${r.name}")::int AS "${r.name}"`).join(', ')}`;
  }, 120_000);
  afterAll(async () => t?.close());

  /** An id of the caller's organization that fits the argument's name, or a fresh UUID. */
  const idFor = (name: string, of: FixtureOrg, lead: string): string => {
    const n = name.toLowerCase();
    if (n.includes('squad') || n === 'populationid' || n === 'aid' || n === 'bid') return of.squads.A1;
    if (n.includes('legion')) return of.legionA;
    if (n.includes('lead')) return lead;
    if (n.includes('survey')) return of === org ? surveyId : randomUUID();
    if (n.includes('product')) return of === org ? pool.product : randomUUID();
    if (n.includes('order')) return of === org ? pool.order : randomUUID();
    if (/(user|member|owner|subject|curator|rep)/.test(n)) return of.members.A1[0].id;
    return randomUUID();
  };

  const stringFor = (name: string): string => {
    if (DATE_NAME.test(name)) return today;
    if (/email/i.test(name)) return 'fuzz@example.com';
    if (name === 'localTime') return '09:00';
    if (name === 'timeZone') return 'Asia/Shanghai';
    if (name === 'currency') return 'CNY';
    if (name === 'sku' || name === 'productSku') return 'FUZZ-1';
    if (/metricKey|^metric$/.test(name)) return 'gross_revenue';
    if (/variantKey|^key$/.test(name)) return 'control';
    if (/tier/i.test(name)) return 'B';
    if (/password/i.test(name)) return 'fuzz password 123';
    return 'fuzz';
  };

  const scalarValue = (type: GraphQLNamedType, name: string): unknown => {
    switch (type.name) {
      case 'ID':
        return idFor(name, org, leadId);
      case 'String':
        return stringFor(name);
      case 'Int':
      case 'Long':
        return 1;
      case 'Float':
        return 0.5;
      case 'Money':
        return 100;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date().toISOString();
      case 'NumberList':
        return [1];
      default:
        return isEnumType(type) ? type.getValues()[0].value : null;
    }
  };

  /** A valid-looking value: required fields only, lists of one. */
  const validValue = (type: GraphQLInputType, name: string, depth = 0): unknown => {
    if (isNonNullType(type)) return validValue(type.ofType, name, depth);
    if (isListType(type)) return [validValue(type.ofType as GraphQLInputType, name.replace(/s$/, ''), depth)];
    if (isInputObjectType(type)) {
      const out: Record<string, unknown> = {};
      if (depth > 5) return out;
      for (const f of Object.values(type.getFields())) {
        if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = validValue(f.type, f.name, depth + 1);
      }
      return out;
    }
    return scalarValue(type, name);
  };

  const badValues = (type: GraphQLInputType, name: string): Bad[] => {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const item = validValue(inner.ofType as GraphQLInputType, name.replace(/s$/, ''));
      const size = isLeafType(getNamedType(inner)) ? 5001 : 1001;
      return [
        { kind: 'empty-list', value: [] },
        { kind: 'oversized-list', value: Array.from({ length: size }, () => item) },
      ];
    }
    if (!isLeafType(inner) || isEnumType(inner)) return [];
    switch (inner.name) {
      case 'String':
        return [
          { kind: 'empty', value: '' },
          { kind: 'blank', value: '   ' },
          { kind: 'nul', value: 'a\u0000b' },
          { kind: 'surrogate', value: 'a\ud800b' },
          { kind: 'long', value: 'x'.repeat(100_000) },
          ...(DATE_NAME.test(name)
            ? [
                { kind: 'bad-date' as const, value: '2026-02-30' },
                { kind: 'old-date' as const, value: '0001-01-01' },
                { kind: 'far-date' as const, value: '9999-12-31' },
              ]
            : []),
        ];
      case 'ID':
        return [
          { kind: 'empty', value: '' },
          { kind: 'malformed-id', value: 'not-an-id' },
          { kind: 'unknown-id', value: randomUUID() },
          { kind: 'other-org-id', value: idFor(name, other, otherLeadId) },
        ];
      case 'Int':
        return [
          { kind: 'negative', value: -1 },
          { kind: 'huge', value: 2147483647 },
        ];
      case 'Float':
        return [
          { kind: 'negative', value: -1 },
          { kind: 'huge', value: 1e308 },
        ];
      case 'Money':
        return [
          { kind: 'negative', value: -1 },
          { kind: 'coercion', value: Number.MAX_SAFE_INTEGER },
        ];
      case 'Long':
        return [
          { kind: 'negative', value: -1 },
          { kind: 'huge', value: Number.MAX_SAFE_INTEGER },
        ];
      case 'DateTime':
        return [
          { kind: 'coercion', value: '2026-02-30T00:00:00Z' },
          { kind: 'coercion', value: '0001-01-01T00:00:00Z' },
          { kind: 'coercion', value: '9999-12-31T23:59:59Z' },
        ];
      default:
        return [];
    }
  };

  /** Every (path, bad value) of one argument: the argument itself and its input fields, recursively. */
  const leaves = (type: GraphQLInputType, path: string[], depth: number, out: { path: string[]; bad: Bad }[]) => {
    for (const bad of badValues(type, path[path.length - 1])) out.push({ path, bad });
    const named = getNamedType(type);
    if (isInputObjectType(named) && depth < 4) {
      for (const f of Object.values(named.getFields())) leaves(f.type, [...path, f.name], depth + 1, out);
    }
  };

  const allCases = (): Case[] => {
    const cases: Case[] = [];
    for (const root of ['query', 'mutation'] as const) {
      const type = root === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
      for (const field of Object.values(type.getFields())) {
        const found: { path: string[]; bad: Bad }[] = [];
        for (const arg of field.args) leaves(arg.type, [arg.name], 0, found);
        for (const c of found) cases.push({ root, field, ...c, label: `${field.name} ${c.path.join('.')} ${c.bad.kind}` });
      }
    }
    return cases;
  };

  /** The variables of a case: valid-looking arguments with one value replaced along `path`. */
  const variablesOf = (c: Case): Record<string, unknown> => {
    const vars: Record<string, unknown> = {};
    for (const arg of c.field.args) {
      if (arg.name === c.path[0]) continue;
      if (isNonNullType(arg.type) && arg.defaultValue === undefined) vars[arg.name] = validValue(arg.type, arg.name);
    }
    const arg = c.field.args.find((a) => a.name === c.path[0]) as GraphQLArgument;
    if (c.path.length === 1) {
      vars[arg.name] = c.bad.value;
      return vars;
    }
    // Build the argument with every object on the path present (required fields valid).
    const root = validValue(arg.type, arg.name) as Record<string, unknown>;
    vars[arg.name] = root;
    let obj: Record<string, unknown> = Array.isArray(root) ? root[0] : root;
    let type = getNamedType(arg.type);
    for (let i = 1; i < c.path.length; i++) {
      const f = isInputObjectType(type) ? type.getFields()[c.path[i]] : undefined;
      if (!f) break;
      if (i === c.path.length - 1) {
        obj[f.name] = c.bad.value;
      } else {
        const child = validValue(f.type, f.name);
        obj[f.name] = child;
        obj = (Array.isArray(child) ? child[0] : child) as Record<string, unknown>;
        type = getNamedType(f.type);
      }
    }
    return vars;
  };

  /** The operation with a variable for each argument given (the others keep their defaults). */
  const documentOf = (c: Case, vars: Record<string, unknown>): string => {
    const given = c.field.args.filter((a) => a.name in vars);
    const defs = given.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
    const args = given.map((a) => `${a.name}: $${a.name}`).join(', ');
    const named = getNamedType(c.field.type);
    const selection = isLeafType(named) ? '' : ' { __typename }';
    return `${c.root}${defs ? `(${defs})` : ''} { ${c.field.name}${args ? `(${args})` : ''}${selection} }`;
  };

  /** What is wrong with one answer, or null. */
  const judge = (c: Case, res: GqlResult<unknown>, status: number): string | null => {
    const codes = (res.errors ?? []).map((e) => e.extensions?.code as string | undefined);
    if (codes.includes('INTERNAL')) return `INTERNAL: ${res.errors!.find((e) => e.extensions?.code === 'INTERNAL')!.message}`;
    const bad = codes.find((code) => !code || !CLIENT_CODES.has(code));
    if (bad !== undefined) return `uncoded or unknown error ${String(bad)}`;
    const costLimit = (res.errors ?? []).some((e) => /complex|cost/i.test(e.message));
    if (status >= 500 && !PLATFORM_PENDING_STATUS.has(c.bad.kind) && !(costLimit && PLATFORM_PENDING_STATUS.has('cost-limit'))) return `HTTP ${status}`;
    if (status >= 500 && !codes.length) return `HTTP ${status} without a coded error`;
    if (c.root === 'mutation' && !res.errors?.length && !ACCEPTED_BY_DESIGN.some((a) => a.pattern.test(c.label))) return 'accepted';
    return null;
  };

  it('answers every bad value with a coded client error and writes nothing', async () => {
    const cases = allCases().filter((c) => !PLATFORM_PENDING_SKIP.has(c.bad.kind));
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
    const size = process.env.FUZZ_ALL ? cases.length : Number(process.env.FUZZ_CASES ?? 600);
    const random = mulberry32(seed);
    const chosen = process.env.FUZZ_ALL
      ? cases
      : cases
          .map((c) => ({ c, k: random() }))
          .sort((a, b) => a.k - b.k)
          .slice(0, size)
          .map((x) => x.c);
    // Grouped by operation, so the row counts are compared once per operation batch.
    chosen.sort((a, b) => a.label.localeCompare(b.label));
    process.stdout.write(`fuzz: seed ${seed} (replay with FUZZ_SEED=${seed}), ${chosen.length} of ${cases.length} cases\n`);

    const findings: string[] = [];
    const elsewhere: string[] = [];
    let i = 0;
    while (i < chosen.length) {
      const op = chosen[i].field.name;
      const before = (await t.db.dataSource.query(countSql))[0];
      let succeeded = 0;
      for (; i < chosen.length && chosen[i].field.name === op; i++) {
        const c = chosen[i];
        const variables = variablesOf(c);
        const query = documentOf(c, variables);
        for (const [who, token] of i % 5 === 0
          ? ([
              ['ADMIN', admin],
              ['MEMBER', member],
            ] as const)
          : ([['ADMIN', admin]] as const)) {
          const res = await t.gql(query, variables, token);
          if (!res.errors?.length) succeeded++;
          const problem = judge(c, res, res.status);
          if (!problem) continue;
          const line = `${c.label} as ${who}: ${problem}`;
          if (KNOWN_ELSEWHERE.some((k) => k.pattern.test(`${c.label} ${problem}`))) elsewhere.push(line);
          else findings.push(line);
        }
      }
      const after = (await t.db.dataSource.query(countSql))[0];
      const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
      if (changed.length && !succeeded) findings.push(`${op}: rejected requests changed ${changed.map((k) => `${k} ${before[k]}→${after[k]}`).join(', ')}`);
    }
    if (elsewhere.length) process.stdout.write(`fuzz: ${elsewhere.length} known findings outside input bounds:\n  ${elsewhere.join('\n  ')}\n`);
    if (findings.length) process.stdout.write(`fuzz: seed ${seed}: ${findings.length} findings:\n  ${findings.join('\n  ')}\n`);
    expect(findings).toEqual([]);
  }, 600_000);
});
