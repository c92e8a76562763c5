import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** What the lane needs of AuthService: is this bearer token one already verified and unexpired (no SQL, synchronous)? */
export interface KnownTokens {
  isKnownValidToken(token: string): boolean;
}

/** The GraphQL server and the context function Nest's Apollo driver started (available once the app is initialised). */
export interface LaneTarget {
  server: ApolloServer<BaseContext>;
  context: (arg: { req: unknown; res: unknown }) => Promise<BaseContext>;
}

/** Express's own handling, for everything the lane does not take, and for the lane's errors. */
type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Set on a request the lane hands back to Express with an error: the first Express middleware passes it to next(err). */
export const LANE_ERROR = Symbol('graphqlLaneError');

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * A short path for the commonest request, a signed-in client's `POST /graphql` with a JSON body
 * (issue 21 item 6): read the body and hand it to Apollo Server directly, as Apollo's standalone
 * server does, instead of through Express's router, its middlewares and `res.send`. Express
 * costs about as much CPU per small request as the rest of the request put together.
 *
 * It takes only requests whose every outcome it gives exactly as the Express path would, and
 * leaves everything else to Express untouched (nothing read): another method, path or query
 * string, another content type or a charset other than UTF-8, a compressed or chunked body, one
 * larger than the body limit, and any request without a bearer token that AuthService has already
 * verified and that has not expired. The rate limit exempts exactly those tokens (the lane is
 * never a way around it), and the auth guard still checks the session of every request. The
 * request gets Express's request prototype, so `req.ip` honours TRUST_PROXY as before (the login
 * throttle reads it). A body that is not JSON, or an error thrown before Apollo answers, goes to
 * Express as that error (`LANE_ERROR`), so the same error handler answers it the same way.
 */
export function installGraphqlLane(opts: {
  httpServer: Server;
  /** Express's application: its listener and its request prototype. */
  express: RequestListener & { request: object };
  path: string;
  bodyLimit: number;
  tokens: KnownTokens;
  /** Resolved on each request until it answers (null before the GraphQL module has started). */
  target: () => LaneTarget | null;
}): void {
  const { httpServer, express, path, bodyLimit, tokens } = opts;
  let target: LaneTarget | null = null;
  const takes = (req: IncomingMessage): boolean => {
    if (req.method !== 'POST' || req.url !== path) return false;
    const h = req.headers;
    const type = h['content-type'];
    if (type === undefined || !JSON_TYPE.test(type) || h['content-encoding'] !== undefined || h['transfer-encoding'] !== undefined) return false;
    const length = Number(h['content-length']);
    if (!(length > 0 && length <= bodyLimit)) return false;
    const auth = h.authorization;
    if (auth === undefined || auth.length <= 7 || auth.slice(0, 7).toLowerCase() !== 'bearer ' || !tokens.isKnownValidToken(auth.slice(7).trim())) return false;
    return (target ??= opts.target()) !== null;
  };
  const toExpress = (req: IncomingMessage, res: ServerResponse, err: unknown) => {
    (req as unknown as Record<symbol, unknown>)[LANE_ERROR] = err ?? new Error('GraphQL request failed');
    express(req, res);
  };
  const handle = (req: IncomingMessage, res: ServerResponse, { server, context }: LaneTarget) => {
    // As Express: req.ip, req.path and the rest read the request the same way.
    Object.setPrototypeOf(req, express.request);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      let body: unknown;
      let text = '';
      try {
        text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
        body = parseJsonBody(text);
      } catch (err) {
        return toExpress(req, res, Object.assign(err as Error, { status: 400, statusCode: 400, expose: true, body: text, type: 'entity.parse.failed' }));
      }
      (req as IncomingMessage & { body?: unknown }).body = body;
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      server
        .executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search: '', body }, context: () => context({ req, res }) })
        .then(async (answer) => {
          for (const [key, value] of answer.headers) res.setHeader(key, value);
          res.statusCode = answer.status ?? 200;
          if (answer.body.kind === 'complete') {
            res.end(answer.body.string);
            return;
          }
          for await (const chunk of answer.body.asyncIterator) res.write(chunk);
          res.end();
        })
        .catch((err: unknown) => (res.headersSent ? res.destroy() : toExpress(req, res, err)));
    });
  };
  httpServer.removeListener('request', express);
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => (takes(req) ? handle(req, res, target!) : express(req, res)));
}

/**
 * JSON as Express's json parser (body-parser, strict) reads it, with the same error messages: a
 * leading byte order mark is dropped (its UTF-8 decoder does so), and the body must be an object or
 * an array.
 */
export function parseJsonBody(raw: string): unknown {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.length === 0) return {};
  if (text[0] !== '{' && text[0] !== '[') {
    const first = /^[ \t\n\r]*([^ \t\n\r]|$)/.exec(text)?.[1] || undefined;
    if (first !== '{' && first !== '[') {
      // body-parser's message: what JSON.parse says of the text from that character on (replaced by '#').
      const index = first === undefined ? -1 : text.indexOf(first);
      const partial = index === -1 ? '' : text.slice(0, index) + '#'.repeat(text.length - index);
      try {
        JSON.parse(partial);
      } catch (e) {
        throw new SyntaxError(
          (e as Error).message.replace(/#+/g, (run) => text.slice(index, index + run.length)),
          { cause: e },
        );
      }
      throw new SyntaxError('strict violation');
    }
  }
  return JSON.parse(text);
}

/** Express middleware, first in the chain: a request the lane handed back with an error goes straight to the error handlers. */
export function laneErrorMiddleware(req: object, _res: unknown, next: (err?: unknown) => void): void {
  const err = (req as Record<symbol, unknown>)[LANE_ERROR];
  if (err !== undefined) next(err);
  else next();
}
