import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import type { IntrospectionMode } from '../../config/config.js';

/** Whether the operation asks for the schema (`__schema` or `__type` at its root; `__typename` is not introspection). */
export function isIntrospection(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const seen = new Set<string>();
  const pending: SelectionSetNode[] = [operation.selectionSet];
  while (pending.length > 0) {
    for (const sel of pending.pop()!.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === '__schema' || sel.name.value === '__type') return true;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) pending.push(sel.selectionSet);
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        const frag = fragments.get(sel.name.value);
        if (frag) pending.push(frag.selectionSet);
      }
    }
  }
  return false;
}

interface Authenticator {
  contextFromToken(token: string, requestId?: string): Promise<unknown>;
  contextFromApiKey(key: string, requestId?: string): Promise<unknown>;
}

interface HttpReq {
  id?: string;
  ctx?: unknown;
  headers?: Record<string, string | string[] | undefined>;
}

const header = (req: HttpReq, name: string): string | undefined => {
  const v = req.headers?.[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * INTROSPECTION=authenticated (the default in production): a schema query needs a valid token or
 * API key, like any other operation, and is refused with UNAUTHENTICATED (HTTP 401) before it runs.
 * `on` serves it to anyone; `off` is handled by Apollo (`introspection: false`, a validation error).
 */
export function introspectionPlugin(mode: IntrospectionMode, auth: Authenticator): ApolloServerPlugin {
  if (mode !== 'authenticated') return {};
  // One listener for every request (it keeps no state): nothing is allocated per request.
  const listener: GraphQLRequestListener<BaseContext> = {
    async didResolveOperation({ document, operation, contextValue }) {
      if (!operation || !isIntrospection(document, operation)) return;
      const req = (contextValue as { req?: HttpReq }).req;
      if (!req) throw unauthenticatedError();
      if (req.ctx) return;
      const bearer = header(req, 'authorization');
      const apiKey = header(req, 'x-api-key');
      if (bearer?.toLowerCase().startsWith('bearer ')) req.ctx = await auth.contextFromToken(bearer.slice(7).trim(), req.id);
      else if (apiKey) req.ctx = await auth.contextFromApiKey(apiKey, req.id);
      else if (bearer?.toLowerCase().startsWith('apikey ')) req.ctx = await auth.contextFromApiKey(bearer.slice(7).trim(), req.id);
      else throw unauthenticatedError();
    },
  };
  return { requestDidStart: async () => listener };
}

function unauthenticatedError(): GraphQLError {
  return new GraphQLError('The schema is served to signed-in callers only: send "Authorization: Bearer <token>".', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}
