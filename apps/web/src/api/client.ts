import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';

export type ConnectionState = 'online' | 'lost';

export interface ClientHooks {
  /** The token was refused (UNAUTHENTICATED, or the socket closed with 4401/4403). */
  onUnauthenticated(): void;
  /** The server could not be reached (network error or socket closed abnormally), or was reached again. */
  onConnection(state: ConnectionState): void;
}

/** ws close codes from src/common/graphql/subscriptions.ts: session ended / token refused. */
const AUTH_CLOSE_CODES = new Set([4401, 4403]);

export function wsUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
}

/**
 * One urql client per signed-in session: queries and mutations over HTTP with the bearer token,
 * subscriptions over graphql-ws (lazy: the socket opens on the first subscription). Results are
 * watched for UNAUTHENTICATED and network failures.
 */
export function createApiClient(token: string | null, hooks: ClientHooks): { client: Client; dispose(): void } {
  let ws: WsClient | null = null;
  if (token) {
    ws = createWsClient({
      url: wsUrl(),
      lazy: true,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 20,
      shouldRetry: (e) => !(e && typeof e === 'object' && 'code' in e && AUTH_CLOSE_CODES.has((e as CloseEvent).code)),
      on: {
        connected: () => hooks.onConnection('online'),
        closed: (e) => {
          const code = (e as CloseEvent | undefined)?.code;
          if (code && AUTH_CLOSE_CODES.has(code)) hooks.onUnauthenticated();
          else if (code && code !== 1000) hooks.onConnection('lost');
        },
      },
    });
  }
  const exchanges = [
    cacheExchange,
    mapExchange({
      onResult(result) {
        if (result.error?.networkError && result.error.graphQLErrors.length === 0) hooks.onConnection('lost');
        else hooks.onConnection('online');
        if (token && result.error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
          hooks.onUnauthenticated();
        }
        return result;
      },
    }),
    fetchExchange,
  ];
  if (ws) {
    const socket = ws;
    exchanges.push(
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const unsubscribe = socket.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    );
  }
  const client = new Client({
    url: '/graphql',
    exchanges,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : ({} as Record<string, string>) }),
  });
  return { client, dispose: () => void ws?.dispose() };
}
