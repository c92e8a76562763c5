import type { Logger } from 'pino';
import { clientAddress } from '../auth/index.js';
import { ErrorCode, HTTP_STATUS } from '../common/errors.js';
import type { RateLimiter, RateLimitSubject } from './rate-limiter.js';

interface Req {
  path?: string;
  url?: string;
  ip?: string;
  socket?: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
}

interface Res {
  status(code: number): Res;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
}

/** What the limiter needs of AuthService: a signature and expiry check of a bearer token (no SQL). */
export interface TokenChecker {
  hasValidToken(token: string): Promise<boolean>;
  /**
   * Synchronous answer for a token whose signature was already checked and that has not expired:
   * true, or false when the token would need a check (not known, or expired).
   */
  isKnownValidToken?(token: string): boolean;
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Who a request is counted as: null for a valid bearer token (signed-in users are not limited) and
 * for /health; an API key (`Authorization: ApiKey <key>` or `X-Api-Key`) per key; anything else
 * (no credentials, an invalid or expired bearer token) per client address.
 */
export async function rateLimitSubject(req: Req, tokens: TokenChecker): Promise<RateLimitSubject | null> {
  const path = req.path ?? req.url ?? '';
  if (path === '/health' || path.startsWith('/health/')) return null;
  const header = first(req.headers['authorization'])?.trim();
  const apiKeyHeader = first(req.headers['x-api-key'])?.trim();
  if (header && /^bearer /i.test(header) && (await tokens.hasValidToken(header.slice(7).trim()))) return null;
  if (apiKeyHeader) return { kind: 'apiKey', key: apiKeyHeader };
  if (header && /^apikey /i.test(header)) return { kind: 'apiKey', key: header.slice(7).trim() };
  return { kind: 'anonymous', address: clientAddress(req) };
}

/**
 * Express middleware in front of every route (before the GraphQL server, so before any SQL): over
 * the limit answers 429 with a GraphQL-shaped body coded RATE_LIMITED and Retry-After.
 */
export function rateLimitMiddleware(limiter: RateLimiter, tokens: TokenChecker, log: Logger) {
  return (req: Req, res: Res, next: (err?: unknown) => void): void => {
    // A signed-in client's every request: its token was verified already (AuthService keeps
    // verified tokens), so it is exempt without a promise, a regular expression or a lookup.
    if (tokens.isKnownValidToken) {
      const header = first(req.headers['authorization']);
      if (header !== undefined && header.length > 7 && header.slice(0, 7).toLowerCase() === 'bearer ' && tokens.isKnownValidToken(header.slice(7).trim())) {
        return next();
      }
    }
    void (async () => {
      const subject = await rateLimitSubject(req, tokens);
      if (!subject) return next();
      const decision = await limiter.check(subject);
      if (!decision || decision.allowed) return next();
      if (decision.count === decision.limit + 1) {
        log.warn(
          { kind: subject.kind, address: subject.kind === 'anonymous' ? subject.address : clientAddress(req), limit: decision.limit },
          'rate limit reached',
        );
      }
      res.setHeader('Retry-After', String(decision.retryAfterSeconds));
      res.status(HTTP_STATUS.RATE_LIMITED).json({
        errors: [
          {
            message: `Too many requests ${subject.kind === 'apiKey' ? 'with this API key' : 'from this address'}; try again in ${decision.retryAfterSeconds} s.`,
            extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: decision.retryAfterSeconds, limit: decision.limit },
          },
        ],
      });
    })().catch(next);
  };
}
