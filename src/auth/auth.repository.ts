import { Injectable } from '@nestjs/common';
import { IsNull, LessThan } from 'typeorm';
import { Db } from '../database/transaction.js';
import { ApiKey } from './entities/api-key.entity.js';
import { LoginThrottle } from './entities/login-throttle.entity.js';

/** A throttle counter after a slot was taken (`AuthRepository.takeThrottleSlots`). */
export interface ThrottleCounter {
  key: string;
  attempts: number;
  windowStart: Date;
}

/** Every statement on `api_key` and `login_throttle`. */
@Injectable()
export class AuthRepository {
  constructor(private readonly db: Db) {}

  // ------------------------------------------------------------------ API keys

  /** The unrevoked API key with this secret hash, or null. */
  activeApiKeyByHash(secretHash: string): Promise<ApiKey | null> {
    return this.db.manager.findOne(ApiKey, { where: { secretHash, revokedAt: IsNull() } });
  }

  /** Stamps the key's last use. */
  async touchApiKey(id: string, at: Date): Promise<void> {
    await this.db.manager.update(ApiKey, { id }, { lastUsedAt: at });
  }

  /** Reads one API key of the organization, or null. */
  findApiKey(organizationId: string, id: string): Promise<ApiKey | null> {
    return this.db.manager.findOne(ApiKey, { where: { id, organizationId } });
  }

  /** The organization's API keys, newest first. */
  apiKeys(organizationId: string): Promise<ApiKey[]> {
    return this.db.manager.find(ApiKey, { where: { organizationId }, order: { createdAt: 'DESC' } });
  }

  /** Inserts an API key. */
  createApiKey(values: Pick<ApiKey, 'organizationId' | 'name' | 'prefix' | 'secretHash' | 'scopes' | 'createdById'>): Promise<ApiKey> {
    const m = this.db.manager;
    return m.save(m.create(ApiKey, values));
  }

  /** Writes an API key's changed fields. */
  saveApiKey(key: ApiKey): Promise<ApiKey> {
    return this.db.manager.save(key);
  }

  // ------------------------------------------------------------------ login throttle

  /**
   * Takes one slot on each counter (keys sorted, so concurrent callers lock in the same order),
   * starting a new window for counters whose window began at or before `windowStartedBefore`.
   */
  async takeThrottleSlots(keys: string[], now: Date, windowStartedBefore: Date): Promise<ThrottleCounter[]> {
    const rows: { key: string; attempts: number; window_start: Date }[] = await this.db.query(
      `INSERT INTO login_throttle (key, attempts, window_start)
       SELECT k, 1, $2::timestamptz FROM unnest($1::text[]) AS k ORDER BY k
       ON CONFLICT (key) DO UPDATE SET
         attempts = CASE WHEN login_throttle.window_start <= $3::timestamptz THEN 1 ELSE login_throttle.attempts + 1 END,
         window_start = CASE WHEN login_throttle.window_start <= $3::timestamptz THEN $2::timestamptz ELSE login_throttle.window_start END
       RETURNING key, attempts, window_start`,
      [keys, now, windowStartedBefore],
    );
    return rows.map((r) => ({ key: r.key, attempts: Number(r.attempts), windowStart: new Date(r.window_start) }));
  }

  /** Gives one slot back on each counter. */
  async releaseThrottleSlots(keys: string[]): Promise<void> {
    await this.db.query(
      `UPDATE login_throttle t SET attempts = GREATEST(t.attempts - 1, 0)
         FROM (SELECT key FROM login_throttle WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE) l
        WHERE t.key = l.key`,
      [keys],
    );
  }

  /** Deletes the counters. */
  async clearThrottles(keys: string[]): Promise<void> {
    await this.db.query(
      `DELETE FROM login_throttle t USING (SELECT key FROM login_throttle WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE) l WHERE t.key = l.key`,
      [keys],
    );
  }

  /** Gives one slot back on the `release` counters and deletes the `clear` ones, in one statement. */
  async releaseAndClearThrottles(release: string[], clear: string[]): Promise<void> {
    await this.db.query(
      `WITH locked AS (SELECT key FROM login_throttle WHERE key = ANY($1::text[]) OR key = ANY($2::text[]) ORDER BY key FOR UPDATE),
            cleared AS (DELETE FROM login_throttle t USING locked l WHERE t.key = l.key AND t.key = ANY($2::text[]))
       UPDATE login_throttle t SET attempts = GREATEST(t.attempts - 1, 0) FROM locked l WHERE t.key = l.key AND t.key = ANY($1::text[])`,
      [release, clear],
    );
  }

  /** Deletes counters whose window started before `before`; returns how many. */
  async purgeThrottles(before: Date): Promise<number> {
    const res = await this.db.manager.delete(LoginThrottle, { windowStart: LessThan(before) });
    return res.affected ?? 0;
  }
}
