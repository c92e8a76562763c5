import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

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
 * Statements go through the data source, never a transaction: the count must be visible to
 * concurrent requests at once.
 */
@Injectable()
export class AttemptThrottle {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async reserve(rules: ThrottleRule[], windowSeconds: number, now = new Date()): Promise<Reservation> {
    // Every statement here locks its rows in key order, so concurrent logins never deadlock.
    const keys = [...new Set(rules.map((r) => r.key))].sort();
    const windowMs = windowSeconds * 1000;
    const rows: { key: string; attempts: number; window_start: Date }[] = await this.dataSource.query(
      `INSERT INTO login_throttle (key, attempts, window_start)
       SELECT k, 1, $2::timestamptz FROM unnest($1::text[]) AS k ORDER BY k
       ON CONFLICT (key) DO UPDATE SET
         attempts = CASE WHEN login_throttle.window_start <= $3::timestamptz THEN 1 ELSE login_throttle.attempts + 1 END,
         window_start = CASE WHEN login_throttle.window_start <= $3::timestamptz THEN $2::timestamptz ELSE login_throttle.window_start END
       RETURNING key, attempts, window_start`,
      [keys, now, new Date(now.getTime() - windowMs)],
    );
    const attempts = new Map<string, number>();
    const ends = new Map<string, number>();
    for (const r of rows) {
      attempts.set(r.key, Number(r.attempts));
      ends.set(r.key, new Date(r.window_start).getTime() + windowMs);
    }
    const over = rules
      .filter((r) => (attempts.get(r.key) ?? 0) > r.max)
      .map((rule) => ({ rule, retryAfterSeconds: Math.max(1, Math.ceil(((ends.get(rule.key) ?? now.getTime()) - now.getTime()) / 1000)) }));
    return { attempts, over };
  }

  /** Gives slots back (an attempt that was refused, or one that succeeded and should not count). */
  async release(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query(
      `UPDATE login_throttle t SET attempts = GREATEST(t.attempts - 1, 0)
         FROM (SELECT key FROM login_throttle WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE) l
        WHERE t.key = l.key`,
      [keys],
    );
  }

  /** Clears counters (a successful login resets its email's count from that client). */
  async clear(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query(
      `DELETE FROM login_throttle t USING (SELECT key FROM login_throttle WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE) l WHERE t.key = l.key`,
      [keys],
    );
  }

  /** Releases some keys and clears others in one statement. */
  async settle(release: string[], clear: string[]): Promise<void> {
    if (clear.length === 0) return this.release(release);
    if (release.length === 0) return this.clear(clear);
    await this.dataSource.query(
      `WITH locked AS (SELECT key FROM login_throttle WHERE key = ANY($1::text[]) OR key = ANY($2::text[]) ORDER BY key FOR UPDATE),
            cleared AS (DELETE FROM login_throttle t USING locked l WHERE t.key = l.key AND t.key = ANY($2::text[]))
       UPDATE login_throttle t SET attempts = GREATEST(t.attempts - 1, 0) FROM locked l WHERE t.key = l.key AND t.key = ANY($1::text[])`,
      [release, clear],
    );
  }
}
