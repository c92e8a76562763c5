import { describe, expect, it } from '@jest/globals';
import { rateLimitSubject } from './rate-limit.middleware.js';

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
