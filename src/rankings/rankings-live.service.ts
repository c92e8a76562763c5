import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { LOCAL_TOPIC_PREFIX, PUB_SUB, type PubSub } from '../common/pubsub.js';
import type { RequestContext } from '../common/request-context.js';
import { LOGGER } from '../common/tokens.js';
import { TxHooks } from '../database/transaction.js';
import { LeadEvents } from '../leads/lead-events.js';
import { RollupService } from '../metrics/rollup.service.js';
import type { LeaderboardModel } from './models/rankings.models.js';
import { RankingsService } from './rankings.service.js';

/** Topic every replica listens to: "standings of this organization may have changed". */
export const RANKINGS_DIRTY_TOPIC = 'rankings.dirty';

interface DirtyEvent {
  organizationId: string;
}

interface Watched {
  organizationId: string;
  subscribers: number;
  timer: NodeJS.Timeout | null;
  /** Fingerprint of the last pushed standings: unchanged standings are not pushed again. */
  last: string | null;
}

/** Debounce window per leaderboard: at most one recomputation per window however many commits arrive. */
export const DEFAULT_PUSH_DEBOUNCE_MS = 1000;

/**
 * Live standings over graphql-ws (`standingsChanged`). After a commit that changes rollups
 * (orders, refunds, assignments) or a lead's stage, a small "dirty" event for the organization
 * is published through PubSub, so every API replica hears it (through Redis when REDIS_URL is
 * set). Each replica recomputes, debounced, only the leaderboards its own
 * clients watch, and delivers them on a replica-local topic. Nothing is computed for boards
 * nobody watches.
 */
@Injectable()
export class RankingsLiveService implements OnModuleInit, OnApplicationShutdown {
  /** Distinguishes this replica's delivery topics. */
  private readonly instance = randomUUID();
  private readonly watched = new Map<string, Watched>();
  private dirty: AsyncIterableIterator<DirtyEvent> | null = null;
  debounceMs = Number(process.env.RANKINGS_PUSH_DEBOUNCE_MS ?? DEFAULT_PUSH_DEBOUNCE_MS);

  constructor(
    @Inject(PUB_SUB) private readonly pubsub: PubSub,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly rankings: RankingsService,
    private readonly rollups: RollupService,
    private readonly leadEvents: LeadEvents,
  ) {}

  onModuleInit(): void {
    this.rollups.onChange((c) => this.markDirty(c.organizationId));
    const afterCommit = (m: EntityManager, organizationId: string) => {
      const hooks = TxHooks.of(m);
      if (hooks) hooks.afterCommit(() => this.markDirty(organizationId));
      else void this.markDirty(organizationId);
    };
    this.leadEvents.onAssigned(async (m, _ctx, events) => afterCommit(m, events[0].organizationId));
    this.leadEvents.onStageChanged(async (m, _ctx, e) => afterCommit(m, e.organizationId));
    this.dirty = this.pubsub.asyncIterator<DirtyEvent>(RANKINGS_DIRTY_TOPIC);
    void this.consume(this.dirty);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dirty?.return?.();
    for (const w of this.watched.values()) if (w.timer) clearTimeout(w.timer);
    this.watched.clear();
  }

  /** Announces (to every replica) that an organization's standings may have changed. */
  async markDirty(organizationId: string): Promise<void> {
    await this.pubsub.publish<DirtyEvent>(RANKINGS_DIRTY_TOPIC, { organizationId }).catch((err) => this.log.warn({ err }, 'rankings: publish failed'));
  }

  private async consume(events: AsyncIterableIterator<DirtyEvent>): Promise<void> {
    for await (const e of events) {
      for (const [definitionId, w] of this.watched) if (w.organizationId === e.organizationId) this.schedule(definitionId, w);
    }
  }

  private topic(definitionId: string): string {
    // Boards (with Dates) are delivered within this replica only; only the dirty event crosses Redis.
    return `${LOCAL_TOPIC_PREFIX}rankings.standings.${this.instance}.${definitionId}`;
  }

  private schedule(definitionId: string, w: Watched): void {
    if (w.timer) return;
    w.timer = setTimeout(() => {
      w.timer = null;
      void this.push(definitionId, w);
    }, this.debounceMs);
    w.timer.unref?.();
  }

  private async push(definitionId: string, w: Watched): Promise<void> {
    if (w.subscribers === 0) return;
    try {
      const board = await this.rankings.currentBoard(w.organizationId, definitionId);
      const fingerprint = JSON.stringify([board.period.label, board.version, board.entries]);
      if (fingerprint === w.last) return;
      w.last = fingerprint;
      await this.pubsub.publish(this.topic(definitionId), board);
    } catch (err) {
      this.log.warn({ err, definitionId }, 'rankings: live recompute failed');
    }
  }

  /**
   * Subscribes the caller to a leaderboard's current standings. Access is checked now (the
   * board must be visible to the caller); each push is the whole current board.
   */
  async subscribe(ctx: RequestContext, definitionId: string): Promise<AsyncIterableIterator<{ standingsChanged: LeaderboardModel }>> {
    await this.rankings.definition(ctx, definitionId); // NOT_FOUND unless the caller may see it
    const initial = this.watched.get(definitionId)?.subscribers ? null : await this.rankings.currentBoard(ctx.organizationId, definitionId).catch(() => null);
    let w = this.watched.get(definitionId);
    if (!w) {
      w = { organizationId: ctx.organizationId, subscribers: 0, timer: null, last: null };
      this.watched.set(definitionId, w);
    }
    if (w.subscribers === 0 && initial) w.last = JSON.stringify([initial.period.label, initial.version, initial.entries]);
    w.subscribers++;
    const source = this.pubsub.asyncIterator<LeaderboardModel>(this.topic(definitionId));
    const watched = w;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      watched.subscribers--;
      if (watched.subscribers === 0) {
        if (watched.timer) clearTimeout(watched.timer);
        this.watched.delete(definitionId);
      }
    };
    const iterator: AsyncIterableIterator<{ standingsChanged: LeaderboardModel }> = {
      next: async () => {
        const r = await source.next();
        if (r.done) {
          release();
          return { value: undefined, done: true };
        }
        return { value: { standingsChanged: r.value }, done: false };
      },
      return: async () => {
        release();
        await source.return?.();
        return { value: undefined, done: true };
      },
      throw: async (err?: unknown) => {
        release();
        await source.return?.();
        throw err;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /** Leaderboards watched on this replica (diagnostics and tests). */
  watchedCount(definitionId: string): number {
    return this.watched.get(definitionId)?.subscribers ?? 0;
  }
}
