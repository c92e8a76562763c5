import {
  GraphQLError,
  Kind,
  execute,
  getNamedType,
  getVariableValues,
  isInputObjectType,
  typeFromAST,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { preferPreloaded } from './preloaded.js';

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
 * fields serially; subscriptions over HTTP; an operation Apollo could not select) through
 * graphql-js exactly as Apollo would. A document graphql-jit cannot compile is remembered as such
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

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly maxEntries = JIT_CACHE_SIZE,
  ) {
    const lean = withoutPropertyResolvers(schema);
    this.compiledSchema = lean.schema;
    this.inlinedFields = lean.dropped;
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
    try {
      const result = compileQuery(this.compiledSchema, req.document, req.operationName, { disablingCapturingStackErrors: true });
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
