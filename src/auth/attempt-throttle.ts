import { Injectable } from '@nestjs/common';
import { AuthRepository } from './auth.repository.js';

/** One counter to take a slot from: refused when more than `max` checks were taken in the window. */
export interface ThrottleRule {
  key: string;
  max: number;
}

export interface Reservation {
  /** Checks taken per key in the current window, this one included. */
  attempts: Map<string, number>;
  /** The rules that are over their limit with this attempt, and when their window ends. */
  over: { rule: ThrottleRule; retryAfterSeconds: number }[];
}

/**
 * Counts password checks per key (an email from one client address, a client address, a user...)
 * in PostgreSQL, within a fixed window that starts with the first check. A slot is taken with one
 * atomic upsert BEFORE the password hash is verified, so however many requests run at once, no
 * more than `max` of them get to check a password per window: the (max+1)th sees the count and is
 * refused without a check. A refused attempt gives its slots back (it checked nothing); a
 * successful one gives back or clears its slots (the caller decides which); a failed one keeps them.
 * Statements run outside any transaction (logins never open one): the count must be visible to
 * concurrent requests at once.
 */
@Injectable()
export class AttemptThrottle {
  constructor(private readonly repo: AuthRepository) {}

  async reserve(rules: ThrottleRule[], windowSeconds: number, now = new Date()): Promise<Reservation> {
    // Every statement here locks its rows in key order, so concurrent logins never deadlock.
    const keys = [...new Set(rules.map((r) => r.key))].sort();
    const windowMs = windowSeconds * 1000;
    const rows = await this.repo.takeThrottleSlots(keys, now, new Date(now.getTime() - windowMs));
    const attempts = new Map<string, number>();
    const ends = new Map<string, number>();
    for (const r of rows) {
      attempts.set(r.key, r.attempts);
      ends.set(r.key, r.windowStart.getTime() + windowMs);
    }
    const over = rules
      .filter((r) => (attempts.get(r.key) ?? 0) > r.max)
      .map((rule) => ({ rule, retryAfterSeconds: Math.max(1, Math.ceil(((ends.get(rule.key) ?? now.getTime()) - now.getTime()) / 1000)) }));
    return { attempts, over };
  }

  /** Gives slots back (an attempt that was refused, or one that succeeded and should not count). */
  async release(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.repo.releaseThrottleSlots(keys);
  }

  /** Clears counters (a successful login resets its email's count from that client). */
  async clear(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.repo.clearThrottles(keys);
  }

  /** Releases some keys and clears others in one statement. */
  async settle(release: string[], clear: string[]): Promise<void> {
    if (clear.length === 0) return this.release(release);
    if (release.length === 0) return this.clear(clear);
    await this.repo.releaseAndClearThrottles(release, clear);
  }
}
