import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { PUB_SUB, type PubSub } from '../common/pubsub.js';
import { LOGGER } from '../common/tokens.js';
import { PrincipalCache } from './principal-cache.js';

/** Topic every process listens to: "this user's session-relevant state changed". */
export const USER_CHANGED_TOPIC = 'session.user-changed';

export interface UserChangedMessage {
  userId: string;
  /** The announcing process (it does not act on its own message). */
  origin: string;
}

/**
 * Carries session changes (password, role, deactivation, reactivation) to every replica: each
 * change this instance forgets in its PrincipalCache after commit is announced over PubSub
 * (Redis with REDIS_URL); every other replica then forgets that user too, which drops its cached
 * principal and makes SessionWatch re-check (and close) the user's open subscriptions at once.
 * Without Redis there is no other replica to tell; the 1 s cache and the periodic re-check remain
 * the fallback when a message is lost.
 */
@Injectable()
export class PrincipalInvalidation implements OnModuleInit, OnApplicationShutdown {
  private readonly instance = randomUUID();
  private messages: AsyncIterableIterator<UserChangedMessage> | null = null;

  constructor(
    @Inject(PUB_SUB) private readonly pubsub: PubSub,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly principals: PrincipalCache,
  ) {}

  onModuleInit(): void {
    this.principals.onUserChange((userId, origin) => {
      if (origin !== 'local') return;
      void this.pubsub
        .publish<UserChangedMessage>(USER_CHANGED_TOPIC, { userId, origin: this.instance })
        .catch((err) => this.log.warn({ err }, 'sessions: could not announce a session change'));
    });
    this.messages = this.pubsub.asyncIterator<UserChangedMessage>(USER_CHANGED_TOPIC);
    void this.consume(this.messages);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.messages?.return?.();
  }

  private async consume(messages: AsyncIterableIterator<UserChangedMessage>): Promise<void> {
    for await (const m of messages) {
      if (m.origin === this.instance || typeof m.userId !== 'string') continue;
      this.principals.forgetUser(m.userId, 'remote');
    }
  }
}
