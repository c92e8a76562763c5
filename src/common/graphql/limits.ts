import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  typeFromAST,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';

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

/** Lists without `first` are assumed to hold this many items when estimating cost. */
const UNBOUNDED_LIST_ESTIMATE = 10;

/**
 * Estimates each operation's cost (1 per field; a list field multiplies its children by its
 * `first`, or by 10 when it has none) and rejects expensive ones before they run.
 */
export function complexityPlugin(maxComplexity: number): ApolloServerPlugin {
  const estimates = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          // The same document (Apollo reuses the parsed one) with the same variables costs the
          // same: dashboards repeat their queries, so estimates are remembered per document.
          const variables = variablesForEstimate(schema, operation, request.variables ?? {});
          const key = `${request.operationName ?? ''}\u0000${JSON.stringify(variables)}`;
          let known = estimates.get(document);
          if (!known) estimates.set(document, (known = new Map()));
          const cached = known.get(key);
          const complexity = cached ?? estimate();
          if (cached === undefined && known.size < 100) known.set(key, complexity);
          if (complexity > maxComplexity) {
            throw new GraphQLError(`Query is too complex (${complexity}); the limit is ${maxComplexity}. Ask for fewer fields or smaller pages.`, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }

          function estimate(): number {
            try {
              return getComplexity({
                schema,
                operationName: request.operationName ?? undefined,
                query: document,
                variables,
                estimators: [
                  fieldExtensionsEstimator(),
                  ({ args, field, childComplexity }) => {
                    // Connection wrappers (`nodes`, `edges`) are already paid for by their parent's `first`.
                    if (field.name === 'nodes' || field.name === 'edges') return 1 + childComplexity;
                    if (typeof args?.first === 'number') return Math.max(1, args.first) * Math.max(1, childComplexity);
                    if (isListType(getNullableType(field.type))) return UNBOUNDED_LIST_ESTIMATE * Math.max(1, childComplexity);
                    return undefined;
                  },
                  simpleEstimator({ defaultComplexity: 1 }),
                ],
              });
            } catch (err) {
              // Estimating coerces the variables: a bad one is the client's mistake (400), as in execution.
              if (err instanceof GraphQLError) {
                throw new GraphQLError(err.message, { nodes: err.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
              }
              throw err;
            }
          }
        },
      };
    },
  };
}
