import type { Redis } from 'ioredis';

/** A counter of one bucket in one fixed window: its count with this hit, and when the window ends. */
export interface WindowHit {
  count: number;
  /** Epoch milliseconds at which the window ends (and the count starts again at 0). */
  resetAt: number;
}

/** Counts hits per bucket in fixed windows of `windowMs` aligned to the epoch. */
export interface WindowStore {
  hit(bucket: string, windowMs: number, now: number): Promise<WindowHit>;
}

/** Start of the fixed window `now` falls in (windows are aligned to the epoch, so every replica agrees). */
export function windowStart(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) * windowMs;
}

/**
 * In this process only: one Map entry per bucket, dropped when its window has ended (swept at most
 * once per window, so a spray of addresses cannot grow the map beyond one window's worth).
 */
export class MemoryWindowStore implements WindowStore {
  private readonly counters = new Map<string, WindowHit>();
  private nextSweep = 0;

  async hit(bucket: string, windowMs: number, now: number): Promise<WindowHit> {
    return this.hitSync(bucket, windowMs, now);
  }

  hitSync(bucket: string, windowMs: number, now: number): WindowHit {
    if (now >= this.nextSweep) this.sweep(now, windowMs);
    const start = windowStart(now, windowMs);
    const resetAt = start + windowMs;
    const current = this.counters.get(bucket);
    if (!current || current.resetAt <= now) {
      const fresh = { count: 1, resetAt };
      this.counters.set(bucket, fresh);
      return { ...fresh };
    }
    current.count += 1;
    return { ...current };
  }

  get size(): number {
    return this.counters.size;
  }

  private sweep(now: number, windowMs: number): void {
    for (const [bucket, c] of this.counters) if (c.resetAt <= now) this.counters.delete(bucket);
    this.nextSweep = windowStart(now, windowMs) + windowMs;
  }
}

/**
 * Shared by every replica: one Redis key per bucket and window (`<prefix><bucket>:<window start>`),
 * counted with INCR and given an expiry with PEXPIRE in one MULTI, so the count is atomic across
 * processes and the key disappears shortly after its window.
 */
export class RedisWindowStore implements WindowStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'squadops:ratelimit:',
  ) {}

  async hit(bucket: string, windowMs: number, now: number): Promise<WindowHit> {
    const start = windowStart(now, windowMs);
    const key = `${this.prefix}${bucket}:${start}`;
    const result = await this.redis
      .multi()
      .incr(key)
      .pexpire(key, windowMs + 1000)
      .exec();
    if (!result) throw new Error('rate limit transaction was aborted');
    const [incrError, count] = result[0];
    if (incrError) throw incrError;
    return { count: Number(count), resetAt: start + windowMs };
  }
}
