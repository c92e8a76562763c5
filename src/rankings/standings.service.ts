import { Injectable } from '@nestjs/common';
import { DEFAULT_BOTTOM_PCT, DEFAULT_TOP_PCT, RULES_VERSION } from '@lib/ranking';
import { periodBounds, periodContaining, previousPeriod, type PeriodBounds } from '@lib/schedule';
import { badInput, notFound } from '../common/errors.js';
import { RequestContext } from '../common/request-context.js';
import { ReadDb } from '../database/read-db.js';
import { Db } from '../database/transaction.js';
import {
  MetricDirection,
  MetricsService,
  PeriodKind,
  metricValue,
  rollupColumnsOf,
  type MetricDefinition,
  type MetricParts,
  type MetricRequest,
} from '../metrics/index.js';
import { AccessService, OrganizationLoaders } from '../organization/index.js';
import { BoardLines, isRateMetric, rankBoard, rankOnly, type BoardEntities, type BoardRules, type PartsColumn } from './board-engine.js';
import { leaderboardInputProblems, type LeaderboardInput, type LeaderboardPeriodInput, type PreviewLeaderboardInput } from './dto/rankings.inputs.js';
import { PopulationType, RankingPeriodKind, RankingScope } from './entities/ranking.entities.js';
import { LeaderboardDefinitionsService } from './leaderboard-definitions.service.js';
import { LeaderboardRepository } from './leaderboard.repository.js';
import { lineOf, ownEntityId } from './own-line.js';
import { definitionModel, entityTypeOf, rulesOf, versionModel, windowStart, type LoadedBoard } from './loaded-board.js';
import {
  LeaderboardStatus,
  StandingBand,
  type LeaderboardHistoryModel,
  type LeaderboardModel,
  type SnapshotInfoModel,
  type StandingModel,
} from './models/rankings.models.js';
import { boardRollupSource, StandingsRepository, type LiveBoardRow, type SnapshotRecord } from './standings.repository.js';

/** The current and previous period of a live board and the windows their values are summed over. */
interface BoardWindows {
  period: PeriodBounds;
  prev: PeriodBounds;
  /** The snapshot of the previous period when it is closed (movement is then read from it). */
  prevClosed: SnapshotRecord | null;
  curWindow: string;
  prevWindow: string;
}

/** Live standings of a period as liveStandings computes them. */
export interface LiveStandings {
  lines: BoardLines;
  populationRate: number | null;
  windowStart: string;
  latestBefore: SnapshotRecord | null;
}

/**
 * Board reads: the leaderboard of a period (live while open, from its snapshot once closed), ad-hoc
 * and preview boards, live pushes' current boards, snapshot lists and history. The maths is
 * @lib/ranking; ROLLUP metric parts come from the board's one rollup statement
 * (MetricsService.rollupPartsColumns), a CUSTOM metric's from its own (MetricsService.computeCustom).
 */
@Injectable()
export class StandingsService {
  /** Most closed periods a history returns (sparklines show 8). */
  static readonly MAX_HISTORY_PERIODS = 26;

  constructor(
    private readonly db: Db,
    private readonly readDb: ReadDb,
    private readonly access: AccessService,
    private readonly metrics: MetricsService,
    private readonly definitions: LeaderboardDefinitionsService,
    private readonly leaderboards: LeaderboardRepository,
    private readonly repo: StandingsRepository,
    private readonly orgLoaders: OrganizationLoaders,
  ) {}

  /**
   * The caller's own line of a board already computed (`Leaderboard.mine`): picked from its
   * `entries` (no second ranking, no copy), so it shows nothing `entries` would not. MEMBER boards:
   * the caller's line; SQUAD boards: the line of the squad the caller is in now (one batched
   * membership read, only for squad boards). Null when the caller has no line.
   */
  async mine(ctx: RequestContext, board: LeaderboardModel): Promise<StandingModel | null> {
    if (board.entries.length === 0) return null;
    const entityId = await ownEntityId(board.scope, ctx.userId, async () => (await this.orgLoaders.currentMembership(ctx, ctx.userId!))?.squadId ?? null);
    return lineOf(board.entries, entityId);
  }

  /**
   * The live board of the current period for an unsaved definition: the same validation and access
   * rules as createLeaderboard (ADMIN; MANAGER of the population's legion), the same computation as
   * a saved board (liveStandings), no writes. Movement is against the previous period computed live.
   */
  async previewDefinition(ctx: RequestContext, input: PreviewLeaderboardInput, now = new Date()): Promise<LeaderboardModel> {
    return this.readDb.run(async () => {
      const periodKind = this.definitions.assertPeriodKind(input.periodKind, 'input.periodKind');
      await this.definitions.assertCanManage(ctx, input.populationType, input.populationId ?? null, input.teamKind);
      const rules = this.definitions.mergeRules(null, input);
      this.definitions.validateRules(rules, input.scope, input.teamKind);
      const found = await this.leaderboards.previewContext(ctx.organizationId, input.populationId ?? null);
      ctx.timeZone ??= found.timeZone;
      const board: LoadedBoard = {
        organizationId: ctx.organizationId,
        definition: null,
        version: null,
        populationName: found.populationName,
        rules,
        name: input.name?.trim() || 'Preview',
        scope: input.scope,
        teamKind: input.teamKind,
        populationType: input.populationType,
        populationId: input.populationId ?? null,
        periodKind,
        timeZone: found.timeZone,
      };
      return this.boardFor(board, periodContaining(periodKind, now, board.timeZone));
    });
  }

  /**
   * The leaderboard of a period: live while open, from the snapshot once closed. A heavy read: on
   * the read replica when DATABASE_READ_URL is set (ReadDb; may lag the primary by its replay delay).
   */
  async leaderboard(ctx: RequestContext, input: LeaderboardInput, now = new Date()): Promise<LeaderboardModel> {
    const problems = leaderboardInputProblems(input);
    if (problems.length) throw badInput(problems);
    return this.readDb.run(async () => {
      let board: LoadedBoard;
      if (input.definitionId) {
        board = await this.definitions.loadDefinition(ctx, input.definitionId);
      } else {
        const kind = this.definitions.assertPeriodKind(input.period?.kind ?? PeriodKind.ISO_WEEK, 'input.period.kind');
        board = await this.adHocBoard(ctx, input, kind);
      }
      if (input.period) this.definitions.assertPeriodKind(input.period.kind, 'input.period.kind');
      const period = this.resolveBoardPeriod(board, input.period, now);
      return this.boardFor(board, period);
    });
  }

  /**
   * Current standings of a definition for a system caller (live pushes). On the primary, never the
   * replica: it runs right after a commit, which a lagging replica may not have replayed yet.
   */
  async currentBoard(organizationId: string, definitionId: string, now = new Date()): Promise<LeaderboardModel> {
    const ctx = RequestContext.system(organizationId);
    const board = await this.definitions.loadDefinition(ctx, definitionId);
    return this.boardFor(board, periodContaining(board.periodKind, now, board.timeZone));
  }

  /** An ad-hoc board (no saved definition): default rules; uses a matching saved definition when there is one. */
  private async adHocBoard(ctx: RequestContext, input: LeaderboardInput, periodKind: RankingPeriodKind): Promise<LoadedBoard> {
    const missing = (['scope', 'teamKind', 'metricKey'] as const).filter((k) => !input[k]);
    if (missing.length) throw badInput(missing.map((k) => ({ field: `input.${k}`, message: 'required without definitionId' })));
    const scope = await this.access.scope(ctx);
    const r = await this.leaderboards.adHocLookup(ctx.organizationId, input.populationId ?? null, scope, {
      scope: input.scope!,
      teamKind: input.teamKind!,
      periodKind,
      metricKey: input.metricKey!,
    });
    if (input.populationId && !r.populationType) throw notFound('Legion or squad', input.populationId);
    if (!r.visible) throw notFound('Legion or squad', input.populationId!);
    if (r.kind && r.kind !== input.teamKind) throw badInput([{ field: 'input.populationId', message: `that population is ${r.kind}, not ${input.teamKind}` }]);
    ctx.timeZone ??= r.timeZone;
    if (r.definitionId) return this.definitions.loadDefinition(ctx, r.definitionId);
    const rules: BoardRules = {
      metricKey: input.metricKey!,
      components: null,
      windowPeriods: 1,
      minDenominator: null,
      shrinkageK: null,
      topPct: DEFAULT_TOP_PCT,
      bottomPct: DEFAULT_BOTTOM_PCT,
      watchStreak: 2,
    };
    this.definitions.validateRules(rules, input.scope!, input.teamKind!);
    return {
      organizationId: ctx.organizationId,
      definition: null,
      version: null,
      populationName: r.populationName,
      rules,
      name: `${input.metricKey} (${input.scope === RankingScope.SQUAD ? 'squads' : 'members'})`,
      scope: input.scope!,
      teamKind: input.teamKind!,
      populationType: (r.populationType as PopulationType | null) ?? PopulationType.ORG,
      populationId: input.populationId ?? null,
      periodKind,
      timeZone: r.timeZone,
    };
  }

  /** The period a board is asked for (default: the current one), checked against its kind and now. */
  resolveBoardPeriod(board: LoadedBoard, period: LeaderboardPeriodInput | null | undefined, now: Date): PeriodBounds {
    if (period && period.kind !== (board.periodKind as string))
      throw badInput([{ field: 'input.period.kind', message: `this leaderboard is ranked per ${board.periodKind}` }]);
    let p: PeriodBounds;
    try {
      p = period ? periodBounds(board.periodKind, period.start, board.timeZone) : periodContaining(board.periodKind, now, board.timeZone);
    } catch {
      throw badInput([{ field: 'input.period.start', message: 'must be a valid date YYYY-MM-DD' }]);
    }
    if (p.start.getTime() > now.getTime()) throw badInput([{ field: 'input.period.start', message: `${p.label} has not started yet` }]);
    return p;
  }

  /** The snapshot of the period starting at `periodStart` (when closed) and the newest one before it. */
  async snapshotsAround(definitionId: string, periodStart: string): Promise<{ current: SnapshotRecord | null; latestBefore: SnapshotRecord | null }> {
    const rows = await this.repo.snapshotsAround(definitionId, periodStart);
    return { current: rows.find((r) => r.periodStart === periodStart) ?? null, latestBefore: rows.find((r) => r.periodStart !== periodStart) ?? null };
  }

  private async boardFor(board: LoadedBoard, period: PeriodBounds): Promise<LeaderboardModel> {
    if (board.definition) {
      const snaps = await this.snapshotsAround(board.definition.id, period.startDate);
      if (snaps.current) return this.snapshotBoard(board, period, snaps.current);
      const live = await this.liveStandings(board, period, snaps.latestBefore);
      return this.model(board, period, live.lines, { populationRate: live.populationRate, windowStart: live.windowStart });
    }
    const live = await this.liveStandings(board, period, null);
    return this.model(board, period, live.lines, { populationRate: live.populationRate, windowStart: live.windowStart });
  }

  /**
   * Live standings of `period` with movement against the previous period (its snapshot when
   * closed, else computed live in the same statement) and bottom streaks from the newest closed
   * snapshot before it. Constant statement count: 1 for the population and rollups, 1 per custom
   * metric per period, 1 for the previous snapshot's entries.
   */
  async liveStandings(board: LoadedBoard, period: PeriodBounds, latestBefore: SnapshotRecord | null): Promise<LiveStandings> {
    const defs = this.definitions.metricDefs(board.rules, board.scope);
    const w = this.windowsOf(board, period, latestBefore);
    const columns = rollupColumnsOf(defs);
    const rows = await this.repo.liveBoard(board.scope, columns, boardRollupSource([w.curWindow, period.endDate], [w.prevWindow, w.prev.endDate]), {
      organizationId: board.organizationId,
      teamKind: board.teamKind,
      populationType: board.populationType,
      populationId: board.populationId,
      periodStart: period.start,
      periodEnd: period.end,
      windowFrom: w.curWindow,
      windowTo: period.endDate,
      prevStart: w.prev.start,
      prevEnd: w.prev.end,
      prevWindowFrom: w.prevWindow,
      prevWindowTo: w.prev.endDate,
      includePrevious: !w.prevClosed,
      entityType: entityTypeOf(board.scope),
    });
    // Both periods' entities are rows of the same statement, in its order: the previous ranks reach
    // the current entities by walking the rows once, not through a map of ids.
    let previousRanks: (number | null)[] | null = null;
    if (!w.prevClosed) {
      const prevRows = rows.filter((r) => r.in_prev);
      const ranks = rankOnly(board.rules, defs, await this.boardEntities(board, defs, prevRows, 'p_', w.prevWindow, w.prev));
      previousRanks = [];
      let p = 0;
      for (const r of rows) {
        const rank = r.in_prev ? ranks[p++] : null;
        if (r.in_cur) previousRanks.push(rank);
      }
    }
    const curRows = rows.filter((r) => r.in_cur);
    const current = rankBoard(board.rules, defs, await this.boardEntities(board, defs, curRows, 'c_', w.curWindow, period), previousRanks);
    const history = await this.closedHistory(latestBefore, !!w.prevClosed);
    current.lines.applyHistory(history.previousRanks, history.streaks);
    return { lines: current.lines, populationRate: current.populationRate, windowStart: w.curWindow, latestBefore };
  }

  /** The previous period, whether it is closed, and both rolling windows' first dates. */
  private windowsOf(board: LoadedBoard, period: PeriodBounds, latestBefore: SnapshotRecord | null): BoardWindows {
    const prev = previousPeriod(board.periodKind, period.startDate, board.timeZone);
    return {
      period,
      prev,
      prevClosed: latestBefore?.periodStart === prev.startDate ? latestBefore : null,
      curWindow: windowStart(board.periodKind, period.startDate, board.rules.windowPeriods),
      prevWindow: windowStart(board.periodKind, prev.startDate, board.rules.windowPeriods),
    };
  }

  /**
   * A period's entities and their metric parts over a window, as columns aligned with the rows:
   * ROLLUP metrics from the row's own sums, CUSTOM ones from MetricsService (zero when absent).
   */
  private async boardEntities(
    board: LoadedBoard,
    defs: MetricDefinition[],
    inPeriod: LiveBoardRow[],
    prefix: 'c_' | 'p_',
    startDate: string,
    bounds: PeriodBounds,
  ): Promise<BoardEntities> {
    const n = inPeriod.length;
    const ids = new Array<string>(n);
    const names = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      ids[i] = inPeriod[i].id;
      names[i] = inPeriod[i].name;
    }
    const rollupDefs = defs.filter((d) => d.source.kind === 'ROLLUP');
    const parts = new Map<string, PartsColumn>(rollupDefs.length ? this.metrics.rollupPartsColumns(rollupDefs, inPeriod, prefix) : []);
    const customDefs = defs.filter((d) => d.source.kind === 'CUSTOM');
    if (customDefs.length) {
      const req: MetricRequest = {
        organizationId: board.organizationId,
        entityType: entityTypeOf(board.scope),
        entityIds: ids,
        startDate,
        endDate: bounds.endDate,
        // A window of one period starts with the period itself (no second time-zone computation).
        start: startDate === bounds.startDate ? bounds.start : periodBounds(board.periodKind, startDate, board.timeZone).start,
        end: bounds.end,
        timeZone: board.timeZone,
      };
      const computed = await this.metrics.computeCustom(customDefs, req);
      for (const def of customDefs) {
        const byId = computed.get(def.key)!;
        const zero: MetricParts = { numerator: 0, denominator: isRateMetric(def) ? 0 : null };
        const numerators = new Array<number>(n);
        const denominators = new Array<number | null>(n);
        // The value from the whole parts object: a CUSTOM metric's `value` may read more than its numerator and denominator.
        const values = new Array<number | null>(n);
        for (let i = 0; i < n; i++) {
          const p = byId.get(ids[i]) ?? zero;
          numerators[i] = p.numerator;
          denominators[i] = p.denominator;
          values[i] = metricValue(def, p);
        }
        parts.set(def.key, { numerators, denominators, values });
      }
    }
    return { ids, names, parts };
  }

  /** Ranks of the previous period when it is closed, and bottom streaks, from the newest snapshot before the period. */
  private async closedHistory(
    latestBefore: SnapshotRecord | null,
    prevClosed: boolean,
  ): Promise<{ previousRanks: Map<string, number | null> | null; streaks: Map<string, number> | null }> {
    if (!latestBefore) return { previousRanks: null, streaks: null };
    const entries = await this.repo.snapshotRanks(latestBefore.id);
    return {
      previousRanks: prevClosed ? new Map(entries.map((e) => [e.entityId, e.rank])) : null,
      streaks: new Map(entries.map((e) => [e.entityId, e.bottomStreak])),
    };
  }

  /** The board of a closed period, from its snapshot and the version of the rules it was closed with. */
  async snapshotBoard(board: LoadedBoard, period: PeriodBounds, snap: SnapshotRecord): Promise<LeaderboardModel> {
    const { version, rows } = await this.repo.snapshotStandings(snap.id, snap.versionId);
    const snapBoard: LoadedBoard = { ...board, version, rules: rulesOf(version) };
    return this.model(snapBoard, period, BoardLines.ofRows(rows), {
      populationRate: snap.populationRate,
      windowStart: snap.windowStart,
      snapshot: { id: snap.id, closedAt: snap.closedAt, rulesVersion: snap.rulesVersion },
    });
  }

  private model(
    board: LoadedBoard,
    period: PeriodBounds,
    lines: BoardLines,
    extra: { populationRate: number | null; windowStart: string; snapshot?: { id: string; closedAt: Date; rulesVersion: string } },
  ): LeaderboardModel {
    const defs = this.definitions.metricDefs(board.rules, board.scope);
    const model: LeaderboardModel = {
      definitionId: board.definition?.id ?? null,
      definition: definitionModel(board),
      name: board.name,
      version: board.version?.version ?? null,
      rulesVersion: extra.snapshot?.rulesVersion ?? RULES_VERSION,
      rules: versionModel(board.version, board.rules),
      scope: board.scope,
      teamKind: board.teamKind,
      populationType: board.populationType,
      populationId: board.populationId,
      direction: board.rules.components ? MetricDirection.HIGHER_IS_BETTER : defs[0].direction,
      period: {
        kind: period.kind as unknown as PeriodKind,
        label: period.label,
        startDate: period.startDate,
        endDate: period.endDate,
        start: period.start,
        end: period.end,
        timeZone: period.timeZone,
      },
      windowStart: extra.windowStart,
      status: extra.snapshot ? LeaderboardStatus.CLOSED : LeaderboardStatus.LIVE,
      snapshotId: extra.snapshot?.id ?? null,
      closedAt: extra.snapshot?.closedAt ?? null,
      populationRate: extra.populationRate,
      bands: lines.bandCounts(),
      // A standing row has the line's shape (its band is a StandingBand's value): the lines are the
      // rows, built only when asked for (a board read as columns never builds them).
      get entries() {
        return lines.rows as StandingModel[];
      },
    };
    // The lines as built, for the `columns` field; not enumerable, so not part of the board's JSON (its revision).
    Object.defineProperty(model, 'lines', { value: lines });
    return model;
  }

  /** The closed periods of a board, newest first. */
  async snapshots(ctx: RequestContext, definitionId: string, first = 20): Promise<SnapshotInfoModel[]> {
    await this.definitions.loadDefinition(ctx, definitionId);
    const rows = await this.repo.snapshotList(definitionId, ctx.organizationId, Math.min(Math.max(first, 1), 200));
    return rows.map((r) => ({
      id: r.id,
      definitionId,
      label: r.label,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      version: r.version,
      rulesVersion: r.rulesVersion,
      entityCount: r.entityCount,
      closedAt: r.closedAt,
      closedById: r.closedById,
    }));
  }

  /**
   * Every entity's outcome in the last `periods` closed periods of a board, oldest period first,
   * for sparklines. Readable by whoever may read the board (its closed snapshots are); one
   * statement after the access check, whatever the number of entities.
   */
  async history(ctx: RequestContext, definitionId: string, periods = 8): Promise<LeaderboardHistoryModel> {
    if (!Number.isInteger(periods) || periods < 1 || periods > StandingsService.MAX_HISTORY_PERIODS) {
      throw badInput([{ field: 'periods', message: `between 1 and ${StandingsService.MAX_HISTORY_PERIODS}` }]);
    }
    await this.definitions.loadDefinition(ctx, definitionId);
    const rows = await this.repo.history(definitionId, ctx.organizationId, periods);
    const periodIndex = new Map<string, number>();
    const out: LeaderboardHistoryModel = { definitionId, periods: [], entities: [] };
    for (const r of rows) {
      if (!periodIndex.has(r.snapshotId)) {
        periodIndex.set(r.snapshotId, out.periods.length);
        out.periods.push({ label: r.label, periodStart: r.periodStart, periodEnd: r.periodEnd });
      }
    }
    const n = out.periods.length;
    const byEntity = new Map<string, LeaderboardHistoryModel['entities'][number]>();
    for (const r of rows) {
      if (!r.entityId) continue;
      let h = byEntity.get(r.entityId);
      if (!h) {
        h = { entity: { id: r.entityId, name: r.entityName ?? '' }, values: Array(n).fill(null), ranks: Array(n).fill(null), bands: Array(n).fill(null) };
        byEntity.set(r.entityId, h);
        out.entities.push(h);
      }
      const i = periodIndex.get(r.snapshotId)!;
      // The newest period's name wins (people are renamed).
      h.entity.name = r.entityName ?? h.entity.name;
      h.values[i] = r.value === null ? null : Number(r.value);
      h.ranks[i] = r.rank === null ? null : Number(r.rank);
      h.bands[i] = r.band as StandingBand;
    }
    return out;
  }
}
