import type { ExecutionResult, FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import type { AuthService, SessionWatch } from '../../auth/index.js';
import type { RequestContext } from '../request-context.js';

/** ws's WebSocket.OPEN. */
const OPEN = 1;

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** What a graphql-ws connection keeps after `onConnect` accepted it. */
interface WsExtra {
  token?: string;
  /** The `ws` socket (graphql-ws's `useServer` puts it here). */
  socket?: { close(code: number, reason: string): void; readyState: number };
}

interface WsContext {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: unknown;
}

/** `{ authorization: "Bearer <token>" }` (or `Authorization`, or a bare `token`) from connectionParams. */
function bearerToken(params: Readonly<Record<string, unknown>> | undefined): string | null {
  const raw = params?.authorization ?? params?.Authorization ?? params?.token;
  if (typeof raw !== 'string') return null;
  const token = raw.replace(/^Bearer\s+/i, '').trim();
  return token.length > 0 ? token : null;
}

/**
 * GraphQL context for HTTP and graphql-ws, and the graphql-ws options. A WebSocket connection
 * must send `connectionParams: { authorization: 'Bearer <accessToken>' }`; `onConnect` verifies
 * it through AuthService and rejects the connection otherwise (close code 4403). Each subscribe
 * re-checks the token (a deactivated user or an expired token gets UNAUTHENTICATED) and builds a
 * fresh RequestContext, so the global AuthGuard and @Ctx() work as over HTTP. An open connection
 * is watched (SessionWatch) and closed with code 4401 once its session ends (password, role or
 * status change, expiry). Errors go through the same formatter as HTTP responses.
 */
export function subscriptionsConfig(auth: AuthService, sessions: SessionWatch, formatError: FormatError) {
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e));
  return {
    context: async (arg: { req?: unknown; extra?: unknown }): Promise<{ req: unknown }> => {
      if (arg?.req) return { req: arg.req };
      const token = (arg?.extra as WsExtra | undefined)?.token;
      let ctx: RequestContext | undefined;
      if (token) ctx = await auth.contextFromToken(token).catch(() => undefined);
      return { req: { headers: {}, ctx } };
    },
    options: {
      onConnect: async (c: WsContext): Promise<boolean> => {
        const token = bearerToken(c.connectionParams);
        if (!token) return false;
        let ctx: RequestContext;
        try {
          ctx = await auth.contextFromToken(token);
        } catch {
          return false;
        }
        const extra = c.extra as WsExtra;
        extra.token = token;
        const socket = extra.socket;
        // A socket closed while the token was checked gets no onClose later: do not keep it.
        if (ctx.userId && socket && socket.readyState === OPEN)
          sessions.add(extra, { token, userId: ctx.userId, close: (code, reason) => socket.close(code, reason) });
        return true;
      },
      onClose: (c: WsContext): void => {
        sessions.remove(c.extra as object);
      },
      onNext: (_c: unknown, _id: string, _p: unknown, _a: unknown, result: ExecutionResult): FormattedExecutionResult | undefined =>
        result.errors?.length ? { ...result, errors: format(result.errors) } : undefined,
    },
  };
}
