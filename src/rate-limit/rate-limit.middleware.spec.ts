import { describe, expect, it } from '@jest/globals';
import type { Logger } from 'pino';
import { rateLimitMiddleware, rateLimitSubject } from './rate-limit.middleware.js';
import type { RateLimiter } from './rate-limiter.js';

const tokens = { hasValidToken: async (t: string) => t === 'good' };
const req = (headers: Record<string, string>, path = '/graphql', ip = '203.0.113.7') => ({ path, ip, headers });

describe('rateLimitSubject', () => {
  it('exempts valid bearer tokens and /health', async () => {
    expect(await rateLimitSubject(req({ authorization: 'Bearer good' }), tokens)).toBeNull();
    expect(await rateLimitSubject(req({}, '/health'), tokens)).toBeNull();
  });

  it('counts API keys per key, from either header', async () => {
    expect(await rateLimitSubject(req({ 'x-api-key': 'sk_1' }), tokens)).toEqual({ kind: 'apiKey', key: 'sk_1' });
    expect(await rateLimitSubject(req({ authorization: 'ApiKey sk_2' }), tokens)).toEqual({ kind: 'apiKey', key: 'sk_2' });
  });

  it('counts anonymous requests and invalid bearer tokens per client address', async () => {
    expect(await rateLimitSubject(req({}), tokens)).toEqual({ kind: 'anonymous', address: '203.0.113.7' });
    expect(await rateLimitSubject(req({ authorization: 'Bearer forged' }), tokens)).toEqual({ kind: 'anonymous', address: '203.0.113.7' });
    expect(await rateLimitSubject(req({}, '/graphql', '2001:db8:1:2:3:4:5:6'), tokens)).toEqual({ kind: 'anonymous', address: '2001:db8:1:2::/64' });
  });
});

describe('rateLimitMiddleware', () => {
  const limiter = { check: async () => ({ allowed: false, count: 99, limit: 1, retryAfterSeconds: 7 }) } as unknown as RateLimiter;
  const log = { warn: () => undefined } as unknown as Logger;
  const res = () => {
    const r = { statusCode: 0, headers: {} as Record<string, string>, body: null as unknown };
    return {
      r,
      status(code: number) {
        r.statusCode = code;
        return this;
      },
      setHeader(name: string, value: string) {
        r.headers[name] = value;
      },
      json(body: unknown) {
        r.body = body;
      },
    };
  };
  const run = (mw: ReturnType<typeof rateLimitMiddleware>, headers: Record<string, string>) =>
    new Promise<{ passed: boolean; status: number }>((resolve) => {
      const out = res();
      mw(req(headers), out, () => resolve({ passed: true, status: 0 }));
      setTimeout(() => resolve({ passed: false, status: out.r.statusCode }), 20);
    });

  it('lets a token verified before through at once, and checks any other one first', async () => {
    let checked = 0;
    const known = new Set(['good']);
    const mw = rateLimitMiddleware(
      limiter,
      { hasValidToken: async (t) => (checked++, t === 'good' || t === 'fresh'), isKnownValidToken: (t) => known.has(t) },
      log,
    );
    expect(await run(mw, { authorization: 'Bearer good' })).toEqual({ passed: true, status: 0 });
    expect(checked).toBe(0);
    expect(await run(mw, { authorization: 'Bearer fresh' })).toEqual({ passed: true, status: 0 });
    expect(checked).toBe(1);
    // Not known and not valid: counted per address, and over the limit here.
    expect(await run(mw, { authorization: 'Bearer forged' })).toEqual({ passed: false, status: 429 });
    expect(await run(mw, {})).toEqual({ passed: false, status: 429 });
  });
});
