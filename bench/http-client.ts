import http from 'node:http';

/**
 * A plain keep-alive HTTP client for GraphQL. fetch (undici, web streams) costs ~1 ms of this
 * process's CPU per request, and the benches run the client in the server's process, so that
 * would be counted against the server.
 */
export function graphqlClient(url: string): {
  post<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, token?: string): Promise<T>;
  /** POSTs a request body serialized beforehand (`JSON.stringify({ query, variables })`). */
  postBody<T = Record<string, unknown>>(payload: string, token?: string): Promise<T>;
  close(): void;
} {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const post = <T>(query: string, variables: Record<string, unknown>, token?: string) => postBody<T>(JSON.stringify({ query, variables }), token);
  const postBody = <T>(payload: string, token?: string) =>
    new Promise<T>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            try {
              const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: T; errors?: unknown[] };
              if (body.errors || !body.data) reject(new Error(JSON.stringify(body.errors ?? body).slice(0, 500)));
              else resolve(body.data);
            } catch (err) {
              reject(err);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return { post, postBody, close: () => agent.destroy() };
}
