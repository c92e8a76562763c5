import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

const load = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env }, { jwtSecret: 'x'.repeat(32) }).auth;

describe('config.auth', () => {
  it('has the documented defaults', () => {
    expect(load({})).toEqual({
      loginMaxFailures: 5,
      loginMaxFailuresPerClient: 10,
      loginMaxFailuresPerAccount: 20,
      passwordChangeMaxFailures: 5,
      throttleWindowSeconds: 900,
      trustProxy: false,
      sessionRecheckSeconds: 5,
    });
  });

  it('reads TRUST_PROXY as a flag, a hop count or a list of proxies', () => {
    expect(load({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(load({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(load({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => load({ TRUST_PROXY: 'anyone; rm -rf' })).toThrow(ConfigError);
    expect(() => load({ LOGIN_MAX_FAILURES_PER_CLIENT: '0' })).toThrow(/LOGIN_MAX_FAILURES_PER_CLIENT/);
  });

  it('reads the rate limits (docs/api.md "Rate limits")', () => {
    const rate = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env }, { jwtSecret: 'x'.repeat(32) }).rateLimit;
    expect(rate({})).toEqual({ apiKeyPerMinute: 600, anonymousPerMinute: 120, windowSeconds: 60 });
    expect(rate({ RATE_LIMIT_API_KEY_PER_MINUTE: '0', RATE_LIMIT_WINDOW_SECONDS: '10' })).toMatchObject({ apiKeyPerMinute: 0, windowSeconds: 10 });
    expect(() => rate({ RATE_LIMIT_WINDOW_SECONDS: '0' })).toThrow(/RATE_LIMIT_WINDOW_SECONDS/);
    expect(() => rate({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: 'many' })).toThrow(/RATE_LIMIT_ANONYMOUS_PER_MINUTE/);
  });

  it('checks DEMO_PASSWORD against the password policy (the documented demo password passes)', () => {
    expect(loadConfig({ NODE_ENV: 'test', DEMO_PASSWORD: 'demo-password-123' }, { jwtSecret: 'x'.repeat(32) }).demoPassword).toBe('demo-password-123');
    expect(() => loadConfig({ NODE_ENV: 'test', DEMO_PASSWORD: 'password123' }, { jwtSecret: 'x'.repeat(32) })).toThrow(/DEMO_PASSWORD is too common/);
  });
});
