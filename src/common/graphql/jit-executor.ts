import {
  GraphQLError,
  GraphQLID,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  GraphQLString,
  Kind,
  execute,
  getNamedType,
  getVariableValues,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  typeFromAST,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLLeafType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { preferPreloaded } from './preloaded.js';
import { SERIALIZED_EXTENSION } from './serialized.js';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type SchemaListener = Parameters<Gateway['onSchemaLoadOrUpdate']>[0];

/** Distinct (document, operation name) pairs whose compiled form is kept. */
export const JIT_CACHE_SIZE = 300;

function isPromiseLike<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown }).then === 'function';
}

/**
 * graphql-jit reports errors with its own GraphQLError (same prototype chain, but `extensions` is
 * undefined when the original error has none, where graphql-js always has an object; Apollo reads
 * `extensions.code` and would turn such an error into "Internal server error"). Rebuild each one
 * as graphql-js's own error with the same message, path, locations, original error and extensions.
 */
export function withUpstreamErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e) => {
    if (e.constructor === GraphQLError) return e;
    const original = e.originalError ?? undefined;
    const upstream = new GraphQLError(e.message, { path: e.path, originalError: original, extensions: e.extensions ?? undefined });
    if (e.locations?.length) (upstream as { locations?: unknown }).locations = e.locations;
    return upstream;
  });
  return { ...result, errors };
}

const PROBE = Symbol('probe');

/**
 * Nest (code first) gives every object field a resolver, `rootFieldResolver`, that reads
 * `source[propertyName]` (or the field's `defaultValue`). For graphql-jit any resolver means a call,
 * a resolve-info thunk and callbacks per field and line; a field without one is a plain property
 * read in the compiled code. So the schema graphql-jit compiles against drops the resolvers that
 * provably read the property of the field's own name and have no default (probed with a source
 * that has only that property, and an empty one): for those, the inlined read gives the same value.
 * Every other resolver (the app's @ResolveField and root fields) is kept, and returns the value a
 * service preloaded for the field when the source carries one (preloaded.ts).
 */
function readsOwnProperty(resolve: (source: unknown) => unknown, fieldName: string): boolean {
  try {
    return resolve({ [fieldName]: PROBE }) === PROBE && resolve(Object.create(null)) === undefined;
  } catch {
    return false;
  }
}

export function withoutPropertyResolvers(schema: GraphQLSchema): { schema: GraphQLSchema; dropped: number } {
  let dropped = 0;
  const mapped = mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config, fieldName) => {
      const resolve = config.resolve as ((source: unknown) => unknown) | undefined;
      if (!resolve) return config;
      if (resolve.name === 'rootFieldResolver' && resolve.length === 1 && readsOwnProperty(resolve, fieldName)) {
        dropped++;
        return { ...config, resolve: undefined };
      }
      // A value a service preloaded for this field (preloaded.ts) is returned without the call.
      return { ...config, resolve: preferPreloaded(config.resolve!, fieldName) };
    },
  });
  return { schema: mapped, dropped };
}

/**
 * The items of a list of leaves (`[ID!]!`, `[String!]`, `[Band!]!`…) serialized in one call: each
 * item as graphql-js serializes it (its scalar's or enum's `serialize`), the list copied only when
 * an item changes (a number given for an ID, an enum's internal value). Strings in ID and String
 * lists are their own serialization and are not called for.
 */
export function serializeLeafList(item: GraphQLLeafType, itemsNonNull: boolean, field: string, list: unknown): unknown[] {
  if (list === null || typeof list !== 'object' || !(Symbol.iterator in list))
    throw new GraphQLError(`Expected Iterable, but did not find one for field "${field}".`);
  const items: unknown[] = Array.isArray(list) ? list : Array.from(list as Iterable<unknown>);
  const plainStrings = item === GraphQLID || item === GraphQLString;
  let out = items;
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    if (v === null || v === undefined) {
      if (itemsNonNull) throw new GraphQLError(`Cannot return null for non-nullable field ${field} (item ${i}).`);
      if (v === undefined) (out === items ? (out = items.slice()) : out)[i] = null;
      continue;
    }
    if (plainStrings && typeof v === 'string') continue;
    const s = item.serialize(v);
    if (s === undefined || s !== s) throw new GraphQLError(`Expected a value of type "${item.name}" but received: ${String(v)}`);
    if (s !== v) (out === items ? (out = items.slice()) : out)[i] = s;
  }
  return out;
}

/**
 * graphql-jit completes a list of leaves item by item: a call, a closure and an array of indexes
 * per item (6,000 for a 2,000-line board's ids, names and bands). In the schema it compiles
 * against, every field whose type is a list of leaves (`[L!]`, `[L]`, with or without `!`) gets a
 * scalar of its own that serializes the whole list in one call (`serializeLeafList`), so the
 * answer is the same JSON. Only that schema changes: validation, introspection (which runs through
 * graphql-js, see `selectsIntrospection`) and graphql-js execution keep the declared types. One
 * difference is left on purpose: a null or unserializable item (a server bug, never an input) is
 * reported at the list's path instead of the item's, and nulls the list as graphql-js would.
 * Mutates `schema`, which must be a copy (mapSchema's) no one else uses; returns the count.
 */
export function withWholeLeafLists(schema: GraphQLSchema): number {
  let converted = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const outer = isNonNullType(field.type) ? field.type.ofType : field.type;
      if (!isListType(outer)) continue;
      const itemsNonNull = isNonNullType(outer.ofType);
      const item = itemsNonNull ? (outer.ofType as GraphQLNonNull<GraphQLOutputType>).ofType : outer.ofType;
      if (!isLeafType(item)) continue;
      const name = `${type.name}.${field.name}`;
      const whole = new GraphQLScalarType({
        name: `JitLeafList_${type.name}_${field.name}`,
        serialize: (list) => serializeLeafList(item, itemsNonNull, name, list),
      });
      (field as { type: GraphQLOutputType }).type = isNonNullType(field.type) ? new GraphQLNonNull(whole) : whole;
      converted++;
    }
  }
  return converted;
}

/** `type` with the named type at its core (inside any lists and non-nulls) replaced by `core`. */
function withCore(type: GraphQLOutputType, core: GraphQLOutputType): GraphQLOutputType {
  if (isNonNullType(type)) return new GraphQLNonNull(withCore(type.ofType, core) as GraphQLList<GraphQLOutputType>);
  if (isListType(type)) return new GraphQLList(withCore(type.ofType, core));
  return core;
}

/**
 * graphql-jit serializes each built-in scalar and enum field through a chain of calls that
 * allocates two arrays of indexes, the field's path and its source locations per field and line:
 * 0.7 ms of the 2,000 lines of a board's `entries` (0.1 ms without). Compiled with
 * `disableLeafSerialization`, it reads those fields as they are instead. So that nothing changes
 * but where the app says so, the schema it compiles against gives every such field (at any depth
 * of lists) a scalar of its own that serializes exactly as the built-in type does, except the
 * fields marked `Serialized` (single values, not lists), which are read as they are. Only that
 * schema changes; validation, introspection and graphql-js execution keep the declared types.
 * Mutates `schema`, which must be a copy (mapSchema's) no one else uses; returns the counts.
 */
export function withSerializedLeaves(schema: GraphQLSchema): { asIs: number; serializing: number } {
  const clones = new Map<GraphQLNamedType, GraphQLScalarType>();
  const serializing = (leaf: GraphQLLeafType): GraphQLScalarType => {
    let clone = clones.get(leaf);
    if (!clone) {
      clone = new GraphQLScalarType({ name: `JitSerialized_${leaf.name}`, serialize: (v) => leaf.serialize(v) });
      clones.set(leaf, clone);
    }
    return clone;
  };
  let asIs = 0;
  let serialized = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!(isEnumType(named) || isSpecifiedScalarType(named))) continue;
      const single = (isNonNullType(field.type) ? field.type.ofType : field.type) === named;
      if (single && field.extensions?.[SERIALIZED_EXTENSION] === true) {
        asIs++;
        continue;
      }
      (field as { type: GraphQLOutputType }).type = withCore(field.type, serializing(named as GraphQLLeafType));
      serialized++;
    }
  }
  return { asIs, serializing: serialized };
}

/** Whether a document asks for `__schema` or `__type`: those answer from the declared schema, so they run through graphql-js. */
export function selectsIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/** Whether an input type reaches (through lists and input fields) an input object field with a default value. */
function reachesFieldDefault(type: unknown, seen = new Set<unknown>()): boolean {
  const named = getNamedType(type as Parameters<typeof getNamedType>[0]);
  if (!isInputObjectType(named) || seen.has(named)) return false;
  seen.add(named);
  return Object.values(named.getFields()).some((f) => f.defaultValue !== undefined || reachesFieldDefault(f.type, seen));
}

/**
 * Operations whose variables graphql-jit would coerce differently from graphql-js: it does not
 * fill in the default values of input object fields given through a variable (graphql-js does),
 * and it resolves variables nested inside list or object literals its own way. Those run through
 * graphql-js.
 */
export function jitCoercesDifferently(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  for (const def of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, def.type as Parameters<typeof typeFromAST>[1]);
    if (type && reachesFieldDefault(type)) return true;
  }
  let nested = false;
  visit(document, {
    ObjectField(node) {
      if (node.value.kind === Kind.VARIABLE) nested = true;
    },
    ListValue(node) {
      if (node.values.some((v) => v.kind === Kind.VARIABLE)) nested = true;
    },
  });
  return nested;
}

/** What one request asks the executor to run (the fields Apollo has resolved before execution). */
export interface JitRequest {
  /** The query text: the cache key together with the operation name. */
  source: string;
  document: DocumentNode;
  /** The operation Apollo selected; undefined when it could not (graphql-js then reports why). */
  operation: OperationDefinitionNode | undefined;
  /** The operation name as the client sent it (what graphql-js is given). */
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  contextValue: unknown;
}

/**
 * Runs query operations through graphql-jit, everything else (mutations, which must run their root
 * fields serially; subscriptions over HTTP; an operation Apollo could not select; introspection)
 * through graphql-js exactly as Apollo would. A document graphql-jit cannot compile is remembered as such
 * and always runs through graphql-js.
 */
export class JitExecutor {
  /** Compiled queries by `operationName \n source`; null = graphql-jit refused it. Insertion order is the LRU order. */
  private readonly compiled = new Map<string, CompiledQuery | null>();
  /** Counters for tests and diagnostics. */
  readonly stats = { compiled: 0, refused: 0, jit: 0, graphqlJs: 0 };
  /** The schema graphql-jit compiles against: `schema` without the plain property-reading resolvers. */
  private readonly compiledSchema: GraphQLSchema;
  /** How many field resolvers the compiled schema does without. */
  readonly inlinedFields: number;
  /** How many lists of leaves the compiled schema serializes in one call (withWholeLeafLists). */
  readonly wholeLeafLists: number;
  /** Leaf fields graphql-jit reads as they are (`Serialized`), and those it serializes (withSerializedLeaves). */
  readonly leaves: { asIs: number; serializing: number };

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly maxEntries = JIT_CACHE_SIZE,
  ) {
    const lean = withoutPropertyResolvers(schema);
    this.compiledSchema = lean.schema;
    this.inlinedFields = lean.dropped;
    this.wholeLeafLists = withWholeLeafLists(lean.schema);
    this.leaves = withSerializedLeaves(lean.schema);
  }

  run(req: JitRequest): ExecutionResult | Promise<ExecutionResult> {
    const compiled = req.operation?.operation === 'query' ? this.compiledFor(req) : null;
    if (!compiled) return this.graphqlJs(req);
    const definitions = req.operation!.variableDefinitions;
    if (definitions?.length) {
      // graphql-js's own coercion decides whether the variables are acceptable, so a bad variable
      // gets graphql-js's message, path and count (at most 50 errors); graphql-jit then coerces
      // the raw values again, which cannot fail where this did not.
      const coerced = getVariableValues(this.schema, definitions, req.variables ?? {}, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
    }
    this.stats.jit++;
    const result = compiled.query(undefined, req.contextValue, req.variables ?? {});
    return isPromiseLike(result) ? result.then(withUpstreamErrors) : withUpstreamErrors(result);
  }

  /** The gateway interface of Apollo Server: the supported way to replace its execute step. */
  gateway(): Gateway {
    const schema = this.schema;
    const executor: GatewayExecutor = async (ctx) =>
      this.run({
        source: ctx.source,
        document: ctx.document,
        operation: ctx.operation ?? undefined,
        operationName: ctx.request.operationName,
        variables: ctx.request.variables,
        contextValue: ctx.context,
      });
    return {
      onSchemaLoadOrUpdate(callback: SchemaListener) {
        callback({ apiSchema: schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      load: async () => ({ executor }),
      stop: async () => undefined,
    };
  }

  private compiledFor(req: JitRequest): CompiledQuery | null {
    const key = `${req.operationName ?? ''}\n${req.source}`;
    const hit = this.compiled.get(key);
    if (hit !== undefined) {
      // Move to the young end of the LRU order.
      this.compiled.delete(key);
      this.compiled.set(key, hit);
      return hit;
    }
    const entry = this.compile(req);
    if (entry) this.stats.compiled++;
    else this.stats.refused++;
    this.compiled.set(key, entry);
    if (this.compiled.size > this.maxEntries) this.compiled.delete(this.compiled.keys().next().value!);
    return entry;
  }

  /** The compiled query, or null when graphql-jit refuses the document (errors or an unsupported feature). */
  private compile(req: JitRequest): CompiledQuery | null {
    if (req.operation && jitCoercesDifferently(this.schema, req.document, req.operation)) return null;
    if (selectsIntrospection(req.document)) return null;
    try {
      // Leaves: read as they are where marked Serialized, else through their own serializing scalar (withSerializedLeaves).
      const result = compileQuery(this.compiledSchema, req.document, req.operationName, {
        disablingCapturingStackErrors: true,
        disableLeafSerialization: true,
      });
      return isCompiledQuery(result) ? result : null;
    } catch {
      return null;
    }
  }

  private graphqlJs(req: JitRequest): ExecutionResult | Promise<ExecutionResult> {
    this.stats.graphqlJs++;
    return execute({
      schema: this.schema,
      document: req.document,
      contextValue: req.contextValue,
      variableValues: req.variables,
      operationName: req.operationName,
    });
  }

  /** Number of cached entries (compiled or refused). */
  get size(): number {
    return this.compiled.size;
  }
}
