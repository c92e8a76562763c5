import { describe, expect, it } from '@jest/globals';
import { InMemoryPubSub, isLocalTopic, pubSubBrokerStatus } from './pubsub.js';
import { redisRetryDelay } from './redis-pubsub.js';

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
