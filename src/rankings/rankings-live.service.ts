import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOCAL_TOPIC_PREFIX, PUB_SUB, type PubSub } from '../common/pubsub.js';
import type { RequestContext } from '../common/request-context.js';
import { LOGGER } from '../common/tokens.js';
import { afterCommit } from '../database/transaction.js';
import { LeadEvents } from '../leads/index.js';
import { RollupService } from '../metrics/index.js';
import type { LeaderboardModel, StandingsChangeModel } from './models/rankings.models.js';
import { boardChange, boardRevision, wholeBoardMessage } from './board-revision.js';
import { LeaderboardDefinitionsService } from './leaderboard-definitions.service.js';
import { StandingsService } from './standings.service.js';

/** Topic every replica listens to: "standings of this organization may have changed". */
export const RANKINGS_DIRTY_TOPIC = 'rankings.dirty';

interface DirtyEvent {
  organizationId: string;
}

interface ComputedBoard {
  board: LeaderboardModel;
  /** boardRevision(board): a content hash, the same on every replica. */
  revision: string;
}

/** One publication on the replica-local topic: the new board, and the change from any recent board to it. */
interface Push extends ComputedBoard {
  /** The change from the board of revision `base` to this one; null when `base` is no longer known. Computed once per base. */
  changeFrom(base: string): StandingsChangeModel | null;
}

interface Watched {
  organizationId: string;
  subscribers: number;
  timer: NodeJS.Timeout | null;
  /** Revision of the last published standings: unchanged standings are not published again. */
  last: string | null;
  /** The last boards computed (first boards and pushes), by revision, newest last: the bases changes are computed from. */
  recent: Map<string, LeaderboardModel>;
  /** Dirty events heard for the organization since the board was first watched. */
  seq: number;
  /** The computation in flight and the `seq` it started at: shared only while no dirty event came after it started. */
  inflight: { seq: number; promise: Promise<ComputedBoard> } | null;
  /** The last board computed, its `seq` and when: reused by later subscribers while no dirty event came since (and for LATEST_MAX_AGE_MS). */
  latest: { seq: number; at: number; value: ComputedBoard } | null;
}

/** How long a computed board serves new subscribers when nothing changed (bounds staleness at a period's rollover). */
const LATEST_MAX_AGE_MS = 5000;

/** How many recent boards a watched leaderboard keeps as bases for changes. */
const RECENT_BOARDS = 3;

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
    private readonly definitions: LeaderboardDefinitionsService,
    private readonly standings: StandingsService,
    private readonly rollups: RollupService,
    private readonly leadEvents: LeadEvents,
  ) {}

  onModuleInit(): void {
    this.rollups.onChange((c) => this.markDirty(c.organizationId));
    this.leadEvents.onAssigned(async (_ctx, events) => afterCommit(() => this.markDirty(events[0].organizationId)));
    this.leadEvents.onStageChanged(async (_ctx, e) => afterCommit(() => this.markDirty(e.organizationId)));
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
      for (const [definitionId, w] of this.watched)
        if (w.organizationId === e.organizationId) {
          w.seq++;
          this.schedule(definitionId, w);
        }
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

  /**
   * The current board of a watched definition. Callers share one computation (in flight, or the
   * last one for a few seconds), as long as no dirty event arrived after it started (it may then
   * have read the state before that commit; a later caller starts a new one).
   */
  private compute(definitionId: string, w: Watched): Promise<ComputedBoard> {
    if (w.latest && w.latest.seq === w.seq && Date.now() - w.latest.at < LATEST_MAX_AGE_MS) return Promise.resolve(w.latest.value);
    if (w.inflight && w.inflight.seq === w.seq) return w.inflight.promise;
    const seq = w.seq;
    const at = Date.now();
    const entry = {
      seq,
      promise: this.standings.currentBoard(w.organizationId, definitionId).then((board) => {
        const value = { board, revision: boardRevision(board) };
        if (!w.latest || w.latest.at <= at) w.latest = { seq, at, value };
        this.remember(w, value);
        return value;
      }),
    };
    w.inflight = entry;
    const clear = () => {
      if (w.inflight === entry) w.inflight = null;
    };
    entry.promise.then(clear, clear);
    return entry.promise;
  }

  /** Keeps a computed board as a base for later changes (the newest RECENT_BOARDS). */
  private remember(w: Watched, value: ComputedBoard): void {
    w.recent.delete(value.revision);
    w.recent.set(value.revision, value.board);
    while (w.recent.size > RECENT_BOARDS) w.recent.delete(w.recent.keys().next().value!);
  }

  /** A publication: the board, and its change from each base a subscriber asks for (computed once per base, from the boards known now). */
  private pushOf(w: Watched, computed: ComputedBoard): Push {
    const bases = new Map(w.recent);
    const changes = new Map<string, StandingsChangeModel | null>();
    return {
      ...computed,
      changeFrom(base) {
        if (!changes.has(base)) {
          const prev = bases.get(base);
          changes.set(base, prev ? boardChange(prev, computed.board) : null);
        }
        return changes.get(base)!;
      },
    };
  }

  private async push(definitionId: string, w: Watched): Promise<void> {
    if (w.subscribers === 0) return;
    try {
      const computed = await this.compute(definitionId, w);
      if (computed.revision === w.last) return;
      w.last = computed.revision;
      await this.pubsub.publish<Push>(this.topic(definitionId), this.pushOf(w, computed));
    } catch (err) {
      this.log.warn({ err, definitionId }, 'rankings: live recompute failed');
    }
  }

  /**
   * Subscribes the caller to a leaderboard's current standings. Access is checked now (the
   * board must be visible to the caller). The first message is the whole current board with its
   * revision; then each push is the change from the board this subscriber last received (header,
   * changed lines, removed ids), or the whole board when that board is no longer known here. The subscription is registered (and
   * listening) before the first board is computed, so a commit during registration is either
   * in that board or followed by a push; concurrent subscribers share one computation.
   */
  async subscribe(ctx: RequestContext, definitionId: string): Promise<AsyncIterableIterator<{ standingsChanged: StandingsChangeModel }>> {
    await this.definitions.definition(ctx, definitionId); // NOT_FOUND unless the caller may see it
    let w = this.watched.get(definitionId);
    if (!w) {
      w = { organizationId: ctx.organizationId, subscribers: 0, timer: null, last: null, recent: new Map(), seq: 0, inflight: null, latest: null };
      this.watched.set(definitionId, w);
    }
    w.subscribers++;
    const watched = w;
    const source = this.pubsub.asyncIterator<Push>(this.topic(definitionId));
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      watched.subscribers--;
      if (watched.subscribers === 0) {
        if (watched.timer) clearTimeout(watched.timer);
        if (this.watched.get(definitionId) === watched) this.watched.delete(definitionId);
      }
    };
    let first: Promise<ComputedBoard> | null = this.compute(definitionId, watched);
    first.catch(() => undefined);
    // The revision this subscriber last received: a push equal to it is not sent again; a push
    // is sent as a change from it when that board is known, else whole.
    let lastSent: string | null = null;
    const iterator: AsyncIterableIterator<{ standingsChanged: StandingsChangeModel }> = {
      next: async () => {
        if (first) {
          const p = first;
          first = null;
          try {
            const { board, revision } = await p;
            lastSent = revision;
            return { value: { standingsChanged: wholeBoardMessage(board) }, done: false };
          } catch (err) {
            this.log.warn({ err, definitionId }, 'rankings: first board failed');
          }
        }
        for (;;) {
          const r = await source.next();
          if (r.done) {
            release();
            return { value: undefined, done: true };
          }
          const push = r.value;
          if (push.revision === lastSent) continue;
          const change = lastSent === null ? null : push.changeFrom(lastSent);
          lastSent = push.revision;
          return { value: { standingsChanged: change ?? wholeBoardMessage(push.board) }, done: false };
        }
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
