import { describe, expect, it } from '@jest/globals';
import {
  GraphQLError,
  GraphQLID,
  GraphQLInt,
  buildSchema,
  execute,
  parse,
  type ExecutionResult,
  type GraphQLObjectType,
  type OperationDefinitionNode,
} from 'graphql';
import { loadConfig } from '../../config/config.js';
import { JitExecutor, selectsIntrospection, serializeLeafList, withoutPropertyResolvers } from './jit-executor.js';
import { SERIALIZED_EXTENSION } from './serialized.js';
import { preloadFields } from './preloaded.js';

const schema = buildSchema(`
  type Query { hello(name: String!): String! item: Item broken: String! failing: String n(x: Int!): Int! }
  type Item { id: ID! name: String! }
  type Mutation { a: Int! b: Int! }
`);
const order: string[] = [];
const root = {
  hello: ({ name }: { name: string }) => `hi ${name}`,
  item: () => ({ id: '1', name: null }),
  broken: () => null,
  failing: () => {
    throw Object.assign(new Error('nope'), { extensions: { code: 'NOT_FOUND' } });
  },
  n: ({ x }: { x: number }) => x * 2,
};
// graphql-jit calls the schema's resolvers; give the schema the root object's functions.
for (const [name, field] of Object.entries(schema.getQueryType()!.getFields())) {
  const fn = (root as Record<string, (args: never) => unknown>)[name]!;
  field.resolve = (_src, args) => fn(args as never);
}
for (const [name, field] of Object.entries(schema.getMutationType()!.getFields())) {
  field.resolve = async () => {
    order.push(`${name} start`);
    await new Promise((r) => setTimeout(r, name === 'a' ? 5 : 0));
    order.push(`${name} end`);
    return 1;
  };
}

function request(source: string, variables?: Record<string, unknown>, operationName?: string) {
  const document = parse(source);
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const operation = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  return { source, document, operation, operationName, variables, contextValue: {} };
}

const plain = (r: ExecutionResult) => JSON.parse(JSON.stringify(r)) as unknown;
const graphqlJs = (source: string, variables?: Record<string, unknown>) => execute({ schema, document: parse(source), variableValues: variables });

describe('JitExecutor', () => {
  it('compiles a query once per document and operation name, then reuses it', async () => {
    const x = new JitExecutor(schema);
    expect(await x.run(request('{ hello(name: "a") }'))).toEqual({ data: { hello: 'hi a' } });
    await x.run(request('{ hello(name: "a") }'));
    expect(x.stats).toEqual({ compiled: 1, refused: 0, jit: 2, graphqlJs: 0 });
    const two = 'query A { hello(name: "a") } query B { hello(name: "b") }';
    expect(await x.run(request(two, undefined, 'B'))).toEqual({ data: { hello: 'hi b' } });
    expect(await x.run(request(two, undefined, 'A'))).toEqual({ data: { hello: 'hi a' } });
    expect(x.stats.compiled).toBe(3);
    expect(x.size).toBe(3);
  });

  it('keeps at most maxEntries documents, dropping the least recently used', async () => {
    const x = new JitExecutor(schema, 2);
    const q = (i: number) => request(`{ n(x: ${i}) }`);
    await x.run(q(1));
    await x.run(q(2));
    await x.run(q(1)); // 1 is now the most recent
    await x.run(q(3)); // evicts 2
    expect(x.size).toBe(2);
    await x.run(q(1));
    expect(x.stats.compiled).toBe(3);
    await x.run(q(2));
    expect(x.stats.compiled).toBe(4);
  });

  it('gives the same errors as graphql-js, as graphql-js GraphQLError objects with extensions', async () => {
    const x = new JitExecutor(schema);
    for (const source of ['{ failing hello(name: "z") }', '{ broken }', '{ item { id name } }']) {
      const jit = await x.run(request(source));
      expect(plain(jit)).toEqual(plain(await graphqlJs(source)));
      for (const e of jit.errors ?? []) {
        expect(e.constructor).toBe(GraphQLError);
        expect(e.extensions).toEqual(expect.any(Object));
      }
    }
    const failing = await x.run(request('{ failing }'));
    expect(failing.errors![0]!.originalError?.message).toBe('nope');
    expect(failing.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it("refuses bad variables with graphql-js's own errors", async () => {
    const x = new JitExecutor(schema);
    const source = 'query($x: Int!, $y: Int!) { n(x: $x) }';
    const bad = await x.run(request(source, { x: 'one' }));
    expect(plain(bad)).toEqual(plain(await graphqlJs(source, { x: 'one' })));
    expect(bad.errors).toHaveLength(2);
    expect(await x.run(request(source, { x: 2, y: 0 }))).toEqual({ data: { n: 4 } });
  });

  it('runs mutations (serially) and unselectable operations through graphql-js', async () => {
    const x = new JitExecutor(schema);
    expect(await x.run(request('mutation { a b }'))).toEqual({ data: { a: 1, b: 1 } });
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end']);
    const ambiguous = await x.run(request('query A { n(x: 1) } query B { n(x: 2) }'));
    expect(ambiguous.errors![0]!.message).toBe('Must provide operation name if query contains multiple operations.');
    expect(x.stats).toMatchObject({ compiled: 0, jit: 0, graphqlJs: 2 });
  });
});

describe('variables graphql-jit would coerce differently', () => {
  const s = buildSchema(`
    input Page { first: Int! = 20, after: String }
    input Filter { page: Page, name: String }
    input Plain { name: String }
    type Query { list(filter: Filter): String, plain(p: Plain): String, many(names: [String!]): String }
  `);
  const fields = s.getQueryType()!.getFields();
  fields.list!.resolve = (_s, args) => JSON.stringify(args);
  fields.plain!.resolve = (_s, args) => JSON.stringify(args);
  fields.many!.resolve = (_s, args) => JSON.stringify(args);

  it('run through graphql-js: input field defaults given through a variable, variables inside literals', async () => {
    const x = new JitExecutor(s);
    const cases: [string, Record<string, unknown>][] = [
      ['query($f: Filter) { list(filter: $f) }', { f: { page: {} } }],
      ['query($n: String) { plain(p: { name: $n }) }', { n: 'a' }],
      ['query($n: String!) { many(names: [$n, "b"]) }', { n: 'a' }],
    ];
    for (const [source, variables] of cases) {
      const jit = await x.run(request(source, variables));
      expect(jit).toEqual(await execute({ schema: s, document: parse(source), variableValues: variables }));
    }
    expect(await x.run(request('query($f: Filter) { list(filter: $f) }', { f: { page: {} } }))).toEqual({
      data: { list: JSON.stringify({ filter: { page: { first: 20 } } }) },
    });
    expect(x.stats).toMatchObject({ compiled: 0, refused: 3, jit: 0 });
    // Without either, compiled.
    expect(await x.run(request('query($p: Plain) { plain(p: $p) list(filter: { page: {} }) }', { p: { name: 'z' } }))).toEqual({
      data: { plain: JSON.stringify({ p: { name: 'z' } }), list: JSON.stringify({ filter: { page: { first: 20 } } }) },
    });
    expect(x.stats).toMatchObject({ compiled: 1, jit: 1 });
  });
});

describe('withoutPropertyResolvers', () => {
  // The shape of the resolver Nest (code first) gives every object field.
  const nestLike = (property: string, defaultValue?: unknown) => {
    const rootFieldResolver = (root: Record<string, unknown>) => {
      const value = root[property];
      return typeof value === 'undefined' ? defaultValue : value;
    };
    return rootFieldResolver;
  };
  const s = buildSchema('type Query { thing: Thing } type Thing { plain: String renamed: String withDefault: String own: String }');
  const thing = s.getType('Thing') as import('graphql').GraphQLObjectType;
  const f = thing.getFields();
  f.plain!.resolve = nestLike('plain');
  f.renamed!.resolve = nestLike('otherProperty');
  f.withDefault!.resolve = nestLike('withDefault', 'fallback');
  f.own!.resolve = (src: { own: string }) => src.own.toUpperCase();
  s.getQueryType()!.getFields().thing!.resolve = () => ({ plain: 'p', otherProperty: 'r', own: 'o' });

  it('drops only the resolvers that read the property of their own name without a default', () => {
    const lean = withoutPropertyResolvers(s);
    expect(lean.dropped).toBe(1);
    const leanFields = (lean.schema.getType('Thing') as import('graphql').GraphQLObjectType).getFields();
    expect(leanFields.plain!.resolve).toBeUndefined();
    // The others are kept, behind the check for a preloaded value (preloaded.ts): same answers.
    const info = {} as import('graphql').GraphQLResolveInfo;
    const src = { otherProperty: 'r', own: 'o' };
    for (const name of ['renamed', 'withDefault', 'own'] as const) {
      expect(leanFields[name]!.resolve).toBeDefined();
      expect(leanFields[name]!.resolve!(src, {}, null, info)).toBe(f[name]!.resolve!(src, {}, null, info));
    }
    // The original schema keeps every resolver (graphql-js and subscriptions use it).
    expect(f.plain!.resolve).toBeDefined();
    expect(f.own!.resolve!.name).not.toBe('wrapped');
  });

  it('returns a value a service preloaded for a kept field without calling its resolver', async () => {
    const calls: unknown[] = [];
    const p = buildSchema('type Query { thing: Thing } type Thing { own: String other: String }');
    const pf = (p.getType('Thing') as import('graphql').GraphQLObjectType).getFields();
    pf.own!.resolve = (src: { own: string }) => {
      calls.push(src);
      return src.own.toUpperCase();
    };
    pf.other!.resolve = (src: { other: string }) => `${src.other}!`;
    p.getQueryType()!.getFields().thing!.resolve = () => preloadFields({ own: 'o', other: 'x' }, { own: 'preloaded' });
    const x = new JitExecutor(p);
    expect(await x.run(request('{ thing { own other } }'))).toEqual({ data: { thing: { own: 'preloaded', other: 'x!' } } });
    expect(calls).toEqual([]);
    // graphql-js calls the resolver (the service preloads only what it would return).
    expect(await execute({ schema: p, document: parse('{ thing { own } }') })).toEqual({ data: { thing: { own: 'O' } } });
    expect(calls).toHaveLength(1);
  });

  it('compiled code gives what graphql-js gives with the resolvers', async () => {
    const x = new JitExecutor(s);
    const source = '{ thing { plain renamed withDefault own } }';
    const expected = { data: { thing: { plain: 'p', renamed: 'r', withDefault: 'fallback', own: 'O' } } };
    expect(await execute({ schema: s, document: parse(source) })).toEqual(expected);
    expect(await x.run(request(source))).toEqual(expected);
    expect(x.inlinedFields).toBe(1);
  });
});

describe('lists of leaves in one call', () => {
  const ls = buildSchema(`
    enum Band { TOP MIDDLE BOTTOM }
    type Query { cols: Cols }
    type Cols { ids: [ID!]! names: [String!] bands: [Band!]! maybe: [Int] nums: [Int!]! nested: [[Int!]!] broken: [ID!]! notList: [ID!] }
  `);
  // Band's internal values differ from its names, so serialize must be called for every item.
  const band = ls.getType('Band') as import('graphql').GraphQLEnumType;
  for (const v of band.getValues()) v.value = v.name.toLowerCase();
  const cols = {
    ids: ['a', 7, 'c'],
    names: new Set(['x', 'y']),
    bands: ['top', 'bottom', 'middle'],
    maybe: [1, null, undefined, 3],
    nums: [1, 2, 3],
    nested: [[1], [2, 3]],
    broken: ['a', null],
    notList: 5,
  };
  (ls.getQueryType()!.getFields().cols!.resolve as unknown) = () => cols;
  const all = '{ cols { ids names bands maybe nums nested } }';

  it('answers exactly what graphql-js answers', async () => {
    const x = new JitExecutor(ls);
    const expected = await execute({ schema: ls, document: parse(all) });
    expect(expected.errors).toBeUndefined();
    expect(plain(await x.run(request(all)))).toEqual(plain(expected));
    expect(plain(expected)).toEqual({
      data: {
        cols: {
          ids: ['a', '7', 'c'],
          names: ['x', 'y'],
          bands: ['TOP', 'BOTTOM', 'MIDDLE'],
          maybe: [1, null, null, 3],
          nums: [1, 2, 3],
          nested: [[1], [2, 3]],
        },
      },
    });
    expect(x.stats.jit).toBe(1);
  });

  it('converts lists of leaves only, and only in the schema it compiles against', () => {
    const x = new JitExecutor(ls);
    // ids, names, bands, maybe, nums, broken, notList (not nested: its items are lists).
    expect(x.wholeLeafLists).toBe(7);
    const declared = (ls.getType('Cols') as GraphQLObjectType).getFields();
    expect(String(declared.ids!.type)).toBe('[ID!]!');
    expect(String(declared.maybe!.type)).toBe('[Int]');
  });

  it('nulls the list when an item breaks it, as graphql-js nulls the field', async () => {
    const x = new JitExecutor(ls);
    const source = '{ cols { nums broken } }';
    const js = await execute({ schema: ls, document: parse(source) });
    const jit = await x.run(request(source));
    // A null item of a non-null list: the whole object goes null in both, with one error each.
    expect(jit.data).toEqual(js.data);
    expect(jit.data).toEqual({ cols: null });
    expect(jit.errors).toHaveLength(1);
    expect(js.errors).toHaveLength(1);
    expect(jit.errors![0]!.message).toMatch(/Cannot return null for non-nullable field Cols\.broken/);
    const notList = await x.run(request('{ cols { notList } }'));
    expect(notList.data).toEqual({ cols: { notList: null } });
    expect(notList.errors![0]!.message).toMatch(/Expected Iterable/);
  });

  it('runs introspection through graphql-js, which reports the declared types', async () => {
    const x = new JitExecutor(ls);
    const source = '{ __type(name: "Cols") { fields { name type { kind ofType { kind ofType { kind ofType { name } } } } } } }';
    expect(plain(await x.run(request(source)))).toEqual(plain(await execute({ schema: ls, document: parse(source) })));
    expect(x.stats).toMatchObject({ jit: 0, graphqlJs: 1 });
    expect(selectsIntrospection(parse('{ a: __schema { queryType { name } } }'))).toBe(true);
    expect(selectsIntrospection(parse('{ cols { __typename ids } }'))).toBe(false);
  });

  it('serializeLeafList copies the list only when an item changes', () => {
    const ids = ['a', 'b'];
    expect(serializeLeafList(GraphQLID, true, 'T.f', ids)).toBe(ids);
    const mixed = ['a', 2];
    const out = serializeLeafList(GraphQLID, true, 'T.f', mixed);
    expect(out).toEqual(['a', '2']);
    expect(mixed).toEqual(['a', 2]);
    const ints = [1, 2];
    expect(serializeLeafList(GraphQLInt, true, 'T.f', ints)).toBe(ints);
    expect(() => serializeLeafList(GraphQLInt, true, 'T.f', [1, 2.5])).toThrow(/Int cannot represent non-integer value: 2.5/);
    expect(() => serializeLeafList(GraphQLInt, true, 'T.f', [1, null])).toThrow(/non-nullable field T.f \(item 1\)/);
    expect(serializeLeafList(GraphQLInt, false, 'T.f', [1, undefined])).toEqual([1, null]);
    expect(() => serializeLeafList(GraphQLID, true, 'T.f', 'abc')).toThrow(/Expected Iterable/);
  });
});

describe('leaves read as they are or serialized', () => {
  const ls = buildSchema(`
    enum Band { TOP MIDDLE }
    enum Plain { A B }
    type Query { line: Line lines: [Line!] }
    type Line { id: ID! name: String! rank: Int value: Float band: Band! trustedRank: Int trustedBand: Plain! trustedName: String! deep: [[Int!]!] }
  `);
  // Band's internal values differ from its names: an unmarked field must still map them (Plain's are its names).
  const band = ls.getType('Band') as import('graphql').GraphQLEnumType;
  for (const v of band.getValues()) v.value = v.name.toLowerCase();
  const fields = (ls.getType('Line') as GraphQLObjectType).getFields();
  for (const f of ['trustedRank', 'trustedBand', 'trustedName', 'deep'])
    (fields[f]! as { extensions: Record<string, unknown> }).extensions = { [SERIALIZED_EXTENSION]: true };
  // Values graphql-js converts: a number for an ID and a String, a numeric string for an Int and a
  // Float, an enum's internal value; deep lists of Int given as numeric strings.
  const line = { id: 7, name: 8, rank: '3', value: '2.5', band: 'top', trustedRank: 4, trustedBand: 'B', trustedName: 'n', deep: [['1'], ['2']] };
  (ls.getQueryType()!.getFields().line!.resolve as unknown) = () => line;
  (ls.getQueryType()!.getFields().lines!.resolve as unknown) = () => [line, { ...line, trustedName: null }];

  it('serializes every leaf as graphql-js does, but the single-valued fields marked Serialized', async () => {
    const x = new JitExecutor(ls);
    // trustedRank, trustedBand, trustedName; deep is a list, so it is serialized whatever it is marked.
    expect(x.leaves).toEqual({ asIs: 3, serializing: 6 });
    const source = '{ line { id name rank value band trustedRank trustedBand trustedName deep } }';
    const js = await execute({ schema: ls, document: parse(source) });
    expect(plain(await x.run(request(source)))).toEqual(plain(js));
    expect(plain(js)).toEqual({
      data: { line: { id: '7', name: '8', rank: 3, value: 2.5, band: 'TOP', trustedRank: 4, trustedBand: 'B', trustedName: 'n', deep: [[1], [2]] } },
    });
    // The declared schema keeps its types.
    expect(String(fields.rank!.type)).toBe('Int');
  });

  it('reads a marked field as it is, and still refuses null in a non-null one', async () => {
    // A marked field is not converted: what the app built is what is sent (so the app must build it serialized).
    (ls.getQueryType()!.getFields().line!.resolve as unknown) = () => ({ ...line, trustedRank: '4' });
    const x = new JitExecutor(ls);
    try {
      const raw = await x.run(request('{ line { trustedRank } }'));
      expect(raw.data).toEqual({ line: { trustedRank: '4' } });
    } finally {
      (ls.getQueryType()!.getFields().line!.resolve as unknown) = () => line;
    }
    const source = '{ lines { trustedName } }';
    const js = await execute({ schema: ls, document: parse(source) });
    const jit = await x.run(request(source));
    expect(jit.data).toEqual(js.data);
    expect(jit.data).toEqual({ lines: null });
    expect(jit.errors![0]!.message).toBe(js.errors![0]!.message);
    expect(jit.errors![0]!.path).toEqual(['lines', 1, 'trustedName']);
  });

  it('reports a value its type cannot represent as graphql-js does', async () => {
    (ls.getQueryType()!.getFields().line!.resolve as unknown) = () => ({ ...line, rank: 2.5, band: 'nope' });
    const x = new JitExecutor(ls);
    try {
      const source = '{ line { rank band } }';
      const js = await execute({ schema: ls, document: parse(source) });
      const jit = await x.run(request(source));
      expect(jit.data).toEqual(js.data);
      expect(jit.errors!.map((e) => e.message).sort()).toEqual(js.errors!.map((e) => e.message).sort());
    } finally {
      (ls.getQueryType()!.getFields().line!.resolve as unknown) = () => line;
    }
  });
});

describe('GRAPHQL_JIT', () => {
  const load = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env }, { jwtSecret: 'x'.repeat(32) });
  it('is on unless set to false, and refuses anything but a boolean', () => {
    expect(load({}).graphqlJit).toBe(true);
    expect(load({ GRAPHQL_JIT: 'false' }).graphqlJit).toBe(false);
    expect(load({ GRAPHQL_JIT: 'true' }).graphqlJit).toBe(true);
    expect(() => load({ GRAPHQL_JIT: 'fast' })).toThrow(/GRAPHQL_JIT must be true or false/);
  });
});
