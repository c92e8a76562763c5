import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_BOTTOM_PCT, DEFAULT_TOP_PCT, RULES_VERSION, validatePercentages, watchList as libWatchList, type Band } from '@lib/ranking';
import { nextPeriod, periodBounds, periodContaining, previousPeriod, type PeriodBounds } from '@lib/schedule';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService, diffOf } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import { RequestContext } from '../common/request-context.js';
import { ReadDb } from '../database/read-db.js';
import { TransactionRunner } from '../database/transaction.js';
import { MetricCatalog, MetricDirection, MetricEntityType, type MetricDefinition, type MetricParts, type MetricRequest } from '../metrics/index.js';
import { MetricsService, PeriodKind } from '../metrics/index.js';
import { AccessService, type AccessScope } from '../organization/index.js';
import { Role, TeamKind } from '../organization/index.js';
import {
  applyHistory,
  isRateMetric,
  boardRollupSource,
  liveBoardSql,
  rollupColumns,
  rankBoard,
  rollupRow,
  streakAfterClose,
  type BoardRules,
  type EntityParts,
  type StandingRow,
} from './board-engine.js';
import type {
  CreateLeaderboardInput,
  LeaderboardInput,
  LeaderboardPeriodInput,
  LeaderboardRulesInput,
  PreviewLeaderboardInput,
  UpdateLeaderboardInput,
} from './dto/rankings.inputs.js';
import {
  LeaderboardDefinition,
  LeaderboardVersion,
  PopulationType,
  RankingPeriodKind,
  RankingScope,
  type CompositeComponent,
} from './entities/ranking.entities.js';
import {
  LeaderboardStatus,
  StandingBand,
  type LeaderboardDefinitionModel,
  type LeaderboardHistoryModel,
  type LeaderboardModel,
  type LeaderboardVersionModel,
  type SnapshotInfoModel,
  type StandingModel,
  type WatchListModel,
} from './models/rankings.models.js';

/** A definition with its rules (one version) as loaded in one statement. */
export interface LoadedBoard {
  organizationId: string;
  definition: LeaderboardDefinition | null;
  populationName: string | null;
  version: LeaderboardVersion | null;
  rules: BoardRules;
  name: string;
  scope: RankingScope;
  teamKind: TeamKind;
  populationType: PopulationType;
  populationId: string | null;
  periodKind: RankingPeriodKind;
  timeZone: string;
}

interface SnapshotRow {
  id: string;
  period_start: string;
  period_end: string;
  label: string;
  version: number;
  version_id: string;
  rules_version: string;
  window_start: string;
  population_rate: number | null;
  closed_at: Date;
  closed_by_id: string | null;
  entity_count: number;
}

const PERIOD_KINDS = new Set<string>(Object.values(RankingPeriodKind));

const DEF_COLUMNS = `d.id, d.organization_id, d.name, d.scope, d.team_kind, d.population_type, d.population_id, d.period_kind, d.current_version,
  d.archived_at, d.created_by_id, d.created_at, d.updated_at,
  v.id AS v_id, v.version AS v_version, v.metric_key AS v_metric_key, v.components AS v_components, v.window_periods AS v_window_periods,
  v.min_denominator AS v_min_denominator, v.shrinkage_k AS v_shrinkage_k, v.top_pct AS v_top_pct, v.bottom_pct AS v_bottom_pct,
  v.watch_streak AS v_watch_streak, v.created_by_id AS v_created_by_id, v.created_at AS v_created_at,
  o.time_zone, coalesce(pl.name, ps.name) AS population_name`;

/** SQL: may the caller (read squads $R, commanded legions $L, or everyone when $A) see definition d? */
const visibleSql = (a: string, r: string, l: string) =>
  `(${a}::boolean OR d.population_type = 'ORG'
    OR d.population_id = ANY(${l}::uuid[])
    OR EXISTS (SELECT 1 FROM squad vs WHERE vs.id = ANY(${r}::uuid[]) AND (vs.id = d.population_id OR vs.legion_id = d.population_id)))`;

const DEF_FROM = `FROM leaderboard_definition d
  JOIN organization o ON o.id = d.organization_id
  LEFT JOIN legion pl ON pl.id = d.population_id AND d.population_type = 'LEGION'
  LEFT JOIN squad ps ON ps.id = d.population_id AND d.population_type = 'SQUAD'`;

function toDefinition(r: Record<string, unknown>): {
  definition: LeaderboardDefinition;
  version: LeaderboardVersion;
  timeZone: string;
  populationName: string | null;
} {
  const definition = Object.assign(new LeaderboardDefinition(), {
    id: r.id,
    organizationId: r.organization_id,
    name: r.name,
    scope: r.scope,
    teamKind: r.team_kind,
    populationType: r.population_type,
    populationId: r.population_id,
    periodKind: r.period_kind,
    currentVersion: Number(r.current_version),
    archivedAt: r.archived_at,
    createdById: r.created_by_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
  const version = Object.assign(new LeaderboardVersion(), {
    id: r.v_id,
    organizationId: r.organization_id,
    definitionId: r.id,
    version: Number(r.v_version),
    metricKey: r.v_metric_key,
    components: r.v_components,
    windowPeriods: Number(r.v_window_periods),
    minDenominator: r.v_min_denominator === null ? null : Number(r.v_min_denominator),
    shrinkageK: r.v_shrinkage_k === null ? null : Number(r.v_shrinkage_k),
    topPct: Number(r.v_top_pct),
    bottomPct: Number(r.v_bottom_pct),
    watchStreak: Number(r.v_watch_streak),
    createdById: r.v_created_by_id,
    createdAt: r.v_created_at,
  });
  return { definition, version, timeZone: String(r.time_zone), populationName: (r.population_name as string | null) ?? null };
}

export function rulesOf(v: LeaderboardVersion): BoardRules {
  return {
    metricKey: v.metricKey,
    components: v.components,
    windowPeriods: v.windowPeriods,
    minDenominator: v.minDenominator,
    shrinkageK: v.shrinkageK,
    topPct: v.topPct,
    bottomPct: v.bottomPct,
    watchStreak: v.watchStreak,
  };
}

export function versionModel(v: LeaderboardVersion | null, rules: BoardRules): LeaderboardVersionModel {
  return {
    version: v?.version ?? 0,
    metricKey: rules.metricKey,
    components: rules.components,
    windowPeriods: rules.windowPeriods,
    minDenominator: rules.minDenominator,
    shrinkageK: rules.shrinkageK,
    topPct: rules.topPct,
    bottomPct: rules.bottomPct,
    watchStreak: rules.watchStreak,
    createdById: v?.createdById ?? null,
    createdAt: v?.createdAt ?? new Date(0),
  };
}

function definitionModel(b: LoadedBoard): LeaderboardDefinitionModel | null {
  if (!b.definition || !b.version) return null;
  const d = b.definition;
  return {
    id: d.id,
    name: d.name,
    scope: d.scope,
    teamKind: d.teamKind,
    populationType: d.populationType,
    populationId: d.populationId,
    populationName: b.populationName,
    periodKind: d.periodKind as unknown as PeriodKind,
    current: versionModel(b.version, b.rules),
    archivedAt: d.archivedAt,
    createdAt: d.createdAt,
  };
}

/** Start date of the first period of a rolling window of `n` periods ending with the one starting at `startDate`. */
function windowStart(kind: RankingPeriodKind, startDate: string, n: number): string {
  let d = startDate;
  for (let i = 1; i < n; i++) d = previousPeriod(kind, d);
  return d;
}

/**
 * Leaderboard definitions and versions, live and closed standings, closing periods into
 * immutable snapshots, and the watch list. The maths is @lib/ranking; metric parts come from
 * MetricsService.compute over one rollup statement per board (see board-engine.ts).
 */
@Injectable()
export class RankingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readDb: ReadDb,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
    private readonly catalog: MetricCatalog,
  ) {}

  // ------------------------------------------------------------------ definitions

  private entityType(scope: RankingScope): MetricEntityType {
    return scope === RankingScope.SQUAD ? MetricEntityType.SQUAD : MetricEntityType.MEMBER;
  }

  /** Metric definitions of the rules, validated for the scope (single metric or composite components, in order). */
  metricDefs(rules: Pick<BoardRules, 'metricKey' | 'components'>, scope: RankingScope): MetricDefinition[] {
    const keys = rules.components ? rules.components.map((c) => c.metricKey) : [rules.metricKey!];
    const defs = this.metrics.definitions(keys, this.entityType(scope));
    return keys.map((k) => defs.find((d) => d.key === k)!);
  }

  private validateRules(rules: BoardRules, scope: RankingScope, teamKind: TeamKind): void {
    if ((rules.metricKey === null) === (rules.components === null))
      throw badInput([{ field: 'input.metricKey', message: 'give either metricKey or components (a weighted composite), not both' }]);
    if (rules.components) {
      const keys = rules.components.map((c) => c.metricKey);
      if (new Set(keys).size !== keys.length) throw badInput([{ field: 'input.components', message: 'each metric may appear once' }]);
      if (!(rules.components.reduce((s, c) => s + c.weight, 0) > 0))
        throw badInput([{ field: 'input.components', message: 'weights must sum to more than 0' }]);
    }
    const defs = this.metricDefs(rules, scope);
    const wrongKind = defs.filter((d) => d.teamKind !== teamKind);
    if (wrongKind.length) throw badInput([{ field: 'input.metricKey', message: `${wrongKind.map((d) => d.key).join(', ')} is not a ${teamKind} metric` }]);
    const hasRate = defs.some(isRateMetric);
    if (rules.minDenominator !== null && !hasRate)
      throw badInput([{ field: 'input.minDenominator', message: 'a minimum sample needs a rate metric (one with a denominator)' }]);
    if (rules.shrinkageK !== null && rules.shrinkageK > 0 && !hasRate)
      throw badInput([{ field: 'input.shrinkageK', message: 'shrinkage applies to rate metrics only' }]);
    try {
      validatePercentages(rules.topPct, rules.bottomPct);
    } catch (e) {
      throw badInput([{ field: 'input.topPct', message: (e as Error).message }]);
    }
  }

  private mergeRules(base: BoardRules | null, input: LeaderboardRulesInput): BoardRules {
    const components: CompositeComponent[] | null | undefined = input.components?.map((c) => ({ metricKey: c.metricKey, weight: c.weight }));
    const metricKey = input.metricKey ?? (components ? null : (base?.metricKey ?? null));
    return {
      metricKey,
      components: components ?? (input.metricKey ? null : (base?.components ?? null)),
      windowPeriods: input.windowPeriods ?? base?.windowPeriods ?? 1,
      minDenominator: input.minDenominator !== undefined ? input.minDenominator : (base?.minDenominator ?? null),
      shrinkageK: input.shrinkageK !== undefined ? (input.shrinkageK === 0 ? null : input.shrinkageK) : (base?.shrinkageK ?? null),
      topPct: input.topPct ?? base?.topPct ?? DEFAULT_TOP_PCT,
      bottomPct: input.bottomPct ?? base?.bottomPct ?? DEFAULT_BOTTOM_PCT,
      watchStreak: input.watchStreak ?? base?.watchStreak ?? 2,
    };
  }

  private assertPeriodKind(kind: PeriodKind | string, field: string): RankingPeriodKind {
    if (!PERIOD_KINDS.has(kind)) throw badInput([{ field, message: 'leaderboards use DAY, ISO_WEEK, MONTH or QUARTER periods' }]);
    return kind as RankingPeriodKind;
  }

  /** ADMIN; a MANAGER for the populations they command (or the whole organization when they command none). */
  private assertCanManageBoard(
    ctx: RequestContext,
    scope: AccessScope,
    populationType: PopulationType,
    populationId: string | null,
    legionOfSquad?: string,
  ): void {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    if (scope.all) return;
    const ok =
      populationType === PopulationType.LEGION
        ? scope.legionIds.includes(populationId!)
        : populationType === PopulationType.SQUAD
          ? scope.manageSquadIds.includes(populationId!) || (legionOfSquad !== undefined && scope.legionIds.includes(legionOfSquad))
          : false;
    if (!ok) throw forbidden('You can only manage leaderboards of the legions you command.');
  }

  /** The legion or squad of a population, checked against the team kind. */
  private async population(
    m: EntityManager,
    organizationId: string,
    type: PopulationType,
    id: string | null,
    teamKind: TeamKind | null,
    field = 'input.populationId',
  ) {
    if (type === PopulationType.ORG) {
      if (id) throw badInput([{ field, message: 'an ORG population takes no populationId' }]);
      return { legionId: undefined as string | undefined };
    }
    if (!id) throw badInput([{ field, message: `a ${type} population needs populationId` }]);
    const rows: { kind: TeamKind; legion_id: string }[] =
      type === PopulationType.LEGION
        ? await m.query('SELECT kind, id AS legion_id FROM legion WHERE id = $1 AND organization_id = $2', [id, organizationId])
        : await m.query('SELECT l.kind, s.legion_id FROM squad s JOIN legion l ON l.id = s.legion_id WHERE s.id = $1 AND s.organization_id = $2', [
            id,
            organizationId,
          ]);
    if (!rows.length) throw notFound(type === PopulationType.LEGION ? 'Legion' : 'Squad', id);
    if (teamKind && rows[0].kind !== teamKind) throw badInput([{ field, message: `that ${type.toLowerCase()} is ${rows[0].kind}, not ${teamKind}` }]);
    return { legionId: rows[0].legion_id };
  }

  async createDefinition(ctx: RequestContext, input: CreateLeaderboardInput): Promise<LeaderboardDefinitionModel> {
    return this.tx.run((m) => this.createDefinitionIn(m, ctx, input));
  }

  async createDefinitionIn(m: EntityManager, ctx: RequestContext, input: CreateLeaderboardInput): Promise<LeaderboardDefinitionModel> {
    const periodKind = this.assertPeriodKind(input.periodKind, 'input.periodKind');
    const scope = await this.access.scope(ctx, m);
    const pop = await this.population(m, ctx.organizationId, input.populationType, input.populationId ?? null, input.teamKind);
    this.assertCanManageBoard(ctx, scope, input.populationType, input.populationId ?? null, pop.legionId);
    const rules = this.mergeRules(null, input);
    this.validateRules(rules, input.scope, input.teamKind);
    const def = await m.save(
      m.create(LeaderboardDefinition, {
        organizationId: ctx.organizationId,
        name: input.name.trim(),
        scope: input.scope,
        teamKind: input.teamKind,
        populationType: input.populationType,
        populationId: input.populationId ?? null,
        periodKind,
        currentVersion: 1,
        archivedAt: null,
        createdById: ctx.userId,
      }),
    );
    await m.insert(LeaderboardVersion, { organizationId: ctx.organizationId, definitionId: def.id, version: 1, ...rules, createdById: ctx.userId });
    await this.audit.record(ctx, {
      entityType: 'LeaderboardDefinition',
      entityId: def.id,
      action: 'CREATED',
      diff: { name: def.name, scope: def.scope, populationType: def.populationType, populationId: def.populationId, periodKind, ...rules },
    });
    return this.definitionIn(m, ctx, def.id);
  }

  /**
   * The live board of the current period for an unsaved definition: the same validation and access
   * rules as createLeaderboard (ADMIN; MANAGER of the population's legion), the same computation as
   * a saved board (liveStandings), no writes. Movement is against the previous period computed live.
   */
  async previewDefinition(ctx: RequestContext, input: PreviewLeaderboardInput, now = new Date()): Promise<LeaderboardModel> {
    return this.readDb.run(async (m) => {
      const periodKind = this.assertPeriodKind(input.periodKind, 'input.periodKind');
      const scope = await this.access.scope(ctx, m);
      const pop = await this.population(m, ctx.organizationId, input.populationType, input.populationId ?? null, input.teamKind);
      this.assertCanManageBoard(ctx, scope, input.populationType, input.populationId ?? null, pop.legionId);
      const rules = this.mergeRules(null, input);
      this.validateRules(rules, input.scope, input.teamKind);
      const rows: { time_zone: string; population_name: string | null }[] = await m.query(
        `SELECT o.time_zone,
                (SELECT name FROM legion WHERE id = $2::uuid UNION ALL SELECT name FROM squad WHERE id = $2::uuid LIMIT 1) AS population_name
         FROM organization o WHERE o.id = $1`,
        [ctx.organizationId, input.populationId ?? null],
      );
      ctx.timeZone ??= rows[0].time_zone;
      const board: LoadedBoard = {
        organizationId: ctx.organizationId,
        definition: null,
        version: null,
        populationName: rows[0].population_name,
        rules,
        name: input.name?.trim() || 'Preview',
        scope: input.scope,
        teamKind: input.teamKind,
        populationType: input.populationType,
        populationId: input.populationId ?? null,
        periodKind,
        timeZone: rows[0].time_zone,
      };
      return this.boardFor(m, board, periodContaining(periodKind, now, board.timeZone));
    });
  }

  /** Edits create a new version (rules) — the snapshots keep naming the version they used. */
  async updateDefinition(ctx: RequestContext, id: string, input: UpdateLeaderboardInput): Promise<LeaderboardDefinitionModel> {
    return this.tx.run(async (m) => {
      const board = await this.loadDefinition(m, ctx, id, { lock: true });
      const scope = await this.access.scope(ctx, m);
      const pop = await this.population(m, ctx.organizationId, board.populationType, board.populationId, null);
      this.assertCanManageBoard(ctx, scope, board.populationType, board.populationId, pop.legionId);
      const def = board.definition!;
      const rules = this.mergeRules(board.rules, input);
      this.validateRules(rules, board.scope, board.teamKind);
      const changed = JSON.stringify(rules) !== JSON.stringify(board.rules);
      const diff: Record<string, unknown> = {};
      if (input.name && input.name.trim() !== def.name) {
        diff.name = [def.name, input.name.trim()];
        await m.update(LeaderboardDefinition, { id }, { name: input.name.trim() });
      }
      if (changed) {
        const next = def.currentVersion + 1;
        await m.insert(LeaderboardVersion, { organizationId: ctx.organizationId, definitionId: id, version: next, ...rules, createdById: ctx.userId });
        await m.update(LeaderboardDefinition, { id }, { currentVersion: next });
        Object.assign(diff, diffOf(board.rules, rules), { version: [def.currentVersion, next] });
      }
      if (Object.keys(diff).length) await this.audit.record(ctx, { entityType: 'LeaderboardDefinition', entityId: id, action: 'UPDATED', diff });
      return this.definitionIn(m, ctx, id);
    });
  }

  async archiveDefinition(ctx: RequestContext, id: string): Promise<LeaderboardDefinitionModel> {
    return this.tx.run(async (m) => {
      const board = await this.loadDefinition(m, ctx, id, { lock: true });
      const scope = await this.access.scope(ctx, m);
      const pop = await this.population(m, ctx.organizationId, board.populationType, board.populationId, null);
      this.assertCanManageBoard(ctx, scope, board.populationType, board.populationId, pop.legionId);
      if (!board.definition!.archivedAt) {
        await m.update(LeaderboardDefinition, { id }, { archivedAt: new Date() });
        await this.audit.record(ctx, { entityType: 'LeaderboardDefinition', entityId: id, action: 'ARCHIVED', diff: {} });
      }
      return this.definitionIn(m, ctx, id);
    });
  }

  /**
   * Loads a definition with one version's rules (default: current) in one statement and checks
   * the caller may see it: everyone in the population (ORG boards: the whole organization),
   * plus the managers commanding it and admins. Another organization's id is NOT_FOUND.
   */
  async loadDefinition(m: EntityManager, ctx: RequestContext, id: string, opts: { lock?: boolean; version?: number } = {}): Promise<LoadedBoard> {
    const scope = await this.access.scope(ctx, m);
    if (opts.lock) await m.query('SELECT id FROM leaderboard_definition WHERE id = $1 AND organization_id = $2 FOR UPDATE', [id, ctx.organizationId]);
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT ${DEF_COLUMNS}, ${visibleSql('$3', '$4', '$5')} AS visible
       ${DEF_FROM}
       JOIN leaderboard_version v ON v.definition_id = d.id AND v.version = coalesce($6::int, d.current_version)
       WHERE d.id = $1 AND d.organization_id = $2`,
      [id, ctx.organizationId, scope.all, scope.readSquadIds, scope.legionIds, opts.version ?? null],
    );
    if (!rows.length || !rows[0].visible) throw notFound('Leaderboard', id);
    const { definition, version, timeZone, populationName } = toDefinition(rows[0]);
    return {
      organizationId: ctx.organizationId,
      definition,
      version,
      populationName,
      rules: rulesOf(version),
      name: definition.name,
      scope: definition.scope,
      teamKind: definition.teamKind,
      populationType: definition.populationType,
      populationId: definition.populationId,
      periodKind: definition.periodKind,
      timeZone,
    };
  }

  private async definitionIn(m: EntityManager, ctx: RequestContext, id: string): Promise<LeaderboardDefinitionModel> {
    return definitionModel(await this.loadDefinition(m, ctx, id))!;
  }

  async definition(ctx: RequestContext, id: string): Promise<LeaderboardDefinitionModel> {
    return this.definitionIn(this.dataSource.manager, ctx, id);
  }

  /** Definitions the caller can see, newest first. */
  async definitions(ctx: RequestContext, opts: { includeArchived?: boolean; teamKind?: TeamKind | null } = {}): Promise<LeaderboardDefinitionModel[]> {
    const m = this.dataSource.manager;
    const scope = await this.access.scope(ctx, m);
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT ${DEF_COLUMNS}
       ${DEF_FROM}
       JOIN leaderboard_version v ON v.definition_id = d.id AND v.version = d.current_version
       WHERE d.organization_id = $1 AND ${visibleSql('$2', '$3', '$4')} AND ($5::boolean OR d.archived_at IS NULL)
         AND ($6::text IS NULL OR d.team_kind::text = $6::text)
       ORDER BY d.created_at DESC, d.id`,
      [ctx.organizationId, scope.all, scope.readSquadIds, scope.legionIds, !!opts.includeArchived, opts.teamKind ?? null],
    );
    return rows.map((r) => {
      const { definition, version, timeZone, populationName } = toDefinition(r);
      return definitionModel({
        organizationId: ctx.organizationId,
        definition,
        version,
        populationName,
        rules: rulesOf(version),
        name: definition.name,
        scope: definition.scope,
        teamKind: definition.teamKind,
        populationType: definition.populationType,
        populationId: definition.populationId,
        periodKind: definition.periodKind,
        timeZone,
      })!;
    });
  }

  async versions(ctx: RequestContext, definitionId: string): Promise<LeaderboardVersionModel[]> {
    const m = this.dataSource.manager;
    await this.loadDefinition(m, ctx, definitionId);
    const rows = await m.find(LeaderboardVersion, { where: { definitionId, organizationId: ctx.organizationId }, order: { version: 'DESC' } });
    return rows.map((v) => versionModel(v, rulesOf(v)));
  }

  // ------------------------------------------------------------------ standings

  private async timeZone(m: EntityManager, ctx: RequestContext): Promise<string> {
    if (!ctx.timeZone) ctx.timeZone = await this.metrics.organizationTimeZone(ctx);
    return ctx.timeZone;
  }

  /** An ad-hoc board (no saved definition): default rules; uses a matching saved definition when there is one. */
  private async adHocBoard(m: EntityManager, ctx: RequestContext, input: LeaderboardInput, periodKind: RankingPeriodKind): Promise<LoadedBoard> {
    const missing = (['scope', 'teamKind', 'metricKey'] as const).filter((k) => !input[k]);
    if (missing.length) throw badInput(missing.map((k) => ({ field: `input.${k}`, message: 'required without definitionId' })));
    const scope = await this.access.scope(ctx, m);
    // One statement: what the population id is, its team kind, a matching saved definition, and whether the caller may see it.
    const rows: {
      population_type: string | null;
      kind: string | null;
      legion_id: string | null;
      visible: boolean;
      definition_id: string | null;
      time_zone: string;
      population_name: string | null;
    }[] = await m.query(
      `WITH p AS (
           SELECT 'LEGION' AS population_type, l.kind::text AS kind, l.id AS legion_id, l.name FROM legion l WHERE l.id = $2::uuid AND l.organization_id = $1
           UNION ALL
           SELECT 'SQUAD', l.kind::text, s.legion_id, s.name FROM squad s JOIN legion l ON l.id = s.legion_id WHERE s.id = $2::uuid AND s.organization_id = $1
         )
         SELECT o.time_zone, p.population_type, p.kind, p.legion_id, p.name AS population_name,
                ($3::boolean OR $2::uuid IS NULL OR p.legion_id = ANY($5::uuid[])
                  OR EXISTS (SELECT 1 FROM squad vs WHERE vs.id = ANY($4::uuid[]) AND (vs.id = $2::uuid OR vs.legion_id = $2::uuid))) AS visible,
                (SELECT d.id FROM leaderboard_definition d JOIN leaderboard_version v ON v.definition_id = d.id AND v.version = d.current_version
                  WHERE d.organization_id = $1 AND d.archived_at IS NULL AND d.scope = $6 AND d.team_kind::text = $7 AND d.period_kind = $8
                    AND d.population_id IS NOT DISTINCT FROM $2::uuid AND v.metric_key = $9
                  ORDER BY d.created_at LIMIT 1) AS definition_id
         FROM organization o LEFT JOIN p ON true
         WHERE o.id = $1`,
      [
        ctx.organizationId,
        input.populationId ?? null,
        scope.all,
        scope.readSquadIds,
        scope.legionIds,
        input.scope,
        input.teamKind,
        periodKind,
        input.metricKey,
      ],
    );
    const r = rows[0];
    if (input.populationId && !r.population_type) throw notFound('Legion or squad', input.populationId);
    if (!r.visible) throw notFound('Legion or squad', input.populationId!);
    if (r.kind && r.kind !== input.teamKind) throw badInput([{ field: 'input.populationId', message: `that population is ${r.kind}, not ${input.teamKind}` }]);
    ctx.timeZone ??= r.time_zone;
    if (r.definition_id) return this.loadDefinition(m, ctx, r.definition_id);
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
    this.validateRules(rules, input.scope!, input.teamKind!);
    return {
      organizationId: ctx.organizationId,
      definition: null,
      version: null,
      populationName: r.population_name,
      rules,
      name: `${input.metricKey} (${input.scope === RankingScope.SQUAD ? 'squads' : 'members'})`,
      scope: input.scope!,
      teamKind: input.teamKind!,
      populationType: (r.population_type as PopulationType | null) ?? PopulationType.ORG,
      populationId: input.populationId ?? null,
      periodKind,
      timeZone: r.time_zone,
    };
  }

  private resolveBoardPeriod(board: LoadedBoard, period: LeaderboardPeriodInput | null | undefined, now: Date): PeriodBounds {
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

  /**
   * The leaderboard of a period: live while open, from the snapshot once closed. A heavy read: on
   * the read replica when DATABASE_READ_URL is set (ReadDb; may lag the primary by its replay delay).
   */
  async leaderboard(ctx: RequestContext, input: LeaderboardInput, now = new Date()): Promise<LeaderboardModel> {
    return this.readDb.run((m) => this.leaderboardIn(m, ctx, input, now));
  }

  private async leaderboardIn(m: EntityManager, ctx: RequestContext, input: LeaderboardInput, now: Date): Promise<LeaderboardModel> {
    let board: LoadedBoard;
    if (input.definitionId) {
      board = await this.loadDefinition(m, ctx, input.definitionId);
    } else {
      const kind = this.assertPeriodKind(input.period?.kind ?? PeriodKind.ISO_WEEK, 'input.period.kind');
      board = await this.adHocBoard(m, ctx, input, kind);
    }
    if (input.period) this.assertPeriodKind(input.period.kind, 'input.period.kind');
    const period = this.resolveBoardPeriod(board, input.period, now);
    return this.boardFor(m, board, period);
  }

  /**
   * Current standings of a definition for a system caller (live pushes). On the primary, never the
   * replica: it runs right after a commit, which a lagging replica may not have replayed yet.
   */
  async currentBoard(organizationId: string, definitionId: string, now = new Date()): Promise<LeaderboardModel> {
    const m = this.dataSource.manager;
    const ctx = RequestContext.system(organizationId);
    const board = await this.loadDefinition(m, ctx, definitionId);
    return this.boardFor(m, board, periodContaining(board.periodKind, now, board.timeZone));
  }

  private async snapshotsAround(
    m: EntityManager,
    definitionId: string,
    periodStart: string,
  ): Promise<{ current: SnapshotRow | null; latestBefore: SnapshotRow | null }> {
    const rows: SnapshotRow[] = await m.query(
      `SELECT id, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end, label, version, version_id, rules_version,
              to_char(window_start, 'YYYY-MM-DD') AS window_start, population_rate, closed_at, closed_by_id, entity_count
       FROM leaderboard_snapshot
       WHERE definition_id = $1
         AND (period_start = $2::date OR period_start = (SELECT max(period_start) FROM leaderboard_snapshot WHERE definition_id = $1 AND period_start < $2::date))`,
      [definitionId, periodStart],
    );
    return { current: rows.find((r) => r.period_start === periodStart) ?? null, latestBefore: rows.find((r) => r.period_start !== periodStart) ?? null };
  }

  private async boardFor(m: EntityManager, board: LoadedBoard, period: PeriodBounds): Promise<LeaderboardModel> {
    if (board.definition) {
      const snaps = await this.snapshotsAround(m, board.definition.id, period.startDate);
      if (snaps.current) return this.snapshotBoard(m, board, period, snaps.current);
      const live = await this.liveStandings(m, board, period, snaps.latestBefore);
      return this.model(board, period, live.rows, { populationRate: live.populationRate, windowStart: live.windowStart });
    }
    const live = await this.liveStandings(m, board, period, null);
    return this.model(board, period, live.rows, { populationRate: live.populationRate, windowStart: live.windowStart });
  }

  /**
   * Live standings of `period` with movement against the previous period (its snapshot when
   * closed, else computed live in the same statement) and bottom streaks from the newest closed
   * snapshot before it. Constant statement count: 1 for the population and rollups, 1 per custom
   * metric per period, 1 for the previous snapshot's entries.
   */
  async liveStandings(
    m: EntityManager,
    board: LoadedBoard,
    period: PeriodBounds,
    latestBefore: SnapshotRow | null,
  ): Promise<{ rows: StandingRow[]; populationRate: number | null; windowStart: string; latestBefore: SnapshotRow | null }> {
    const defs = this.metricDefs(board.rules, board.scope);
    const prev = previousPeriod(board.periodKind, period.startDate, board.timeZone);
    const prevClosed = latestBefore?.period_start === prev.startDate ? latestBefore : null;
    const curWindow = windowStart(board.periodKind, period.startDate, board.rules.windowPeriods);
    const prevWindow = windowStart(board.periodKind, prev.startDate, board.rules.windowPeriods);
    const entityType = this.entityType(board.scope);
    const columns = rollupColumns(defs);
    const source = boardRollupSource([curWindow, period.endDate], [prevWindow, prev.endDate]);
    const rows: Record<string, unknown>[] = await m.query(liveBoardSql(board.scope, columns, source), [
      board.organizationId,
      board.teamKind,
      board.populationType,
      board.populationId,
      period.start,
      period.end,
      curWindow,
      period.endDate,
      prev.start,
      prev.end,
      prevWindow,
      prev.endDate,
      !prevClosed,
      entityType,
    ]);
    const organizationId = board.organizationId;
    const compute = async (inPeriod: Record<string, unknown>[], prefix: 'c_' | 'p_', startDate: string, endDate: string, bounds: PeriodBounds) => {
      const req: MetricRequest = {
        organizationId,
        entityType,
        entityIds: inPeriod.map((r) => String(r.id)),
        startDate,
        endDate,
        start: periodBounds(board.periodKind, startDate, board.timeZone).start,
        end: bounds.end,
        timeZone: board.timeZone,
      };
      const parts = await this.metrics.compute(
        defs,
        req,
        inPeriod.map((r) => rollupRow(r, prefix, columns)),
      );
      const perDef = defs.map((d) => [d.key, parts.get(d.key)] as const);
      return inPeriod.map((r): EntityParts => {
        const id = r.id as string;
        const map = new Map<string, MetricParts>();
        for (const [key, byEntity] of perDef) {
          const p = byEntity?.get(id);
          if (p) map.set(key, p);
        }
        return { id, name: r.name as string, parts: map };
      });
    };
    const current = rankBoard(
      board.rules,
      defs,
      await compute(
        rows.filter((r) => r.in_cur),
        'c_',
        curWindow,
        period.endDate,
        period,
      ),
    );
    let previousRanks: Map<string, number | null> | null = null;
    let streaks: Map<string, number> | null = null;
    if (!prevClosed) {
      const previous = rankBoard(
        board.rules,
        defs,
        await compute(
          rows.filter((r) => r.in_prev),
          'p_',
          prevWindow,
          prev.endDate,
          prev,
        ),
      );
      previousRanks = new Map(previous.rows.map((r) => [r.entityId, r.rank]));
    }
    if (latestBefore) {
      const entries: { entity_id: string; rank: number | null; bottom_streak: number }[] = await m.query(
        'SELECT entity_id, rank, bottom_streak FROM leaderboard_snapshot_entry WHERE snapshot_id = $1',
        [latestBefore.id],
      );
      if (prevClosed) previousRanks = new Map(entries.map((e) => [e.entity_id, e.rank]));
      streaks = new Map(entries.map((e) => [e.entity_id, Number(e.bottom_streak)]));
    }
    applyHistory(current.rows, previousRanks, streaks);
    return { rows: current.rows, populationRate: current.populationRate, windowStart: curWindow, latestBefore };
  }

  private async snapshotBoard(m: EntityManager, board: LoadedBoard, period: PeriodBounds, snap: SnapshotRow): Promise<LeaderboardModel> {
    const entries: Record<string, unknown>[] = await m.query(
      `SELECT e.entity_id, e.entity_name, e.rank, e.value, e.adjusted_value, e.numerator, e.denominator, e.band, e.percentile, e.unranked_reason,
              e.previous_rank, e.bottom_streak, e.inputs, e.ordinal,
              v.id AS v_id, v.version AS v_version, v.metric_key AS v_metric_key, v.components AS v_components, v.window_periods AS v_window_periods,
              v.min_denominator AS v_min_denominator, v.shrinkage_k AS v_shrinkage_k, v.top_pct AS v_top_pct, v.bottom_pct AS v_bottom_pct,
              v.watch_streak AS v_watch_streak, v.created_by_id AS v_created_by_id, v.created_at AS v_created_at
       FROM leaderboard_version v LEFT JOIN leaderboard_snapshot_entry e ON e.snapshot_id = $1
       WHERE v.id = $2
       ORDER BY e.ordinal`,
      [snap.id, snap.version_id],
    );
    const v = entries[0];
    const version = Object.assign(new LeaderboardVersion(), {
      id: v.v_id,
      version: Number(v.v_version),
      metricKey: v.v_metric_key,
      components: v.v_components,
      windowPeriods: Number(v.v_window_periods),
      minDenominator: v.v_min_denominator === null ? null : Number(v.v_min_denominator),
      shrinkageK: v.v_shrinkage_k === null ? null : Number(v.v_shrinkage_k),
      topPct: Number(v.v_top_pct),
      bottomPct: Number(v.v_bottom_pct),
      watchStreak: Number(v.v_watch_streak),
      createdById: v.v_created_by_id,
      createdAt: v.v_created_at,
    });
    const rows: StandingRow[] = entries
      .filter((e) => e.entity_id !== null)
      .map((e) => {
        const rank = e.rank === null ? null : Number(e.rank);
        const previousRank = e.previous_rank === null ? null : Number(e.previous_rank);
        const inputs = e.inputs as { components?: StandingRow['components'] } | null;
        return {
          rank,
          position: e.band === 'UNRANKED' ? null : Number(e.ordinal),
          entityId: String(e.entity_id),
          entityName: String(e.entity_name),
          value: e.value as number | null,
          adjustedValue: e.adjusted_value as number | null,
          numerator: e.numerator as number | null,
          denominator: e.denominator as number | null,
          band: e.band as Band,
          percentile: e.percentile as number | null,
          unrankedReason: e.unranked_reason as string | null,
          previousRank,
          rankDelta: previousRank === null || rank === null ? null : previousRank - rank,
          bottomStreak: Number(e.bottom_streak),
          components: inputs?.components ?? null,
        };
      });
    const snapBoard: LoadedBoard = { ...board, version, rules: rulesOf(version) };
    return this.model(snapBoard, period, rows, {
      populationRate: snap.population_rate,
      windowStart: snap.window_start,
      snapshot: { id: snap.id, closedAt: snap.closed_at, rulesVersion: snap.rules_version },
    });
  }

  private model(
    board: LoadedBoard,
    period: PeriodBounds,
    rows: StandingRow[],
    extra: { populationRate: number | null; windowStart: string; snapshot?: { id: string; closedAt: Date; rulesVersion: string } },
  ): LeaderboardModel {
    const defs = this.metricDefs(board.rules, board.scope);
    const bands = { top: 0, middle: 0, bottom: 0, unranked: 0 };
    const entries: StandingModel[] = rows.map((r) => {
      bands[r.band === 'TOP' ? 'top' : r.band === 'MIDDLE' ? 'middle' : r.band === 'BOTTOM' ? 'bottom' : 'unranked']++;
      return {
        rank: r.rank,
        position: r.position,
        entity: { id: r.entityId, name: r.entityName },
        value: r.value,
        adjustedValue: r.adjustedValue,
        numerator: r.numerator,
        denominator: r.denominator,
        band: r.band as StandingBand,
        percentile: r.percentile,
        previousRank: r.previousRank,
        rankDelta: r.rankDelta,
        bottomStreak: r.bottomStreak,
        unrankedReason: r.unrankedReason,
        components: r.components,
      };
    });
    return {
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
      bands,
      entries,
    };
  }

  // ------------------------------------------------------------------ closing

  /** ADMIN, MANAGER: closes an ended period into an immutable snapshot. Idempotent. */
  async closePeriod(ctx: RequestContext, definitionId: string, period: LeaderboardPeriodInput, now = new Date()): Promise<LeaderboardModel> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    const snapId = await this.tx.run(async (m) => {
      const board = await this.loadDefinition(m, ctx, definitionId, { lock: true });
      const scope = await this.access.scope(ctx, m);
      const pop = await this.population(m, ctx.organizationId, board.populationType, board.populationId, null);
      this.assertCanManageBoard(ctx, scope, board.populationType, board.populationId, pop.legionId);
      this.assertPeriodKind(period.kind, 'period.kind');
      const bounds = this.resolveBoardPeriod(board, period, now);
      if (bounds.end.getTime() > now.getTime()) throw badInput([{ field: 'period', message: `${bounds.label} has not ended yet` }]);
      return (await this.closeIn(m, ctx, board, bounds)).snapshotId;
    });
    const board = await this.loadDefinition(this.dataSource.manager, ctx, definitionId);
    const snaps = await this.snapshotsAround(this.dataSource.manager, definitionId, periodBounds(board.periodKind, period.start, board.timeZone).startDate);
    if (!snaps.current || snaps.current.id !== snapId) throw conflict('The snapshot changed while it was read; retry.');
    return this.snapshotBoard(this.dataSource.manager, board, periodBounds(board.periodKind, period.start, board.timeZone), snaps.current);
  }

  /**
   * Snapshots one ended period of a definition (the definition row must be locked by the
   * caller's transaction). Returns the existing snapshot when the period is already closed.
   */
  async closeIn(m: EntityManager, ctx: RequestContext, board: LoadedBoard, period: PeriodBounds): Promise<{ snapshotId: string; created: boolean }> {
    const def = board.definition!;
    const snaps = await this.snapshotsAround(m, def.id, period.startDate);
    if (snaps.current) return { snapshotId: snaps.current.id, created: false };
    const live = await this.liveStandings(m, board, period, snaps.latestBefore);
    const prevStart = previousPeriod(board.periodKind, period.startDate);
    const continuing = snaps.latestBefore?.period_start === prevStart;
    // Streaks continue only from the immediately previous closed period (a gap resets them).
    const rows = live.rows.map((r, i) => ({
      entity_id: r.entityId,
      ordinal: i + 1,
      entity_name: r.entityName,
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
    }));
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO leaderboard_snapshot (organization_id, definition_id, version_id, version, rules_version, period_kind, label, period_start, period_end,
                                         window_start, time_zone, population_rate, entity_count, closed_at, closed_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now(), $14)
       ON CONFLICT (definition_id, period_start) DO NOTHING RETURNING id`,
      [
        def.organizationId,
        def.id,
        board.version!.id,
        board.version!.version,
        RULES_VERSION,
        board.periodKind,
        period.label,
        period.startDate,
        period.endDate,
        live.windowStart,
        board.timeZone,
        live.populationRate,
        rows.length,
        ctx.userId,
      ],
    );
    if (!inserted.length) {
      const again = await this.snapshotsAround(m, def.id, period.startDate);
      return { snapshotId: again.current!.id, created: false };
    }
    const snapshotId = inserted[0].id;
    if (rows.length) {
      await m.query(
        `INSERT INTO leaderboard_snapshot_entry (snapshot_id, definition_id, period_start, entity_id, ordinal, entity_name, rank, value, adjusted_value, numerator,
                                                 denominator, band, percentile, unranked_reason, previous_rank, bottom_streak, inputs)
         SELECT $1, $2, $3::date, x.entity_id, x.ordinal, x.entity_name, x.rank, x.value, x.adjusted_value, x.numerator, x.denominator, x.band, x.percentile,
                x.unranked_reason, x.previous_rank, x.bottom_streak, x.inputs
         FROM jsonb_to_recordset($4::jsonb) AS x(entity_id uuid, ordinal int, entity_name text, rank int, value double precision, adjusted_value double precision,
              numerator double precision, denominator double precision, band text, percentile double precision, unranked_reason text, previous_rank int,
              bottom_streak int, inputs jsonb)`,
        [snapshotId, def.id, period.startDate, JSON.stringify(rows)],
      );
    }
    await this.audit.record(ctx, {
      entityType: 'LeaderboardDefinition',
      entityId: def.id,
      action: 'PERIOD_CLOSED',
      diff: { period: period.label, snapshotId, version: board.version!.version, rulesVersion: RULES_VERSION, entities: rows.length },
    });
    return { snapshotId, created: true };
  }

  /**
   * Worker job: closes every ended period of active definitions, oldest first, from the period
   * the definition was created in (or after its newest snapshot), in each organization's time
   * zone. Runs under the job's advisory lock; the snapshot's unique key makes it idempotent.
   * `only` restricts it to one organization or one definition (one unit of the job).
   */
  async closeDuePeriods(m: EntityManager, now: Date, maxPerDefinition = 12, only: { organizationId?: string; definitionId?: string } = {}): Promise<number> {
    const defs = await this.definitionsToClose(m, only);
    let closed = 0;
    for (const d of defs) {
      let p = this.firstOpenPeriod(d);
      let board: LoadedBoard | null = null;
      for (let i = 0; i < maxPerDefinition && p.end.getTime() <= now.getTime(); i++) {
        const ctx = RequestContext.system(d.organization_id);
        if (!board) board = await this.loadDefinition(m, ctx, d.id, { lock: true });
        if ((await this.closeIn(m, ctx, board, p)).created) closed++;
        p = periodBounds(d.period_kind, p.endDate, d.time_zone);
      }
    }
    return closed;
  }

  /** Definitions whose first unclosed period has ended by `now` (the closing job's units). */
  async definitionsDue(m: EntityManager, now: Date): Promise<{ organizationId: string; definitionId: string }[]> {
    const defs = await this.definitionsToClose(m, {});
    return defs.filter((d) => this.firstOpenPeriod(d).end.getTime() <= now.getTime()).map((d) => ({ organizationId: d.organization_id, definitionId: d.id }));
  }

  private firstOpenPeriod(d: { period_kind: RankingPeriodKind; created_at: Date; time_zone: string; last: string | null }): PeriodBounds {
    return d.last ? nextPeriod(d.period_kind, d.last, d.time_zone) : periodContaining(d.period_kind, new Date(d.created_at), d.time_zone);
  }

  private definitionsToClose(
    m: EntityManager,
    only: { organizationId?: string; definitionId?: string },
  ): Promise<{ id: string; organization_id: string; period_kind: RankingPeriodKind; created_at: Date; time_zone: string; last: string | null }[]> {
    return m.query(
      `SELECT d.id, d.organization_id, d.period_kind, d.created_at, o.time_zone,
              (SELECT to_char(max(s.period_start), 'YYYY-MM-DD') FROM leaderboard_snapshot s WHERE s.definition_id = d.id) AS last
       FROM leaderboard_definition d JOIN organization o ON o.id = d.organization_id
       WHERE d.archived_at IS NULL AND ($1::uuid IS NULL OR d.organization_id = $1) AND ($2::uuid IS NULL OR d.id = $2)
       ORDER BY d.created_at, d.id`,
      [only.organizationId ?? null, only.definitionId ?? null],
    );
  }

  async snapshots(ctx: RequestContext, definitionId: string, first = 20): Promise<SnapshotInfoModel[]> {
    const m = this.dataSource.manager;
    await this.loadDefinition(m, ctx, definitionId);
    const rows: SnapshotRow[] = await m.query(
      `SELECT id, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end, label, version, rules_version,
              entity_count, closed_at, closed_by_id
       FROM leaderboard_snapshot WHERE definition_id = $1 AND organization_id = $2 ORDER BY period_start DESC LIMIT $3`,
      [definitionId, ctx.organizationId, Math.min(Math.max(first, 1), 200)],
    );
    return rows.map((r) => ({
      id: r.id,
      definitionId,
      label: r.label,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      version: Number(r.version),
      rulesVersion: r.rules_version,
      entityCount: Number(r.entity_count),
      closedAt: r.closed_at,
      closedById: r.closed_by_id,
    }));
  }

  /** Most closed periods a history returns (sparklines show 8). */
  static readonly MAX_HISTORY_PERIODS = 26;

  /**
   * Every entity's outcome in the last `periods` closed periods of a board, oldest period first,
   * for sparklines. Readable by whoever may read the board (its closed snapshots are); one
   * statement after the access check, whatever the number of entities.
   */
  async history(ctx: RequestContext, definitionId: string, periods = 8): Promise<LeaderboardHistoryModel> {
    if (!Number.isInteger(periods) || periods < 1 || periods > RankingsService.MAX_HISTORY_PERIODS) {
      throw badInput([{ field: 'periods', message: `between 1 and ${RankingsService.MAX_HISTORY_PERIODS}` }]);
    }
    const m = this.dataSource.manager;
    await this.loadDefinition(m, ctx, definitionId);
    const rows: {
      snapshot_id: string;
      period_start: string;
      period_end: string;
      label: string;
      entity_id: string | null;
      entity_name: string | null;
      value: number | null;
      rank: number | null;
      band: string | null;
    }[] = await m.query(
      `WITH s AS (
         SELECT id, period_start, period_end, label FROM leaderboard_snapshot
         WHERE definition_id = $1 AND organization_id = $2 ORDER BY period_start DESC LIMIT $3
       )
       SELECT s.id AS snapshot_id, to_char(s.period_start, 'YYYY-MM-DD') AS period_start, to_char(s.period_end, 'YYYY-MM-DD') AS period_end, s.label,
              e.entity_id, e.entity_name, e.value, e.rank, e.band
       FROM s LEFT JOIN leaderboard_snapshot_entry e ON e.snapshot_id = s.id
       ORDER BY s.period_start, e.ordinal`,
      [definitionId, ctx.organizationId, periods],
    );
    const periodIndex = new Map<string, number>();
    const out: LeaderboardHistoryModel = { definitionId, periods: [], entities: [] };
    for (const r of rows) {
      if (!periodIndex.has(r.snapshot_id)) {
        periodIndex.set(r.snapshot_id, out.periods.length);
        out.periods.push({ label: r.label, periodStart: r.period_start, periodEnd: r.period_end });
      }
    }
    const n = out.periods.length;
    const byEntity = new Map<string, LeaderboardHistoryModel['entities'][number]>();
    for (const r of rows) {
      if (!r.entity_id) continue;
      let h = byEntity.get(r.entity_id);
      if (!h) {
        h = { entity: { id: r.entity_id, name: r.entity_name ?? '' }, values: Array(n).fill(null), ranks: Array(n).fill(null), bands: Array(n).fill(null) };
        byEntity.set(r.entity_id, h);
        out.entities.push(h);
      }
      const i = periodIndex.get(r.snapshot_id)!;
      // The newest period's name wins (people are renamed).
      h.entity.name = r.entity_name ?? h.entity.name;
      h.values[i] = r.value === null ? null : Number(r.value);
      h.ranks[i] = r.rank === null ? null : Number(r.rank);
      h.bands[i] = r.band as StandingBand;
    }
    return out;
  }

  // ------------------------------------------------------------------ watch list

  /**
   * Entities in BOTTOM for at least K consecutive closed periods (newest snapshot). LEAD,
   * MANAGER, ADMIN; leads and legion commanders see the people (or squads) they manage.
   */
  async watchList(ctx: RequestContext, definitionId: string): Promise<WatchListModel> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    return this.readDb.run((m) => this.watchListIn(m, ctx, definitionId));
  }

  private async watchListIn(m: EntityManager, ctx: RequestContext, definitionId: string): Promise<WatchListModel> {
    const board = await this.loadDefinition(m, ctx, definitionId);
    const scope = await this.access.scope(ctx, m);
    const k = board.rules.watchStreak;
    const rows: {
      entity_id: string;
      entity_name: string;
      rank: number | null;
      value: number | null;
      bottom_streak: number;
      label: string;
      plan_id: string | null;
      managed: boolean;
    }[] = await m.query(
      `WITH s AS (SELECT id, label FROM leaderboard_snapshot WHERE definition_id = $1 ORDER BY period_start DESC LIMIT 1)
         SELECT e.entity_id, e.entity_name, e.rank, e.value, e.bottom_streak, s.label,
                (SELECT cp.id FROM coaching_plan cp WHERE cp.subject_user_id = e.entity_id AND cp.status = 'OPEN' AND cp.organization_id = $2) AS plan_id,
                ($3::boolean OR e.entity_id = ANY($4::uuid[])
                  OR EXISTS (SELECT 1 FROM squad_membership sm WHERE sm.user_id = e.entity_id AND sm.valid_to IS NULL AND sm.squad_id = ANY($4::uuid[]))) AS managed
         FROM s LEFT JOIN leaderboard_snapshot_entry e ON e.snapshot_id = s.id AND e.bottom_streak >= $5
         ORDER BY e.bottom_streak DESC NULLS LAST, e.entity_name`,
      [definitionId, ctx.organizationId, scope.all, scope.manageSquadIds, k],
    );
    const candidates = rows.filter((r) => r.entity_id !== null && r.managed);
    const ids = new Set(libWatchList(Object.fromEntries(candidates.map((r) => [r.entity_id, Array<Band>(Number(r.bottom_streak)).fill('BOTTOM')])), k));
    return {
      definitionId,
      watchStreak: k,
      asOf: rows[0]?.label ?? null,
      entries: candidates
        .filter((r) => ids.has(r.entity_id))
        .map((r) => ({
          entity: { id: r.entity_id, name: r.entity_name },
          bottomStreak: Number(r.bottom_streak),
          lastRank: r.rank,
          lastValue: r.value,
          openCoachingPlanId: board.scope === RankingScope.MEMBER ? r.plan_id : null,
        })),
    };
  }
}
