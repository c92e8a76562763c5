import { describe, expect, it } from '@jest/globals';
import type { Logger } from 'pino';
import { InMemoryPubSub, isLocalTopic, pubSubBrokerStatus } from './pubsub.js';
import { RedisPubSub, redisRetryDelay } from './redis-pubsub.js';

describe('Redis pub/sub helpers', () => {
  it('retries a lost Redis forever, backing off to at most two seconds', () => {
    const delays = [0, 1, 2, 5, 10, 1000, 1e6].map(redisRetryDelay);
    for (const d of delays) expect(typeof d).toBe('number');
    expect(delays[0]).toBe(100);
    expect(Math.max(...delays)).toBe(2000);
    expect([...delays].sort((a, b) => a - b)).toEqual(delays);
  });

  it('keeps local. topics in the process', () => {
    expect(isLocalTopic('local.rankings.standings.x.y')).toBe(true);
    expect(isLocalTopic('rankings.dirty')).toBe(false);
    expect(isLocalTopic('experimentPublished.org')).toBe(false);
  });

  it('reports no broker for the in-process PubSub', () => {
    expect(pubSubBrokerStatus(new InMemoryPubSub())).toBeNull();
  });
});

describe('RedisPubSub without a reachable Redis', () => {
  it('keeps retrying, reports down, drops publishes without throwing, and logs the outage once', async () => {
    const warnings: string[] = [];
    const log = { warn: (_o: unknown, msg: string) => warnings.push(msg), info: () => undefined } as unknown as Logger;
    // Port 1 on the loopback refuses connections at once.
    const pubsub = new RedisPubSub('redis://127.0.0.1:1', log, { retryStrategy: () => 20 });
    try {
      const events = pubsub.asyncIterator('some.topic');
      await new Promise((r) => setTimeout(r, 300)); // many reconnection attempts
      expect(pubsub.status()).toBe('down');
      await expect(pubsub.publish('some.topic', { id: 'x' })).resolves.toBeUndefined();
      expect(warnings.filter((w) => w.includes('connection to Redis lost'))).toHaveLength(1);
      await events.return?.();
    } finally {
      await pubsub.close();
    }
  });
});
