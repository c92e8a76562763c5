import { Injectable } from '@nestjs/common';
import { RULES_VERSION, watchList as libWatchList, type Band } from '@lib/ranking';
import { nextPeriod, periodBounds, periodContaining, previousPeriod, type PeriodBounds } from '@lib/schedule';
import { AuditService } from '../audit/index.js';
import { badInput, conflict } from '../common/errors.js';
import { RequestContext } from '../common/request-context.js';
import { ReadDb } from '../database/read-db.js';
import { Db, TransactionRunner } from '../database/transaction.js';
import { AccessService } from '../organization/index.js';
import { Role } from '../organization/index.js';
import { streakAfterClose, type StandingRow } from './board-engine.js';
import { ClosingRepository, type DefinitionToClose, type SnapshotEntryValues } from './closing.repository.js';
import type { LeaderboardPeriodInput } from './dto/rankings.inputs.js';
import { RankingScope } from './entities/ranking.entities.js';
import { LeaderboardDefinitionsService } from './leaderboard-definitions.service.js';
import type { LoadedBoard } from './loaded-board.js';
import type { LeaderboardModel, WatchListModel } from './models/rankings.models.js';
import { StandingsService, type LiveStandings } from './standings.service.js';

/** A snapshot line from a live standing; streaks continue only from the immediately previous closed period. */
function entryOf(r: StandingRow, i: number, continuing: boolean): SnapshotEntryValues {
  return {
    entity_id: r.entity.id,
    ordinal: i + 1,
    entity_name: r.entity.name,
    rank: r.rank,
    value: r.value,
    adjusted_value: r.adjustedValue,
    numerator: r.numerator,
    denominator: r.denominator,
    band: r.band,
    percentile: r.percentile,
    unranked_reason: r.unrankedReason,
    previous_rank: r.previousRank,
    bottom_streak: streakAfterClose(r.band, continuing ? r.bottomStreak : 0),
    inputs: r.components ? { components: r.components } : null,
  };
}

/**
 * Closing ended periods into immutable snapshots (by hand and by the worker job), and the watch
 * list read from the newest snapshot.
 */
@Injectable()
export class PeriodClosingService {
  constructor(
    private readonly db: Db,
    private readonly readDb: ReadDb,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly definitions: LeaderboardDefinitionsService,
    private readonly standings: StandingsService,
    private readonly repo: ClosingRepository,
  ) {}

  /** ADMIN, MANAGER: closes an ended period into an immutable snapshot. Idempotent. */
  async closePeriod(ctx: RequestContext, definitionId: string, period: LeaderboardPeriodInput, now = new Date()): Promise<LeaderboardModel> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const snapId = await this.tx.run(async () => {
      const board = await this.definitions.loadDefinition(ctx, definitionId, { lock: true });
      await this.definitions.assertCanManage(ctx, board.populationType, board.populationId, null);
      this.definitions.assertPeriodKind(period.kind, 'period.kind');
      const bounds = this.standings.resolveBoardPeriod(board, period, now);
      if (bounds.end.getTime() > now.getTime()) throw badInput([{ field: 'period', message: `${bounds.label} has not ended yet` }]);
      return (await this.close(ctx, board, bounds)).snapshotId;
    });
    const board = await this.definitions.loadDefinition(ctx, definitionId);
    const bounds = periodBounds(board.periodKind, period.start, board.timeZone);
    const snaps = await this.standings.snapshotsAround(definitionId, bounds.startDate);
    if (!snaps.current || snaps.current.id !== snapId) throw conflict('The snapshot changed while it was read; retry.');
    return this.standings.snapshotBoard(board, bounds, snaps.current);
  }

  /**
   * Snapshots one ended period of a definition (the definition row must be locked by the
   * caller's transaction). Returns the existing snapshot when the period is already closed.
   */
  async close(ctx: RequestContext, board: LoadedBoard, period: PeriodBounds): Promise<{ snapshotId: string; created: boolean }> {
    const def = board.definition!;
    const snaps = await this.standings.snapshotsAround(def.id, period.startDate);
    if (snaps.current) return { snapshotId: snaps.current.id, created: false };
    const live = await this.standings.liveStandings(board, period, snaps.latestBefore);
    const continuing = snaps.latestBefore?.periodStart === previousPeriod(board.periodKind, period.startDate);
    const rows = live.lines.rows.map((r, i) => entryOf(r, i, continuing));
    const snapshotId = await this.insertSnapshot(ctx, board, period, live, rows.length);
    if (!snapshotId) {
      const again = await this.standings.snapshotsAround(def.id, period.startDate);
      return { snapshotId: again.current!.id, created: false };
    }
    if (rows.length) await this.repo.insertSnapshotEntries(snapshotId, def.id, period.startDate, rows);
    await this.audit.record(ctx, {
      entityType: 'LeaderboardDefinition',
      entityId: def.id,
      action: 'PERIOD_CLOSED',
      diff: { period: period.label, snapshotId, version: board.version!.version, rulesVersion: RULES_VERSION, entities: rows.length },
    });
    return { snapshotId, created: true };
  }

  private insertSnapshot(ctx: RequestContext, board: LoadedBoard, period: PeriodBounds, live: LiveStandings, entityCount: number): Promise<string | null> {
    const def = board.definition!;
    return this.repo.insertSnapshot({
      organizationId: def.organizationId,
      definitionId: def.id,
      versionId: board.version!.id,
      version: board.version!.version,
      rulesVersion: RULES_VERSION,
      periodKind: board.periodKind,
      label: period.label,
      periodStart: period.startDate,
      periodEnd: period.endDate,
      windowStart: live.windowStart,
      timeZone: board.timeZone,
      populationRate: live.populationRate,
      entityCount,
      closedById: ctx.userId,
    });
  }

  /**
   * Worker job: closes every ended period of active definitions, oldest first, from the period
   * the definition was created in (or after its newest snapshot), in each organization's time
   * zone. Runs under the job's advisory lock; the snapshot's unique key makes it idempotent.
   * `only` restricts it to one organization or one definition (one unit of the job).
   */
  async closeDuePeriods(now: Date, maxPerDefinition = 12, only: { organizationId?: string; definitionId?: string } = {}): Promise<number> {
    const defs = await this.repo.definitionsToClose(only);
    let closed = 0;
    for (const d of defs) {
      let p = this.firstOpenPeriod(d);
      let board: LoadedBoard | null = null;
      for (let i = 0; i < maxPerDefinition && p.end.getTime() <= now.getTime(); i++) {
        const ctx = RequestContext.system(d.organizationId);
        if (!board) board = await this.definitions.loadDefinition(ctx, d.id, { lock: true });
        if ((await this.close(ctx, board, p)).created) closed++;
        p = periodBounds(d.periodKind, p.endDate, d.timeZone);
      }
    }
    return closed;
  }

  /** Definitions whose first unclosed period has ended by `now` (the closing job's units). */
  async definitionsDue(now: Date): Promise<{ organizationId: string; definitionId: string }[]> {
    const defs = await this.repo.definitionsToClose({});
    return defs.filter((d) => this.firstOpenPeriod(d).end.getTime() <= now.getTime()).map((d) => ({ organizationId: d.organizationId, definitionId: d.id }));
  }

  private firstOpenPeriod(d: DefinitionToClose): PeriodBounds {
    return d.last ? nextPeriod(d.periodKind, d.last, d.timeZone) : periodContaining(d.periodKind, new Date(d.createdAt), d.timeZone);
  }

  /**
   * Entities in BOTTOM for at least K consecutive closed periods (newest snapshot). LEAD,
   * MANAGER, ADMIN; leads and legion commanders see the people (or squads) they manage.
   */
  async watchList(ctx: RequestContext, definitionId: string): Promise<WatchListModel> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    return this.readDb.run(async () => {
      const board = await this.definitions.loadDefinition(ctx, definitionId);
      const scope = await this.access.scope(ctx);
      const k = board.rules.watchStreak;
      const rows = await this.repo.watchCandidates(definitionId, ctx.organizationId, scope.all, scope.manageSquadIds, k);
      const candidates = rows.filter((r) => r.entityId !== null && r.managed);
      const ids = new Set(libWatchList(Object.fromEntries(candidates.map((r) => [r.entityId, Array<Band>(r.bottomStreak).fill('BOTTOM')])), k));
      return {
        definitionId,
        watchStreak: k,
        asOf: rows[0]?.label ?? null,
        entries: candidates
          .filter((r) => ids.has(r.entityId!))
          .map((r) => ({
            entity: { id: r.entityId!, name: r.entityName },
            bottomStreak: r.bottomStreak,
            lastRank: r.rank,
            lastValue: r.value,
            openCoachingPlanId: board.scope === RankingScope.MEMBER ? r.planId : null,
          })),
      };
    });
  }
}
