import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig, type RateLimitConfig } from '../config/config.js';
import { LOGGER } from '../common/tokens.js';
import { MemoryWindowStore, RedisWindowStore, type WindowStore } from './window-store.js';

/** How long a Redis round trip may take before this request is counted in memory instead. */
const REDIS_TIMEOUT_MS = 250;

/** Who a request is counted as. */
export type RateLimitSubject = { kind: 'apiKey'; key: string } | { kind: 'anonymous'; address: string };

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  count: number;
  /** Whole seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

/** Requests allowed per window for a per-minute limit (0 = no limit). */
export function perWindow(perMinute: number, windowSeconds: number): number {
  if (perMinute <= 0) return 0;
  return Math.max(1, Math.round((perMinute * windowSeconds) / 60));
}

/**
 * Fixed-window request counters for API keys (per key) and anonymous callers (per client address).
 * With REDIS_URL the counters live in Redis and hold across replicas; without it, or while Redis
 * does not answer, in this process (logged when it switches either way; a request never fails
 * because Redis is down).
 */
@Injectable()
export class RateLimiter implements OnModuleInit, OnModuleDestroy {
  private readonly memory = new MemoryWindowStore();
  private readonly redis: Redis | null;
  private readonly shared: WindowStore | null;
  private readonly limits: RateLimitConfig;
  private redisFailing = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {
    this.limits = config.rateLimit;
    if (config.redisUrl) {
      this.redis = new Redis(config.redisUrl, {
        // Commands fail at once while disconnected (the memory counter takes over) instead of queueing.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 2000,
        retryStrategy: (times) => Math.min(times * 200, 2000),
        connectionName: 'squadops-ratelimit',
      });
      this.redis.on('error', (err: Error) => this.redisDown(err));
      this.redis.on('ready', () => this.redisUp());
      this.shared = new RedisWindowStore(this.redis);
    } else {
      this.redis = null;
      this.shared = null;
    }
  }

  get enabled(): boolean {
    return this.limits.apiKeyPerMinute > 0 || this.limits.anonymousPerMinute > 0;
  }

  async check(subject: RateLimitSubject, now = Date.now()): Promise<RateLimitDecision | null> {
    const perMinute = subject.kind === 'apiKey' ? this.limits.apiKeyPerMinute : this.limits.anonymousPerMinute;
    const limit = perWindow(perMinute, this.limits.windowSeconds);
    if (limit === 0) return null;
    const bucket = subject.kind === 'apiKey' ? `key:${createHash('sha256').update(subject.key).digest('hex').slice(0, 32)}` : `addr:${subject.address}`;
    const windowMs = this.limits.windowSeconds * 1000;
    const hit = await this.hit(bucket, windowMs, now);
    return {
      allowed: hit.count <= limit,
      limit,
      count: hit.count,
      retryAfterSeconds: Math.max(1, Math.ceil((hit.resetAt - now) / 1000)),
    };
  }

  private async hit(bucket: string, windowMs: number, now: number) {
    if (this.shared && this.redis?.status === 'ready') {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Redis did not answer within ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
        });
        return await Promise.race([this.shared.hit(bucket, windowMs, now), timeout]);
      } catch (err) {
        this.redisDown(err as Error);
      } finally {
        clearTimeout(timer);
      }
    } else if (this.shared && this.redis?.status !== 'connecting' && this.redis?.status !== 'wait') {
      this.redisDown(new Error(`Redis connection is ${this.redis?.status}`));
    }
    return this.memory.hitSync(bucket, windowMs, now);
  }

  private redisDown(err: Error): void {
    if (this.redisFailing) return;
    this.redisFailing = true;
    this.log.warn({ err: err.message }, 'rate limiter: Redis unavailable, counting requests in this process until it is back');
  }

  private redisUp(): void {
    if (!this.redisFailing) return;
    this.redisFailing = false;
    this.log.info('rate limiter: Redis is back, counting requests across replicas again');
  }

  /** Waits (at most 2 s) for the first Redis connection, so the first requests are counted across replicas; never fails. */
  async onModuleInit(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      const done = () => {
        redis.off('ready', done);
        redis.off('error', done);
        resolve();
      };
      redis.once('ready', done);
      redis.once('error', done);
      timer = setTimeout(done, 2000);
    });
    clearTimeout(timer);
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.redis) return;
    this.redis.removeAllListeners('error');
    this.redis.on('error', () => undefined);
    this.redis.disconnect();
  }
}
