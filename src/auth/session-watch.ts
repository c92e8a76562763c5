import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PrincipalCache } from '../organization/index.js';
import { AuthService } from './auth.service.js';

/** graphql-ws close code for a connection whose session ended (the client must log in again). */
export const SESSION_ENDED_CLOSE_CODE = 4401;

interface OpenSession {
  token: string;
  userId: string;
  close: (code: number, reason: string) => void;
}

/**
 * Open graphql-ws connections and the session each was opened with. A connection is closed (code
 * 4401) as soon as its token stops being accepted: at once when the change (password, role,
 * deactivation, reactivation) was made through this API instance, which tells PrincipalCache
 * after commit; within `SESSION_RECHECK_SECONDS` (plus the one-second principal cache) when
 * another replica made it, or when the token expires.
 */
@Injectable()
export class SessionWatch implements OnModuleInit, OnModuleDestroy {
  private readonly open = new Map<object, OpenSession>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly principals: PrincipalCache,
  ) {}

  onModuleInit(): void {
    this.principals.onUserChange((userId) => void this.recheck((s) => s.userId === userId));
    this.timer = setInterval(() => {
      this.sweeping ??= this.recheck(() => true)
        .then(() => undefined)
        .finally(() => (this.sweeping = null));
    }, this.config.auth.sessionRecheckSeconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** `key` identifies the connection (its graphql-ws `extra`). */
  add(key: object, session: OpenSession): void {
    this.open.set(key, session);
  }

  remove(key: object): void {
    this.open.delete(key);
  }

  get size(): number {
    return this.open.size;
  }

  /** Re-checks the matching connections' tokens; closes those no longer accepted. */
  async recheck(which: (s: OpenSession) => boolean): Promise<number> {
    let closed = 0;
    for (const [key, session] of [...this.open]) {
      if (!which(session)) continue;
      try {
        await this.auth.contextFromToken(session.token);
      } catch (err) {
        // Only a refused session closes the connection; a failing database does not.
        if ((err as { code?: string }).code !== 'UNAUTHENTICATED') continue;
        this.open.delete(key);
        closed++;
        try {
          session.close(SESSION_ENDED_CLOSE_CODE, 'Session ended; log in again.');
        } catch {
          // already closed
        }
      }
    }
    return closed;
  }
}
