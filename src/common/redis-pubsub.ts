import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { InMemoryPubSub, isLocalTopic, type PubSub } from './pubsub.js';

/** Delay before reconnect attempt n (ms): grows to at most two seconds, never gives up. */
export function redisRetryDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.min(attempt, 5), 2000);
}

/**
 * PubSub across processes over Redis (REDIS_URL). One publisher and one subscriber connection per
 * process; a topic is subscribed in Redis while at least one local listener wants it, and each
 * message is delivered to this process's listeners through an {@link InMemoryPubSub}. Payloads
 * travel as JSON: publish ids and plain values (strings, numbers), not Dates or class instances.
 * Topics starting with `local.` never leave the process.
 *
 * Redis going away does not take the process down: ioredis reconnects forever (see
 * {@link redisRetryDelay}) and resubscribes; meanwhile publishes are dropped (logged once per
 * outage) and {@link status} reports `down` for GET /health.
 */
export class RedisPubSub implements PubSub {
  private readonly local = new InMemoryPubSub();
  private readonly pub: Redis;
  private readonly sub: Redis;
  /** Local iterators per Redis-carried topic. */
  private readonly refs = new Map<string, number>();
  private readonly pending = new Set<Promise<unknown>>();
  private outage = false;
  private closed = false;

  constructor(
    url: string,
    private readonly log: Logger,
    options: RedisOptions = {},
  ) {
    const base: RedisOptions = {
      retryStrategy: redisRetryDelay,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      autoResubscribe: true,
      ...options,
    };
    this.pub = new Redis(url, { ...base, enableOfflineQueue: false, connectionName: 'squadops-pub' });
    // Subscribes asked for during an outage wait for the reconnection instead of failing. No ready
    // check: its INFO can reach Redis after a queued SUBSCRIBE, which Redis refuses in subscriber
    // mode ("Connection in subscriber mode…", ioredis issue 2037), failing the connection.
    this.sub = new Redis(url, { ...base, maxRetriesPerRequest: null, enableReadyCheck: false, connectionName: 'squadops-sub' });
    for (const conn of [this.pub, this.sub]) {
      conn.on('error', (err: Error) => this.down(err));
      conn.on('end', () => this.down(null));
      conn.on('close', () => this.down(null));
      conn.on('ready', () => this.maybeUp());
    }
    this.sub.on('message', (channel: string, message: string) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message);
      } catch (err) {
        this.log.warn({ err, channel }, 'redis pubsub: dropped a message that is not JSON');
        return;
      }
      void this.local.publish(channel, payload);
    });
  }

  /** `up` while both connections are ready, `down` otherwise. */
  status(): 'up' | 'down' {
    return this.pub.status === 'ready' && this.sub.status === 'ready' ? 'up' : 'down';
  }

  private down(err: Error | null): void {
    if (this.closed || this.outage) return;
    this.outage = true;
    this.log.warn({ err: err ?? undefined }, 'redis pubsub: connection to Redis lost; live events between replicas are paused until it is back');
  }

  private maybeUp(): void {
    if (this.closed || !this.outage || this.status() !== 'up') return;
    this.outage = false;
    this.log.info('redis pubsub: connection to Redis restored');
  }

  async publish<T>(topic: string, payload: T): Promise<void> {
    if (isLocalTopic(topic)) return this.local.publish(topic, payload);
    try {
      await this.pub.publish(topic, JSON.stringify(payload));
    } catch (err) {
      // Not connected (no offline queue): the event is lost, as documented; the outage is logged once.
      this.down(err as Error);
    }
  }

  subscriberCount(topic: string): number {
    return this.local.subscriberCount(topic);
  }

  asyncIterator<T>(topics: string | readonly string[]): AsyncIterableIterator<T> {
    const names = typeof topics === 'string' ? [topics] : [...topics];
    const remote = names.filter((n) => !isLocalTopic(n));
    const inner = this.local.asyncIterator<T>(names);
    for (const name of remote) {
      const n = this.refs.get(name) ?? 0;
      this.refs.set(name, n + 1);
      if (n === 0) {
        // Queued until connected; resubscribed by ioredis after a reconnect.
        const p = this.sub.subscribe(name).catch((err: Error) => this.down(err));
        this.pending.add(p);
        void p.finally(() => this.pending.delete(p));
      }
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      for (const name of remote) {
        const n = (this.refs.get(name) ?? 1) - 1;
        if (n > 0) {
          this.refs.set(name, n);
          continue;
        }
        this.refs.delete(name);
        if (!this.closed) this.sub.unsubscribe(name).catch(() => undefined);
      }
    };
    const iterator: AsyncIterableIterator<T> = {
      next: () => inner.next(),
      return: async () => {
        release();
        return inner.return!();
      },
      throw: async (err?: unknown) => {
        release();
        return inner.throw!(err);
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /** Resolves once the Redis subscriptions asked for so far are in place. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** Resolves once both connections are ready (or rejects after `ms`). */
  async ready(ms = 5000): Promise<void> {
    const until = Date.now() + ms;
    while (this.status() !== 'up') {
      if (Date.now() > until) throw new Error('Redis is not reachable');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
