import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { RedisPubSub } from './redis-pubsub.js';
import { LOGGER } from './tokens.js';

/**
 * Publish/subscribe for live pushes (GraphQL subscriptions). Publish only after the transaction
 * that made the change commits (`TxHooks.afterCommit`). The in-memory implementation serves a
 * single API process; with REDIS_URL, {@link RedisPubSub} carries events between every API
 * replica and worker. Payloads cross processes as JSON: publish ids and plain values.
 */
export interface PubSub {
  publish<T>(topic: string, payload: T): Promise<void>;
  /** An iterator of the payloads published on the topics from now on; `return()` unsubscribes. */
  asyncIterator<T>(topics: string | readonly string[]): AsyncIterableIterator<T>;
}

export const PUB_SUB = Symbol('PUB_SUB');

/** Topics starting with this prefix are delivered in this process only, even with Redis. */
export const LOCAL_TOPIC_PREFIX = 'local.';
export const isLocalTopic = (topic: string): boolean => topic.startsWith(LOCAL_TOPIC_PREFIX);

/** Whether the PubSub's broker answers: `null` when there is none (in-process). */
export function pubSubBrokerStatus(pubsub: PubSub): 'up' | 'down' | null {
  return pubsub instanceof RedisPubSub ? pubsub.status() : null;
}

/** Payloads kept for a subscriber that is not reading; older ones are dropped beyond this. */
const MAX_QUEUED = 1000;

export class InMemoryPubSub implements PubSub {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  async publish<T>(topic: string, payload: T): Promise<void> {
    for (const listener of [...(this.listeners.get(topic) ?? [])]) listener(payload);
  }

  /** Number of live subscriptions to a topic (for tests and diagnostics). */
  subscriberCount(topic: string): number {
    return this.listeners.get(topic)?.size ?? 0;
  }

  asyncIterator<T>(topics: string | readonly string[]): AsyncIterableIterator<T> {
    const names = typeof topics === 'string' ? [topics] : [...topics];
    const queue: T[] = [];
    const waiting: ((r: IteratorResult<T>) => void)[] = [];
    let done = false;
    const listener = (payload: unknown) => {
      const next = waiting.shift();
      if (next) next({ value: payload as T, done: false });
      else {
        queue.push(payload as T);
        if (queue.length > MAX_QUEUED) queue.shift();
      }
    };
    for (const name of names) {
      let set = this.listeners.get(name);
      if (!set) this.listeners.set(name, (set = new Set()));
      set.add(listener);
    }
    const close = (): IteratorResult<T> => {
      if (!done) {
        done = true;
        for (const name of names) {
          const set = this.listeners.get(name);
          set?.delete(listener);
          if (set?.size === 0) this.listeners.delete(name);
        }
        for (const w of waiting.splice(0)) w({ value: undefined, done: true });
        queue.length = 0;
      }
      return { value: undefined, done: true };
    };
    const iterator: AsyncIterableIterator<T> = {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise<IteratorResult<T>>((resolve) => waiting.push(resolve));
      },
      return: () => Promise.resolve(close()),
      throw: (err?: unknown) => {
        close();
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}

/** Provides the process-wide PubSub to every context: over Redis with REDIS_URL, in-process otherwise. */
@Global()
@Module({
  providers: [
    {
      provide: PUB_SUB,
      inject: [APP_CONFIG, LOGGER],
      useFactory: (config: AppConfig, log: Logger): PubSub => (config.redisUrl ? new RedisPubSub(config.redisUrl, log) : new InMemoryPubSub()),
    },
  ],
  exports: [PUB_SUB],
})
export class PubSubModule implements OnApplicationShutdown {
  constructor(@Inject(PUB_SUB) private readonly pubsub: PubSub) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.pubsub instanceof RedisPubSub) await this.pubsub.close();
  }
}

/**
 * Maps each value of an async iterator (e.g. loads the record an event names). Unlike an async
 * generator, `return()` reaches the source at once, so an unsubscribing client frees its
 * subscription even while no event is pending.
 */
export function mapAsyncIterator<T, U>(source: AsyncIterator<T>, map: (value: T) => Promise<U>): AsyncIterableIterator<U> {
  const iterator: AsyncIterableIterator<U> = {
    async next() {
      const r = await source.next();
      if (r.done) return { value: undefined, done: true };
      return { value: await map(r.value), done: false };
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(err?: unknown) {
      await source.return?.();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
