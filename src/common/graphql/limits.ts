import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  typeFromAST,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';

/**
 * Rejects operations nested deeper than `maxDepth` fields (introspection fields excluded).
 * Fragments are followed; fragment cycles are already rejected by GraphQL validation.
 */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const depthOf = (set: SelectionSetNode | undefined, visited: Set<string>): number => {
      if (!set) return 0;
      let max = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value.startsWith('__')) continue;
          max = Math.max(max, sel.selectionSet ? 1 + depthOf(sel.selectionSet, visited) : 1);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          max = Math.max(max, depthOf(sel.selectionSet, visited));
        } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
          const name = sel.name.value;
          const frag = fragments.get(name);
          if (frag && !visited.has(name)) max = Math.max(max, depthOf(frag.selectionSet, new Set([...visited, name])));
        }
      }
      return max;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set()) - 1;
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`Query is nested ${depth} levels deep; the limit is ${maxDepth}. Split it into several queries.`, {
              nodes: [node],
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            }),
          );
        }
      },
    };
  };
}

/** A NUL character or a UTF-16 surrogate that is not half of a pair: PostgreSQL cannot store either. */
// eslint-disable-next-line no-control-regex -- the NUL character is what this looks for
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const BAD_TEXT_MESSAGE = 'must not contain a NUL character (\\u0000) or an unpaired UTF-16 surrogate.';

export function hasBadText(text: string): boolean {
  return BAD_TEXT.test(text);
}

/** Variables nested deeper than this (no input type of the schema comes close) are rejected unread. */
export const MAX_VARIABLE_DEPTH = 32;

interface Pending {
  value: unknown;
  parent: Pending | null;
  key: string;
  depth: number;
}

function pathOf(p: Pending): string {
  const keys: string[] = [];
  for (let at: Pending | null = p; at; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}

/**
 * Every string in the variables (at any depth, object keys included) without NUL characters or
 * lone surrogates, and no value nested deeper than `maxDepth`. Iterative, so a body nested
 * 400,000 levels deep is refused with a coded error instead of overflowing the stack later (GraphQL
 * coerces variables recursively). Returns the offending fields, named like `input.answers.2.text`.
 */
export function checkVariables(variables: Record<string, unknown>, maxDepth = MAX_VARIABLE_DEPTH): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const stack: Pending[] = [];
  for (const [key, value] of Object.entries(variables)) stack.push({ value, parent: null, key, depth: 1 });
  while (stack.length > 0 && errors.length < 20) {
    const item = stack.pop()!;
    const { value } = item;
    if (typeof value === 'string') {
      if (BAD_TEXT.test(value)) errors.push({ field: pathOf(item), message: BAD_TEXT_MESSAGE });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (item.depth >= maxDepth) {
      errors.push({ field: pathOf(item), message: `is nested deeper than ${maxDepth} levels.` });
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], parent: item, key: String(i), depth: item.depth + 1 });
    } else {
      for (const [key, child] of Object.entries(value)) {
        if (BAD_TEXT.test(key)) errors.push({ field: pathOf(item), message: `has a key that ${BAD_TEXT_MESSAGE}` });
        else stack.push({ value: child, parent: item, key, depth: item.depth + 1 });
      }
    }
  }
  return errors;
}

function inputError(fields: { field: string; message: string }[]): GraphQLError {
  const text = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new GraphQLError(`Invalid variables: ${text}`, { extensions: { code: 'BAD_USER_INPUT', fields, http: { status: 400 } } });
}

/** String literals in the document (inline arguments) follow the same rule as variables. */
export function textLiteralRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node) {
      if (BAD_TEXT.test(node.value)) {
        context.reportError(
          new GraphQLError(`A string literal ${BAD_TEXT_MESSAGE}`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } }),
        );
      }
    },
  };
}

/**
 * The estimate reads field arguments such as `first`, never the content of input objects, yet
 * computing it coerces every variable again (GraphQL execution coerces them once more). A
 * list of input objects (a batch of 1,000 submissions) is therefore passed to the estimate as
 * an empty list, which is valid for any list type; execution still gets and checks the real one.
 */
function variablesForEstimate(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const def of operation?.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    if (!Array.isArray(variables[name])) continue;
    const type = typeFromAST(schema, def.type);
    if (!type || !isListType(getNullableType(type)) || !isInputObjectType(getNamedType(type))) continue;
    out ??= { ...variables };
    out[name] = [];
  }
  return out ?? variables;
}

/** Lists without `first` that their own resolver loads are assumed to hold this many items. */
const UNBOUNDED_LIST_ESTIMATE = 10;

/**
 * Cost of a field that aggregates or scans many rows in one call (a leaderboard, metric values,
 * unit economics, scorecards, SOP compliance): what one call costs on
 * top of the fields it returns: one twentieth of the default limit, so twenty aggregates never fit
 * in one request, while one with all its fields costs a small part of it.
 */
export const AGGREGATE_COST = 250;

/**
 * Cost of a field computed per parent from data loaded for all parents at once (an experiment's
 * analysis in a feed page): more than a column, far less than an aggregate, so a page of 20
 * experiments with their analyses fits.
 */
export const COMPUTED_FIELD_COST = 50;

/**
 * Whether a field has a resolver of its own (@ResolveField, @Query) rather than reading a property
 * of its parent: Nest gives plain @Field properties its `rootFieldResolver` (the docs cost test
 * notices if that ever changes: a survey definition's cost would jump tenfold).
 */
function loadsItself(field: GraphQLField<unknown, unknown>): boolean {
  return field.resolve !== undefined && field.resolve.name !== 'rootFieldResolver';
}

/**
 * The cost of an operation (see docs/api.md, "Limits"):
 * - 1 per field, plus its children;
 * - a field with a `complexity` (AGGREGATE_COST) costs that plus its children;
 * - a list with `first` costs `first` times its children (connection `nodes`/`edges` are paid by it);
 * - a list without `first` that its own resolver loads (`squads`, `Survey.versions`) costs 10 times
 *   its children;
 * - a list without a resolver is part of its parent's row or result (a survey definition's
 *   questions and their options, a leaderboard's entries): it was loaded or computed already, so
 *   it costs 1 plus its children once, not once per imagined item (those are bounded by the input
 *   bounds when they are written, or paid by the aggregate that computed them).
 */
export function estimateComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): number {
  return getComplexity({
    schema,
    operationName,
    query: document,
    variables,
    estimators: [
      fieldExtensionsEstimator(),
      ({ args, field, childComplexity }) => {
        // Connection wrappers (`nodes`, `edges`) are already paid for by their parent's `first`.
        if (field.name === 'nodes' || field.name === 'edges') return 1 + childComplexity;
        if (typeof args?.first === 'number') return Math.max(1, args.first) * Math.max(1, childComplexity);
        if (isListType(getNullableType(field.type))) {
          return loadsItself(field) ? UNBOUNDED_LIST_ESTIMATE * Math.max(1, childComplexity) : 1 + childComplexity;
        }
        return undefined;
      },
      simpleEstimator({ defaultComplexity: 1 }),
    ],
  });
}

/** How many fields the operation selects at its root (aliases and fragments counted, `__typename` not). */
export function rootFieldCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  let count = 0;
  const seen = new Set<string>();
  const pending: SelectionSetNode[] = [operation.selectionSet];
  while (pending.length > 0) {
    for (const sel of pending.pop()!.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value !== '__typename') count++;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        pending.push(sel.selectionSet);
      } else {
        const frag = fragments.get(sel.name.value);
        // A spread twice selects the same fields again (merged by GraphQL): count it once.
        if (frag && !seen.has(sel.name.value)) {
          seen.add(sel.name.value);
          pending.push(frag.selectionSet);
        }
      }
    }
  }
  return count;
}

/**
 * Rejects operations selecting more than `max` root fields (aliases included): 2,400 aliases of
 * one field are 2,400 calls, however cheap each looks. Validation runs before any resolver.
 */
export function rootFieldLimitRule(max: number) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const count = rootFieldCount(context.getDocument(), node);
      if (count > max) {
        context.reportError(
          new GraphQLError(`The operation selects ${count} root fields (aliases included); the limit is ${max}. Split it into several requests.`, {
            nodes: [node],
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          }),
        );
      }
    },
  });
}

/**
 * Checks each operation before it runs: the variables (text and depth), then its estimated cost
 * (see `estimateComplexity`); rejects a costlier one than `maxComplexity`.
 */
export function complexityPlugin(maxComplexity: number): ApolloServerPlugin {
  const estimates = new WeakMap<DocumentNode, Map<string, number>>();
  // One listener for every request (its state is the estimates above): nothing is allocated per request.
  const listener: GraphQLRequestListener<BaseContext> = {
    async didResolveOperation({ request, document, schema, operation }) {
      // First, before anything coerces them (recursively): the variables' text and depth.
      const bad = checkVariables(request.variables ?? {});
      if (bad.length > 0) throw inputError(bad);
      // The same document (Apollo reuses the parsed one) with the same variables costs the
      // same: dashboards repeat their queries, so estimates are remembered per document.
      const variables = variablesForEstimate(schema, operation, request.variables ?? {});
      const key = `${request.operationName ?? ''}\u0000${JSON.stringify(variables)}`;
      let known = estimates.get(document);
      if (!known) estimates.set(document, (known = new Map()));
      const cached = known.get(key);
      let complexity: number;
      if (cached !== undefined) complexity = cached;
      else {
        try {
          complexity = estimateComplexity(schema, document, request.operationName ?? undefined, variables);
        } catch (err) {
          // Estimating coerces the variables: a bad one is the client's mistake (400), as in execution.
          if (err instanceof GraphQLError) {
            throw new GraphQLError(err.message, { nodes: err.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
          throw err;
        }
        if (known.size < 100) known.set(key, complexity);
      }
      if (complexity > maxComplexity) {
        throw new GraphQLError(`Query is too complex (${complexity}); the limit is ${maxComplexity}. Ask for fewer fields or smaller pages.`, {
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
        });
      }
    },
  };
  return { requestDidStart: async () => listener };
}
